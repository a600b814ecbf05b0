using System;
using System.Collections.Generic;
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
    /// <summary>
    /// Network-wide channel change (05-3474 3.6.1.10): routers and end devices follow Mgmt_NWK_Update_req, the
    /// coordinator follows, and a meter that was off at the time finds the network again by scanning.
    /// </summary>
    public sealed class ChannelChangeTests : SimulatedNetworkTest
    {
        public ChannelChangeTests()
            : base("ch", 5000)
        {
        }

        [Fact]
        public void The_network_moves_and_a_device_that_was_off_finds_it_again()
        {
            using Gateway gw = Gateway.Create(new GatewayOptions { Name = "ch", Channel = 15, StatePath = Path.Combine(Dir, "ch"), Radio = Radio, Seed = 17 }, SimulatedRadioProvider.Instance);
            SimulationHost host = SimulationHost.Find(Radio)!;
            var devices = new List<SimulatedDevice>();
            for (int i = 1; i <= 4; i++)
            {
                var ieee = new Eui64(0x000D6F0000E00000UL + (ulong)i);
                gw.AddInstallCode(ieee, CodeFor(i), force: false);
                devices.Add(host.AddDevice(new SimulatedDeviceSpec
                {
                    Kind = i == 4 ? SimulatedDeviceKind.InHomeDisplay : SimulatedDeviceKind.Meter,
                    Ieee = ieee, InstallCode = CodeFor(i),
                    Position = i == 4 ? new Position(175, 10) : new Position(45 * i, 0),
                    Channel = 15, ExtendedPanId = gw.Config.ExtendedPanId, Network = gw.Name,
                }));
            }

            gw.PermitJoin(180);
            Assert.True(gw.RunUntil(() => devices.All(d => d.Node.State == NodeState.Joined) && gw.GetNodes().Count == 4, TimeSpan.FromMinutes(5)));
            gw.DisableJoin();
            gw.RunFor(TimeSpan.FromSeconds(60));

            SimulatedDevice away = devices[1];
            away.Offline = true;
            ZsepChannelChange change = gw.ChangeChannel(25);
            Assert.Equal((byte)15, change.PreviousChannel);
            Assert.Equal((byte)25, change.Channel);
            Assert.Equal((byte)1, change.NwkUpdateId);
            Assert.Equal((byte)25, gw.Coordinator.Channel);
            Assert.Equal(25, NetworkConfig.Load(Path.Combine(gw.StatePath, "nwk_config.json")).Channel);
            Assert.Equal(1L, gw.Store.GetNetworkParameter(Gateway.NwkUpdateIdParameter));
            Assert.NotEmpty(gw.Trace.Read(TraceCodes.ChannelChanged));

            gw.RunFor(TimeSpan.FromSeconds(60));
            Assert.All(devices.Where(d => d != away && d.Kind == SimulatedDeviceKind.Meter), d => Assert.Equal((byte)25, d.Node.Channel));
            Assert.Equal((byte)15, away.Node.Channel);

            away.Offline = false;
            Assert.True(gw.RunUntil(() => devices.All(d => d.Node.Channel == 25 && d.Node.NwkUpdateId == 1), TimeSpan.FromMinutes(3)),
                string.Join("; ", devices.Select(d => $"{d.Kind} {d.Ieee} channel {d.Node.Channel} update {d.Node.NwkUpdateId}")));
            Assert.All(devices, d => Assert.Equal((byte)1, d.Node.NwkUpdateId));
            gw.RunFor(TimeSpan.FromSeconds(90));

            var outcome = new Dictionary<Eui64, ApsDeliveryStatus>();
            foreach (SimulatedDevice d in devices)
            {
                NwkAddress nwk = d.Node.NwkAddress;
                byte[] ieeeAddrReq = { 0x01, (byte)nwk.Value, (byte)(nwk.Value >> 8), 0x00, 0x00 };
                gw.Coordinator.SendData(nwk, 0, 0x0001, 0x0000, 0, ieeeAddrReq, s => outcome[d.Ieee] = s);
            }

            Assert.True(gw.RunUntil(() => outcome.Count == 4, TimeSpan.FromMinutes(2)), $"{outcome.Count} of 4 answered");
            Assert.All(outcome.Values, s => Assert.Equal(ApsDeliveryStatus.Success, s));
            Assert.DoesNotContain(gw.Trace.Read(TraceCodes.DeviceJoined), e => e.Time > change.ChangedAt);
        }
    }
}
