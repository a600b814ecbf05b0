# Acceptance (issue 7, keys): Trust Center link key recovery - Reset-ZsepNodeKey removes a device and admits it
# again with its install code (the simulated device is factory-reset); -WhatIf changes nothing.
$ErrorActionPreference = 'Stop'
$name = 'accept-lk-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
New-ZsepNetwork -Name $name -Radio "sim://$name" -Seed 31 -Channel 25 | Out-Null
$meters = @(Add-ZsepSimulatedDevice -Kind Meter -Count 2 -Columns 2 -Spacing 45 -Origin 45, 0 -Register)
if (@(Enable-ZsepJoin -Duration 180 -Wait -ExpectCount 2).Count -ne 2) { throw 'The meters did not join' }
Disable-ZsepJoin
$target = $meters[1]

Reset-ZsepNodeKey -Node $target.Ieee -WhatIf
if (-not (Get-ZsepNode -Ieee $target.Ieee)) { throw 'Removed under -WhatIf' }
if (@(Get-ZsepTrace -Code DEVICE_JOINED -Node "$($target.Ieee)").Count -ne 1) { throw 'Joined again under -WhatIf' }

$node = Reset-ZsepNodeKey -Node $target.Ieee -Force
if ($node.Ieee -ne $target.Ieee -or "$($node.Status)" -ne 'Online') { throw "Reset returned $node" }
if (-not (Get-ZsepTrace -Code DEVICE_LEFT -Node "$($target.Ieee)" | Where-Object Detail -match 'link key reset')) { throw 'The removal was not traced' }
if (@(Get-ZsepTrace -Code DEVICE_JOINED -Node "$($target.Ieee)").Count -ne 2) { throw 'The device did not join again' }
if ("$((Get-ZsepInstallCode -Ieee $target.Ieee).Status)" -ne 'Joined') { throw 'The registration is not Joined again' }
if ("$((Get-ZsepSimulatedDevice -Ieee $target.Ieee).State)" -ne 'Joined') { throw 'The simulated device is not joined' }
if ((Get-ZsepNetwork -Name $name).PermitJoinUntil) { throw 'Joining was left open' }

# A device that is not registered: a non-terminating error, nothing removed.
$err = $null
Reset-ZsepNodeKey -Node 00:0D:6F:FF:FF:00:00:01 -Force -ErrorAction SilentlyContinue -ErrorVariable err
if ($err.Count -ne 1 -or $err[0].FullyQualifiedErrorId -ne 'NodeNotRegistered,ZsepAdmin.Commands.ResetZsepNodeKeyCommand') { throw "Unregistered: $($err.FullyQualifiedErrorId)" }
if (@(Get-ZsepNode).Count -ne 2) { throw 'A node went missing' }

Remove-ZsepNetwork -Network $name -Force
