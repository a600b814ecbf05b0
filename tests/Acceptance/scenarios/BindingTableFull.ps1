# Acceptance (issue 7 section 1): a meter's binding table fills up (TABLE_FULL, and the error says what to do);
# Clear-ZsepBindingTable under -WhatIf changes nothing; without it the table is empty and binding works again.
$ErrorActionPreference = 'Stop'
$name = 'accept-bind-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
New-ZsepNetwork -Name $name -Radio "sim://$name" -Seed 9 -Channel 25 | Out-Null
$meter = Add-ZsepSimulatedDevice -Kind Meter -Count 1 -Origin 40, 0 -Register
Enable-ZsepJoin -Duration 60 -Wait -ExpectCount 1 | Out-Null
Set-ZsepSimulatedDevice -Ieee $meter.Ieee -BindingTableSize 4
$gateway = (Get-ZsepNetwork -Name $name).CoordinatorIeee

foreach ($cluster in 'Metering', 'Price', 'Messaging', 'DemandResponseLoadControl') {
    New-ZsepBinding -Node $meter.Ieee -Cluster $cluster -DestinationIeee $gateway | Out-Null
}
$full = $null
New-ZsepBinding -Node $meter.Ieee -Cluster Basic -DestinationIeee $gateway -ErrorAction SilentlyContinue -ErrorVariable full | Out-Null
if (-not $full -or $full[0].FullyQualifiedErrorId -notlike 'BindingTableFull,*') { throw "No BindingTableFull error: $($full[0].FullyQualifiedErrorId)" }
if ($full[0].Exception.Message -notmatch 'Clear-ZsepBindingTable') { throw "The error does not suggest Clear-ZsepBindingTable: $($full[0].Exception.Message)" }
if (@(Get-ZsepBinding -Node $meter.Ieee).Count -ne 4) { throw 'The table does not hold 4 bindings' }

Clear-ZsepBindingTable -Node $meter.Ieee -WhatIf
if (@(Get-ZsepBinding -Node $meter.Ieee).Count -ne 4) { throw 'Clear-ZsepBindingTable -WhatIf changed the table' }

$removed = @(Clear-ZsepBindingTable -Node $meter.Ieee -Force)
if ($removed.Count -ne 4) { throw "Clear-ZsepBindingTable reported $($removed.Count) removed bindings" }
if (@(Get-ZsepBinding -Node $meter.Ieee).Count -ne 0) { throw 'The table is not empty' }

$again = New-ZsepBinding -Node $meter.Ieee -Cluster Basic -DestinationIeee $gateway
if ($again.Cluster -ne 0x0000 -or @(Get-ZsepBinding -Node $meter.Ieee).Count -ne 1) { throw 'Binding after clearing failed' }

Remove-ZsepNetwork -Network $name -Force
