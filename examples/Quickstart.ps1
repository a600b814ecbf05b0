<#
.SYNOPSIS
    ZsepAdmin quickstart: form a Smart Energy network on the simulator, admit meters and in-home displays by
    install code over a multi-hop mesh, and watch a rogue device being refused.
.DESCRIPTION
    Runs with no radio and no pwsh:
        dotnet run --project src/ZsepAdmin.Shell -- -File examples/Quickstart.ps1
    or, in pwsh:  Import-Module ./artifacts/module/ZsepAdmin/ZsepAdmin.psd1; ./examples/Quickstart.ps1
    Network state goes to a temporary folder (remove -StatePath to keep it under your profile).
#>
$ErrorActionPreference = 'Stop'
$state = Join-Path ([System.IO.Path]::GetTempPath()) ('zsep-quickstart-' + [guid]::NewGuid().ToString('N').Substring(0, 8))

Write-Host '== 1. Form a network on the simulated 802.15.4 medium (channel chosen by an energy scan) =='
New-ZsepNetwork -Name quickstart -StatePath $state -Seed 2026 | Out-Default

Write-Host '== 2. Lay out 20 meters (a 5 x 4 grid, 60 m apart: the far corner is several hops out) and 3 in-home displays =='
$meters = Add-ZsepSimulatedDevice -Kind Meter -Count 20 -Columns 5 -Spacing 60 -Origin 60, 0
$displays = Add-ZsepSimulatedDevice -Kind InHomeDisplay -Count 3 -Columns 3 -Spacing 120 -Origin 70, 30
Write-Host "$(@($meters).Count) meters and $(@($displays).Count) in-home displays placed."

Write-Host '== 3. Register their install codes with the Trust Center (as from the utility''s batch file) =='
Get-ZsepSimulatedDevice | Add-ZsepInstallCode | Out-Null
Get-ZsepInstallCode | Select-Object -First 3 | Out-Default

Write-Host '== 4. A rogue meter: its label does not match the code registered for its address =='
Add-ZsepSimulatedDevice -Kind Meter -Ieee 00:0D:6F:00:00:0B:AD:01 -InstallCode 83FED3407A939723A5C639B26916D505C3B5 -Position 0, -40 | Out-Null
Add-ZsepInstallCode -Ieee 00:0D:6F:00:00:0B:AD:01 -InstallCode 83FED3407A939723A5C639FF4C12 | Out-Null

Write-Host '== 5. Open the network and wait for the 23 devices (virtual time: seconds of network time take milliseconds) =='
Enable-ZsepJoin -Duration 254 -Wait -ExpectCount 23 | Out-Null
Step-ZsepSimulation -Duration 00:00:30

Write-Host '== 6. The nodes, with their hop count from the coordinator and the LQI of direct neighbours =='
Get-ZsepNode | Sort-Object HopCount, NwkAddress | Format-Table Ieee, NwkAddress, DeviceType, Parent, HopCount, Lqi, Status | Out-Default
Get-ZsepNode | Group-Object HopCount | ForEach-Object { "{0} node(s) at {1} hop(s)" -f $_.Count, $_.Name }

Write-Host ''
Write-Host '== 7. The rogue was refused every time it tried: the trace says why =='
Get-ZsepTrace -Code ERR_AUTH_SEC_FAIL -Node 00:0D:6F:00:00:0B:AD:01 -Last 3 | Format-Table Time, Code, Node, Detail -AutoSize | Out-Default
if (Get-ZsepNode -Ieee 00:0D:6F:00:00:0B:AD:01 -ErrorAction SilentlyContinue) { throw 'The rogue was admitted!' }
$retried = @(Get-ZsepTrace -Code ERR_AUTH_SEC_FAIL | Where-Object Node -ne '00:0D:6F:00:00:0B:AD:01').Count
Write-Host "($retried failed attempts of good devices over the busy mesh were retried and they joined.)"

Write-Host '== 8. Read every meter: summation and demand, in the meter''s own units (APS-secured with its link key) =='
Get-ZsepNode -DeviceType Router | Read-ZsepAttribute -Cluster Metering -Attribute CurrentSummationDelivered, InstantaneousDemand |
    Sort-Object Node, Attribute | Format-Table Node, Name, DisplayValue, Status -AutoSize | Out-Default

Write-Host '== 9. Frames decode with the keys you hold (a published capture of Nerivec/zigbee-on-host) =='
ConvertFrom-ZsepFrame -Hex 6188e6621a000038aa4802000038aa1e80282e2f9a02584ad0feff08ac7000515287015210a74fb734f1d9c888ef5e6db3c4 -NetworkKey 01030507090B0D0F00020406080A0C0D -Fcs Present | Out-Default

Remove-ZsepNetwork -Network quickstart -Force
