using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Mac;
using Zsep.Stack.Node;
using Zsep.Stack.Nwk;
using Zsep.Stack.Security;
using Zsep.Stack.Types;
using Xunit;

namespace Zsep.Stack.Tests.Node
{
    /// <summary>Multi-hop routing, many-to-one routes, source routes, broadcasts, link status, indirect delivery (05-3474 3.6.3-3.6.5).</summary>
    public class RoutingTests
    {
        private static (NodeTestHarness H, ZigbeeNode[] Routers) Chain(int routers, Func<ZigbeeNodeOptions, ZigbeeNodeOptions>? tune = null)
        {
            var h = new NodeTestHarness(tune: tune);
            var nodes = new ZigbeeNode[routers];
            for (int i = 0; i < routers; i++)
            {
                h.PermitJoin();
                var (node, _) = h.AddRegistered((ulong)(0x10 + i), 10 * (i + 1), 0, NodeRole.Router);
                Assert.True(h.Join(node));
                nodes[i] = node;
            }

            h.Scheduler.RunFor(TimeSpan.FromSeconds(1));
            return (h, nodes);
        }

        private static List<ApsDataIndicationEventArgs> Capture(ZigbeeNode node, ushort cluster = 0x0702)
        {
            var list = new List<ApsDataIndicationEventArgs>();
            node.DataReceived += (_, e) =>
            {
                if (e.ClusterId == cluster)
                {
                    list.Add(e);
                }
            };
            return list;
        }

        private static ApsDeliveryStatus? Send(NodeTestHarness h, ZigbeeNode from, NwkAddress to, byte[] payload, double seconds = 20)
        {
            ApsDeliveryStatus? status = null;
            from.SendData(to, 1, 0x0702, 0x0109, 1, payload, s => status = s);
            h.Scheduler.RunUntil(() => status.HasValue, TimeSpan.FromSeconds(seconds));
            return status;
        }

        [Fact]
        public void SourceRoutedDownstream_AndUpstreamToConcentrator_FourHops()
        {
            var (h, r) = Chain(4);
            var atFar = Capture(r[3]);
            var atCoordinator = Capture(h.Coordinator);

            Assert.Equal(ApsDeliveryStatus.Success, Send(h, h.Coordinator, r[3].NwkAddress, new byte[] { 1, 2, 3 }));
            Assert.Equal(new byte[] { 1, 2, 3 }, Assert.Single(atFar).Payload);
            Assert.Equal(NwkAddress.Coordinator, atFar[0].Source);

            Assert.Equal(ApsDeliveryStatus.Success, Send(h, r[3], NwkAddress.Coordinator, new byte[] { 9 }));
            Assert.Equal(r[3].NwkAddress, Assert.Single(atCoordinator).Source);
            Assert.Equal(new[] { r[2].NwkAddress, r[1].NwkAddress, r[0].NwkAddress }, h.Coordinator.GetRouteRecord(r[3].NwkAddress));
            Assert.True(r[0].Counters.NwkRelayed >= 2);
            Assert.True(h.Coordinator.Counters.ApsAcked >= 1);
            Assert.True(r[3].Counters.ApsAcked >= 1);
        }

        [Fact]
        public void ManyToOneRouteRequest_RoutersStoreNextHopAndCostToConcentrator()
        {
            var (h, r) = Chain(3);
            h.Coordinator.SendManyToOneRouteRequest();
            h.Scheduler.RunFor(TimeSpan.FromSeconds(2));

            for (int i = 0; i < 3; i++)
            {
                RouteInfo route = Assert.Single(r[i].Routes, x => x.Destination == NwkAddress.Coordinator);
                Assert.True(route.ManyToOne);
                Assert.Equal(i == 0 ? NwkAddress.Coordinator : r[i - 1].NwkAddress, route.NextHop);
                Assert.Equal(i + 1, route.PathCost); // perfect links: cost 1 per hop
            }
        }

        [Fact]
        public void LinkStatus_FillsNeighborTablesWithCosts()
        {
            var (h, r) = Chain(2);
            h.Scheduler.RunFor(TimeSpan.FromSeconds(40));

            NeighborInfo toCoordinator = Assert.Single(r[0].Neighbors, n => n.NwkAddress == NwkAddress.Coordinator);
            Assert.Equal(NeighborRelationship.Parent, toCoordinator.Relationship);
            Assert.Equal(255, toCoordinator.Lqi);
            Assert.Equal(1, toCoordinator.IncomingCost);
            Assert.Equal(1, toCoordinator.OutgoingCost);
            Assert.True(toCoordinator.Age < TimeSpan.FromSeconds(16));
            NeighborInfo child = Assert.Single(r[0].Neighbors, n => n.NwkAddress == r[1].NwkAddress);
            Assert.Equal(NeighborRelationship.Child, child.Relationship);
            Assert.Equal(r[1].Ieee, child.Ieee);
            Assert.DoesNotContain(h.Coordinator.Neighbors, n => n.NwkAddress == r[1].NwkAddress);
        }

        [Fact]
        public void Broadcast_ReachesEveryRouterOnce_RelayedWithRadiusAndDedupe()
        {
            var (h, r) = Chain(3);
            var received = r.Select(n => Capture(n)).ToArray();

            h.Coordinator.SendData(NwkAddress.BroadcastRxOnWhenIdle, 1, 0x0702, 0x0109, 1, new byte[] { 7 });
            h.Scheduler.RunFor(TimeSpan.FromSeconds(2));

            Assert.All(received, list => Assert.Single(list));
            Assert.All(r, n => Assert.True(n.Counters.NwkBroadcastsRelayed >= 1));
        }

        [Fact]
        public void EndDeviceBehindRouters_ReceivesDownstreamByIndirectPolling()
        {
            var (h, r) = Chain(2);
            h.PermitJoin();
            var (ed, edRadio) = h.AddRegistered(0x40, 30, 0, NodeRole.EndDevice);
            Assert.True(h.Join(ed));
            h.Scheduler.RunFor(TimeSpan.FromSeconds(2));
            Assert.Equal(r[1].NwkAddress, ed.ParentAddress);
            Assert.Equal(3, h.Coordinator.GetHopCount(ed.NwkAddress));
            var atEd = Capture(ed);
            long queued = r[1].Counters.MacIndirectQueued;

            Assert.Equal(ApsDeliveryStatus.Success, Send(h, h.Coordinator, ed.NwkAddress, new byte[] { 0x42 }));

            Assert.Equal(new byte[] { 0x42 }, Assert.Single(atEd).Payload);
            Assert.False(edRadio.Configuration.RxOnWhenIdle);
            Assert.True(r[1].Counters.MacIndirectQueued > queued);

            Assert.Equal(ApsDeliveryStatus.Success, Send(h, ed, NwkAddress.Coordinator, new byte[] { 0x43 }));
        }

        [Fact]
        public void RouterToRouter_RouteDiscovery_RequestAndReplySetUpTheRoute()
        {
            var (h, r) = Chain(3);
            var atFirst = Capture(r[0]);

            Assert.Equal(ApsDeliveryStatus.Success, Send(h, r[2], r[0].NwkAddress, new byte[] { 5 }));

            Assert.Equal(r[2].NwkAddress, Assert.Single(atFirst).Source);
            RouteInfo route = Assert.Single(r[2].Routes, x => x.Destination == r[0].NwkAddress);
            Assert.False(route.ManyToOne);
            Assert.Equal(r[1].NwkAddress, route.NextHop);
            Assert.Equal(2, route.PathCost);
            Assert.Equal(1, r[2].Counters.NwkRouteDiscoveries);

            // The route is kept: a second frame needs no new discovery.
            Assert.Equal(ApsDeliveryStatus.Success, Send(h, r[2], r[0].NwkAddress, new byte[] { 6 }));
            Assert.Equal(1, r[2].Counters.NwkRouteDiscoveries);
        }

        [Fact]
        public void RouteDiscovery_UnknownDestination_FailsAfterNwkcRouteDiscoveryTime()
        {
            var (h, r) = Chain(2);
            bool? result = null;
            r[1].SendData(new NwkAddress(0x7777), 1, 0x0702, 0x0109, 1, new byte[] { 1 }, s => result = s == ApsDeliveryStatus.Success, ackRequest: false);
            h.Scheduler.RunFor(TimeSpan.FromSeconds(9));
            Assert.Null(result);
            h.Scheduler.RunFor(TimeSpan.FromSeconds(2));
            Assert.False(result);
        }

        [Fact]
        public void MeshHealing_RouterGoesOffline_TrafficTakesTheOtherPath()
        {
            // C(0,0) - A(10,0) and B(0,10) - X(10,10): X hears A and B, not C.
            var h = new NodeTestHarness(tune: o => o with { ConcentratorDiscoveryTime = TimeSpan.FromSeconds(20) });
            h.PermitJoin();
            var (a, aRadio) = h.AddRegistered(0x0A, 10, 0, NodeRole.Router);
            Assert.True(h.Join(a));
            var (b, bRadio) = h.AddRegistered(0x0B, 0, 10, NodeRole.Router);
            Assert.True(h.Join(b));
            h.PermitJoin();
            var (x, _) = h.AddRegistered(0x0C, 10, 10, NodeRole.Router);
            Assert.True(h.Join(x));
            h.Scheduler.RunFor(TimeSpan.FromSeconds(25));
            var atCoordinator = Capture(h.Coordinator);
            var atX = Capture(x);
            Assert.Equal(ApsDeliveryStatus.Success, Send(h, x, NwkAddress.Coordinator, new byte[] { 1 }));
            NwkAddress via = Assert.Single(h.Coordinator.GetRouteRecord(x.NwkAddress)!);
            (ZigbeeNode dead, TestRadio deadRadio, ZigbeeNode alive) = via == a.NwkAddress ? (a, aRadio, b) : (b, bRadio, a);

            deadRadio.Offline = true;
            h.Scheduler.RunFor(TimeSpan.FromSeconds(30)); // the next many-to-one route request goes around it

            Assert.Equal(alive.NwkAddress, Assert.Single(x.Routes, rt => rt.Destination == NwkAddress.Coordinator).NextHop);
            Assert.Equal(ApsDeliveryStatus.Success, Send(h, x, NwkAddress.Coordinator, new byte[] { 2 }));
            Assert.Equal(new[] { alive.NwkAddress }, h.Coordinator.GetRouteRecord(x.NwkAddress));
            Assert.Equal(ApsDeliveryStatus.Success, Send(h, h.Coordinator, x.NwkAddress, new byte[] { 3 }));
            Assert.Equal(2, atCoordinator.Count);
            Assert.Single(atX);

            // The dead router ages out of the neighbor tables (nwkRouterAgeLimit link status periods).
            h.Scheduler.RunFor(TimeSpan.FromSeconds(60));
            Assert.DoesNotContain(h.Coordinator.Neighbors, n => n.NwkAddress == dead.NwkAddress);
        }
    }
}
