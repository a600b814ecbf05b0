using System;
using System.IO;
using Xunit;
using Zsep.Stack.State;

namespace Zsep.Stack.Tests.State
{
    public class NetworkFolderTests
    {
        [Fact]
        public void The_default_location_is_under_LocalApplicationData()
        {
            string path = NetworkFolder.DefaultPath("home");
            string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            Assert.Equal(Path.Combine(root, "ZsepAdmin", "networks", "home"), path);
            Assert.Equal(Path.Combine("/r", "x"), NetworkFolder.DefaultPath("x", "/r"));
            Assert.Throws<ArgumentException>(() => NetworkFolder.DefaultPath("../escape"));
        }

        [Fact]
        public void Create_refuses_an_existing_folder_without_force_and_changes_nothing()
        {
            using var dir = new TempFolder();
            string path = Path.Combine(dir.Path, "net");
            NetworkFolder folder = NetworkFolder.Create(path);
            NetworkConfigTests.Sample().Save(folder.ConfigPath);

            var ex = Assert.Throws<NetworkStateException>(() => NetworkFolder.Create(path));
            Assert.Equal(NetworkStateError.AlreadyExists, ex.Reason);
            Assert.Contains(path, ex.Message);
            Assert.True(File.Exists(folder.ConfigPath));

            NetworkFolder.Create(path, force: true);
            Assert.False(File.Exists(folder.ConfigPath));
            Assert.True(Directory.Exists(path));
        }

        [Fact]
        public void Force_never_empties_a_folder_that_holds_no_network_state()
        {
            using var dir = new TempFolder();
            File.WriteAllText(dir.File("thesis.docx"), "years of work");
            var ex = Assert.Throws<NetworkStateException>(() => NetworkFolder.Create(dir.Path, force: true));
            Assert.Equal(NetworkStateError.AlreadyExists, ex.Reason);
            Assert.True(File.Exists(dir.File("thesis.docx")));
        }

        [Fact]
        public void Delete_removes_the_state_and_leaves_foreign_files()
        {
            using var dir = new TempFolder();
            string path = Path.Combine(dir.Path, "net");
            NetworkFolder folder = NetworkFolder.Create(path);
            NetworkConfigTests.Sample().Save(folder.ConfigPath);
            using (NetworkStore.Open(folder.StorePath, create: true))
            {
            }

            File.WriteAllText(folder.TracePath + ".2", "");
            File.WriteAllText(Path.Combine(path, "notes.txt"), "mine");
            Assert.True(NetworkFolder.Delete(path));
            Assert.Equal(new[] { Path.Combine(path, "notes.txt") }, Directory.GetFileSystemEntries(path));
        }

        [Fact]
        public void An_empty_existing_folder_may_be_used()
        {
            using var dir = new TempFolder();
            Assert.Equal(dir.Path, NetworkFolder.Create(dir.Path).Path);
        }

        [Fact]
        public void Force_and_delete_are_refused_while_the_network_is_open()
        {
            using var dir = new TempFolder();
            string path = Path.Combine(dir.Path, "net");
            NetworkFolder folder = NetworkFolder.Create(path);
            using (var store = NetworkStore.Open(folder.StorePath, create: true))
            {
                Assert.Equal(NetworkStateError.Locked, Assert.Throws<NetworkStateException>(() => NetworkFolder.Create(path, force: true)).Reason);
                Assert.Equal(NetworkStateError.Locked, Assert.Throws<NetworkStateException>(() => NetworkFolder.Delete(path)).Reason);
                Assert.True(File.Exists(folder.StorePath));
            }

            Assert.True(NetworkFolder.Delete(path));
            Assert.False(Directory.Exists(path));
            Assert.False(NetworkFolder.Delete(path));
        }

        [Fact]
        public void Open_needs_a_config_file()
        {
            using var dir = new TempFolder();
            Assert.Equal(NetworkStateError.NotFound, Assert.Throws<NetworkStateException>(() => NetworkFolder.Open(dir.Path)).Reason);
            Assert.Equal(NetworkStateError.NotFound, Assert.Throws<NetworkStateException>(() => NetworkFolder.Open(Path.Combine(dir.Path, "none"))).Reason);
            NetworkConfigTests.Sample().Save(Path.Combine(dir.Path, NetworkConfig.FileName));
            Assert.Equal(dir.Path, NetworkFolder.Open(dir.Path).Path);
        }

        /// <summary>shared/design.md "Secrets at rest": directory 0700 and files 0600 on Unix.</summary>
        [Fact]
        public void On_Unix_the_folder_is_0700_and_every_file_0600()
        {
            if (OperatingSystem.IsWindows())
            {
                return; // The ACL of the user's profile applies; nothing to check.
            }

            using var dir = new TempFolder();
            string path = Path.Combine(dir.Path, "net");
            NetworkFolder folder = NetworkFolder.Create(path);
            var clock = DateTimeOffset.UnixEpoch;
            NetworkConfigTests.Sample().Save(folder.ConfigPath);
            using (var store = NetworkStore.Open(folder.StorePath, create: true))
            using (var trace = new TraceLog(folder.TracePath, () => clock))
            {
                store.SaveNetworkKey(0, NetworkStoreTests.NetworkKey, clock);
                trace.Info(TraceCodes.NwkFormed, "formed");
                Assert.True(File.Exists(folder.StorePath + "-wal"));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder.StorePath + "-wal"));
            }

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
            foreach (string file in Directory.GetFiles(path))
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }

            Assert.Equal(4, Directory.GetFiles(path).Length); // config, db, trace, lock
        }
    }
}
