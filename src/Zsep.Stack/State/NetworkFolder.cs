using System;
using System.IO;
using System.Linq;

namespace Zsep.Stack.State
{
    /// <summary>
    /// The folder that holds one network's state (shared/design.md "State on disk"): nwk_config.json, zsep.db (with
    /// its -wal and -shm), clusters.conf, cbke-keystore.key (sealing the CBKE private keys), trace.log and its rotations,
    /// and the zsep.lock of its owner. By default
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

        /// <summary>
        /// $env:ZSEP_STATE_ROOT when set (runbooks that keep state elsewhere, and tests, which must never touch the
        /// user's profile), else &lt;LocalApplicationData&gt;/ZsepAdmin/networks.
        /// </summary>
        public static string DefaultRoot =>
            Environment.GetEnvironmentVariable("ZSEP_STATE_ROOT") is { Length: > 0 } root
                ? root
                : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "ZsepAdmin", "networks");

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
        /// refused with <see cref="NetworkStateError.AlreadyExists"/> unless <paramref name="force"/> is given and it
        /// is a network folder (it holds state files), in which case the state is deleted first (refused with
        /// <see cref="NetworkStateError.Locked"/> while a store has it open). A non-empty folder that holds no network
        /// state is never emptied, force or not: a mistyped -StatePath must not wipe someone's files.
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

                    if (!Directory.EnumerateFiles(full).Any(IsStateFile))
                    {
                        throw new NetworkStateException(NetworkStateError.AlreadyExists, full,
                            $"{full}: the folder is not empty and holds no network state; choose an empty or new folder.");
                    }

                    DeleteState(full);
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
        /// Deletes the network's state files (Remove-ZsepNetwork): nwk_config.json, zsep.db with its -wal and -shm, clusters.conf,
        /// cbke-keystore.key,
        /// trace.log and its rotations, leftover .tmp files and the lock; then the folder itself when nothing else is in
        /// it (files that are not network state are left alone). Refused with <see cref="NetworkStateError.Locked"/>
        /// while the network is open. Returns false when the folder does not exist.
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
                DeleteState(full);
                if (!Directory.EnumerateFileSystemEntries(full).Any())
                {
                    Directory.Delete(full);
                }

                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new NetworkStateException(NetworkStateError.IoError, full, $"{full}: the network folder cannot be deleted: {ex.Message}", inner: ex);
            }
        }

        /// <summary>Whether <paramref name="file"/> is one of the files a network folder holds.</summary>
        internal static bool IsStateFile(string file)
        {
            string name = System.IO.Path.GetFileName(file);
            return name == NetworkConfig.FileName || name == NetworkConfig.FileName + ".tmp" ||
                   name == NetworkStore.FileName || name == NetworkStore.FileName + "-wal" || name == NetworkStore.FileName + "-shm" ||
                   name == NetworkStore.FileName + "-journal" || name == FolderLock.FileName || name == CbkeKeyProtector.FileName ||
                   name == ClustersConfig.FileName || name == ClustersConfig.FileName + ".tmp" ||
                   name == TraceLog.FileName || (name.StartsWith(TraceLog.FileName + ".", StringComparison.Ordinal) && name.Substring(TraceLog.FileName.Length + 1).All(char.IsDigit));
        }

        private static void DeleteState(string full)
        {
            // Holding the lock proves nobody has the network open; the lock file goes last, after it is released.
            using (FolderLock.Acquire(full))
            {
                foreach (string file in Directory.EnumerateFiles(full).Where(IsStateFile).ToList())
                {
                    if (!string.Equals(System.IO.Path.GetFileName(file), FolderLock.FileName, StringComparison.Ordinal))
                    {
                        File.Delete(file);
                    }
                }
            }

            File.Delete(System.IO.Path.Combine(full, FolderLock.FileName));
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
