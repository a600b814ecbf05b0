# Acceptance (issues 7 and 3): what Test-ZsepMesh measures rather than assumes, node status that follows what the
# gateway reaches, and a capture spanning a key rotation decoded whole.
# Three routers (meters) and two in-home displays (end devices): one display in reach of every router, one in reach
# of the last router only. The displays report the routers they heard (Mgmt_Lqi_rsp from the end device itself):
# only the lone one gets NoAlternativeParent, measured; without asking them both would be inferred.
$ErrorActionPreference = 'Stop'
$name = 'accept-measured-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
# Fixed keys for this lab run, so that the capture below can also be read with -NetworkKey.
$key0 = '0F1E2D3C4B5A69788796A5B4C3D2E1F0'
$key1 = 'A1B2C3D4E5F60718293A4B5C6D7E8F90'
$net = New-ZsepNetwork -Name $name -Radio "sim://$name" -Seed 31 -Channel 15 -NetworkKey $key0
$pcap = Join-Path ([System.IO.Path]::GetTempPath()) "$name.pcap"
$keys = Join-Path ([System.IO.Path]::GetTempPath()) "$name-keys.txt"

$routers = @(
    Add-ZsepSimulatedDevice -Kind Meter -Count 1 -Origin 100, 0 -Register
    Add-ZsepSimulatedDevice -Kind Meter -Count 1 -Origin 100, 50 -Register
    Add-ZsepSimulatedDevice -Kind Meter -Count 1 -Origin 200, 0 -Register
)
if (@(Enable-ZsepJoin -Duration 254 -Wait -ExpectCount 3).Count -ne 3) { throw 'The routers did not join' }
Step-ZsepSimulation -Duration 00:00:40
$surrounded = Add-ZsepSimulatedDevice -Kind InHomeDisplay -Count 1 -Origin 150, 25 -Register
$lone = Add-ZsepSimulatedDevice -Kind InHomeDisplay -Count 1 -Origin 300, 0 -Register
if (@(Enable-ZsepJoin -Duration 120 -Wait -ExpectCount 2).Count -ne 2) { throw 'The displays did not join' }
Step-ZsepSimulation -Duration 00:00:20

$topology = Get-ZsepTopology
$s = $topology.Nodes | Where-Object Ieee -eq $surrounded.Ieee
$l = $topology.Nodes | Where-Object Ieee -eq $lone.Ieee
if (-not $s.Answered -or -not $l.Answered) { throw 'An end device did not answer Mgmt_Lqi_req' }
if ($s.PotentialParents.Count -lt 1) { throw 'The surrounded display reported no other router' }
if ($l.PotentialParents.Count -ne 0 -or "$($l.Parent)" -ne "$($routers[2].Ieee)") { throw "The lone display: parent $($l.Parent), $($l.PotentialParents.Count) others" }

$measured = @(Test-ZsepMesh -Check NoAlternativeParent)
if ($measured.Count -ne 1 -or "$($measured[0].Nodes[0])" -ne "$($lone.Ieee)" -or $measured[0].Inferred) { throw "Measured: $($measured | ForEach-Object Message)" }
$inferred = @(Test-ZsepMesh -Check NoAlternativeParent -SkipEndDevices)
if ($inferred.Count -ne 2 -or @($inferred | Where-Object { -not $_.Inferred }).Count) { throw "Inferred: $($inferred | ForEach-Object Message)" }

# Table capacity: the neighbor table size is assumed (and said to be); a binding table that answered TABLE_FULL is measured.
$assumed = @(Test-ZsepMesh -Check TableNearCapacity -NeighborTableCapacity 3 -SkipEndDevices)
if (-not $assumed.Count -or @($assumed | Where-Object { -not $_.Inferred }).Count) { throw 'Neighbor table findings against an assumed size are not marked inferred' }
Set-ZsepSimulatedDevice -Ieee $routers[0].Ieee -BindingTableSize 1
New-ZsepBinding -Node $routers[0].Ieee -Cluster Metering -DestinationIeee $net.CoordinatorIeee | Out-Null
New-ZsepBinding -Node $routers[0].Ieee -Cluster Price -DestinationIeee $net.CoordinatorIeee -ErrorAction SilentlyContinue | Out-Null
$full = @(Test-ZsepMesh -Check BindingTableFull -SkipEndDevices)
if ($full.Count -ne 1 -or "$($full[0].Nodes[0])" -ne "$($routers[0].Ieee)" -or $full[0].Inferred) { throw "BindingTableFull: $($full | ForEach-Object Message)" }
Clear-ZsepBindingTable -Node $routers[0].Ieee -Force | Out-Null
if (@(Test-ZsepMesh -Check BindingTableFull -SkipEndDevices).Count) { throw 'A cleared binding table is still reported full' }

# Status follows reachability: the far router is switched off, the gateway fails to reach it, it is Offline (stored,
# traced); switched on again, its next frame (here its answer to Get-ZsepRoute) brings it back Online.
$far = $routers[2]
Set-ZsepSimulatedDevice -Ieee $far.Ieee -Offline $true
Get-ZsepRoute -Node $far.Ieee -ErrorAction SilentlyContinue | Out-Null
Step-ZsepSimulation -Duration 00:00:20
if ("$((Get-ZsepNode -Ieee $far.Ieee).Status)" -ne 'Offline') { throw "The unreachable router is $((Get-ZsepNode -Ieee $far.Ieee).Status)" }
if (-not (Get-ZsepTrace -Code NODE_OFFLINE -Node "$($far.Ieee)")) { throw 'NODE_OFFLINE not traced' }
if (@(Get-ZsepNode -DeviceType Router | Where-Object { "$($_.Status)" -ne 'Online' -and $_.Ieee -ne $far.Ieee }).Count) { throw 'Another router went offline' }
Set-ZsepSimulatedDevice -Ieee $far.Ieee -Offline $false
Step-ZsepSimulation -Duration 00:01:00
# A router that has nothing to tell the gateway sends it nothing: asked again, it answers.
Get-ZsepRoute -Node $far.Ieee -ErrorAction SilentlyContinue | Out-Null
if ("$((Get-ZsepNode -Ieee $far.Ieee).Status)" -ne 'Online') { throw 'The router is back but not Online' }
if (-not (Get-ZsepTrace -Code NODE_ONLINE -Node "$($far.Ieee)")) { throw 'NODE_ONLINE not traced' }

# A capture across Update-ZsepNetworkKey decodes whole with the exported keys of both sequences.
Start-ZsepCapture -Path $pcap -Force | Out-Null
Step-ZsepSimulation -Duration 00:00:20
Update-ZsepNetworkKey -Key $key1 -Force | Out-Null
Step-ZsepSimulation -Duration 00:00:40
Get-ZsepRoute -Node $routers[0].Ieee | Out-Null
Stop-ZsepCapture | Out-Null
Export-ZsepWiresharkKey -Path $keys -Force | Out-Null
$frames = @(Read-ZsepCapture -Path $pcap -KeyFile $keys | Where-Object NwkAuxiliaryHeader)
$sequences = @{}
$frames | ForEach-Object { $sequences["$($_.NwkAuxiliaryHeader.KeySequenceNumber)"] = $true }
if (-not $sequences['0'] -or -not $sequences['1']) { throw "The capture holds key sequences $($sequences.Keys -join ', ')" }
$undecoded = @($frames | Where-Object NwkSecurity -ne 'Decrypted')
if ($undecoded.Count) { throw "$($undecoded.Count) of $($frames.Count) secured frames not decrypted" }
$both = @(Read-ZsepCapture -Path $pcap -NetworkKey $key0, $key1 | Where-Object NwkAuxiliaryHeader)
if ($both.Count -ne $frames.Count -or @($both | Where-Object NwkSecurity -ne 'Decrypted').Count) { throw '-NetworkKey with both keys did not decrypt every frame' }
if (-not @(Read-ZsepCapture -Path $pcap -NetworkKey $key0 | Where-Object NwkSecurity -eq 'MicFailed').Count) { throw 'The old key alone decrypted frames sent under the new one' }

Remove-Item $pcap, $keys -Force
Remove-ZsepNetwork -Network $name -Force
