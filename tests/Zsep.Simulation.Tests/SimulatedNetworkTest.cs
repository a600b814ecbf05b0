using System;
using System.IO;
using Zsep.Simulation.Devices;
using Zsep.Stack.Security;

namespace Zsep.Simulation.Tests
{
    /// <summary>
    /// Base of the tests that form gateways on a simulated medium of their own: a state folder and a medium name unique
    /// to the test (both gone afterwards), and install codes drawn from a seed of the test class's own, so that two
    /// classes never share a device's code.
    /// </summary>
    public abstract class SimulatedNetworkTest : IDisposable
    {
        private readonly int _codeSeed;

        protected SimulatedNetworkTest(string prefix, int codeSeed)
        {
            string id = Guid.NewGuid().ToString("N");
            Dir = Path.Combine(Path.GetTempPath(), "zsep-" + prefix + "-" + id);
            Radio = "sim://" + prefix + "-" + id;
            _codeSeed = codeSeed;
        }

        /// <summary>The test's state folder (networks go in sub-folders).</summary>
        protected string Dir { get; }

        /// <summary>The test's simulated medium, as a radio name (sim://...).</summary>
        protected string Radio { get; }

        /// <summary>The 16-byte install code of device <paramref name="i"/>, the same on every run.</summary>
        protected InstallCode CodeFor(int i)
        {
            byte[] code = new byte[16];
            new Random(_codeSeed + i).NextBytes(code);
            return InstallCode.FromBytes(code);
        }

        public void Dispose()
        {
            if (SimulationHost.Find(Radio) is { } host)
            {
                SimulationHost.Drop(host);
            }

            if (Directory.Exists(Dir))
            {
                Directory.Delete(Dir, true);
            }

            GC.SuppressFinalize(this);
        }
    }
}
