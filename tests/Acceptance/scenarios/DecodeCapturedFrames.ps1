# Acceptance: real captured frames (Nerivec/zigbee-on-host test/data.ts, in tests/vectors/from-public-tests)
# decode through every layer with the network key; the wrong key gives MicFailed, no key gives NoKey.
$ErrorActionPreference = 'Stop'
$key = '01030507090B0D0F00020406080A0C0D'
$zcl = '6188e6621a000038aa4802000038aa1e80282e2f9a02584ad0feff08ac7000515287015210a74fb734f1d9c888ef5e6db3c4'

$f = ConvertFrom-ZsepFrame -Hex $zcl -NetworkKey $key -Fcs Present
if ($f.GetType().FullName -ne 'Zsep.Stack.Frames.DecodedFrame') { throw "Unexpected type $($f.GetType().FullName)" }
if ("$($f.NwkSecurity)" -ne 'Decrypted') { throw "NWK security: $($f.NwkSecurity)" }
if ($f.Aps.ClusterId -ne 0xEF00 -or $f.Aps.ProfileId -ne 0x0104 -or $f.Aps.Counter -ne 63) { throw 'APS fields wrong' }
if ($f.Zcl.Header.TransactionSequenceNumber -ne 0x50 -or $f.Zcl.Header.CommandId -ne 0x25) { throw 'ZCL header wrong' }
if ("$($f.Source)" -ne '0xAA38') { throw "Source $($f.Source)" }

$wrong = ConvertFrom-ZsepFrame -Hex $zcl -NetworkKey '00000000000000000000000000000000' -Fcs Present
if ("$($wrong.NwkSecurity)" -ne 'MicFailed') { throw "Wrong key gave $($wrong.NwkSecurity)" }
$none = ConvertFrom-ZsepFrame -Hex $zcl -Fcs Present
if ("$($none.NwkSecurity)" -ne 'NoKey') { throw "No key gave $($none.NwkSecurity)" }

# A device announce broadcast: ZDO decoded with names.
$annce = ConvertFrom-ZsepFrame -Hex '418876641affff8fa10802fdff8fa11e1b28cc820000df0f289b6d38c1a40064f9f0b0bbdc55e02482917e903855baba56d579337383aaffff' -NetworkKey $key -Fcs Present
if ($annce.Command -ne 'Device_annce') { throw "Device announce decoded as $($annce.Command)" }
if ("$($annce.Zdo.IeeeAddr)" -ne 'A4:C1:38:6D:9B:28:0F:DF') { throw "Announce IEEE $($annce.Zdo.IeeeAddr)" }

# The transport of the network key, APS-secured with the key-transport key of the default TC link key.
$tk = ConvertFrom-ZsepFrame -Hex '6188bd641a8fa1000008008fa100001ea1216a3006500100f99905feff504b80de473c64b569cac62c72ac2ffd682f57590baa2b6f1e0306f824a5a90358b26c8e68e6e8a75affffff' -Fcs Present
if ("$($tk.ApsSecurity)" -ne 'Decrypted') { throw "Transport Key APS security: $($tk.ApsSecurity)" }
if ($tk.Command -notmatch 'TransportKey') { throw "Transport key decoded as $($tk.Command)" }
if ("$tk" -match '01030507090B0D0F') { throw 'The transported key leaked into ToString' }

# A truncated frame is one non-terminating error naming the field and offset, and the pipeline goes on.
$err = $null
$out = @('6188e6621a0000', $zcl) | ConvertFrom-ZsepFrame -NetworkKey $key -Fcs Absent -ErrorAction SilentlyContinue -ErrorVariable err
if ($err.Count -ne 1 -or $err[0].FullyQualifiedErrorId -notlike 'FrameMalformedMac,*') { throw "Truncated frame error: $($err | ForEach-Object FullyQualifiedErrorId)" }
if ($err[0].Exception.Message -notmatch 'offset') { throw 'The error does not name the offset' }
if (@($out).Count -ne 1) { throw 'The good frame after the bad one was not decoded' }

# An APS-secured Metering read response (built by Zsep.Stack's Secure from hand-made ZCL bytes; the unit test
# FrameDecoderZclTests checks this hex): attribute names come from the cluster tables.
$meter = '2001020709010107203412000001ABBC0B006F0D0074804AE658480379CD8848F8BCC5D9A883B621F557F9515ECB58C81F96055F77EE2424BACFA0E3F4D065'
$r = ConvertFrom-ZsepFrame -Hex $meter -Layer Aps -LinkKey @{ '00:0D:6F:00:0B:BC:AB:01' = '66B6900981E1EE3CA4206B6B861C02BB' }
if ("$($r.ApsSecurity)" -ne 'Decrypted' -or $r.Cluster -ne 'Metering') { throw "Metering frame: $($r.ApsSecurity) $($r.Cluster)" }
$csd = $r.Attributes | Where-Object Name -eq 'CurrentSummationDelivered'
if ($csd.Value -ne 12345) { throw "CurrentSummationDelivered = $($csd.Value)" }
if (-not ($r.Attributes | Where-Object { "$($_.Status)" -eq 'UnsupportedAttribute' })) { throw 'The unsupported attribute status is missing' }
# The link key can also come from the meter's install code label.
$r2 = ConvertFrom-ZsepFrame -Hex $meter -Layer Aps -InstallCode 'Z:000D6F000BBCAB01$I:83FED3407A939723A5C639B26916D505C3B5'
if ("$($r2.ApsSecurity)" -ne 'Decrypted') { throw "Install-code key: $($r2.ApsSecurity)" }
