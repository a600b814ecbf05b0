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
    # Network state goes to a temporary root, never the user's profile.
    $env:ZSEP_STATE_ROOT = Join-Path ([System.IO.Path]::GetTempPath()) ('zsep-pester-' + [guid]::NewGuid().ToString('N'))
}

AfterAll {
    if ($env:ZSEP_STATE_ROOT -and (Test-Path $env:ZSEP_STATE_ROOT)) { Remove-Item -Recurse -Force $env:ZSEP_STATE_ROOT }
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

Describe 'Forming a network and admitting devices' {
    It 'admits registered meters over several hops, refuses a rogue and an unknown device, and survives a reconnect (FormAndJoin.ps1)' {
        { & (Join-Path $script:Scenarios 'FormAndJoin.ps1') } | Should -Not -Throw
    }
}

Describe 'Two networks side by side' {
    It 'keeps networks on channels 15 and 25 separate on one medium (TwoNetworks.ps1)' {
        { & (Join-Path $script:Scenarios 'TwoNetworks.ps1') } | Should -Not -Throw
    }
}

Describe 'Joining through a router, and the hardening after commissioning' {
    It 'opens one router for a far device, then refuses joins through routers when the policy says so (JoinThroughRouter.ps1)' {
        { & (Join-Path $script:Scenarios 'JoinThroughRouter.ps1') } | Should -Not -Throw
    }
}

Describe 'Capturing and decoding' {
    It 'writes a pcap during joins that decodes fully with the exported keys, and sniffs a channel (CaptureAndDecode.ps1)' {
        { & (Join-Path $script:Scenarios 'CaptureAndDecode.ps1') } | Should -Not -Throw
    }
}

Describe 'Rotating the network key' {
    It 'moves every device to the new key sequence, one that was off during the update included (KeyRotation.ps1)' {
        { & (Join-Path $script:Scenarios 'KeyRotation.ps1') } | Should -Not -Throw
    }
}

Describe 'Taking a network over from a backup' {
    It 'restores onto a new folder and the meters keep talking without re-joining (BackupTakeover.ps1)' {
        { & (Join-Path $script:Scenarios 'BackupTakeover.ps1') } | Should -Not -Throw
    }
}

Describe 'Recovering a lost link key' {
    It 'removes a device and admits it again with its install code (NodeKeyReset.ps1)' {
        { & (Join-Path $script:Scenarios 'NodeKeyReset.ps1') } | Should -Not -Throw
    }
}

Describe 'Changing the channel' {
    It 'moves the network with Mgmt_NWK_Update_req; a device that was off finds it again (ChannelChange.ps1)' {
        { & (Join-Path $script:Scenarios 'ChannelChange.ps1') } | Should -Not -Throw
    }
}
