using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace ZsepAdmin.Tests
{
    /// <summary>
    /// Issue 3 s.5: a simulated network survives a restart. A process is killed after its meters joined; a fresh
    /// session reconnects, and the meters carry on from the store - same addresses, no new DEVICE_JOINED.
    /// </summary>
    public sealed class ResumeKillTests : IDisposable
    {
        private readonly string _path = Path.Combine(TestEnvironment.StateRoot, "resume-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_path))
            {
                Directory.Delete(_path, true);
            }
        }

        [Fact]
        public void Simulated_devices_resume_after_a_kill_without_joining_again()
        {
            string script = Path.Combine(Path.GetTempPath(), "zsep-resume-" + Guid.NewGuid().ToString("N") + ".ps1");
            File.WriteAllText(script,
                "param($StatePath)\n" +
                "New-ZsepNetwork -Name resume -StatePath $StatePath -Radio sim://resume -Seed 14 -Channel 20 | Out-Null\n" +
                "Add-ZsepSimulatedDevice -Kind Meter -Count 4 -Columns 4 -Spacing 45 -Origin 45, 0 -Register | Out-Null\n" +
                "Enable-ZsepJoin -Duration 200 -Wait -ExpectCount 4 | Out-Null\n" +
                "Step-ZsepSimulation -Duration 00:00:30\n" +
                "Get-ZsepSimulatedDevice | ForEach-Object { Write-Host \"DEVICE $($_.Ieee) $($_.NwkAddress) $($_.State)\" }\n" +
                "Write-Host 'READY'\n" +
                "while ($true) { Step-ZsepSimulation -Duration 00:00:05 }\n");
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "zsep-shell.dll"));
            psi.ArgumentList.Add("-File");
            psi.ArgumentList.Add(script);
            psi.ArgumentList.Add("-StatePath");
            psi.ArgumentList.Add(_path);
            psi.Environment["ZSEP_STATE_ROOT"] = TestEnvironment.StateRoot;
            var before = new System.Collections.Generic.Dictionary<string, string>();
            using (Process p = Process.Start(psi)!)
            {
                p.StandardError.ReadToEndAsync();
                string? line;
                while ((line = p.StandardOutput.ReadLine()) is not null)
                {
                    string[] parts = line.Trim().Split(' ');
                    if (parts[0] == "DEVICE")
                    {
                        Assert.Equal("Joined", parts[3]);
                        before[parts[1]] = parts[2];
                    }
                    else if (parts[0] == "READY")
                    {
                        p.Kill(entireProcessTree: true);
                        break;
                    }
                }

                Assert.True(p.WaitForExit(60_000));
            }

            File.Delete(script);
            Assert.Equal(4, before.Count);

            using var ps = new PsSession();
            ps.RunOk($"Connect-ZsepNetwork -StatePath '{_path}' | Out-Null");
            int joinedBefore = ps.RunOk("Get-ZsepTrace -Code DEVICE_JOINED").Count;
            Assert.Equal(4, joinedBefore);
            // Straight after the reconnect, before any frame: the meters are joined at their old addresses.
            var now = ps.RunOk("Get-ZsepSimulatedDevice | ForEach-Object { \"$($_.Ieee) $($_.NwkAddress) $($_.State)\" }").Select(o => o.ToString()).ToList();
            Assert.Equal(4, now.Count);
            foreach (string row in now)
            {
                string[] parts = row.Split(' ');
                Assert.Equal("Joined", parts[2]);
                Assert.Equal(before[parts[0]], parts[1]);
            }

            ps.RunOk("Step-ZsepSimulation -Duration 00:02:00");
            Assert.Equal(joinedBefore, ps.RunOk("Get-ZsepTrace -Code DEVICE_JOINED").Count);
            Assert.Equal(4, ps.RunOk("Get-ZsepSimulatedDevice | Where-Object { \"$($_.State)\" -eq 'Joined' }").Count);
            ps.RunOk("Remove-ZsepNetwork -Network resume -Force");
        }
    }
}
