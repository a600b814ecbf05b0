# Acceptance (issue 3): joining through one chosen router, and the hardening step after commissioning: with joins
# through routers disallowed, a device out of the coordinator's direct range is refused (and traced).
$ErrorActionPreference = 'Stop'
$name = 'accept-router-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
New-ZsepNetwork -Name $name -Radio "sim://$name" -Seed 8 -Channel 20 | Out-Null

$near = Add-ZsepSimulatedDevice -Kind RangeExtender -Count 1 -Origin 70, 0 -Register
Enable-ZsepJoin -Duration 60 -Wait -ExpectCount 1 | Out-Null
Disable-ZsepJoin

# 150 m out: beyond the coordinator's reach, 80 m from the range extender.
$far = Add-ZsepSimulatedDevice -Kind Meter -Count 1 -Origin 150, 0 -Register
$joined = @(Get-ZsepNode -Ieee $near.Ieee | Enable-ZsepJoin -Duration 120 -Wait -ExpectCount 1)
if ($joined.Count -ne 1 -or $joined[0].Ieee -ne $far.Ieee) { throw "Joined through the router: $($joined.Ieee)" }
$node = Get-ZsepNode -Ieee $far.Ieee
if ($node.Parent -ne (Get-ZsepNode -Ieee $near.Ieee).NwkAddress -or $node.HopCount -lt 2) { throw "Parent $($node.Parent), $($node.HopCount) hops" }

# Hardening: no more joins through routers.
Set-ZsepTrustCenterPolicy -AllowJoinThroughRouter $false
if ((Get-ZsepTrustCenterPolicy).AllowJoinThroughRouter) { throw 'Policy not applied' }
$late = Add-ZsepSimulatedDevice -Kind Meter -Count 1 -Origin 150, 30 -Register
Enable-ZsepJoin -Duration 90 | Out-Null
Step-ZsepSimulation -Duration 00:01:30
if (Get-ZsepNode -Ieee $late.Ieee -ErrorAction SilentlyContinue) { throw 'A device joined through a router against the policy' }
if (-not (Get-ZsepTrace -Code ERR_AUTH_SEC_FAIL -Node "$($late.Ieee)" | Where-Object Detail -match 'JoinThroughRouterNotAllowed')) { throw 'The refusal was not traced' }

Remove-ZsepNetwork -Network $name -Force
