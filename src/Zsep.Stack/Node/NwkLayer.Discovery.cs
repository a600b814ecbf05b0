using System;
using System.Collections.Generic;
using Zsep.Stack.Nwk;
using Zsep.Stack.Types;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// Unicast route discovery between routers (05-3474 3.6.3.5.1 / 3.6.3.5.2): a route request broadcast with the
    /// accumulated path cost, a route reply sent back hop by hop along the cheapest reverse path, and the frames
    /// that waited for the route (nwkcRouteDiscoveryTime). The coordinator keeps source routing instead.
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        /// <summary>nwkcRouteDiscoveryTime: 10 s (0x2710 ms).</summary>
        private static readonly TimeSpan RouteDiscoveryTime = TimeSpan.FromSeconds(10);

        /// <summary>Route discovery table (Table 3.67): the previous hop towards the originator per request.</summary>
        private readonly Dictionary<(ushort Originator, byte Id), ushort> _reverseHops = new Dictionary<(ushort Originator, byte Id), ushort>();
        private readonly Dictionary<ushort, List<(NwkHeader Header, byte[] Payload, bool Secure, Action<bool>? Done)>> _awaitingRoute =
            new Dictionary<ushort, List<(NwkHeader Header, byte[] Payload, bool Secure, Action<bool>? Done)>>();

        /// <summary>Queues a frame and broadcasts a route request for <paramref name="destination"/>, unless one is under way.</summary>
        private void DiscoverRoute(ushort destination, NwkHeader header, byte[] payload, bool secure, Action<bool>? done)
        {
            if (_awaitingRoute.TryGetValue(destination, out var waiting))
            {
                waiting.Add((header, payload, secure, done));
                return;
            }

            _awaitingRoute[destination] = new List<(NwkHeader, byte[], bool, Action<bool>?)> { (header, payload, secure, done) };
            Counters.NwkRouteDiscoveries++;
            var request = new NwkRouteRequest
            {
                ManyToOne = NwkManyToOne.NotManyToOne,
                RouteRequestIdentifier = ++_routeRequestId,
                DestinationAddress = new NwkAddress(destination),
                PathCost = 0,
            };
            NoteRouteDiscovery((_nwkAddress, request.RouteRequestIdentifier), 0);
            byte[] bytes = request.ToArray();
            SendRouteRequestRepeated(InitialRouteRequestRetries, () => _awaitingRoute.ContainsKey(destination),
                () => NwkSend(NwkAddress.BroadcastRouters, NwkFrameType.Command, bytes));
            _scheduler.Schedule(RouteDiscoveryTime, () =>
            {
                if (_awaitingRoute.TryGetValue(destination, out var left))
                {
                    _awaitingRoute.Remove(destination);
                    Counters.NwkRouteFailures++;
                    Drop("RouteDiscoveryFailed");
                    foreach (var item in left)
                    {
                        item.Done?.Invoke(false);
                    }
                }
            });
        }

        /// <summary>A unicast route request (not many-to-one) heard: answer when it is for us or our end device child, else pass it on.</summary>
        private void OnUnicastRouteRequest(NwkHeader header, NwkRouteRequest request, ushort macSource, byte cost, (ushort, byte) key)
        {
            ushort originator = header.SourceAddress.Value;
            _reverseHops[key] = macSource;
            _routes[originator] = new RouteInfo(new NwkAddress(originator), new NwkAddress(macSource), cost, false);
            ushort target = request.DestinationAddress.Value;
            if (target == _nwkAddress || (_children.TryGetValue(target, out Child? child) && !child.RxOnWhenIdle))
            {
                SendRouteReply(macSource, request.RouteRequestIdentifier, header.SourceAddress, request.DestinationAddress, 0);
                return;
            }

            if (header.Radius > 1)
            {
                ScheduleRouteRequestRelay(header, request, cost, key);
            }
        }

        /// <summary>Route reply, one hop back towards the originator (3.6.3.5.2).</summary>
        private void SendRouteReply(ushort toHop, byte id, NwkAddress originator, NwkAddress responder, byte cost)
        {
            var reply = new NwkRouteReply { RouteRequestIdentifier = id, OriginatorAddress = originator, ResponderAddress = responder, PathCost = cost };
            var header = new NwkHeader
            {
                FrameType = NwkFrameType.Command,
                DestinationAddress = new NwkAddress(toHop),
                SourceAddress = new NwkAddress(_nwkAddress),
                Radius = 1,
                SequenceNumber = ++_nwkSequence,
                Security = true,
            };
            Counters.NwkTx++;
            SendToHop(header, reply.ToArray(), toHop, true, null);
        }

        private void OnRouteReply(NwkRouteReply reply, ushort macSource, byte lqi)
        {
            byte cost = (byte)Math.Min(255, reply.PathCost + LinkCost(lqi));
            ushort responder = reply.ResponderAddress.Value;
            if (!_routes.TryGetValue(responder, out RouteInfo? existing) || existing.ManyToOne || cost < existing.PathCost ||
                existing.NextHop.Value == macSource)
            {
                _routes[responder] = new RouteInfo(reply.ResponderAddress, new NwkAddress(macSource), cost, false);
            }

            if (reply.OriginatorAddress.Value == _nwkAddress)
            {
                if (_awaitingRoute.TryGetValue(responder, out var waiting))
                {
                    _awaitingRoute.Remove(responder);
                    foreach (var item in waiting)
                    {
                        SendToHop(item.Header, item.Payload, macSource, item.Secure, item.Done);
                    }
                }

                return;
            }

            if (_reverseHops.TryGetValue((reply.OriginatorAddress.Value, reply.RouteRequestIdentifier), out ushort back))
            {
                SendRouteReply(back, reply.RouteRequestIdentifier, reply.OriginatorAddress, reply.ResponderAddress, cost);
            }
        }
    }
}
