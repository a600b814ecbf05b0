#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Pester 5 wrapper of the acceptance scenarios. Each scenario is a plain script in ./scenarios that throws on
    failure; CI runs the same scripts through the hosted engine (tests/ZsepAdmin.Tests/AcceptanceScenarioTests.cs).
        Invoke-Pester ./tests/Acceptance -Output Detailed
    Import the staged module first (dotnet build ZsepPS.sln), or set $env:ZSEP_MODULE_PATH.
#>
BeforeAll {
    $modulePath = if ($env:ZSEP_MODULE_PATH) { $env:ZSEP_MODULE_PATH } else {
        Join-Path $PSScriptRoot '../../artifacts/module/ZsepAdmin/ZsepAdmin.psd1'
    }
    Import-Module $modulePath -Force
    $script:Scenarios = Join-Path $PSScriptRoot 'scenarios'
}

Describe 'Install codes' {
    It 'derives the published link keys and refuses a bad CRC (InstallCodes.ps1)' {
        { & (Join-Path $script:Scenarios 'InstallCodes.ps1') } | Should -Not -Throw
    }
}

Describe 'Frame decoding' {
    It 'decodes captured frames through every layer with the right keys (DecodeCapturedFrames.ps1)' {
        { & (Join-Path $script:Scenarios 'DecodeCapturedFrames.ps1') } | Should -Not -Throw
    }
}
