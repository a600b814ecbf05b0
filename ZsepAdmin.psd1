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
        'Get-ZsepInstallCode'
        'Get-ZsepNetwork'
        'Get-ZsepNode'
        'Get-ZsepRadio'
        'Get-ZsepSimulatedDevice'
        'Get-ZsepTrace'
        'Get-ZsepTrustCenterPolicy'
        'New-ZsepNetwork'
        'Read-ZsepCapture'
        'Remove-ZsepInstallCode'
        'Remove-ZsepNetwork'
        'Remove-ZsepNode'
        'Remove-ZsepSimulatedDevice'
        'Reset-ZsepNodeKey'
        'Restore-ZsepNetwork'
        'Set-ZsepChannel'
        'Set-ZsepRadio'
        'Set-ZsepSimulatedDevice'
        'Set-ZsepTrustCenterPolicy'
        'Start-ZsepCapture'
        'Step-ZsepSimulation'
        'Stop-ZsepCapture'
        'Test-ZsepRadio'
        'Update-ZsepNetworkKey'
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
