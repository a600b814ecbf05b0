using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
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
    /// Backup and restore in the Open Coordinator Backup format: a gateway's backup restored onto a new folder takes
    /// over the same network, and devices that never left the air keep talking to it without re-joining.
    /// </summary>
    public sealed class BackupRestoreTests : SimulatedNetworkTest
    {
        public BackupRestoreTests()
            : base("bk", 2000)
        {
        }

        private static Eui64 IeeeFor(int i) => new Eui64(0x000D6F0000B00000UL + (ulong)i);

        [Fact]
        public void Restored_gateway_takes_over_and_meters_keep_talking_without_rejoining()
        {
            Gateway gw = Gateway.Create(new GatewayOptions { Name = "old", Channel = 20, StatePath = Path.Combine(Dir, "old"), Radio = Radio, Seed = 5 }, SimulatedRadioProvider.Instance);
            SimulationHost host = SimulationHost.Find(Radio)!;
            var meters = new List<SimulatedDevice>();
            for (int i = 1; i <= 3; i++)
            {
                gw.AddInstallCode(IeeeFor(i), CodeFor(i), force: false);
                meters.Add(host.AddDevice(new SimulatedDeviceSpec
                {
                    Kind = SimulatedDeviceKind.Meter, Ieee = IeeeFor(i), InstallCode = CodeFor(i), Position = new Position(45 * i, 0),
                    Channel = 20, ExtendedPanId = gw.Config.ExtendedPanId, Network = gw.Name,
                }));
            }

            gw.PermitJoin(120);
            Assert.True(gw.RunUntil(() => gw.GetNodes().Count == 3 && meters.All(m => m.Node.State == NodeState.Joined), TimeSpan.FromMinutes(4)));
            gw.RunFor(TimeSpan.FromSeconds(30));

            string json = CoordinatorBackupFile.Format(gw.CreateBackup("test"));
            CoordinatorBackup backup = CoordinatorBackupFile.Parse(json);
            Assert.Equal(gw.Config.CoordinatorIeee, backup.CoordinatorIeee);
            Assert.Equal(gw.Config.PanId, backup.PanId);
            Assert.Equal(3, backup.Devices.Count);
            Assert.All(backup.Devices, d => Assert.NotNull(d.NwkAddress));
            Assert.True(backup.Devices.Single(d => d.Ieee == IeeeFor(1)).IsChild);
            Assert.Equal(CodeFor(2).DeriveLinkKey(), backup.Devices.Single(d => d.Ieee == IeeeFor(2)).LinkKey);
            Assert.DoesNotContain(gw.Store.GetNetworkKey(0)!.Key.ExportHex(), backup.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.Contains(gw.Store.GetNetworkKey(0)!.Key.ExportHex().ToLowerInvariant(), json);

            var addresses = meters.ToDictionary(m => m.Ieee, m => m.Node.NwkAddress);
            gw.Dispose(); // the old gateway is gone; the meters stay on the air
            host.Scheduler.RunUntil(() => false, TimeSpan.FromSeconds(20));

            using Gateway restored = Gateway.Restore(backup, new RestoreOptions { Name = "new", StatePath = Path.Combine(Dir, "new"), Radio = Radio, Seed = 6 }, SimulatedRadioProvider.Instance);
            Assert.Equal(backup.CoordinatorIeee, restored.Config.CoordinatorIeee);
            Assert.Equal(backup.ExtendedPanId, restored.Config.ExtendedPanId);
            Assert.Equal(3, restored.GetNodes().Count);
            Assert.True(restored.Store.GetOutgoingFrameCounterLimit(FrameCounterReservation.NetworkKeyName(0)) >= backup.NetworkKeyFrameCounter + 10_000L);
            Assert.Single(restored.Trace.Read(TraceCodes.NwkRestored));

            // The new coordinator learns its neighbours from their link status (every 15 s) and the routes to the far
            // ones from the route records its first many-to-one route request brings back, before it sends.
            restored.RunFor(TimeSpan.FromSeconds(90));

            // Both ways: an APS-acknowledged ZDO request from the restored coordinator reaches every meter and its
            // ack comes back, so each meter accepted the new coordinator's frame counter and key.
            var outcome = new Dictionary<Eui64, ApsDeliveryStatus>();
            foreach (SimulatedDevice m in meters)
            {
                NwkAddress nwk = addresses[m.Ieee];
                byte[] ieeeAddrReq = { 0x01, (byte)nwk.Value, (byte)(nwk.Value >> 8), 0x00, 0x00 };
                restored.Coordinator.SendData(nwk, 0, 0x0001, 0x0000, 0, ieeeAddrReq, s => outcome[m.Ieee] = s);
            }

            Assert.True(restored.RunUntil(() => outcome.Count == 3, TimeSpan.FromMinutes(2)), $"{outcome.Count} of 3 answered");
            Assert.All(outcome.Values, s => Assert.Equal(ApsDeliveryStatus.Success, s));
            restored.RunFor(TimeSpan.FromMinutes(1));
            Assert.All(meters, m => Assert.Equal(NodeState.Joined, m.Node.State));
            Assert.All(meters, m => Assert.Equal(addresses[m.Ieee], m.Node.NwkAddress));
            Assert.Empty(restored.Trace.Read(TraceCodes.DeviceJoined));
            Assert.All(restored.GetNodes(), n => Assert.NotNull(n.LastSeen));
        }

        [Fact]
        public void A_zigbee2mqtt_backup_parses_as_zigpy_reads_it_and_round_trips()
        {
            string json = Zsep.Tests.Vectors.Load("from-public-tests/zigpy-z2m-open-coordinator-backup.json").GetProperty("backup").GetRawText();
            CoordinatorBackup b = CoordinatorBackupFile.Parse(json);
            Assert.Equal(Eui64.Parse("93:2C:A9:34:D9:D0:5D:12"), b.CoordinatorIeee);
            Assert.Equal(new PanId(0x9BB0), b.PanId);
            Assert.Equal(Eui64.Parse("0D:49:91:99:AE:CD:3C:35"), b.ExtendedPanId);
            Assert.Equal((byte)18, b.NwkUpdateId);
            Assert.Equal((byte)15, b.Channel);
            Assert.Equal(new byte[] { 15, 20, 25 }, b.ChannelMask);
            Assert.Equal(ZigbeeKey.Parse("9a79d69adaec45c6f2efebafdaa307b6"), b.NetworkKey);
            Assert.Equal((byte)108, b.NetworkKeySequence);
            Assert.Equal(39009277u, b.NetworkKeyFrameCounter);
            Assert.Equal(new DateTimeOffset(2021, 2, 8, 19, 35, 24, 761, TimeSpan.Zero), b.CreatedAt);
            Assert.Equal(7, b.Devices.Count);
            CoordinatorBackupDevice first = b.Devices[0];
            Assert.Equal(Eui64.Parse("A3:1A:F6:8E:19:95:23:BE"), first.Ieee);
            Assert.Equal(new NwkAddress(0x2C59), first.NwkAddress);
            Assert.True(first.IsChild); // absent is_child means a child, as zigpy reads it
            Assert.Equal(ZigbeeKey.Parse("ca02e8bb757c94f89339d39cb3cda7be"), first.LinkKey);
            Assert.Equal(2597245184u, first.LinkKeyTxCounter);
            Assert.Equal(824424412u, first.LinkKeyRxCounter);
            Assert.Null(b.Devices[1].NwkAddress);
            Assert.False(b.Devices[1].IsChild);
            Assert.Null(b.Devices[2].LinkKey);

            // Ours, written back out, carries the same network and keeps the other tool's private parts.
            string again = CoordinatorBackupFile.Format(b);
            CoordinatorBackup b2 = CoordinatorBackupFile.Parse(again);
            Assert.Equal(b with { Devices = b2.Devices, ChannelMask = b2.ChannelMask, InternalJson = b2.InternalJson }, b2);
            Assert.Equal(b.Devices, b2.Devices);
            Assert.Equal(b.ChannelMask, b2.ChannelMask);
            using JsonDocument doc = JsonDocument.Parse(again);
            Assert.Equal("71e31105bb92a2d15747a0d0a042dbfd", doc.RootElement.GetProperty("stack_specific").GetProperty("zstack").GetProperty("tclk_seed").GetString());
            Assert.Equal("a31af68e199523be", doc.RootElement.GetProperty("devices")[0].GetProperty("ieee_address").GetString());
            Assert.Equal("2c59", doc.RootElement.GetProperty("devices")[0].GetProperty("nwk_address").GetString());
            Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("devices")[1].GetProperty("nwk_address").ValueKind);
        }

        [Theory]
        [InlineData("{", null, "well-formed")]
        [InlineData("{\"metadata\":{\"format\":\"other\",\"version\":1}}", "metadata.format", "other")]
        [InlineData("{\"metadata\":{\"format\":\"zigpy/open-coordinator-backup\",\"version\":2}}", "metadata.version", "version 1")]
        [InlineData("{\"metadata\":{\"format\":\"zigpy/open-coordinator-backup\",\"version\":1},\"coordinator_ieee\":\"00124b\",\"pan_id\":\"1a62\",\"extended_pan_id\":\"dddddddddddddddd\",\"channel\":15,\"network_key\":{\"key\":\"00112233445566778899aabbccddeeff\",\"sequence_number\":0,\"frame_counter\":1}}", "coordinator_ieee", "16 hex digits")]
        [InlineData("{\"metadata\":{\"format\":\"zigpy/open-coordinator-backup\",\"version\":1},\"coordinator_ieee\":\"00124b0000000001\",\"pan_id\":\"1a62\",\"extended_pan_id\":\"dddddddddddddddd\",\"channel\":27,\"network_key\":{\"key\":\"00112233445566778899aabbccddeeff\",\"sequence_number\":0,\"frame_counter\":1}}", "channel", "11 to 26")]
        [InlineData("{\"metadata\":{\"format\":\"zigpy/open-coordinator-backup\",\"version\":1},\"coordinator_ieee\":\"00124b0000000001\",\"pan_id\":\"1a62\",\"extended_pan_id\":\"dddddddddddddddd\",\"channel\":15,\"network_key\":{\"key\":\"00112233445566778899aabbccddeeZZ\",\"sequence_number\":0,\"frame_counter\":1}}", "network_key.key", "128-bit key")]
        [InlineData("{\"metadata\":{\"format\":\"zigpy/open-coordinator-backup\",\"version\":1},\"coordinator_ieee\":\"00124b0000000001\",\"pan_id\":\"1a62\",\"extended_pan_id\":\"dddddddddddddddd\",\"channel\":15,\"network_key\":{\"key\":\"00112233445566778899aabbccddeeff\",\"sequence_number\":0,\"frame_counter\":-1}}", "network_key.frame_counter", "0 to 4294967295")]
        [InlineData("{\"metadata\":{\"format\":\"zigpy/open-coordinator-backup\",\"version\":1},\"coordinator_ieee\":\"00124b0000000001\",\"pan_id\":\"1a62\",\"extended_pan_id\":\"dddddddddddddddd\",\"channel\":15,\"network_key\":{\"key\":\"00112233445566778899aabbccddeeff\",\"sequence_number\":0,\"frame_counter\":1},\"devices\":[{\"ieee_address\":\"00124b0000000002\",\"nwk_address\":\"12\"}]}", "devices[0].nwk_address", "4 hex digits")]
        public void A_malformed_backup_names_the_member_and_never_repeats_a_key(string json, string? field, string problem)
        {
            var ex = Assert.Throws<NetworkStateException>(() => CoordinatorBackupFile.Parse(json, "x.json"));
            Assert.Equal(NetworkStateError.InvalidBackup, ex.Reason);
            Assert.Equal(field, ex.Field);
            Assert.Contains(problem, ex.Message);
            Assert.DoesNotContain("00112233445566778899aabbccddee", ex.Message, StringComparison.OrdinalIgnoreCase);
        }
    }
}
