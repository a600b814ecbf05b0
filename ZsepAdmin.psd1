@{
    RootModule           = 'ZsepAdmin.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0f3a7e-2c1d-4e8a-9f6b-7d3c2a1e0b95'
    Author               = 'ZsepAdmin developers'
    CompanyName          = 'ZsepAdmin'
    Copyright            = '(c) ZsepAdmin developers. MIT licence.'
    Description          = 'Zigbee Smart Energy (SE 1.x) network administration: frame decoding, install codes, and (in later releases) network formation, Trust Center, CBKE and the Smart Energy clusters, over a host-side Zigbee PRO stack.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('ZsepAdmin.format.ps1xml')
    TypesToProcess       = @('ZsepAdmin.types.ps1xml')
    CmdletsToExport      = @(
        'ConvertFrom-ZsepFrame'
        'ConvertTo-ZsepLinkKey'
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
