# Acceptance (issue 4): reading an attribute a meter does not have returns its record with status 0x86 and a
# non-terminating UnsupportedAttribute error, while the other attributes of the same call come back.
$ErrorActionPreference = 'Stop'
$name = 'accept-0x86-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
New-ZsepNetwork -Name $name -Radio "sim://$name" -Seed 22 -Channel 20 | Out-Null
Add-ZsepSimulatedDevice -Kind Meter -Count 3 -Spacing 40 -Register | Out-Null
Enable-ZsepJoin -Duration 120 -Wait -ExpectCount 3 | Out-Null

$records = @(Get-ZsepNode | Read-ZsepAttribute -Cluster Metering -Attribute CurrentSummationDelivered, 0x7777, InstantaneousDemand `
    -ErrorAction SilentlyContinue -ErrorVariable problems)
if ($records.Count -ne 9) { throw "$($records.Count) records, not 9" }
foreach ($node in (Get-ZsepNode).Ieee) {
    $mine = @($records | Where-Object { $_.Node -eq $node })
    $ok = @($mine | Where-Object { $_.Status -eq 'Success' })
    $bad = @($mine | Where-Object { $_.Attribute -eq 0x7777 })
    if ($ok.Count -ne 2 -or ($ok.Name -join ',') -ne 'CurrentSummationDelivered,InstantaneousDemand') { throw "$node answered $($ok.Name -join ',')" }
    if ($bad.Count -ne 1 -or [int]$bad[0].Status -ne 0x86 -or $null -ne $bad[0].Value) { throw "$node 0x7777: $($bad[0].Status)" }
}
$unsupported = @($problems | Where-Object { $_.FullyQualifiedErrorId -like 'UnsupportedAttribute*' })
if ($unsupported.Count -ne 3) { throw "$($unsupported.Count) UnsupportedAttribute errors, not 3: $($problems.FullyQualifiedErrorId -join ', ')" }
if ($unsupported[0].TargetObject.Attribute -ne 0x7777) { throw 'The error does not carry the record' }

# A node that cannot be reached: one NodeUnreachable error for it, the others still answer.
$gone = (Get-ZsepSimulatedDevice)[0].Ieee
Set-ZsepSimulatedDevice -Ieee $gone -Offline $true
$again = @(Get-ZsepNode | Read-ZsepAttribute -Cluster Metering -Attribute CurrentSummationDelivered -TimeoutSeconds 5 -ErrorAction SilentlyContinue -ErrorVariable lost)
if ($again.Count -ne 2) { throw "$($again.Count) records with one meter offline, not 2" }
$unreachable = @($lost | Where-Object { $_.FullyQualifiedErrorId -like 'NodeUnreachable*' })
if ($unreachable.Count -ne 1 -or "$($unreachable[0].TargetObject)" -ne "$gone") { throw "Unreachable: $($lost.FullyQualifiedErrorId -join ', ')" }

Remove-ZsepNetwork -Network $name -Force
