using System;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Zcl.SmartEnergy
{
    /// <summary>Demand Response and Load Control cluster (0x0701) command ids, SE 1.4 (07-5356-19) D.2.2.3 / D.2.3.3, and the dispatch.</summary>
    public static class DrlcCommands
    {
        public const ushort ClusterId = 0x0701;

        // Server to client (D.2.2.3).
        public const byte LoadControlEvent = 0x00;
        public const byte CancelLoadControlEvent = 0x01;
        public const byte CancelAllLoadControlEvents = 0x02;

        // Client to server (D.2.3.3).
        public const byte ReportEventStatus = 0x00;
        public const byte GetScheduledEvents = 0x01;

        internal static SmartEnergyCommand? ReadServerToClient(ref FrameReader r, byte commandId) => commandId switch
        {
            LoadControlEvent => SmartEnergy.LoadControlEvent.Read(ref r),
            CancelLoadControlEvent => SmartEnergy.CancelLoadControlEvent.Read(ref r),
            CancelAllLoadControlEvents => SmartEnergy.CancelAllLoadControlEvents.Read(ref r),
            _ => null,
        };

        internal static SmartEnergyCommand? ReadClientToServer(ref FrameReader r, byte commandId) => commandId switch
        {
            ReportEventStatus => SmartEnergy.ReportEventStatus.Read(ref r),
            GetScheduledEvents => SmartEnergy.GetScheduledEvents.Read(ref r),
            _ => null,
        };
    }

    /// <summary>
    /// Load Control Event (DRLC 0x0701, server to client, 0x00), SE 1.4 (07-5356-19) D.2.2.3.1, Figure D-2. 23 bytes:
    /// <code>
    /// off len field
    ///   0   4 Issuer Event ID (uint32)
    ///   4   2 Device Class (map16)
    ///   6   1 Utility Enrollment Group (uint8, 0 = all)
    ///   7   4 Start Time (UTCTime, 0 = now)
    ///  11   2 Duration In Minutes (uint16, at most 1440)
    ///  13   1 Criticality Level (uint8)
    ///  14   1 Cooling Temperature Offset (uint8, 0.1 °C, 0xFF = not used)
    ///  15   1 Heating Temperature Offset (uint8, 0.1 °C, 0xFF = not used)
    ///  16   2 Cooling Temperature Set Point (int16, 0.01 °C, 0x8000 = not used)
    ///  18   2 Heating Temperature Set Point (int16, 0.01 °C, 0x8000 = not used)
    ///  20   1 Average Load Adjustment Percentage (int8, -100..100, 0x80 = not used)
    ///  21   1 Duty Cycle (uint8, 0-100 %, 0xFF = not used)
    ///  22   1 Event Control (map8)
    /// </code>
    /// </summary>
    public sealed record LoadControlEvent(
        uint IssuerEventId,
        LoadControlDeviceClass DeviceClass,
        byte UtilityEnrollmentGroup,
        ZclUtcTime StartTime,
        ushort DurationInMinutes,
        LoadControlCriticality CriticalityLevel,
        byte CoolingTemperatureOffset = LoadControlEvent.OffsetNotUsed,
        byte HeatingTemperatureOffset = LoadControlEvent.OffsetNotUsed,
        short CoolingTemperatureSetPoint = LoadControlEvent.SetPointNotUsed,
        short HeatingTemperatureSetPoint = LoadControlEvent.SetPointNotUsed,
        sbyte AverageLoadAdjustmentPercentage = LoadControlEvent.AverageLoadAdjustmentNotUsed,
        byte DutyCycle = LoadControlEvent.DutyCycleNotUsed,
        LoadControlEventControl EventControl = LoadControlEventControl.None) : SmartEnergyCommand
    {
        /// <summary>Temperature offset 0xFF: not used.</summary>
        public const byte OffsetNotUsed = 0xFF;

        /// <summary>Temperature set point 0x8000: not used.</summary>
        public const short SetPointNotUsed = unchecked((short)0x8000);

        /// <summary>Average load adjustment percentage 0x80: not used.</summary>
        public const sbyte AverageLoadAdjustmentNotUsed = unchecked((sbyte)0x80);

        /// <summary>Duty cycle 0xFF: not used.</summary>
        public const byte DutyCycleNotUsed = 0xFF;

        /// <summary>The longest event, 1440 minutes (24 hours), D.2.2.3.1.1.1.</summary>
        public const ushort MaximumDurationInMinutes = 1440;

        public override ushort ClusterId => DrlcCommands.ClusterId;

        public override byte CommandId => DrlcCommands.LoadControlEvent;

        public override ZclDirection Direction => ZclDirection.ServerToClient;

        public override int EncodedLength => 23;

        public static LoadControlEvent Decode(ReadOnlySpan<byte> payload) => DecodeWhole(payload, Read);

        public static bool TryDecode(ReadOnlySpan<byte> payload, out LoadControlEvent? command, out FrameFormatException? error) =>
            FrameCodec.TryDecode(payload, static p => Decode(p), out command, out error);

        internal static LoadControlEvent Read(ref FrameReader r) => new LoadControlEvent(
            r.ReadUInt32(nameof(IssuerEventId)),
            (LoadControlDeviceClass)r.ReadUInt16(nameof(DeviceClass)),
            r.ReadByte(nameof(UtilityEnrollmentGroup)),
            SeField.ReadTime(ref r, nameof(StartTime)),
            r.ReadUInt16(nameof(DurationInMinutes)),
            (LoadControlCriticality)r.ReadByte(nameof(CriticalityLevel)),
            r.ReadByte(nameof(CoolingTemperatureOffset)),
            r.ReadByte(nameof(HeatingTemperatureOffset)),
            unchecked((short)r.ReadUInt16(nameof(CoolingTemperatureSetPoint))),
            unchecked((short)r.ReadUInt16(nameof(HeatingTemperatureSetPoint))),
            r.ReadSByte(nameof(AverageLoadAdjustmentPercentage)),
            r.ReadByte(nameof(DutyCycle)),
            (LoadControlEventControl)r.ReadByte(nameof(EventControl)));

        public override void Write(ref FrameWriter w)
        {
            w.WriteUInt32(IssuerEventId);
            w.WriteUInt16((ushort)DeviceClass);
            w.WriteByte(UtilityEnrollmentGroup);
            SeField.WriteTime(ref w, StartTime);
            w.WriteUInt16(DurationInMinutes);
            w.WriteByte((byte)CriticalityLevel);
            w.WriteByte(CoolingTemperatureOffset);
            w.WriteByte(HeatingTemperatureOffset);
            w.WriteUInt16(unchecked((ushort)CoolingTemperatureSetPoint));
            w.WriteUInt16(unchecked((ushort)HeatingTemperatureSetPoint));
            w.WriteSByte(AverageLoadAdjustmentPercentage);
            w.WriteByte(DutyCycle);
            w.WriteByte((byte)EventControl);
        }
    }

    /// <summary>
    /// Cancel Load Control Event (DRLC, server to client, 0x01), SE 1.4 D.2.2.3.2, Figure D-3. 12 bytes: Issuer Event ID
    /// (uint32), Device Class (map16), Utility Enrollment Group (uint8), Cancel Control (map8), Effective Time
    /// (UTCTime; SE 1.4 deprecates it: send 0 = now).
    /// </summary>
    public sealed record CancelLoadControlEvent(
        uint IssuerEventId,
        LoadControlDeviceClass DeviceClass,
        byte UtilityEnrollmentGroup,
        LoadControlCancelControl CancelControl,
        ZclUtcTime EffectiveTime = default) : SmartEnergyCommand
    {
        public override ushort ClusterId => DrlcCommands.ClusterId;

        public override byte CommandId => DrlcCommands.CancelLoadControlEvent;

        public override ZclDirection Direction => ZclDirection.ServerToClient;

        public override int EncodedLength => 12;

        public static CancelLoadControlEvent Decode(ReadOnlySpan<byte> payload) => DecodeWhole(payload, Read);

        internal static CancelLoadControlEvent Read(ref FrameReader r) => new CancelLoadControlEvent(
            r.ReadUInt32(nameof(IssuerEventId)),
            (LoadControlDeviceClass)r.ReadUInt16(nameof(DeviceClass)),
            r.ReadByte(nameof(UtilityEnrollmentGroup)),
            (LoadControlCancelControl)r.ReadByte(nameof(CancelControl)),
            SeField.ReadTime(ref r, nameof(EffectiveTime)));

        public override void Write(ref FrameWriter w)
        {
            w.WriteUInt32(IssuerEventId);
            w.WriteUInt16((ushort)DeviceClass);
            w.WriteByte(UtilityEnrollmentGroup);
            w.WriteByte((byte)CancelControl);
            SeField.WriteTime(ref w, EffectiveTime);
        }
    }

    /// <summary>Cancel All Load Control Events (DRLC, server to client, 0x02), SE 1.4 D.2.2.3.3: Cancel Control (map8).</summary>
    public sealed record CancelAllLoadControlEvents(LoadControlCancelControl CancelControl) : SmartEnergyCommand
    {
        public override ushort ClusterId => DrlcCommands.ClusterId;

        public override byte CommandId => DrlcCommands.CancelAllLoadControlEvents;

        public override ZclDirection Direction => ZclDirection.ServerToClient;

        public override int EncodedLength => 1;

        public static CancelAllLoadControlEvents Decode(ReadOnlySpan<byte> payload) => DecodeWhole(payload, Read);

        internal static CancelAllLoadControlEvents Read(ref FrameReader r) => new CancelAllLoadControlEvents((LoadControlCancelControl)r.ReadByte(nameof(CancelControl)));

        public override void Write(ref FrameWriter w) => w.WriteByte((byte)CancelControl);
    }

    /// <summary>
    /// Get Scheduled Events (DRLC, client to server, 0x01), SE 1.4 D.2.3.3.2: Start Time (UTCTime), Number of Events
    /// (uint8, 0 = all), and optionally Issuer Event ID (uint32, added in SE 1.2; absent when null).
    /// </summary>
    public sealed record GetScheduledEvents(ZclUtcTime StartTime, byte NumberOfEvents, uint? IssuerEventId = null) : SmartEnergyCommand
    {
        public override ushort ClusterId => DrlcCommands.ClusterId;

        public override byte CommandId => DrlcCommands.GetScheduledEvents;

        public override ZclDirection Direction => ZclDirection.ClientToServer;

        public override int EncodedLength => IssuerEventId.HasValue ? 9 : 5;

        public static GetScheduledEvents Decode(ReadOnlySpan<byte> payload) => DecodeWhole(payload, Read);

        internal static GetScheduledEvents Read(ref FrameReader r)
        {
            ZclUtcTime start = SeField.ReadTime(ref r, nameof(StartTime));
            byte n = r.ReadByte(nameof(NumberOfEvents));
            return new GetScheduledEvents(start, n, r.IsAtEnd ? null : r.ReadUInt32(nameof(IssuerEventId)));
        }

        public override void Write(ref FrameWriter w)
        {
            SeField.WriteTime(ref w, StartTime);
            w.WriteByte(NumberOfEvents);
            if (IssuerEventId is uint id)
            {
                w.WriteUInt32(id);
            }
        }
    }
}
