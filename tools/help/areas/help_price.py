# Help for the Smart Energy Price, Demand Response and Load Control, and Messaging cmdlets (issue 4 sections 3-6).
NET = dict(type="String", pipeline="True (ByPropertyName)",
           desc="The network's name; the session's default network when not given.\n\nThe default network is the one formed (New-ZsepNetwork) or reopened (Connect-ZsepNetwork) last in this session.")
def whatif(): return dict(type="SwitchParameter", desc="Shows what the command would do without doing it. Nothing is sent and nothing is stored.")
def confirm(): return dict(type="SwitchParameter", desc="Asks for confirmation before the command acts.")
NOTOPEN = "If no network is open under the name given (or there is no default network) the command stops with the terminating error NetworkNotOpen."
EUI = "Zsep.Stack.Types.Eui64"
IC_A = "5A3C9E1174B2D0486F1E2B7C9A0D3E51D9E3"
IC_D = "2B8E4F016A7DC3955E12B0F7C48A6D392FDC"
IC_E = "E1D40B7C36A58F2910BC7E43D5968A0F7D7F"

def ihd(n=1, ic=IC_A):
    return (f"$ihd = Add-ZsepSimulatedDevice -Kind InHomeDisplay -Ieee 00:0D:6F:00:0B:00:00:0{n} -Position 30,0 -InstallCode {ic} -Register\n"
            "Enable-ZsepJoin -Duration 120 -Wait -ExpectCount 1 | Out-Null\n")
def lcds(count=3):
    return (f"$lcds = Add-ZsepSimulatedDevice -Kind LoadControlDevice -Count {count} -Spacing 40 -Register\n"
            f"Enable-ZsepJoin -Duration 180 -Wait -ExpectCount {count} | Out-Null\n")

NODE = dict(type=EUI + "[]", required=True, pipeline="True (ByPropertyName)",
            desc="The devices to send to, by IEEE address. Records of Get-ZsepNode and Get-ZsepSimulatedDevice bind by their Ieee property (alias Ieee); the nodes of a whole pipeline are gathered and the command goes out once, to all of them. A node that is not in the network is the error UnknownNode and nothing is sent.")
def ALL(cluster): return dict(type="SwitchParameter", required=True,
            desc=f"Every device of the network with a {cluster} client, as the gateway's interview of each device found it; devices not yet interviewed are included, and those that answer that they have no such cluster are left out quietly.")
START = dict(type="System.DateTimeOffset", desc="When it starts, in network time (on a simulated network the clock is virtual and runs only while a command drives it). Default: now. Sent as a ZCL UTCTime (seconds since 2000).")
STARTIN = dict(type="System.TimeSpan", desc="When it starts, counted from the network's clock, such as 01:00:00 for an hour from now. Use it instead of -StartTime on a simulated network, whose clock is virtual.")
DELIVERY = ("Each device answers with a Default Response; a device that does not answer is asked again (three times in all), and one that never answers, or answers with an error status, is a non-terminating SmartEnergyNotDelivered error naming it. "
            "Smart Energy frames travel APS-secured with each device's link key.")

cmds = [
 dict(name="Publish-ZsepPrice",
  synopsis="Adds a price to the gateway's schedule and sends it (Publish Price) to devices: in-home displays and meters.",
  description=f"""Publish-ZsepPrice is the Price server of the gateway's Energy Service Interface (SE 1.4, 07-5356, D.4). It stores the price in the network's schedule (zsep.db), keyed by its issuer event id (a price with an id already in the schedule replaces that entry), and sends the Publish Price command to the devices named by -Node (or piped in), or with -All to every device with a Price client. Current Time is stamped as each copy leaves.

Every Publish Price field is a parameter with a default: provider 1, rate label Standard, the next issuer event id, kWh, GBP, four digits after the point, tier 1 of 1, starting now, until changed. -Price is the raw number: 2450 with -PriceTrailingDigit 4 is 0.2450 per unit. -Currency takes ISO 4217 numbers (826, 978, 840) or letters (GBP, EUR, USD). The optional fields (price ratio, generation price, alternate cost and its unit and trailing digit, block thresholds) go out only when given.

The schedule answers the devices' Get Current Price and Get Scheduled Prices; Get-ZsepPrice shows it. {DELIVERY}

Errors: InvalidCurrency, InvalidRateLabel (over 12 bytes), StartTimeConflict, UnknownNode, SmartEnergyNotDelivered. """ + NOTOPEN,
  sets=[["Price","Node","ProviderId","RateLabel","IssuerEventId","UnitOfMeasure","Currency","PriceTrailingDigit","PriceTier","NumberOfPriceTiers","RegisterTier","StartTime","StartIn","DurationMinutes","PriceRatio","GenerationPrice","GenerationPriceRatio","AlternateCostDelivered","AlternateCostUnit","AlternateCostTrailingDigit","NumberOfBlockThresholds","AcknowledgementRequired","Network","WhatIf","Confirm"],
        ["Price","All","ProviderId","RateLabel","IssuerEventId","UnitOfMeasure","Currency","PriceTrailingDigit","PriceTier","NumberOfPriceTiers","RegisterTier","StartTime","StartIn","DurationMinutes","PriceRatio","GenerationPrice","GenerationPriceRatio","AlternateCostDelivered","AlternateCostUnit","AlternateCostTrailingDigit","NumberOfBlockThresholds","AcknowledgementRequired","Network","WhatIf","Confirm"]],
  params={
   "Price": dict(type="UInt32", required=True, position="0", desc="The price per unit of measure in the currency's units, with -PriceTrailingDigit digits after the decimal point."),
   "Node": NODE, "All": ALL("Price"),
   "ProviderId": dict(type="UInt32", default="1", desc="The utility's provider id."),
   "RateLabel": dict(type="String", default="Standard", desc="The rate's name as displays show it, up to 12 bytes of UTF-8."),
   "IssuerEventId": dict(type="UInt32", desc="The price's issuer event id. Default: one above the highest in the schedule (or the seconds since 2000 on an empty schedule)."),
   "UnitOfMeasure": dict(type="Zsep.Stack.Zcl.MeteringUnitOfMeasure", default="KilowattHours", desc="What the price is per (the Metering unit of measure enumeration)."),
   "Currency": dict(type="String", default="GBP", desc="ISO 4217 currency: a number such as 826, 978 or 840, or the letters GBP, EUR, USD and other common ones."),
   "PriceTrailingDigit": dict(type="Byte", default="4", desc="Digits after the decimal point of -Price (0 to 15)."),
   "PriceTier": dict(type="Byte", default="1", desc="The tier this price belongs to (0 to 15)."),
   "NumberOfPriceTiers": dict(type="Byte", default="1", desc="How many tiers the tariff has (0 to 15)."),
   "RegisterTier": dict(type="Byte", default="0", desc="The meter register the price applies to (0 to 15)."),
   "StartTime": START, "StartIn": STARTIN,
   "DurationMinutes": dict(type="UInt16", desc="Minutes the price applies (1 to 65534). Default: until changed."),
   "PriceRatio": dict(type="Byte", desc="The price's ratio to the normal price, in tenths."),
   "GenerationPrice": dict(type="UInt32", desc="The price paid per unit generated (received), same units and digits as -Price."),
   "GenerationPriceRatio": dict(type="Byte", desc="The generation price's ratio to the normal one, in tenths."),
   "AlternateCostDelivered": dict(type="UInt32", desc="An alternate cost per unit delivered, such as kg of CO2."),
   "AlternateCostUnit": dict(type="Byte", desc="The alternate cost's unit: 1 is kg of CO2 per unit of measure."),
   "AlternateCostTrailingDigit": dict(type="Byte", desc="Digits after the point of the alternate cost (0 to 15)."),
   "NumberOfBlockThresholds": dict(type="Byte", desc="How many block thresholds the tariff has."),
   "AcknowledgementRequired": dict(type="SwitchParameter", desc="Devices answer with a Price Acknowledgement (Price Control bit 0)."),
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[(EUI, "Objects with an Ieee property, such as the records of Get-ZsepNode.")],
  outputs=[("Zsep.Stack.Gateway.ZsepPrice", "The price as scheduled, with PriceValue (the price with its point placed), IsCurrent, and Deliveries: how it reached each device.")],
  examples=[
   ("Publish-ZsepPrice -All -Price 2450 -RateLabel Peak -Currency GBP -DurationMinutes 60",
    "Publishes a peak price of 0.2450 GBP per kWh for the next hour to every device with a Price client (none yet on a new network: the price is only scheduled)."),
   (ihd(1) + "Get-ZsepNode -Ieee $ihd.Ieee | Publish-ZsepPrice -Price 1830 -Currency EUR -StartIn 01:00:00 -DurationMinutes 120",
    "Adds an in-home display, lets it join, and sends it a price of 0.1830 EUR per kWh that starts in an hour of network time."),
   ("Publish-ZsepPrice -All -Price 990 -WhatIf", "Shows what would be published, without storing or sending it."),
  ],
  links=["Get-ZsepPrice","Publish-ZsepTierLabel","Get-ZsepNode","about_ZsepAdmin"]),

 dict(name="Get-ZsepPrice",
  synopsis="Gets the prices in the gateway's schedule.",
  description="""Get-ZsepPrice lists the prices Publish-ZsepPrice put in the network's schedule, by start time, with PriceValue (the price with its decimal point placed), the ISO 4217 letters of the currency, the start time and duration (network time; an empty duration means until changed), IsCurrent for the price that applies now, and Deliveries: each device it was sent to and how that went. The devices' Get Current Price and Get Scheduled Prices are answered from the same schedule.

It sends nothing and changes nothing. """ + NOTOPEN,
  sets=[["IssuerEventId","Current","BlockPeriod","Network"]],
  params={
   "IssuerEventId": dict(type="UInt32[]", position="0", desc="Only the prices (or block periods) with these issuer event ids."),
   "Current": dict(type="SwitchParameter", desc="Only the price (or block period) that applies now."),
   "BlockPeriod": dict(type="SwitchParameter", desc="The block periods Publish-ZsepBlockPeriod published, by start time, instead of the prices: ZsepBlockPeriod records with the duration in its timebase, EndTime, the block period control, the tariff type, IsCurrent and Deliveries."),
   "Network": NET,
  },
  inputs=[("None", "You cannot pipe objects to Get-ZsepPrice.")],
  outputs=[("Zsep.Stack.Gateway.ZsepPrice", "One record per price in the schedule."),
           ("Zsep.Stack.Gateway.ZsepBlockPeriod", "With -BlockPeriod: one record per block period.")],
  examples=[
   ("Publish-ZsepPrice -All -Price 2450 -DurationMinutes 60 | Out-Null\nPublish-ZsepPrice -All -Price 3100 -StartIn 01:00:00 -DurationMinutes 120 | Out-Null\nGet-ZsepPrice",
    "Schedules a price for the coming hour and one for the two hours after, and lists the schedule; the first is current."),
   ("Publish-ZsepPrice -All -Price 2450 | Out-Null\nGet-ZsepPrice -Current", "Gets the price that applies now."),
   ("Publish-ZsepBlockPeriod -All -Duration 1 -DurationTimebase Days | Out-Null\nGet-ZsepPrice -BlockPeriod -Current",
    "Publishes a block period of one day from now and gets the block period that applies now."),
  ],
  links=["Publish-ZsepPrice","Publish-ZsepBlockPeriod","about_ZsepAdmin"]),

 dict(name="Publish-ZsepBlockPeriod",
  synopsis="Adds a block period to the gateway's and sends it (Publish Block Period) to devices: in-home displays and meters.",
  description=f"""Publish-ZsepBlockPeriod publishes a block period (SE 1.4, 07-5356, D.4.2.4.2): the period over which a block tariff's consumption thresholds count. The gateway stores it in the network's zsep.db under its issuer event id (a block period with an id already stored replaces that entry) and sends the Publish Block Period command to the devices named by -Node (or piped in), or with -All to every device with a Price client. Devices that ask later with Get Block Periods get the block periods in force then or starting after, earliest first; Get-ZsepPrice -BlockPeriod lists them.

-Duration counts in -DurationTimebase units (minutes, days, weeks or months; default until changed), and -DurationControl says where in that timebase the period starts. -BlockPeriodControl RepeatingBlock makes the period repeat until changed; PriceAcknowledgementRequired asks devices for a Price Acknowledgement. -TariffType says whether the blocks count energy delivered, received or both, and -TariffResolutionPeriod over which period the thresholds apply. A start time of now goes out as the time it was published.

The number of price tiers and block thresholds of the tariff are not part of this command in SE 1.4 (SE 1.1 carried them here): give them to Publish-ZsepPrice (-NumberOfPriceTiers, -NumberOfBlockThresholds). {DELIVERY}

Errors: StartTimeConflict, InvalidStartTime, UnknownNode, SmartEnergyNotDelivered. """ + NOTOPEN,
  sets=[["Node","ProviderId","IssuerEventId","StartTime","StartIn","Duration","DurationTimebase","DurationControl","BlockPeriodControl","TariffType","TariffResolutionPeriod","Network","WhatIf","Confirm"],
        ["All","ProviderId","IssuerEventId","StartTime","StartIn","Duration","DurationTimebase","DurationControl","BlockPeriodControl","TariffType","TariffResolutionPeriod","Network","WhatIf","Confirm"]],
  params={
   "Node": NODE, "All": ALL("Price"),
   "ProviderId": dict(type="UInt32", default="1", desc="The utility's provider id."),
   "IssuerEventId": dict(type="UInt32", desc="The block period's issuer event id. Default: one above the highest of the prices and block periods stored (or the seconds since 2000 when there are none)."),
   "StartTime": START, "StartIn": STARTIN,
   "Duration": dict(type="UInt32", desc="How long the block period lasts, in -DurationTimebase units (1 to 16777214). Default: until changed."),
   "DurationTimebase": dict(type="Zsep.Stack.Gateway.BlockPeriodDurationTimebase", default="Minutes", desc="The unit of -Duration: Minutes, Days, Weeks or Months (Block Period Duration Type, bits 0-3)."),
   "DurationControl": dict(type="Zsep.Stack.Gateway.BlockPeriodDurationControl", default="StartOfTimebase", desc="Where in the timebase the period starts: StartOfTimebase, EndOfTimebase or NotSpecified (Block Period Duration Type, bits 4-7)."),
   "BlockPeriodControl": dict(type="Zsep.Stack.Gateway.BlockPeriodControlFlags", default="None", desc="RepeatingBlock (the period repeats until changed) and PriceAcknowledgementRequired (devices answer with Price Acknowledgement); both with a comma."),
   "TariffType": dict(type="Zsep.Stack.Gateway.PriceTariffType", default="DeliveredTariff", desc="DeliveredTariff, ReceivedTariff or DeliveredAndReceivedTariff: the energy the blocks count. Get Block Periods can ask for one type."),
   "TariffResolutionPeriod": dict(type="Zsep.Stack.Gateway.TariffResolutionPeriod", default="NotDefined", desc="The period the block thresholds apply over: NotDefined, BlockPeriod or OneDay."),
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[(EUI, "Objects with an Ieee property, such as the records of Get-ZsepNode.")],
  outputs=[("Zsep.Stack.Gateway.ZsepBlockPeriod", "The block period as stored, with EndTime, IsCurrent and Deliveries: how it reached each device.")],
  examples=[
   ("Publish-ZsepBlockPeriod -All -Duration 1 -DurationTimebase Months -BlockPeriodControl RepeatingBlock -TariffResolutionPeriod BlockPeriod",
    "Publishes a monthly block period, repeating until changed, from now, to every device with a Price client (none yet on a new network: it is only stored)."),
   (ihd(4, IC_D) + "Get-ZsepNode -Ieee $ihd.Ieee | Publish-ZsepBlockPeriod -StartIn 01:00:00 -Duration 30",
    "Adds an in-home display, lets it join, and sends it a block period of thirty minutes that starts in an hour of network time; the display keeps it."),
   ("Publish-ZsepBlockPeriod -All -Duration 7 -DurationTimebase Days -WhatIf", "Shows what would be published, without storing or sending it."),
  ],
  links=["Get-ZsepPrice","Publish-ZsepPrice","Publish-ZsepTierLabel","Get-ZsepNode","about_ZsepAdmin"]),

 dict(name="Publish-ZsepTierLabel",
  synopsis="Sends a tariff's tier labels (Publish Tier Labels) to devices; a long table goes APS-fragmented.",
  description=f"""Publish-ZsepTierLabel sends the names of a tariff's price tiers (SE 1.4 D.4.2.4.9) so that displays can show "Peak" rather than "Tier 3". The table goes as one command however long it is: above one frame's room the gateway's APS layer splits it into blocks and the device reassembles it (APS fragmentation), so a display gets the whole table or none of it. The table is stored by issuer tariff id and answers the devices' Get Tier Labels.

-Label takes a hashtable of tier id to label, or a list of labels for tiers 1, 2, 3 and so on; each label is at most 12 bytes of UTF-8. {DELIVERY}

Errors: InvalidTierLabel, UnknownNode, SmartEnergyNotDelivered. """ + NOTOPEN,
  sets=[["Label","Node","IssuerTariffId","ProviderId","IssuerEventId","Network","WhatIf","Confirm"],["Label","All","IssuerTariffId","ProviderId","IssuerEventId","Network","WhatIf","Confirm"]],
  params={
   "Label": dict(type="Object", required=True, position="0", desc="The labels: @{ 1 = 'Off-peak'; 2 = 'Day'; 3 = 'Peak' }, or 'Off-peak','Day','Peak' for tiers 1 to 3. Up to 255 labels of at most 12 bytes."),
   "Node": NODE, "All": ALL("Price"),
   "IssuerTariffId": dict(type="UInt32", default="1", desc="The tariff the labels belong to; a table published again under the same id replaces it."),
   "ProviderId": dict(type="UInt32", default="1", desc="The utility's provider id."),
   "IssuerEventId": dict(type="UInt32", desc="The command's issuer event id. Default: one above the highest price issuer event id."),
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[(EUI, "Objects with an Ieee property, such as the records of Get-ZsepNode.")],
  outputs=[("Zsep.Stack.Gateway.ZsepTierLabelTable", "The table, with PayloadLength (above the APS block size of 48 bytes it went fragmented) and Deliveries.")],
  examples=[
   ("Publish-ZsepTierLabel -All -Label @{ 1 = 'Off-peak'; 2 = 'Day'; 3 = 'Peak' } -IssuerTariffId 7",
    "Publishes three tier labels of tariff 7 to every device with a Price client."),
   (ihd(2, IC_D) + "$labels = 1..20 | ForEach-Object { 'Tier {0:00} rate' -f $_ }\nGet-ZsepNode -Ieee $ihd.Ieee | Publish-ZsepTierLabel -Label $labels -IssuerTariffId 9",
    "Sends twenty labels - about 300 bytes, several APS blocks - to an in-home display, which gets them whole."),
  ],
  links=["Publish-ZsepPrice","about_ZsepAdmin"]),

 dict(name="Send-ZsepLoadControlEvent",
  synopsis="Sends a demand response and load control event to load control devices; -Wait follows it to the end.",
  description=f"""Send-ZsepLoadControlEvent is the Demand Response and Load Control server of the gateway's Energy Service Interface (SE 1.4, 07-5356, D.2). It stores the event under its issuer event id and sends the Load Control Event command to the devices named by -Node (or piped in), or with -All to every device with a DRLC client. Devices whose device class or enrollment group it does not name ignore it.

Each device reports every step with Report Event Status: command received, started at the start time (or user opted out), completed at the end (or completed without participation, cancelled, rejected), and the gateway keeps each status per event and device: Get-ZsepLoadControlEvent shows them. -Wait drives the network until every device that took the event has reported a final status, or five minutes of network time after its end.

An issuer event id names one event: sending an id that is already stored sends that same event again and creates nothing new (IsNew is false, -Verbose says so); the same id with other fields is the error IssuerEventIdInUse, and a cancelled one EventCancelled. Temperatures are in degrees Celsius: offsets in tenths (0 to 25.4), set points in hundredths. {DELIVERY}

Errors: IssuerEventIdInUse, EventCancelled, StartTimeConflict, UnknownNode, SmartEnergyNotDelivered. """ + NOTOPEN,
  sets=[["DeviceClass","Node","Criticality","StartTime","StartIn","DurationMinutes","IssuerEventId","UtilityEnrollmentGroup","CoolingTemperatureOffset","HeatingTemperatureOffset","CoolingSetPoint","HeatingSetPoint","AverageLoadAdjustmentPercentage","DutyCycle","RandomizeStart","RandomizeEnd","Wait","Network","WhatIf","Confirm"],
        ["DeviceClass","All","Criticality","StartTime","StartIn","DurationMinutes","IssuerEventId","UtilityEnrollmentGroup","CoolingTemperatureOffset","HeatingTemperatureOffset","CoolingSetPoint","HeatingSetPoint","AverageLoadAdjustmentPercentage","DutyCycle","RandomizeStart","RandomizeEnd","Wait","Network","WhatIf","Confirm"]],
  params={
   "DeviceClass": dict(type="Zsep.Stack.Zcl.SmartEnergy.LoadControlDeviceClass", required=True, position="0", desc="The loads the event is for: HVAC, StripHeater, WaterHeater, PoolPump, SmartAppliance, IrrigationPump, ManagedCommercialLoads, SimpleMiscLoads, ExteriorLighting, InteriorLighting, ElectricVehicle, GenerationSystems, or All; several with commas."),
   "Node": NODE, "All": ALL("Demand Response and Load Control"),
   "Criticality": dict(type="Zsep.Stack.Zcl.SmartEnergy.LoadControlCriticality", default="Level1", desc="Green, Level1 to Level5, Emergency, PlannedOutage, ServiceDisconnect, or UtilityDefined1 to 6."),
   "StartTime": START, "StartIn": STARTIN,
   "DurationMinutes": dict(type="UInt16", required=True, desc="How long the event lasts, 1 to 1440 minutes."),
   "IssuerEventId": dict(type="UInt32", desc="The event's issuer event id. Default: one above the highest stored. An id already stored re-sends that event."),
   "UtilityEnrollmentGroup": dict(type="Byte", default="0", desc="The enrollment group the event is for; 0 is every group."),
   "CoolingTemperatureOffset": dict(type="Double", desc="Degrees Celsius to raise the cooling set point by (0 to 25.4)."),
   "HeatingTemperatureOffset": dict(type="Double", desc="Degrees Celsius to lower the heating set point by (0 to 25.4)."),
   "CoolingSetPoint": dict(type="Double", desc="The cooling set point during the event, in degrees Celsius."),
   "HeatingSetPoint": dict(type="Double", desc="The heating set point during the event, in degrees Celsius."),
   "AverageLoadAdjustmentPercentage": dict(type="SByte", desc="Change of the average load, -100 to 100 per cent."),
   "DutyCycle": dict(type="Byte", desc="The duty cycle during the event, 0 to 100 per cent."),
   "RandomizeStart": dict(type="SwitchParameter", desc="Devices randomize their start (Event Control bit 0)."),
   "RandomizeEnd": dict(type="SwitchParameter", desc="Devices randomize their end (Event Control bit 1)."),
   "Wait": dict(type="SwitchParameter", desc="Drive the network until every device that took the event reports it finished, and return the event then."),
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[(EUI, "Objects with an Ieee property, such as the records of Get-ZsepNode or Add-ZsepSimulatedDevice.")],
  outputs=[("Zsep.Stack.Gateway.ZsepLoadControlEvent", "The event with its State, IsNew, and Devices: each device's delivery and reported statuses; Started, Completed and OptedOut count them.")],
  examples=[
   (lcds(3) + "Set-ZsepSimulatedDevice -Ieee $lcds[0].Ieee -OptOut $true\nSend-ZsepLoadControlEvent -All -DeviceClass HVAC, WaterHeater -Criticality Level3 -StartIn 00:02:00 -DurationMinutes 10 -DutyCycle 40 -Wait",
    "Three load controllers join; the user of one opts out. The event starts in two minutes of network time and lasts ten; -Wait returns when all three have finished: two started and completed, one opted out."),
   ("Send-ZsepLoadControlEvent -All -DeviceClass PoolPump -DurationMinutes 30 -WhatIf", "Shows which event would be sent, without storing or sending it."),
  ],
  links=["Get-ZsepLoadControlEvent","Stop-ZsepLoadControlEvent","Set-ZsepSimulatedDevice","about_ZsepAdmin"]),

 dict(name="Stop-ZsepLoadControlEvent",
  synopsis="Cancels a load control event, or all of them, on the devices.",
  description="""Stop-ZsepLoadControlEvent marks the event cancelled in the network's store and sends Cancel Load Control Event (SE 1.4 D.2.2.3.2) to the devices the event went to; with -All it cancels every event not yet cancelled and sends Cancel All Load Control Events to every device with a DRLC client. Devices stop at once and report EventCancelled, which Get-ZsepLoadControlEvent shows. A cancelled event's id cannot be sent again.

Errors: EventNotFound for an unknown issuer event id. """ + NOTOPEN,
  sets=[["IssuerEventId","Network","WhatIf","Confirm"],["All","Network","WhatIf","Confirm"]],
  params={
   "IssuerEventId": dict(type="UInt32", required=True, position="0", pipeline="True (ByPropertyName)", desc="The event to cancel. Records of Get-ZsepLoadControlEvent bind it from the pipeline."),
   "All": dict(type="SwitchParameter", required=True, desc="Cancel every event not yet cancelled."),
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("Zsep.Stack.Gateway.ZsepLoadControlEvent", "Records of Get-ZsepLoadControlEvent, or objects with an IssuerEventId property.")],
  outputs=[("Zsep.Stack.Gateway.ZsepLoadControlEvent", "The events cancelled.")],
  examples=[
   ("Send-ZsepLoadControlEvent -All -DeviceClass WaterHeater -DurationMinutes 30 -IssuerEventId 77 | Out-Null\nStop-ZsepLoadControlEvent -IssuerEventId 77",
    "Sends an event and cancels it."),
   ("Stop-ZsepLoadControlEvent -All -WhatIf", "Shows that every event would be cancelled, without doing it."),
  ],
  links=["Send-ZsepLoadControlEvent","Get-ZsepLoadControlEvent","about_ZsepAdmin"]),

 dict(name="Get-ZsepLoadControlEvent",
  synopsis="Gets the load control events and each device's reported status.",
  description="""Get-ZsepLoadControlEvent lists the events of the gateway's DRLC server, by start time: device class, criticality, start and end (network time), State (Scheduled, Active, Completed, Cancelled), and Devices - for each device the event went to, how delivery went, the last status it reported with its time, the whole history of statuses (received, started, completed, user opted out or in, cancelled, rejected ...) and OptedOut. -Device lists those device records instead. The statuses are kept in the network's store and survive a reconnect.

It sends nothing and changes nothing. """ + NOTOPEN,
  sets=[["IssuerEventId","State","Device","Network"]],
  params={
   "IssuerEventId": dict(type="UInt32[]", position="0", pipeline="True (ByPropertyName)", desc="Only these events."),
   "State": dict(type="Zsep.Stack.Gateway.ZsepLoadControlEventState[]", desc="Only events in these states: Scheduled, Active, Completed, Cancelled."),
   "Device": dict(type="SwitchParameter", desc="Output one record per device and event (ZsepLoadControlStatus) instead of the events."),
   "Network": NET,
  },
  inputs=[("Zsep.Stack.Gateway.ZsepLoadControlEvent", "Objects with an IssuerEventId property.")],
  outputs=[("Zsep.Stack.Gateway.ZsepLoadControlEvent", "The events."), ("Zsep.Stack.Gateway.ZsepLoadControlStatus", "With -Device: each device's status.")],
  examples=[
   (lcds(2) + "Send-ZsepLoadControlEvent -All -DeviceClass SmartAppliance -DurationMinutes 5 -Wait | Out-Null\nGet-ZsepLoadControlEvent -Device",
    "Runs a five-minute event on two load controllers and lists what each reported."),
   ("Get-ZsepLoadControlEvent -State Scheduled, Active", "Gets the events that have not ended."),
  ],
  links=["Send-ZsepLoadControlEvent","Stop-ZsepLoadControlEvent","about_ZsepAdmin"]),

 dict(name="Send-ZsepMessage",
  synopsis="Sends a message (Display Message) to in-home displays; they can be asked to confirm it.",
  description=f"""Send-ZsepMessage is the Messaging server of the gateway's Energy Service Interface (SE 1.4, 07-5356, D.5). It stores the message and sends Display Message to the devices named by -Node (or piped in), or with -All to every device with a Messaging client. With -RequireConfirmation the display asks its user to confirm and sends a Message Confirmation back, which Get-ZsepMessage shows. The last message also answers the devices' Get Last Message.

The text is UTF-8, at most 254 bytes. {DELIVERY}

Errors: InvalidMessage, StartTimeConflict, UnknownNode, SmartEnergyNotDelivered. """ + NOTOPEN,
  sets=[["Text","Node","DurationMinutes","Importance","RequireConfirmation","StartTime","StartIn","MessageId","Network","WhatIf","Confirm"],["Text","All","DurationMinutes","Importance","RequireConfirmation","StartTime","StartIn","MessageId","Network","WhatIf","Confirm"]],
  params={
   "Text": dict(type="String", required=True, position="0", desc="The message."),
   "Node": NODE, "All": ALL("Messaging"),
   "DurationMinutes": dict(type="UInt16", desc="Minutes to show it (1 to 65534). Default: until changed."),
   "Importance": dict(type="Zsep.Stack.Zcl.SmartEnergy.MessageImportance", default="Medium", desc="Low, Medium, High or Critical."),
   "RequireConfirmation": dict(type="SwitchParameter", desc="The display asks its user to confirm the message and sends a Message Confirmation."),
   "StartTime": START, "StartIn": STARTIN,
   "MessageId": dict(type="UInt32", desc="The message id. Default: one above the highest sent."),
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[(EUI, "Objects with an Ieee property, such as the records of Get-ZsepNode.")],
  outputs=[("Zsep.Stack.Gateway.ZsepMessage", "The message with its Deliveries (and, later, Confirmations).")],
  examples=[
   (ihd(3, IC_E) + "Get-ZsepNode -Ieee $ihd.Ieee | Send-ZsepMessage -Text 'Peak pricing from 17:00' -Importance High -RequireConfirmation -DurationMinutes 120\nStep-ZsepSimulation -Duration 00:00:30\n(Get-ZsepMessage -Confirmation | ForEach-Object { '{0} confirmed at {1:u}' -f $_.Node, $_.ConfirmationTime })",
    "Sends a message that asks for confirmation to an in-home display; half a minute of network time later its confirmation is there (Get-ZsepMessage -Confirmation lists it)."),
   ("Send-ZsepMessage -All -Text 'Planned outage Sunday 02:00-04:00' -WhatIf", "Shows what would be sent, without sending it."),
  ],
  links=["Get-ZsepMessage","about_ZsepAdmin"]),

 dict(name="Get-ZsepMessage",
  synopsis="Gets the messages sent and the confirmations received.",
  description="""Get-ZsepMessage lists the messages Send-ZsepMessage sent, by start time: text, importance, whether confirmation was required, when it was sent, the Deliveries and the Confirmations (device, confirmation time, answer). -Confirmation lists the confirmation records instead. They are kept in the network's store.

It sends nothing and changes nothing. """ + NOTOPEN,
  sets=[["MessageId","Confirmation","Network"]],
  params={
   "MessageId": dict(type="UInt32[]", position="0", pipeline="True (ByPropertyName)", desc="Only these messages."),
   "Confirmation": dict(type="SwitchParameter", desc="Output the confirmations (ZsepMessageConfirmation) instead of the messages."),
   "Network": NET,
  },
  inputs=[("Zsep.Stack.Gateway.ZsepMessage", "Objects with a MessageId property.")],
  outputs=[("Zsep.Stack.Gateway.ZsepMessage", "The messages."), ("Zsep.Stack.Gateway.ZsepMessageConfirmation", "With -Confirmation: the confirmations.")],
  examples=[
   ("Send-ZsepMessage -All -Text 'Welcome to smart metering' | Out-Null\nGet-ZsepMessage", "Sends a message to every display (none yet) and lists the messages."),
  ],
  links=["Send-ZsepMessage","about_ZsepAdmin"]),
]
