# Acceptance (issue 7, backup and restore): Backup-ZsepNetwork, Remove-ZsepNetwork (the meters stay on the air),
# Restore-ZsepNetwork onto a new folder: the devices keep talking to the restored gateway without re-joining.
$ErrorActionPreference = 'Stop'
$name = 'accept-bk-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
$net = New-ZsepNetwork -Name $name -Radio "sim://$name" -Seed 21 -Channel 25
$file = Join-Path ([System.IO.Path]::GetTempPath()) "$name.json"
$folder = Join-Path ([System.IO.Path]::GetTempPath()) "$name-restored"

$meters = @(Add-ZsepSimulatedDevice -Kind Meter -Count 3 -Columns 3 -Spacing 45 -Origin 45, 0 -Register)
$joined = @(Enable-ZsepJoin -Duration 180 -Wait -ExpectCount 3)
if ($joined.Count -ne 3) { throw "$($joined.Count) of 3 joined" }
Disable-ZsepJoin
Step-ZsepSimulation -Duration 00:01:00
$before = @{}
foreach ($n in Get-ZsepNode) { $before["$($n.Ieee)"] = $n.NwkAddress }

Backup-ZsepNetwork -Path $file -Force | Out-Null
Remove-ZsepNetwork -Network $name -KeepSimulatedDevices -Force
if (Test-Path $net.StatePath) { throw 'The old state folder is still there' }

try {
    $restored = Restore-ZsepNetwork -Path $file -Name "$name-new" -StatePath $folder -Radio "sim://$name" -Seed 22
    if ($restored.ExtendedPanId -ne $net.ExtendedPanId -or $restored.CoordinatorIeee -ne $net.CoordinatorIeee) { throw "Restored another network: $restored" }
    $devices = @(Get-ZsepSimulatedDevice)
    if ($devices.Count -ne 3 -or @($devices | Where-Object Network -ne "$name-new").Count) { throw "The restored network owns $($devices.Count) simulated devices" }

    # The restored coordinator learns its neighbours and routes (link status, many-to-one route records) first.
    Step-ZsepSimulation -Duration 00:02:00
    foreach ($m in $meters) {
        $d = Get-ZsepSimulatedDevice -Ieee $m.Ieee
        if ("$($d.State)" -ne 'Joined' -or $d.NwkAddress -ne $before["$($m.Ieee)"]) { throw "$($m.Ieee) is $($d.State) at $($d.NwkAddress)" }
        $node = Get-ZsepNode -Ieee $m.Ieee
        if (-not $node.LastSeen) { throw "The restored gateway never heard $($m.Ieee)" }
    }
    if (Get-ZsepTrace -Code DEVICE_JOINED) { throw 'A device re-joined the restored network' }
    if (-not (Get-ZsepTrace -Code NWK_RESTORED)) { throw 'NWK_RESTORED not traced' }

    # The restored network persisted its devices: a reconnect brings them back from its own store.
    Disconnect-ZsepNetwork -Network "$name-new"
    Connect-ZsepNetwork -StatePath $folder | Out-Null
    if (@(Get-ZsepSimulatedDevice).Count -ne 3) { throw 'The adopted devices were not stored with the restored network' }
    Remove-ZsepNetwork -Network "$name-new" -Force
}
finally {
    Remove-Item -Force $file -ErrorAction SilentlyContinue
}
