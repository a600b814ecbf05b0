# Acceptance (issue 7 section 2): a network of more than 100 simulated meters with a weak corner - a tail of three
# meters beyond the grid, reached only through one bridge router over weak links. Test-ZsepMesh names the far nodes,
# the weak links and the bridge as the single point of failure; taking the bridge offline confirms it.
$ErrorActionPreference = 'Stop'
$name = 'accept-mesh-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
New-ZsepNetwork -Name $name -Radio "sim://$name" -Seed 21 -Channel 20 | Out-Null

# 100 meters 55 m apart (10 x 10, from 55,0 to 550,495); the bridge 99 m beyond the far corner; the tail 97-152 m
# beyond the bridge and more than 190 m from every grid meter (a frame carries about 166 m).
Add-ZsepSimulatedDevice -Kind Meter -Count 100 -Spacing 55 -Columns 10 -Register | Out-Null
$bridge = Add-ZsepSimulatedDevice -Kind Meter -Count 1 -Origin 620, 565 -Register
$tail = @(
    Add-ZsepSimulatedDevice -Kind Meter -Count 1 -Origin 700, 620 -Register
    Add-ZsepSimulatedDevice -Kind Meter -Count 1 -Origin 660, 660 -Register
    Add-ZsepSimulatedDevice -Kind Meter -Count 1 -Origin 720, 680 -Register
)
$joined = @(Enable-ZsepJoin -Duration 254 -Wait -ExpectCount 104)
if ($joined.Count -lt 104) { throw "Only $($joined.Count) of 104 meters joined" }
Step-ZsepSimulation -Duration 00:01:00

$findings = @(Test-ZsepMesh)
$far = @($findings | Where-Object Check -eq FarNode | ForEach-Object { $_.Nodes[0] })
foreach ($t in $tail + $bridge) {
    if ($far -notcontains $t.Ieee) { throw "$($t.Ieee) is not named as a far node (far: $($far -join ', '))" }
}
$weak = @($findings | Where-Object Check -eq WeakLink)
foreach ($t in $tail[0], $tail[1]) {
    if (-not ($weak | Where-Object { $_.Nodes[0] -eq $t.Ieee -and $_.Nodes[1] -eq $bridge.Ieee })) { throw "The weak link $($t.Ieee) - $($bridge.Ieee) is not named" }
}
$spof = @($findings | Where-Object { $_.Check -eq 'SinglePointOfFailure' -and $_.Nodes[0] -eq $bridge.Ieee })
if ($spof.Count -ne 1) { throw "The bridge $($bridge.Ieee) is not named as a single point of failure" }
foreach ($t in $tail) {
    if ($spof[0].Nodes -notcontains $t.Ieee) { throw "$($t.Ieee) is not among the nodes cut off by the bridge" }
}
if (-not $spof[0].Recommendation) { throw 'No recommendation' }

# The bridge goes: the tail stops answering, the grid does not.
Set-ZsepSimulatedDevice -Ieee $bridge.Ieee -Offline $true
foreach ($t in $tail) {
    $lost = $null
    Get-ZsepNeighbor -Node $t.Ieee -ErrorAction SilentlyContinue -ErrorVariable lost | Out-Null
    if (-not $lost -or $lost[0].FullyQualifiedErrorId -notlike 'NodeNotResponding*') { throw "$($t.Ieee) still answers without the bridge" }
}
$middle = (Get-ZsepSimulatedDevice | Where-Object { $_.Position.X -eq 275 -and $_.Position.Y -eq 275 }).Ieee
# The mesh repairs the routes that ran through the bridge; the grid answers again once it has.
Step-ZsepSimulation -Duration 00:02:00
$answer = $null
foreach ($try in 1..3) {
    $answer = @(Get-ZsepNeighbor -Node $middle -ErrorAction SilentlyContinue)
    if ($answer.Count -ge 3) { break }
}
if ($answer.Count -lt 3) { throw 'The grid no longer answers' }

Remove-ZsepNetwork -Network $name -Force
