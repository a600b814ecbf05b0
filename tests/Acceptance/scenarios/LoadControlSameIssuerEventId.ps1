# Acceptance (issue 4 section 4): re-sending the same issuer event id never creates a second event; the same id with
# other fields is refused with IssuerEventIdInUse; Stop-ZsepLoadControlEvent cancels it on the devices.
$ErrorActionPreference = 'Stop'
$name = 'accept-drlc-id-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
New-ZsepNetwork -Name $name -Radio "sim://$name" -Seed 13 -Channel 20 | Out-Null
$lcds = @(Add-ZsepSimulatedDevice -Kind LoadControlDevice -Count 2 -Spacing 40 -Register)
Enable-ZsepJoin -Duration 120 -Wait -ExpectCount 2 | Out-Null

$first = $lcds | Send-ZsepLoadControlEvent -DeviceClass PoolPump -Criticality Level2 -DurationMinutes 30 -IssuerEventId 4242
$again = $lcds | Send-ZsepLoadControlEvent -DeviceClass PoolPump -Criticality Level2 -DurationMinutes 30 -IssuerEventId 4242
if (-not $first.IsNew -or $again.IsNew) { throw "IsNew: $($first.IsNew), $($again.IsNew)" }
$events = @(Get-ZsepLoadControlEvent)
if ($events.Count -ne 1) { throw "$($events.Count) events for one issuer event id" }
$device = [Zsep.Simulation.Devices.SimulationHost]::Find("sim://$name").FindDevice($lcds[0].Ieee)
if ($device.Application.LoadControl.Events.Count -ne 1) { throw 'A device holds a second event' }

$err = $null
$lcds | Send-ZsepLoadControlEvent -DeviceClass PoolPump -Criticality Level5 -DurationMinutes 30 -IssuerEventId 4242 -ErrorAction SilentlyContinue -ErrorVariable err | Out-Null
if ($err.Count -ne 1 -or $err[0].FullyQualifiedErrorId -ne 'IssuerEventIdInUse,ZsepAdmin.Commands.SendZsepLoadControlEventCommand') { throw "Changed event under the same id: $($err.FullyQualifiedErrorId)" }

Stop-ZsepLoadControlEvent -IssuerEventId 4242 -WhatIf
if ((Get-ZsepLoadControlEvent -IssuerEventId 4242).Cancelled) { throw '-WhatIf cancelled the event' }
$stopped = Stop-ZsepLoadControlEvent -IssuerEventId 4242 -Confirm:$false
if ("$($stopped.State)" -ne 'Cancelled') { throw "State $($stopped.State)" }
Step-ZsepSimulation -Duration 00:00:30
$cancelled = @(Get-ZsepLoadControlEvent -IssuerEventId 4242 -Device | Where-Object { "$($_.Status)" -eq 'EventCancelled' })
if ($cancelled.Count -ne 2) { throw "$($cancelled.Count) of 2 devices reported the cancellation" }

Remove-ZsepNetwork -Network $name -Force
