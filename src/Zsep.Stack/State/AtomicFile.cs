using System;
using System.IO;

namespace Zsep.Stack.State
{
    /// <summary>Whole-file writes that a crash cannot leave half done.</summary>
    internal static class AtomicFile
    {
        /// <summary>
        /// Writes <paramref name="bytes"/> to "<paramref name="path"/>.tmp" in the same folder, flushes it to the disk,
        /// makes it owner-only (0600 on Unix), then renames it over <paramref name="path"/> (rename(2) on Unix,
        /// ReplaceFile on Windows): a reader or a crash sees the old content or the new, never a mix. A stale .tmp of
        /// an earlier crash is overwritten.
        /// </summary>
        public static void WriteAllBytes(string path, byte[] bytes)
        {
            string full = Path.GetFullPath(path);
            string temp = full + ".tmp";
            try
            {
                using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    UnixPermissions.TrySetOwnerOnly(temp, isDirectory: false);
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(flushToDisk: true);
                }

                if (File.Exists(full))
                {
                    File.Replace(temp, full, destinationBackupFileName: null, ignoreMetadataErrors: true);
                }
                else
                {
                    File.Move(temp, full);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                TryDelete(temp);
                throw new NetworkStateException(NetworkStateError.IoError, full, $"{full}: cannot be written: {ex.Message}", inner: ex);
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // The .tmp is harmless; the next save overwrites it.
            }
        }
    }
}
