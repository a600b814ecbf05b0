using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Nwk;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// Many-to-one routing (05-3474 3.6.3.5): the coordinator is a concentrator without route cache, broadcasting
    /// many-to-one route requests; routers keep the best next hop to it and send a route record before their first
    /// frame to it; the concentrator source-routes downstream (3.6.3.3.2) from the last route record. Link status
    /// (3.6.3.4) keeps the router neighbors and their costs.
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        /// <summary>Route records by originator: relay list, index 0 the relay nearest the originator (3.4.5).</summary>
        private readonly Dictionary<ushort, List<ushort>> _routeRecords = new Dictionary<ushort, List<ushort>>();
        private readonly Dictionary<(ushort Originator, byte Id), byte> _routeDiscovery = new Dictionary<(ushort Originator, byte Id), byte>();
        private readonly HashSet<ushort> _concentrators = new HashSet<ushort>();

        /// <summary>Hops the last data frame from each originator took to reach us (coordinator; from its radius).</summary>
        private readonly Dictionary<ushort, byte> _lastFrameHops = new Dictionary<ushort, byte>();
        private bool _routeRecordRequired = true;
        private byte _routeRequestId;
        private IScheduledItem? _manyToOneSoon;
        private DateTimeOffset _lastManyToOne = DateTimeOffset.MinValue;

        /// <summary>The last route record from <paramref name="originator"/> (coordinator), relay nearest the originator first.</summary>
        public IReadOnlyList<NwkAddress>? GetRouteRecord(NwkAddress originator) =>
            _routeRecords.TryGetValue(originator.Value, out List<ushort>? relays) ? relays.Select(r => new NwkAddress(r)).ToList() : null;

        /// <summary>
        /// The hop count from the coordinator to <paramref name="device"/>: the hops its last data frame to us took;
        /// without one, the relays of its last route record plus one; without one, 1 for a neighbor, else the relays
        /// of its join-tree source route plus one. Null when no route is known.
        /// </summary>
        public int? GetHopCount(NwkAddress device)
        {
            // The route in use is the one the device's own frames take: the hops its last data frame took (from the
            // radius left), else its last route record (each relay appended itself, 3.6.4.5.2), even for a router
            // the coordinator also hears directly over a lossy link. Without either: a neighbor is 1 hop, else the
            // join tree.
            if (_lastFrameHops.TryGetValue(device.Value, out byte taken))
            {
                return taken;
            }

            if (_routeRecords.TryGetValue(device.Value, out List<ushort>? recorded))
            {
                return recorded.Count + 1;
            }

            if (IsDirect(device.Value))
            {
                return 1;
            }

            List<ushort>? relays = SourceRouteTo(device.Value, 0);
            return relays is null ? (int?)null : relays.Count + 1;
        }

        private bool IsConcentrator(ushort address) => address == 0x0000 || _concentrators.Contains(address);

        private void StartConcentrator()
        {
            SchedulePeriodic(_options.ConcentratorDiscoveryTime, TimeSpan.Zero, SendManyToOneRouteRequest);
        }

        /// <summary>A many-to-one route request (3.6.3.5.1): to 0xFFFC, many-to-one = route record table supported.</summary>
        public void SendManyToOneRouteRequest()
        {
            if (Role != NodeRole.Coordinator || State != NodeState.Joined)
            {
                return;
            }

            _lastManyToOne = _scheduler.Now;
            Counters.NwkRouteDiscoveries++;
            var request = new NwkRouteRequest
            {
                ManyToOne = NwkManyToOne.RouteRecordTableSupported,
                RouteRequestIdentifier = ++_routeRequestId,
                DestinationAddress = NwkAddress.BroadcastRouters,
                PathCost = 0,
            };
            byte[] bytes = request.ToArray();
            SendRouteRequestRepeated(InitialRouteRequestRetries, () => true,
                () => NwkSend(NwkAddress.BroadcastRouters, NwkFrameType.Command, bytes));
        }

        /// <summary>After a route failure: a many-to-one route request soon, at most one per 5 s.</summary>
        private void RequestManyToOneSoon()
        {
            if (_manyToOneSoon is { IsDone: false })
            {
                return;
            }

            TimeSpan wait = _lastManyToOne + TimeSpan.FromSeconds(5) - _scheduler.Now;
            _manyToOneSoon = _scheduler.Schedule(wait < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : wait, SendManyToOneRouteRequest);
        }

        /// <summary>
        /// Source route to <paramref name="destination"/>: the last route record, else built from the Trust Center's
        /// parent of each device (the join tree). An empty list means a direct neighbor; null means no route.
        /// </summary>
        private List<ushort>? SourceRouteTo(ushort destination, int depth)
        {
            if (depth > 30)
            {
                return null;
            }

            if (_routeRecords.TryGetValue(destination, out List<ushort>? relays))
            {
                return new List<ushort>(relays);
            }

            if (IsDirect(destination))
            {
                return new List<ushort>();
            }

            ushort? parent = TrustCenterParentOf(destination);
            if (parent is null || parent.Value == _nwkAddress)
            {
                return parent is null ? null : new List<ushort>();
            }

            List<ushort>? upstream = SourceRouteTo(parent.Value, depth + 1);
            if (upstream is null)
            {
                return null;
            }

            upstream.Insert(0, parent.Value);
            return upstream;
        }

        private void OnRouteRequest(NwkHeader header, NwkRouteRequest request, ushort macSource, byte lqi)
        {
            ushort originator = header.SourceAddress.Value;
            if (Role == NodeRole.EndDevice || originator == _nwkAddress)
            {
                return;
            }

            Neighbor n = GetOrAddNeighbor(macSource);
            if (n.DeviceType == NodeDeviceType.Unknown)
            {
                n.DeviceType = macSource == 0 ? NodeDeviceType.Coordinator : NodeDeviceType.Router;
            }

            // 3.6.3.5.2: the path cost grows by the cost of the link the request came over, in the direction the
            // route will carry frames (towards the previous hop), so the outgoing cost from link status counts.
            byte cost = (byte)Math.Min(255, request.PathCost + LinkCost(n, lqi));
            var key = (originator, request.RouteRequestIdentifier);
            if (_routeDiscovery.TryGetValue(key, out byte best) && cost >= best)
            {
                // A later copy of the same request that is no cheaper changes nothing: the route stays.
                return;
            }

            NoteRouteDiscovery(key, cost);
            if (request.ManyToOne == NwkManyToOne.NotManyToOne)
            {
                OnUnicastRouteRequest(header, request, macSource, cost, key);
                return;
            }

            _routes[originator] = new RouteInfo(new NwkAddress(originator), new NwkAddress(macSource), cost, true);
            _concentrators.Add(originator);
            if (request.ManyToOne == NwkManyToOne.RouteRecordTableSupported)
            {
                // Also when a cheaper copy of the same request changed the next hop after a data frame already went
                // with a route record: the concentrator's relay list would describe the old path.
                _routeRecordRequired = true;
            }

            if (header.Radius > 1)
            {
                // Only the best copy heard so far goes on, nwkcRREQRetries more times.
                ScheduleRouteRequestRelay(header, request, cost, key);
            }
        }

        /// <summary>
        /// Relays the best copy of a route request so far after its jitter, nwkcRREQRetries more times while it stays
        /// the best (in its own method, so a copy that is not relayed allocates no closure).
        /// </summary>
        private void ScheduleRouteRequestRelay(NwkHeader header, NwkRouteRequest request, byte cost, (ushort Originator, byte Id) key)
        {
            NwkHeader relayed = header with { Radius = (byte)(header.Radius - 1) };
            byte[] payload = (request with { PathCost = cost }).ToArray();
            _scheduler.Schedule(Jitter(), () => SendRouteRequestRepeated(
                RouteRequestRetries,
                () => _routeDiscovery.TryGetValue(key, out byte now) && now == cost,
                () =>
                {
                    Counters.NwkBroadcastsRelayed++;
                    MacSend(MacDataPsdu(0xFFFF, EncodeNwk(relayed, payload, true)));
                }));
        }

        /// <summary>
        /// Records the best path cost of a route discovery (route discovery table, 05-3474 3.6.3.2, Table 3.60). An
        /// entry lives nwkcRouteDiscoveryTime from its first copy, then expires with its reverse hop. Clearing the table
        /// wholesale instead would let a late, costlier copy of a discovery still in progress count as new and replace
        /// the route (and be relayed as the best), bending many-to-one routes in a large mesh.
        /// </summary>
        private void NoteRouteDiscovery((ushort Originator, byte Id) key, byte cost)
        {
            DateTimeOffset now = _scheduler.Now;
            while (_routeDiscoveryExpiries.Count > 0 &&
                   (_routeDiscoveryExpiries.Peek().Expires <= now || _routeDiscoveryExpiries.Count > MaxRouteDiscoveryEntries))
            {
                var old = _routeDiscoveryExpiries.Dequeue();
                _routeDiscovery.Remove(old.Key);
                _reverseHops.Remove(old.Key);
            }

            if (!_routeDiscovery.ContainsKey(key))
            {
                _routeDiscoveryExpiries.Enqueue((key, now + RouteDiscoveryTime));
            }

            _routeDiscovery[key] = cost;
        }

        /// <summary>A bound on the route discovery table, whatever the traffic (entries expire long before it in practice).</summary>
        private const int MaxRouteDiscoveryEntries = 1024;

        private readonly Queue<((ushort Originator, byte Id) Key, DateTimeOffset Expires)> _routeDiscoveryExpiries =
            new Queue<((ushort Originator, byte Id) Key, DateTimeOffset Expires)>();

        private void OnRouteRecord(NwkHeader header, NwkRouteRecord record)
        {
            if (Role != NodeRole.Coordinator)
            {
                return;
            }

            Counters.NwkRouteRecordsReceived++;
            TrustCenterOnKeyEvidence(header.SourceAddress.Value, fromRouter: true);
            _routeRecords[header.SourceAddress.Value] = record.RelayList.Select(a => a.Value).ToList();
        }

        private void StartRouterTimers()
        {
            SchedulePeriodic(_options.LinkStatusPeriod, TimeSpan.FromSeconds(1), () =>
            {
                SendLinkStatus();
                AgeNeighbors();
            });
        }

        /// <summary>
        /// Link status entries that fit one frame: a secured NWK command broadcast one hop (8-octet NWK header, 14-octet
        /// auxiliary header with the source address, 4-octet MIC, command identifier and options) in the 116 octets a
        /// MAC data frame with short addresses carries (<see cref="MaxNwkFrameLength"/>): (116 - 8 - 14 - 4 - 2) / 3 = 29.
        /// </summary>
        public const int LinkStatusEntriesPerFrame = (MaxNwkFrameLength - 8 - 14 - 4 - 2) / 3;

        /// <summary>
        /// Link status (3.4.8, 3.6.3.4): one-hop broadcast of router neighbors with their incoming and outgoing cost,
        /// in ascending order of network address (3.6.3.4.1). A list too long for one frame goes out in several, the
        /// first with the first frame bit, the last with the last frame bit, each carrying the next slice of the list.
        /// </summary>
        private void SendLinkStatus()
        {
            if (State != NodeState.Joined)
            {
                return;
            }

            foreach (NwkLinkStatus status in BuildLinkStatus())
            {
                NwkSend(NwkAddress.BroadcastRouters, NwkFrameType.Command, status.ToArray(), radius: 1);
            }
        }

        /// <summary>The frames of this router's link status (3.6.3.4.1); one frame, with both bits set, when the list fits.</summary>
        public IReadOnlyList<NwkLinkStatus> BuildLinkStatus()
        {
            // Plain loops, not LINQ: every router runs this every 15 s, and LINQ's pooled buffers per element type
            // cost more in pool trimming than the list itself.
            var routers = new List<Neighbor>();
            foreach (Neighbor n in _neighbors.Values)
            {
                if (n.IsRouter && n.Relationship != NeighborRelationship.UnauthenticatedChild)
                {
                    routers.Add(n);
                }
            }

            routers.Sort((a, b) => a.Address.CompareTo(b.Address));
            var frames = new List<NwkLinkStatus>();
            int start = 0;
            do
            {
                int count = Math.Min(LinkStatusEntriesPerFrame, routers.Count - start);
                var entries = new List<NwkLinkStatusEntry>(count);
                for (int i = start; i < start + count; i++)
                {
                    Neighbor n = routers[i];
                    entries.Add(new NwkLinkStatusEntry(new NwkAddress(n.Address), n.IncomingCost, n.OutgoingCost == 0 ? (byte)7 : n.OutgoingCost));
                }

                frames.Add(new NwkLinkStatus { FirstFrame = start == 0, LastFrame = start + count >= routers.Count, Entries = entries });
                start += count;
            }
            while (start < routers.Count);
            return frames;
        }

        private void OnLinkStatus(NwkHeader header, NwkLinkStatus status, ushort macSource, byte lqi)
        {
            if (Role == NodeRole.EndDevice || header.SourceAddress.Value != macSource)
            {
                return;
            }

            Neighbor n = GetOrAddNeighbor(macSource);
            if (n.DeviceType == NodeDeviceType.Unknown || n.DeviceType == NodeDeviceType.EndDevice)
            {
                n.DeviceType = macSource == 0 ? NodeDeviceType.Coordinator : NodeDeviceType.Router;
            }

            if (n.Relationship == NeighborRelationship.None)
            {
                n.Relationship = NeighborRelationship.Sibling;
            }

            n.LastLinkStatus = _scheduler.Now;
            n.Lqi = lqi;
            // A link status in several frames covers the sender's sorted list in slices (3.6.3.4.1): only the frame
            // whose address range takes in ours says whether we are listed (and are otherwise not a neighbour, cost 0).
            IReadOnlyList<NwkLinkStatusEntry> list = status.Entries;
            ushort low = status.FirstFrame || list.Count == 0 ? (ushort)0 : list[0].NeighborNetworkAddress.Value;
            ushort high = status.LastFrame || list.Count == 0 ? (ushort)0xFFFF : list[list.Count - 1].NeighborNetworkAddress.Value;
            if (_nwkAddress < low || _nwkAddress > high)
            {
                return;
            }

            byte outgoing = 0;
            foreach (NwkLinkStatusEntry e in list)
            {
                if (e.NeighborNetworkAddress.Value == _nwkAddress)
                {
                    outgoing = e.IncomingCost;
                }
            }

            n.OutgoingCost = outgoing;
        }
    }
}
