using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Gateway;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;
using Xunit;

namespace Zsep.Stack.Tests.Gateway
{
    /// <summary>
    /// What Test-ZsepMesh measures vs assumes, on crafted topologies: end devices that reported their potential
    /// parents (Mgmt_Lqi_rsp from the end device itself) against those that did not answer (inferred, and said so),
    /// neighbor table capacity assumed or known, binding tables that answered TABLE_FULL.
    /// </summary>
    public class MeshAuditMeasuredTests
    {
        private static Eui64 E(int i) => new Eui64(0x00124B0000000000UL + (ulong)i);

        /// <summary>
        /// Coordinator 0, routers 1 and 2 (meshed), end device 3 child of 1. <paramref name="ed"/> sets what the end
        /// device reported; the routers list only their own children, so the links never show router 2 near 3
        /// unless the end device itself reported it.
        /// </summary>
        private static ZsepTopology Topology(Func<ZsepTopologyNode, ZsepTopologyNode> ed, bool edReportsRouter2 = false)
        {
            var nodes = new List<ZsepTopologyNode>
            {
                new ZsepTopologyNode { Ieee = E(0), NwkAddress = new NwkAddress(0), DeviceType = LogicalType.Coordinator, Asked = true, Answered = true },
                new ZsepTopologyNode { Ieee = E(1), NwkAddress = new NwkAddress(0x1001), DeviceType = LogicalType.Router, Asked = true, Answered = true },
                new ZsepTopologyNode { Ieee = E(2), NwkAddress = new NwkAddress(0x1002), DeviceType = LogicalType.Router, Asked = true, Answered = true },
                ed(new ZsepTopologyNode { Ieee = E(3), NwkAddress = new NwkAddress(0x1003), DeviceType = LogicalType.EndDevice }),
            };
            var links = new List<ZsepTopologyLink>
            {
                new ZsepTopologyLink { From = E(0), To = E(1), LqiFrom = 200, LqiTo = 200 },
                new ZsepTopologyLink { From = E(0), To = E(2), LqiFrom = 200, LqiTo = 200 },
                new ZsepTopologyLink { From = E(1), To = E(2), LqiFrom = 200, LqiTo = 200 },
                new ZsepTopologyLink { From = E(1), To = E(3), LqiFrom = 180, LqiTo = 180, ParentChild = true },
            };
            if (edReportsRouter2)
            {
                links.Add(new ZsepTopologyLink { From = E(2), To = E(3), LqiTo = 120 });
            }

            return new ZsepTopology { Network = "t", Coordinator = E(0), Nodes = nodes, Links = links };
        }

        private static List<ZsepMeshFinding> NoParent(ZsepTopology t) =>
            MeshAudit.Analyze(t).Where(f => f.Check == ZsepMeshCheck.NoAlternativeParent).ToList();

        [Fact]
        public void End_device_that_reported_no_router_but_its_parent_is_a_measured_finding()
        {
            var found = Assert.Single(NoParent(Topology(n => n with { Asked = true, Answered = true, Parent = E(1), PotentialParents = Array.Empty<Eui64>() })));
            Assert.False(found.Inferred);
            Assert.Equal(new[] { E(3), E(1) }, found.Nodes.ToArray());
            Assert.Contains("lists no router but its parent", found.Message);
        }

        [Fact]
        public void End_device_that_reported_another_router_has_no_finding()
        {
            Assert.Empty(NoParent(Topology(n => n with { Asked = true, Answered = true, Parent = E(1), PotentialParents = new[] { E(2) } }, edReportsRouter2: true)));
        }

        [Fact]
        public void End_device_that_did_not_answer_gets_the_inference_and_is_told_so()
        {
            var found = Assert.Single(NoParent(Topology(n => n with { Asked = true, Answered = false })));
            Assert.True(found.Inferred);
            Assert.Contains("inferred", found.Message);
            Assert.Contains("did not answer", found.Message);
            var notAsked = Assert.Single(NoParent(Topology(n => n)));
            Assert.Contains("was not asked", notAsked.Message);
        }

        [Fact]
        public void A_reported_potential_parent_keeps_the_end_device_off_the_single_point_of_failure_list()
        {
            // Router 1 is cut off by nothing; but with router 2 only reachable through 1 (no 0-2 link), 1 is a single
            // point of failure for 2, and the end device goes with it unless it reported 2... which also needs 1: so
            // it is cut off either way. With 0-2 restored (the default topology) nothing is cut off.
            var t = Topology(n => n with { Asked = true, Answered = true, Parent = E(1), PotentialParents = new[] { E(2) } }, edReportsRouter2: true);
            Assert.DoesNotContain(MeshAudit.Analyze(t), f => f.Check == ZsepMeshCheck.SinglePointOfFailure);
            var chain = t with { Links = t.Links.Where(l => !(l.Touches(E(0)) && l.Touches(E(2)))).ToList() };
            var spof = Assert.Single(MeshAudit.Analyze(chain), f => f.Check == ZsepMeshCheck.SinglePointOfFailure);
            Assert.Equal(E(1), spof.Nodes[0]);
            Assert.Contains(E(3), spof.Nodes);
        }

        [Fact]
        public void Neighbor_table_capacity_is_assumed_unless_known_and_the_finding_says_which()
        {
            var t = Topology(n => n);
            t = t with { Nodes = t.Nodes.Select(n => n.Ieee == E(1) || n.Ieee == E(3) ? n with { NeighborTableEntries = 18 } : n.Ieee == E(0) ? n with { NeighborTableEntries = 9 } : n).ToList() };
            Assert.DoesNotContain(MeshAudit.Analyze(t), f => f.Check == ZsepMeshCheck.TableNearCapacity); // 18 of 64 assumed

            var assumed = Assert.Single(MeshAudit.Analyze(t, options: new MeshAuditOptions { NeighborTableCapacity = 20 }), f => f.Check == ZsepMeshCheck.TableNearCapacity);
            Assert.Equal(E(1), assumed.Nodes[0]); // not the end device 3: its table holds its parent and potential parents
            Assert.True(assumed.Inferred);
            Assert.Contains("assumed", assumed.Message);

            var known = MeshAudit.Analyze(t, options: new MeshAuditOptions { NeighborTableCapacity = 20, KnownNeighborTableSizes = new Dictionary<Eui64, int> { [E(0)] = 10 } })
                .Where(f => f.Check == ZsepMeshCheck.TableNearCapacity).ToList();
            var coordinator = Assert.Single(known, f => f.Nodes[0] == E(0));
            Assert.False(coordinator.Inferred);
            Assert.Contains("9 entries of 10", coordinator.Message);
        }

        [Fact]
        public void Binding_table_full_while_it_holds_as_many_entries_as_when_it_refused()
        {
            var t = Topology(n => n);
            var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var uses = new[]
            {
                new ZsepBindingTableUse { Node = E(1), Capacity = 2, Entries = 2, RefusedAt = at },
                new ZsepBindingTableUse { Node = E(2), Capacity = 4, Entries = 1, RefusedAt = at },   // emptied since
                new ZsepBindingTableUse { Node = E(3), Capacity = 3, Entries = null, RefusedAt = at }, // not read now
            };
            var found = MeshAudit.Analyze(t, bindingTables: uses).Where(f => f.Check == ZsepMeshCheck.BindingTableFull).ToList();
            Assert.Equal(new[] { E(1), E(3) }, found.Select(f => f.Nodes[0]).ToArray());
            Assert.False(found[0].Inferred);
            Assert.True(found[1].Inferred);
            Assert.Contains("Clear-ZsepBindingTable", found[0].Recommendation);
        }
    }
}
