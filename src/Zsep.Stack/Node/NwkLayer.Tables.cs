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
        /// Link cost from LQI (05-3474 3.6.3.1: C{l} from the probability of delivery, 1..7). A coarse mapping:
        /// LQI 200+ is a near-perfect link.
        /// </summary>
        internal static byte LinkCost(byte lqi) => lqi >= 200 ? (byte)1 : lqi >= 150 ? (byte)2 : lqi >= 100 ? (byte)3 : lqi >= 50 ? (byte)5 : (byte)7;

        private Neighbor GetOrAddNeighbor(ushort address)
        {
            if (!_neighbors.TryGetValue(address, out Neighbor? n))
            {
                n = new Neighbor(address, _scheduler.Now);
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

        /// <summary>Removes a neighbor that failed (MAC no-ack) or aged out, with every route through it.</summary>
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

        /// <summary>nwkRouterAgeLimit: router neighbors silent for that many link status periods are dropped.</summary>
        private void AgeNeighbors()
        {
            TimeSpan limit = TimeSpan.FromTicks(_options.LinkStatusPeriod.Ticks * _options.RouterAgeLimit);
            foreach (Neighbor n in _neighbors.Values.ToList())
            {
                if (n.IsRouter && n.Relationship != NeighborRelationship.Parent && n.LastLinkStatus != default &&
                    _scheduler.Now - n.LastLinkStatus > limit)
                {
                    RemoveNeighbor(n.Address);
                }
            }
        }
    }
}
