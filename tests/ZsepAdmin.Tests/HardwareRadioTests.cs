using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using Xunit;

namespace ZsepAdmin.Tests
{
    /// <summary>
    /// The hardware path through PowerShell (issue 6): zsep-rcp, the Spinel RCP emulator, runs as its own process on
    /// a real pseudo-terminal with simulated devices on its medium; the cmdlets form a network on /dev/pts/N through
    /// System.IO.Ports, admit the devices by their install codes, and the network keeps running between commands.
    /// Everything runs in real time (a radio's time), so this test takes about half a minute.
    /// </summary>
    [Trait("Category", "Hardware path")]
    public sealed class HardwareRadioTests : IDisposable
    {
        private readonly Process? _rcp;
        private readonly string _csv = Path.Combine(Path.GetTempPath(), "zsep-rcp-" + Guid.NewGuid().ToString("N") + ".csv");
        private readonly string _radio = "";
        private readonly PsSession _ps = new PsSession();

        public HardwareRadioTests()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                return;
            }

            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
            psi.ArgumentList.Add(Repo.Path("artifacts", "zsep-rcp", "zsep-rcp.dll"));
            foreach (string a in new[] { "--meters", "4", "--displays", "1", "--seed", "3", "--csv", _csv })
            {
                psi.ArgumentList.Add(a);
            }

            _rcp = Process.Start(psi)!;
            // Bounded: an emulator that never comes up fails the test instead of stalling the run.
            var firstLine = _rcp.StandardOutput.ReadLineAsync();
            if (!firstLine.Wait(TimeSpan.FromSeconds(60)))
            {
                _rcp.Kill();
                throw new TimeoutException("zsep-rcp printed no RADIO line within 60 s.");
            }

            string? first = firstLine.Result;
            Assert.NotNull(first);
            Assert.StartsWith("RADIO /dev/pts/", first);
            _radio = first!.Substring("RADIO ".Length);
        }

        public void Dispose()
        {
            _ps.Run("Get-ZsepNetwork | ForEach-Object { Remove-ZsepNetwork -Network $_.Name -Force }");
            _ps.Dispose();
            if (_rcp is not null)
            {
                _rcp.StandardInput.Close(); // the emulator stops when its input closes
                if (!_rcp.WaitForExit(10_000))
                {
                    _rcp.Kill();
                }

                _rcp.Dispose();
            }

            File.Delete(_csv);
        }

        [Fact]
        public void Cmdlets_form_a_network_on_a_pseudo_terminal_admit_devices_and_keep_it_running_between_commands()
        {
            if (_rcp is null)
            {
                return; // pseudo-terminals: Linux only
            }

            var net = _ps.RunOk($"New-ZsepNetwork -Name hw -Radio '{_radio}' -Channel 20").Single();
            Assert.Equal("Running", net.Properties["State"].Value.ToString());
            var radio = _ps.RunOk("Get-ZsepRadio").Single();
            Assert.Equal("Spinel RCP", radio.Properties["Kind"].Value);
            Assert.Contains("ZSEP-RCP-EMULATOR", radio.Properties["FirmwareVersion"].Value.ToString());
            Assert.Equal(5, _ps.RunOk($"Import-Csv '{_csv}' | Add-ZsepInstallCode").Count);

            // Open joining and return at once: no command drives the network now, yet devices join in the background.
            _ps.RunOk("Enable-ZsepJoin -Duration 180 | Out-Null");
            var wall = Stopwatch.StartNew();
            int nodes = 0;
            while (nodes < 5 && wall.Elapsed < TimeSpan.FromSeconds(90))
            {
                Thread.Sleep(1000); // real time: the radio's clock
                nodes = _ps.RunOk("@(Get-ZsepNode).Count").Single().BaseObject is int n ? n : 0;
            }

            Assert.Equal(5, nodes);
            Assert.Single(_ps.RunOk("Get-ZsepNode -DeviceType EndDevice"));
            var counters = _ps.RunOk("Get-ZsepRadio").Single();
            Assert.True(Convert.ToInt64(counters.Properties["FramesSent"].Value) > 0);
            Assert.True(Convert.ToInt64(counters.Properties["FramesReceived"].Value) > 0);
            Assert.Equal(0L, Convert.ToInt64(counters.Properties["FcsErrors"].Value));
        }
    }
}
