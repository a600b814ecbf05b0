using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Mac;
using Zsep.Stack.Nwk;
using Zsep.Stack.Radio;
using Zsep.Stack.Types;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// NWK data service and routing (05-3474 3.6.2, 3.6.3): unicast relay by routing table, many-to-one routes to
    /// the concentrator, route records and source routes, broadcasts through the broadcast transaction table, and
    /// link failures.
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        /// <summary>nwkcMaxBroadcastJitter: 64 ms.</summary>
        private static readonly TimeSpan MaxBroadcastJitter = TimeSpan.FromMilliseconds(64);

        /// <summary>nwkNetworkBroadcastDeliveryTime: how long a broadcast transaction record is kept.</summary>
        private static readonly TimeSpan BroadcastDeliveryTime = TimeSpan.FromSeconds(9);

        /// <summary>Broadcast transaction table (3.6.5), by <see cref="BroadcastKey"/> of source address and sequence number.</summary>
        private readonly Dictionary<int, BroadcastRecord> _broadcastTransactions = new Dictionary<int, BroadcastRecord>();

        /// <summary>The records of <see cref="_broadcastTransactions"/> in the order they were added (and expire).</summary>
        private readonly Queue<(int Key, BroadcastRecord Record)> _broadcastExpiries = new Queue<(int Key, BroadcastRecord Record)>();

        private byte _nwkSequence;

        /// <summary>nwkMaxSourceRoute (05-3474 Table 3.44): at most 12 relays in a source route.</summary>
        private const int MaxSourceRoute = 12;

        /// <summary>
        /// Length of the NWK frame <paramref name="header"/> + payload once secured: the auxiliary header with the
        /// extended nonce (14 octets) and the 4-octet MIC of ENC-MIC-32 (4.5.1).
        /// </summary>
        private static int SecuredLength(NwkHeader header, int payloadLength, bool secure) =>
            header.HeaderLength + payloadLength + (secure ? 14 + 4 : 0);

        /// <summary>Called by the MAC part for every data frame: unsecure, then deliver, relay or drop.</summary>
        private void OnMacData(ReadOnlySpan<byte> bytes, MacAddress macSourceAddress, byte lqi)
        {
            if (!NwkHeader.TryDecode(bytes, out NwkHeader? header, out _) || header is null || header.IsInterPan)
            {
                Drop("NwkMalformed");
                return;
            }

            if (!header.Security && State == NodeState.Joined)
            {
                // After the join every NWK frame is secured (4.3.1.2); an unsecured one is dropped.
                Counters.NwkUnsecuredDropped++;
                Drop("NwkUnsecured");
                return;
            }

            if (header.DestinationAddress.IsBroadcast && macSourceAddress.Mode == MacAddressingMode.Short &&
                _broadcastTransactions.TryGetValue(BroadcastKey(header.SourceAddress.Value, header.SequenceNumber), out BroadcastRecord? seen))
            {
                // A copy of a broadcast already handled (its broadcast transaction record, 3.6.5), told by the NWK
                // header, which is in the clear: it only counts as the relaying neighbor's passive acknowledgement.
                // Not unsecuring it saves most of the work of a broadcast in a dense mesh (each router hears every
                // neighbor's relay). Only receivers of broadcasts other than route requests and link status hold
                // records, and those a node originates, so those commands still reach OnRouteRequest.
                seen.Heard?.Add(macSourceAddress.ShortAddress);
                return;
            }

            byte[]? payload = UnsecureNwk(bytes, header, out Eui64? hop);
            if (payload is null)
            {
                return;
            }

            if (macSourceAddress.Mode == MacAddressingMode.Short)
            {
                ushort from = macSourceAddress.ShortAddress;
                if (hop.HasValue && State == NodeState.Joined)
                {
                    Neighbor n = GetOrAddNeighbor(from);
                    n.Ieee = hop;
                    n.Lqi = lqi;
                    n.LastHeard = _scheduler.Now;
                }

                NwkReceive(header, payload, from, lqi);
            }
        }

        private void NwkReceive(NwkHeader header, byte[] payload, ushort macSource, byte lqi)
        {
            if (header.DestinationAddress.IsBroadcast)
            {
                OnBroadcast(header, payload, macSource, lqi);
                return;
            }

            if (header.DestinationAddress.Value == _nwkAddress)
            {
                if (Role == NodeRole.Coordinator && header.FrameType == NwkFrameType.Data && header.Radius <= _options.DefaultRadius)
                {
                    // Each relay takes one off the radius the originator set (2 x nwkMaxDepth, 3.6.2.1): what is left
                    // tells how many hops this frame really took, whether or not its route record arrived.
                    _lastFrameHops[header.SourceAddress.Value] = (byte)(_options.DefaultRadius - header.Radius + 1);
                }

                Deliver(header, payload, macSource, lqi);
                return;
            }

            if (Role == NodeRole.EndDevice || State != NodeState.Joined)
            {
                Drop("NwkNotForUs");
                return;
            }

            Relay(header, payload);
        }

        private void Deliver(NwkHeader header, byte[] payload, ushort macSource, byte lqi)
        {
            if (header.FrameType == NwkFrameType.Command)
            {
                if (!NwkCommand.TryDecode(payload, out NwkCommand? command, out _) || command is null)
                {
                    Drop("NwkCommandMalformed");
                    return;
                }

                OnNwkCommand(header, command, macSource, lqi);
            }
            else if (header.FrameType == NwkFrameType.Data)
            {
                ApsReceive(header, payload, lqi);
            }
        }

        /// <summary>Broadcasts (05-3474 3.6.5): dedupe by source and sequence, deliver when addressed to us, relay with jitter.</summary>
        private void OnBroadcast(NwkHeader header, byte[] payload, ushort macSource, byte lqi)
        {
            if (State != NodeState.Joined)
            {
                return;
            }

            if (header.FrameType == NwkFrameType.Command && payload.Length > 0 &&
                (payload[0] == (byte)NwkCommandId.RouteRequest || payload[0] == (byte)NwkCommandId.LinkStatus))
            {
                // Route requests have their own discovery table; link status goes one hop only.
                Deliver(header, payload, macSource, lqi);
                return;
            }

            PruneBroadcastTransactions();
            int key = BroadcastKey(header.SourceAddress.Value, header.SequenceNumber);
            if (_broadcastTransactions.TryGetValue(key, out BroadcastRecord? known))
            {
                // A neighbor relaying a broadcast we already hold: its passive acknowledgement (3.6.5).
                known.Heard?.Add(macSource);
                return;
            }

            if (header.SourceAddress.Value == _nwkAddress)
            {
                return;
            }

            var record = new BroadcastRecord(_scheduler.Now + BroadcastDeliveryTime);
            AddBroadcastTransaction(key, record);
            ushort dst = header.DestinationAddress.Value;
            bool forUs = dst == 0xFFFF || (dst == 0xFFFD && Role != NodeRole.EndDevice) || (dst == 0xFFFC && Role != NodeRole.EndDevice);
            if (forUs)
            {
                Deliver(header, payload, macSource, lqi);
            }

            if (Role != NodeRole.EndDevice && header.Radius > 1)
            {
                record.Heard = new HashSet<ushort> { macSource };
                ScheduleBroadcastRelay(record, header with { Radius = (byte)(header.Radius - 1) }, payload);
            }
        }

        /// <summary>The relay of a broadcast after its jitter (in its own method, so only relays allocate the closure).</summary>
        private void ScheduleBroadcastRelay(BroadcastRecord record, NwkHeader relayed, byte[] payload) =>
            _scheduler.Schedule(Jitter(), () =>
            {
                if (!_disposed && State == NodeState.Joined)
                {
                    Counters.NwkBroadcastsRelayed++;
                    BroadcastTransmit(record, relayed, payload, true, null);
                }
            });

        private TimeSpan Jitter() => TimeSpan.FromMilliseconds(_scheduler.Random.NextDouble() * MaxBroadcastJitter.TotalMilliseconds);

        /// <summary>
        /// Drops expired broadcast transaction records once the table holds 64 or more. Every record lives
        /// nwkNetworkBroadcastDeliveryTime from its creation, so the records expire in the order they were added: the
        /// queue gives the expired ones without scanning the table.
        /// </summary>
        private void PruneBroadcastTransactions()
        {
            if (_broadcastTransactions.Count < 64)
            {
                return;
            }

            DateTimeOffset now = _scheduler.Now;
            while (_broadcastExpiries.Count > 0 && _broadcastExpiries.Peek().Record.Expires < now)
            {
                var (key, record) = _broadcastExpiries.Dequeue();
                if (_broadcastTransactions.TryGetValue(key, out BroadcastRecord? current) && current == record)
                {
                    _broadcastTransactions.Remove(key);
                }
            }
        }

        /// <summary>A broadcast transaction is told by its source address and NWK sequence number: one int.</summary>
        private static int BroadcastKey(ushort source, byte sequence) => (source << 8) | sequence;

        private void AddBroadcastTransaction(int key, BroadcastRecord record)
        {
            _broadcastTransactions[key] = record;
            _broadcastExpiries.Enqueue((key, record));
            if (_broadcastExpiries.Count > 4 * (_broadcastTransactions.Count + 64))
            {
                // Replaced records pile up behind an old one while the table stays under 64: keep only the live ones.
                var live = _broadcastTransactions.OrderBy(p => p.Value.Expires).ToList();
                _broadcastExpiries.Clear();
                foreach (var p in live)
                {
                    _broadcastExpiries.Enqueue((p.Key, p.Value));
                }
            }
        }

        /// <summary>Originates a NWK frame (NLDE-DATA.request, 3.2.1.1): routed, NWK-secured unless told otherwise.</summary>
        private void NwkSend(NwkAddress destination, NwkFrameType type, byte[] payload, Action<bool>? done = null, bool secure = true, byte? radius = null)
        {
            if (_nwkAddress == 0xFFFF || (secure && _networkKey is null))
            {
                done?.Invoke(false);
                return;
            }

            var header = new NwkHeader
            {
                FrameType = type,
                DiscoverRoute = NwkDiscoverRoute.SuppressRouteDiscovery,
                DestinationAddress = destination,
                SourceAddress = new NwkAddress(_nwkAddress),
                Radius = radius ?? _options.DefaultRadius,
                SequenceNumber = ++_nwkSequence,
                Security = secure,
            };
            Counters.NwkTx++;
            if (destination.IsBroadcast)
            {
                var record = new BroadcastRecord(_scheduler.Now + BroadcastDeliveryTime);
                AddBroadcastTransaction(BroadcastKey(_nwkAddress, header.SequenceNumber), record);
                if (Role == NodeRole.EndDevice)
                {
                    // An end device hands its broadcast to its parent by MAC unicast (3.6.5), which relays it.
                    MacSend(MacDataPsdu(_parentAddress, EncodeNwk(header, payload, secure)), done is null ? null : r => done(r.Status == RadioTransmitStatus.Success));
                    return;
                }

                // Route requests are repeated instead (NwkLayer.Broadcast); link status goes one hop.
                bool routeCommand = type == NwkFrameType.Command && payload.Length > 0 &&
                    (payload[0] == (byte)NwkCommandId.RouteRequest || payload[0] == (byte)NwkCommandId.LinkStatus);
                record.Heard = routeCommand ? null : new HashSet<ushort>();
                BroadcastTransmit(record, header, payload, secure, done);
                return;
            }

            if (Role == NodeRole.EndDevice)
            {
                SendToHop(header, payload, _parentAddress, secure, done);
                return;
            }

            if (Role == NodeRole.Coordinator && (!IsDirect(destination.Value) || HasRelayedRouteRecord(destination.Value)))
            {
                List<ushort>? relays = SourceRouteTo(destination.Value, 0);
                if (relays is { Count: 0 })
                {
                    SendToHop(header, payload, destination.Value, secure, done);
                    return;
                }

                if (relays is null)
                {
                    Counters.NwkRouteFailures++;
                    Drop("NwkNoRoute");
                    done?.Invoke(false);
                    return;
                }

                NwkHeader routed = header with
                {
                    SourceRoute = new NwkSourceRoute((byte)(relays.Count - 1), relays.Select(a => new NwkAddress(a)).ToArray()),
                };
                if (relays.Count <= MaxSourceRoute && SecuredLength(routed, payload.Length, secure) <= MaxNwkFrameLength)
                {
                    SendToHop(routed, payload, relays[relays.Count - 1], secure, done);
                    return;
                }

                // A relay list longer than nwkMaxSourceRoute, or one that leaves no room for the payload: route
                // hop by hop instead, by the routing table or a unicast route discovery (3.6.3.5.1).
                if (_routes.TryGetValue(destination.Value, out RouteInfo? known) && !known.ManyToOne)
                {
                    SendToHop(header, payload, known.NextHop.Value, secure, done);
                }
                else
                {
                    DiscoverRoute(destination.Value, header, payload, secure, done);
                }

                return;
            }

            ushort? next = NextHop(destination.Value);
            if (next is null)
            {
                DiscoverRoute(destination.Value, header, payload, secure, done);
                return;
            }

            if (Role == NodeRole.Router && IsConcentrator(destination.Value) && _routeRecordRequired && type == NwkFrameType.Data)
            {
                // 05-3474 3.6.3.5.1: a route record precedes the first data frame to a concentrator.
                _routeRecordRequired = false;
                NwkSend(destination, NwkFrameType.Command, new NwkRouteRecord().ToArray());
            }

            SendToHop(header, payload, next.Value, secure, done);
        }

        /// <summary>
        /// Whether a unicast goes straight to <paramref name="destination"/>: an end device child, or a router
        /// (child or not) still in the neighbor table.
        /// </summary>
        private bool IsDirect(ushort destination) =>
            (_children.TryGetValue(destination, out Child? child) && !child.RxOnWhenIdle) ||
            (_neighbors.TryGetValue(destination, out Neighbor? n) && (n.IsRouter || _children.ContainsKey(destination)));

        /// <summary>
        /// The device's last route record lists relays: its frames came by them rather than over the direct link the
        /// coordinator may also hear, so the source route follows the path the device chose by cost (3.6.3.5).
        /// </summary>
        private bool HasRelayedRouteRecord(ushort destination) =>
            _routeRecords.TryGetValue(destination, out List<ushort>? relays) && relays.Count > 0;

        /// <summary>
        /// Unicast next hop of a router (3.6.3.3): towards a concentrator, its many-to-one route (chosen by path cost
        /// among all copies of the request, the direct link included, so a lossy direct link to the coordinator does
        /// not win over two good hops); else a child, a router neighbor, the routing table, else the parent.
        /// </summary>
        private ushort? NextHop(ushort destination)
        {
            if (_routes.TryGetValue(destination, out RouteInfo? manyToOne) && manyToOne.ManyToOne)
            {
                return manyToOne.NextHop.Value;
            }

            if (IsDirect(destination))
            {
                return destination;
            }

            if (_routes.TryGetValue(destination, out RouteInfo? route))
            {
                return route.NextHop.Value;
            }

            if (Role == NodeRole.Router && destination == 0x0000 && _parentAddress != 0xFFFF)
            {
                // Until the first many-to-one route request, upstream frames follow the join tree.
                return _parentAddress;
            }

            return null;
        }

        /// <summary>Relays a unicast that is not for us (3.6.3.3): by source route, else by next hop.</summary>
        private void Relay(NwkHeader header, byte[] payload)
        {
            if (header.Radius <= 1)
            {
                Drop("NwkRadiusExhausted");
                return;
            }

            NwkHeader relayed = header with { Radius = (byte)(header.Radius - 1) };
            if (header.FrameType == NwkFrameType.Command && payload.Length > 0 && payload[0] == (byte)NwkCommandId.RouteRecord &&
                NwkCommand.TryDecode(payload, out NwkCommand? command, out _) && command is NwkRouteRecord record)
            {
                // 3.6.4.5.2: each relay appends its own address to the relay list.
                var list = record.RelayList.ToList();
                list.Add(new NwkAddress(_nwkAddress));
                payload = (record with { RelayList = list }).ToArray();
            }

            Counters.NwkRelayed++;
            if (header.SourceRoute is NwkSourceRoute route)
            {
                ushort nextHop;
                if (route.RelayIndex == 0)
                {
                    nextHop = header.DestinationAddress.Value;
                }
                else
                {
                    byte index = (byte)(route.RelayIndex - 1);
                    relayed = relayed with { SourceRoute = new NwkSourceRoute(index, route.RelayList) };
                    nextHop = route.RelayList[index].Value;
                }

                SendToHop(relayed, payload, nextHop, true, ok =>
                {
                    if (!ok)
                    {
                        // 3.6.3.3.2: tell the concentrator its source route failed.
                        SendNetworkStatus(header.SourceAddress, NwkStatusCode.SourceRouteFailure, header.DestinationAddress);
                    }
                });
                return;
            }

            ushort? next = NextHop(header.DestinationAddress.Value);
            if (next is null)
            {
                Counters.NwkRouteFailures++;
                Drop("NwkNoRoute");
                return;
            }

            SendToHop(relayed, payload, next.Value, true, null);
        }

        /// <summary>Sends one NWK frame to the next hop: directly, or into the indirect queue of an rx-off child.</summary>
        private void SendToHop(NwkHeader header, byte[] payload, ushort nextHop, bool secure, Action<bool>? done)
        {
            byte[] frame = EncodeNwk(header, payload, secure);
            if (_children.TryGetValue(nextHop, out Child? child) && !child.RxOnWhenIdle)
            {
                EnqueueIndirect(MacAddress.FromShort(nextHop), more => MacDataFrame(nextHop, frame, more), done);
                return;
            }

            MacSend(MacDataPsdu(nextHop, frame), result =>
            {
                bool ok = result.Status == RadioTransmitStatus.Success;
                if (!ok)
                {
                    OnLinkFailure(nextHop, header);
                }

                done?.Invoke(ok);
            });
        }

        /// <summary>
        /// A MAC no-ack towards a next hop (3.6.3.3.2 / 3.6.3.5). The neighbor and the routes through it stay: one
        /// exhausted set of MAC retries in a busy neighbourhood, or over a lossy link, is not a dead router, and
        /// dropping it would bend the many-to-one routes through it until the next request. A router that is really
        /// gone stops sending link status and ages out after nwkRouterAgeLimit periods (AgeNeighbors), with its
        /// routes; the next many-to-one route request routes around it.
        /// </summary>
        private void OnLinkFailure(ushort nextHop, NwkHeader header)
        {
            Counters.NwkRouteFailures++;
            Drop("MacNoAck");
            if (_children.TryGetValue(nextHop, out Child? child) && !child.RxOnWhenIdle)
            {
                return;
            }

            if (Role == NodeRole.Coordinator)
            {
                // Source routes are kept too; the many-to-one route request asks every router for a fresh route
                // record with its next data frame (3.6.3.5.1), which replaces them.
                RequestManyToOneSoon();
            }
        }

        private void SendNetworkStatus(NwkAddress to, NwkStatusCode status, NwkAddress about) =>
            NwkSend(to, NwkFrameType.Command, new NwkNetworkStatus { StatusCode = status, DestinationAddress = about }.ToArray());

        private void OnNwkCommand(NwkHeader header, NwkCommand command, ushort macSource, byte lqi)
        {
            switch (command)
            {
                case NwkRouteRequest request:
                    OnRouteRequest(header, request, macSource, lqi);
                    break;
                case NwkRouteReply reply when Role != NodeRole.EndDevice:
                    OnRouteReply(reply, macSource, lqi);
                    break;
                case NwkRouteRecord record:
                    OnRouteRecord(header, record);
                    break;
                case NwkLinkStatus status:
                    OnLinkStatus(header, status, macSource, lqi);
                    break;
                case NwkNetworkStatus when Role == NodeRole.Coordinator:
                    // A relay could not pass a source-routed frame on: ask for fresh route records (kept until then,
                    // as in OnLinkFailure).
                    RequestManyToOneSoon();
                    break;
                case NwkLeave _:
                    break;
            }
        }
    }
}
