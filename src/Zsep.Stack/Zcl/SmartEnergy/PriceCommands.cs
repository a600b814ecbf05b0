using System;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Zcl.SmartEnergy
{
    /// <summary>Price cluster (0x0700) command ids typed here, SE 1.4 (07-5356-19) D.4.2.3 / D.4.2.4, and the dispatch.</summary>
    public static class PriceCommands
    {
        public const ushort ClusterId = 0x0700;

        // Server to client (D.4.2.4).
        public const byte PublishPrice = 0x00;
        public const byte PublishBlockPeriod = 0x01;
        public const byte PublishTierLabels = 0x08;

        // Client to server (D.4.2.3).
        public const byte GetCurrentPrice = 0x00;
        public const byte GetScheduledPrices = 0x01;
        public const byte PriceAcknowledgement = 0x02;
        public const byte GetBlockPeriods = 0x03;
        public const byte GetTierLabels = 0x0A;

        internal static SmartEnergyCommand? ReadServerToClient(ref FrameReader r, byte commandId) => commandId switch
        {
            PublishPrice => SmartEnergy.PublishPrice.Read(ref r),
            PublishBlockPeriod => SmartEnergy.PublishBlockPeriod.Read(ref r),
            PublishTierLabels => SmartEnergy.PublishTierLabels.Read(ref r),
            _ => null,
        };

        internal static SmartEnergyCommand? ReadClientToServer(ref FrameReader r, byte commandId) => commandId switch
        {
            GetCurrentPrice => SmartEnergy.GetCurrentPrice.Read(ref r),
            GetScheduledPrices => SmartEnergy.GetScheduledPrices.Read(ref r),
            PriceAcknowledgement => SmartEnergy.PriceAcknowledgement.Read(ref r),
            GetBlockPeriods => SmartEnergy.GetBlockPeriods.Read(ref r),
            GetTierLabels => SmartEnergy.GetTierLabels.Read(ref r),
            _ => null,
        };
    }

    /// <summary>
    /// Get Current Price (Price, client to server, 0x00), SE 1.4 D.4.2.3.1: one octet, Command Options (map8; bit 0
    /// "requestor Rx on when idle": the server may then push later price updates to it).
    /// </summary>
    public sealed record GetCurrentPrice(byte CommandOptions) : SmartEnergyCommand
    {
        /// <summary>Bit 0 of Command Options.</summary>
        public const byte RequestorRxOnWhenIdle = 0x01;

        public override ushort ClusterId => PriceCommands.ClusterId;

        public override byte CommandId => PriceCommands.GetCurrentPrice;

        public override ZclDirection Direction => ZclDirection.ClientToServer;

        public override int EncodedLength => 1;

        public static GetCurrentPrice Decode(ReadOnlySpan<byte> payload) => DecodeWhole(payload, Read);

        internal static GetCurrentPrice Read(ref FrameReader r) => new GetCurrentPrice(r.ReadByte(nameof(CommandOptions)));

        public override void Write(ref FrameWriter w) => w.WriteByte(CommandOptions);
    }

    /// <summary>
    /// Get Scheduled Prices (Price, client to server, 0x01), SE 1.4 D.4.2.3.2: Start Time (UTCTime, 0 = now, 4 bytes),
    /// Number of Events (uint8, 0 = all).
    /// </summary>
    public sealed record GetScheduledPrices(ZclUtcTime StartTime, byte NumberOfEvents) : SmartEnergyCommand
    {
        public override ushort ClusterId => PriceCommands.ClusterId;

        public override byte CommandId => PriceCommands.GetScheduledPrices;

        public override ZclDirection Direction => ZclDirection.ClientToServer;

        public override int EncodedLength => 5;

        public static GetScheduledPrices Decode(ReadOnlySpan<byte> payload) => DecodeWhole(payload, Read);

        internal static GetScheduledPrices Read(ref FrameReader r) =>
            new GetScheduledPrices(SeField.ReadTime(ref r, nameof(StartTime)), r.ReadByte(nameof(NumberOfEvents)));

        public override void Write(ref FrameWriter w)
        {
            SeField.WriteTime(ref w, StartTime);
            w.WriteByte(NumberOfEvents);
        }
    }

    /// <summary>
    /// Price Acknowledgement (Price, client to server, 0x02), SE 1.4 D.4.2.3.3: Provider ID (uint32), Issuer Event ID
    /// (uint32), Price Ack Time (UTCTime), Control (map8, the Price Control of the acknowledged command). 13 bytes.
    /// </summary>
    public sealed record PriceAcknowledgement(uint ProviderId, uint IssuerEventId, ZclUtcTime PriceAckTime, byte Control) : SmartEnergyCommand
    {
        public override ushort ClusterId => PriceCommands.ClusterId;

        public override byte CommandId => PriceCommands.PriceAcknowledgement;

        public override ZclDirection Direction => ZclDirection.ClientToServer;

        public override int EncodedLength => 13;

        public static PriceAcknowledgement Decode(ReadOnlySpan<byte> payload) => DecodeWhole(payload, Read);

        internal static PriceAcknowledgement Read(ref FrameReader r) => new PriceAcknowledgement(
            r.ReadUInt32(nameof(ProviderId)), r.ReadUInt32(nameof(IssuerEventId)), SeField.ReadTime(ref r, nameof(PriceAckTime)), r.ReadByte(nameof(Control)));

        public override void Write(ref FrameWriter w)
        {
            w.WriteUInt32(ProviderId);
            w.WriteUInt32(IssuerEventId);
            SeField.WriteTime(ref w, PriceAckTime);
            w.WriteByte(Control);
        }
    }

    /// <summary>
    /// Get Block Periods (Price, client to server, 0x03), SE 1.4 D.4.2.3.4: Start Time (UTCTime), Number of Events
    /// (uint8), and optionally Tariff Type (map8, added in SE 1.2; absent when null).
    /// </summary>
    public sealed record GetBlockPeriods(ZclUtcTime StartTime, byte NumberOfEvents, byte? TariffType = null) : SmartEnergyCommand
    {
        public override ushort ClusterId => PriceCommands.ClusterId;

        public override byte CommandId => PriceCommands.GetBlockPeriods;

        public override ZclDirection Direction => ZclDirection.ClientToServer;

        public override int EncodedLength => TariffType.HasValue ? 6 : 5;

        public static GetBlockPeriods Decode(ReadOnlySpan<byte> payload) => DecodeWhole(payload, Read);

        internal static GetBlockPeriods Read(ref FrameReader r)
        {
            ZclUtcTime start = SeField.ReadTime(ref r, nameof(StartTime));
            byte n = r.ReadByte(nameof(NumberOfEvents));
            return new GetBlockPeriods(start, n, r.IsAtEnd ? null : r.ReadByte(nameof(TariffType)));
        }

        public override void Write(ref FrameWriter w)
        {
            SeField.WriteTime(ref w, StartTime);
            w.WriteByte(NumberOfEvents);
            if (TariffType is byte t)
            {
                w.WriteByte(t);
            }
        }
    }

    /// <summary>Get Tier Labels (Price, client to server, 0x0A), SE 1.4 D.4.2.3.11: Issuer Tariff ID (uint32).</summary>
    public sealed record GetTierLabels(uint IssuerTariffId) : SmartEnergyCommand
    {
        public override ushort ClusterId => PriceCommands.ClusterId;

        public override byte CommandId => PriceCommands.GetTierLabels;

        public override ZclDirection Direction => ZclDirection.ClientToServer;

        public override int EncodedLength => 4;

        public static GetTierLabels Decode(ReadOnlySpan<byte> payload) => DecodeWhole(payload, Read);

        internal static GetTierLabels Read(ref FrameReader r) => new GetTierLabels(r.ReadUInt32(nameof(IssuerTariffId)));

        public override void Write(ref FrameWriter w) => w.WriteUInt32(IssuerTariffId);
    }
}
