using System;
using System.IO;
using System.Runtime.CompilerServices;

[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]

namespace ZsepAdmin.Tests
{
    /// <summary>
    /// Network state of every test goes to a temporary root, never the user's profile ($env:ZSEP_STATE_ROOT is
    /// read by New-ZsepNetwork for its default folder). Tests run one at a time: networks and simulated media are
    /// per process, as in a PowerShell session.
    /// </summary>
    internal static class TestEnvironment
    {
        public static string StateRoot { get; } = Path.Combine(Path.GetTempPath(), "zsep-tests-" + Guid.NewGuid().ToString("N"));

        [ModuleInitializer]
        internal static void Initialize()
        {
            Directory.CreateDirectory(StateRoot);
            Environment.SetEnvironmentVariable("ZSEP_STATE_ROOT", StateRoot);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Directory.Delete(StateRoot, true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            };
        }
    }
}
