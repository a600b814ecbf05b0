using System;

namespace Zsep.Stack.Zcl.SmartEnergy
{
    /// <summary>Device Class field of the DRLC commands (map16), SE 1.4 (07-5356-19) D.2.2.3.1.1.1 Table D-3.</summary>
    [Flags]
    public enum LoadControlDeviceClass : ushort
    {
        None = 0,

        /// <summary>Bit 0: HVAC compressor or furnace.</summary>
        HVAC = 1 << 0,

        /// <summary>Bit 1: strip heaters / baseboard heaters.</summary>
        StripHeater = 1 << 1,

        /// <summary>Bit 2: water heater.</summary>
        WaterHeater = 1 << 2,

        /// <summary>Bit 3: pool pump / spa / jacuzzi.</summary>
        PoolPump = 1 << 3,

        /// <summary>Bit 4: smart appliances.</summary>
        SmartAppliance = 1 << 4,

        /// <summary>Bit 5: irrigation pump.</summary>
        IrrigationPump = 1 << 5,

        /// <summary>Bit 6: managed commercial and industrial (C&amp;I) loads.</summary>
        ManagedCommercialLoads = 1 << 6,

        /// <summary>Bit 7: simple miscellaneous (residential on/off) loads.</summary>
        SimpleMiscLoads = 1 << 7,

        /// <summary>Bit 8: exterior lighting.</summary>
        ExteriorLighting = 1 << 8,

        /// <summary>Bit 9: interior lighting.</summary>
        InteriorLighting = 1 << 9,

        /// <summary>Bit 10: electric vehicle.</summary>
        ElectricVehicle = 1 << 10,

        /// <summary>Bit 11: generation systems.</summary>
        GenerationSystems = 1 << 11,

        /// <summary>Every defined class (bits 0-11; 12-15 are reserved).</summary>
        All = 0x0FFF,
    }

    /// <summary>Criticality Level of a Load Control Event, SE 1.4 D.2.2.3.1.1.1 Table D-4 (0x0A-0x0F utility defined).</summary>
    public enum LoadControlCriticality : byte
    {
        Reserved = 0x00,
        Green = 0x01,
        Level1 = 0x02,
        Level2 = 0x03,
        Level3 = 0x04,
        Level4 = 0x05,
        Level5 = 0x06,
        Emergency = 0x07,
        PlannedOutage = 0x08,
        ServiceDisconnect = 0x09,
        UtilityDefined1 = 0x0A,
        UtilityDefined2 = 0x0B,
        UtilityDefined3 = 0x0C,
        UtilityDefined4 = 0x0D,
        UtilityDefined5 = 0x0E,
        UtilityDefined6 = 0x0F,
    }

    /// <summary>Event Control of a Load Control Event (map8), SE 1.4 D.2.2.3.1.1.1 Table D-5.</summary>
    [Flags]
    public enum LoadControlEventControl : byte
    {
        None = 0,

        /// <summary>Bit 0: randomize the start time (StartRandomizationMinutes).</summary>
        RandomizeStartTime = 0x01,

        /// <summary>Bit 1: randomize the end time (DurationRandomizationMinutes).</summary>
        RandomizeEndTime = 0x02,
    }

    /// <summary>Cancel Control of Cancel Load Control Event / Cancel All (map8), SE 1.4 D.2.2.3.2.1.</summary>
    [Flags]
    public enum LoadControlCancelControl : byte
    {
        /// <summary>Stop at once (or at the effective time).</summary>
        None = 0,

        /// <summary>Bit 0: end the event with the randomization of the original event.</summary>
        RandomizeEnd = 0x01,
    }

    /// <summary>Event Status of Report Event Status, SE 1.4 (07-5356-19) D.2.3.3.1.1 Table D-9.</summary>
    public enum LoadControlEventStatus : byte
    {
        LoadControlEventCommandReceived = 0x01,
        EventStarted = 0x02,
        EventCompleted = 0x03,
        UserOptedOut = 0x04,
        UserOptedIn = 0x05,
        EventCancelled = 0x06,
        EventSuperseded = 0x07,
        PartiallyCompletedWithUserOptOut = 0x08,
        PartiallyCompletedDueToUserOptIn = 0x09,
        CompletedNoUserParticipation = 0x0A,
        RejectedInvalidCancelCommand = 0xF8,
        RejectedInvalidEffectiveTime = 0xF9,
        RejectedEventExpired = 0xFB,
        RejectedUndefinedEvent = 0xFD,
        LoadControlEventCommandRejected = 0xFE,
    }
}
