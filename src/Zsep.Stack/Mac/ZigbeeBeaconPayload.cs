using System;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;

namespace Zsep.Stack.Mac
{
    /// <summary>
    /// The NWK information a Zigbee router or coordinator puts in the MAC beacon payload, Zigbee PRO 2015
    /// (05-3474-21) 3.6.7 "NWK Information in the MAC Beacons", Table 3-61. 15 bytes; the 11-byte form of
    /// Zigbee 2006 (no TxOffset, no nwkUpdateId) also decodes. Reserved bits 0-1 of the third byte are not kept.
    /// </summary>
    public sealed record ZigbeeBeaconPayload
    {
        /// <summary>Length of the Zigbee 2007 / PRO beacon payload.</summary>
        public const int Length = 15;

        /// <summary>Length of the Zigbee 2006 beacon payload (no TxOffset / nwkUpdateId).</summary>
        public const int LegacyLength = 11;

        /// <summary>Protocol ID: 0 for Zigbee.</summary>
        public byte ProtocolId { get; init; }

        /// <summary>Stack Profile, bits 0-3 of byte 1 (2 = Zigbee PRO).</summary>
        public ZigbeeStackProfile StackProfile { get; init; } = ZigbeeStackProfile.ZigbeePro;

        /// <summary>nwkcProtocolVersion, bits 4-7 of byte 1 (2 for Zigbee 2007 and later).</summary>
        public byte NwkProtocolVersion { get; init; } = 2;

        /// <summary>Router Capacity: the device accepts join requests from routers.</summary>
        public bool RouterCapacity { get; init; }

        /// <summary>Device Depth (0-15).</summary>
        public byte DeviceDepth { get; init; }

        /// <summary>End Device Capacity: the device accepts join requests from end devices.</summary>
        public bool EndDeviceCapacity { get; init; }

        /// <summary>nwkExtendedPANId, shown most significant byte first like an EUI-64.</summary>
        public Eui64 NwkExtendedPanId { get; init; }

        /// <summary>TxOffset (24 bits; 0xFFFFFF in non-beacon networks). Null in the 11-byte legacy form.</summary>
        public uint? TxOffset { get; init; } = 0xFFFFFF;

        /// <summary>nwkUpdateId. Null in the 11-byte legacy form.</summary>
        public byte? NwkUpdateId { get; init; } = 0;

        public int EncodedLength => TxOffset.HasValue || NwkUpdateId.HasValue ? Length : LegacyLength;

        public static ZigbeeBeaconPayload Decode(ReadOnlySpan<byte> data) => Decode(data, 0);

        internal static ZigbeeBeaconPayload Decode(ReadOnlySpan<byte> data, int baseOffset)
        {
            var r = new FrameReader(data, FrameLayer.Mac, baseOffset);
            if (data.Length != Length && data.Length != LegacyLength)
            {
                throw r.Error("BeaconPayload", $"A Zigbee beacon payload is {Length} (or {LegacyLength}) bytes, not {data.Length}");
            }

            byte protocolId = r.ReadByte("BeaconPayload.ProtocolId");
            byte b1 = r.ReadByte("BeaconPayload.StackProfile");
            byte b2 = r.ReadByte("BeaconPayload.DeviceDepth");
            Eui64 epid = r.ReadEui64("BeaconPayload.NwkExtendedPanId");
            uint? txOffset = null;
            byte? updateId = null;
            if (data.Length == Length)
            {
                txOffset = r.ReadUInt24("BeaconPayload.TxOffset");
                updateId = r.ReadByte("BeaconPayload.NwkUpdateId");
            }

            return new ZigbeeBeaconPayload
            {
                ProtocolId = protocolId,
                StackProfile = (ZigbeeStackProfile)(b1 & 0x0F),
                NwkProtocolVersion = (byte)(b1 >> 4),
                RouterCapacity = (b2 & 0x04) != 0,
                DeviceDepth = (byte)((b2 >> 3) & 0x0F),
                EndDeviceCapacity = (b2 & 0x80) != 0,
                NwkExtendedPanId = epid,
                TxOffset = txOffset,
                NwkUpdateId = updateId,
            };
        }

        public static bool TryDecode(ReadOnlySpan<byte> data, out ZigbeeBeaconPayload? value, out FrameFormatException? error) =>
            FrameCodec.TryDecode(data, static d => Decode(d), out value, out error);

        public int Encode(Span<byte> destination)
        {
            if ((byte)StackProfile > 15 || NwkProtocolVersion > 15 || DeviceDepth > 15 || (TxOffset ?? 0) > 0xFFFFFF)
            {
                throw new InvalidOperationException("Stack profile, protocol version and device depth are 4-bit values; TxOffset is 24-bit.");
            }

            var w = new FrameWriter(destination);
            w.WriteByte(ProtocolId);
            w.WriteByte((byte)((byte)StackProfile | (NwkProtocolVersion << 4)));
            w.WriteByte((byte)((RouterCapacity ? 0x04 : 0) | (DeviceDepth << 3) | (EndDeviceCapacity ? 0x80 : 0)));
            w.WriteEui64(NwkExtendedPanId);
            if (EncodedLength == Length)
            {
                w.WriteUInt24(TxOffset ?? 0xFFFFFF);
                w.WriteByte(NwkUpdateId ?? 0);
            }

            return w.Position;
        }

        public byte[] ToArray()
        {
            var bytes = new byte[EncodedLength];
            Encode(bytes);
            return bytes;
        }
    }
}
