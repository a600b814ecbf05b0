using System;
using Zsep.Stack.Mac;
using Zsep.Stack.Types;

namespace Zsep.Stack.Node
{
    /// <summary>The role a <see cref="ZigbeeNode"/> runs in (Zigbee PRO 05-3474 1.4.2 device types).</summary>
    public enum NodeRole
    {
        /// <summary>Zigbee coordinator, which forms the network and hosts the Trust Center.</summary>
        Coordinator,

        /// <summary>Zigbee router: relays, keeps neighbors and routes, accepts children.</summary>
        Router,

        /// <summary>Zigbee end device, rx-off-when-idle: polls its parent with MAC data requests.</summary>
        EndDevice,
    }

    /// <summary>Where a node is in its life (formation or join, 05-3474 3.6.1).</summary>
    public enum NodeState
    {
        Idle,

        /// <summary>Active scan: beacon requests sent, beacons collected (NLME-NETWORK-DISCOVERY).</summary>
        Discovering,

        /// <summary>MAC association with the chosen parent (NLME-JOIN, 3.6.1.4.1).</summary>
        Associating,

        /// <summary>Associated, waiting for the Transport Key of the network key (4.6.3.2).</summary>
        Authenticating,

        /// <summary>Holds the network key (or formed the network) and takes part in it.</summary>
        Joined,

        /// <summary>Stopped, removed or left.</summary>
        Left,
    }

    /// <summary>The logical device type (05-3474 Table 2.39, Node Descriptor).</summary>
    public enum NodeDeviceType
    {
        Coordinator,
        Router,
        EndDevice,
        Unknown,
    }

    /// <summary>Neighbor table Relationship field (05-3474 Table 3.63).</summary>
    public enum NeighborRelationship
    {
        Parent = 0,
        Child = 1,
        Sibling = 2,
        None = 3,
        PreviousChild = 4,
        UnauthenticatedChild = 5,
    }

    /// <summary>One neighbor table entry as read by the gateway (05-3474 3.6.1.5, Table 3.63).</summary>
    public sealed record NeighborInfo(
        Eui64? Ieee,
        NwkAddress NwkAddress,
        NeighborRelationship Relationship,
        NodeDeviceType DeviceType,
        byte Lqi,
        byte IncomingCost,
        byte OutgoingCost,
        TimeSpan Age);

    /// <summary>One routing table entry (05-3474 3.6.3.1, Table 3.66); many-to-one routes point at a concentrator.</summary>
    public sealed record RouteInfo(NwkAddress Destination, NwkAddress NextHop, byte PathCost, bool ManyToOne);

    /// <summary>A child of this router or coordinator (the child part of the neighbor table).</summary>
    public sealed record ChildInfo(Eui64 Ieee, NwkAddress NwkAddress, MacCapabilityInformation Capability, bool Authenticated, DateTimeOffset AssociatedAt)
    {
        public bool RxOnWhenIdle => (Capability & MacCapabilityInformation.ReceiverOnWhenIdle) != 0;
    }

    /// <summary>A device the Trust Center admitted and that announced itself (Device_annce).</summary>
    public sealed class DeviceJoinedEventArgs : EventArgs
    {
        public DeviceJoinedEventArgs(Eui64 ieee, NwkAddress nwkAddress, NwkAddress parent, NodeDeviceType deviceType)
        {
            Ieee = ieee;
            NwkAddress = nwkAddress;
            Parent = parent;
            DeviceType = deviceType;
        }

        public Eui64 Ieee { get; }

        public NwkAddress NwkAddress { get; }

        public NwkAddress Parent { get; }

        public NodeDeviceType DeviceType { get; }
    }

    /// <summary>A device that left or was removed.</summary>
    public sealed class DeviceLeftEventArgs : EventArgs
    {
        public DeviceLeftEventArgs(Eui64 ieee, NwkAddress nwkAddress, string reason)
        {
            Ieee = ieee;
            NwkAddress = nwkAddress;
            Reason = reason;
        }

        public Eui64 Ieee { get; }

        public NwkAddress NwkAddress { get; }

        public string Reason { get; }
    }

    /// <summary>
    /// The Trust Center refused a device (the gateway traces ERR_AUTH_SEC_FAIL). Reasons: UnknownDevice,
    /// JoinThroughRouterNotAllowed, NoKeyConfirmation (the device never announced itself with the network key,
    /// the sign of a wrong install code).
    /// </summary>
    public sealed class AuthenticationFailedEventArgs : EventArgs
    {
        public AuthenticationFailedEventArgs(Eui64 ieee, string reason)
        {
            Ieee = ieee;
            Reason = reason;
        }

        public Eui64 Ieee { get; }

        public string Reason { get; }
    }

    /// <summary>A frame this node received or had to send and dropped, with the reason (for the trace).</summary>
    public sealed class FrameDroppedEventArgs : EventArgs
    {
        public FrameDroppedEventArgs(string reason) => Reason = reason;

        public string Reason { get; }
    }

    /// <summary>An APS data frame delivered to this node's application (APSDE-DATA.indication, 05-3474 2.2.4.1.3).</summary>
    public sealed class ApsDataIndicationEventArgs : EventArgs
    {
        public ApsDataIndicationEventArgs(NwkAddress source, byte sourceEndpoint, byte destinationEndpoint, ushort clusterId, ushort profileId, byte[] payload, byte lqi)
        {
            Source = source;
            SourceEndpoint = sourceEndpoint;
            DestinationEndpoint = destinationEndpoint;
            ClusterId = clusterId;
            ProfileId = profileId;
            Payload = payload;
            Lqi = lqi;
        }

        public NwkAddress Source { get; }

        public byte SourceEndpoint { get; }

        public byte DestinationEndpoint { get; }

        public ushort ClusterId { get; }

        public ushort ProfileId { get; }

        public byte[] Payload { get; }

        /// <summary>LQI of the last hop.</summary>
        public byte Lqi { get; }

        /// <summary>The frame was APS-secured with the sender's link key (05-3474 4.4.1.2).</summary>
        public bool ApsSecured { get; init; }

        /// <summary>The frame came by broadcast (or group) delivery: no response is expected.</summary>
        public bool Broadcast { get; init; }
    }

    /// <summary>The outcome of an APSDE-DATA.request (05-3474 2.2.4.1.2).</summary>
    public enum ApsDeliveryStatus
    {
        Success,

        /// <summary>No APS ack after apsMaxFrameRetries retries.</summary>
        NoAck,

        /// <summary>NWK could not send it (no route, MAC failure at the first hop).</summary>
        NoRoute,

        /// <summary>
        /// Refused before anything went on the air (this node not joined, no link key for an APS-secured cluster, a
        /// payload too long, an outgoing policy): says nothing about the destination's reachability.
        /// </summary>
        NotSent,
    }

    /// <summary>Per-layer counters of one node (the gateway's diagnostics read them).</summary>
    public sealed class NodeCounters
    {
        public long MacTx { get; internal set; }
        public long MacRx { get; internal set; }
        public long MacNoAck { get; internal set; }
        public long MacChannelAccessFailures { get; internal set; }
        public long MacIndirectQueued { get; internal set; }
        public long MacIndirectExpired { get; internal set; }
        public long NwkTx { get; internal set; }
        public long NwkRelayed { get; internal set; }
        public long NwkBroadcastsRelayed { get; internal set; }
        public long NwkBroadcastRetries { get; internal set; }
        public long NwkRouteDiscoveries { get; internal set; }
        public long NwkRouteFailures { get; internal set; }
        public long NwkRouteRecordsReceived { get; internal set; }
        public long NwkReplaysDropped { get; internal set; }
        public long NwkUnsecuredDropped { get; internal set; }
        public long ApsSent { get; internal set; }
        public long ApsAcked { get; internal set; }
        public long ApsAckTimeouts { get; internal set; }
        public long ApsRetries { get; internal set; }
        public long ApsDuplicates { get; internal set; }
        public long ApsReceived { get; internal set; }
        public long SecurityFailures { get; internal set; }
        public long ApsFragmentedSent { get; internal set; }
        public long ApsFragmentedReceived { get; internal set; }
        public long NwkNeighborTableFull { get; internal set; }

        public override string ToString() =>
            $"MAC tx {MacTx} rx {MacRx} noack {MacNoAck}; NWK relayed {NwkRelayed} route failures {NwkRouteFailures}; " +
            $"APS sent {ApsSent} acked {ApsAcked} timeouts {ApsAckTimeouts} duplicates {ApsDuplicates}; security failures {SecurityFailures}";
    }
}
