using System;
using Zsep.Stack.Mac;
using Zsep.Stack.Radio;
using Zsep.Stack.Types;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// What a joined router or end device must keep to carry on after a restart without joining again: the NWK
    /// information base of 05-3474 3.5.2 that a device keeps in non-volatile memory (nwkNetworkAddress, parent,
    /// nwkPANId, nwkExtendedPANID, logical channel, depth, the network key and its sequence number, the Trust Center
    /// address). The outgoing frame counter is kept separately, reserved ahead. Never printed with the key.
    /// </summary>
    public sealed record NodeStackState
    {
        public NodeRole Role { get; init; }

        public NwkAddress NwkAddress { get; init; }

        public NwkAddress ParentAddress { get; init; }

        /// <summary>The parent's IEEE address when the node knew it.</summary>
        public Eui64? ParentIeee { get; init; }

        public PanId PanId { get; init; }

        public byte Channel { get; init; }

        public Eui64 ExtendedPanId { get; init; }

        public byte Depth { get; init; }

        public ZigbeeKey NetworkKey { get; init; } = ZigbeeKey.DefaultTrustCenterLinkKey;

        public byte NetworkKeySequence { get; init; }

        public Eui64 TrustCenterAddress { get; init; }

        /// <summary>nwkUpdateId: the channel changes the device has followed.</summary>
        public byte NwkUpdateId { get; init; }

        public override string ToString() => $"{Role} {NwkAddress} parent {ParentAddress} PAN {PanId} channel {Channel} key {NetworkKeySequence}";
    }

    public sealed partial class ZigbeeNode
    {
        /// <summary>This node's state to persist, or null when it is not joined (or is the coordinator, whose state is the gateway's).</summary>
        public NodeStackState? SaveStackState()
        {
            if (State != NodeState.Joined || Role == NodeRole.Coordinator || _networkKey is null)
            {
                return null;
            }

            Eui64? parentIeee = _parentAddress == 0x0000 ? _trustCenterAddress
                : _neighbors.TryGetValue(_parentAddress, out Neighbor? p) ? p.Ieee : null;
            return new NodeStackState
            {
                Role = Role,
                NwkAddress = new NwkAddress(_nwkAddress),
                ParentAddress = new NwkAddress(_parentAddress),
                ParentIeee = parentIeee,
                PanId = _panId,
                Channel = _channel,
                ExtendedPanId = _extendedPanId,
                Depth = _depth,
                NetworkKey = _networkKey,
                NetworkKeySequence = _networkKeySequence,
                TrustCenterAddress = _trustCenterAddress,
                NwkUpdateId = _nwkUpdateId,
            };
        }

        /// <summary>
        /// Carries on in a network this node joined before a restart (the "rejoin from persisted state" a powered-up
        /// device does, without any frame on the air): address, PAN, channel, key and parent come back, the radio is
        /// configured, and the node is Joined - routers start link status, end devices poll their parent. Neighbors
        /// and routes are learned again from link status and route discovery.
        /// </summary>
        public void Resume(NodeStackState state)
        {
            if (state is null)
            {
                throw new ArgumentNullException(nameof(state));
            }

            if (Role == NodeRole.Coordinator || state.Role != Role)
            {
                throw new ArgumentException($"A {Role} cannot resume the state of a {state.Role}.", nameof(state));
            }

            if (State != NodeState.Idle && State != NodeState.Left)
            {
                throw new InvalidOperationException($"The node is {State}; only an idle node resumes.");
            }

            _joinRetryTimer?.Cancel();
            _nwkAddress = state.NwkAddress.Value;
            _parentAddress = state.ParentAddress.Value;
            _panId = state.PanId;
            _channel = state.Channel;
            _extendedPanId = state.ExtendedPanId;
            _depth = state.Depth;
            _networkKey = state.NetworkKey;
            _networkKeySequence = state.NetworkKeySequence;
            _trustCenterAddress = state.TrustCenterAddress;
            _nwkUpdateId = state.NwkUpdateId;
            bool rxOn = Role != NodeRole.EndDevice;
            _radio.Configure(new RadioConfiguration { Channel = _channel, PanId = _panId, ShortAddress = _nwkAddress, RxOnWhenIdle = rxOn });
            Neighbor parent = GetOrAddNeighbor(_parentAddress);
            parent.Ieee = state.ParentIeee;
            parent.Relationship = NeighborRelationship.Parent;
            parent.DeviceType = _parentAddress == 0x0000 ? NodeDeviceType.Coordinator : NodeDeviceType.Router;
            parent.LastHeard = _scheduler.Now;
            SetState(NodeState.Joined);
            if (Role == NodeRole.Router)
            {
                StartRouterTimers();
            }
            else
            {
                StartPolling(_options.PollPeriod);
            }
        }

        /// <summary>
        /// A parent's child table entry after a restart (05-3474 3.6.1.5 keeps the neighbor table in non-volatile
        /// memory): the child is authenticated; an rx-off child gets its frames through the indirect queue again.
        /// </summary>
        public void RestoreChild(Eui64 ieee, NwkAddress address, bool rxOnWhenIdle, bool router)
        {
            if (Role == NodeRole.EndDevice)
            {
                throw new InvalidOperationException("An end device has no children.");
            }

            MacCapabilityInformation capability = MacCapabilityInformation.AllocateAddress
                | (rxOnWhenIdle ? MacCapabilityInformation.ReceiverOnWhenIdle : MacCapabilityInformation.None)
                | (router ? MacCapabilityInformation.DeviceTypeFfd | MacCapabilityInformation.PowerSourceMains : MacCapabilityInformation.None);
            _children[address.Value] = new Child(ieee, address.Value, capability, _scheduler.Now) { Authenticated = true, LastPoll = _scheduler.Now };
            Neighbor n = GetOrAddNeighbor(address.Value);
            n.Ieee = ieee;
            n.Relationship = NeighborRelationship.Child;
            n.DeviceType = router ? NodeDeviceType.Router : NodeDeviceType.EndDevice;
            n.LastHeard = _scheduler.Now;
        }
    }
}
