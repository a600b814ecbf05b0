# Acceptance: install codes from labels give the published link keys; a mistyped code is refused with its id.
# Vectors: Zigbee BDB 10.1 example and zigpy/zigbee-herdsman tests (tests/vectors/install-codes.json).
$ErrorActionPreference = 'Stop'

$k = ConvertTo-ZsepLinkKey -InstallCode '83FED3407A939723A5C639B26916D505C3B5'
if ($k.LinkKey -ne '66B6900981E1EE3CA4206B6B861C02BB') { throw "BDB example key wrong: $($k.LinkKey)" }
if ($k.GetType().FullName -ne 'ZsepAdmin.InstallCodeKey') { throw "Unexpected output type $($k.GetType().FullName)" }

$qr = 'Z:000D6F0000BCAB01$I:83FED3407A939723A5C639FF4C12' | ConvertTo-ZsepLinkKey
if ($qr.LinkKey -ne '58C1828CF7F1C3FE29E7B1024AD84BFA') { throw "QR code key wrong: $($qr.LinkKey)" }
if ("$($qr.Ieee)" -ne '00:0D:6F:00:00:BC:AB:01') { throw "QR IEEE wrong: $($qr.Ieee)" }

$rows = @([pscustomobject]@{ InstallCode = '11223344556677884AF7' }, [pscustomobject]@{ InstallCode = '7A93-9723-A5C6-39B2-6916-1802-819B' })
$keys = @($rows | ConvertTo-ZsepLinkKey)
if ($keys.Count -ne 2 -or $keys[0].LinkKey -ne '41618FC0C83B0E14A589954B16E31466' -or $keys[1].LinkKey -ne 'F93903721685FD329D26849B90F2959A') {
    throw "Pipeline by property name failed: $($keys.LinkKey -join ',')"
}

$err = $null
ConvertTo-ZsepLinkKey -InstallCode '83FED3407A939723A5C639B26916D505C3B4' -ErrorAction SilentlyContinue -ErrorVariable err
if ($err.Count -ne 1) { throw 'A bad CRC did not give exactly one error' }
if ($err[0].FullyQualifiedErrorId -ne 'InstallCodeCrcMismatch,ZsepAdmin.Commands.ConvertToZsepLinkKeyCommand') { throw "Wrong error id $($err[0].FullyQualifiedErrorId)" }
if ($err[0].Exception.Message -notmatch '0xB5C3') { throw "The message does not name the needed CRC: $($err[0].Exception.Message)" }
if ($err[0].CategoryInfo.Category -ne 'InvalidData') { throw "Wrong category $($err[0].CategoryInfo.Category)" }
