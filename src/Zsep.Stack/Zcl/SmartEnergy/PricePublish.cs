using System;
using System.Collections.Generic;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Zcl.SmartEnergy
{
    /// <summary>
    /// Publish Block Period (Price 0x0700, server to client, 0x01), SE 1.4 (07-5356-19) D.4.2.4.2, Figure D-89:
    /// <code>
    /// off len field
    ///   0   4 Provider ID (uint32)
    ///   4   4 Issuer Event ID (uint32)
    ///   8   4 Block Period Start Time (UTCTime, 0 = now, 0xFFFFFFFF = cancel)
    ///  12   3 Block Period Duration (uint24, units per the duration type; 0xFFFFFF = until changed)
    ///  15   1 Block Period Control (map8: bit 0 price acknowledgement required, bit 1 repeating block)
    ///  16   1 Block Period Duration Type (map8: bits 0-3 timebase, bits 4-7 duration control)
    ///  17   1 Tariff Type (map8: bits 0-3 tariff type, 0 delivered, 1 received, 2 delivered and received)
    ///  18   1 Tariff Resolution Period (enum8)
    /// </code>
    /// (SE 1.1 carried a tiers/thresholds octet before the control field and stopped at 17 bytes; this is the 1.4 layout.)
    /// </summary>
    public sealed record PublishBlockPeriod(
        uint ProviderId,
        uint IssuerEventId,
        ZclUtcTime BlockPeriodStartTime,
        uint BlockPeriodDuration,
        byte BlockPeriodControl,
        byte BlockPeriodDurationType,
        byte TariffType,
        byte TariffResolutionPeriod) : SmartEnergyCommand
    {
        public override ushort ClusterId => PriceCommands.ClusterId;

        public override byte CommandId => PriceCommands.PublishBlockPeriod;

        public override ZclDirection Direction => ZclDirection.ServerToClient;

        public override int EncodedLength => 19;

        public static PublishBlockPeriod Decode(ReadOnlySpan<byte> payload) => DecodeWhole(payload, Read);

        internal static PublishBlockPeriod Read(ref FrameReader r) => new PublishBlockPeriod(
            r.ReadUInt32(nameof(ProviderId)),
            r.ReadUInt32(nameof(IssuerEventId)),
            SeField.ReadTime(ref r, nameof(BlockPeriodStartTime)),
            r.ReadUInt24(nameof(BlockPeriodDuration)),
            r.ReadByte(nameof(BlockPeriodControl)),
            r.ReadByte(nameof(BlockPeriodDurationType)),
            r.ReadByte(nameof(TariffType)),
            r.ReadByte(nameof(TariffResolutionPeriod)));

        public override void Write(ref FrameWriter w)
        {
            if (BlockPeriodDuration > 0xFFFFFF)
            {
                throw new ArgumentException($"BlockPeriodDuration {BlockPeriodDuration} does not fit 24 bits.", nameof(BlockPeriodDuration));
            }

            w.WriteUInt32(ProviderId);
            w.WriteUInt32(IssuerEventId);
            SeField.WriteTime(ref w, BlockPeriodStartTime);
            w.WriteUInt24(BlockPeriodDuration);
            w.WriteByte(BlockPeriodControl);
            w.WriteByte(BlockPeriodDurationType);
            w.WriteByte(TariffType);
            w.WriteByte(TariffResolutionPeriod);
        }
    }

    /// <summary>One Tier ID / Tier Label pair of Publish Tier Labels (the label is an octet string of up to 12 UTF-8 bytes).</summary>
    public readonly record struct PriceTierLabel(byte TierId, ZclOctets TierLabel)
    {
        public override string ToString() => $"{TierId}={TierLabel}";
    }

    /// <summary>
    /// Publish Tier Labels (Price 0x0700, server to client, 0x08), SE 1.4 (07-5356-19) D.4.2.4.9, Figure D-96:
    /// <code>
    /// off len field
    ///   0   4 Provider ID (uint32)
    ///   4   4 Issuer Event ID (uint32)
    ///   8   4 Issuer Tariff ID (uint32)
    ///  12   1 Command Index (uint8, from 0)
    ///  13   1 Total Number of Commands (uint8)
    ///  14   1 Number of Labels (uint8)
    ///  15     Number of Labels x { Tier ID (uint8), Tier Label (octet string) }
    /// </code>
    /// A table too long for one ZCL frame is split over several commands (Command Index / Total Number of Commands);
    /// the issue asks for APS fragmentation instead, which this record does not limit (up to 255 labels).
    /// </summary>
    public sealed record PublishTierLabels(
        uint ProviderId,
        uint IssuerEventId,
        uint IssuerTariffId,
        byte CommandIndex,
        byte TotalNumberOfCommands,
        IReadOnlyList<PriceTierLabel> Labels) : SmartEnergyCommand
    {
        public override ushort ClusterId => PriceCommands.ClusterId;

        public override byte CommandId => PriceCommands.PublishTierLabels;

        public override ZclDirection Direction => ZclDirection.ServerToClient;

        public override int EncodedLength
        {
            get
            {
                int n = 15;
                foreach (PriceTierLabel l in Labels)
                {
                    n += 1 + SeField.OctetsLength(l.TierLabel);
                }

                return n;
            }
        }

        public static PublishTierLabels Decode(ReadOnlySpan<byte> payload) => DecodeWhole(payload, Read);

        internal static PublishTierLabels Read(ref FrameReader r)
        {
            uint provider = r.ReadUInt32(nameof(ProviderId));
            uint issuer = r.ReadUInt32(nameof(IssuerEventId));
            uint tariff = r.ReadUInt32(nameof(IssuerTariffId));
            byte index = r.ReadByte(nameof(CommandIndex));
            byte total = r.ReadByte(nameof(TotalNumberOfCommands));
            int count = r.ReadByte("NumberOfLabels");
            if (count * 2 > r.Remaining)
            {
                throw r.Error("NumberOfLabels", $"{count} labels need at least {count * 2} bytes but there are only {r.Remaining}");
            }

            var labels = new List<PriceTierLabel>(count);
            for (int i = 0; i < count; i++)
            {
                labels.Add(new PriceTierLabel(r.ReadByte("Labels.TierId"), SeField.ReadOctets(ref r, "Labels.TierLabel")));
            }

            return new PublishTierLabels(provider, issuer, tariff, index, total, labels.AsReadOnly());
        }

        public override void Write(ref FrameWriter w)
        {
            if (Labels.Count > 0xFF)
            {
                throw new ArgumentException($"{Labels.Count} tier labels; one command carries at most 255.", nameof(Labels));
            }

            w.WriteUInt32(ProviderId);
            w.WriteUInt32(IssuerEventId);
            w.WriteUInt32(IssuerTariffId);
            w.WriteByte(CommandIndex);
            w.WriteByte(TotalNumberOfCommands);
            w.WriteByte((byte)Labels.Count);
            foreach (PriceTierLabel l in Labels)
            {
                w.WriteByte(l.TierId);
                SeField.WriteOctets(ref w, l.TierLabel, "TierLabel");
            }
        }

        /// <summary>Equal when every field and every label (in order) are equal.</summary>
        public bool Equals(PublishTierLabels? other)
        {
            if (other is null || ProviderId != other.ProviderId || IssuerEventId != other.IssuerEventId || IssuerTariffId != other.IssuerTariffId ||
                CommandIndex != other.CommandIndex || TotalNumberOfCommands != other.TotalNumberOfCommands || Labels.Count != other.Labels.Count)
            {
                return false;
            }

            for (int i = 0; i < Labels.Count; i++)
            {
                if (!Labels[i].Equals(other.Labels[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override int GetHashCode() => unchecked((int)(IssuerEventId * 31) ^ (int)IssuerTariffId ^ (Labels.Count << 8) ^ CommandIndex);
    }
}
