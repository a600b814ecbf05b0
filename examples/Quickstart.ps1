<#
.SYNOPSIS
    ZsepAdmin quickstart: check a batch of install codes and decode captured frames with the keys you hold.
.DESCRIPTION
    Runs anywhere the module loads, with no radio:
        dotnet run --project src/ZsepAdmin.Shell -- -File examples/Quickstart.ps1
    or, in pwsh:  Import-Module ./artifacts/module/ZsepAdmin/ZsepAdmin.psd1; ./examples/Quickstart.ps1
#>
$ErrorActionPreference = 'Stop'

Write-Host '== 1. A batch of meter install codes, as printed on their labels =='
$batch = @(
    '83FED3407A939723A5C639B26916D505C3B5'                       # plain hex, code + CRC
    '83FE-D340-7A93-9723-A5C6-39FF-4C12'                         # dashed 12-byte code
    'Z:000D6F0000BCAB01$I:11223344556677884AF7'                  # QR form with the IEEE address
)
$batch | ConvertTo-ZsepLinkKey | Out-Default

Write-Host ''
Write-Host '== 2. A mistyped code is caught by its CRC =='
try {
    ConvertTo-ZsepLinkKey -InstallCode '83FED3407A939723A5C639B26916D505C3B4'
}
catch {
    Write-Host "Refused: $($_.Exception.Message)"
    Write-Host "ErrorId: $($_.FullyQualifiedErrorId)"
}

Write-Host ''
Write-Host '== 3. Frames captured from a live network (published vectors of Nerivec/zigbee-on-host) =='
$networkKey = '01030507090B0D0F00020406080A0C0D'
$capture = @(
    '6188e6621a000038aa4802000038aa1e80282e2f9a02584ad0feff08ac7000515287015210a74fb734f1d9c888ef5e6db3c4'
    '61889b621a0000f0f1091200003aac1ecf42f44925004b12002839385f001341c024004b120000bd81d8d1f406c8689f9c'
    '418876641affff8fa10802fdff8fa11e1b28cc820000df0f289b6d38c1a40064f9f0b0bbdc55e02482917e903855baba56d579337383aaffff'
)
# These radios put RSSI/LQI where the FCS would be, hence -Fcs Present.
$frames = $capture | ConvertFrom-ZsepFrame -NetworkKey $networkKey -Fcs Present
$frames | Out-Default

Write-Host ''
Write-Host '== 4. Without the key, the headers still decode and the outcome says NoKey =='
$capture[0] | ConvertFrom-ZsepFrame -Fcs Present | ForEach-Object { "NWK security: $($_.NwkSecurity)" }

Write-Host ''
Write-Host '== 5. Records filter like any PowerShell object =='
$frames | Where-Object { $_.Zdo } | ForEach-Object { "ZDO: $($_.Command) from $($_.Source)" }
