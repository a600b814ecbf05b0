# Acceptance (issue 4 section 4): a load control event sent to 30 load controllers: every one reports the event
# received, started at its start time and completed at its end, in virtual time; the one whose user opted out
# reports UserOptedOut instead of starting.
$ErrorActionPreference = 'Stop'
$name = 'accept-drlc-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
New-ZsepNetwork -Name $name -Radio "sim://$name" -Seed 12 -Channel 20 | Out-Null
$lcds = @(Add-ZsepSimulatedDevice -Kind LoadControlDevice -Count 30 -Spacing 45 -Columns 6 -Register)
$joined = @(Enable-ZsepJoin -Duration 240 -Wait -ExpectCount 30)
if ($joined.Count -ne 30) { throw "$($joined.Count) of 30 joined" }
Step-ZsepSimulation -Duration 00:01:00   # interviews

$out = $lcds[7].Ieee
Set-ZsepSimulatedDevice -Ieee $out -OptOut $true

$event = Send-ZsepLoadControlEvent -All -DeviceClass HVAC, WaterHeater -Criticality Level3 -StartIn 00:02:00 -DurationMinutes 10 -DutyCycle 40 -Wait
if ($event.Devices.Count -ne 30) { throw "Sent to $($event.Devices.Count) devices" }
if ("$($event.State)" -ne 'Completed') { throw "State $($event.State)" }

$status = @(Get-ZsepLoadControlEvent -IssuerEventId $event.IssuerEventId -Device)
$notDone = @($status | Where-Object { $_.Node -ne $out -and ("$($_.History)" -ne 'LoadControlEventCommandReceived EventStarted EventCompleted') })
if ($notDone.Count) { throw "$($notDone.Count) devices did not report received, started, completed: $($notDone[0].Node) $($notDone[0].History)" }
$opted = $status | Where-Object Node -eq $out
if (-not $opted.OptedOut -or $opted.History -notcontains [Zsep.Stack.Zcl.SmartEnergy.LoadControlEventStatus]::UserOptedOut) { throw "The opted-out device reported $($opted.History)" }
if ($event.Started -ne 29 -or $event.Completed -ne 29 -or $event.OptedOut -ne 1) { throw "Started $($event.Started), completed $($event.Completed), opted out $($event.OptedOut)" }

Remove-ZsepNetwork -Network $name -Force
