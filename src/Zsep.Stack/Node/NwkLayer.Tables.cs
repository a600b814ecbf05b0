using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Types;

namespace Zsep.Stack.Node
{
    /// <summary>Neighbor and routing tables (05-3474 3.6.1.5, 3.6.3.1) and link costs (3.6.3.1, from LQI).</summary>
    public sealed partial class ZigbeeNode
    {
        private readonly Dictionary<ushort, Neighbor> _neighbors = new Dictionary<ushort, Neighbor>();
        private readonly Dictionary<ushort, RouteInfo> _routes = new Dictionary<ushort, RouteInfo>();

        internal sealed class Neighbor
        {
            public Neighbor(ushort address, DateTimeOffset now)
            {
                Address = address;
                LastHeard = now;
            }

            public ushort Address { get; }

            public Eui64? Ieee { get; set; }

            public NeighborRelationship Relationship { get; set; } = NeighborRelationship.None;

            public NodeDeviceType DeviceType { get; set; } = NodeDeviceType.Unknown;

            public byte Lqi { get; set; }

            /// <summary>The cost the neighbor reported for its link from us, in its link status (0 = not yet).</summary>
            public byte OutgoingCost { get; set; }

            public DateTimeOffset LastHeard { get; set; }

            public DateTimeOffset LastLinkStatus { get; set; }

            public byte IncomingCost => LinkCost(Lqi);

            public bool IsRouter => DeviceType == NodeDeviceType.Router || DeviceType == NodeDeviceType.Coordinator;

            public NeighborInfo ToInfo(DateTimeOffset now) =>
                new NeighborInfo(Ieee, new NwkAddress(Address), Relationship, DeviceType, Lqi, IncomingCost, OutgoingCost, now - LastHeard);
        }

        /// <summary>
        /// Link cost C{l} from LQI (05-3474 3.6.3.1): C{l} = min(7, round(1 / p^4)), p the probability that a frame
        /// gets across the link. p is estimated from the LQI, read as linear in the signal above sensitivity (about
        /// 4.25 LQI per dB, as radios that derive LQI from energy report it) with the transitional region a few dB
        /// wide: LQI 26 (6 dB, p ~ 0.9) and up is a cost 1 link, LQI 19 (4.5 dB, p ~ 0.8) cost 2, LQI 16 (3.75 dB,
        /// p ~ 0.73) cost 3, and so on down to 7 at the edge of sensitivity. A 74 % link thus costs 3 and two 97 %
        /// links 2, so many-to-one route requests prefer good links over fewer, lossy ones.
        /// </summary>
        internal static byte LinkCost(byte lqi) =>
            lqi >= 26 ? (byte)1 : lqi >= 19 ? (byte)2 : lqi >= 16 ? (byte)3 : lqi >= 14 ? (byte)4 : lqi >= 13 ? (byte)5 : lqi >= 12 ? (byte)6 : (byte)7;

        /// <summary>
        /// Cost of the link from this node to <paramref name="neighbor"/> as heard at <paramref name="lqi"/>
        /// (3.6.3.1, 3.6.3.4.2): the larger of the incoming cost and the outgoing cost the neighbor reported in its
        /// link status, when it has (nwkSymLink: a route is only as good as the worse direction).
        /// </summary>
        private static byte LinkCost(Neighbor? neighbor, byte lqi)
        {
            byte incoming = LinkCost(lqi);
            byte outgoing = neighbor?.OutgoingCost ?? 0;
            return outgoing > incoming ? outgoing : incoming;
        }

        /// <summary>
        /// The neighbor entry of <paramref name="address"/>, added when new. When the table is full
        /// (<see cref="NeighborTableSize"/>) a new neighbour that is not <paramref name="essential"/> (a parent or child)
        /// gets a detached entry that is used for this frame only and not kept.
        /// </summary>
        private Neighbor GetOrAddNeighbor(ushort address, bool essential = false)
        {
            if (!_neighbors.TryGetValue(address, out Neighbor? n))
            {
                n = new Neighbor(address, _scheduler.Now);
                if (!essential && NeighborTableSize is int size && _neighbors.Count >= size)
                {
                    Counters.NwkNeighborTableFull++;
                    return n;
                }

                _neighbors[address] = n;
            }

            return n;
        }

        /// <summary>Updates a known neighbor's LQI and age (any frame from it).</summary>
        private void TouchNeighbor(ushort address, byte lqi)
        {
            if (_neighbors.TryGetValue(address, out Neighbor? n))
            {
                n.Lqi = lqi;
                n.LastHeard = _scheduler.Now;
            }
        }

        /// <summary>Removes a neighbor that aged out, with every route through it.</summary>
        private void RemoveNeighbor(ushort address)
        {
            if (!_neighbors.TryGetValue(address, out Neighbor? n) ||
                (_children.TryGetValue(address, out Child? child) && !child.RxOnWhenIdle))
            {
                // End device children go by their polls, not by link status or MAC acks.
                return;
            }

            if (n.Relationship != NeighborRelationship.Parent)
            {
                _neighbors.Remove(address);
            }

            foreach (RouteInfo route in _routes.Values.Where(r => r.NextHop.Value == address).ToList())
            {
                _routes.Remove(route.Destination.Value);
            }
        }

        /// <summary>
        /// nwkRouterAgeLimit (3.6.3.4.2): router neighbors silent for that many link status periods are dropped, with
        /// the routes through them. Age runs from the last link status, or from the last frame heard for a neighbor
        /// that never sent one. This is the only way a router neighbor leaves the table: a MAC failure is not (see
        /// OnLinkFailure).
        /// </summary>
        private void AgeNeighbors()
        {
            TimeSpan limit = TimeSpan.FromTicks(_options.LinkStatusPeriod.Ticks * _options.RouterAgeLimit);
            List<ushort>? stale = null;
            foreach (Neighbor n in _neighbors.Values)
            {
                DateTimeOffset news = n.LastLinkStatus != default ? n.LastLinkStatus : n.LastHeard;
                if (n.IsRouter && n.Relationship != NeighborRelationship.Parent && _scheduler.Now - news > limit)
                {
                    (stale ??= new List<ushort>()).Add(n.Address);
                }
            }

            if (stale != null)
            {
                foreach (ushort address in stale)
                {
                    RemoveNeighbor(address);
                }
            }
        }
    }
}
