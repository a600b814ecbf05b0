using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Zsep.Stack.State
{
    /// <summary>
    /// Owner-only permissions for the secrets at rest (shared/design.md "State on disk"): folders 0700 and files
    /// 0600 on Linux and macOS. netstandard2.0 has no File.SetUnixFileMode, so this calls libc's chmod(2). On
    /// Windows nothing is changed: a network folder lives under the user's profile (LocalApplicationData), whose
    /// inherited ACL already grants access to the user, SYSTEM and Administrators only.
    /// </summary>
    internal static class UnixPermissions
    {
        public const int OwnerOnlyDirectory = 0x1C0; // 0700
        public const int OwnerOnlyFile = 0x180; // 0600

        public static bool IsUnix =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

        /// <summary>Sets 0700 (folder) or 0600 (file). Returns false when not on Unix; throws IOException on failure.</summary>
        public static bool TrySetOwnerOnly(string path, bool isDirectory)
        {
            if (!IsUnix)
            {
                return false;
            }

            int mode = isDirectory ? OwnerOnlyDirectory : OwnerOnlyFile;
            if (chmod(path, (uint)mode) != 0)
            {
                int errno = Marshal.GetLastWin32Error();
                throw new IOException($"chmod {Convert.ToString(mode, 8)} '{path}' failed (errno {errno}).");
            }

            return true;
        }

        // mode_t is 32-bit on Linux and 16-bit on macOS; both ABIs pass it in a full register, so uint fits both.
        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int chmod(string path, uint mode);
    }
}
