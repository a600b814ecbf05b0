using System;
using System.Collections.Generic;
using Zsep.Stack.Node;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Gateway
{
    /// <summary>One entry of a node's binding table (Mgmt_Bind_rsp record, 05-3474 2.4.4.3.4).</summary>
    public sealed record ZsepBinding
    {
        public string Network { get; init; } = "";

        /// <summary>The node whose table holds the binding (its source).</summary>
        public Eui64 Node { get; init; }

        public byte SourceEndpoint { get; init; }

        public ushort Cluster { get; init; }

        public string ClusterName { get; init; } = "";

        public Eui64? DestinationIeee { get; init; }

        public ushort? DestinationGroup { get; init; }

        public byte? DestinationEndpoint { get; init; }

        public string Destination => DestinationGroup is ushort g ? $"group 0x{g:X4}" : $"{DestinationIeee} ep {DestinationEndpoint}";

        public BindingTableEntry ToEntry() => DestinationGroup is ushort g
            ? new BindingTableEntry { SourceAddress = Node, SourceEndpoint = SourceEndpoint, ClusterId = Cluster, DestinationAddressMode = ZdoAddressMode.Group, DestinationGroupAddress = g }
            : new BindingTableEntry
            {
                SourceAddress = Node, SourceEndpoint = SourceEndpoint, ClusterId = Cluster, DestinationAddressMode = ZdoAddressMode.Extended,
                DestinationAddress = DestinationIeee ?? throw new InvalidOperationException("A binding needs a destination IEEE address or group."),
                DestinationEndpoint = DestinationEndpoint ?? 1,
            };

        public override string ToString() => $"{Node} ep {SourceEndpoint} 0x{Cluster:X4} -> {Destination}";
    }

    /// <summary>One entry of a node's neighbor table (Mgmt_Lqi_rsp record, 05-3474 2.4.4.3.2).</summary>
    public sealed record ZsepNeighbor
    {
        public string Network { get; init; } = "";

        /// <summary>The node whose table this is.</summary>
        public Eui64 Node { get; init; }

        /// <summary>The neighbour's IEEE address (null when the node does not know it).</summary>
        public Eui64? Ieee { get; init; }

        public NwkAddress NwkAddress { get; init; }

        public NeighborDeviceType DeviceType { get; init; }

        public Zdo.NeighborRelationship Relationship { get; init; }

        public NeighborRxOnWhenIdle RxOnWhenIdle { get; init; }

        /// <summary>Tree depth; 255 when unknown.</summary>
        public byte Depth { get; init; }

        /// <summary>LQI of the frames the node hears from the neighbour.</summary>
        public byte Lqi { get; init; }

        public override string ToString() => $"{Node} -> {NwkAddress} LQI {Lqi}";
    }

    /// <summary>One entry of a node's routing table (Mgmt_Rtg_rsp record, 05-3474 2.4.4.3.3).</summary>
    public sealed record ZsepRoute
    {
        public string Network { get; init; } = "";

        public Eui64 Node { get; init; }

        public NwkAddress Destination { get; init; }

        public Eui64? DestinationIeee { get; init; }

        public NwkAddress NextHop { get; init; }

        public Eui64? NextHopIeee { get; init; }

        public RouteStatus Status { get; init; }

        public bool ManyToOne { get; init; }

        public bool RouteRecordRequired { get; init; }

        public override string ToString() => $"{Node}: {Destination} via {NextHop}";
    }

    /// <summary>A node of the crawled topology.</summary>
    public sealed record ZsepTopologyNode
    {
        public Eui64 Ieee { get; init; }

        public NwkAddress NwkAddress { get; init; }

        public LogicalType DeviceType { get; init; }

        /// <summary>Fewest hops from the coordinator over the links found (null: not connected to it).</summary>
        public int? HopCount { get; init; }

        /// <summary>Entries in its neighbor table (Mgmt_Lqi_rsp NeighborTableEntries), when it was asked.</summary>
        public int? NeighborTableEntries { get; init; }

        /// <summary>Whether it was sent Mgmt_Lqi_req (routers and the coordinator always; end devices unless the crawl skipped them).</summary>
        public bool Asked { get; init; }

        /// <summary>Whether it answered Mgmt_Lqi_req (an end device answers only when it polls its parent, so it may not).</summary>
        public bool Answered { get; init; }

        /// <summary>An end device's parent, as its own table (or, when it did not answer, its parent's) lists it.</summary>
        public Eui64? Parent { get; init; }

        /// <summary>
        /// An end device's potential parents: the routers other than its parent that its own neighbor table lists (those
        /// its last network discovery heard, 05-3474 3.6.1.5). Null when it did not answer: then unknown, not empty.
        /// </summary>
        public IReadOnlyList<Eui64>? PotentialParents { get; init; }

        public override string ToString() => $"{Ieee} {NwkAddress} {DeviceType}";
    }

    /// <summary>
    /// A link between two nodes: each side's LQI of the other as its neighbor table reports it (null when that side
    /// was not asked or does not list the other). <see cref="Lqi"/> is the worse of the two known.
    /// </summary>
    public sealed record ZsepTopologyLink
    {
        public Eui64 From { get; init; }

        public Eui64 To { get; init; }

        public byte? LqiFrom { get; init; }

        public byte? LqiTo { get; init; }

        /// <summary>A parent-child link (the end device's only way in).</summary>
        public bool ParentChild { get; init; }

        public byte Lqi => LqiFrom is byte a && LqiTo is byte b ? Math.Min(a, b) : LqiFrom ?? LqiTo ?? 0;

        public bool Touches(Eui64 node) => From == node || To == node;

        public Eui64 Other(Eui64 node) => From == node ? To : From;

        public override string ToString() => $"{From} - {To} LQI {Lqi}";
    }

    /// <summary>The mesh as the gateway crawled it (Get-ZsepTopology): nodes and links with LQI.</summary>
    public sealed record ZsepTopology
    {
        public string Network { get; init; } = "";

        public Eui64 Coordinator { get; init; }

        public IReadOnlyList<ZsepTopologyNode> Nodes { get; init; } = Array.Empty<ZsepTopologyNode>();

        public IReadOnlyList<ZsepTopologyLink> Links { get; init; } = Array.Empty<ZsepTopologyLink>();

        public DateTimeOffset CrawledAt { get; init; }

        public override string ToString() => $"{Network}: {Nodes.Count} nodes, {Links.Count} links";
    }

    /// <summary>What Test-ZsepMesh checks.</summary>
    public enum ZsepMeshCheck
    {
        FarNode,
        WeakLink,
        SinglePointOfFailure,
        NoAlternativeParent,
        TableNearCapacity,
        NoisyChannel,
        Unreachable,

        /// <summary>A binding table at its size: the node refused a Bind_req with TABLE_FULL, or holds as many entries as when it did.</summary>
        BindingTableFull,
    }

    public enum ZsepFindingSeverity
    {
        Information,
        Warning,
        Error,
    }

    /// <summary>A finding of Test-ZsepMesh: what is wrong, where, and what to do about it.</summary>
    public sealed record ZsepMeshFinding
    {
        public string Network { get; init; } = "";

        public ZsepMeshCheck Check { get; init; }

        public ZsepFindingSeverity Severity { get; init; }

        /// <summary>The nodes concerned (for a single point of failure: the router first, then the nodes it cuts off).</summary>
        public IReadOnlyList<Eui64> Nodes { get; init; } = Array.Empty<Eui64>();

        public string Message { get; init; } = "";

        public string Recommendation { get; init; } = "";

        /// <summary>
        /// The finding rests on an assumption rather than on what the nodes reported: an end device that did not answer
        /// Mgmt_Lqi_req judged from the routers' tables, or a neighbor table judged against an assumed capacity.
        /// </summary>
        public bool Inferred { get; init; }

        public override string ToString() => $"{Check}: {Message}";
    }

    /// <summary>
    /// What the gateway knows of a node's binding table size: a Bind_req it refused with TABLE_FULL (05-3474 2.4.4.2.2)
    /// tells that the table was full with <see cref="Capacity"/> entries (its Mgmt_Bind_rsp count just after), and the
    /// entry count read now (Mgmt_Bind_rsp BindingTableEntries) tells whether it still is.
    /// </summary>
    public sealed record ZsepBindingTableUse
    {
        public Eui64 Node { get; init; }

        /// <summary>Entries the table held when the node answered TABLE_FULL (null when that count could not be read).</summary>
        public int? Capacity { get; init; }

        /// <summary>Entries now (null when not read).</summary>
        public int? Entries { get; init; }

        /// <summary>When the node last refused a binding with TABLE_FULL.</summary>
        public DateTimeOffset RefusedAt { get; init; }

        public override string ToString() => $"{Node}: {Entries?.ToString() ?? "?"} of {Capacity?.ToString() ?? "?"} bindings";
    }

    /// <summary>Energy measured on one channel (an energy scan, locally or by a router for Mgmt_NWK_Update_req).</summary>
    public sealed record ZsepChannelEnergy
    {
        public string Network { get; init; } = "";

        /// <summary>The node that measured (the coordinator for a local scan).</summary>
        public Eui64 Node { get; init; }

        public byte Channel { get; init; }

        /// <summary>Peak energy in dBm.</summary>
        public double EnergyDbm { get; init; }

        /// <summary>Wi-Fi channel 1, 6 or 11 overlaps this 802.15.4 channel (<see cref="MeshAudit.OverlapsWiFi"/>).</summary>
        public bool WiFiOverlap { get; init; }

        /// <summary>The network runs on this channel.</summary>
        public bool Current { get; init; }

        public override string ToString() => $"{Channel}: {EnergyDbm:0} dBm";
    }

    /// <summary>One link quality sample of frames the gateway heard from a node (its last hop).</summary>
    public readonly record struct ZsepLinkQualitySample(DateTimeOffset Time, byte Lqi, sbyte Rssi);

    /// <summary>A node's link quality history as the gateway heard it (bounded, newest last).</summary>
    public sealed record ZsepNodeStatistic
    {
        public string Network { get; init; } = "";

        public Eui64? Node { get; init; }

        public NwkAddress NwkAddress { get; init; }

        public int Frames { get; init; }

        public byte? LastLqi { get; init; }

        public byte? MinLqi { get; init; }

        public double? AverageLqi { get; init; }

        public sbyte? LastRssi { get; init; }

        public DateTimeOffset? LastHeard { get; init; }

        public IReadOnlyList<ZsepLinkQualitySample> History { get; init; } = Array.Empty<ZsepLinkQualitySample>();

        public override string ToString() => $"{Node} {NwkAddress}: LQI {LastLqi}";
    }

    /// <summary>The gateway's stack counters (ZigbeeNode.Counters) at one moment.</summary>
    public sealed record ZsepGatewayStatistic
    {
        public string Network { get; init; } = "";

        public DateTimeOffset Time { get; init; }

        public long MacSent { get; init; }
        public long MacReceived { get; init; }
        public long MacNoAck { get; init; }
        public long MacChannelAccessFailures { get; init; }
        public long MacIndirectExpired { get; init; }
        public long NwkSent { get; init; }
        public long NwkRelayed { get; init; }
        public long NwkRouteDiscoveries { get; init; }
        public long NwkRouteFailures { get; init; }
        public long NwkRouteRecordsReceived { get; init; }
        public long NwkReplaysDropped { get; init; }
        public long ApsSent { get; init; }
        public long ApsAcked { get; init; }
        public long ApsAckTimeouts { get; init; }
        public long ApsRetries { get; init; }
        public long ApsDuplicates { get; init; }
        public long ApsReceived { get; init; }
        public long SecurityFailures { get; init; }
        public long FragmentedSent { get; init; }
        public long FragmentedReceived { get; init; }

        public static ZsepGatewayStatistic Of(string network, DateTimeOffset time, NodeCounters c) => new ZsepGatewayStatistic
        {
            Network = network, Time = time,
            MacSent = c.MacTx, MacReceived = c.MacRx, MacNoAck = c.MacNoAck, MacChannelAccessFailures = c.MacChannelAccessFailures, MacIndirectExpired = c.MacIndirectExpired,
            NwkSent = c.NwkTx, NwkRelayed = c.NwkRelayed, NwkRouteDiscoveries = c.NwkRouteDiscoveries, NwkRouteFailures = c.NwkRouteFailures,
            NwkRouteRecordsReceived = c.NwkRouteRecordsReceived, NwkReplaysDropped = c.NwkReplaysDropped,
            ApsSent = c.ApsSent, ApsAcked = c.ApsAcked, ApsAckTimeouts = c.ApsAckTimeouts, ApsRetries = c.ApsRetries, ApsDuplicates = c.ApsDuplicates,
            ApsReceived = c.ApsReceived, SecurityFailures = c.SecurityFailures, FragmentedSent = c.ApsFragmentedSent, FragmentedReceived = c.ApsFragmentedReceived,
        };

        public override string ToString() => $"{Network}: MAC sent {MacSent}, APS sent {ApsSent} acked {ApsAcked}";
    }

    /// <summary>A ZDO request the node refused or did not answer. <see cref="Status"/> is null on a timeout.</summary>
    public sealed class ZdoRequestException : Exception
    {
        public ZdoRequestException(Eui64 node, ZdoStatus? status, string message)
            : base(message)
        {
            Node = node;
            Status = status;
        }

        public Eui64 Node { get; }

        public ZdoStatus? Status { get; }
    }
}
