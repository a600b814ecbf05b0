using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Zsep.Stack.Gateway;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl.SmartEnergy;

namespace ZsepAdmin.Commands
{
    /// <summary>
    /// Base of the cmdlets that send a Smart Energy command from the ESI to devices: -Node (IEEE addresses, bound from
    /// the pipeline by the Ieee property of Get-ZsepNode records) or -All (every device with the cluster's client);
    /// the nodes of a pipeline are gathered and the command goes once, at the end. Undelivered devices are
    /// non-terminating SmartEnergyNotDelivered errors.
    /// </summary>
    public abstract class SmartEnergySendCmdlet : ZsepNetworkCmdlet
    {
        private readonly List<Eui64> _nodes = new List<Eui64>();

        /// <summary>The devices to send to (IEEE addresses); Get-ZsepNode records bind by their Ieee property.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Node", ValueFromPipelineByPropertyName = true)]
        [Alias("Ieee")]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64[] Node { get; set; } = Array.Empty<Eui64>();

        /// <summary>Every device of the network with the cluster's client (devices not yet interviewed included).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "All")]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == "Node")
            {
                _nodes.AddRange(Node);
            }
        }

        protected override void EndProcessing()
        {
            Gateway gateway = ResolveNetwork();
            IReadOnlyList<Eui64>? nodes = All ? null : _nodes;
            string target = All ? $"every device of {gateway.Name}" : _nodes.Count == 1 ? $"{_nodes[0]}" : $"{_nodes.Count} devices of {gateway.Name}";
            Send(gateway, nodes, target);
        }

        /// <summary>Sends to <paramref name="nodes"/> (null: all); <paramref name="target"/> describes them for ShouldProcess.</summary>
        protected abstract void Send(Gateway gateway, IReadOnlyList<Eui64>? nodes, string target);

        /// <summary>Runs a gateway call, mapping its refusals (unknown node, id in use) and a lost radio to errors.</summary>
        protected T? Call<T>(Gateway gateway, Func<T> call, object? target)
            where T : class
        {
            try
            {
                return call();
            }
            catch (SmartEnergyException ex)
            {
                WriteStackError(ex, target);
            }
            catch (ArgumentException ex)
            {
                WriteStackError(ex, target);
            }
            catch (Zsep.Radio.RadioUnavailableException ex)
            {
                ThrowStackError(ex, gateway.Name);
            }

            return null;
        }

        /// <summary>
        /// Runs a gateway send (see <see cref="Call"/>) and writes its record, with one error per device that did not take
        /// the command.
        /// </summary>
        protected void SendAndWrite<T>(Gateway gateway, IReadOnlyList<Eui64>? nodes, Func<T> send, Func<T, IEnumerable<ZsepDelivery>> deliveries)
            where T : class
        {
            if (Call(gateway, send, nodes?.FirstOrDefault()) is T result)
            {
                WriteUndelivered(deliveries(result));
                WriteObject(result);
            }
        }

        /// <summary>One non-terminating error per device that did not take the command.</summary>
        protected void WriteUndelivered(IEnumerable<ZsepDelivery> deliveries)
        {
            foreach (ZsepDelivery d in deliveries)
            {
                if (!d.Delivered)
                {
                    WriteError(new ErrorRecord(new InvalidOperationException($"{d.Command} {d.Id} did not reach {d.Node}: {d.Result}."),
                        "SmartEnergyNotDelivered", ErrorCategory.ConnectionError, d.Node));
                }
            }
        }

        /// <summary>
        /// The start time as a ZCL UTCTime: -StartTime (absolute), or the network's clock plus -StartIn, or 0 (now).
        /// Returns false (with an error written) when both are given or the time is out of range.
        /// </summary>
        protected bool TryStart(Gateway gateway, DateTimeOffset? startTime, TimeSpan? startIn, out ZclUtcTime start)
        {
            start = ZclUtcTime.Now;
            if (startTime is not null && startIn is not null)
            {
                WriteError(new ErrorRecord(new ArgumentException("Give -StartTime or -StartIn, not both."), "StartTimeConflict", ErrorCategory.InvalidArgument, startTime));
                return false;
            }

            DateTimeOffset? at = startTime ?? (startIn is TimeSpan d ? gateway.Scheduler.Now + d : null);
            if (at is DateTimeOffset t)
            {
                try
                {
                    start = ZclUtcTime.FromDateTime(t.UtcDateTime);
                }
                catch (ArgumentOutOfRangeException ex)
                {
                    WriteError(new ErrorRecord(ex, "InvalidStartTime", ErrorCategory.InvalidArgument, t));
                    return false;
                }
            }

            return true;
        }
    }
}
