# Acceptance (issue 3): form a simulated network, admit meters by install code over several hops, refuse a rogue
# and an unknown device (traced ERR_AUTH_SEC_FAIL), persist, reconnect.
$ErrorActionPreference = 'Stop'
$name = 'accept-join-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
$net = New-ZsepNetwork -Name $name -Radio "sim://$name" -Seed 42 -Channel 15
if ($net.Channel -ne 15 -or "$($net.State)" -ne 'Running' -or -not $net.IsDefault) { throw "Formed: $net" }

# Six meters in a line 50 m apart (the far ones need several hops) and an in-home display; their labels are
# registered through the pipeline, by property name (Ieee, InstallCode), as from a CSV of a meter batch.
$meters = @(Add-ZsepSimulatedDevice -Kind Meter -Count 6 -Columns 6 -Spacing 50 -Origin 50, 0)
$ihd = Add-ZsepSimulatedDevice -Kind InHomeDisplay -Count 1 -Origin 0, 40
$registered = @(Get-ZsepSimulatedDevice | Add-ZsepInstallCode)
if ($registered.Count -ne 7) { throw "Registered $($registered.Count) codes" }
if ("$($registered[0].Status)" -ne 'Pending') { throw "Status $($registered[0].Status)" }
if (@(Get-ZsepSimulatedDevice | Add-ZsepInstallCode | Where-Object { "$($_.Outcome)" -ne 'Unchanged' }).Count) { throw 'Registering the same codes again changed something' }

# A batch with a mistyped label: the good rows are registered, the bad one is one error (and a trace line).
$batch = @(
    [pscustomobject]@{ Ieee = '00:0D:6F:00:00:CC:00:01'; InstallCode = '83FED3407A939723A5C639B26916D505C3B5' }
    [pscustomobject]@{ Ieee = '00:0D:6F:00:00:CC:00:02'; InstallCode = '83FED3407A939723A5C639B26916D505C3B4' }
    [pscustomobject]@{ Ieee = '00:0D:6F:00:00:CC:00:03'; InstallCode = '83FED3407A939723A5C639FF4C12' }
)
$err = $null
$ok = @($batch | Add-ZsepInstallCode -ErrorAction SilentlyContinue -ErrorVariable err)
if ($ok.Count -ne 2 -or $err.Count -ne 1) { throw "Batch: $($ok.Count) registered, $($err.Count) errors" }
if ($err[0].FullyQualifiedErrorId -ne 'InstallCodeCrcMismatch,ZsepAdmin.Commands.AddZsepInstallCodeCommand') { throw "Batch error: $($err[0].FullyQualifiedErrorId)" }
if (-not (Get-ZsepTrace -Code ERR_AUTH_SEC_FAIL -Node 00:0D:6F:00:00:CC:00:02)) { throw 'The bad label was not traced' }
$dup = try { Add-ZsepInstallCode -Ieee 00:0D:6F:00:00:CC:00:01 -InstallCode 83FED3407A939723A5C639FF4C12 -ErrorAction Stop; 'none' } catch { $_.FullyQualifiedErrorId }
if ($dup -ne 'InstallCodeConflict,ZsepAdmin.Commands.AddZsepInstallCodeCommand') { throw "A different code for a known device: $dup" }
if ("$((Add-ZsepInstallCode -Ieee 00:0D:6F:00:00:CC:00:01 -InstallCode 83FED3407A939723A5C639FF4C12 -Force).Outcome)" -ne 'Updated') { throw '-Force did not replace the code' }
'00:0D:6F:00:00:CC:00:01', '00:0D:6F:00:00:CC:00:03' | ForEach-Object { Remove-ZsepInstallCode -Ieee $_ -Force }

# A rogue meter whose label is not the code registered for its address, and a device nobody registered.
$rogue = Add-ZsepSimulatedDevice -Kind Meter -Ieee 00:0D:6F:00:00:0B:AD:01 -InstallCode 83FED3407A939723A5C639B26916D505C3B5 -Position 0, -30
Add-ZsepInstallCode -Ieee 00:0D:6F:00:00:0B:AD:01 -InstallCode 83FED3407A939723A5C639FF4C12 | Out-Null
$unknown = Add-ZsepSimulatedDevice -Kind Meter -Ieee 00:0D:6F:00:00:0B:AD:02 -InstallCode 1122334455667788990011223344556677883A2F -Position -30, 0 -ErrorAction SilentlyContinue
if (-not $unknown) { $unknown = Add-ZsepSimulatedDevice -Kind Meter -Ieee 00:0D:6F:00:00:0B:AD:02 -Position -30, 0 }

$joined = @(Enable-ZsepJoin -Duration 240 -Wait -ExpectCount 7)
if ($joined.Count -ne 7) { throw "$($joined.Count) of 7 joined" }
Step-ZsepSimulation -Duration 00:00:30

$nodes = @(Get-ZsepNode)
if ($nodes.Count -ne 7) { throw "$($nodes.Count) nodes" }
$far = $nodes | Where-Object Ieee -eq $meters[5].Ieee
if ($far.HopCount -lt 2) { throw "The meter 300 m away is $($far.HopCount) hops from the coordinator" }
if (@(Get-ZsepNode -DeviceType EndDevice).Count -ne 1) { throw 'The in-home display is not an end device' }
if ($nodes.Ieee -contains $rogue.Ieee -or $nodes.Ieee -contains $unknown.Ieee) { throw 'A rogue device was admitted' }
$refused = @(Get-ZsepTrace -Code ERR_AUTH_SEC_FAIL).Node
if ($refused -notcontains "$($rogue.Ieee)" -or $refused -notcontains "$($unknown.Ieee)") { throw "Refusals traced: $refused" }

# Removing a node: it leaves the node table, its code goes (it cannot come back), the trace says so.
Remove-ZsepNode -Ieee $meters[0].Ieee -Force
if (Get-ZsepNode -Ieee $meters[0].Ieee -ErrorAction SilentlyContinue) { throw 'The removed node is still listed' }
if (Get-ZsepInstallCode -Ieee $meters[0].Ieee) { throw 'The removed node kept its install code' }
if (-not (Get-ZsepTrace -Code DEVICE_LEFT -Node "$($meters[0].Ieee)")) { throw 'No DEVICE_LEFT for the removed node' }
Enable-ZsepJoin -Duration 60; Step-ZsepSimulation -Duration 00:01:00
if (Get-ZsepNode -Ieee $meters[0].Ieee -ErrorAction SilentlyContinue) { throw 'The removed node joined again without an install code' }

# Persisted: disconnect, reconnect from the folder, the nodes and codes are there.
$path = (Get-ZsepNetwork -Name $name).StatePath
Disconnect-ZsepNetwork -Network $name
if (Get-ZsepNetwork -Name $name) { throw 'Still open after Disconnect-ZsepNetwork' }
$again = Connect-ZsepNetwork -StatePath $path
if ($again.NodeCount -ne 6 -or $again.PanId -ne $net.PanId) { throw "Reconnected: $($again.NodeCount) nodes, PAN $($again.PanId)" }
if (@(Get-ZsepInstallCode).Count -ne 7) { throw 'Install codes lost' }

# A network folder is not overwritten without -Force, and an out-of-range channel is refused.
$id = try { New-ZsepNetwork -Name "$name-b" -StatePath $path -Radio "sim://$name"; 'none' } catch { $_.FullyQualifiedErrorId }
if ($id -ne 'NetworkStateAlreadyExists,ZsepAdmin.Commands.NewZsepNetworkCommand') { throw "Existing folder: $id" }
if (-not (Test-Path (Join-Path $path 'zsep.db'))) { throw 'The refused New-ZsepNetwork touched the existing state' }
$threw = $false
try { New-ZsepNetwork -Name "$name-c" -Channel 27 -Radio "sim://$name" } catch { $threw = $_.FullyQualifiedErrorId -like 'ParameterArgumentValidationError*' }
if (-not $threw) { throw 'Channel 27 was not refused' }

Remove-ZsepNetwork -Network $name -Force
if (Test-Path (Join-Path $path 'zsep.db')) { throw 'Remove-ZsepNetwork left the store' }
