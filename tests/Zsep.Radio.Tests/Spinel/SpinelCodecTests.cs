using System;
using Xunit;
using Zsep.Radio.Spinel;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;

namespace Zsep.Radio.Tests
{
    /// <summary>Spinel frame, packed integer and value codecs (draft-rquattle-spinel-unified sections 2-6).</summary>
    public class SpinelCodecTests
    {
        private static byte[] H(string hex) => Hex.Parse(hex);

        [Theory]
        [InlineData("808080")] // continuation on the third byte: a fourth would follow
        [InlineData("ffffff7f")]
        [InlineData("80")] // truncated
        [InlineData("ff80")] // truncated after two
        [InlineData("")]
        public void Spinel_3_2_packed_uint_rejects_overlong_and_truncated(string hex)
        {
            var e = Assert.Throws<FrameFormatException>(() => SpinelPackedUInt.Decode(H(hex)));
            Assert.Equal(FrameLayer.Spinel, e.Layer);
            Assert.Equal("PackedUInt", e.Field);
        }

        [Theory]
        [InlineData("8000")]
        [InlineData("818000")]
        public void Spinel_3_2_packed_uint_rejects_non_shortest_form(string hex)
        {
            var e = Assert.Throws<FrameFormatException>(() => SpinelPackedUInt.Decode(H(hex)));
            Assert.Contains("shortest", e.Reason);
            Assert.Equal(0, e.Offset);
        }

        [Fact]
        public void Spinel_3_2_packed_uint_range()
        {
            Assert.Equal(2097151u, SpinelPackedUInt.MaxValue);
            Assert.Throws<ArgumentOutOfRangeException>(() => SpinelPackedUInt.Encode(2097152));
            Assert.Throws<FrameFormatException>(() => SpinelPackedUInt.Decode(H("0000"))); // trailing byte
            for (uint v = 0; v < 70000; v += 7)
            {
                Assert.Equal(v, SpinelPackedUInt.Decode(SpinelPackedUInt.Encode(v)));
            }
        }

        [Theory]
        [InlineData("0001")]
        [InlineData("4001")]
        [InlineData("c001")]
        [InlineData("ff")]
        public void Spinel_2_1_1_header_flag_must_be_0b10(string hex)
        {
            var e = Assert.Throws<FrameFormatException>(() => SpinelFrame.Decode(H(hex)));
            Assert.Equal("Header.Flag", e.Field);
            Assert.False(SpinelFrame.TryDecode(H(hex), out SpinelFrame? frame, out FrameFormatException? error));
            Assert.Null(frame);
            Assert.NotNull(error);
        }

        [Fact]
        public void Spinel_2_1_header_nli_and_tid()
        {
            SpinelFrame frame = SpinelFrame.Decode(H("b5 02 01"));
            Assert.Equal(3, frame.Nli);
            Assert.Equal(5, frame.Tid);
            Assert.Equal(SpinelCommandId.PropValueGet, frame.CommandId);
            Assert.Equal(SpinelPropertyId.ProtocolVersion, frame.PropertyId);
            Assert.Equal(0xB5, frame.Header);
            Assert.Throws<ArgumentOutOfRangeException>(() => new SpinelFrame { Tid = 16 });
            Assert.Throws<ArgumentOutOfRangeException>(() => new SpinelFrame { Nli = 4 });
        }

        [Fact]
        public void Spinel_2_2_errors_name_field_and_offset()
        {
            Assert.Equal("Header", Assert.Throws<FrameFormatException>(() => SpinelFrame.Decode(default)).Field);
            Assert.Equal("CommandId", Assert.Throws<FrameFormatException>(() => SpinelFrame.Decode(H("80"))).Field);
            var e = Assert.Throws<FrameFormatException>(() => SpinelFrame.Decode(H("80 06 80")));
            Assert.Equal("PropertyId", e.Field);
            Assert.Equal(2, e.Offset);
            Assert.Equal("PropertyId", Assert.Throws<FrameFormatException>(() => SpinelFrame.Decode(H("80 02"))).Field);
        }

        [Fact]
        public void Spinel_4_commands_build_and_encode()
        {
            Assert.Equal(H("81 02 01"), SpinelFrame.PropertyGet(SpinelPropertyId.ProtocolVersion, 1).ToArray());
            Assert.Equal(H("82 02 b0 01"), SpinelFrame.PropertyGet(SpinelPropertyId.RcpApiVersion, 2).ToArray());
            Assert.Equal(H("83 03 37 01"), SpinelFrame.PropertySet(SpinelPropertyId.MacRawStreamEnabled, SpinelValue.EncodeBool(true), 3).ToArray());
            Assert.Equal(H("80 00"), SpinelFrame.Command(SpinelCommandId.Noop).ToArray());
            Assert.Equal(H("80 01 02"), SpinelFrame.Command(SpinelCommandId.Reset, 0, new[] { (byte)SpinelResetType.Stack }).ToArray());
            Assert.Throws<ArgumentException>(() => SpinelFrame.Command(SpinelCommandId.PropValueIs));
            Assert.Throws<InvalidOperationException>(() => new SpinelFrame { CommandId = SpinelCommandId.PropValueIs }.ToArray());
            Assert.Throws<InvalidOperationException>(() => new SpinelFrame { CommandId = SpinelCommandId.Noop, PropertyId = SpinelPropertyId.LastStatus }.ToArray());
            Assert.Throws<ArgumentOutOfRangeException>(() => new SpinelFrame { CommandId = (SpinelCommandId)2097152 }.ToArray());
        }

        [Fact]
        public void Spinel_4_unknown_and_large_command_ids_keep_their_payload()
        {
            // The first vendor command id, 15360 = 0x3C00, packs as 80 78; its payload is kept raw.
            byte[] bytes = H("80 80 78 de ad");
            SpinelFrame frame = SpinelFrame.Decode(bytes);
            Assert.Equal(SpinelCommandId.VendorBegin, frame.CommandId);
            Assert.Null(frame.PropertyId);
            Assert.Equal(H("dead"), frame.Value);
            Assert.Equal(bytes, frame.ToArray());
            Assert.Contains("VendorBegin", frame.ToString());
        }

        [Fact]
        public void Spinel_5_property_ids_match_openthread_spinel_h()
        {
            Assert.Equal(0x20u, (uint)SpinelPropertyId.PhyEnabled);
            Assert.Equal(0x25u, (uint)SpinelPropertyId.PhyTxPower);
            Assert.Equal(0x36u, (uint)SpinelPropertyId.Mac15_4PanId);
            Assert.Equal(0x39u, (uint)SpinelPropertyId.MacEnergyScanResult);
            Assert.Equal(0x3Bu, (uint)SpinelPropertyId.MacRxOnWhenIdleMode);
            Assert.Equal(0x71u, (uint)SpinelPropertyId.StreamRaw);
            Assert.Equal(0x1303u, (uint)SpinelPropertyId.MacSrcMatchEnabled);
            Assert.Equal(0x801u, (uint)SpinelPropertyId.RcpMacFrameCounter);
            Assert.Equal(0x120Bu, (uint)SpinelPropertyId.RadioCaps);
        }

        [Fact]
        public void Spinel_3_1_simple_values()
        {
            Assert.True(SpinelValue.DecodeBool(H("01")));
            Assert.False(SpinelValue.DecodeBool(H("00")));
            Assert.Equal("Bool", Assert.Throws<FrameFormatException>(() => SpinelValue.DecodeBool(H("02"))).Field);
            Assert.Equal(-20, SpinelValue.DecodeInt8(H("ec")));
            Assert.Equal(0x1234, SpinelValue.DecodeUInt16(H("3412")));
            Assert.Equal(-2, SpinelValue.DecodeInt16(H("feff")));
            Assert.Equal(2405000u, SpinelValue.DecodeUInt32(SpinelValue.EncodeUInt32(2405000)));
            Assert.Equal(H("ec"), SpinelValue.EncodeInt8(-20));
            Assert.Equal(H("3412"), SpinelValue.EncodeUInt16(0x1234));
            Assert.Equal(H("feff"), SpinelValue.EncodeInt16(-2));
            Assert.Equal(H("0b"), SpinelValue.EncodeUInt8(11));
            Assert.Throws<FrameFormatException>(() => SpinelValue.DecodeUInt16(H("34")));

            // E is big-endian in Spinel: the bytes read as the label prints.
            Eui64 eui = SpinelValue.DecodeEui64(H("000d6f000bbcab01"));
            Assert.Equal("00:0D:6F:00:0B:BC:AB:01", eui.ToString());
            Assert.Equal(H("000d6f000bbcab01"), SpinelValue.EncodeEui64(eui));
            Assert.Throws<FrameFormatException>(() => SpinelValue.DecodeEui64(H("000d6f")));

            Assert.Equal("OPENTHREAD/1.3", SpinelValue.DecodeUtf8(SpinelValue.EncodeUtf8("OPENTHREAD/1.3")));
            Assert.Equal("abc", SpinelValue.DecodeUtf8(H("616263")));
            Assert.Equal(string.Empty, SpinelValue.DecodeUtf8(H("00")));

            uint[] caps = { 5, 8, 34, 64, 65, 513 };
            byte[] packed = SpinelValue.EncodePackedUIntArray(caps);
            Assert.Equal(caps, SpinelValue.DecodePackedUIntArray(packed));
            Assert.Equal("Array.Item", Assert.Throws<FrameFormatException>(() => SpinelValue.DecodePackedUIntArray(H("05 81"))).Field);
            Assert.Equal(SpinelStatus.NoAck, SpinelValue.DecodeStatus(H("11")));
            Assert.Equal(H("8101"), SpinelValue.EncodePackedUInt(129));
            Assert.Equal(129u, SpinelValue.DecodePackedUInt(H("8101")));
        }

        [Fact]
        public void Spinel_5_stream_raw_partial_metadata_is_accepted()
        {
            SpinelStreamRawReceived none = SpinelStreamRawReceived.Decode(H("0200 aabb"));
            Assert.Equal(H("aabb"), none.MacFrame);
            Assert.Equal(-128, none.Rssi);
            Assert.Equal(-128, none.NoiseFloor);
            Assert.Null(none.Channel);
            Assert.Empty(none.Metadata);

            SpinelStreamRawReceived rssi = SpinelStreamRawReceived.Decode(H("0200 aabb d7"));
            Assert.Equal(-41, rssi.Rssi);
            Assert.Equal(-128, rssi.NoiseFloor);

            SpinelStreamRawReceived phy = SpinelStreamRawReceived.Decode(H("0200 aabb d7 a0 0400 0100 0b"));
            Assert.Equal(-96, phy.NoiseFloor);
            Assert.Equal(SpinelMetadataFlags.BadFcs, phy.Flags);
            Assert.Equal((byte)11, phy.Channel);
            Assert.Null(phy.Lqi);
            Assert.Null(phy.ReceiveError);

            // A PHY struct longer than known (future fields) is accepted; the metadata re-encodes verbatim.
            byte[] longer = H("0100 aa d7 80 0000 0c00 0f c8 0100000000000000 ee ff 0100 00");
            SpinelStreamRawReceived ext = SpinelStreamRawReceived.Decode(longer);
            Assert.Equal((byte)15, ext.Channel);
            Assert.Equal((byte)200, ext.Lqi);
            Assert.Equal(1UL, ext.Timestamp);
            Assert.Equal(0u, ext.ReceiveError);
            Assert.Equal(longer, ext.ToArray());
        }

        [Theory]
        [InlineData("0500 aabb", "StreamRaw.Frame")] // frame length beyond the value
        [InlineData("02", "StreamRaw.FrameLength")]
        [InlineData("0200 aabb d7 80 00", "StreamRaw.Metadata.Flags")]
        [InlineData("0200 aabb d7 80 0000 0a00 0b", "StreamRaw.Metadata.PhyData")]
        [InlineData("0200 aabb d7 80 0000 0500 0b c8 010203", "StreamRaw.Metadata.PhyData.Timestamp")]
        [InlineData("0200 aabb d7 80 0000 0000 0100 80", "StreamRaw.Metadata.VendorData.ReceiveError")]
        [InlineData("0200 aabb d7 80 0000 0000 0000 0300 00 0102", "StreamRaw.Metadata.MacData.AckFrameCounter")]
        [InlineData("0200 aabb d7 80 0000 01", "StreamRaw.Metadata.PhyData.Length")]
        public void Spinel_5_stream_raw_malformed_metadata(string hex, string field)
        {
            var e = Assert.Throws<FrameFormatException>(() => SpinelStreamRawReceived.Decode(H(hex)));
            Assert.Equal(field, e.Field);
            Assert.False(SpinelStreamRawReceived.TryDecode(H(hex), out _, out FrameFormatException? error));
            Assert.Equal(field, error!.Field);
        }

        [Fact]
        public void Spinel_5_stream_raw_transmit_encoding()
        {
            byte[] psdu = H("4188 01 3412 ffff 0000 09 12 0000");
            var tx = new SpinelStreamRawTransmit { MacFrame = psdu, Channel = 15 };
            Assert.Equal(H("0d00").Concat(psdu).Concat(H("0f")), tx.ToArray());

            var full = new SpinelStreamRawTransmit
            {
                MacFrame = psdu,
                Channel = 15,
                MaxCsmaBackoffs = 4,
                MaxFrameRetries = 3,
                CsmaCaEnabled = true,
                IsHeaderUpdated = false,
                IsARetx = false,
                IsSecurityProcessed = false,
                TxDelay = 0,
                TxDelayBaseTime = 0,
                RxChannelAfterTxDone = 15,
            };
            byte[] fullBytes = full.ToArray();
            Assert.Equal(H("0d00").Concat(psdu).Concat(H("0f 04 03 01 00 00 00 00000000 00000000 0f")), fullBytes);
            Assert.Equal(full.EncodedLength, fullBytes.Length);
            Assert.Equal(full, SpinelStreamRawTransmit.Decode(fullBytes));

            // A gap before a set field is written with its default.
            var gap = new SpinelStreamRawTransmit { MacFrame = psdu, Channel = 20, CsmaCaEnabled = false };
            Assert.Equal(H("0d00").Concat(psdu).Concat(H("14 04 03 00")), gap.ToArray());

            SpinelFrame frame = tx.ToFrame(7);
            Assert.Equal(SpinelCommandId.PropValueSet, frame.CommandId);
            Assert.Equal(SpinelPropertyId.StreamRaw, frame.PropertyId);
            Assert.Equal(0x87, frame.ToArray()[0]);
            Assert.Equal("StreamRaw.Tx.Channel", Assert.Throws<FrameFormatException>(() => SpinelStreamRawTransmit.Decode(H("0100 aa"))).Field);
            Assert.Equal("StreamRaw.Tx.CsmaCaEnabled", Assert.Throws<FrameFormatException>(() => SpinelStreamRawTransmit.Decode(H("0100 aa 0f 04 03 02"))).Field);
        }
    }

    internal static class ByteArrayConcat
    {
        public static byte[] Concat(this byte[] a, byte[] b)
        {
            var r = new byte[a.Length + b.Length];
            a.CopyTo(r, 0);
            b.CopyTo(r, a.Length);
            return r;
        }
    }
}
