# Acceptance (issue 4 section 3): a block period published to in-home displays is kept by each, and a display
# that asks Get Block Periods afterwards (SE 1.4 D.4.2.3.3) gets it from the ESI; Get-ZsepPrice -BlockPeriod shows it.
$ErrorActionPreference = 'Stop'
$name = 'accept-blocks-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
New-ZsepNetwork -Name $name -Radio "sim://$name" -Seed 13 -Channel 20 | Out-Null
$ihds = @(Add-ZsepSimulatedDevice -Kind InHomeDisplay -Count 3 -Spacing 35 -Register)
$joined = @(Enable-ZsepJoin -Duration 180 -Wait -ExpectCount 3)
if ($joined.Count -ne 3) { throw "$($joined.Count) of 3 joined" }
Step-ZsepSimulation -Duration 00:00:30   # the gateway interviews them

# A monthly block period, repeating, from now, to the first two displays.
$sent = Get-ZsepNode | Where-Object { $_.Ieee -eq $ihds[0].Ieee -or $_.Ieee -eq $ihds[1].Ieee } |
    Publish-ZsepBlockPeriod -Duration 1 -DurationTimebase Months -BlockPeriodControl RepeatingBlock -TariffResolutionPeriod BlockPeriod
if (@($sent.Deliveries | Where-Object Delivered).Count -ne 2) { throw "Delivered to $(@($sent.Deliveries | Where-Object Delivered).Count) of 2" }
if (-not $sent.IsCurrent -or $sent.EndTime -ne $sent.StartTime.AddMonths(1)) { throw "Block period $($sent.IssuerEventId): current $($sent.IsCurrent), ends $($sent.EndTime)" }

$simulation = [Zsep.Simulation.Devices.SimulationHost]::Find("sim://$name")
foreach ($d in $ihds[0..1]) {
    $held = @($simulation.FindDevice($d.Ieee).Application.InHomeDisplay.BlockPeriods)
    if ($held.Count -ne 1 -or $held[0].IssuerEventId -ne $sent.IssuerEventId) { throw "$($d.Ieee) holds $($held.Count) block periods" }
    if ($held[0].BlockPeriodDurationType -ne 0x03 -or $held[0].BlockPeriodControl -ne 0x02) { throw "$($d.Ieee) holds $($held[0])" }
}

# The third display was not sent it: it asks the ESI with Get Block Periods and gets it.
$third = $simulation.FindDevice($ihds[2].Ieee).Application.InHomeDisplay
if (@($third.BlockPeriods).Count -ne 0) { throw 'The third display already holds a block period' }
$third.RequestBlockPeriods()
Step-ZsepSimulation -Duration 00:00:10
$got = @($third.BlockPeriods)
if ($got.Count -ne 1 -or $got[0].IssuerEventId -ne $sent.IssuerEventId) { throw "The display that asked holds $($got.Count) block periods" }

$current = Get-ZsepPrice -BlockPeriod -Current
if ($current.IssuerEventId -ne $sent.IssuerEventId) { throw 'Get-ZsepPrice -BlockPeriod -Current does not show the block period' }

Remove-ZsepNetwork -Network $name -Force
