using System;
using System.Collections.Generic;
using Xunit;
using Zsep.Radio.Hdlc;
using Zsep.Radio.Spinel;

namespace Zsep.Radio.Tests
{
    /// <summary>Seeded random round trips: encode, frame, deframe, decode, encode again.</summary>
    public class SpinelRoundTripTests
    {
        internal static SpinelFrame RandomFrame(Random rng)
        {
            uint command = rng.Next(4) switch
            {
                0 => (uint)rng.Next(0, 24),
                1 => (uint)rng.Next(2, 9),
                2 => (uint)rng.Next(0, 1 << 14),
                _ => (uint)rng.Next(0, (int)SpinelPackedUInt.MaxValue + 1),
            };
            var value = new byte[rng.Next(0, 3) == 0 ? rng.Next(0, 400) : rng.Next(0, 12)];
            rng.NextBytes(value);
            SpinelPropertyId? property = null;
            if (SpinelFrame.HasPropertyId((SpinelCommandId)command))
            {
                property = (SpinelPropertyId)(rng.Next(2) == 0 ? (uint)rng.Next(0, 0x200) : (uint)rng.Next(0, (int)SpinelPackedUInt.MaxValue + 1));
            }

            return new SpinelFrame
            {
                Tid = (byte)rng.Next(16),
                Nli = (byte)rng.Next(4),
                CommandId = (SpinelCommandId)command,
                PropertyId = property,
                Value = value,
            };
        }

        internal static SpinelStreamRawReceived RandomReceived(Random rng)
        {
            var mac = new byte[rng.Next(0, 128)];
            rng.NextBytes(mac);
            int depth = rng.Next(0, 10);
            return SpinelStreamRawReceived.Create(
                mac,
                (sbyte)rng.Next(-128, 128),
                (sbyte)rng.Next(-128, 128),
                (SpinelMetadataFlags)rng.Next(0, 0x10000),
                depth > 0 ? (byte)rng.Next(11, 27) : null,
                depth > 1 ? (byte)rng.Next(256) : null,
                depth > 2 ? (ulong)rng.NextInt64() : null,
                depth > 3 ? (uint)rng.Next(0, (int)SpinelPackedUInt.MaxValue + 1) : null,
                depth > 4 ? (byte)rng.Next(256) : null,
                depth > 5 ? (uint)rng.NextInt64(0, 1L << 32) : null);
        }

        internal static SpinelStreamRawTransmit RandomTransmit(Random rng)
        {
            var mac = new byte[rng.Next(3, 128)];
            rng.NextBytes(mac);
            int n = rng.Next(0, 12);
            var extra = new byte[n == 11 ? rng.Next(1, 6) : 0];
            rng.NextBytes(extra);
            return new SpinelStreamRawTransmit
            {
                MacFrame = mac,
                Channel = (byte)rng.Next(11, 27),
                MaxCsmaBackoffs = n >= 2 ? (byte)rng.Next(256) : null,
                MaxFrameRetries = n >= 3 ? (byte)rng.Next(256) : null,
                CsmaCaEnabled = n >= 4 ? rng.Next(2) == 1 : null,
                IsHeaderUpdated = n >= 5 ? rng.Next(2) == 1 : null,
                IsARetx = n >= 6 ? rng.Next(2) == 1 : null,
                IsSecurityProcessed = n >= 7 ? rng.Next(2) == 1 : null,
                TxDelay = n >= 8 ? (uint)rng.NextInt64(0, 1L << 32) : null,
                TxDelayBaseTime = n >= 9 ? (uint)rng.NextInt64(0, 1L << 32) : null,
                RxChannelAfterTxDone = n >= 10 ? (byte)rng.Next(11, 27) : null,
                ExtraMetadata = extra,
            };
        }

        [Fact]
        public void Spinel_2_random_frames_round_trip_through_hdlc()
        {
            var rng = new Random(1234);
            var decoder = new HdlcDecoder();
            var got = new List<byte[]>();
            for (int i = 0; i < 5000; i++)
            {
                SpinelFrame frame = RandomFrame(rng);
                byte[] bytes = frame.ToArray();
                Assert.Equal(bytes.Length, frame.EncodedLength);
                byte[] hdlc = HdlcEncoder.Encode(bytes);
                got.Clear();
                int at = 0;
                while (at < hdlc.Length)
                {
                    int n = Math.Min(hdlc.Length - at, rng.Next(1, 64));
                    decoder.Feed(hdlc.AsSpan(at, n), got);
                    at += n;
                }

                byte[] deframed = Assert.Single(got);
                Assert.Equal(bytes, deframed);
                SpinelFrame decoded = SpinelFrame.Decode(deframed);
                Assert.Equal(frame, decoded);
                Assert.Equal(frame.Tid, decoded.Tid);
                Assert.Equal(frame.Nli, decoded.Nli);
                Assert.Equal(frame.CommandId, decoded.CommandId);
                Assert.Equal(frame.PropertyId, decoded.PropertyId);
                Assert.Equal(frame.Value, decoded.Value);
                Assert.Equal(bytes, decoded.ToArray());
            }

            Assert.Equal(5000, decoder.FramesDecoded);
            Assert.Equal(0, decoder.FcsErrors + decoder.BytesDiscarded);
        }

        [Fact]
        public void Spinel_5_stream_raw_random_stream_raw_received_round_trip()
        {
            var rng = new Random(99);
            for (int i = 0; i < 3000; i++)
            {
                SpinelStreamRawReceived value = RandomReceived(rng);
                byte[] bytes = value.ToArray();
                SpinelFrame frame = SpinelFrame.Decode(value.ToFrame().ToArray());
                SpinelStreamRawReceived decoded = SpinelStreamRawReceived.Decode(frame.Value);
                Assert.Equal(bytes, decoded.ToArray());
                Assert.Equal(value.MacFrame, decoded.MacFrame);
                Assert.Equal(value.Metadata, decoded.Metadata);
                Assert.Equal(value.Rssi, decoded.Rssi);
                Assert.Equal(value.NoiseFloor, decoded.NoiseFloor);
                Assert.Equal(value.Flags, decoded.Flags);
                Assert.Equal(value.Channel, decoded.Channel);
                Assert.Equal(value.Lqi, decoded.Lqi);
                Assert.Equal(value.Timestamp, decoded.Timestamp);
                Assert.Equal(value.ReceiveError, decoded.ReceiveError);
                Assert.Equal(value.AckKeyId, decoded.AckKeyId);
                Assert.Equal(value.AckFrameCounter, decoded.AckFrameCounter);
            }
        }

        [Fact]
        public void Spinel_5_stream_raw_random_stream_raw_transmit_round_trip()
        {
            var rng = new Random(77);
            for (int i = 0; i < 3000; i++)
            {
                SpinelStreamRawTransmit value = RandomTransmit(rng);
                byte[] bytes = value.ToArray();
                Assert.Equal(bytes.Length, value.EncodedLength);
                SpinelStreamRawTransmit decoded = SpinelStreamRawTransmit.Decode(bytes);
                Assert.Equal(value, decoded);
                Assert.Equal(bytes, decoded.ToArray());
                Assert.Equal(value.ToFrame(3), SpinelFrame.Decode(value.ToFrame(3).ToArray()));
            }
        }

        [Fact]
        public void Spinel_3_random_simple_values_round_trip()
        {
            var rng = new Random(5);
            for (int i = 0; i < 3000; i++)
            {
                uint major = (uint)rng.Next(0, (int)SpinelPackedUInt.MaxValue + 1);
                uint minor = (uint)rng.Next(0, 300);
                var version = new SpinelProtocolVersion(major, minor);
                Assert.Equal(version, SpinelProtocolVersion.Decode(version.ToArray()));
                var eui = new Zsep.Stack.Types.Eui64((ulong)rng.NextInt64());
                Assert.Equal(eui, SpinelValue.DecodeEui64(SpinelValue.EncodeEui64(eui)));
                short s = (short)rng.Next(short.MinValue, short.MaxValue + 1);
                Assert.Equal(s, SpinelValue.DecodeInt16(SpinelValue.EncodeInt16(s)));
            }
        }
    }
}
