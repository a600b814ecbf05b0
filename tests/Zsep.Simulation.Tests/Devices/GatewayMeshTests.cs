using System;
using System.IO;
using System.Linq;
using Zsep.Simulation.Devices;
using Zsep.Simulation.Medium;
using Zsep.Stack.Gateway;
using Zsep.Stack.Node;
using Zsep.Stack.Security;
using Zsep.Stack.State;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;
using Xunit;

namespace Zsep.Simulation.Tests.Devices
{
    /// <summary>
    /// Issue 7 sections 1 and 2 through the gateway over the realistic medium: bindings on a meter (Bind/Unbind/
    /// Mgmt_Bind, TABLE_FULL), neighbor and routing tables (Mgmt_Lqi/Mgmt_Rtg, paged), the topology crawl, energy
    /// scans (local and Mgmt_NWK_Update_req), and the mesh audit finding the router a tail of meters depends on.
    /// </summary>
    public sealed class GatewayMeshTests : SimulatedNetworkTest
    {
        public GatewayMeshTests()
            : base("mesh", 2000)
        {
        }

        private static Eui64 IeeeFor(int i) => new Eui64(0x000D6F0000B00000UL + (ulong)i);

        private Gateway Form() => Gateway.Create(new GatewayOptions { Name = "m", Channel = 15, StatePath = Path.Combine(Dir, "net"), Radio = Radio, Seed = 5 }, SimulatedRadioProvider.Instance);

        private SimulatedDevice AddMeter(Gateway gw, int i, double x, double y)
        {
            gw.AddInstallCode(IeeeFor(i), CodeFor(i), force: false);
            return SimulationHost.Find(Radio)!.AddDevice(new SimulatedDeviceSpec
            {
                Kind = SimulatedDeviceKind.Meter, Ieee = IeeeFor(i), InstallCode = CodeFor(i), Position = new Position(x, y),
                Channel = gw.Describe().Channel, ExtendedPanId = gw.Config.ExtendedPanId, Network = gw.Name,
            });
        }

        /// <summary>A 3 x 3 block of meters 50 m apart, and a tail of two meters reached only through the block's far corner's neighbour.</summary>
        private (Gateway Gw, SimulatedDevice[] Meters) Build()
        {
            Gateway gw = Form();
            var meters = Enumerable.Range(0, 9).Select(i => AddMeter(gw, i + 1, 50 + (50 * (i % 3)), 50 * (i / 3))).ToList();
            meters.Add(AddMeter(gw, 10, 250, 100));  // the bridge: 100 m beyond (150, 100)
            meters.Add(AddMeter(gw, 11, 340, 140));  // the tail: ~98 m from the bridge, > 190 m from the block
            gw.PermitJoin(254);
            Assert.True(gw.RunUntil(() => meters.All(m => m.Node.State == NodeState.Joined) && gw.GetNodes().Count == meters.Count, TimeSpan.FromMinutes(8)),
                string.Join(", ", meters.Select(m => m.Node.State)));
            gw.RunFor(TimeSpan.FromSeconds(40)); // link status rounds
            return (gw, meters.ToArray());
        }

        [Fact]
        public void Bindings_neighbors_routes_topology_energy_and_audit()
        {
            var (gw, meters) = Build();
            using (gw)
            {
                Eui64 meter = meters[4].Ieee;
                meters[4].Node.BindingTableSize = 2;
                var b1 = new ZsepBinding { Node = meter, SourceEndpoint = 1, Cluster = 0x0702, DestinationIeee = gw.Coordinator.Ieee, DestinationEndpoint = 1 };
                var b2 = b1 with { Cluster = 0x0703 };
                var b3 = b1 with { DestinationIeee = null, DestinationEndpoint = null, DestinationGroup = 0x1234 };
                gw.AddBinding(b1);
                gw.AddBinding(b2);
                var full = Assert.Throws<ZdoRequestException>(() => gw.AddBinding(b3));
                Assert.Equal(ZdoStatus.TABLE_FULL, full.Status);
                Assert.Contains("Clear-ZsepBindingTable", full.Message);
                Assert.Equal(2, gw.GetBindings(meter).Count);
                Assert.Equal(2, gw.StoredBindings(meter).Count);

                meters[4].Node.BindingTableSize = 16;
                gw.AddBinding(b3);
                for (ushort c = 0x0100; c < 0x0104; c++)
                {
                    gw.AddBinding(b1 with { Cluster = c });
                }

                var listed = gw.GetBindings(meter); // 7 entries: three Mgmt_Bind pages
                Assert.Equal(7, listed.Count);
                Assert.Equal(meters[4].Node.Bindings.Count, listed.Count);
                Assert.Contains(listed, b => b.DestinationGroup == 0x1234);
                gw.RemoveBinding(b2);
                var notThere = Assert.Throws<ZdoRequestException>(() => gw.RemoveBinding(b2));
                Assert.Equal(ZdoStatus.NO_ENTRY, notThere.Status);
                Assert.Equal(6, meters[4].Node.Bindings.Count);

                // Neighbor table over Mgmt_Lqi (several pages) matches the meter's own.
                var neighbors = gw.GetNeighbors(meter);
                Assert.Equal(meters[4].Node.Neighbors.Count, neighbors.Count);
                Assert.True(neighbors.Count > meters[4].Node.NeighborEntriesPerResponse);
                Assert.Contains(neighbors, n => n.Ieee == meters[3].Ieee && n.Lqi > 0);
                Assert.NotEmpty(gw.GetNeighbors(gw.Coordinator.Ieee));

                var routes = gw.GetRoutes(meters[10].Ieee);
                Assert.Equal(meters[10].Node.Routes.Count, routes.Count);
                Assert.Contains(routes, r => r.ManyToOne && r.Destination.Value == 0);

                // Energy: local and through the bridge.
                var local = gw.ScanChannelEnergy();
                Assert.Equal(16, local.Count);
                Assert.Contains(local, e => e.Channel == 15 && e.Current);
                var remote = gw.ScanChannelEnergy(meters[9].Ieee, (1u << 15) | (1u << 25));
                Assert.Equal(new byte[] { 15, 25 }, remote.Select(e => e.Channel).ToArray());
                Assert.All(remote, e => Assert.InRange(e.EnergyDbm, -100, 0));

                // Topology: every node, and the bridge links the tail.
                int calls = 0;
                ZsepTopology topology = gw.GetTopology((done, total, _) => calls++);
                Assert.True(calls >= meters.Length);
                Assert.Equal(meters.Length + 1, topology.Nodes.Count);
                Assert.All(topology.Nodes, n => Assert.True(n.Answered, $"{n} did not answer"));
                Assert.Contains(topology.Links, l => l.Touches(meters[9].Ieee) && l.Touches(meters[10].Ieee));
                Assert.DoesNotContain(topology.Links, l => l.Touches(meters[10].Ieee) && !l.Touches(meters[9].Ieee));

                var findings = MeshAudit.Analyze(topology, null, null, new MeshAuditOptions { MaxHops = 2 });
                var spof = findings.Where(f => f.Check == ZsepMeshCheck.SinglePointOfFailure).ToList();
                Assert.Contains(spof, f => f.Nodes[0] == meters[9].Ieee && f.Nodes.Contains(meters[10].Ieee));
                Assert.Contains(findings, f => f.Check == ZsepMeshCheck.FarNode && f.Nodes[0] == meters[10].Ieee);

                // Statistics: counters and the tail's bridge heard by the coordinator? The block's first meter surely.
                var stats = gw.GetStatistics();
                Assert.True(stats.MacSent > 0 && stats.ApsSent > 0 && stats.ApsAcked > 0);
                var history = gw.GetLinkQualityHistory(meters[0].Ieee).Single();
                Assert.True(history.Frames > 0 && history.History.Count is > 0 and <= Gateway.LinkQualityHistoryLength);

                // Offline bridge: the tail no longer answers.
                SimulationHost.Find(Radio)!.FindDevice(meters[9].Ieee)!.Offline = true;
                Assert.Throws<ZdoRequestException>(() => gw.GetNeighbors(meters[10].Ieee, TimeSpan.FromSeconds(5)));
            }
        }
    }
}
