using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Zsep.Stack.Types;

namespace Zsep.Stack.State
{
    /// <summary>
    /// A network as the Open Coordinator Backup format (zigpy/open-coordinator-backup, version 1; written and read by
    /// zigpy/ZHA and zigbee-herdsman/Zigbee2MQTT) holds it: enough for another coordinator to take over the network
    /// without a single device re-joining. Keys are <see cref="ZigbeeKey"/>s, which never display.
    /// </summary>
    public sealed record CoordinatorBackup
    {
        public const string Format = "zigpy/open-coordinator-backup";

        public string Source { get; init; } = "";

        public DateTimeOffset? CreatedAt { get; init; }

        public Eui64 CoordinatorIeee { get; init; }

        public PanId PanId { get; init; }

        public Eui64 ExtendedPanId { get; init; }

        public byte NwkUpdateId { get; init; }

        public byte SecurityLevel { get; init; } = 5;

        public byte Channel { get; init; }

        public IReadOnlyList<byte> ChannelMask { get; init; } = Array.Empty<byte>();

        public ZigbeeKey NetworkKey { get; init; } = null!;

        public byte NetworkKeySequence { get; init; }

        /// <summary>The coordinator's outgoing NWK frame counter: every value below it may have been used.</summary>
        public uint NetworkKeyFrameCounter { get; init; }

        /// <summary>The Trust Center link key for devices without their own (metadata.internal.network.tc_link_key), when given.</summary>
        public ZigbeeKey? TrustCenterLinkKey { get; init; }

        public IReadOnlyList<CoordinatorBackupDevice> Devices { get; init; } = Array.Empty<CoordinatorBackupDevice>();

        /// <summary>The tool-specific parts (metadata.internal, stack_specific) as JSON text, kept so a round trip loses nothing.</summary>
        public string? InternalJson { get; init; }

        public string? StackSpecificJson { get; init; }

        private bool PrintMembers(StringBuilder builder)
        {
            builder.Append("Source = ").Append(Source)
                .Append(", CoordinatorIeee = ").Append(CoordinatorIeee)
                .Append(", PanId = ").Append(PanId)
                .Append(", ExtendedPanId = ").Append(ExtendedPanId)
                .Append(", Channel = ").Append(Channel.ToString(CultureInfo.InvariantCulture))
                .Append(", NetworkKeySequence = ").Append(NetworkKeySequence.ToString(CultureInfo.InvariantCulture))
                .Append(", Devices = ").Append(Devices.Count.ToString(CultureInfo.InvariantCulture));
            return true;
        }
    }

    /// <summary>One device of a <see cref="CoordinatorBackup"/>.</summary>
    public sealed record CoordinatorBackupDevice
    {
        public Eui64 Ieee { get; init; }

        /// <summary>Null when the backup does not know it (the device is then found by its IEEE address when it speaks).</summary>
        public NwkAddress? NwkAddress { get; init; }

        /// <summary>A direct child of the coordinator.</summary>
        public bool IsChild { get; init; }

        /// <summary>Its unique Trust Center link key, when it has one.</summary>
        public ZigbeeKey? LinkKey { get; init; }

        public uint LinkKeyTxCounter { get; init; }

        public uint LinkKeyRxCounter { get; init; }

        private bool PrintMembers(StringBuilder builder)
        {
            builder.Append("Ieee = ").Append(Ieee)
                .Append(", NwkAddress = ").Append(NwkAddress?.ToString() ?? "unknown")
                .Append(", IsChild = ").Append(IsChild)
                .Append(", LinkKey = ").Append(LinkKey is null ? "none" : "<key redacted>");
            return true;
        }
    }
}
