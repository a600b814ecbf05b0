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

Describe 'Price and tier labels' {
    It 'sends a tier label table longer than one frame to an in-home display intact, and a price to every device (SmartEnergyTierLabels.ps1)' {
        { & (Join-Path $script:Scenarios 'SmartEnergyTierLabels.ps1') } | Should -Not -Throw
    }
}

Describe 'Load control' {
    It 'runs an event on 30 load controllers, all started and completed, one opted out (LoadControlThirtyDevices.ps1)' {
        { & (Join-Path $script:Scenarios 'LoadControlThirtyDevices.ps1') } | Should -Not -Throw
    }

    It 'never creates a second event for the same issuer event id (LoadControlSameIssuerEventId.ps1)' {
        { & (Join-Path $script:Scenarios 'LoadControlSameIssuerEventId.ps1') } | Should -Not -Throw
    }
}

Describe 'Certificates and key establishment' {
    It 'runs CBKE automatically after joins and on demand, and refuses a meter from another CA with UnknownIssuer (KeyEstablishment.ps1)' {
        { & (Join-Path $script:Scenarios 'KeyEstablishment.ps1') } | Should -Not -Throw
    }
}

Describe 'Reading meters across the mesh' {
    It 'reads summation from 100 meters in one pipeline, and an hour later they grew as their load profiles say (ReadHundredMeters.ps1)' {
        { & (Join-Path $script:Scenarios 'ReadHundredMeters.ps1') } | Should -Not -Throw
    }

    It 'returns status 0x86 and an error for an attribute a meter does not have, with the others of the same call (UnsupportedAttribute.ps1)' {
        { & (Join-Path $script:Scenarios 'UnsupportedAttribute.ps1') } | Should -Not -Throw
    }
}

Describe 'Mesh health' {
    It 'names the far nodes, the weak links and the router a weak corner depends on, and taking that router offline confirms it (MeshHealth.ps1)' {
        { & (Join-Path $script:Scenarios 'MeshHealth.ps1') } | Should -Not -Throw
    }
}

Describe 'Binding tables' {
    It 'reports a full binding table, leaves it alone under -WhatIf, and empties it so binding works again (BindingTableFull.ps1)' {
        { & (Join-Path $script:Scenarios 'BindingTableFull.ps1') } | Should -Not -Throw
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

Describe 'What the mesh audit measures' {
    It 'end devices report their potential parents, status follows reachability, a capture across a key rotation decodes (MeshMeasured.ps1)' {
        { & (Join-Path $script:Scenarios 'MeshMeasured.ps1') } | Should -Not -Throw
    }
}

Describe 'Block periods' {
    It 'keeps a block period on each in-home display it is published to, and answers a display that asks Get Block Periods (SmartEnergyBlockPeriod.ps1)' {
        { & (Join-Path $script:Scenarios 'SmartEnergyBlockPeriod.ps1') } | Should -Not -Throw
    }
}
