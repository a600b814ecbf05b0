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
    /// Network key rotation over the simulated mesh (05-3474 4.6.3.4): every device ends up under the new key
    /// sequence, one that was switched off during the update included, and the gateway's NWK counter for the new key
    /// starts from 0 while its APS counter goes on.
    /// </summary>
    public sealed class KeyRotationTests : SimulatedNetworkTest
    {
        public KeyRotationTests()
            : base("key", 3000)
        {
        }

        private static Eui64 IeeeFor(int i) => new Eui64(0x000D6F0000C00000UL + (ulong)i);

        /// <summary>The key sequence number in the NWK auxiliary header of the last secured frame each radio sent.</summary>
        private static Dictionary<Eui64, (byte Sequence, uint Counter)> WatchKeySequences(SimulationHost host)
        {
            var seen = new Dictionary<Eui64, (byte, uint)>();
            host.Medium.FrameOnAir += f =>
            {
                if (f.IsAck || !MacFrame.TryDecode(f.Psdu, false, out MacFrame? mac, out _) || mac!.FrameType != MacFrameType.Data ||
                    !NwkHeader.TryDecode(mac.Payload, out NwkHeader? nwk, out _) || !nwk!.Security)
                {
                    return;
                }

                AuxiliarySecurityHeader aux = ZigbeeSecurity.ReadAuxiliaryHeader(mac.Payload, nwk.HeaderLength);
                seen[f.Sender.ExtendedAddress] = (aux.KeySequenceNumber.GetValueOrDefault(), aux.FrameCounter);
            };
            return seen;
        }

        private static Dictionary<Eui64, ApsDeliveryStatus> AskEveryone(Gateway gw, IEnumerable<SimulatedDevice> devices)
        {
            var outcome = new Dictionary<Eui64, ApsDeliveryStatus>();
            foreach (SimulatedDevice d in devices)
            {
                NwkAddress nwk = d.Node.NwkAddress;
                byte[] ieeeAddrReq = { 0x01, (byte)nwk.Value, (byte)(nwk.Value >> 8), 0x00, 0x00 };
                gw.Coordinator.SendData(nwk, 0, 0x0001, 0x0000, 0, ieeeAddrReq, s => outcome[d.Ieee] = s);
            }

            return outcome;
        }

        [Fact]
        public void Every_device_switches_to_the_new_key_including_one_that_was_off_during_the_update()
        {
            using Gateway gw = Gateway.Create(new GatewayOptions { Name = "keys", Channel = 15, StatePath = Path.Combine(Dir, "keys"), Radio = Radio, Seed = 11 }, SimulatedRadioProvider.Instance);
            SimulationHost host = SimulationHost.Find(Radio)!;
            var devices = new List<SimulatedDevice>();
            for (int i = 1; i <= 4; i++)
            {
                gw.AddInstallCode(IeeeFor(i), CodeFor(i), force: false);
                devices.Add(host.AddDevice(new SimulatedDeviceSpec
                {
                    Kind = i == 4 ? SimulatedDeviceKind.InHomeDisplay : SimulatedDeviceKind.Meter,
                    Ieee = IeeeFor(i),
                    InstallCode = CodeFor(i),
                    Position = i == 4 ? new Position(95, 10) : new Position(45 * i, 0),
                    Channel = 15, ExtendedPanId = gw.Config.ExtendedPanId, Network = gw.Name,
                }));
            }

            gw.PermitJoin(180);
            Assert.True(gw.RunUntil(() => devices.All(d => d.Node.State == NodeState.Joined) && gw.GetNodes().Count == 4, TimeSpan.FromMinutes(5)));
            gw.RunFor(TimeSpan.FromSeconds(60));
            Dictionary<Eui64, (byte Sequence, uint Counter)> seen = WatchKeySequences(host);
            var drops = devices.ToDictionary(d => d.Ieee, d => new List<string>());
            foreach (SimulatedDevice d in devices)
            {
                d.Node.FrameDropped += (_, e) => drops[d.Ieee].Add(e.Reason);
            }

            long apsBefore = gw.Store.GetOutgoingFrameCounterLimit(Gateway.LinkKeyCounterName) ?? 0;

            SimulatedDevice away = devices[2]; // the far meter, three hops out
            away.Offline = true;
            ZsepNetworkKeyUpdate update = gw.UpdateNetworkKey(null, TimeSpan.FromSeconds(15));
            Assert.Equal((byte)0, update.PreviousSequence);
            Assert.Equal((byte)1, update.Sequence);
            Assert.Equal(4, update.DevicesSent);
            Assert.Equal((byte)1, NetworkConfig.Load(Path.Combine(gw.StatePath, "nwk_config.json")).NetworkKeySequence);
            Assert.NotNull(gw.Store.GetNetworkKey(1));
            Assert.NotEqual(gw.Store.GetNetworkKey(0)!.Key, gw.Store.GetNetworkKey(1)!.Key);
            Assert.Single(gw.Trace.Read(TraceCodes.KeySwitched));

            gw.RunFor(TimeSpan.FromSeconds(40));
            Assert.True(devices.Where(d => d != away).All(d => d.Node.NetworkKeySequence == 1),
                string.Join("; ", devices.Select(d => $"{d.Kind} {d.Ieee} {d.Node.State} key {d.Node.NetworkKeySequence} alt {d.Node.AlternateNetworkKeySequence} drops {string.Join(",", drops[d.Ieee].GroupBy(x => x).Select(g => g.Key + "x" + g.Count()))}")));
            Assert.Equal((byte)0, away.Node.NetworkKeySequence);
            // The new key's NWK counter starts from 0 (a block reserved); the APS counter went on.
            Assert.True(seen[gw.Config.CoordinatorIeee].Sequence == 1 && seen[gw.Config.CoordinatorIeee].Counter < 1000);
            Assert.Equal(FrameCounterReservation.DefaultBlockSize, (uint)gw.Store.GetOutgoingFrameCounterLimit(FrameCounterReservation.NetworkKeyName(1))!.Value);
            Assert.True((gw.Store.GetOutgoingFrameCounterLimit(Gateway.LinkKeyCounterName) ?? 0) >= apsBefore);
            // A backup taken now carries the new key, and link-key tx counters at least the APS counter's reservation
            // (the network key's counter restarted; a restored gateway must not go below what devices saw).
            CoordinatorBackup backup = gw.CreateBackup("test");
            Assert.Equal((byte)1, backup.NetworkKeySequence);
            long apsLimit = gw.Store.GetOutgoingFrameCounterLimit(Gateway.LinkKeyCounterName) ?? 0;
            Assert.All(backup.Devices, d => Assert.True(d.LinkKeyTxCounter >= apsLimit && d.LinkKeyTxCounter > backup.NetworkKeyFrameCounter));

            // It comes back after the grace for the old key has long passed: a neighbor hears it under key 0, the Trust
            // Center sends it key 1, and it switches.
            gw.RunFor(TimeSpan.FromMinutes(11));
            away.Offline = false;
            Assert.True(gw.RunUntil(() => away.Node.NetworkKeySequence == 1, TimeSpan.FromMinutes(2)), "the returning meter never got the new key");
            Assert.NotEmpty(gw.Trace.Read(TraceCodes.KeyTransported, away.Ieee.ToString()));
            gw.RunFor(TimeSpan.FromSeconds(90));

            seen.Clear();
            Dictionary<Eui64, ApsDeliveryStatus> outcome = AskEveryone(gw, devices);
            Assert.True(gw.RunUntil(() => outcome.Count == 4, TimeSpan.FromMinutes(2)), $"{outcome.Count} of 4 answered");
            Assert.All(outcome.Values, s => Assert.Equal(ApsDeliveryStatus.Success, s));
            gw.RunFor(TimeSpan.FromSeconds(30));
            Assert.All(devices, d => Assert.Equal((byte)1, seen[d.Ieee].Sequence));
            Assert.All(devices, d => Assert.Equal(NodeState.Joined, d.Node.State));
            Assert.DoesNotContain(gw.Trace.Read(TraceCodes.DeviceJoined), e => e.Time > update.SwitchedAt);
        }
    }
}
