# Acceptance (issue 7, keys): after Update-ZsepNetworkKey every device communicates under the new key sequence,
# including one that was switched off during the update and came back - without re-joining.
$ErrorActionPreference = 'Stop'
$name = 'accept-key-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
$net = New-ZsepNetwork -Name $name -Radio "sim://$name" -Seed 12 -Channel 15
$sniff = Join-Path $net.StatePath 'after.pcap'

$meters = @(Add-ZsepSimulatedDevice -Kind Meter -Count 3 -Columns 3 -Spacing 45 -Origin 45, 0 -Register)
$joined = @(Enable-ZsepJoin -Duration 180 -Wait -ExpectCount 3)
if ($joined.Count -ne 3) { throw "$($joined.Count) of 3 joined" }
Disable-ZsepJoin
Step-ZsepSimulation -Duration 00:01:00
$far = $meters[2]

# -WhatIf changes nothing; then the far meter is switched off and the key rotated.
Update-ZsepNetworkKey -WhatIf
if ((Get-ZsepNetwork -Name $name).NetworkKeySequence -ne 0) { throw 'Rotated under -WhatIf' }
Set-ZsepSimulatedDevice -Ieee $far.Ieee -Offline $true
# A fixed key for this lab run, so that the sniffed frames can be decrypted with it below.
$newKey = '3C1A5E7F0B2D4968A7C5E3F1092B4D6F'
$update = Update-ZsepNetworkKey -Key $newKey -Force
if ($update.PreviousSequence -ne 0 -or $update.Sequence -ne 1 -or $update.DevicesSent -ne 3) { throw "Update: $update" }
if ((Get-ZsepNetwork -Name $name).NetworkKeySequence -ne 1) { throw 'Get-ZsepNetwork shows the old key sequence' }
if ([System.IO.File]::ReadAllText((Join-Path $net.StatePath 'nwk_config.json')) -notmatch '"networkKeySequence":\s*1') { throw 'nwk_config.json was not updated' }
if (-not (Get-ZsepTrace -Code KEY_SWITCHED)) { throw 'KEY_SWITCHED not traced' }

# Long after the old key's grace period the meter comes back; it is found speaking under key 0 and sent key 1.
Step-ZsepSimulation -Duration 00:12:00
Set-ZsepSimulatedDevice -Ieee $far.Ieee -Offline $false
Step-ZsepSimulation -Duration 00:03:00
if (-not (Get-ZsepTrace -Code KEY_TRANSPORTED -Node "$($far.Ieee)")) { throw 'The returning meter was not sent the current key' }

# A sniffer on the channel: every meter's frames carry key sequence 1 and decrypt with the new key.
Start-ZsepCapture -Path $sniff -Channel 15 -Force | Out-Null
Step-ZsepSimulation -Duration 00:01:00
Stop-ZsepCapture | Out-Null
$frames = @(Read-ZsepCapture -Path $sniff -NetworkKey $newKey | Where-Object { $_.NwkAuxiliaryHeader })
foreach ($m in $meters) {
    $own = @($frames | Where-Object { "$($_.NwkAuxiliaryHeader.SourceAddress)" -eq "$($m.Ieee)" })
    if (-not $own.Count) { throw "No secured frame from $($m.Ieee)" }
    if (@($own | Where-Object { $_.NwkAuxiliaryHeader.KeySequenceNumber -ne 1 -or "$($_.NwkSecurity)" -ne 'Decrypted' }).Count) { throw "$($m.Ieee) still uses the old key" }
}
if (@(Get-ZsepTrace -Code DEVICE_JOINED).Count -ne 3) { throw 'A device re-joined' }
if (@(Get-ZsepSimulatedDevice | Where-Object { "$($_.State)" -ne 'Joined' }).Count) { throw 'A meter is not joined' }

Remove-ZsepNetwork -Network $name -Force
