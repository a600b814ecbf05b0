using System;
using System.Linq;
using Zsep.Stack.Node;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;
using Xunit;

namespace Zsep.Stack.Tests.Node
{
    /// <summary>Finite tables (05-3474 3.6.1.5 neighbor table, 2.2.8.2 binding table) as the simulated devices have them.</summary>
    public class TableSizeTests
    {
        [Fact]
        public void A_full_neighbor_table_takes_no_new_routers_but_keeps_its_parent_and_children()
        {
            var h = new NodeTestHarness(seed: 4);
            // Six routers within reach of each other (range 12): each hears five others and the coordinator.
            var nodes = Enumerable.Range(1, 6).Select(i => h.AddRegistered(0x00124B0030000000UL + (ulong)i, i % 3 * 3, i / 3 * 3, NodeRole.Router).Node).ToList();
            nodes[0].NeighborTableSize = 2;
            h.PermitJoin();
            foreach (ZigbeeNode n in nodes)
            {
                Assert.True(h.Join(n), $"{n} did not join");
            }

            h.Scheduler.RunFor(TimeSpan.FromSeconds(60)); // four link status rounds
            ZigbeeNode small = nodes[0];
            Assert.True(small.Neighbors.Count <= 2 + small.Children.Count, $"{small.Neighbors.Count} neighbours in a table of 2");
            Assert.Contains(small.Neighbors, n => n.Relationship == Zsep.Stack.Node.NeighborRelationship.Parent);
            Assert.True(small.Counters.NwkNeighborTableFull > 0);
            Assert.True(nodes[1].Neighbors.Count >= 4, "an unlimited table holds every router it hears");
            Assert.Equal(small.Neighbors.Count, small.NeighborTableRecords().Count);
        }

        [Fact]
        public void Binding_table_answers_TABLE_FULL_beyond_its_size_and_takes_bindings_again_when_emptied()
        {
            var h = new NodeTestHarness(seed: 4);
            ZigbeeNode node = h.AddRegistered(0x00124B0030000010UL, 3, 0, NodeRole.Router).Node;
            node.BindingTableSize = 2;
            BindingTableEntry To(ushort cluster) => new BindingTableEntry { SourceAddress = node.Ieee, SourceEndpoint = 1, ClusterId = cluster, DestinationAddress = h.Coordinator.Ieee, DestinationEndpoint = 1 };
            Assert.Equal(ZdoStatus.SUCCESS, node.AddBinding(To(0x0702)));
            Assert.Equal(ZdoStatus.SUCCESS, node.AddBinding(To(0x0702))); // the same again: already there
            Assert.Equal(ZdoStatus.SUCCESS, node.AddBinding(To(0x0700)));
            Assert.Equal(ZdoStatus.TABLE_FULL, node.AddBinding(To(0x0703)));
            Assert.Equal(ZdoStatus.NOT_SUPPORTED, node.AddBinding(To(0x0703) with { SourceAddress = h.Coordinator.Ieee }));
            Assert.Equal(ZdoStatus.INVALID_EP, node.AddBinding(To(0x0703) with { SourceEndpoint = 0 }));
            Assert.Equal(ZdoStatus.NO_ENTRY, node.RemoveBinding(To(0x0703)));
            Assert.Equal(ZdoStatus.SUCCESS, node.RemoveBinding(To(0x0702)));
            Assert.Equal(ZdoStatus.SUCCESS, node.AddBinding(To(0x0703)));
            Assert.Equal(2, node.Bindings.Count);
        }
    }
}
