using System;
using System.IO;

namespace Zsep.Stack.State
{
    /// <summary>
    /// One owner per network folder. The owner holds "zsep.lock" open with FileShare.None for its lifetime: .NET
    /// takes flock(LOCK_EX | LOCK_NB) on Unix and a share-mode lock on Windows, so a second opener (another process,
    /// or a second open store in this one) fails at once. The operating system drops the lock when its process ends,
    /// even by a kill, so a stale lock never blocks a reconnect. The file itself stays (deleting it would race).
    /// </summary>
    public sealed class FolderLock : IDisposable
    {
        /// <summary>The lock file's name inside a network folder.</summary>
        public const string FileName = "zsep.lock";

        private FileStream? _stream;

        private FolderLock(string path, FileStream stream)
        {
            Path = path;
            _stream = stream;
        }

        /// <summary>The lock file.</summary>
        public string Path { get; }

        /// <summary>Takes the lock of <paramref name="folder"/>, or fails with <see cref="NetworkStateError.Locked"/>.</summary>
        public static FolderLock Acquire(string folder)
        {
            string path = System.IO.Path.Combine(System.IO.Path.GetFullPath(folder), FileName);
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                try
                {
                    UnixPermissions.TrySetOwnerOnly(path, isDirectory: false);
                }
                catch (IOException)
                {
                    // Permissions of an empty lock file are cosmetic; the folder is 0700.
                }

                return new FolderLock(path, stream);
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException)
            {
                throw new NetworkStateException(NetworkStateError.NotFound, folder, $"{folder}: the network folder does not exist.", inner: ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new NetworkStateException(NetworkStateError.IoError, folder, $"{folder}: the lock file cannot be opened: {ex.Message}", inner: ex);
            }
            catch (IOException ex)
            {
                throw new NetworkStateException(NetworkStateError.Locked, folder,
                    $"{folder}: the network is open in another process or session (its lock {FileName} is held); disconnect it there first.", inner: ex);
            }
        }

        public void Dispose()
        {
            _stream?.Dispose();
            _stream = null;
        }
    }
}
