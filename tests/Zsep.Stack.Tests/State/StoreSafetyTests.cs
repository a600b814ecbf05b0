using System;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using Xunit;
using Zsep.Stack.State;

namespace Zsep.Stack.Tests.State
{
    /// <summary>Corrupt files, a second opener, kill snapshots and schema versions.</summary>
    public class StoreSafetyTests
    {
        private static string MakeStore(TempFolder dir)
        {
            string path = dir.File(NetworkStore.FileName);
            using var store = NetworkStore.Open(path, create: true);
            for (int i = 0; i < 200; i++)
            {
                store.SetIncomingFrameCounter(new Zsep.Stack.Types.Eui64((ulong)i + 1), FrameCounterKeyKind.Network, 0, (uint)i);
            }

            return path;
        }

        private static void AssertCorrupt(string path, byte[] before)
        {
            var ex = Assert.Throws<NetworkStateException>(() => NetworkStore.Open(path, create: true));
            Assert.Equal(NetworkStateError.CorruptStore, ex.Reason);
            Assert.Contains(path, ex.Message);
            Assert.Equal(path, ex.Path);
            Assert.Equal(before, File.ReadAllBytes(path));

            // The lock was released: the folder can be used (or deleted) afterwards.
            using (FolderLock.Acquire(Path.GetDirectoryName(path)!))
            {
            }
        }

        [Fact]
        public void Random_bytes_are_CorruptStore_and_left_untouched()
        {
            using var dir = new TempFolder();
            string path = dir.File(NetworkStore.FileName);
            var bytes = new byte[8192];
            new Random(7).NextBytes(bytes);
            File.WriteAllBytes(path, bytes);
            AssertCorrupt(path, bytes);
        }

        [Fact]
        public void A_text_file_is_CorruptStore()
        {
            using var dir = new TempFolder();
            string path = dir.File(NetworkStore.FileName);
            File.WriteAllText(path, "not a database");
            AssertCorrupt(path, File.ReadAllBytes(path));
        }

        [Theory]
        [InlineData(50)]
        [InlineData(4096 + 100)]
        [InlineData(8192)]
        public void A_truncated_store_is_CorruptStore(int keep)
        {
            using var dir = new TempFolder();
            string path = MakeStore(dir);
            byte[] whole = File.ReadAllBytes(path);
            Assert.True(whole.Length > keep, $"store is {whole.Length} bytes");
            byte[] cut = whole.Take(keep).ToArray();
            File.WriteAllBytes(path, cut);
            AssertCorrupt(path, cut);
        }

        /// <summary>A truncation the header cannot reveal (its page count marked stale) is caught by SQLite itself.</summary>
        [Fact]
        public void A_truncated_store_with_a_stale_header_count_is_CorruptStore()
        {
            using var dir = new TempFolder();
            string path = MakeStore(dir);
            byte[] cut = File.ReadAllBytes(path).Take(8192).ToArray();
            cut[95] ^= 0xFF; // version-valid-for no longer matches the change counter (sqlite.org/fileformat.html 1.3.6)
            File.WriteAllBytes(path, cut);
            AssertCorrupt(path, cut);
        }

        [Fact]
        public void A_page_overwritten_with_garbage_is_CorruptStore()
        {
            using var dir = new TempFolder();
            string path = MakeStore(dir);
            byte[] bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length >= 3 * 4096);
            for (int i = 4096; i < bytes.Length; i++)
            {
                bytes[i] = 0xA5;
            }

            File.WriteAllBytes(path, bytes);
            AssertCorrupt(path, bytes);
        }

        [Fact]
        public void An_empty_existing_file_is_CorruptStore_when_opening_an_existing_network()
        {
            using var dir = new TempFolder();
            string path = dir.File(NetworkStore.FileName);
            File.WriteAllBytes(path, Array.Empty<byte>());
            var ex = Assert.Throws<NetworkStateException>(() => NetworkStore.Open(path));
            Assert.Equal(NetworkStateError.CorruptStore, ex.Reason);
        }

        [Fact]
        public void A_foreign_SQLite_database_is_refused_and_unchanged()
        {
            using var dir = new TempFolder();
            string path = dir.File(NetworkStore.FileName);
            using (var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                c.Open();
                using var cmd = c.CreateCommand();
                cmd.CommandText = "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos (name) VALUES ('cat');";
                cmd.ExecuteNonQuery();
            }

            byte[] before = File.ReadAllBytes(path);
            var ex = Assert.Throws<NetworkStateException>(() => NetworkStore.Open(path, create: true));
            Assert.Equal(NetworkStateError.CorruptStore, ex.Reason);
            Assert.Contains("not a ZsepAdmin network store", ex.Message);
            Assert.Equal(before, File.ReadAllBytes(path));
        }

        [Fact]
        public void A_second_opener_is_refused_until_the_first_closes()
        {
            using var dir = new TempFolder();
            string path = dir.File(NetworkStore.FileName);
            var first = NetworkStore.Open(path, create: true);
            var ex = Assert.Throws<NetworkStateException>(() => NetworkStore.Open(path));
            Assert.Equal(NetworkStateError.Locked, ex.Reason);
            Assert.Contains(dir.Path, ex.Message);
            first.AddOrUpdateInstallCode(NetworkStoreTests.Meter1, NetworkStoreTests.Code1, NetworkStoreTests.T0);
            first.Dispose();
            using var second = NetworkStore.Open(path);
            Assert.NotNull(second.GetTrustCenterDevice(NetworkStoreTests.Meter1));
        }

        /// <summary>
        /// What a kill leaves on disk is the files as they are at that instant, with the store still open. Copying
        /// zsep.db and its -wal then (no clean close, no checkpoint) and opening the copy must show every committed
        /// change.
        /// </summary>
        [Fact]
        public void A_snapshot_taken_while_open_has_every_committed_change()
        {
            using var dir = new TempFolder();
            using var copy = new TempFolder();
            string path = dir.File(NetworkStore.FileName);
            using (var store = NetworkStore.Open(path, create: true))
            {
                store.AddOrUpdateInstallCode(NetworkStoreTests.Meter1, NetworkStoreTests.Code1, NetworkStoreTests.T0);
                store.UpsertNode(NetworkStoreTests.Node(NetworkStoreTests.Meter1, 0x1234, Zsep.Stack.Zdo.LogicalType.Router, null, 1));
                store.ReserveOutgoingFrameCounters("nwk:0", 4096);
                Assert.True(File.Exists(path + "-wal"));
                foreach (string suffix in new[] { "", "-wal" })
                {
                    File.Copy(path + suffix, copy.File(NetworkStore.FileName + suffix));
                }
            }

            using var reopened = NetworkStore.Open(copy.File(NetworkStore.FileName));
            Assert.NotNull(reopened.GetTrustCenterDevice(NetworkStoreTests.Meter1));
            Assert.Equal(0x1234, reopened.GetNode(NetworkStoreTests.Meter1)!.NwkAddress.Value);
            Assert.Equal(4096, reopened.GetOutgoingFrameCounterLimit("nwk:0"));
        }

        [Fact]
        public void The_store_is_in_WAL_mode()
        {
            using var dir = new TempFolder();
            string path = dir.File(NetworkStore.FileName);
            using (NetworkStore.Open(path, create: true))
            {
            }

            byte[] header = File.ReadAllBytes(path).Take(20).ToArray();
            Assert.Equal(2, header[18]); // file format write version 2 = WAL (sqlite.org/fileformat.html 1.3.3)
            Assert.Equal(2, header[19]);
        }

        [Fact]
        public void A_migration_step_runs_once_and_a_newer_schema_is_refused()
        {
            using var dir = new TempFolder();
            string path = dir.File(NetworkStore.FileName);
            using (var v1 = NetworkStore.Open(path, create: true))
            {
                v1.SaveNetworkKey(0, NetworkStoreTests.NetworkKey, NetworkStoreTests.T0);
            }

            int next = StoreSchema.LatestVersion + 1;
            var v2 = StoreSchema.Migrations.Concat(new[]
            {
                new StoreMigration(next, "CREATE TABLE test_certificates (ieee INTEGER PRIMARY KEY, certificate BLOB NOT NULL);"),
            }).ToArray();
            using (var store = NetworkStore.Open(path, false, v2))
            {
                Assert.Equal(next, store.SchemaVersion);
                Assert.Equal(NetworkStoreTests.NetworkKey, store.GetNetworkKey(0)!.Key);
            }

            using (var again = NetworkStore.Open(path, false, v2))
            {
                Assert.Equal(next, again.SchemaVersion);
            }

            var ex = Assert.Throws<NetworkStateException>(() => NetworkStore.Open(path));
            Assert.Equal(NetworkStateError.SchemaTooNew, ex.Reason);
        }
    }
}
