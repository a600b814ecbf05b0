using System;
using System.IO;
using System.Linq;

namespace Zsep.Stack.State
{
    /// <summary>
    /// The folder that holds one network's state (shared/design.md "State on disk"): nwk_config.json, zsep.db (with
    /// its -wal and -shm), trace.log and its rotations, and the zsep.lock of its owner. By default
    /// &lt;LocalApplicationData&gt;/ZsepAdmin/networks/&lt;name&gt; (on Linux ~/.local/share/..., on Windows
    /// %LOCALAPPDATA%\...), or any folder given by -StatePath.
    /// <para>
    /// Permissions: the folder is made 0700 and the files 0600 on Linux and macOS (the network key, link keys and
    /// install codes are in the store). On Windows the folder inherits the ACL of the user's profile, which already
    /// grants access to the user, SYSTEM and Administrators only, so nothing is changed there.
    /// </para>
    /// </summary>
    public sealed class NetworkFolder
    {
        private NetworkFolder(string path) => Path = path;

        /// <summary>The folder (full path).</summary>
        public string Path { get; }

        public string ConfigPath => System.IO.Path.Combine(Path, NetworkConfig.FileName);

        public string StorePath => System.IO.Path.Combine(Path, NetworkStore.FileName);

        public string TracePath => System.IO.Path.Combine(Path, TraceLog.FileName);

        /// <summary>&lt;LocalApplicationData&gt;/ZsepAdmin/networks.</summary>
        public static string DefaultRoot =>
            System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "ZsepAdmin", "networks");

        /// <summary>The default folder of the network <paramref name="name"/> (the name must be a plain folder name).</summary>
        public static string DefaultPath(string name, string? root = null)
        {
            string? error = ConfigChecks.Name(name);
            if (error is not null)
            {
                throw new ArgumentException($"The network name {error}.", nameof(name));
            }

            return System.IO.Path.Combine(root ?? DefaultRoot, name);
        }

        /// <summary>
        /// Creates the folder (and its parents) with owner-only permissions. An existing folder that is not empty is
        /// refused with <see cref="NetworkStateError.AlreadyExists"/> unless <paramref name="force"/>, which first
        /// deletes the state in it (refused with <see cref="NetworkStateError.Locked"/> while a store has it open).
        /// </summary>
        public static NetworkFolder Create(string path, bool force = false)
        {
            string full = System.IO.Path.GetFullPath(path);
            try
            {
                if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
                {
                    if (!force)
                    {
                        throw new NetworkStateException(NetworkStateError.AlreadyExists, full,
                            $"{full}: a network folder exists here already; choose another name or path, or use -Force to replace it.");
                    }

                    Delete(full);
                }

                Directory.CreateDirectory(full);
                UnixPermissions.TrySetOwnerOnly(full, isDirectory: true);
                return new NetworkFolder(full);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new NetworkStateException(NetworkStateError.IoError, full, $"{full}: the network folder cannot be created: {ex.Message}", inner: ex);
            }
        }

        /// <summary>An existing network folder (it must hold nwk_config.json), or <see cref="NetworkStateError.NotFound"/>.</summary>
        public static NetworkFolder Open(string path)
        {
            string full = System.IO.Path.GetFullPath(path);
            var folder = new NetworkFolder(full);
            if (!File.Exists(folder.ConfigPath))
            {
                throw new NetworkStateException(NetworkStateError.NotFound, full,
                    Directory.Exists(full) ? $"{full}: not a network folder (no {NetworkConfig.FileName})." : $"{full}: the network folder does not exist.");
            }

            return folder;
        }

        /// <summary>
        /// Deletes the folder and everything in it (Remove-ZsepNetwork). Refused with <see cref="NetworkStateError.Locked"/>
        /// while the network is open. A missing folder is not an error (returns false).
        /// </summary>
        public static bool Delete(string path)
        {
            string full = System.IO.Path.GetFullPath(path);
            if (!Directory.Exists(full))
            {
                return false;
            }

            try
            {
                // Holding the lock proves nobody has the network open; it is released just before the lock file goes.
                using (FolderLock.Acquire(full))
                {
                    foreach (string file in Directory.EnumerateFiles(full).Where(f => !string.Equals(System.IO.Path.GetFileName(f), FolderLock.FileName, StringComparison.Ordinal)))
                    {
                        File.Delete(file);
                    }

                    foreach (string dir in Directory.EnumerateDirectories(full))
                    {
                        Directory.Delete(dir, recursive: true);
                    }
                }

                Directory.Delete(full, recursive: true);
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new NetworkStateException(NetworkStateError.IoError, full, $"{full}: the network folder cannot be deleted: {ex.Message}", inner: ex);
            }
        }

        /// <summary>Makes the folder 0700 and every file in it 0600 again (after a user copied files in). No-op on Windows.</summary>
        public void RestrictPermissions()
        {
            UnixPermissions.TrySetOwnerOnly(Path, isDirectory: true);
            foreach (string file in Directory.EnumerateFiles(Path))
            {
                UnixPermissions.TrySetOwnerOnly(file, isDirectory: false);
            }
        }

        public override string ToString() => Path;
    }
}
