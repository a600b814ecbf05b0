using System;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Zcl.SmartEnergy
{
    /// <summary>Price Control field of Publish Price, SE 1.4 (07-5356-19) D.4.2.4.1.2 Table D-105.</summary>
    [Flags]
    public enum PriceControlFlags : byte
    {
        None = 0x00,

        /// <summary>Bit 0: the client shall answer with a Price Acknowledgement.</summary>
        PriceAcknowledgementRequired = 0x01,

        /// <summary>Bit 1: the tariff has more than 15 tiers (see the extended tier fields).</summary>
        TotalTiersExceeds15 = 0x02,
    }

    /// <summary>
    /// Publish Price (Price cluster 0x0700, server to client, command 0x00), SE 1.4 (07-5356-19) D.4.2.4.1, Figure D-88.
    /// Layout (little-endian), hand-checked against the spec table and Wireshark packet-zbee-zcl-se.c:
    /// <code>
    /// off len field
    ///   0   4 Provider ID (uint32)
    ///   4 1+n Rate Label (octet string, up to 12 bytes)
    ///  +0   4 Issuer Event ID (uint32)
    ///  +4   4 Current Time (UTCTime)
    ///  +8   1 Unit of Measure (enum8, Metering D.3.2.2.4.1)
    ///  +9   2 Currency (uint16, ISO 4217 numeric)
    /// +11   1 Price Trailing Digit (bits 4-7) and Price Tier (bits 0-3)
    /// +12   1 Number of Price Tiers (bits 4-7) and Register Tier (bits 0-3)
    /// +13   4 Start Time (UTCTime, 0 = now)
    /// +17   2 Duration In Minutes (uint16, 0xFFFF = until changed)
    /// +19   4 Price (uint32)
    ///       -- optional, in this order; a frame may stop after any complete one:
    /// +23   1 Price Ratio (uint8, 0xFF = not used)
    ///       4 Generation Price (uint32, 0xFFFFFFFF = not used)
    ///       1 Generation Price Ratio (uint8, 0xFF = not used)
    ///       4 Alternate Cost Delivered (uint32, 0xFFFFFFFF = not used)
    ///       1 Alternate Cost Unit (enum8: 0x01 kg of CO2 per unit)
    ///       1 Alternate Cost Trailing Digit (bits 4-7)
    ///       1 Number of Block Thresholds (uint8)
    ///       1 Price Control (map8)
    ///       1 Number of Generation Tiers (uint8)
    ///       1 Generation Tier (enum8)
    ///       1 Extended Number of Price Tiers (enum8)
    ///       1 Extended Price Tier (enum8)
    ///       1 Extended Register Tier (enum8)
    /// </code>
    /// An optional property that is null is absent from the frame. Encoding writes the optional fields up to the
    /// last one that is set; an unset one before it goes out as its "not used" value (0xFF, 0xFFFFFFFF, or 0 for the
    /// counts, control and tier fields), so a decoded frame has every optional field up to the last one it carried.
    /// </summary>
    public sealed record PublishPrice(
        uint ProviderId,
        ZclOctets RateLabel,
        uint IssuerEventId,
        ZclUtcTime CurrentTime,
        MeteringUnitOfMeasure UnitOfMeasure,
        ushort Currency,
        byte PriceTrailingDigit,
        byte PriceTier,
        byte NumberOfPriceTiers,
        byte RegisterTier,
        ZclUtcTime StartTime,
        ushort DurationInMinutes,
        uint Price) : SmartEnergyCommand
    {
        /// <summary>Duration In Minutes 0xFFFF: until changed.</summary>
        public const ushort UntilChanged = 0xFFFF;

        private const int MandatoryLength = 4 + 1 + 4 + 4 + 1 + 2 + 1 + 1 + 4 + 2 + 4;

        // Size and "not used" fill of each optional field, in wire order.
        private static readonly (int Size, uint Fill, string Name)[] OptionalFields =
        {
            (1, 0xFF, nameof(PriceRatio)),
            (4, 0xFFFFFFFF, nameof(GenerationPrice)),
            (1, 0xFF, nameof(GenerationPriceRatio)),
            (4, 0xFFFFFFFF, nameof(AlternateCostDelivered)),
            (1, 0xFF, nameof(AlternateCostUnit)),
            (1, 0x00, nameof(AlternateCostTrailingDigit)),
            (1, 0x00, nameof(NumberOfBlockThresholds)),
            (1, 0x00, nameof(PriceControl)),
            (1, 0x00, nameof(NumberOfGenerationTiers)),
            (1, 0x00, nameof(GenerationTier)),
            (1, 0x00, nameof(ExtendedNumberOfPriceTiers)),
            (1, 0x00, nameof(ExtendedPriceTier)),
            (1, 0x00, nameof(ExtendedRegisterTier)),
        };

        public override ushort ClusterId => PriceCommands.ClusterId;

        public override byte CommandId => PriceCommands.PublishPrice;

        public override ZclDirection Direction => ZclDirection.ServerToClient;

        /// <summary>Ratio of the price to the "normal" price, in units of 0.1 (0xFF not used).</summary>
        public byte? PriceRatio { get; init; }

        /// <summary>Price per unit received (generation), in the currency's units with the price trailing digit.</summary>
        public uint? GenerationPrice { get; init; }

        public byte? GenerationPriceRatio { get; init; }

        /// <summary>Alternate cost (e.g. kg of CO2) per unit delivered.</summary>
        public uint? AlternateCostDelivered { get; init; }

        /// <summary>Unit of the alternate cost: 0x01 kg of CO2 per unit of measure.</summary>
        public byte? AlternateCostUnit { get; init; }

        /// <summary>Digits right of the decimal point of the alternate cost (0-15; bits 4-7 on the wire, bits 0-3 reserved).</summary>
        public byte? AlternateCostTrailingDigit { get; init; }

        public byte? NumberOfBlockThresholds { get; init; }

        public PriceControlFlags? PriceControl { get; init; }

        public byte? NumberOfGenerationTiers { get; init; }

        public byte? GenerationTier { get; init; }

        public byte? ExtendedNumberOfPriceTiers { get; init; }

        public byte? ExtendedPriceTier { get; init; }

        public byte? ExtendedRegisterTier { get; init; }

        private uint?[] OptionalValues() => new uint?[]
        {
            PriceRatio, GenerationPrice, GenerationPriceRatio, AlternateCostDelivered, AlternateCostUnit,
            AlternateCostTrailingDigit, NumberOfBlockThresholds, (byte?)PriceControl, NumberOfGenerationTiers, GenerationTier,
            ExtendedNumberOfPriceTiers, ExtendedPriceTier, ExtendedRegisterTier,
        };

        /// <summary>How many optional fields the encoding carries (up to the last one set).</summary>
        public int OptionalFieldCount
        {
            get
            {
                uint?[] values = OptionalValues();
                for (int i = values.Length; i > 0; i--)
                {
                    if (values[i - 1].HasValue)
                    {
                        return i;
                    }
                }

                return 0;
            }
        }

        public override int EncodedLength
        {
            get
            {
                int n = MandatoryLength + RateLabel.Length;
                for (int i = 0; i < OptionalFieldCount; i++)
                {
                    n += OptionalFields[i].Size;
                }

                return n;
            }
        }

        public static PublishPrice Decode(ReadOnlySpan<byte> payload) => DecodeWhole(payload, Read);

        public static bool TryDecode(ReadOnlySpan<byte> payload, out PublishPrice? command, out FrameFormatException? error) =>
            FrameCodec.TryDecode(payload, static p => Decode(p), out command, out error);

        internal static PublishPrice Read(ref FrameReader r)
        {
            uint provider = r.ReadUInt32(nameof(ProviderId));
            ZclOctets label = SeField.ReadOctets(ref r, nameof(RateLabel));
            uint issuer = r.ReadUInt32(nameof(IssuerEventId));
            ZclUtcTime now = SeField.ReadTime(ref r, nameof(CurrentTime));
            var unit = (MeteringUnitOfMeasure)r.ReadByte(nameof(UnitOfMeasure));
            ushort currency = r.ReadUInt16(nameof(Currency));
            byte digitTier = r.ReadByte("PriceTrailingDigitAndPriceTier");
            byte tiers = r.ReadByte("NumberOfPriceTiersAndRegisterTier");
            ZclUtcTime start = SeField.ReadTime(ref r, nameof(StartTime));
            ushort duration = r.ReadUInt16(nameof(DurationInMinutes));
            uint price = r.ReadUInt32(nameof(Price));

            var opt = new uint?[OptionalFields.Length];
            for (int i = 0; i < opt.Length && !r.IsAtEnd; i++)
            {
                opt[i] = (uint)r.ReadUIntN(OptionalFields[i].Size, OptionalFields[i].Name);
            }

            return new PublishPrice(provider, label, issuer, now, unit, currency, (byte)(digitTier >> 4), (byte)(digitTier & 0x0F),
                (byte)(tiers >> 4), (byte)(tiers & 0x0F), start, duration, price)
            {
                PriceRatio = (byte?)opt[0],
                GenerationPrice = opt[1],
                GenerationPriceRatio = (byte?)opt[2],
                AlternateCostDelivered = opt[3],
                AlternateCostUnit = (byte?)opt[4],
                AlternateCostTrailingDigit = (byte?)(opt[5] >> 4),
                NumberOfBlockThresholds = (byte?)opt[6],
                PriceControl = (PriceControlFlags?)(byte?)opt[7],
                NumberOfGenerationTiers = (byte?)opt[8],
                GenerationTier = (byte?)opt[9],
                ExtendedNumberOfPriceTiers = (byte?)opt[10],
                ExtendedPriceTier = (byte?)opt[11],
                ExtendedRegisterTier = (byte?)opt[12],
            };
        }

        public override void Write(ref FrameWriter w)
        {
            w.WriteUInt32(ProviderId);
            SeField.WriteOctets(ref w, RateLabel, nameof(RateLabel));
            w.WriteUInt32(IssuerEventId);
            SeField.WriteTime(ref w, CurrentTime);
            w.WriteByte((byte)UnitOfMeasure);
            w.WriteUInt16(Currency);
            w.WriteByte(SeField.Nibbles(PriceTrailingDigit, PriceTier, nameof(PriceTrailingDigit), nameof(PriceTier)));
            w.WriteByte(SeField.Nibbles(NumberOfPriceTiers, RegisterTier, nameof(NumberOfPriceTiers), nameof(RegisterTier)));
            SeField.WriteTime(ref w, StartTime);
            w.WriteUInt16(DurationInMinutes);
            w.WriteUInt32(Price);

            uint?[] values = OptionalValues();
            if (AlternateCostTrailingDigit is byte d)
            {
                values[5] = SeField.Nibbles(d, 0, nameof(AlternateCostTrailingDigit), nameof(AlternateCostTrailingDigit));
            }

            int count = OptionalFieldCount;
            for (int i = 0; i < count; i++)
            {
                w.WriteUIntN(values[i] ?? OptionalFields[i].Fill, OptionalFields[i].Size);
            }
        }
    }
}
