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
    /// are lost, so one active scan often hears only some of them. After joining, the end device therefore scans its
    /// own channel again (<see cref="PotentialParentScanRequests"/> beacon requests, each followed by
    /// aBaseSuperframeDuration · (2^n + 1) of listening as in the join scan), adding every router of its network it
    /// hears; <see cref="ScanForPotentialParents"/> does the same on demand (the scan a device does before a rejoin).
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
        /// one: a full table keeps only the parent); a scan of the channel follows once the device is authenticated.
        /// End devices only; routers learn their neighbours by link status.
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

            // Once joined (the Trust Center's key arrives within a few seconds), with some jitter so that devices
            // joining together do not scan together.
            // The jitter comes from a generator of the node's own (seeded by its IEEE address), not the scheduler's
            // shared one, whose sequence the rest of the stack's choices follow.
            var jitter = new Random(unchecked((int)(Ieee.Value ^ (Ieee.Value >> 32)) ^ 0x5CA7));
            TimeSpan delay = TimeSpan.FromMilliseconds(2000 + jitter.Next(0, 3000));
            void Later(int attempts) => _scheduler.Schedule(delay, () =>
            {
                if (_disposed)
                {
                    return;
                }

                if (State == NodeState.Authenticating && attempts > 1)
                {
                    Later(attempts - 1);
                }
                else if (State == NodeState.Joined)
                {
                    ScanForPotentialParents();
                }
            });
            Later(10);
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
        public void ScanForPotentialParents(int requests = PotentialParentScanRequests)
        {
            if (Role != NodeRole.EndDevice || State != NodeState.Joined || _potentialParentScan || _rediscovering || _disposed)
            {
                return;
            }

            _potentialParentScan = true;
            _radio.Configure(_radio.Configuration with { RxOnWhenIdle = true });
            Next(Math.Max(1, requests));

            void Next(int left)
            {
                if (_disposed || State != NodeState.Joined || left == 0)
                {
                    _potentialParentScan = false;
                    if (!_disposed && State == NodeState.Joined && !_rediscovering)
                    {
                        ConfigureJoinedRadio();
                    }

                    return;
                }

                MacSend(MacFrame.CreateBeaconRequest(NextMacSequence()));
                _scheduler.Schedule(_options.ScanDurationPerChannel, () => Next(left - 1));
            }
        }

        /// <summary>A beacon heard during <see cref="ScanForPotentialParents"/>: a router of our network is kept.</summary>
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
