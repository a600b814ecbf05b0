using System;
using Zsep.Stack.Types;

namespace Zsep.Radio
{
    /// <summary>
    /// A network's radio as Get-ZsepRadio shows it: what it is, what its firmware said at start-up (Spinel radios),
    /// its channel and power, and its counters. Fields that do not apply to a radio (firmware versions of a
    /// simulated one) are null.
    /// </summary>
    public sealed record ZsepRadio
    {
        public string Network { get; init; } = "";

        /// <summary>The radio string: "/dev/ttyACM0", "tcp://host:6638", "sim://name".</summary>
        public string Radio { get; init; } = "";

        /// <summary>"Spinel RCP" or "Simulated".</summary>
        public string Kind { get; init; } = "";

        /// <summary>The radio's EUI-64.</summary>
        public Eui64 Ieee { get; init; }

        /// <summary>Whether the radio answers (false once the port is gone).</summary>
        public bool Available { get; init; }

        /// <summary>PROP_NCP_VERSION (Spinel); "simulated" otherwise.</summary>
        public string? FirmwareVersion { get; init; }

        /// <summary>PROP_PROTOCOL_VERSION, "4.3".</summary>
        public string? ProtocolVersion { get; init; }

        public uint? RcpApiVersion { get; init; }

        /// <summary>PROP_CAPS names (Spinel radios).</summary>
        public string[] Capabilities { get; init; } = Array.Empty<string>();

        public byte Channel { get; init; }

        public PanId PanId { get; init; }

        public sbyte TxPowerDbm { get; init; }

        public bool Promiscuous { get; init; }

        public long FramesSent { get; init; }

        public long FramesReceived { get; init; }

        /// <summary>HDLC frames from the radio with a bad FCS (serial line errors); 0 on a simulated radio.</summary>
        public long FcsErrors { get; init; }

        /// <summary>Times the radio reset on its own and was configured again.</summary>
        public long Resets { get; init; }

        public long NoAck { get; init; }

        public long ChannelAccessFailures { get; init; }

        public override string ToString() => $"{Kind} {Radio}";
    }

    /// <summary>What Test-ZsepRadio found on a port.</summary>
    public sealed record ZsepRadioProbe
    {
        public string Port { get; init; } = "";

        /// <summary>Whether an OpenThread RCP this host can drive answered.</summary>
        public bool Responds { get; init; }

        public string? FirmwareVersion { get; init; }

        public string? ProtocolVersion { get; init; }

        public uint? RcpApiVersion { get; init; }

        public Eui64? Ieee { get; init; }

        public string[] Capabilities { get; init; } = Array.Empty<string>();

        /// <summary>Why it did not answer, or why its firmware was refused.</summary>
        public string? Error { get; init; }

        /// <summary>Wall time the probe took.</summary>
        public TimeSpan Elapsed { get; init; }

        public override string ToString() => Responds ? $"{Port}: {FirmwareVersion}" : $"{Port}: {Error}";
    }
}
