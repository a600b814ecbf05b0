using System.Collections.Generic;
using static Zsep.Stack.Zcl.ZclDataType;

namespace Zsep.Stack.Zcl
{
    /// <summary>
    /// The cluster definitions as data. Attribute and command tables follow ZCL rev 7 (07-5123-07) chapters 3 and 11
    /// and Smart Energy 1.4 (07-5356-19) annexes C and D. Access: "R" read, "W" write, "P" reportable.
    /// Attributes marked mandatory are mandatory in the spec table; coverage of the optional ones is partial.
    /// </summary>
    internal static class ClusterTable
    {
        private static ZclAttributeDefinition A(ushort id, string name, ZclDataType type, string access = "R", bool mandatory = false)
        {
            ZclAttributeAccess acc = ZclAttributeAccess.None;
            foreach (char c in access)
            {
                acc |= c switch
                {
                    'R' => ZclAttributeAccess.Readable,
                    'W' => ZclAttributeAccess.Writeable,
                    'P' => ZclAttributeAccess.Reportable,
                    _ => ZclAttributeAccess.None,
                };
            }

            return new ZclAttributeDefinition(id, name, type, acc, mandatory);
        }

        private static ZclCommandDefinition C(byte id, string name) => new ZclCommandDefinition(id, name);

        private static readonly ZclCommandDefinition[] None = new ZclCommandDefinition[0];

        public static IEnumerable<ClusterDefinition> Build()
        {
            yield return new ClusterDefinition(0x0000, "Basic", "Basic", "ZCL rev 7 (07-5123-07) 3.2",
                new[]
                {
                    A(0x0000, "ZCLVersion", UInt8, "R", true),
                    A(0x0001, "ApplicationVersion", UInt8),
                    A(0x0002, "StackVersion", UInt8),
                    A(0x0003, "HWVersion", UInt8),
                    A(0x0004, "ManufacturerName", CharacterString),
                    A(0x0005, "ModelIdentifier", CharacterString),
                    A(0x0006, "DateCode", CharacterString),
                    A(0x0007, "PowerSource", Enum8, "R", true),
                    A(0x0008, "GenericDeviceClass", Enum8),
                    A(0x0009, "GenericDeviceType", Enum8),
                    A(0x000A, "ProductCode", OctetString),
                    A(0x000B, "ProductURL", CharacterString),
                    A(0x000C, "ManufacturerVersionDetails", CharacterString),
                    A(0x000D, "SerialNumber", CharacterString),
                    A(0x000E, "ProductLabel", CharacterString),
                    A(0x0010, "LocationDescription", CharacterString, "RW"),
                    A(0x0011, "PhysicalEnvironment", Enum8, "RW"),
                    A(0x0012, "DeviceEnabled", Boolean, "RW"),
                    A(0x0013, "AlarmMask", Map8, "RW"),
                    A(0x0014, "DisableLocalConfig", Map8, "RW"),
                    A(0x4000, "SWBuildID", CharacterString),
                },
                new[] { C(0x00, "ResetToFactoryDefaults") },
                None,
                "genBasic");

            yield return new ClusterDefinition(0x0001, "PowerConfiguration", "Power Configuration", "ZCL rev 7 (07-5123-07) 3.3",
                new[]
                {
                    A(0x0000, "MainsVoltage", UInt16),
                    A(0x0001, "MainsFrequency", UInt8),
                    A(0x0010, "MainsAlarmMask", Map8, "RW"),
                    A(0x0011, "MainsVoltageMinThreshold", UInt16, "RW"),
                    A(0x0012, "MainsVoltageMaxThreshold", UInt16, "RW"),
                    A(0x0013, "MainsVoltageDwellTripPoint", UInt16, "RW"),
                    A(0x0020, "BatteryVoltage", UInt8, "RP"),
                    A(0x0021, "BatteryPercentageRemaining", UInt8, "RP"),
                    A(0x0030, "BatteryManufacturer", CharacterString, "RW"),
                    A(0x0031, "BatterySize", Enum8, "RW"),
                    A(0x0032, "BatteryAHrRating", UInt16, "RW"),
                    A(0x0033, "BatteryQuantity", UInt8, "RW"),
                    A(0x0034, "BatteryRatedVoltage", UInt8, "RW"),
                    A(0x0035, "BatteryAlarmMask", Map8, "RW"),
                    A(0x0036, "BatteryVoltageMinThreshold", UInt8, "RW"),
                    A(0x003E, "BatteryAlarmState", Map32, "RP"),
                },
                None,
                None,
                "genPowerCfg");

            yield return new ClusterDefinition(0x0003, "Identify", "Identify", "ZCL rev 7 (07-5123-07) 3.5",
                new[] { A(0x0000, "IdentifyTime", UInt16, "RW", true) },
                new[] { C(0x00, "Identify"), C(0x01, "IdentifyQuery"), C(0x40, "TriggerEffect") },
                new[] { C(0x00, "IdentifyQueryResponse") },
                "genIdentify");

            yield return new ClusterDefinition(0x0004, "Groups", "Groups", "ZCL rev 7 (07-5123-07) 3.6",
                new[] { A(0x0000, "NameSupport", Map8, "R", true) },
                new[]
                {
                    C(0x00, "AddGroup"), C(0x01, "ViewGroup"), C(0x02, "GetGroupMembership"), C(0x03, "RemoveGroup"),
                    C(0x04, "RemoveAllGroups"), C(0x05, "AddGroupIfIdentifying"),
                },
                new[] { C(0x00, "AddGroupResponse"), C(0x01, "ViewGroupResponse"), C(0x02, "GetGroupMembershipResponse"), C(0x03, "RemoveGroupResponse") },
                "genGroups");

            yield return new ClusterDefinition(0x000A, "Time", "Time", "ZCL rev 7 (07-5123-07) 3.12",
                new[]
                {
                    A(0x0000, "Time", UtcTime, "RW", true),
                    A(0x0001, "TimeStatus", Map8, "RW", true),
                    A(0x0002, "TimeZone", Int32, "RW"),
                    A(0x0003, "DstStart", UInt32, "RW"),
                    A(0x0004, "DstEnd", UInt32, "RW"),
                    A(0x0005, "DstShift", Int32, "RW"),
                    A(0x0006, "StandardTime", UInt32),
                    A(0x0007, "LocalTime", UInt32),
                    A(0x0008, "LastSetTime", UtcTime),
                    A(0x0009, "ValidUntilTime", UtcTime, "RW"),
                },
                None,
                None,
                "genTime");

            yield return new ClusterDefinition(0x000C, "AnalogInput", "Analog Input (Basic)", "ZCL rev 7 (07-5123-07) 3.14.2",
                new[]
                {
                    A(0x001C, "Description", CharacterString, "RW"),
                    A(0x0041, "MaxPresentValue", SinglePrecision, "RW"),
                    A(0x0045, "MinPresentValue", SinglePrecision, "RW"),
                    A(0x0051, "OutOfService", Boolean, "RW", true),
                    A(0x0055, "PresentValue", SinglePrecision, "RWP", true),
                    A(0x0067, "Reliability", Enum8, "RW"),
                    A(0x006A, "Resolution", SinglePrecision, "RW"),
                    A(0x006F, "StatusFlags", Map8, "RP", true),
                    A(0x0075, "EngineeringUnits", Enum16, "RW"),
                    A(0x0100, "ApplicationType", UInt32),
                },
                None,
                None,
                "genAnalogInput");

            yield return new ClusterDefinition(0x0019, "OtaUpgrade", "OTA Upgrade", "ZCL rev 7 (07-5123-07) 11",
                new[]
                {
                    A(0x0000, "UpgradeServerID", IeeeAddress, "R", true),
                    A(0x0001, "FileOffset", UInt32),
                    A(0x0002, "CurrentFileVersion", UInt32),
                    A(0x0003, "CurrentZigBeeStackVersion", UInt16),
                    A(0x0004, "DownloadedFileVersion", UInt32),
                    A(0x0005, "DownloadedZigBeeStackVersion", UInt16),
                    A(0x0006, "ImageUpgradeStatus", Enum8, "R", true),
                    A(0x0007, "ManufacturerID", UInt16),
                    A(0x0008, "ImageTypeID", UInt16),
                    A(0x0009, "MinimumBlockPeriod", UInt16),
                    A(0x000A, "ImageStamp", UInt32),
                },
                new[]
                {
                    C(0x01, "QueryNextImageRequest"), C(0x03, "ImageBlockRequest"), C(0x04, "ImagePageRequest"),
                    C(0x06, "UpgradeEndRequest"), C(0x08, "QueryDeviceSpecificFileRequest"),
                },
                new[]
                {
                    C(0x00, "ImageNotify"), C(0x02, "QueryNextImageResponse"), C(0x05, "ImageBlockResponse"),
                    C(0x07, "UpgradeEndResponse"), C(0x09, "QueryDeviceSpecificFileResponse"),
                },
                "OTA", "genOta");

            yield return Price();
            yield return new ClusterDefinition(0x0701, "DemandResponseLoadControl", "Demand Response and Load Control", "SE 1.4 (07-5356-19) D.2",
                new[]
                {
                    // Client attributes (D.2.3.2.1); the DRLC server has none.
                    A(0x0000, "UtilityEnrollmentGroup", UInt8, "RW", true),
                    A(0x0001, "StartRandomizationMinutes", UInt8, "RW", true),
                    A(0x0002, "DurationRandomizationMinutes", UInt8, "RW", true),
                    A(0x0003, "DeviceClassValue", Map16, "RW", true),
                },
                new[] { C(0x00, "ReportEventStatus"), C(0x01, "GetScheduledEvents") },
                new[] { C(0x00, "LoadControlEvent"), C(0x01, "CancelLoadControlEvent"), C(0x02, "CancelAllLoadControlEvents") },
                "DRLC", "LoadControl");

            yield return Metering();

            yield return new ClusterDefinition(0x0703, "Messaging", "Messaging", "SE 1.4 (07-5356-19) D.5",
                new ZclAttributeDefinition[0],
                new[] { C(0x00, "GetLastMessage"), C(0x01, "MessageConfirmation"), C(0x02, "GetMessageCancellation") },
                new[] { C(0x00, "DisplayMessage"), C(0x01, "CancelMessage"), C(0x02, "DisplayProtectedMessage"), C(0x03, "CancelAllMessages") },
                "seMessaging");

            yield return new ClusterDefinition(0x0800, "KeyEstablishment", "Key Establishment", "SE 1.4 (07-5356-19) C.3",
                new[] { A(0x0000, "KeyEstablishmentSuite", Map16, "R", true) },
                new[]
                {
                    C(0x00, "InitiateKeyEstablishmentRequest"), C(0x01, "EphemeralDataRequest"),
                    C(0x02, "ConfirmKeyDataRequest"), C(0x03, "TerminateKeyEstablishment"),
                },
                new[]
                {
                    C(0x00, "InitiateKeyEstablishmentResponse"), C(0x01, "EphemeralDataResponse"),
                    C(0x02, "ConfirmKeyDataResponse"), C(0x03, "TerminateKeyEstablishment"),
                },
                "CBKE", "genKeyEstablishment");
        }

        private static ClusterDefinition Price()
        {
            var a = new List<ZclAttributeDefinition>();

            // D.4.2.2.1 Tier Label attribute set.
            for (int i = 1; i <= 15; i++)
            {
                a.Add(A((ushort)(0x0000 + i - 1), $"Tier{i}PriceLabel", OctetString, "RW"));
            }

            // D.4.2.2.2 Block Threshold attribute set.
            for (int i = 1; i <= 15; i++)
            {
                a.Add(A((ushort)(0x0100 + i - 1), $"Block{i}Threshold", UInt48));
            }

            a.Add(A(0x010F, "BlockThresholdCount", UInt8));

            // D.4.2.2.3 Block Period attribute set.
            a.Add(A(0x0200, "StartOfBlockPeriod", UtcTime));
            a.Add(A(0x0201, "BlockPeriodDuration", UInt24));
            a.Add(A(0x0202, "ThresholdMultiplier", UInt24));
            a.Add(A(0x0203, "ThresholdDivisor", UInt24));
            a.Add(A(0x0204, "BlockPeriodDurationType", Map8));

            // D.4.2.2.4 Commodity attribute set.
            a.Add(A(0x0300, "CommodityType", Enum8));
            a.Add(A(0x0301, "StandingCharge", UInt32));
            a.Add(A(0x0302, "ConversionFactor", UInt32));
            a.Add(A(0x0303, "ConversionFactorTrailingDigit", Map8));
            a.Add(A(0x0304, "CalorificValue", UInt32));
            a.Add(A(0x0305, "CalorificValueUnit", Enum8));
            a.Add(A(0x0306, "CalorificValueTrailingDigit", Map8));

            // D.4.2.2.5 Block Price Information attribute set (no-tier block prices).
            for (int i = 1; i <= 16; i++)
            {
                a.Add(A((ushort)(0x0400 + i - 1), $"NoTierBlock{i}Price", UInt32));
            }

            // D.4.2.2.7 Tariff Information attribute set.
            a.Add(A(0x0610, "TariffLabel", OctetString));
            a.Add(A(0x0611, "NumberOfPriceTiersInUse", UInt8));
            a.Add(A(0x0612, "NumberOfBlockThresholdsInUse", UInt8));
            a.Add(A(0x0613, "TierBlockMode", Enum8));
            a.Add(A(0x0615, "UnitOfMeasure", Enum8));
            a.Add(A(0x0616, "Currency", UInt16));
            a.Add(A(0x0617, "PriceTrailingDigit", Map8));

            return new ClusterDefinition(0x0700, "Price", "Price", "SE 1.4 (07-5356-19) D.4",
                a,
                new[]
                {
                    C(0x00, "GetCurrentPrice"), C(0x01, "GetScheduledPrices"), C(0x02, "PriceAcknowledgement"),
                    C(0x03, "GetBlockPeriods"), C(0x04, "GetConversionFactor"), C(0x05, "GetCalorificValue"),
                    C(0x06, "GetTariffInformation"), C(0x07, "GetPriceMatrix"), C(0x08, "GetBlockThresholds"),
                    C(0x09, "GetCO2Value"), C(0x0A, "GetTierLabels"), C(0x0B, "GetBillingPeriod"),
                    C(0x0C, "GetConsolidatedBill"), C(0x0D, "CppEventResponse"), C(0x0E, "GetCreditPayment"),
                    C(0x0F, "GetCurrencyConversion"), C(0x10, "GetTariffCancellation"),
                },
                new[]
                {
                    C(0x00, "PublishPrice"), C(0x01, "PublishBlockPeriod"), C(0x02, "PublishConversionFactor"),
                    C(0x03, "PublishCalorificValue"), C(0x04, "PublishTariffInformation"), C(0x05, "PublishPriceMatrix"),
                    C(0x06, "PublishBlockThresholds"), C(0x07, "PublishCO2Value"), C(0x08, "PublishTierLabels"),
                    C(0x09, "PublishBillingPeriod"), C(0x0A, "PublishConsolidatedBill"), C(0x0B, "PublishCppEvent"),
                    C(0x0C, "PublishCreditPayment"), C(0x0D, "PublishCurrencyConversion"), C(0x0E, "CancelTariff"),
                },
                "sePrice");
        }

        private static ClusterDefinition Metering()
        {
            var a = new List<ZclAttributeDefinition>
            {
                // D.3.2.2.1 Reading Information Set.
                A(0x0000, "CurrentSummationDelivered", UInt48, "RP", true),
                A(0x0001, "CurrentSummationReceived", UInt48, "RP"),
                A(0x0002, "CurrentMaxDemandDelivered", UInt48, "RP"),
                A(0x0003, "CurrentMaxDemandReceived", UInt48, "RP"),
                A(0x0004, "DFTSummation", UInt48, "RP"),
                A(0x0005, "DailyFreezeTime", UInt16, "RP"),
                A(0x0006, "PowerFactor", Int8, "RP"),
                A(0x0007, "ReadingSnapShotTime", UtcTime, "RP"),
                A(0x0008, "CurrentMaxDemandDeliveredTime", UtcTime, "RP"),
                A(0x0009, "CurrentMaxDemandReceivedTime", UtcTime, "RP"),
                A(0x000A, "DefaultUpdatePeriod", UInt8, "RP"),
                A(0x000B, "FastPollUpdatePeriod", UInt8, "RP"),
                A(0x000C, "CurrentBlockPeriodConsumptionDelivered", UInt48, "RP"),
                A(0x000D, "DailyConsumptionTarget", UInt24, "RP"),
                A(0x000E, "CurrentBlock", Enum8, "RP"),
                A(0x000F, "ProfileIntervalPeriod", Enum8, "RP"),
                A(0x0010, "IntervalReadReportingPeriod", UInt16, "RP"),
                A(0x0011, "PresetReadingTime", UInt16, "RP"),
                A(0x0012, "VolumePerReport", UInt16, "RP"),
                A(0x0013, "FlowRestriction", UInt8, "RP"),
                A(0x0014, "SupplyStatus", Enum8, "RP"),
                A(0x0015, "CurrentInletEnergyCarrierSummation", UInt48, "RP"),
                A(0x0016, "CurrentOutletEnergyCarrierSummation", UInt48, "RP"),
                A(0x0017, "InletTemperature", Int24, "RP"),
                A(0x0018, "OutletTemperature", Int24, "RP"),
                A(0x0019, "ControlTemperature", Int24, "RP"),
                A(0x001A, "CurrentInletEnergyCarrierDemand", Int24, "RP"),
                A(0x001B, "CurrentOutletEnergyCarrierDemand", Int24, "RP"),
                A(0x001C, "PreviousBlockPeriodConsumptionDelivered", UInt48, "RP"),
                A(0x001D, "CurrentBlockPeriodConsumptionReceived", UInt48, "RP"),
                A(0x001E, "CurrentBlockReceived", Enum8, "RP"),
                A(0x001F, "DFTSummationReceived", UInt48, "RP"),
                A(0x0020, "ActiveRegisterTierDelivered", Enum8, "RP"),
                A(0x0021, "ActiveRegisterTierReceived", Enum8, "RP"),
                A(0x0022, "LastBlockSwitchTime", UtcTime, "RP"),
            };

            // D.3.2.2.2 TOU Information Set (tiers 1-6 delivered/received).
            for (int i = 1; i <= 6; i++)
            {
                a.Add(A((ushort)(0x0100 + (2 * (i - 1))), $"CurrentTier{i}SummationDelivered", UInt48, "RP"));
                a.Add(A((ushort)(0x0101 + (2 * (i - 1))), $"CurrentTier{i}SummationReceived", UInt48, "RP"));
            }

            a.AddRange(new[]
            {
                // D.3.2.2.3 Meter Status Attribute Set.
                A(0x0200, "Status", Map8, "RP", true),
                A(0x0201, "RemainingBatteryLife", UInt8, "RP"),
                A(0x0202, "HoursInOperation", UInt24, "RP"),
                A(0x0203, "HoursInFault", UInt24, "RP"),
                A(0x0204, "ExtendedStatus", Map64, "RP"),

                // D.3.2.2.4 Formatting Set.
                A(0x0300, "UnitOfMeasure", Enum8, "R", true),
                A(0x0301, "Multiplier", UInt24),
                A(0x0302, "Divisor", UInt24),
                A(0x0303, "SummationFormatting", Map8, "R", true),
                A(0x0304, "DemandFormatting", Map8),
                A(0x0305, "HistoricalConsumptionFormatting", Map8),
                A(0x0306, "MeteringDeviceType", Map8, "R", true),
                A(0x0307, "SiteID", OctetString),
                A(0x0308, "MeterSerialNumber", OctetString),
                A(0x0309, "EnergyCarrierUnitOfMeasure", Enum8),
                A(0x030A, "EnergyCarrierSummationFormatting", Map8),
                A(0x030B, "EnergyCarrierDemandFormatting", Map8),
                A(0x030C, "TemperatureUnitOfMeasure", Enum8),
                A(0x030D, "TemperatureFormatting", Map8),
                A(0x030E, "ModuleSerialNumber", OctetString),
                A(0x030F, "OperatingTariffLabelDelivered", OctetString),
                A(0x0310, "OperatingTariffLabelReceived", OctetString),
                A(0x0311, "CustomerIDNumber", OctetString),
                A(0x0312, "AlternativeUnitOfMeasure", Enum8),
                A(0x0313, "AlternativeDemandFormatting", Map8),
                A(0x0314, "AlternativeConsumptionFormatting", Map8),

                // D.3.2.2.5 Historical Consumption Attribute Set.
                A(0x0400, "InstantaneousDemand", Int24, "RP"),
                A(0x0401, "CurrentDayConsumptionDelivered", UInt24, "RP"),
                A(0x0402, "CurrentDayConsumptionReceived", UInt24, "RP"),
                A(0x0403, "PreviousDayConsumptionDelivered", UInt24, "RP"),
                A(0x0404, "PreviousDayConsumptionReceived", UInt24, "RP"),
                A(0x0405, "CurrentPartialProfileIntervalStartTimeDelivered", UtcTime, "RP"),
                A(0x0406, "CurrentPartialProfileIntervalStartTimeReceived", UtcTime, "RP"),
                A(0x0407, "CurrentPartialProfileIntervalValueDelivered", UInt24, "RP"),
                A(0x0408, "CurrentPartialProfileIntervalValueReceived", UInt24, "RP"),
                A(0x0409, "CurrentDayMaxPressure", UInt48, "RP"),
                A(0x040A, "CurrentDayMinPressure", UInt48, "RP"),
                A(0x040B, "PreviousDayMaxPressure", UInt48, "RP"),
                A(0x040C, "PreviousDayMinPressure", UInt48, "RP"),
                A(0x040D, "CurrentDayMaxDemand", Int24, "RP"),
                A(0x040E, "PreviousDayMaxDemand", Int24, "RP"),
                A(0x040F, "CurrentMonthMaxDemand", Int24, "RP"),
                A(0x0410, "CurrentYearMaxDemand", Int24, "RP"),

                // D.3.2.2.6 Load Profile Configuration.
                A(0x0500, "MaxNumberOfPeriodsDelivered", UInt8),

                // D.3.2.2.7 Supply Limit Attribute Set.
                A(0x0600, "CurrentDemandDelivered", UInt24, "RP"),
                A(0x0601, "DemandLimit", UInt24, "RP"),
                A(0x0602, "DemandIntegrationPeriod", UInt8),
                A(0x0603, "NumberOfDemandSubintervals", UInt8),
            });

            return new ClusterDefinition(0x0702, "Metering", "Metering", "SE 1.4 (07-5356-19) D.3",
                a,
                new[]
                {
                    C(0x00, "GetProfile"), C(0x01, "RequestMirrorResponse"), C(0x02, "MirrorRemoved"),
                    C(0x03, "RequestFastPollMode"), C(0x04, "ScheduleSnapshot"), C(0x05, "TakeSnapshot"),
                    C(0x06, "GetSnapshot"), C(0x07, "StartSampling"), C(0x08, "GetSampledData"),
                    C(0x09, "MirrorReportAttributeResponse"), C(0x0A, "ResetLoadLimitCounter"), C(0x0B, "ChangeSupply"),
                    C(0x0C, "LocalChangeSupply"), C(0x0D, "SetSupplyStatus"), C(0x0E, "SetUncontrolledFlowThreshold"),
                },
                new[]
                {
                    C(0x00, "GetProfileResponse"), C(0x01, "RequestMirror"), C(0x02, "RemoveMirror"),
                    C(0x03, "RequestFastPollModeResponse"), C(0x04, "ScheduleSnapshotResponse"), C(0x05, "TakeSnapshotResponse"),
                    C(0x06, "PublishSnapshot"), C(0x07, "GetSampledDataResponse"), C(0x08, "ConfigureMirror"),
                    C(0x09, "ConfigureNotificationScheme"), C(0x0A, "ConfigureNotificationFlags"), C(0x0B, "GetNotifiedMessage"),
                    C(0x0C, "SupplyStatusResponse"), C(0x0D, "StartSamplingResponse"),
                },
                "seMetering", "SimpleMetering");
        }
    }
}
