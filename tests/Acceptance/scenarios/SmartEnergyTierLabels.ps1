# Acceptance (issue 4 section 3): a Publish Tier Labels table longer than one frame goes APS-fragmented and reaches
# an in-home display intact; a price published to every device reaches the display and the meter, and the
# schedule shows it as the current price.
$ErrorActionPreference = 'Stop'
$name = 'accept-tiers-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
New-ZsepNetwork -Name $name -Radio "sim://$name" -Seed 11 -Channel 20 | Out-Null
$ihd = Add-ZsepSimulatedDevice -Kind InHomeDisplay -Ieee 00:0D:6F:00:0A:00:00:01 -Position 30, 20 -InstallCode 83FED3407A939723A5C639B26916D505C3B5 -Register
$meter = Add-ZsepSimulatedDevice -Kind Meter -Ieee 00:0D:6F:00:0A:00:00:02 -Position 40, 0 -InstallCode 5A3C9E1174B2D0486F1E2B7C9A0D3E51D9E3 -Register
$joined = @(Enable-ZsepJoin -Duration 120 -Wait -ExpectCount 2)
if ($joined.Count -ne 2) { throw "$($joined.Count) of 2 joined" }
Step-ZsepSimulation -Duration 00:00:30   # the gateway interviews them

# 24 labels of 12 bytes: about 350 bytes, several APS blocks.
$labels = @{}
1..24 | ForEach-Object { $labels[$_] = 'Tier {0:00} rate' -f $_ }
$table = Get-ZsepNode -Ieee $ihd.Ieee | Publish-ZsepTierLabel -Label $labels -IssuerTariffId 9001
$block = [Zsep.Stack.Node.ZigbeeNodeOptions]::new().ApsFragmentBlockSize   # the default APS block size
if ($table.PayloadLength -le $block) { throw "The table is $($table.PayloadLength) bytes: it fits one frame" }
if (-not $table.Deliveries[0].Delivered) { throw "Not delivered: $($table.Deliveries[0].Result)" }

$device = [Zsep.Simulation.Devices.SimulationHost]::Find("sim://$name").FindDevice($ihd.Ieee)
$got = $device.Application.InHomeDisplay.GetTierLabels(9001)
if ($null -eq $got -or $got.Count -ne 24) { throw "The display holds $($got.Count) labels" }
foreach ($k in $labels.Keys) {
    if ($got[[byte]$k] -ne $labels[$k]) { throw "Tier $k arrived as '$($got[[byte]$k])'" }
}

# A price for everyone: the display and the meter (both have the Price client) take it.
$price = Publish-ZsepPrice -All -Price 2450 -PriceTrailingDigit 4 -Currency GBP -RateLabel 'Peak' -DurationMinutes 60
if (@($price.Deliveries | Where-Object Delivered).Count -ne 2) { throw "Price delivered to $(@($price.Deliveries | Where-Object Delivered).Count) of 2" }
if ($price.PriceValue -ne 0.245 -or $price.Currency -ne 826) { throw "Price $($price.PriceValue) $($price.Currency)" }
if ($device.Application.InHomeDisplay.CurrentPrice.Price -ne 2450) { throw 'The display has no current price' }
$current = Get-ZsepPrice -Current
if ($current.IssuerEventId -ne $price.IssuerEventId) { throw 'Get-ZsepPrice -Current does not show the price' }

Remove-ZsepNetwork -Network $name -Force
