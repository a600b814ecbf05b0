# Acceptance (issue 3): two networks on channels 15 and 25 share one simulated medium (the dual-radio set-up)
# and stay separate: each admits only its own devices, and -Network chooses between them.
$ErrorActionPreference = 'Stop'
$tag = [guid]::NewGuid().ToString('N').Substring(0, 8)
$medium = "sim://two-$tag"
$a = New-ZsepNetwork -Name "west-$tag" -Channel 15 -Radio $medium -Seed 5
$b = New-ZsepNetwork -Name "east-$tag" -Channel 25 -Radio $medium -Seed 5
if ((Get-ZsepNetwork | Where-Object IsDefault).Name -ne $b.Name) { throw 'The last network formed is not the default' }

Add-ZsepSimulatedDevice -Network $a.Name -Kind Meter -Count 3 -Spacing 30 -Origin 30, 0 -Register | Out-Null
Add-ZsepSimulatedDevice -Network $b.Name -Kind Meter -Count 3 -Spacing 30 -Origin 30, 20 -Register | Out-Null

Enable-ZsepJoin -Network $a.Name -Duration 120
Enable-ZsepJoin -Network $b.Name -Duration 120 -Wait -ExpectCount 3 | Out-Null
Step-ZsepSimulation -Network $a.Name -Duration 00:01:00

$na = @(Get-ZsepNode -Network $a.Name)
$nb = @(Get-ZsepNode -Network $b.Name)
if ($na.Count -ne 3 -or $nb.Count -ne 3) { throw "west has $($na.Count) nodes, east $($nb.Count)" }
$own = @(Get-ZsepSimulatedDevice -Network $a.Name).Ieee
if (@($na | Where-Object { $own -notcontains $_.Ieee }).Count) { throw 'A device of east joined west' }
if (@($nb | Where-Object { $own -contains $_.Ieee }).Count) { throw 'A device of west joined east' }
if ((Get-ZsepNetwork -Name $a.Name).Channel -ne 15 -or (Get-ZsepNetwork -Name $b.Name).Channel -ne 25) { throw 'Channels changed' }

Remove-ZsepNetwork -Network $a.Name -Force
Remove-ZsepNetwork -Network $b.Name -Force
