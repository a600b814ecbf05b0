using System;
using System.Linq;
using Xunit;
using Zsep.Stack.Security;
using Zsep.Stack.State;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Tests.State
{
    public class NetworkStoreTests
    {
        // The install code example of BDB 13-0402 10.1 (CRC printed C3B5).
        internal static readonly InstallCode Code1 = InstallCode.Parse("83FED3407A939723A5C639B26916D505C3B5");
        internal static readonly InstallCode Code2 = InstallCode.FromBytes(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        internal static readonly Eui64 Meter1 = Eui64.Parse("00:0D:6F:00:0B:BC:AB:01");
        internal static readonly Eui64 Meter2 = Eui64.Parse("00:0D:6F:00:0B:BC:AB:02");
        internal static readonly Eui64 HighBit = Eui64.Parse("FF:EE:DD:CC:BB:AA:99:88");
        internal static readonly DateTimeOffset T0 = new DateTimeOffset(2025, 1, 31, 12, 0, 0, TimeSpan.Zero);
        internal static readonly ZigbeeKey NetworkKey = ZigbeeKey.Parse("01030507090B0D0F00020406080A0C0D");

        [Fact]
        public void A_new_store_is_created_at_the_latest_schema_version()
        {
            using var dir = new TempFolder();
            using var store = NetworkStore.Open(dir.File(NetworkStore.FileName), create: true);
            Assert.Equal(NetworkStore.LatestSchemaVersion, store.SchemaVersion);
            Assert.Empty(store.GetNodes());
        }

        [Fact]
        public void Opening_a_missing_store_without_create_is_NotFound()
        {
            using var dir = new TempFolder();
            var ex = Assert.Throws<NetworkStateException>(() => NetworkStore.Open(dir.File(NetworkStore.FileName)));
            Assert.Equal(NetworkStateError.NotFound, ex.Reason);
        }

        [Fact]
        public void Network_keys_round_trip_by_sequence_and_never_print()
        {
            using var dir = new TempFolder();
            using var store = NetworkStore.Open(dir.File(NetworkStore.FileName), create: true);
            store.SaveNetworkKey(0, NetworkKey, T0);
            store.SaveNetworkKey(1, ZigbeeKey.DefaultTrustCenterLinkKey, T0.AddDays(1));
            NetworkKeyRecord? k0 = store.GetNetworkKey(0);
            Assert.Equal(NetworkKey, k0!.Key);
            Assert.Equal(T0, k0.CreatedAt);
            Assert.Null(store.GetNetworkKey(2));
            Assert.Equal(new byte[] { 0, 1 }, store.GetNetworkKeys().Select(k => k.Sequence));
            Assert.DoesNotContain(NetworkKey.ExportHex(), k0.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Key", k0.ToString().Replace("NetworkKeyRecord", ""));
        }

        /// <summary>Issue 3 §3: the same pair again changes nothing; a different code is refused without force.</summary>
        [Fact]
        public void AddOrUpdateInstallCode_is_idempotent_and_refuses_a_different_code_without_force()
        {
            using var dir = new TempFolder();
            using var store = NetworkStore.Open(dir.File(NetworkStore.FileName), create: true);

            InstallCodeResult added = store.AddOrUpdateInstallCode(Meter1, Code1, T0);
            Assert.Equal(InstallCodeOutcome.Added, added.Outcome);
            Assert.Equal(Code1.DeriveLinkKey(), added.Device.LinkKey);
            Assert.Equal(TrustCenterDeviceStatus.Pending, added.Device.Status);

            Assert.Equal(InstallCodeOutcome.Unchanged, store.AddOrUpdateInstallCode(Meter1, Code1, T0.AddHours(1)).Outcome);
            Assert.Equal(T0, store.GetTrustCenterDevice(Meter1)!.AddedAt);

            InstallCodeResult conflict = store.AddOrUpdateInstallCode(Meter1, Code2, T0.AddHours(2));
            Assert.Equal(InstallCodeOutcome.Conflict, conflict.Outcome);
            Assert.Equal(Code1, store.GetTrustCenterDevice(Meter1)!.InstallCode);

            InstallCodeResult forced = store.AddOrUpdateInstallCode(Meter1, Code2, T0.AddHours(3), force: true);
            Assert.Equal(InstallCodeOutcome.Updated, forced.Outcome);
            TrustCenterDevice stored = store.GetTrustCenterDevice(Meter1)!;
            Assert.Equal(Code2, stored.InstallCode);
            Assert.Equal(Code2.DeriveLinkKey(), stored.LinkKey);
        }

        [Fact]
        public void Trust_center_rows_round_trip_with_status_and_times()
        {
            using var dir = new TempFolder();
            using var store = NetworkStore.Open(dir.File(NetworkStore.FileName), create: true);
            store.AddOrUpdateInstallCode(Meter2, Code2, T0);
            store.AddOrUpdateInstallCode(HighBit, Code1, T0);
            Assert.True(store.SetDeviceStatus(HighBit, TrustCenterDeviceStatus.Joined, T0.AddMinutes(5)));
            Assert.False(store.SetDeviceStatus(Meter1, TrustCenterDeviceStatus.Joined, T0));

            TrustCenterDevice joined = store.GetTrustCenterDevice(HighBit)!;
            Assert.Equal(HighBit, joined.Ieee);
            Assert.Equal(TrustCenterDeviceStatus.Joined, joined.Status);
            Assert.Equal(T0.AddMinutes(5), joined.JoinedAt);
            Assert.Equal(Code1.Crc, joined.Crc);

            Assert.Equal(new[] { Meter2, HighBit }.OrderBy(x => unchecked((long)x.Value)), store.GetTrustCenterDevices().Select(d => d.Ieee));

            Assert.True(store.SetDeviceStatus(HighBit, TrustCenterDeviceStatus.Removed, T0.AddMinutes(9)));
            Assert.Equal(T0.AddMinutes(5), store.GetTrustCenterDevice(HighBit)!.JoinedAt);
            Assert.Equal(InstallCodeOutcome.Updated, store.AddOrUpdateInstallCode(HighBit, Code1, T0.AddMinutes(10)).Outcome);
            Assert.Equal(TrustCenterDeviceStatus.Pending, store.GetTrustCenterDevice(HighBit)!.Status);

            Assert.True(store.RemoveTrustCenterDevice(Meter2));
            Assert.False(store.RemoveTrustCenterDevice(Meter2));
            Assert.Null(store.GetTrustCenterDevice(Meter2));
        }

        [Fact]
        public void A_trust_center_row_prints_neither_code_nor_key()
        {
            using var dir = new TempFolder();
            using var store = NetworkStore.Open(dir.File(NetworkStore.FileName), create: true);
            TrustCenterDevice d = store.AddOrUpdateInstallCode(Meter1, Code1, T0).Device;
            string text = d.ToString();
            Assert.Contains("Crc = C3B5", text);
            Assert.DoesNotContain("83FED340", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(d.LinkKey.ExportHex(), text, StringComparison.OrdinalIgnoreCase);
        }

        internal static NodeRecord Node(Eui64 ieee, ushort nwk, LogicalType type, Eui64? parent, int hops) => new NodeRecord
        {
            Ieee = ieee, NwkAddress = new NwkAddress(nwk), DeviceType = type, Parent = parent,
            JoinedAt = T0, LastSeen = T0.AddSeconds(hops), Lqi = 200, Rssi = -67, HopCount = hops, Status = NodeStatus.Online,
        };

        [Fact]
        public void Nodes_upsert_read_and_remove()
        {
            using var dir = new TempFolder();
            using var store = NetworkStore.Open(dir.File(NetworkStore.FileName), create: true);
            NodeRecord coordinator = Node(HighBit, 0x0000, LogicalType.Coordinator, null, 0) with { Lqi = null, Rssi = null };
            NodeRecord meter = Node(Meter1, 0x1A2B, LogicalType.Router, HighBit, 2);
            store.UpsertNode(coordinator);
            store.UpsertNode(meter);
            Assert.Equal(meter, store.GetNode(Meter1));
            Assert.Equal(coordinator, store.GetNode(HighBit));
            Assert.Equal(meter, store.GetNodeByNwkAddress(new NwkAddress(0x1A2B)));

            NodeRecord moved = meter with { NwkAddress = new NwkAddress(0x2222), Status = NodeStatus.Offline, Rssi = -90 };
            store.UpsertNode(moved);
            Assert.Equal(moved, store.GetNode(Meter1));
            Assert.Equal(2, store.GetNodes().Count);

            Assert.True(store.RemoveNode(Meter1));
            Assert.False(store.RemoveNode(Meter1));
            Assert.Null(store.GetNode(Meter1));
        }

        [Fact]
        public void Bindings_add_once_list_remove_and_clear()
        {
            using var dir = new TempFolder();
            using var store = NetworkStore.Open(dir.File(NetworkStore.FileName), create: true);
            var toDevice = BindingRecord.ToDevice(Meter1, 1, 0x0702, HighBit, 1);
            var toGroup = BindingRecord.ToGroup(Meter1, 1, 0x0703, 0x0004);
            var other = BindingRecord.ToDevice(Meter2, 2, 0x0702, HighBit, 1);
            Assert.True(store.AddBinding(toDevice));
            Assert.False(store.AddBinding(toDevice));
            Assert.True(store.AddBinding(toGroup));
            Assert.True(store.AddBinding(other));

            Assert.Equal(new[] { toDevice, toGroup }, store.GetBindings(Meter1));
            Assert.Equal(3, store.GetBindings().Count);
            Assert.True(store.RemoveBinding(toGroup));
            Assert.False(store.RemoveBinding(toGroup));
            Assert.Equal(1, store.ClearBindings(Meter1));
            Assert.Equal(new[] { other }, store.GetBindings());
            Assert.Throws<ArgumentException>(() => store.AddBinding(new BindingRecord { SourceIeee = Meter1, DestinationMode = ZdoAddressMode.Group }));
        }

        /// <summary>Zigbee PRO 4.3.1.2: the highest incoming counter per sender and key.</summary>
        [Fact]
        public void Incoming_frame_counters_are_kept_per_device_and_key()
        {
            using var dir = new TempFolder();
            using var store = NetworkStore.Open(dir.File(NetworkStore.FileName), create: true);
            Assert.Null(store.GetIncomingFrameCounter(Meter1, FrameCounterKeyKind.Network, 0));
            store.SetIncomingFrameCounter(Meter1, FrameCounterKeyKind.Network, 0, 10);
            store.SetIncomingFrameCounter(Meter1, FrameCounterKeyKind.Network, 1, 3);
            store.SetIncomingFrameCounter(Meter1, FrameCounterKeyKind.Link, 0, uint.MaxValue);
            store.SetIncomingFrameCounter(Meter1, FrameCounterKeyKind.Network, 0, 11);
            Assert.Equal(11u, store.GetIncomingFrameCounter(Meter1, FrameCounterKeyKind.Network, 0));
            Assert.Equal(3u, store.GetIncomingFrameCounter(Meter1, FrameCounterKeyKind.Network, 1));
            Assert.Equal(uint.MaxValue, store.GetIncomingFrameCounter(Meter1, FrameCounterKeyKind.Link, 0));
            Assert.Null(store.GetIncomingFrameCounter(Meter2, FrameCounterKeyKind.Network, 0));
            Assert.Equal(3, store.GetIncomingFrameCounters(Meter1).Count);
            Assert.Equal(3, store.RemoveIncomingFrameCounters(Meter1));
        }

        [Fact]
        public void Simulated_devices_round_trip_and_never_print_their_code()
        {
            using var dir = new TempFolder();
            using var store = NetworkStore.Open(dir.File(NetworkStore.FileName), create: true);
            var ihd = new SimulatedDeviceRecord { Ieee = Meter2, Kind = SimulatedDeviceKind.InHomeDisplay, InstallCode = Code1, X = 1.5, Y = -2.25, Z = 3 };
            var extender = new SimulatedDeviceRecord { Ieee = Meter1, Kind = SimulatedDeviceKind.RangeExtender, X = 10, Y = 20 };
            store.UpsertSimulatedDevice(ihd);
            store.UpsertSimulatedDevice(extender);
            Assert.Equal(ihd, store.GetSimulatedDevice(Meter2));
            Assert.Equal(extender, store.GetSimulatedDevice(Meter1));
            store.UpsertSimulatedDevice(extender with { Offline = true, Z = -3 });
            Assert.True(store.GetSimulatedDevice(Meter1)!.Offline);
            Assert.Equal(2, store.GetSimulatedDevices().Count);
            Assert.True(store.RemoveSimulatedDevice(Meter2));
            Assert.Null(store.GetSimulatedDevice(Meter2));
            Assert.DoesNotContain("83FED340", ihd.ToString(), StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void Reopening_after_dispose_keeps_everything()
        {
            using var dir = new TempFolder();
            string path = dir.File(NetworkStore.FileName);
            var binding = BindingRecord.ToDevice(Meter1, 1, 0x0702, HighBit, 1);
            var node = Node(Meter1, 0x1A2B, LogicalType.Router, HighBit, 3);
            var sim = new SimulatedDeviceRecord { Ieee = Meter1, Kind = SimulatedDeviceKind.Meter, InstallCode = Code1, X = 4, Y = 5 };
            using (var store = NetworkStore.Open(path, create: true))
            {
                store.SaveNetworkKey(0, NetworkKey, T0);
                store.AddOrUpdateInstallCode(Meter1, Code1, T0);
                store.SetDeviceStatus(Meter1, TrustCenterDeviceStatus.Joined, T0.AddSeconds(1));
                store.UpsertNode(node);
                store.AddBinding(binding);
                store.SetIncomingFrameCounter(Meter1, FrameCounterKeyKind.Network, 0, 77);
                store.ReserveOutgoingFrameCounters("nwk:0", 8192);
                store.UpsertSimulatedDevice(sim);
            }

            using (var store = NetworkStore.Open(path))
            {
                Assert.Equal(NetworkKey, store.GetNetworkKey(0)!.Key);
                TrustCenterDevice d = store.GetTrustCenterDevice(Meter1)!;
                Assert.Equal(Code1, d.InstallCode);
                Assert.Equal(TrustCenterDeviceStatus.Joined, d.Status);
                Assert.Equal(node, store.GetNode(Meter1));
                Assert.Equal(new[] { binding }, store.GetBindings());
                Assert.Equal(77u, store.GetIncomingFrameCounter(Meter1, FrameCounterKeyKind.Network, 0));
                Assert.Equal(8192, store.GetOutgoingFrameCounterLimit("nwk:0"));
                Assert.Equal(sim, store.GetSimulatedDevice(Meter1));
            }
        }

        [Fact]
        public void A_disposed_store_refuses_calls()
        {
            using var dir = new TempFolder();
            var store = NetworkStore.Open(dir.File(NetworkStore.FileName), create: true);
            store.Dispose();
            Assert.Throws<ObjectDisposedException>(() => store.GetNodes());
        }
    }
}
