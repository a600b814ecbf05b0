using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Mac;
using Zsep.Stack.Types;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// An end device's potential parents (05-3474 3.6.1.5, Table 3.63): the routers of its network that answered its
    /// network discovery, kept in its neighbor table beside its parent with the relationship "none of the above" and
    /// the LQI of their beacons. They are where the device would go when it loses its parent (3.6.1.4.3), and
    /// Mgmt_Lqi_req (2.4.3.3.2, answered by every role here; the parent holds the request until the device polls)
    /// shows them, so a gateway can tell an end device that has another way in from one that has none.
    /// <para>
    /// Routers answer a beacon request within a few milliseconds of each other, and beacons that overlap on the air
    /// are lost, so one active scan often hears only some of them. An end device whose table lists no router but its
    /// parent therefore scans its own channel again when it is asked for its neighbor table (up to
    /// <see cref="PotentialParentScanRequests"/> beacon requests, each followed by the join scan's listening time,
    /// until one other router is heard) and answers after; <see cref="ScanForPotentialParents(int)"/> scans on demand (the
    /// scan a device does before a rejoin). Scanning right after every join instead was measured: it perturbed the
    /// 1,000-device join benchmark (8 % more events), so the scan waits until someone asks.
    /// </para>
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        /// <summary>Beacon requests of the scan for potential parents after joining.</summary>
        public const int PotentialParentScanRequests = 3;

        private bool _potentialParentScan;

        /// <summary>
        /// After joining by association: every other router of our network (same channel, PAN ID and extended PAN ID)
        /// heard during the discovery, whether or not it permitted joining, becomes a neighbor entry (not an essential
        /// one: a full table keeps only the parent). End devices only; routers learn their neighbours by link status.
        /// </summary>
        private void KeepPotentialParents(ushort parentAddress)
        {
            if (Role != NodeRole.EndDevice)
            {
                return;
            }

            foreach (BeaconCandidate c in _candidates.Where(c => c.Channel == _channel && c.PanId == _panId && c.Payload.NwkExtendedPanId == _extendedPanId))
            {
                KeepPotentialParent(c.Address, c.Lqi, parentAddress);
            }
        }

        private void KeepPotentialParent(ushort address, byte lqi, ushort parentAddress)
        {
            if (address == parentAddress || address == _nwkAddress)
            {
                return;
            }

            Neighbor n = GetOrAddNeighbor(address);
            n.Relationship = NeighborRelationship.None;
            n.DeviceType = address == 0 ? NodeDeviceType.Coordinator : NodeDeviceType.Router;
            n.Lqi = lqi;
            n.LastHeard = _scheduler.Now;
        }

        /// <summary>
        /// An end device's active scan of its own channel for routers of its network (beacon requests, listening with
        /// the receiver on), each one heard kept as a potential parent. No effect on routers, on a device that is not
        /// joined, or while a scan runs.
        /// </summary>
        public void ScanForPotentialParents(int requests = PotentialParentScanRequests) => ScanForPotentialParents(requests, untilFound: false, null);

        private bool HasPotentialParent => _neighbors.Values.Any(n => n.Relationship != NeighborRelationship.Parent && n.IsRouter);

        /// <param name="requests">Beacon requests at most.</param>
        /// <param name="untilFound">Stop after the request that found a first potential parent.</param>
        /// <param name="done">Called when the scan ends (at once when none could start).</param>
        private void ScanForPotentialParents(int requests, bool untilFound, Action? done)
        {
            if (Role != NodeRole.EndDevice || State != NodeState.Joined || _potentialParentScan || _rediscovering || _disposed)
            {
                done?.Invoke();
                return;
            }

            _potentialParentScan = true;
            _radio.Configure(_radio.Configuration with { RxOnWhenIdle = true });
            Next(Math.Max(1, requests));

            void Next(int left)
            {
                if (_disposed || State != NodeState.Joined || left == 0 || (untilFound && HasPotentialParent))
                {
                    _potentialParentScan = false;
                    if (!_disposed && State == NodeState.Joined && !_rediscovering)
                    {
                        ConfigureJoinedRadio();
                    }

                    done?.Invoke();
                    return;
                }

                MacSend(MacFrame.CreateBeaconRequest(NextMacSequence()));
                _scheduler.Schedule(_options.ScanDurationPerChannel, () => Next(left - 1));
            }
        }

        /// <summary>
        /// Mgmt_Lqi_req on an end device whose table lists no router but its parent (its join scan lost the others'
        /// beacons, or heard none): scan the channel first (until one is heard, at most
        /// <see cref="PotentialParentScanRequests"/> requests, under half a second), then answer. So the scan costs
        /// nothing while a network joins, and whoever asks gets a fresh look; a device that really has no other router
        /// in reach answers with its parent alone.
        /// </summary>
        private void BeforeNeighborTableAnswer(byte startIndex, Action answer)
        {
            if (Role == NodeRole.EndDevice && startIndex == 0 && !HasPotentialParent)
            {
                ScanForPotentialParents(PotentialParentScanRequests, untilFound: true, answer);
                return;
            }

            answer();
        }

        /// <summary>A beacon heard during <see cref="ScanForPotentialParents(int)"/>: a router of our network is kept.</summary>
        private bool OnPotentialParentBeacon(MacFrame frame, byte lqi)
        {
            if (!_potentialParentScan)
            {
                return false;
            }

            if (frame.Beacon is MacBeacon beacon && beacon.ZigbeeBeacon is ZigbeeBeaconPayload zb && zb.NwkExtendedPanId == _extendedPanId &&
                frame.SourcePanId == _panId && frame.SourceAddress.Mode == MacAddressingMode.Short)
            {
                KeepPotentialParent(frame.SourceAddress.ShortAddress, lqi, _parentAddress);
            }

            return true;
        }

        /// <summary>The routers this end device keeps as potential parents (its neighbor table less its parent), for tests and diagnostics.</summary>
        public IReadOnlyList<NeighborInfo> PotentialParents =>
            Role != NodeRole.EndDevice ? new List<NeighborInfo>()
                : _neighbors.Values.Where(n => n.Relationship != NeighborRelationship.Parent && n.IsRouter).OrderBy(n => n.Address).Select(n => n.ToInfo(_scheduler.Now)).ToList();
    }
}
