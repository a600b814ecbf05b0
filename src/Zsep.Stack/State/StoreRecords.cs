using System;
using System.Globalization;
using System.Text;
using Zsep.Stack.Security;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.State
{
    /// <summary>Where a device stands with the Trust Center (issue 3 §3).</summary>
    public enum TrustCenterDeviceStatus
    {
        /// <summary>Registered (install code added), not joined yet.</summary>
        Pending = 0,

        /// <summary>Received the network key and announced itself.</summary>
        Joined = 1,

        /// <summary>Left or was removed; the registration is kept for a re-join (Remove-ZsepNode -KeepInstallCode).</summary>
        Removed = 2,
    }

    /// <summary>What <see cref="NetworkStore.AddOrUpdateInstallCode"/> did.</summary>
    public enum InstallCodeOutcome
    {
        /// <summary>A new device was registered.</summary>
        Added = 0,

        /// <summary>The same code was registered already: nothing changed.</summary>
        Unchanged = 1,

        /// <summary>The code was replaced (force) or a removed device was registered again; status is Pending.</summary>
        Updated = 2,

        /// <summary>A different code is registered for the device and force was not given: nothing changed.</summary>
        Conflict = 3,
    }

    /// <summary>A node's reachability as last seen.</summary>
    public enum NodeStatus
    {
        Online = 0,
        Offline = 1,
    }

    /// <summary>Which key an incoming frame counter belongs to (Zigbee PRO 4.4.1.2: one counter per key and sender).</summary>
    public enum FrameCounterKeyKind
    {
        /// <summary>The network key with a given sequence number (nwkSecurityMaterialSet, Zigbee PRO 4.5.1.2 / 4.3.1.2).</summary>
        Network = 0,

        /// <summary>The device's Trust Center link key (apsDeviceKeyPairSet, Zigbee PRO 4.4.10); the sequence is 0.</summary>
        Link = 1,
    }

    /// <summary>The kinds of simulated device of issue 3 §2.</summary>
    public enum SimulatedDeviceKind
    {
        Meter = 0,
        InHomeDisplay = 1,
        LoadControlDevice = 2,
        RangeExtender = 3,
    }

    /// <summary>
    /// A device known to the Trust Center: its install code (with CRC) and the derived link key (BDB 10.1.1). Both
    /// are secrets and never appear in <see cref="object.ToString"/>; only the CRC does.
    /// </summary>
    public sealed record TrustCenterDevice
    {
        public Eui64 Ieee { get; init; }

        /// <summary>The registered code (null for a device admitted with a preconfigured key).</summary>
        public InstallCode? InstallCode { get; init; }

        /// <summary>The Trust Center link key: AES-MMO hash of the install code (BDB 10.1.1).</summary>
        public ZigbeeKey LinkKey { get; init; } = null!;

        public TrustCenterDeviceStatus Status { get; init; }

        public DateTimeOffset AddedAt { get; init; }

        public DateTimeOffset? JoinedAt { get; init; }

        /// <summary>The install code's CRC-16/X-25 (not a secret; printed on the label).</summary>
        public ushort? Crc => InstallCode?.Crc;

        private bool PrintMembers(StringBuilder builder)
        {
            builder.Append("Ieee = ").Append(Ieee)
                .Append(", Crc = ").Append(InstallCode is null ? "none" : InstallCode.CrcAsPrinted(InstallCode.Crc))
                .Append(", Status = ").Append(Status)
                .Append(", AddedAt = ").Append(AddedAt.ToString("o", CultureInfo.InvariantCulture))
                .Append(", JoinedAt = ").Append(JoinedAt?.ToString("o", CultureInfo.InvariantCulture) ?? "never");
            return true;
        }
    }

    /// <summary>The result of <see cref="NetworkStore.AddOrUpdateInstallCode"/>: what happened, and the row as it now stands.</summary>
    public sealed record InstallCodeResult(InstallCodeOutcome Outcome, TrustCenterDevice Device);

    /// <summary>A network key with its sequence number (nwkSecurityMaterialSet, Zigbee PRO 4.5.1.2). The key never prints.</summary>
    public sealed record NetworkKeyRecord(byte Sequence, ZigbeeKey Key, DateTimeOffset CreatedAt)
    {
        private bool PrintMembers(StringBuilder builder)
        {
            builder.Append("Sequence = ").Append(Sequence).Append(", CreatedAt = ").Append(CreatedAt.ToString("o", CultureInfo.InvariantCulture));
            return true;
        }
    }

    /// <summary>A node of the network as the coordinator knows it (issue 3 §4, Get-ZsepNode).</summary>
    public sealed record NodeRecord
    {
        public Eui64 Ieee { get; init; }

        public NwkAddress NwkAddress { get; init; }

        /// <summary>Logical type (Zigbee PRO 2.3.2.3.1).</summary>
        public LogicalType DeviceType { get; init; }

        /// <summary>The parent it associated with (null for the coordinator).</summary>
        public Eui64? Parent { get; init; }

        public DateTimeOffset? JoinedAt { get; init; }

        public DateTimeOffset? LastSeen { get; init; }

        /// <summary>Link quality indicator 0-255 of the last frame heard from it.</summary>
        public byte? Lqi { get; init; }

        /// <summary>RSSI in dBm of the last frame heard from it.</summary>
        public sbyte? Rssi { get; init; }

        /// <summary>Hops from the coordinator (0 for the coordinator).</summary>
        public int? HopCount { get; init; }

        public NodeStatus Status { get; init; }
    }

    /// <summary>
    /// A binding table entry (Zigbee PRO 2.2.8.2.1, apsBindingTable; Bind_req 2.4.3.2.2): source (IEEE, endpoint,
    /// cluster) to either a group (<see cref="ZdoAddressMode.Group"/>) or a device endpoint (<see cref="ZdoAddressMode.Extended"/>).
    /// </summary>
    public sealed record BindingRecord
    {
        public Eui64 SourceIeee { get; init; }

        public byte SourceEndpoint { get; init; }

        public ushort ClusterId { get; init; }

        public ZdoAddressMode DestinationMode { get; init; }

        /// <summary>For <see cref="ZdoAddressMode.Extended"/>.</summary>
        public Eui64? DestinationIeee { get; init; }

        /// <summary>For <see cref="ZdoAddressMode.Group"/>.</summary>
        public ushort? DestinationGroup { get; init; }

        /// <summary>For <see cref="ZdoAddressMode.Extended"/>.</summary>
        public byte? DestinationEndpoint { get; init; }

        /// <summary>A binding to a device endpoint.</summary>
        public static BindingRecord ToDevice(Eui64 source, byte sourceEndpoint, ushort cluster, Eui64 destination, byte destinationEndpoint) =>
            new BindingRecord
            {
                SourceIeee = source, SourceEndpoint = sourceEndpoint, ClusterId = cluster,
                DestinationMode = ZdoAddressMode.Extended, DestinationIeee = destination, DestinationEndpoint = destinationEndpoint,
            };

        /// <summary>A binding to a group.</summary>
        public static BindingRecord ToGroup(Eui64 source, byte sourceEndpoint, ushort cluster, ushort group) =>
            new BindingRecord
            {
                SourceIeee = source, SourceEndpoint = sourceEndpoint, ClusterId = cluster,
                DestinationMode = ZdoAddressMode.Group, DestinationGroup = group,
            };
    }

    /// <summary>The highest frame counter accepted from a device under one key (Zigbee PRO 4.3.1.2 / 4.4.1.2 replay check).</summary>
    public sealed record IncomingFrameCounter(Eui64 Ieee, FrameCounterKeyKind KeyKind, byte KeySequence, uint Counter);

    /// <summary>A simulated device of the embedded medium (issue 3 §2). The install code never prints.</summary>
    public sealed record SimulatedDeviceRecord
    {
        public Eui64 Ieee { get; init; }

        public SimulatedDeviceKind Kind { get; init; }

        /// <summary>The code the device was made with (may differ from the registered one, to simulate a wrong code).</summary>
        public InstallCode? InstallCode { get; init; }

        /// <summary>Position in metres.</summary>
        public double X { get; init; }

        public double Y { get; init; }

        public double Z { get; init; }

        /// <summary>Switched off (Set-ZsepSimulatedDevice -Offline).</summary>
        public bool Offline { get; init; }

        private bool PrintMembers(StringBuilder builder)
        {
            builder.Append("Ieee = ").Append(Ieee).Append(", Kind = ").Append(Kind)
                .Append(", InstallCode = ").Append(InstallCode is null ? "none" : "<redacted>")
                .Append(", X = ").Append(X.ToString(CultureInfo.InvariantCulture))
                .Append(", Y = ").Append(Y.ToString(CultureInfo.InvariantCulture))
                .Append(", Z = ").Append(Z.ToString(CultureInfo.InvariantCulture))
                .Append(", Offline = ").Append(Offline);
            return true;
        }
    }
}
