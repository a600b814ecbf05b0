# Acceptance (issue 5): a test CA, the gateway's certificate, meters with certificates join and run Certificate-Based
# Key Establishment automatically; Start-ZsepKeyEstablishment runs it on demand; a meter whose certificate comes from
# another CA fails with UnknownIssuer, traced; the RequireKeyEstablishment policy refuses its SE traffic.
$ErrorActionPreference = 'Stop'
$name = 'accept-ke-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
$net = New-ZsepNetwork -Name $name -Radio "sim://$name" -Seed 51 -Channel 20

foreach ($suite in 1, 2) {
    # The network's test CA for the suite, trusted, and the gateway's certificate and private key from it.
    $ca = New-ZsepTestCertificateAuthority -CryptoSuite $suite
    if (-not $ca.IsTestAuthority -or "$ca" -notmatch 'redacted') { throw "Test CA: $ca" }
    $root = $ca | Add-ZsepCertificateAuthority
    if ($root.CryptoSuite -ne $suite -or $root.PublicKey -ne $ca.PublicKey) { throw "Root: $root" }
    $gwCert = New-ZsepTestCertificate -Ieee $net.CoordinatorIeee -Authority $ca | Import-ZsepCertificate
    if ("$($gwCert.Kind)" -ne 'Gateway' -or -not $gwCert.HasPrivateKey -or -not $gwCert.IsTestCertificate) { throw "Gateway certificate: $gwCert" }
    if ($suite -eq 1) { $ca1 = $ca }
}
if (@(Get-ZsepCertificateAuthority).Count -ne 2) { throw 'Roots' }
if (@(Get-ZsepCertificate -Kind Gateway).Count -ne 2) { throw 'Gateway certificates' }

# Test credentials never show their private key.
$tc = New-ZsepTestCertificate -Ieee 00:0D:6F:00:0A:BB:00:09 -Authority $ca1
$secret = $tc.PrivateKey.ExportHex()
if (($tc | Format-List * | Out-String) -match $secret -or "$tc" -match $secret) { throw 'A private key was displayed' }

# A certificate for the wrong subject with the private key is refused, and so is one from an untrusted CA.
$other = New-ZsepTestCertificateAuthority -CryptoSuite 1 -Issuer 4F54484552434130
$err = $null
Import-ZsepCertificate -InputObject (New-ZsepTestCertificate -Ieee 00:0D:6F:00:0A:BB:00:01 -Authority $other) -ErrorAction SilentlyContinue -ErrorVariable err | Out-Null
if ($err.Count -ne 1 -or $err[0].FullyQualifiedErrorId -ne 'CertificateUnknownIssuer,ZsepAdmin.Commands.ImportZsepCertificateCommand') { throw "Untrusted import: $($err[0].FullyQualifiedErrorId)" }
$err = $null
New-ZsepTestCertificate -Ieee 00:0D:6F:00:0A:BB:00:01 -Authority $ca1 | Import-ZsepCertificate -ErrorAction SilentlyContinue -ErrorVariable err | Out-Null
if ($err.Count -ne 1 -or "$($err[0])" -notmatch 'must name its coordinator') { throw "Wrong subject: $($err[0])" }
$test = New-ZsepTestCertificate -Ieee 00:0D:6F:00:0A:BB:00:01 -Authority $other | Test-ZsepCertificate
if ($test.IsValid -or "$($test.Reason)" -ne 'UnknownIssuer') { throw "Test-ZsepCertificate: $test" }

# Three meters with certificates from the network's suite 1 CA, one from another CA.
$meters = @(
    Add-ZsepSimulatedDevice -Kind Meter -Ieee 00:0D:6F:00:0A:00:00:01 -InstallCode 5A3C9E1174B2D0486F1E2B7C9A0D3E51D9E3 -Position 40, 0 -Register -TestCertificateAuthority $ca1
    Add-ZsepSimulatedDevice -Kind Meter -Ieee 00:0D:6F:00:0A:00:00:02 -InstallCode 2B8E4F016A7DC3955E12B0F7C48A6D392FDC -Position 90, 0 -Register -TestCertificateAuthority $ca1
    Add-ZsepSimulatedDevice -Kind Meter -Ieee 00:0D:6F:00:0A:00:00:03 -InstallCode E1D40B7C36A58F2910BC7E43D5968A0F7D7F -Position 0, 40 -Register -TestCertificateAuthority $ca1
)
$stranger = Add-ZsepSimulatedDevice -Kind Meter -Ieee 00:0D:6F:00:0A:00:00:04 -InstallCode 83FED3407A939723A5C639B26916D505C3B5 -Position -40, 0 -Register -TestCertificateAuthority $other
$joined = @(Enable-ZsepJoin -Duration 240 -Wait -ExpectCount 4)
if ($joined.Count -ne 4) { throw "$($joined.Count) of 4 joined" }
Step-ZsepSimulation -Duration 00:01:00

$established = @(Get-ZsepTrace -Code KE_ESTABLISHED).Node
foreach ($m in $meters) { if ($established -notcontains "$($m.Ieee)") { throw "No key establishment with $($m.Ieee): $established" } }
$learned = @(Get-ZsepCertificate -Kind Device | Where-Object KeyEstablished)
if ($learned.Count -ne 3) { throw "$($learned.Count) device certificates learned" }
$fail = @(Get-ZsepTrace -Code ERR_AUTH_SEC_FAIL -Node "$($stranger.Ieee)")
if (-not $fail -or $fail[-1].Detail -notmatch 'UnknownIssuer') { throw "The stranger's failure was not traced: $($fail.Detail)" }

# On demand: the gateway initiates (suite 1; the meters hold suite 1 certificates).
$r = Start-ZsepKeyEstablishment -Node $meters[1].Ieee
if (-not $r.Succeeded -or $r.CryptoSuite -ne 1 -or "$($r.Status)" -ne 'Success' -or "$($r.Role)" -ne 'Initiator' -or $r.Duration -le [TimeSpan]::Zero) { throw "On demand: $r" }
$err = $null
$bad = Start-ZsepKeyEstablishment -Node $stranger.Ieee -ErrorAction SilentlyContinue -ErrorVariable err
if ($bad.Succeeded -or "$($bad.Status)" -ne 'UnknownIssuer' -or $err.Count -ne 1) { throw "Stranger on demand: $bad / $($err.Count) errors" }
if ($err[0].FullyQualifiedErrorId -ne 'KeyEstablishmentUnknownIssuer,ZsepAdmin.Commands.StartZsepKeyEstablishmentCommand') { throw "Error id $($err[0].FullyQualifiedErrorId)" }

# The policy that makes key establishment mandatory before Smart Energy traffic is kept in nwk_config.json.
Set-ZsepTrustCenterPolicy -RequireKeyEstablishment $true
if (-not (Get-ZsepTrustCenterPolicy).RequireKeyEstablishment) { throw 'Policy not set' }

# Removing the gateway's suite 2 certificate takes its private key with it.
$removed = @(Remove-ZsepCertificate -Subject $net.CoordinatorIeee -CryptoSuite 2 -Force -PassThru)
if ($removed.Count -ne 1 -or @(Get-ZsepCertificate -Kind Gateway).Count -ne 1) { throw 'Remove-ZsepCertificate' }

Remove-ZsepNetwork -Network $name -Force
