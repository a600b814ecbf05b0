using System;
using System.IO;
using System.Linq;
using Zsep.Simulation.Devices;
using Zsep.Simulation.Medium;
using Zsep.Stack.Capture;
using Zsep.Stack.Gateway;
using Zsep.Stack.Node;
using Zsep.Stack.Security;
using Zsep.Stack.State;
using Zsep.Stack.Types;
using Xunit;

namespace Zsep.Simulation.Tests.Devices
{
    /// <summary>
    /// Over the realistic medium: end devices report their potential parents (Mgmt_Lqi_rsp from the end device, kept
    /// from its join scan) and Test-ZsepMesh uses them; node status follows what the gateway reaches and hears; a
    /// capture spanning a network key rotation decodes whole with every key.
    /// </summary>
    public sealed class MeshMeasuredTests : SimulatedNetworkTest
    {
        public MeshMeasuredTests()
            : base("measured", 7000)
        {
        }

        private static Eui64 IeeeFor(int i) => new Eui64(0x000D6F0000E00000UL + (ulong)i);

        private Gateway Form(int seed = 21) => Gateway.Create(new GatewayOptions { Name = "mm", Channel = 15, StatePath = Path.Combine(Dir, "net"), Radio = Radio, Seed = seed }, SimulatedRadioProvider.Instance);

        private SimulatedDevice Add(Gateway gw, int i, SimulatedDeviceKind kind, double x, double y)
        {
            gw.AddInstallCode(IeeeFor(i), CodeFor(i), force: false);
            return SimulationHost.Find(Radio)!.AddDevice(new SimulatedDeviceSpec
            {
                Kind = kind, Ieee = IeeeFor(i), InstallCode = CodeFor(i), Position = new Position(x, y),
                Channel = 15, ExtendedPanId = gw.Config.ExtendedPanId, Network = gw.Name,
            });
        }

        /// <summary>
        /// Routers at (100, 0), (100, 50) and (200, 0); a display (end device) at (150, 25) in reach of all three and
        /// the coordinator, and one at (300, 0) in reach of the last router only (the others are 200 m and more away,
        /// beyond the ~166 m at which the medium's path loss reaches the receivers' sensitivity).
        /// </summary>
        private (Gateway Gw, SimulatedDevice[] Routers, SimulatedDevice Surrounded, SimulatedDevice Lone) Build()
        {
            Gateway gw = Form();
            var routers = new[] { Add(gw, 1, SimulatedDeviceKind.Meter, 100, 0), Add(gw, 2, SimulatedDeviceKind.Meter, 100, 50), Add(gw, 3, SimulatedDeviceKind.Meter, 200, 0) };
            gw.PermitJoin(254);
            Assert.True(gw.RunUntil(() => routers.All(m => m.Node.State == NodeState.Joined) && gw.GetNodes().Count == 3, TimeSpan.FromMinutes(5)));
            gw.RunFor(TimeSpan.FromSeconds(40));
            SimulatedDevice surrounded = Add(gw, 4, SimulatedDeviceKind.InHomeDisplay, 150, 25);
            SimulatedDevice lone = Add(gw, 5, SimulatedDeviceKind.InHomeDisplay, 300, 0);
            Assert.True(gw.RunUntil(() => surrounded.Node.State == NodeState.Joined && lone.Node.State == NodeState.Joined && gw.GetNodes().Count == 5, TimeSpan.FromMinutes(5)),
                $"{surrounded.Node.State} {lone.Node.State}");
            gw.RunFor(TimeSpan.FromSeconds(20));
            return (gw, routers, surrounded, lone);
        }

        [Fact]
        public void End_devices_report_their_potential_parents_and_the_audit_uses_them()
        {
            var (gw, routers, surrounded, lone) = Build();
            using (gw)
            {
                // The stack: the end devices keep the routers their join scan heard beside the parent (beacons of
                // routers answering together collide, so a join scan may keep its parent only).
                Assert.Empty(lone.Node.PotentialParents);
                Assert.Equal(routers[2].Node.NwkAddress, lone.Node.ParentAddress);

                // Mgmt_Lqi_req to an end device (held by its parent until it polls): one that lists no other router
                // scans its channel first, then answers with the parent and the routers it heard.
                var table = gw.GetNeighbors(surrounded.Ieee);
                Assert.NotEmpty(surrounded.Node.PotentialParents);
                Assert.Contains(table, n => n.Relationship == Zsep.Stack.Zdo.NeighborRelationship.Parent);
                Assert.Equal(surrounded.Node.PotentialParents.Count, table.Count(n => n.Relationship != Zsep.Stack.Zdo.NeighborRelationship.Parent));
                Assert.Empty(gw.GetNeighbors(lone.Ieee).Where(n => n.Relationship != Zsep.Stack.Zdo.NeighborRelationship.Parent)); // it looked again: nobody

                ZsepTopology topology = gw.GetTopology();
                ZsepTopologyNode s = topology.Nodes.Single(n => n.Ieee == surrounded.Ieee), l = topology.Nodes.Single(n => n.Ieee == lone.Ieee);
                Assert.True(s.Asked && s.Answered && l.Asked && l.Answered);
                Assert.NotEmpty(s.PotentialParents!);
                Assert.Empty(l.PotentialParents!);
                Assert.Equal(routers[2].Ieee, l.Parent);

                var findings = MeshAudit.Analyze(topology).Where(f => f.Check == ZsepMeshCheck.NoAlternativeParent).ToList();
                ZsepMeshFinding measured = Assert.Single(findings);
                Assert.Equal(lone.Ieee, measured.Nodes[0]);
                Assert.False(measured.Inferred);

                // Without asking the end devices, the routers' tables show each only with its parent: both are inferred.
                var inferred = MeshAudit.Analyze(gw.GetTopology(endDevices: false)).Where(f => f.Check == ZsepMeshCheck.NoAlternativeParent).ToList();
                Assert.Equal(new[] { surrounded.Ieee, lone.Ieee }.OrderBy(e => e), inferred.Select(f => f.Nodes[0]).OrderBy(e => e));
                Assert.All(inferred, f => Assert.True(f.Inferred));

                // An end device that does not answer within the bound is listed as such and gets the inference.
                SimulationHost.Find(Radio)!.FindDevice(surrounded.Ieee)!.Offline = true;
                ZsepTopology silent = gw.GetTopology(); // the default bound (8 s a page)
                ZsepTopologyNode quiet = silent.Nodes.Single(n => n.Ieee == surrounded.Ieee);
                Assert.True(quiet.Asked);
                Assert.False(quiet.Answered);
                Assert.Null(quiet.PotentialParents);
                var again = MeshAudit.Analyze(silent).Where(f => f.Check == ZsepMeshCheck.NoAlternativeParent).ToList();
                Assert.Contains(again, f => f.Nodes[0] == surrounded.Ieee && f.Inferred && f.Message.Contains("did not answer"));
                Assert.Contains(again, f => f.Nodes[0] == lone.Ieee && !f.Inferred);
            }
        }

        [Fact]
        public void A_router_the_gateway_cannot_reach_goes_offline_and_comes_back_online_when_it_is_heard()
        {
            var (gw, routers, _, _) = Build();
            using (gw)
            {
                SimulatedDevice far = routers[2];
                Assert.Equal(ZsepNodeStatus.Online, gw.GetNodes().Single(n => n.Ieee == far.Ieee).Status);
                SimulationHost.Find(Radio)!.FindDevice(far.Ieee)!.Offline = true;
                Assert.Throws<ZdoRequestException>(() => gw.GetRoutes(far.Ieee, TimeSpan.FromSeconds(5)));
                Assert.True(gw.RunUntil(() => gw.GetNodes().Single(n => n.Ieee == far.Ieee).Status == ZsepNodeStatus.Offline, TimeSpan.FromSeconds(30)));
                Assert.NotEmpty(gw.Trace.Read(Gateway.NodeOfflineCode, far.Ieee.ToString()));
                Assert.Equal(NodeStatus.Offline, gw.Store.GetNode(far.Ieee)!.Status);
                Assert.All(gw.GetNodes().Where(n => n.Ieee != far.Ieee && n.DeviceType == NodeDeviceType.Router), n => Assert.Equal(ZsepNodeStatus.Online, n.Status));

                // Back on: its next frame (link status, a relayed poll answer, anything) brings it back.
                SimulationHost.Find(Radio)!.FindDevice(far.Ieee)!.Offline = false;
                Assert.True(gw.RunUntil(() => gw.GetNodes().Single(n => n.Ieee == far.Ieee).Status == ZsepNodeStatus.Online, TimeSpan.FromMinutes(2)));
                Assert.NotEmpty(gw.Trace.Read(Gateway.NodeOnlineCode, far.Ieee.ToString()));
                Assert.Equal(NodeStatus.Online, gw.Store.GetNode(far.Ieee)!.Status);
                Assert.NotEmpty(gw.GetRoutes(far.Ieee));
            }
        }

        [Fact]
        public void A_capture_spanning_a_key_rotation_decodes_every_frame_with_the_exported_keys()
        {
            var (gw, routers, surrounded, _) = Build();
            using (gw)
            {
                string pcap = Path.Combine(Dir, "rotation.pcap");
                gw.StartCapture(pcap);
                gw.RunFor(TimeSpan.FromSeconds(30));
                gw.UpdateNetworkKey(null, TimeSpan.FromSeconds(15));
                gw.RunFor(TimeSpan.FromSeconds(40));
                foreach (SimulatedDevice r in routers)
                {
                    gw.GetRoutes(r.Ieee);
                }

                gw.StopCapture();

                var ring = new CaptureKeyRing();
                foreach (WiresharkKey key in gw.WiresharkKeys())
                {
                    if (key.Label.Contains("network key"))
                    {
                        ring.AddNetworkKey(key.Key, CaptureKeyRing.SequenceFromLabel(key.Label));
                    }
                    else
                    {
                        ring.Keys.AddLinkKey(key.Key);
                    }
                }

                Assert.Equal(2, ring.NetworkKeys.Count);
                var frames = PcapReader.ReadAll(pcap).Select(ring.Decode).Where(f => f.NwkAuxiliaryHeader is not null).ToList();
                Assert.Contains(frames, f => f.NwkAuxiliaryHeader!.Value.KeySequenceNumber == 0);
                Assert.Contains(frames, f => f.NwkAuxiliaryHeader!.Value.KeySequenceNumber == 1);
                Assert.All(frames, f => Assert.Equal(SecurityOutcome.Decrypted, f.NwkSecurity));
                Assert.Equal(new byte[] { 0, 1 }, ring.SequencesSeen.ToArray());

                // With the first key alone the frames after the switch do not decrypt: the ring is what decodes them.
                var one = new CaptureKeyRing().AddNetworkKey(ring.NetworkKeys[0]);
                Assert.Contains(PcapReader.ReadAll(pcap).Select(one.Decode), f => f.NwkSecurity == SecurityOutcome.MicFailed);
            }
        }
    }
}
