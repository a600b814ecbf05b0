# Acceptance (issue 7, Set-ZsepChannel): the network moves to another channel with nwkUpdateId + 1; routers and end
# devices follow, and a meter that was off during the change finds the network again - nobody re-joins.
$ErrorActionPreference = 'Stop'
$name = 'accept-ch-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
$net = New-ZsepNetwork -Name $name -Radio "sim://$name" -Seed 41 -Channel 15
$meters = @(Add-ZsepSimulatedDevice -Kind Meter -Count 3 -Columns 3 -Spacing 45 -Origin 45, 0 -Register)
$display = Add-ZsepSimulatedDevice -Kind InHomeDisplay -Count 1 -Origin 60, 20 -Register
if (@(Enable-ZsepJoin -Duration 180 -Wait -ExpectCount 4).Count -ne 4) { throw 'The devices did not join' }
Disable-ZsepJoin
Step-ZsepSimulation -Duration 00:01:00

Set-ZsepChannel -Channel 25 -WhatIf
if ((Get-ZsepNetwork -Name $name).Channel -ne 15) { throw 'Moved under -WhatIf' }
Set-ZsepSimulatedDevice -Ieee $meters[2].Ieee -Offline $true
$change = Set-ZsepChannel -Channel 25 -Force
if ($change.PreviousChannel -ne 15 -or $change.Channel -ne 25 -or $change.NwkUpdateId -ne 1) { throw "Change: $change" }
if ((Get-ZsepNetwork -Name $name).Channel -ne 25) { throw 'Get-ZsepNetwork shows the old channel' }
if ([System.IO.File]::ReadAllText((Join-Path $net.StatePath 'nwk_config.json')) -notmatch '"channel":\s*25') { throw 'nwk_config.json was not updated' }
if (-not (Get-ZsepTrace -Code CHANNEL_CHANGED)) { throw 'CHANNEL_CHANGED not traced' }

Step-ZsepSimulation -Duration 00:01:00
Set-ZsepSimulatedDevice -Ieee $meters[2].Ieee -Offline $false
Step-ZsepSimulation -Duration 00:03:00

# A sniffer on the new channel hears every device, the one that was away included.
$sniff = Join-Path ([System.IO.Path]::GetTempPath()) "$name.pcap"
Start-ZsepCapture -Path $sniff -Channel 25 -Force | Out-Null
Step-ZsepSimulation -Duration 00:01:00
Stop-ZsepCapture | Out-Null
$frames = @(Read-ZsepCapture -Path $sniff | Where-Object { $_.Mac -and -not $_.Mac.FrameType.ToString().Equals('Ack') })
Remove-Item -Force $sniff
# The MAC source of every device's frames (an end device's are mostly its polls, MAC data requests).
foreach ($d in Get-ZsepSimulatedDevice) {
    if (-not ($frames | Where-Object { $_.Mac.SourceAddress.ShortAddress -eq $d.NwkAddress.Value })) { throw "$($d.Ieee) ($($d.Kind)) is not heard on channel 25" }
}
if (@(Get-ZsepTrace -Code DEVICE_JOINED).Count -ne 4) { throw 'A device re-joined' }
if (@(Get-ZsepSimulatedDevice | Where-Object { "$($_.State)" -ne 'Joined' }).Count) { throw 'A device is not joined' }

Remove-ZsepNetwork -Network $name -Force
