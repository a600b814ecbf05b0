using System;
using System.Collections.Generic;
using System.Threading;
using Zsep.Radio.Spinel;
using Zsep.Stack.Types;

namespace Zsep.Radio.Driver
{
    /// <summary>What an RCP said about itself at start-up.</summary>
    public sealed record SpinelRadioInfo
    {
        /// <summary>PROP_NCP_VERSION: the firmware's version string.</summary>
        public string FirmwareVersion { get; init; } = "";

        /// <summary>PROP_PROTOCOL_VERSION.</summary>
        public SpinelProtocolVersion ProtocolVersion { get; init; } = new SpinelProtocolVersion(0, 0);

        /// <summary>PROP_RCP_API_VERSION.</summary>
        public uint RcpApiVersion { get; init; }

        /// <summary>PROP_RCP_MIN_HOST_API_VERSION, when the radio has it.</summary>
        public uint? RcpMinHostApiVersion { get; init; }

        /// <summary>PROP_CAPS.</summary>
        public IReadOnlyList<SpinelCapability> Capabilities { get; init; } = Array.Empty<SpinelCapability>();

        /// <summary>PROP_HWADDR: the radio's factory EUI-64.</summary>
        public Eui64 HardwareAddress { get; init; }
    }

    /// <summary>Counters of a Spinel radio (what Get-ZsepRadio shows). Updated on the stack's loop.</summary>
    public sealed class SpinelRadioCounters
    {
        private long _resets;

        /// <summary>STREAM_RAW frames handed to the radio.</summary>
        public long FramesSent { get; internal set; }

        /// <summary>Frames the radio received and passed up.</summary>
        public long FramesReceived { get; internal set; }

        /// <summary>Times the radio reset on its own (after start-up) and the configuration was applied again.</summary>
        public long Resets => Interlocked.Read(ref _resets);

        public long NoAck { get; internal set; }

        public long ChannelAccessFailures { get; internal set; }

        /// <summary>Transmissions that ended without an answer or with another error (radio reset, timeout).</summary>
        public long TransmitErrors { get; internal set; }

        /// <summary>Configuration commands the radio refused or did not answer.</summary>
        public long CommandErrors { get; internal set; }

        /// <summary>STREAM_RAW values from the radio that did not decode.</summary>
        public long MalformedFrames { get; internal set; }

        internal void Reset() => Interlocked.Increment(ref _resets);
    }

    /// <summary>Settings of the Spinel radio driver.</summary>
    public sealed record SpinelRadioOptions
    {
        /// <summary>How long the radio has to answer a configuration command.</summary>
        public TimeSpan CommandTimeout { get; init; } = SpinelHost.DefaultTimeout;

        /// <summary>How long a transmission may take to be reported done (CSMA-CA, retries, the serial line both ways).</summary>
        public TimeSpan TransmitTimeout { get; init; } = TimeSpan.FromSeconds(1);

        /// <summary>How long to wait for the reset notification after RESET, per attempt (three attempts).</summary>
        public TimeSpan ResetTimeout { get; init; } = TimeSpan.FromSeconds(3);
    }
}
