# Acceptance (issue 7, capture): a capture taken during joins opens as pcap, and Read-ZsepCapture decodes every
# frame in it with the keys Export-ZsepWiresharkKey wrote - the Transport Key of the network key included.
$ErrorActionPreference = 'Stop'
$name = 'accept-cap-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
$net = New-ZsepNetwork -Name $name -Radio "sim://$name" -Seed 7 -Channel 20
$pcap = Join-Path $net.StatePath 'joins.pcap'
$sniff = Join-Path $net.StatePath 'sniffer.pcap'
$keys = Join-Path $net.StatePath 'zigbee_pc_keys'

$capture = Start-ZsepCapture -Path $pcap
if ("$($capture.Source)" -ne 'Gateway' -or $capture.Channel -ne 20) { throw "Capture: $capture" }
$again = try { Start-ZsepCapture -Path $sniff -ErrorAction Stop; 'none' } catch { $_.FullyQualifiedErrorId }
if ($again -ne 'CaptureRunning,ZsepAdmin.Commands.StartZsepCaptureCommand') { throw "A second capture: $again" }

Add-ZsepSimulatedDevice -Kind Meter -Count 4 -Columns 4 -Spacing 40 -Origin 40, 0 | Add-ZsepInstallCode | Out-Null
$joined = @(Enable-ZsepJoin -Duration 120 -Wait -ExpectCount 4)
if ($joined.Count -ne 4) { throw "$($joined.Count) of 4 joined" }
Step-ZsepSimulation -Duration 00:00:30
$readings = @(Get-ZsepNode | Read-ZsepAttribute -Cluster Metering -Attribute CurrentSummationDelivered)
if ($readings.Count -ne 4) { throw "$($readings.Count) of 4 meters read" }
$done = Stop-ZsepCapture
if ($done.Frames -lt 20 -or $done.Bytes -le 24) { throw "Capture holds $($done.Frames) frames, $($done.Bytes) bytes" }
$header = [System.IO.File]::ReadAllBytes($pcap)
if ([System.BitConverter]::ToUInt32($header, 0).ToString('X8') -ne 'A1B2C3D4' -or [System.BitConverter]::ToUInt32($header, 20) -ne 283) { throw 'Not a pcap file with link type 283' }

# Exporting secrets asks first; -WhatIf writes nothing.
Export-ZsepWiresharkKey -Path $keys -WhatIf
if (Test-Path $keys) { throw '-WhatIf wrote the key file' }
$file = Export-ZsepWiresharkKey -Path $keys -Force
if (-not $file.Exists) { throw 'No key file' }
if ([System.IO.File]::ReadAllText($keys) -notmatch '"Normal","' + [regex]::Escape("$name network key")) { throw 'The key file has no network key line' }

$frames = @(Read-ZsepCapture -Path $pcap -KeyFile $keys)
if ($frames.Count -ne $done.Frames) { throw "Read $($frames.Count) of $($done.Frames) frames" }
if (@($frames | Where-Object { $_.FcsValid -ne $true }).Count) { throw 'A frame with a bad FCS' }
$secured = @($frames | Where-Object { $_.Nwk -and $_.Nwk.Security })
if (-not $secured.Count -or @($secured | Where-Object { "$($_.NwkSecurity)" -ne 'Decrypted' }).Count) { throw 'A NWK-secured frame did not decrypt with the exported key' }
# The key goes to a device beside the coordinator as an APS-secured Transport Key (decrypted with the device's
# link key from the key file), and to one further out inside an APS Tunnel to its parent.
$transport = @($frames | Where-Object { $_.ApsCommand -and $_.ApsCommand.GetType().Name -in 'ApsTransportNetworkKey', 'ApsTunnelCommand' })
if ($transport.Count -lt 4) { throw "$($transport.Count) Transport Key or Tunnel commands decoded (4 joins)" }
if (-not ($frames | Where-Object { $_.ApsCommand -and $_.ApsCommand.GetType().Name -eq 'ApsTransportNetworkKey' -and "$($_.ApsSecurity)" -eq 'Decrypted' })) { throw 'No Transport Key decrypted' }
if (-not ($frames | Where-Object Command -eq 'Device_annce')) { throw 'No device announce decoded' }
# The meter reads: Metering ZCL frames APS-secured with each meter's link key, decrypted with the exported keys
# (their APS acks carry NWK security only).
$metering = @($frames | Where-Object { $_.Cluster -eq 'Metering' -and $_.Zcl })
if ($metering.Count -lt 8) { throw "$($metering.Count) Metering frames (4 reads and 4 answers)" }
if (@($metering | Where-Object { "$($_.ApsSecurity)" -ne 'Decrypted' }).Count) { throw 'A Metering frame did not decrypt with the exported link keys' }
if (@($frames | Where-Object { $_.Rssi -ne $null -and $_.Lqi -ne $null }).Count -eq 0) { throw 'No RSSI/LQI in the capture' }

# Without keys the same file reads, undecrypted; a damaged file is one CaptureFormat error after the good frames.
$plain = @(Read-ZsepCapture -Path $pcap)
if ($plain.Count -ne $frames.Count -or @($plain | Where-Object { "$($_.NwkSecurity)" -eq 'Decrypted' }).Count) { throw 'Frames decrypted without keys' }
[System.IO.File]::WriteAllBytes($sniff, $header[0..($header.Length - 6)])
$err = $null
$partial = @(Read-ZsepCapture -Path $sniff -ErrorAction SilentlyContinue -ErrorVariable err)
if ($partial.Count -ne $frames.Count - 1 -or $err.Count -ne 1 -or $err[0].FullyQualifiedErrorId -ne 'CaptureFormat,ZsepAdmin.Commands.ReadZsepCaptureCommand') { throw "Damaged file: $($partial.Count) frames, errors: $($err.FullyQualifiedErrorId)" }

# A sniffer on the channel hears traffic between other devices too (a range extender's join through a meter).
Start-ZsepCapture -Path $sniff -Channel 20 -Force | Out-Null
Add-ZsepSimulatedDevice -Kind RangeExtender -Ieee 00:0D:6F:00:0E:00:00:01 -Position 200, 0 -InstallCode 83FED3407A939723A5C639B26916D505C3B5 | Add-ZsepInstallCode | Out-Null
Enable-ZsepJoin -Duration 120 -Wait -ExpectCount 1 | Out-Null
$sniffed = Stop-ZsepCapture
if ("$($sniffed.Source)" -ne 'Sniffer') { throw "Source $($sniffed.Source)" }
$heard = @(Read-ZsepCapture -Path $sniff -KeyFile $keys)
if (-not ($heard | Where-Object { $_.Mac -and $_.Mac.DestinationAddress.ShortAddress -notin 0, 0xFFFF -and $_.Mac.SourceAddress.ShortAddress -ne 0 })) { throw 'The sniffer heard no frame between two other devices' }

Remove-ZsepNetwork -Network $name -Force
