namespace Zsep.Stack.State
{
    /// <summary>For the cmdlets that write a secret on request (a test CA, a test certificate's private key): owner-only on Linux and macOS.</summary>
    public static class NetworkFolderSecrets
    {
        /// <summary>Gives <paramref name="path"/> mode 0600 where there are Unix modes; returns false elsewhere.</summary>
        public static bool OwnerOnly(string path) => UnixPermissions.TrySetOwnerOnly(path, isDirectory: false);
    }
}
