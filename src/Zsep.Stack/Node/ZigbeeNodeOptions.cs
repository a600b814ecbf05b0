using System;
using Zsep.Stack.Types;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// The Trust Center's admission policy and link keys (05-3474 4.6.3.2 "Joining", 4.7.3 Trust Center policies;
    /// BDB 10.2). The gateway implements it over its SQLite store; tests use an in-memory one.
    /// </summary>
    public interface ITrustCenterPolicy
    {
        /// <summary>The TC link key of <paramref name="device"/> (derived from its install code), or null when unknown.</summary>
        ZigbeeKey? LookupLinkKey(Eui64 device);

        /// <summary>When set, a device without a registered link key is refused; when clear it gets the default TC link key (ZigBeeAlliance09).</summary>
        bool RequireInstallCode { get; }

        /// <summary>bdbJoinUsesInstallCodeKey-like hardening: when clear, only direct children of the coordinator are admitted.</summary>
        bool AllowJoinThroughRouter { get; }
    }

    /// <summary>Configuration of one <see cref="ZigbeeNode"/>. Timing defaults are the spec's where it has one.</summary>
    public sealed record ZigbeeNodeOptions
    {
        public NodeRole Role { get; init; } = NodeRole.Router;

        /// <summary>Channel the coordinator forms on (11-26).</summary>
        public byte Channel { get; init; } = 11;

        /// <summary>Channels a joining device scans (bit n = channel n); 0 means <see cref="Channel"/> only.</summary>
        public uint ScanChannelMask { get; init; }

        /// <summary>PAN ID the coordinator forms with.</summary>
        public PanId PanId { get; init; } = new PanId(0x1A2B);

        /// <summary>nwkExtendedPANId: formed with (coordinator); the only network accepted when joining (0 = any).</summary>
        public Eui64 ExtendedPanId { get; init; }

        /// <summary>The network key (coordinator only).</summary>
        public ZigbeeKey? NetworkKey { get; init; }

        public byte NetworkKeySequenceNumber { get; init; }

        /// <summary>This device's TC link key (from its install code); null = the default TC link key.</summary>
        public ZigbeeKey? LinkKey { get; init; }

        /// <summary>The Trust Center policy (coordinator only; required there).</summary>
        public ITrustCenterPolicy? TrustCenter { get; init; }

        /// <summary>
        /// Returns the next outgoing NWK/APS security frame counter (05-3474 4.3.1.1 step 4, nwkSecMaterialSet
        /// OutgoingFrameCounter). The store persists it ahead in blocks; null uses a counter in memory from 0.
        /// </summary>
        public Func<uint>? NextOutgoingFrameCounter { get; init; }

        /// <summary>
        /// The outgoing NWK frame counter of the network key with the given key sequence number (05-3474 4.3.1.1: each
        /// nwkSecurityMaterialSet entry has its own OutgoingFrameCounter, so a new key starts from 0). Null: the
        /// shared <see cref="NextOutgoingFrameCounter"/>.
        /// </summary>
        public Func<byte, uint>? NextNetworkKeyFrameCounter { get; init; }

        /// <summary>
        /// The outgoing APS frame counter of this node's link keys (apsDeviceKeyPairSet OutgoingFrameCounter, 4.4.1.1),
        /// which a network key switch does not reset. Null: the shared <see cref="NextOutgoingFrameCounter"/>.
        /// </summary>
        public Func<uint>? NextLinkKeyFrameCounter { get; init; }

        /// <summary>
        /// How long after a key switch frames secured with the previous network key are still accepted (05-3474
        /// 4.6.3.4: devices switch at slightly different times). After that they are dropped, but still recognised, so
        /// the sender is brought up to date. 10 minutes.
        /// </summary>
        public TimeSpan PreviousNetworkKeyGrace { get; init; } = TimeSpan.FromMinutes(10);

        /// <summary>Active scan dwell per channel (scan duration 3: 2^3+1 superframes = 138 ms).</summary>
        public TimeSpan ScanDurationPerChannel { get; init; } = TimeSpan.FromMilliseconds(138);

        /// <summary>macResponseWaitTime (32 aBaseSuperframeDuration = 491.52 ms, IEEE 802.15.4-2006 7.4.2).</summary>
        public TimeSpan MacResponseWaitTime { get; init; } = TimeSpan.FromMilliseconds(491.52);

        /// <summary>macTransactionPersistenceTime for the indirect queue (0x01F4 unit periods, 7.68 s at 2.4 GHz).</summary>
        public TimeSpan IndirectTransactionTimeout { get; init; } = TimeSpan.FromSeconds(7.68);

        /// <summary>How long a joining device waits for the Transport Key, and the Trust Center for its Device_annce (apsSecurityTimeOutPeriod-like).</summary>
        public TimeSpan AuthenticationTimeout { get; init; } = TimeSpan.FromSeconds(10);

        /// <summary>
        /// When set, a device whose join failed (no beacon from a parent that permits joining, association refused
        /// or unanswered, no Transport Key, or removed by the Trust Center) starts network discovery again after
        /// this interval plus a random share of <see cref="JoinRetryJitter"/>. BDB 8.3 (network steering) leaves
        /// the retry to the application; the jitter keeps devices that were switched on together from retrying in
        /// step. Null (the default): no retry, the node stays Idle.
        /// </summary>
        public TimeSpan? JoinRetryInterval { get; init; }

        /// <summary>The random part added to <see cref="JoinRetryInterval"/> (uniform in 0..this; 10 s).</summary>
        public TimeSpan JoinRetryJitter { get; init; } = TimeSpan.FromSeconds(10);

        /// <summary>nwkLinkStatusPeriod (05-3474 Table 3.44): 15 s.</summary>
        public TimeSpan LinkStatusPeriod { get; init; } = TimeSpan.FromSeconds(15);

        /// <summary>nwkRouterAgeLimit: link status periods without news before a router neighbor is dropped.</summary>
        public int RouterAgeLimit { get; init; } = 3;

        /// <summary>nwkConcentratorDiscoveryTime: period of the coordinator's many-to-one route requests.</summary>
        public TimeSpan ConcentratorDiscoveryTime { get; init; } = TimeSpan.FromSeconds(60);

        /// <summary>End device poll period once joined (fast poll while authenticating is a quarter second).</summary>
        public TimeSpan PollPeriod { get; init; } = TimeSpan.FromSeconds(1);

        /// <summary>apsAckWaitDuration (05-3474 Table 2.24 computes it from nwkcMaxDepth; a fixed value here).</summary>
        public TimeSpan ApsAckWaitDuration { get; init; } = TimeSpan.FromSeconds(3);

        /// <summary>apsMaxFrameRetries (05-3474 Table 2.24): 3.</summary>
        public byte ApsMaxFrameRetries { get; init; } = 3;

        /// <summary>apsMaxWindowSize (05-3474 2.2.8.4.5): blocks of a fragmented frame per acknowledgement (1-8).</summary>
        public byte ApsMaxWindowSize { get; init; } = 1;

        /// <summary>Payload octets per block of a fragmented APS frame (see <see cref="ApsStackOptions.FragmentBlockSize"/>).</summary>
        public byte ApsFragmentBlockSize { get; init; } = 48;

        /// <summary>apsDuplicateRejectionTimeout.</summary>
        public TimeSpan ApsDuplicateRejectionTimeout { get; init; } = TimeSpan.FromSeconds(10);

        /// <summary>nwkMaxChildren.</summary>
        public int MaxChildren { get; init; } = 32;

        /// <summary>Default radius of frames this node originates (2 x nwkMaxDepth).</summary>
        public byte DefaultRadius { get; init; } = 30;

        /// <summary>Entries the APS binding table holds (05-3474 2.2.8.2, apsBindingTable); a Bind_req beyond it is answered TABLE_FULL. Default 16.</summary>
        public int BindingTableSize { get; init; } = 16;

        /// <summary>
        /// Entries the neighbor table holds (05-3474 3.6.1.5); null: as many as it hears. A full table takes no new
        /// router neighbours (its parent and children always have room).
        /// </summary>
        public int? NeighborTableSize { get; init; }
    }
}
