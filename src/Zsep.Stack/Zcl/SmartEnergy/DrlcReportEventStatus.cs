using System;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Zcl.SmartEnergy
{
    /// <summary>
    /// Report Event Status (DRLC 0x0701, client to server, 0x00), SE 1.4 (07-5356-19) D.2.3.3.1, Figure D-5. 60 bytes:
    /// <code>
    /// off len field
    ///   0   4 Issuer Event ID (uint32)
    ///   4   1 Event Status (uint8, Table D-9)
    ///   5   4 Event Status Time (UTCTime)
    ///   9   1 Criticality Level Applied (uint8)
    ///  10   2 Cooling Temperature Set Point Applied (uint16, 0x8000 = not used)
    ///  12   2 Heating Temperature Set Point Applied (uint16, 0x8000 = not used)
    ///  14   1 Average Load Adjustment Percentage Applied (int8, 0x80 = not used)
    ///  15   1 Duty Cycle Applied (uint8, 0xFF = not used)
    ///  16   1 Event Control (map8)
    ///  17   1 Signature Type (uint8: 0x00 none, 0x01 ECDSA)
    ///  18  42 Signature (fixed 42 bytes)
    /// </code>
    /// </summary>
    public sealed record ReportEventStatus(
        uint IssuerEventId,
        LoadControlEventStatus EventStatus,
        ZclUtcTime EventStatusTime,
        LoadControlCriticality CriticalityLevelApplied,
        ushort CoolingTemperatureSetPointApplied = ReportEventStatus.SetPointNotUsed,
        ushort HeatingTemperatureSetPointApplied = ReportEventStatus.SetPointNotUsed,
        sbyte AverageLoadAdjustmentPercentageApplied = LoadControlEvent.AverageLoadAdjustmentNotUsed,
        byte DutyCycleApplied = LoadControlEvent.DutyCycleNotUsed,
        LoadControlEventControl EventControl = LoadControlEventControl.None,
        byte SignatureType = ReportEventStatus.NoSignature) : SmartEnergyCommand
    {
        /// <summary>Set point applied 0x8000: not used.</summary>
        public const ushort SetPointNotUsed = 0x8000;

        /// <summary>Signature Type 0x00: no signature.</summary>
        public const byte NoSignature = 0x00;

        /// <summary>Signature Type 0x01: ECDSA.</summary>
        public const byte EcdsaSignature = 0x01;

        /// <summary>Length of the Signature field.</summary>
        public const int SignatureLength = 42;

        private static readonly ZclOctets Unsigned = new ZclOctets(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF });

        /// <summary>The 42-byte signature; when not set it is 42 bytes of 0xFF (sent with Signature Type 0x00).</summary>
        public ZclOctets Signature { get; init; } = Unsigned;

        public override ushort ClusterId => DrlcCommands.ClusterId;

        public override byte CommandId => DrlcCommands.ReportEventStatus;

        public override ZclDirection Direction => ZclDirection.ClientToServer;

        public override int EncodedLength => 18 + SignatureLength;

        public static ReportEventStatus Decode(ReadOnlySpan<byte> payload) => DecodeWhole(payload, Read);

        public static bool TryDecode(ReadOnlySpan<byte> payload, out ReportEventStatus? command, out FrameFormatException? error) =>
            FrameCodec.TryDecode(payload, static p => Decode(p), out command, out error);

        internal static ReportEventStatus Read(ref FrameReader r) => new ReportEventStatus(
            r.ReadUInt32(nameof(IssuerEventId)),
            (LoadControlEventStatus)r.ReadByte(nameof(EventStatus)),
            SeField.ReadTime(ref r, nameof(EventStatusTime)),
            (LoadControlCriticality)r.ReadByte(nameof(CriticalityLevelApplied)),
            r.ReadUInt16(nameof(CoolingTemperatureSetPointApplied)),
            r.ReadUInt16(nameof(HeatingTemperatureSetPointApplied)),
            r.ReadSByte(nameof(AverageLoadAdjustmentPercentageApplied)),
            r.ReadByte(nameof(DutyCycleApplied)),
            (LoadControlEventControl)r.ReadByte(nameof(EventControl)),
            r.ReadByte(nameof(SignatureType)))
        {
            Signature = new ZclOctets(r.ReadBytes(SignatureLength, nameof(Signature))),
        };

        public override void Write(ref FrameWriter w)
        {
            if (Signature.Length != SignatureLength)
            {
                throw new ArgumentException($"The Signature is {Signature.Length} bytes; it must be {SignatureLength}.", nameof(Signature));
            }

            w.WriteUInt32(IssuerEventId);
            w.WriteByte((byte)EventStatus);
            SeField.WriteTime(ref w, EventStatusTime);
            w.WriteByte((byte)CriticalityLevelApplied);
            w.WriteUInt16(CoolingTemperatureSetPointApplied);
            w.WriteUInt16(HeatingTemperatureSetPointApplied);
            w.WriteSByte(AverageLoadAdjustmentPercentageApplied);
            w.WriteByte(DutyCycleApplied);
            w.WriteByte((byte)EventControl);
            w.WriteByte(SignatureType);
            w.WriteBytes(Signature.Span);
        }
    }
}
