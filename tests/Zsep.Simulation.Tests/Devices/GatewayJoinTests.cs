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
using Xunit;

namespace Zsep.Simulation.Tests.Devices
{
    /// <summary>The gateway (coordinator, Trust Center, store, trace) with simulated devices on the realistic medium.</summary>
    public sealed class GatewayJoinTests : SimulatedNetworkTest
    {
        public GatewayJoinTests()
            : base("gw", 1000)
        {
        }

        private static Eui64 IeeeFor(int i) => new Eui64(0x000D6F0000A00000UL + (ulong)i);

        private Gateway Form(int seed = 11) => Gateway.Create(new GatewayOptions
        {
            Name = "t",
            Channel = 15,
            StatePath = Path.Combine(Dir, "net"),
            Radio = Radio,
            Seed = seed,
        }, SimulatedRadioProvider.Instance);

        private SimulatedDevice AddMeter(Gateway gw, int i, double x, double y, bool register = true, InstallCode? code = null)
        {
            InstallCode c = code ?? CodeFor(i);
            if (register)
            {
                gw.AddInstallCode(IeeeFor(i), CodeFor(i), force: false);
            }

            return SimulationHost.Find(Radio)!.AddDevice(new SimulatedDeviceSpec
            {
                Kind = SimulatedDeviceKind.Meter,
                Ieee = IeeeFor(i),
                InstallCode = c,
                Position = new Position(x, y),
                Channel = gw.Describe().Channel,
                ExtendedPanId = gw.Config.ExtendedPanId,
                Network = gw.Name,
            });
        }

        [Fact]
        public void Meters_in_a_line_join_over_several_hops_and_are_committed_to_the_store()
        {
            using Gateway gw = Form();
            var meters = Enumerable.Range(1, 4).Select(i => AddMeter(gw, i, 50 * i, 0)).ToList();
            gw.PermitJoin(180);
            Assert.True(gw.RunUntil(() => meters.All(m => m.Node.State == NodeState.Joined), TimeSpan.FromMinutes(5)),
                string.Join(", ", meters.Select(m => m.Node.State)));
            Assert.True(gw.RunUntil(() => gw.GetNodes().Count == 4, TimeSpan.FromMinutes(1)), $"{gw.GetNodes().Count} nodes committed");
            var nodes = gw.GetNodes().ToDictionary(n => n.Ieee);
            Assert.Equal(4, nodes.Count);
            Assert.Equal(1, nodes[IeeeFor(1)].HopCount);
            Assert.True(nodes[IeeeFor(4)].HopCount >= 2, $"the far meter is {nodes[IeeeFor(4)].HopCount} hops away");
            Assert.Equal(4, gw.Trace.Read(TraceCodes.DeviceJoined).Count);
            Assert.All(gw.GetInstallCodes(), c => Assert.Equal(TrustCenterDeviceStatus.Joined, c.Status));
        }

        [Fact]
        public void A_rogue_meter_with_a_wrong_code_is_refused_and_traced()
        {
            using Gateway gw = Form(12);
            SimulatedDevice good = AddMeter(gw, 1, 30, 0);
            SimulatedDevice rogue = AddMeter(gw, 2, 0, 30, register: true, code: CodeFor(99));
            SimulatedDevice unknown = AddMeter(gw, 3, -30, 0, register: false);
            gw.PermitJoin(120);
            gw.RunFor(TimeSpan.FromSeconds(90));
            Assert.Equal(NodeState.Joined, good.Node.State);
            Assert.NotEqual(NodeState.Joined, rogue.Node.State);
            Assert.NotEqual(NodeState.Joined, unknown.Node.State);
            var failures = gw.Trace.Read(TraceCodes.ErrAuthSecFail);
            Assert.Contains(failures, f => f.Node == IeeeFor(2).ToString());
            Assert.Contains(failures, f => f.Node == IeeeFor(3).ToString());
            Assert.Single(gw.GetNodes());
        }

        [Fact]
        public void Reconnect_keeps_the_network_its_nodes_and_frame_counters_ahead()
        {
            string path;
            long limitBefore;
            using (Gateway gw = Form(13))
            {
                path = gw.StatePath;
                SimulatedDevice m = AddMeter(gw, 1, 30, 0);
                gw.PermitJoin(60);
                Assert.True(gw.RunUntil(() => gw.GetNodes().Count == 1, TimeSpan.FromMinutes(2)));
                limitBefore = gw.Store.GetOutgoingFrameCounterLimit(FrameCounterReservation.NetworkKeyName(0)) ?? 0;
                SimulationHost.Find(Radio)!.RemoveDevice(m.Ieee);
            }

            using Gateway again = Gateway.Open(path, SimulatedRadioProvider.Instance);
            again.PermitJoin(10); // sends NWK-secured frames, taking counters from the reservation
            again.RunFor(TimeSpan.FromSeconds(1));
            Assert.Equal(15, again.Config.Channel);
            Assert.Single(again.GetNodes());
            Assert.Single(again.GetInstallCodes());
            long limitAfter = again.Store.GetOutgoingFrameCounterLimit(FrameCounterReservation.NetworkKeyName(0)) ?? 0;
            Assert.True(limitAfter > limitBefore, $"reservation {limitAfter} is not above {limitBefore}");
        }

        [Fact]
        public void Without_a_channel_the_quietest_of_11_15_20_25_is_chosen_by_an_energy_scan()
        {
            SimulationHost host = SimulationHost.GetOrCreate(Radio, 1);
            host.Medium.SetChannelInterference(25, -60); // Wi-Fi next door
            host.Medium.SetChannelInterference(20, -70);
            host.Medium.SetChannelInterference(11, -75);
            using Gateway gw = Gateway.Create(new GatewayOptions { Name = "scan", StatePath = Path.Combine(Dir, "scan"), Radio = Radio, Seed = 1 }, SimulatedRadioProvider.Instance);
            Assert.Equal(15, gw.Config.Channel);
            Assert.Equal(15, NetworkConfig.Load(Path.Combine(Dir, "scan", NetworkConfig.FileName)).Channel);
        }
    }
}
