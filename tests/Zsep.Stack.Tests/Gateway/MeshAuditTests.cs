using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Gateway;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;
using Xunit;

namespace Zsep.Stack.Tests.Gateway
{
    /// <summary>The checks of Test-ZsepMesh on crafted topologies, one per check, and the topology pictures.</summary>
    public class MeshAuditTests
    {
        private static Eui64 E(int i) => new Eui64(0x00124B0000000000UL + (ulong)i);

        /// <summary>Node 0 is the coordinator; <paramref name="endDevices"/> are end devices, the rest routers.</summary>
        private static ZsepTopology Topology(int count, IEnumerable<(int A, int B, byte Lqi)> links, int[]? endDevices = null, Dictionary<int, int>? tables = null) => new ZsepTopology
        {
            Network = "t",
            Coordinator = E(0),
            Nodes = Enumerable.Range(0, count).Select(i => new ZsepTopologyNode
            {
                Ieee = E(i),
                NwkAddress = new NwkAddress((ushort)(i == 0 ? 0 : 0x1000 + i)),
                DeviceType = i == 0 ? LogicalType.Coordinator : endDevices?.Contains(i) == true ? LogicalType.EndDevice : LogicalType.Router,
                NeighborTableEntries = tables != null && tables.TryGetValue(i, out int t) ? t : null,
                Answered = true,
            }).ToList(),
            Links = links.Select(l => new ZsepTopologyLink { From = E(l.A), To = E(l.B), LqiFrom = l.Lqi, LqiTo = l.Lqi }).ToList(),
        };

        /// <summary>A chain 0-1-2-...-n with good links.</summary>
        private static IEnumerable<(int, int, byte)> Chain(int n, byte lqi = 200) => Enumerable.Range(0, n).Select(i => (i, i + 1, lqi));

        [Fact]
        public void FarNode_more_than_five_hops_is_named_and_five_is_not()
        {
            var findings = MeshAudit.Analyze(Topology(8, Chain(7)));
            var far = findings.Where(f => f.Check == ZsepMeshCheck.FarNode).ToList();
            Assert.Equal(new[] { E(7), E(6) }, far.Select(f => f.Nodes[0]).ToArray());
            Assert.Contains("7 hops", far[0].Message);
            Assert.False(string.IsNullOrEmpty(far[0].Recommendation));
        }

        [Fact]
        public void FarNode_counts_the_fewest_hops_not_the_chain()
        {
            var links = Chain(7).Concat(new[] { (0, 7, (byte)200) });
            Assert.DoesNotContain(MeshAudit.Analyze(Topology(8, links)), f => f.Check == ZsepMeshCheck.FarNode);
        }

        [Fact]
        public void WeakLink_is_reported_when_the_best_way_in_is_weak_only()
        {
            // 1 and 2 hang off the coordinator; 3 reaches 1 at LQI 30 and 2 at LQI 40: weak. 4 reaches 1 weakly but 2 well: fine.
            var links = new[] { (0, 1, (byte)200), (0, 2, (byte)200), (1, 3, (byte)30), (2, 3, (byte)40), (1, 4, (byte)20), (2, 4, (byte)120) };
            var weak = MeshAudit.Analyze(Topology(5, links)).Where(f => f.Check == ZsepMeshCheck.WeakLink).ToList();
            var only = Assert.Single(weak);
            Assert.Equal(new[] { E(3), E(2) }, only.Nodes.ToArray());
            Assert.Contains("LQI 40", only.Message);
        }

        [Fact]
        public void WeakLink_a_marginal_shortcut_beside_a_good_path_is_not_reported()
        {
            // 3 hears the coordinator faintly (LQI 5) but reaches it over good links through 1 and 2.
            var links = Chain(3).Concat(new[] { (0, 3, (byte)5) });
            Assert.DoesNotContain(MeshAudit.Analyze(Topology(4, links)), f => f.Check == ZsepMeshCheck.WeakLink);
            var cut = Chain(2).Concat(new[] { (0, 3, (byte)5) }); // now the faint link is its only way in
            Assert.Contains(MeshAudit.Analyze(Topology(4, cut)), f => f.Check == ZsepMeshCheck.WeakLink && f.Nodes[0] == E(3) && f.Nodes[1] == E(0));
        }

        [Fact]
        public void SinglePointOfFailure_is_the_articulation_router_with_what_it_cuts_off()
        {
            // A ring 0-1-2-3-0 (no cut point), and 3-4, 4-5, 4-6, 5-6: router 3 and router 4 cut the tail; 6's end device 7 goes with it.
            var links = new[] { (0, 1, (byte)200), (1, 2, (byte)200), (2, 3, (byte)200), (3, 0, (byte)200), (3, 4, (byte)200), (4, 5, (byte)200), (4, 6, (byte)200), (5, 6, (byte)200), (6, 7, (byte)200) };
            var all = MeshAudit.Analyze(Topology(8, links, endDevices: new[] { 7 }));
            var spof = all.Where(f => f.Check == ZsepMeshCheck.SinglePointOfFailure).ToList();
            Assert.Equal(new[] { E(3), E(4) }, spof.Select(f => f.Nodes[0]).ToArray());
            Assert.Equal(new[] { E(4), E(5), E(6), E(7) }.OrderBy(e => e), spof[0].Nodes.Skip(1).OrderBy(e => e));
            Assert.Equal(new[] { E(5), E(6), E(7) }.OrderBy(e => e), spof[1].Nodes.Skip(1).OrderBy(e => e));
            // A router whose loss strands only its end devices is the end devices' finding (no alternative parent).
            Assert.Contains(all, f => f.Check == ZsepMeshCheck.NoAlternativeParent && f.Nodes.SequenceEqual(new[] { E(7), E(6) }));
        }

        [Fact]
        public void SinglePointOfFailure_none_in_a_meshed_grid()
        {
            var links = new List<(int, int, byte)> { (0, 1, 200), (0, 2, 200), (1, 3, 200), (2, 3, 200), (3, 4, 200), (1, 4, 200) };
            Assert.DoesNotContain(MeshAudit.Analyze(Topology(5, links)), f => f.Check == ZsepMeshCheck.SinglePointOfFailure);
        }

        [Fact]
        public void NoAlternativeParent_for_an_end_device_that_hears_one_router()
        {
            var links = new[] { (0, 1, (byte)200), (0, 2, (byte)200), (1, 2, (byte)200), (1, 3, (byte)200), (1, 4, (byte)200), (2, 4, (byte)200) };
            var found = MeshAudit.Analyze(Topology(5, links, endDevices: new[] { 3, 4 })).Where(f => f.Check == ZsepMeshCheck.NoAlternativeParent).ToList();
            var one = Assert.Single(found);
            Assert.Equal(new[] { E(3), E(1) }, one.Nodes.ToArray());
        }

        [Fact]
        public void TableNearCapacity_from_ninety_percent()
        {
            var tables = new Dictionary<int, int> { [1] = 15, [2] = 14 };
            var found = MeshAudit.Analyze(Topology(3, Chain(2), tables: tables), options: new MeshAuditOptions { NeighborTableCapacity = 16 })
                .Where(f => f.Check == ZsepMeshCheck.TableNearCapacity).ToList();
            Assert.Equal(new[] { E(1) }, found.SelectMany(f => f.Nodes).ToArray());
        }

        [Fact]
        public void NoisyChannel_high_energy_suggests_the_quieter_of_25_and_26()
        {
            var energy = new[]
            {
                new ZsepChannelEnergy { Node = E(0), Channel = 15, EnergyDbm = -60 },
                new ZsepChannelEnergy { Node = E(0), Channel = 25, EnergyDbm = -80 },
                new ZsepChannelEnergy { Node = E(0), Channel = 26, EnergyDbm = -95 },
            };
            var noisy = Assert.Single(MeshAudit.Analyze(Topology(2, Chain(1)), energy, 15), f => f.Check == ZsepMeshCheck.NoisyChannel);
            Assert.Equal(ZsepFindingSeverity.Warning, noisy.Severity);
            Assert.Contains("26", noisy.Recommendation);
            Assert.DoesNotContain(MeshAudit.Analyze(Topology(2, Chain(1)), energy.Select(e => e with { EnergyDbm = -95 }).ToList(), 15), f => f.Check == ZsepMeshCheck.NoisyChannel);
        }

        [Fact]
        public void NoisyChannel_wifi_overlap_alone_is_information()
        {
            Assert.True(MeshAudit.OverlapsWiFi(11));
            Assert.True(MeshAudit.OverlapsWiFi(24));
            Assert.False(MeshAudit.OverlapsWiFi(25));
            Assert.False(MeshAudit.OverlapsWiFi(26));
            var f = Assert.Single(MeshAudit.Analyze(Topology(2, Chain(1)), null, 11), x => x.Check == ZsepMeshCheck.NoisyChannel);
            Assert.Equal(ZsepFindingSeverity.Information, f.Severity);
        }

        [Fact]
        public void Unreachable_node_without_links()
        {
            var f = Assert.Single(MeshAudit.Analyze(Topology(3, Chain(1))), x => x.Check == ZsepMeshCheck.Unreachable);
            Assert.Equal(E(2), f.Nodes[0]);
        }

        [Fact]
        public void Export_dot_json_svg_name_every_node_and_link()
        {
            ZsepTopology t = Topology(4, Chain(3)) with { Nodes = Topology(4, Chain(3)).Nodes.Select((n, i) => n with { HopCount = i }).ToList() };
            string dot = TopologyExport.ToDot(t);
            Assert.StartsWith("graph", dot);
            Assert.Equal(3, dot.Split(" -- ").Length - 1);
            string json = TopologyExport.ToJson(t);
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            Assert.Equal(4, doc.RootElement.GetProperty("nodes").GetArrayLength());
            Assert.Equal(3, doc.RootElement.GetProperty("links").GetArrayLength());
            string svg = TopologyExport.ToSvg(t);
            var xml = System.Xml.Linq.XDocument.Parse(svg);
            Assert.Equal(4, xml.Descendants().Count(e => e.Name.LocalName == "circle"));
            Assert.Equal(3, xml.Descendants().Count(e => e.Name.LocalName == "line"));
            var layout = TopologyExport.Layout(t);
            Assert.Equal((0.0, 0.0), layout[E(0)]);
            Assert.True(System.Math.Abs(System.Math.Sqrt((layout[E(3)].X * layout[E(3)].X) + (layout[E(3)].Y * layout[E(3)].Y)) - 270) < 1e-6);
        }
    }
}
