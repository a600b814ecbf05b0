using System;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace ZsepAdmin.Tests
{
    /// <summary>
    /// Publish-ZsepBlockPeriod and Get-ZsepPrice -BlockPeriod as a user's script uses them: from the pipeline to one
    /// in-home display, to every Price client, -WhatIf, and the refusals.
    /// </summary>
    public sealed class BlockPeriodCommandTests : IDisposable
    {
        private readonly PsSession _ps = new PsSession();
        private readonly string _name = "bp-" + Guid.NewGuid().ToString("N").Substring(0, 8);

        public BlockPeriodCommandTests()
        {
            _ps.RunOk($"New-ZsepNetwork -Name {_name} -Radio sim://{_name} -Seed 5 -Channel 20 | Out-Null\n" +
                      "$a = Add-ZsepSimulatedDevice -Kind InHomeDisplay -Ieee 00:0D:6F:00:0C:00:00:01 -Position 30,0 -InstallCode 83FED3407A939723A5C639B26916D505C3B5 -Register\n" +
                      "$b = Add-ZsepSimulatedDevice -Kind InHomeDisplay -Ieee 00:0D:6F:00:0C:00:00:02 -Position 0,30 -InstallCode 5A3C9E1174B2D0486F1E2B7C9A0D3E51D9E3 -Register\n" +
                      "Enable-ZsepJoin -Duration 120 -Wait -ExpectCount 2 | Out-Null\n" +
                      "Step-ZsepSimulation -Duration 00:00:30");
        }

        public void Dispose()
        {
            _ps.Run($"Remove-ZsepNetwork -Network {_name} -Force");
            _ps.Dispose();
        }

        private static PSObject BlockPeriod(PSObject o)
        {
            Assert.Equal("Zsep.Stack.Gateway.ZsepBlockPeriod", o.BaseObject.GetType().FullName);
            return o;
        }

        private static object? P(PSObject o, string name) => o.Properties[name]?.Value;

        private static string S(PSObject o, string name) => P(o, name)?.ToString() ?? "";

        [Fact]
        public void PublishedToOneDisplay_IsKeptThere_AndGetZsepPriceBlockPeriodShowsIt()
        {
            PSObject sent = BlockPeriod(Assert.Single(_ps.RunOk(
                "$sent = Get-ZsepNode -Ieee $a.Ieee | Publish-ZsepBlockPeriod -IssuerEventId 500 -Duration 2 -DurationTimebase Days -BlockPeriodControl RepeatingBlock " +
                "-TariffType DeliveredAndReceivedTariff -TariffResolutionPeriod OneDay; $sent")));
            Assert.Equal(500u, P(sent, "IssuerEventId"));
            Assert.Equal(2u, P(sent, "Duration"));
            Assert.Equal("Days", S(sent, "DurationTimebase"));
            Assert.Equal(((DateTimeOffset)P(sent, "StartTime")!).AddDays(2), P(sent, "EndTime"));
            Assert.Equal("RepeatingBlock", S(sent, "BlockPeriodControl"));
            Assert.Equal("DeliveredAndReceivedTariff", S(sent, "TariffType"));
            Assert.Equal("OneDay", S(sent, "TariffResolutionPeriod"));
            Assert.Equal(true, P(sent, "IsCurrent"));
            PSObject delivery = Assert.Single(_ps.RunOk("$sent.Deliveries"));
            Assert.Equal(true, P(delivery, "Delivered"));
            Assert.Equal("PublishBlockPeriod", S(delivery, "Command"));

            // The display holds it: Block Period Duration Type 0x01 (days from the start of the timebase), control 0x02 (repeating).
            string host = $"[Zsep.Simulation.Devices.SimulationHost]::Find('sim://{_name}')";
            PSObject kept = Assert.Single(_ps.RunOk($"{host}.FindDevice($a.Ieee).Application.InHomeDisplay.BlockPeriods"));
            Assert.Equal(500u, P(kept, "IssuerEventId"));
            Assert.Equal((byte)0x01, P(kept, "BlockPeriodDurationType"));
            Assert.Equal((byte)0x02, P(kept, "BlockPeriodControl"));
            Assert.Empty(_ps.RunOk($"{host}.FindDevice($b.Ieee).Application.InHomeDisplay.BlockPeriods"));

            // A later one to every display; the default issuer event id is above the first.
            PSObject later = BlockPeriod(Assert.Single(_ps.RunOk("$later = Publish-ZsepBlockPeriod -All -StartIn 3.00:00:00 -Duration 90; $later")));
            uint laterId = (uint)P(later, "IssuerEventId")!;
            Assert.True(laterId > 500u);
            Assert.Equal(2, _ps.RunOk("$later.Deliveries | Where-Object Delivered").Count);
            Assert.Equal(true, Assert.Single(_ps.RunOk("$p = Publish-ZsepBlockPeriod -All -IssuerEventId 700 -StartIn 5.00:00:00; $null -eq $p.Duration -and $null -eq $p.EndTime")).BaseObject);

            var listed = _ps.RunOk("Get-ZsepPrice -BlockPeriod").Select(BlockPeriod).ToList();
            Assert.Equal(new object[] { 500u, laterId, 700u }, listed.Select(b => P(b, "IssuerEventId")).ToArray());
            Assert.Equal(500u, P(BlockPeriod(Assert.Single(_ps.RunOk("Get-ZsepPrice -BlockPeriod -Current"))), "IssuerEventId"));
            Assert.Equal(laterId, P(BlockPeriod(Assert.Single(_ps.RunOk($"Get-ZsepPrice -BlockPeriod {laterId}"))), "IssuerEventId"));
            Assert.Empty(_ps.RunOk("Get-ZsepPrice")); // the price schedule is apart
        }

        [Fact]
        public void WhatIf_StoresAndSendsNothing_AndBadInputIsRefused()
        {
            PsSession.Result whatIf = _ps.Run("Publish-ZsepBlockPeriod -All -Duration 7 -DurationTimebase Days -WhatIf");
            Assert.Empty(whatIf.Output);
            Assert.Empty(whatIf.Errors);
            Assert.Empty(_ps.RunOk("Get-ZsepPrice -BlockPeriod"));

            PsSession.Result both = _ps.Run("Publish-ZsepBlockPeriod -All -StartIn 01:00:00 -StartTime ([DateTimeOffset]::UtcNow)");
            Assert.Equal("StartTimeConflict,ZsepAdmin.Commands.PublishZsepBlockPeriodCommand", Assert.Single(both.Errors).FullyQualifiedErrorId);

            PsSession.Result unknown = _ps.Run("Publish-ZsepBlockPeriod -Node 00:0D:6F:00:0C:00:00:99 -Duration 30");
            Assert.Contains("UnknownNode", Assert.Single(unknown.Errors).FullyQualifiedErrorId);
            Assert.Empty(_ps.RunOk("Get-ZsepPrice -BlockPeriod"));

            PsSession.Result tooLong = _ps.Run("Publish-ZsepBlockPeriod -All -Duration 16777215");
            Assert.NotNull((object?)tooLong.Terminating ?? tooLong.Errors.SingleOrDefault());
        }
    }
}
