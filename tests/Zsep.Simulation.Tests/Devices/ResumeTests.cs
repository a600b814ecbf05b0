using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Zsep.Simulation.Devices;
using Zsep.Simulation.Medium;
using Zsep.Stack.Gateway;
using Zsep.Stack.Mac;
using Zsep.Stack.Node;
using Zsep.Stack.Nwk;
using Zsep.Stack.Security;
using Zsep.Stack.State;
using Zsep.Stack.Types;
using Xunit;

namespace Zsep.Simulation.Tests.Devices
{
    /// <summary>
    /// Issue 3 s.5: simulated devices keep their joined state in the network's store, so after the process goes away
    /// (nothing saved at the end: as after a kill) the reopened gateway and the recreated devices carry on without
    /// re-joining, and every device's frame counter resumes above any value it used.
    /// </summary>
    public sealed class ResumeTests : SimulatedNetworkTest
    {
        public ResumeTests()
            : base("resume", 4000)
        {
        }

        private SimulatedDeviceSpec Spec(Gateway gw, int i) => new SimulatedDeviceSpec
        {
            Kind = i == 4 ? SimulatedDeviceKind.InHomeDisplay : SimulatedDeviceKind.Meter,
            Ieee = new Eui64(0x000D6F0000D00000UL + (ulong)i),
            InstallCode = CodeFor(i),
            Position = i == 4 ? new Position(175, 10) : new Position(45 * i, 0),
            Channel = 20, ExtendedPanId = gw.Config.ExtendedPanId, Network = gw.Name,
        };

        [Fact]
        public void Devices_resume_from_the_store_after_a_restart_without_rejoining()
        {
            string path = Path.Combine(Dir, "net");
            var highest = new Dictionary<Eui64, uint>();
            Gateway gw = Gateway.Create(new GatewayOptions { Name = "resume", Channel = 20, StatePath = path, Radio = Radio, Seed = 3 }, SimulatedRadioProvider.Instance);
            SimulationHost host = SimulationHost.Find(Radio)!;
            host.Medium.FrameOnAir += f =>
            {
                if (!f.IsAck && MacFrame.TryDecode(f.Psdu, false, out MacFrame? mac, out _) && mac!.FrameType == MacFrameType.Data &&
                    NwkHeader.TryDecode(mac.Payload, out NwkHeader? nwk, out _) && nwk!.Security)
                {
                    uint counter = ZigbeeSecurity.ReadAuxiliaryHeader(mac.Payload, nwk.HeaderLength).FrameCounter;
                    highest.TryGetValue(f.Sender.ExtendedAddress, out uint h);
                    highest[f.Sender.ExtendedAddress] = Math.Max(h, counter);
                }
            };
            var devices = new List<SimulatedDevice>();
            for (int i = 1; i <= 4; i++)
            {
                gw.AddInstallCode(Spec(gw, i).Ieee, CodeFor(i), force: false);
                SimulatedDevice d = host.AddDevice(Spec(gw, i));
                d.AttachStore(gw.Store);
                devices.Add(d);
            }

            gw.PermitJoin(180);
            Assert.True(gw.RunUntil(() => devices.All(d => d.Node.State == NodeState.Joined) && gw.GetNodes().Count == 4, TimeSpan.FromMinutes(5)));
            gw.RunFor(TimeSpan.FromSeconds(30));
            SimulatedDevice display = devices[3];
            Assert.NotEqual(NwkAddress.Coordinator, display.Node.ParentAddress); // the display's parent is a meter
            var addresses = devices.ToDictionary(d => d.Ieee, d => d.Node.NwkAddress);
            var before = devices.ToDictionary(d => d.Ieee, d => highest[d.Ieee]);

            // Everything goes away with nothing written at the end (what a kill leaves).
            foreach (SimulatedDevice d in devices)
            {
                host.RemoveDevice(d.Ieee);
            }

            gw.Dispose();
            highest.Clear();

            using Gateway again = Gateway.Open(path, SimulatedRadioProvider.Instance);
            DateTimeOffset reopened = again.Scheduler.Now;
            var resumed = new List<SimulatedDevice>();
            for (int i = 1; i <= 4; i++)
            {
                SimulatedDevice d = host.AddDevice(Spec(again, i));
                d.AttachStore(again.Store);
                Assert.True(d.ResumeFromStore(), $"device {i} had no stored state");
                resumed.Add(d);
            }

            SimulatedDevice.RestoreParentLinks(resumed);
            Assert.All(resumed, d => Assert.Equal(addresses[d.Ieee], d.Node.NwkAddress));
            again.RunFor(TimeSpan.FromSeconds(90));

            var outcome = new Dictionary<Eui64, ApsDeliveryStatus>();
            foreach (SimulatedDevice d in resumed)
            {
                NwkAddress nwk = d.Node.NwkAddress;
                byte[] ieeeAddrReq = { 0x01, (byte)nwk.Value, (byte)(nwk.Value >> 8), 0x00, 0x00 };
                again.Coordinator.SendData(nwk, 0, 0x0001, 0x0000, 0, ieeeAddrReq, s => outcome[d.Ieee] = s);
            }

            Assert.True(again.RunUntil(() => outcome.Count == 4, TimeSpan.FromMinutes(2)), $"{outcome.Count} of 4 answered");
            Assert.All(outcome.Values, s => Assert.Equal(ApsDeliveryStatus.Success, s));
            Assert.All(resumed, d => Assert.Equal(0, d.JoinAttempts));
            Assert.All(resumed, d => Assert.Equal(NodeState.Joined, d.Node.State));
            Assert.DoesNotContain(again.Trace.Read(TraceCodes.DeviceJoined), e => e.Time >= reopened);
            // Each device's counters went on above every value it had used before the restart.
            Assert.All(resumed, d => Assert.True(highest[d.Ieee] > before[d.Ieee], $"{d.Ieee}: {highest[d.Ieee]} after, {before[d.Ieee]} before"));
            Assert.All(resumed, d => Assert.True(again.Store.GetOutgoingFrameCounterLimit(NetworkStore.SimulatedDeviceCounterName(d.Ieee)) > before[d.Ieee]));
        }
    }
}
