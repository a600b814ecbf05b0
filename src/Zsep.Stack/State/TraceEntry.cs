using System;
using Zsep.Stack.Types;

namespace Zsep.Stack.State
{
    /// <summary>Severity of a trace event.</summary>
    public enum TraceLevel
    {
        Debug = 0,
        Info = 1,
        Warning = 2,
        Error = 3,
    }

    /// <summary>
    /// One line of trace.log (Get-ZsepTrace): time, level, code (<see cref="TraceCodes"/>), the node it concerns
    /// (an IEEE address, a network address, or none) and free text.
    /// </summary>
    public sealed record TraceEntry
    {
        public DateTimeOffset Time { get; init; }

        public TraceLevel Level { get; init; }

        public string Code { get; init; } = "";

        /// <summary>The node as written: "00:0D:6F:00:0B:BC:AB:01", "0x1A2B", or null.</summary>
        public string? Node { get; init; }

        public string Detail { get; init; } = "";

        /// <summary>The node's IEEE address, when it was traced by one.</summary>
        public Eui64? Ieee => Node is not null && Node.Length > 6 && Eui64.TryParse(Node, out Eui64 v) ? v : null;

        /// <summary>The node's network address, when it was traced by one.</summary>
        public NwkAddress? NwkAddress => Node is not null && Node.Length <= 6 && Types.NwkAddress.TryParse(Node, out NwkAddress v) ? v : null;
    }
}
