# Acceptance (issue 4): 100 simulated meters; one pipeline reads summation from all of them, and readings taken an
# hour of virtual time apart grew as each meter's load profile says. 60 m spacing keeps each router under the 29
# neighbours one NWK Link Status frame can list.
$ErrorActionPreference = 'Stop'
$name = 'accept-read-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
New-ZsepNetwork -Name $name -Radio "sim://$name" -Seed 21 -Channel 15 | Out-Null
Add-ZsepSimulatedDevice -Kind Meter -Count 100 -Spacing 60 -Columns 10 -Origin 0, 0 -Register | Out-Null
Enable-ZsepJoin -Duration 254 -Wait -ExpectCount 100 | Out-Null
if (@(Get-ZsepNode).Count -ne 100) { throw "$(@(Get-ZsepNode).Count) of 100 meters joined" }
Step-ZsepSimulation -Duration 00:01:00   # the joins' own traffic settles

$host_ = [Zsep.Simulation.Devices.SimulationHost]::Find("sim://$name")
$devices = @{}
foreach ($d in $host_.Devices) { $devices["$($d.Ieee)"] = $d }

# One pipeline reads every meter; a meter whose answer was lost twice on a 10-hop mesh gives one NodeUnreachable
# error, and the operator reads the few that did not answer again (at most three are allowed to need it).
function Read-Summation {
    $lost = $null
    $r = @(Get-ZsepNode -DeviceType Router | Read-ZsepAttribute -Cluster Metering -Attribute CurrentSummationDelivered -ErrorAction SilentlyContinue -ErrorVariable lost)
    if ($lost.Count -gt 3) { throw "$($lost.Count) meters did not answer: $($lost[0])" }
    $answered = @($r | ForEach-Object { "$($_.Node)" })
    $again = @(Get-ZsepNode -DeviceType Router | Where-Object { $answered -notcontains "$($_.Ieee)" })
    if ($again.Count) { $r += @($again | Read-ZsepAttribute -Cluster Metering -Attribute CurrentSummationDelivered) }
    $r
}

$t0 = $host_.Scheduler.Now
$first = @(Read-Summation)
if ($first.Count -ne 100) { throw "The first read returned $($first.Count) records" }
foreach ($r in $first) {
    if ($r.Status -ne 'Success') { throw "$($r.Node): $($r.Status)" }
    if ($r.DisplayValue -notmatch '^\d+\.\d{3} kWh$') { throw "$($r.Node) display value '$($r.DisplayValue)': $((Get-ZsepTrace -Code METERING_FORMAT -Node "$($r.Node)").Detail)" }
}

Step-ZsepSimulation -Duration 01:00:00
$t1 = $host_.Scheduler.Now
$second = @(Read-Summation)
if ($second.Count -ne 100) { throw "The second read returned $($second.Count) records" }

$before = @{}
foreach ($r in $first) { $before["$($r.Node)"] = [double]$r.Value }
foreach ($r in $second) {
    $grew = ([double]$r.Value - $before["$($r.Node)"]) / 1000   # raw Wh (Divisor 1000, kWh)
    $expected = $devices["$($r.Node)"].Application.LoadProfile.EnergyBetween($t0, $t1)
    # Each reading is taken when that meter answers, some seconds after t0 and t1: at most a few kW for a minute.
    if ([math]::Abs($grew - $expected) -gt 0.1) { throw "$($r.Node) grew $grew kWh; its load profile says $expected kWh" }
}

Remove-ZsepNetwork -Network $name -Force
