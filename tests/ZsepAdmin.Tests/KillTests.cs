using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace ZsepAdmin.Tests
{
    /// <summary>
    /// Issue 3 acceptance: a process killed mid-join loses no committed node, and a fresh process that reconnects
    /// resumes the outgoing frame counter above every value the killed one could have used.
    /// </summary>
    public sealed class KillTests : IDisposable
    {
        private readonly string _path = Path.Combine(TestEnvironment.StateRoot, "kill-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_path))
            {
                Directory.Delete(_path, true);
            }
        }

        [Fact]
        public void Reconnecting_after_a_kill_mid_join_shows_every_committed_node_and_counters_ahead()
        {
            string script = Path.Combine(Path.GetTempPath(), "zsep-kill-" + Guid.NewGuid().ToString("N") + ".ps1");
            File.WriteAllText(script,
                "param($StatePath)\n" +
                "New-ZsepNetwork -Name kill -StatePath $StatePath -Radio sim://kill -Seed 9 -Channel 15 | Out-Null\n" +
                "Add-ZsepSimulatedDevice -Kind Meter -Count 40 -Columns 8 -Spacing 55 -Register | Out-Null\n" +
                "Write-Host 'READY'\n" +
                "Enable-ZsepJoin -Duration 254 -Wait | ForEach-Object { Write-Host \"JOINED $($_.Ieee)\" }\n" +
                "Write-Host 'DONE'\n");
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "zsep-shell.dll"));
            psi.ArgumentList.Add("-File");
            psi.ArgumentList.Add(script);
            psi.ArgumentList.Add("-StatePath");
            psi.ArgumentList.Add(_path);
            psi.Environment["ZSEP_STATE_ROOT"] = TestEnvironment.StateRoot;
            var joined = new List<string>();
            using (Process p = Process.Start(psi)!)
            {
                p.StandardError.ReadToEndAsync();
                string? line;
                while ((line = p.StandardOutput.ReadLine()) is not null)
                {
                    if (line.StartsWith("JOINED ", StringComparison.Ordinal))
                    {
                        joined.Add(line.Substring(7).Trim());
                        if (joined.Count == 5)
                        {
                            p.Kill(entireProcessTree: true);
                            break;
                        }
                    }

                    Assert.NotEqual("DONE", line.Trim());
                }

                Assert.True(p.WaitForExit(60_000));
            }

            File.Delete(script);
            Assert.Equal(5, joined.Count);

            using var ps = new PsSession();
            // What the killed process left on disk, read before anything reopens it.
            long limitAtKill = Convert.ToInt64(ps.RunOk(
                $"$s = [Zsep.Stack.State.NetworkStore]::Open('{_path}/zsep.db', $false); $s.GetOutgoingFrameCounterLimit('nwk:0'); $s.Dispose()").Single().BaseObject);

            var network = ps.RunOk($"Connect-ZsepNetwork -StatePath '{_path}'").Single();
            Assert.Equal("kill", network.Properties["Name"].Value);
            var nodes = ps.RunOk("Get-ZsepNode | ForEach-Object { \"$($_.Ieee)\" }").Select(o => o.ToString()).ToHashSet();
            foreach (string ieee in joined)
            {
                Assert.Contains(ieee, nodes); // written before it was reported, so it survived the kill
            }

            Assert.Equal(40, ps.RunOk("Get-ZsepInstallCode").Count);
            Assert.Equal(40, ps.RunOk("Get-ZsepSimulatedDevice").Count);

            // The reconnected gateway sends (permit joining) with counters from a new block above the old limit.
            ps.RunOk("Enable-ZsepJoin -Duration 30; Step-ZsepSimulation -Duration 00:00:02");
            ps.RunOk("Disconnect-ZsepNetwork -Network kill");
            long limitAfter = Convert.ToInt64(ps.RunOk(
                $"$s = [Zsep.Stack.State.NetworkStore]::Open('{_path}/zsep.db', $false); $s.GetOutgoingFrameCounterLimit('nwk:0'); $s.Dispose()").Single().BaseObject);
            Assert.True(limitAfter > limitAtKill, $"the reservation after reconnecting ({limitAfter}) is not above the one at the kill ({limitAtKill})");
        }
    }
}

namespace ZsepAdmin.Tests
{
    public sealed class RunspaceLifetimeTests
    {
        [Fact]
        public void A_fresh_runspace_reconnects_after_the_first_one_was_disposed()
        {
            string path = System.IO.Path.Combine(TestEnvironment.StateRoot, "rs-" + System.Guid.NewGuid().ToString("N"));
            using (var first = new PsSession())
            {
                first.RunOk($"New-ZsepNetwork -Name rs1 -StatePath '{path}' -Radio sim://rs1 -Seed 4 -Channel 20 | Out-Null; " +
                            "Add-ZsepSimulatedDevice -Kind Meter -Count 3 -Spacing 30 -Register | Out-Null; Enable-ZsepJoin -Duration 120 -Wait -ExpectCount 3 | Out-Null");
            } // disposed without Disconnect-ZsepNetwork

            using var second = new PsSession();
            var net = second.RunOk($"Connect-ZsepNetwork -StatePath '{path}'").Single();
            Assert.Equal(3, net.Properties["NodeCount"].Value);
            Assert.Equal(3, second.RunOk("Get-ZsepNode").Count);
            second.RunOk("Remove-ZsepNetwork -Network rs1 -Force");
        }
    }
}
