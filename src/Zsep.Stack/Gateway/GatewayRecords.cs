using System;
using Zsep.Stack.Node;
using Zsep.Stack.State;
using Zsep.Stack.Types;

namespace Zsep.Stack.Gateway
{
    /// <summary>A formed network as New-ZsepNetwork and Get-ZsepNetwork show it. Never the key.</summary>
    public sealed record ZsepNetwork
    {
        public string Name { get; init; } = "";

        public byte Channel { get; init; }

        public PanId PanId { get; init; }

        public Eui64 ExtendedPanId { get; init; }

        public Eui64 CoordinatorIeee { get; init; }

        public byte NetworkKeySequence { get; init; }

        public string Radio { get; init; } = "";

        public GatewayState State { get; init; }

        public int NodeCount { get; init; }

        /// <summary>When permit joining closes; null when closed.</summary>
        public DateTimeOffset? PermitJoinUntil { get; init; }

        public string StatePath { get; init; } = "";

        public bool IsDefault { get; init; }

        public override string ToString() => $"{Name} (channel {Channel}, PAN {PanId})";
    }

    public enum GatewayState
    {
        /// <summary>Formed and running.</summary>
        Running,

        /// <summary>Disconnected: the state is on disk, the stack is stopped.</summary>
        Disconnected,
    }

    public enum ZsepNodeStatus
    {
        Online,
        Offline,
    }

    /// <summary>A node of the network (Get-ZsepNode): the Trust Center table joined with live stack data.</summary>
    public sealed record ZsepNode
    {
        public string Network { get; init; } = "";

        public Eui64 Ieee { get; init; }

        public NwkAddress NwkAddress { get; init; }

        public NodeDeviceType DeviceType { get; init; }

        /// <summary>The parent's network address (the coordinator for direct children).</summary>
        public NwkAddress? Parent { get; init; }

        /// <summary>LQI of the coordinator's link to the node when it is a neighbour.</summary>
        public byte? Lqi { get; init; }

        public sbyte? Rssi { get; init; }

        /// <summary>Hops from the coordinator (from the route record / source route).</summary>
        public int? HopCount { get; init; }

        public DateTimeOffset? LastSeen { get; init; }

        public DateTimeOffset? JoinedAt { get; init; }

        public ZsepNodeStatus Status { get; init; }

        /// <summary>Basic ManufacturerName, as the interview after joining read it (null until then).</summary>
        public string? Manufacturer { get; init; }

        /// <summary>Basic ModelIdentifier, as the interview read it.</summary>
        public string? Model { get; init; }

        /// <summary>The node's application endpoints from its simple descriptors (empty until interviewed).</summary>
        public System.Collections.Generic.IReadOnlyList<ZsepEndpoint> Endpoints { get; init; } = System.Array.Empty<ZsepEndpoint>();

        public override string ToString() => $"{Ieee} {NwkAddress}";
    }

    /// <summary>A registered install code (Add-ZsepInstallCode): the code and key are never shown.</summary>
    public sealed record ZsepInstallCode
    {
        public string Network { get; init; } = "";

        public Eui64 Ieee { get; init; }

        /// <summary>The CRC as printed on the label, to tell codes apart without showing them.</summary>
        public string Crc { get; init; } = "";

        public DateTimeOffset AddedAt { get; init; }

        public TrustCenterDeviceStatus Status { get; init; }

        /// <summary>Added, Unchanged (the same pair again) or Updated (-Force); Conflict is reported as an error.</summary>
        public InstallCodeOutcome? Outcome { get; init; }

        public override string ToString() => $"{Ieee} CRC {Crc} {Status}";
    }

    /// <summary>The Trust Center's admission policy.</summary>
    public sealed record ZsepTrustCenterPolicy
    {
        public string Network { get; init; } = "";

        public bool AllowJoinThroughRouter { get; init; }

        public bool RequireInstallCode { get; init; }

        /// <summary>Smart Energy traffic with a device is refused until it completed key establishment (SE 1.4 5.4.6).</summary>
        public bool RequireKeyEstablishment { get; init; }
    }
}
