using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Node;
using Zsep.Stack.Types;
using Xunit;

namespace Zsep.Stack.Tests.Node
{
    /// <summary>A grid of routers joining in waves, as the gateway's Enable-ZsepJoin would drive it (issue 3 acceptance, small).</summary>
    public class GridTests
    {
        [Fact]
        public void RouterGrid_AllJoin_HopCountIsGridDistance_AndEveryNodeIsReachable()
        {
            const int size = 5;
            var h = new NodeTestHarness(seed: 7);
            var nodes = new Dictionary<(int X, int Y), ZigbeeNode>();
            for (int x = 0; x < size; x++)
            {
                for (int y = 0; y < size; y++)
                {
                    if (x == 0 && y == 0)
                    {
                        continue;
                    }

                    ulong ieee = 0x00124B0010000000UL + (ulong)((x * size) + y);
                    var (node, _) = h.AddRegistered(ieee, x * 10, y * 10, y == size - 1 && x % 2 == 1 ? NodeRole.EndDevice : NodeRole.Router);
                    nodes[(x, y)] = node;
                }
            }

            for (int round = 0; round < 2 * size && nodes.Values.Any(n => n.State != NodeState.Joined); round++)
            {
                h.PermitJoin();
                foreach (ZigbeeNode n in nodes.Values.Where(n => n.State == NodeState.Idle || n.State == NodeState.Left))
                {
                    n.Join();
                }

                h.Scheduler.RunFor(TimeSpan.FromSeconds(15));
            }

            Assert.All(nodes.Values, n => Assert.Equal(NodeState.Joined, n.State));
            Assert.Equal(nodes.Count, h.Joined.Count);
            Assert.Empty(h.Refused);
            foreach (var pair in nodes)
            {
                int distance = pair.Key.X + pair.Key.Y;
                Assert.True(distance == h.Coordinator.GetHopCount(pair.Value.NwkAddress), $"{pair.Key}: hop count {h.Coordinator.GetHopCount(pair.Value.NwkAddress)}, expected {distance}");
                Assert.Equal(distance, pair.Value.Depth);
            }

            int delivered = 0;
            foreach (ZigbeeNode n in nodes.Values)
            {
                n.DataReceived += (_, e) => delivered += e.ClusterId == 0x0702 ? 1 : 0;
            }

            var statuses = new List<ApsDeliveryStatus>();
            foreach (ZigbeeNode n in nodes.Values)
            {
                h.Coordinator.SendData(n.NwkAddress, 1, 0x0702, 0x0109, 1, new byte[] { 1 }, s => statuses.Add(s));
            }

            h.Scheduler.RunUntil(() => statuses.Count == nodes.Count, TimeSpan.FromSeconds(60));
            Assert.All(statuses, s => Assert.Equal(ApsDeliveryStatus.Success, s));
            Assert.Equal(nodes.Count, delivered);
        }
    }
}
