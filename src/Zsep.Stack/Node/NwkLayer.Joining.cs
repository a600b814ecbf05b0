using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Aps;
using Zsep.Stack.Mac;
using Zsep.Stack.Radio;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// Joining by MAC association (05-3474 3.6.1.4.1): network discovery by active scan, parent choice, association
    /// with its indirect response, and the parent side (beacons, address allocation, child table).
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        private readonly List<BeaconCandidate> _candidates = new List<BeaconCandidate>();
        private readonly Dictionary<ushort, Child> _children = new Dictionary<ushort, Child>();
        private BeaconCandidate? _joiningParent;
        private IScheduledItem? _authTimer;
        private IScheduledItem? _associationTimer;
        private IScheduledItem? _pollTimer;
        private IScheduledItem? _joinRetryTimer;

        /// <summary>One Zigbee beacon heard during discovery (a network descriptor, 05-3474 Table 3.8).</summary>
        private sealed record BeaconCandidate(byte Channel, PanId PanId, ushort Address, ZigbeeBeaconPayload Payload, bool PermitJoin, byte Lqi);

        /// <summary>A child of this parent (the child part of the neighbor table).</summary>
        internal sealed class Child
        {
            public Child(Eui64 ieee, ushort address, MacCapabilityInformation capability, DateTimeOffset at)
            {
                Ieee = ieee;
                Address = address;
                Capability = capability;
                AssociatedAt = at;
            }

            public Eui64 Ieee { get; }

            public ushort Address { get; }

            public MacCapabilityInformation Capability { get; }

            public bool Authenticated { get; set; }

            public DateTimeOffset AssociatedAt { get; }

            public DateTimeOffset LastPoll { get; set; }

            public bool RxOnWhenIdle => (Capability & MacCapabilityInformation.ReceiverOnWhenIdle) != 0;

            public ChildInfo ToInfo() => new ChildInfo(Ieee, new NwkAddress(Address), Capability, Authenticated, AssociatedAt);
        }

        /// <summary>
        /// Joins by association (NLME-NETWORK-DISCOVERY then NLME-JOIN with rejoin network = association): active scan
        /// of the configured channels, then association with the best parent, then authentication.
        /// </summary>
        public void Join()
        {
            if (Role == NodeRole.Coordinator)
            {
                throw new InvalidOperationException("A coordinator forms; it does not join.");
            }

            if (State != NodeState.Idle && State != NodeState.Left)
            {
                throw new InvalidOperationException($"The node is {State}.");
            }

            _joinRetryTimer?.Cancel();
            _joinRetryTimer = null;
            _candidates.Clear();
            SetState(NodeState.Discovering);
            var channels = new List<byte>();
            uint mask = _options.ScanChannelMask == 0 ? 1u << _options.Channel : _options.ScanChannelMask;
            for (byte c = 11; c <= 26; c++)
            {
                if ((mask & (1u << c)) != 0)
                {
                    channels.Add(c);
                }
            }

            ScanChannel(channels, 0);
        }

        private MacCapabilityInformation OwnCapability =>
            Role == NodeRole.EndDevice
                ? MacCapabilityInformation.AllocateAddress
                : MacCapabilityInformation.AllocateAddress | MacCapabilityInformation.DeviceTypeFfd |
                  MacCapabilityInformation.PowerSourceMains | MacCapabilityInformation.ReceiverOnWhenIdle;

        private void ScanChannel(List<byte> channels, int index)
        {
            if (_disposed || State != NodeState.Discovering)
            {
                return;
            }

            if (index == channels.Count)
            {
                TryNextParent();
                return;
            }

            _channel = channels[index];
            _radio.Configure(new RadioConfiguration { Channel = _channel, PanId = PanId.Broadcast, ShortAddress = 0xFFFF, RxOnWhenIdle = true });
            MacSend(MacFrame.CreateBeaconRequest(NextMacSequence()));
            _scheduler.Schedule(_options.ScanDurationPerChannel, () => ScanChannel(channels, index + 1));
        }

        private void OnBeacon(MacFrame frame, byte lqi)
        {
            if (OnRediscoveryBeacon(frame, lqi) || OnPotentialParentBeacon(frame, lqi))
            {
                return;
            }

            if (State != NodeState.Discovering || frame.Beacon is not MacBeacon beacon || beacon.ZigbeeBeacon is not ZigbeeBeaconPayload zb ||
                frame.SourceAddress.Mode != MacAddressingMode.Short || frame.SourcePanId is not PanId pan)
            {
                return;
            }

            _candidates.RemoveAll(c => c.PanId == pan && c.Address == frame.SourceAddress.ShortAddress);
            _candidates.Add(new BeaconCandidate(_channel, pan, frame.SourceAddress.ShortAddress, zb,
                beacon.SuperframeSpecification.AssociationPermit, lqi));
        }

        /// <summary>
        /// Parent choice (05-3474 3.6.1.4.1.1): a Zigbee PRO network with our EPID that permits joining and has
        /// capacity for our device type; among those, the ones whose link cost is at most 3 when there are any, and of
        /// them the one with the lowest depth (the shortest tree path to the coordinator), then the best LQI.
        /// </summary>
        private void TryNextParent()
        {
            _associationTimer?.Cancel();
            List<BeaconCandidate> suitable = _candidates
                .Where(c => c.PermitJoin && c.Payload.StackProfile == ZigbeeStackProfile.ZigbeePro &&
                            (_options.ExtendedPanId.Value == 0 || c.Payload.NwkExtendedPanId == _options.ExtendedPanId) &&
                            (Role == NodeRole.Router ? c.Payload.RouterCapacity : c.Payload.EndDeviceCapacity))
                .ToList();
            if (suitable.Exists(c => LinkCost(c.Lqi) <= 3))
            {
                suitable.RemoveAll(c => LinkCost(c.Lqi) > 3);
            }

            BeaconCandidate? best = suitable
                .OrderBy(c => c.Payload.DeviceDepth).ThenByDescending(c => c.Lqi).ThenBy(c => c.Address)
                .FirstOrDefault();
            if (best is null)
            {
                _joiningParent = null;
                ResetNetworkState();
                SetState(NodeState.Idle);
                ScheduleJoinRetry();
                return;
            }

            _candidates.Remove(best);
            _joiningParent = best;
            SetState(NodeState.Associating);
            _channel = best.Channel;
            _panId = best.PanId;
            _radio.Configure(new RadioConfiguration { Channel = _channel, PanId = _panId, ShortAddress = 0xFFFF, RxOnWhenIdle = true });

            // IEEE 802.15.4-2006 7.3.1: association request from our extended address in PAN 0xFFFF to the parent.
            var request = new MacFrame
            {
                FrameType = MacFrameType.Command,
                AckRequest = true,
                SequenceNumber = NextMacSequence(),
                DestinationPanId = _panId,
                DestinationAddress = MacAddress.FromShort(best.Address),
                SourcePanId = PanId.Broadcast,
                SourceAddress = MacAddress.FromExtended(Ieee),
                Payload = new MacAssociationRequest(OwnCapability).ToArray(),
            };
            MacSend(request, result =>
            {
                if (result.Status != RadioTransmitStatus.Success)
                {
                    TryNextParent();
                    return;
                }

                // The response is indirect: poll for it after macResponseWaitTime (7.5.3.1).
                _associationTimer = _scheduler.Schedule(_options.MacResponseWaitTime, () => PollForAssociationResponse(best));
            });
        }

        private void PollForAssociationResponse(BeaconCandidate parent)
        {
            if (State != NodeState.Associating || _joiningParent != parent)
            {
                return;
            }

            var poll = new MacFrame
            {
                FrameType = MacFrameType.Command,
                AckRequest = true,
                PanIdCompression = true,
                SequenceNumber = NextMacSequence(),
                DestinationPanId = _panId,
                DestinationAddress = MacAddress.FromShort(parent.Address),
                SourceAddress = MacAddress.FromExtended(Ieee),
                Payload = MacDataRequest.Instance.ToArray(),
            };
            MacSend(poll, result =>
            {
                if (State == NodeState.Associating && _joiningParent == parent)
                {
                    _associationTimer = _scheduler.Schedule(_options.MacResponseWaitTime, TryNextParent);
                }
            });
        }

        private void OnAssociationResponse(MacAssociationResponse response)
        {
            if (State != NodeState.Associating || _joiningParent is not BeaconCandidate parent)
            {
                return;
            }

            _associationTimer?.Cancel();
            if (response.AssociationStatus != MacAssociationStatus.Successful)
            {
                TryNextParent();
                return;
            }

            _nwkAddress = response.ShortAddress;
            _parentAddress = parent.Address;
            _extendedPanId = parent.Payload.NwkExtendedPanId;
            _depth = (byte)Math.Min(15, parent.Payload.DeviceDepth + 1); // the beacon's 4-bit field saturates
            bool rxOn = Role != NodeRole.EndDevice;
            _radio.Configure(new RadioConfiguration { Channel = _channel, PanId = _panId, ShortAddress = _nwkAddress, RxOnWhenIdle = rxOn });
            Neighbor n = GetOrAddNeighbor(parent.Address, essential: true);
            n.Relationship = NeighborRelationship.Parent;
            n.DeviceType = parent.Address == 0 ? NodeDeviceType.Coordinator : NodeDeviceType.Router;
            n.Lqi = parent.Lqi;
            KeepPotentialParents(parent.Address); // ZdoServer.PotentialParents.cs
            SetState(NodeState.Authenticating);
            _authTimer = _scheduler.Schedule(_options.AuthenticationTimeout, () =>
            {
                if (State == NodeState.Authenticating)
                {
                    Drop("NoTransportKey");
                    TryNextParent();
                }
            });
            if (Role == NodeRole.EndDevice)
            {
                StartPolling(TimeSpan.FromMilliseconds(250));
            }
        }

        private void ResetNetworkState()
        {
            _authTimer?.Cancel();
            _pollTimer?.Cancel();
            _nwkAddress = 0xFFFF;
            _parentAddress = 0xFFFF;
            _neighbors.Clear();
            _routes.Clear();
            _incomingCounters.Clear();
        }

        /// <summary>End device polling (05-3474 3.6.2.4, MLME-POLL): a MAC data request to the parent every period.</summary>
        private void StartPolling(TimeSpan period)
        {
            _pollTimer?.Cancel();
            void Poll()
            {
                if (_disposed || (State != NodeState.Authenticating && State != NodeState.Joined))
                {
                    return;
                }

                MacSend(new MacFrame
                {
                    FrameType = MacFrameType.Command,
                    AckRequest = true,
                    PanIdCompression = true,
                    SequenceNumber = NextMacSequence(),
                    DestinationPanId = _panId,
                    DestinationAddress = MacAddress.FromShort(_parentAddress),
                    SourceAddress = MacAddress.FromShort(_nwkAddress),
                    Payload = MacDataRequest.Instance.ToArray(),
                }, r =>
                {
                    if (State == NodeState.Joined)
                    {
                        OnPollResult(r.Status == RadioTransmitStatus.Success);
                    }
                });
                _pollTimer = _scheduler.Schedule(period, Poll);
            }

            _pollTimer = _scheduler.Schedule(period, Poll);
        }

        private void OnDisassociationNotification(MacFrame frame)
        {
            if (Role == NodeRole.Coordinator || State == NodeState.Idle || State == NodeState.Discovering)
            {
                return;
            }

            if (frame.SourceAddress.Mode == MacAddressingMode.Short && frame.SourceAddress.ShortAddress != _parentAddress)
            {
                return;
            }

            _networkKey = null;
            ResetNetworkState();
            SetState(NodeState.Left);
            ScheduleJoinRetry();
        }

        /// <summary>With <see cref="ZigbeeNodeOptions.JoinRetryInterval"/> set: discovery again after the interval plus jitter.</summary>
        private void ScheduleJoinRetry()
        {
            if (_options.JoinRetryInterval is not TimeSpan interval || _disposed)
            {
                return;
            }

            _joinRetryTimer?.Cancel();
            TimeSpan delay = interval + TimeSpan.FromTicks((long)(_scheduler.Random.NextDouble() * _options.JoinRetryJitter.Ticks));
            _joinRetryTimer = _scheduler.Schedule(delay, () =>
            {
                _joinRetryTimer = null;
                if (!_disposed && (State == NodeState.Idle || State == NodeState.Left))
                {
                    Join();
                }
            });
        }

        private void OnBeaconRequest()
        {
            if (State != NodeState.Joined || Role == NodeRole.EndDevice)
            {
                return;
            }

            // A small random delay so that neighbors' beacons do not all go at once.
            _scheduler.Schedule(TimeSpan.FromMilliseconds(_scheduler.Random.Next(1, 20)), SendBeacon);
        }

        /// <summary>A beacon with the Zigbee beacon payload (05-3474 3.6.7, Table 3.59).</summary>
        private void SendBeacon()
        {
            if (_disposed || State != NodeState.Joined)
            {
                return;
            }

            bool permit = PermitJoining;
            // Stochastic addressing (stack profile 2, 3.6.1.7) does not depend on depth: a router takes children at
            // any depth, and the 4-bit Device Depth field saturates at 15. A depth cap leaves the far corners of a
            // large mesh, whose join tree grows deeper than its radius, with no parent at all.
            bool capacity = _children.Count < _options.MaxChildren;
            var payload = new ZigbeeBeaconPayload
            {
                RouterCapacity = capacity,
                EndDeviceCapacity = capacity,
                DeviceDepth = _depth,
                NwkExtendedPanId = _extendedPanId,
                NwkUpdateId = _nwkUpdateId,
            };
            var beacon = new MacBeacon
            {
                SuperframeSpecification = new MacSuperframeSpecification(15, 15, 15, false, Role == NodeRole.Coordinator, permit),
                BeaconPayload = payload.ToArray(),
            };
            MacSend(MacFrame.CreateBeacon(NextMacSequence(), _panId, MacAddress.FromShort(_nwkAddress), beacon));
        }

        /// <summary>
        /// The parent side of association (05-3474 3.6.1.4.1.2): a stochastic address (3.6.1.7), a child entry,
        /// and the association response queued until the device polls for it.
        /// </summary>
        private void OnAssociationRequest(Eui64 device, MacCapabilityInformation capability)
        {
            if (State != NodeState.Joined || Role == NodeRole.EndDevice)
            {
                return;
            }

            MacAssociationStatus status = MacAssociationStatus.Successful;
            Child? child = _children.Values.FirstOrDefault(c => c.Ieee == device);
            if (child is null)
            {
                if (!PermitJoining)
                {
                    status = MacAssociationStatus.PanAccessDenied;
                }
                else if (_children.Count >= _options.MaxChildren)
                {
                    status = MacAssociationStatus.PanAtCapacity;
                }
                else
                {
                    child = new Child(device, AllocateAddress(), capability, _scheduler.Now);
                    _children[child.Address] = child;
                    Neighbor n = GetOrAddNeighbor(child.Address, essential: true);
                    n.Ieee = device;
                    n.Relationship = NeighborRelationship.UnauthenticatedChild;
                    n.DeviceType = (capability & MacCapabilityInformation.DeviceTypeFfd) != 0 ? NodeDeviceType.Router : NodeDeviceType.EndDevice;
                }
            }

            ushort assigned = status == MacAssociationStatus.Successful ? child!.Address : (ushort)0xFFFF;
            var destination = MacAddress.FromExtended(device);
            MacFrame Build(bool more) => new MacFrame
            {
                FrameType = MacFrameType.Command,
                AckRequest = true,
                FramePending = more,
                PanIdCompression = true,
                SequenceNumber = NextMacSequence(),
                DestinationPanId = _panId,
                DestinationAddress = destination,
                SourceAddress = MacAddress.FromExtended(Ieee),
                Payload = new MacAssociationResponse(assigned, status).ToArray(),
            };
            EnqueueIndirect(destination, Build, delivered =>
            {
                if (delivered && status == MacAssociationStatus.Successful && _children.TryGetValue(assigned, out Child? c) && c.Ieee == device)
                {
                    OnChildAssociated(c);
                }
            });
        }

        private ushort AllocateAddress()
        {
            while (true)
            {
                ushort candidate = (ushort)_scheduler.Random.Next(0x0001, 0xFFF8);
                if (!_children.ContainsKey(candidate) && !_neighbors.ContainsKey(candidate) && candidate != _nwkAddress)
                {
                    return candidate;
                }
            }
        }

        /// <summary>After the association response: tell the Trust Center (itself, or by APS Update Device).</summary>
        private void OnChildAssociated(Child child)
        {
            if (Role == NodeRole.Coordinator)
            {
                TrustCenterAdmit(child.Ieee, new NwkAddress(child.Address), NwkAddress.Coordinator, viaRouter: false);
            }
            else
            {
                // 4.6.3.2.1: the parent tells the Trust Center (NWK-secured; APS-unsecured here, see ApsLayer).
                SendApsCommand(NwkAddress.Coordinator, new ApsUpdateDeviceCommand
                {
                    DeviceAddress = child.Ieee,
                    DeviceShortAddress = new NwkAddress(child.Address),
                    Status = ApsUpdateDeviceStatus.StandardDeviceUnsecuredJoin,
                });
            }
        }

        /// <summary>Removes a child: drops its entry and queued frames and tells it (MAC disassociation, 7.3.3).</summary>
        private void RemoveChild(Eui64 device, string reason)
        {
            Child? child = _children.Values.FirstOrDefault(c => c.Ieee == device);
            if (child is null)
            {
                return;
            }

            _children.Remove(child.Address);
            _neighbors.Remove(child.Address);
            DropIndirectFor(MacAddress.FromShort(child.Address));
            DropIndirectFor(MacAddress.FromExtended(device));
            var notification = new MacFrame
            {
                FrameType = MacFrameType.Command,
                AckRequest = true,
                PanIdCompression = true,
                SequenceNumber = NextMacSequence(),
                DestinationPanId = _panId,
                DestinationAddress = MacAddress.FromExtended(device),
                SourceAddress = MacAddress.FromExtended(Ieee),
                Payload = new MacDisassociationNotification(MacDisassociationReason.CoordinatorWishesDeviceToLeave).ToArray(),
            };
            if (child.RxOnWhenIdle)
            {
                MacSend(notification);
            }
            else
            {
                // An rx-off child polls with its short address.
                EnqueueIndirect(MacAddress.FromShort(child.Address), more => notification, null);
            }

            DeviceLeft?.Invoke(this, new DeviceLeftEventArgs(device, new NwkAddress(child.Address), reason));
        }
    }
}
