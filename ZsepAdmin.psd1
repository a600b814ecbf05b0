@{
    RootModule           = 'ZsepAdmin.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0f3a7e-2c1d-4e8a-9f6b-7d3c2a1e0b95'
    Author               = 'ZsepAdmin developers'
    CompanyName          = 'ZsepAdmin'
    Copyright            = '(c) ZsepAdmin developers. MIT licence.'
    Description          = 'Zigbee Smart Energy (SE 1.x) network administration over a host-side Zigbee PRO stack: form a network, admit devices by install code over a simulated multi-hop mesh, decode frames.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('ZsepAdmin.format.ps1xml')
    TypesToProcess       = @('ZsepAdmin.types.ps1xml')
    CmdletsToExport      = @(
        'Add-ZsepCertificateAuthority'
        'Add-ZsepInstallCode'
        'Add-ZsepSimulatedDevice'
        'Backup-ZsepNetwork'
        'Connect-ZsepNetwork'
        'ConvertFrom-ZsepFrame'
        'ConvertTo-ZsepLinkKey'
        'Disable-ZsepJoin'
        'Disconnect-ZsepNetwork'
        'Enable-ZsepJoin'
        'Export-ZsepWiresharkKey'
        'Get-ZsepCertificate'
        'Get-ZsepCertificateAuthority'
        'Get-ZsepInstallCode'
        'Get-ZsepLoadControlEvent'
        'Get-ZsepMessage'
        'Get-ZsepNetwork'
        'Get-ZsepNode'
        'Get-ZsepPrice'
        'Get-ZsepRadio'
        'Get-ZsepSimulatedDevice'
        'Get-ZsepTrace'
        'Get-ZsepTrustCenterPolicy'
        'Import-ZsepCertificate'
        'New-ZsepNetwork'
        'New-ZsepTestCertificate'
        'New-ZsepTestCertificateAuthority'
        'Publish-ZsepPrice'
        'Publish-ZsepTierLabel'
        'Read-ZsepCapture'
        'Remove-ZsepCertificate'
        'Remove-ZsepInstallCode'
        'Remove-ZsepNetwork'
        'Remove-ZsepNode'
        'Remove-ZsepSimulatedDevice'
        'Restore-ZsepNetwork'
        'Send-ZsepLoadControlEvent'
        'Send-ZsepMessage'
        'Set-ZsepRadio'
        'Set-ZsepSimulatedDevice'
        'Set-ZsepTrustCenterPolicy'
        'Start-ZsepCapture'
        'Start-ZsepKeyEstablishment'
        'Step-ZsepSimulation'
        'Stop-ZsepCapture'
        'Stop-ZsepLoadControlEvent'
        'Test-ZsepCertificate'
        'Test-ZsepRadio'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('Zigbee', 'SmartEnergy', 'IEEE802154', 'IoT', 'Metering')
            ProjectUri = 'https://example.invalid/zsepadmin'
        }
    }
}
