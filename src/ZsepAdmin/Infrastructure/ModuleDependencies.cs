using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;

namespace ZsepAdmin.Infrastructure
{
    /// <summary>
    /// Loads the module's own dependencies where Windows PowerShell 5.1 (.NET Framework) would not.
    /// <para>
    /// The staged module folder holds assemblies whose references disagree on versions (System.Text.Json and
    /// Microsoft.Data.Sqlite ask for System.Memory 4.0.1.x while the folder has 4.0.2.0; System.Threading.Tasks.Extensions
    /// asks for System.Runtime.CompilerServices.Unsafe 4.0.4.1 beside 6.0.0.0). .NET Core unifies to the higher version;
    /// .NET Framework binds strong names exactly unless an application configuration redirects them, and
    /// powershell.exe.config has no redirects for these, so the load fails and raises AppDomain.AssemblyResolve, which this
    /// class answers with the folder's copy when it has the same name and public key and a version at least the one asked
    /// for. The native SQLite library is also loaded from &lt;module&gt;/win-&lt;arch&gt;/e_sqlite3.dll up front, since .NET
    /// Framework's DllImport searches only the application's folder and PATH (PowerShell 7 probes the module's
    /// &lt;rid&gt; folder itself).
    /// </para>
    /// On .NET Core (PowerShell 7) nothing is installed: its loader already does both.
    /// </summary>
    public sealed class ModuleDependencies : IModuleAssemblyInitializer
    {
        private static ResolveEventHandler? s_handler;

        /// <summary>The folder the module's assemblies were loaded from.</summary>
        public static string ModuleDirectory => Path.GetDirectoryName(typeof(ModuleDependencies).Assembly.Location) ?? "";

        /// <summary>True in Windows PowerShell (.NET Framework), where the resolver is needed.</summary>
        public static bool IsNetFramework => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        /// <summary>
        /// Installs the resolver once per process (every runspace that imports the module shares it, so it stays installed
        /// after a Remove-Module: it answers only for files in the module's own folder).
        /// </summary>
        public void OnImport()
        {
            if (!IsNetFramework)
            {
                return;
            }

            string dir = ModuleDirectory;
            ResolveEventHandler handler = (_, args) => Resolve(dir, new AssemblyName(args.Name)) is string path ? Assembly.LoadFrom(path) : null;
            if (Interlocked.CompareExchange(ref s_handler, handler, null) is not null)
            {
                return;
            }

            AppDomain.CurrentDomain.AssemblyResolve += handler;
            if (NativeSqlitePath(dir, RuntimeInformation.ProcessArchitecture) is string native && File.Exists(native))
            {
                // A failed load leaves SQLite's own error (naming e_sqlite3) for the first store access: nothing to do here.
                _ = LoadLibraryW(native);
            }
        }

        /// <summary>
        /// The path of the module folder's copy of <paramref name="requested"/>, or null: same simple name, same public key
        /// token (when the request names one), and a version no lower than the one asked for.
        /// </summary>
        public static string? Resolve(string moduleDirectory, AssemblyName requested)
        {
            if (string.IsNullOrEmpty(requested.Name) || requested.Name!.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                return null;
            }

            string path = Path.Combine(moduleDirectory, requested.Name + ".dll");
            if (!File.Exists(path))
            {
                return null;
            }

            AssemblyName found;
            try
            {
                found = AssemblyName.GetAssemblyName(path);
            }
            catch (Exception e) when (e is BadImageFormatException || e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }

            if (!string.Equals(found.Name, requested.Name, StringComparison.OrdinalIgnoreCase)
                || (requested.Version is Version wanted && found.Version is Version have && have < wanted))
            {
                return null;
            }

            byte[]? token = requested.GetPublicKeyToken();
            if (token is { Length: > 0 } && !Same(token, found.GetPublicKeyToken()))
            {
                return null;
            }

            return path;
        }

        /// <summary>Where staging puts the Windows build of the native SQLite library for a process architecture, or null.</summary>
        public static string? NativeSqlitePath(string moduleDirectory, Architecture architecture)
        {
            string? rid = architecture switch
            {
                Architecture.X64 => "win-x64",
                Architecture.X86 => "win-x86",
                Architecture.Arm64 => "win-arm64",
                _ => null,
            };
            return rid is null ? null : Path.Combine(moduleDirectory, rid, "e_sqlite3.dll");
        }

        private static bool Same(byte[] a, byte[]? b)
        {
            if (b is null || a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern IntPtr LoadLibraryW(string path);
    }
}
