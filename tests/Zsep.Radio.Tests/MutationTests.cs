using System;
using System.Collections.Generic;
using System.Diagnostics;
using Xunit;
using Zsep.Radio.Hdlc;
using Zsep.Radio.Spinel;
using Zsep.Stack.Codec;

namespace Zsep.Radio.Tests
{
    /// <summary>
    /// Seeded mutation runs: corrupted HDLC streams and corrupted Spinel frames only ever give frames, counted drops or
    /// <see cref="FrameFormatException"/>; anything else fails the test with the input that caused it.
    /// </summary>
    public class MutationTests
    {
        private static byte[] Mutate(Random rng, byte[] input)
        {
            var data = new List<byte>(input);
            int edits = rng.Next(1, 4);
            for (int e = 0; e < edits; e++)
            {
                switch (rng.Next(7))
                {
                    case 0 when data.Count > 0: // bit flip
                        int at = rng.Next(data.Count);
                        data[at] ^= (byte)(1 << rng.Next(8));
                        break;
                    case 1 when data.Count > 0: // truncation
                        int cut = rng.Next(data.Count);
                        data.RemoveRange(cut, data.Count - cut);
                        break;
                    case 2: // insertion, often of a framing byte
                        byte b = rng.Next(3) switch { 0 => (byte)0x7E, 1 => (byte)0x7D, _ => (byte)rng.Next(256) };
                        data.Insert(rng.Next(data.Count + 1), b);
                        break;
                    case 3 when data.Count > 0: // a length-ish byte set to 0xFF
                        data[rng.Next(data.Count)] = 0xFF;
                        break;
                    case 4 when data.Count > 0: // deletion
                        data.RemoveAt(rng.Next(data.Count));
                        break;
                    case 5 when data.Count > 1: // duplicate a slice
                        int from = rng.Next(data.Count);
                        int len = rng.Next(1, Math.Min(16, data.Count - from) + 1);
                        data.InsertRange(rng.Next(data.Count), data.GetRange(from, len));
                        break;
                    default: // random byte
                        if (data.Count > 0)
                        {
                            data[rng.Next(data.Count)] = (byte)rng.Next(256);
                        }

                        break;
                }
            }

            return data.ToArray();
        }

        private static byte[] RandomSpinel(Random rng)
        {
            switch (rng.Next(4))
            {
                case 0:
                    return SpinelRoundTripTests.RandomReceived(rng).ToFrame((byte)rng.Next(16)).ToArray();
                case 1:
                    return SpinelRoundTripTests.RandomTransmit(rng).ToFrame((byte)rng.Next(16)).ToArray();
                case 2:
                    return new SpinelFrame
                    {
                        Tid = (byte)rng.Next(16),
                        CommandId = SpinelCommandId.PropValueIs,
                        PropertyId = (SpinelPropertyId)rng.Next(0, 0xB2),
                        Value = new SpinelProtocolVersion((uint)rng.Next(0, 20000), (uint)rng.Next(0, 200)).ToArray(),
                    }.ToArray();
                default:
                    SpinelFrame f = SpinelRoundTripTests.RandomFrame(rng);
                    return (f.Value.Length > 64 ? f with { Value = f.Value.AsSpan(0, 64).ToArray() } : f).ToArray();
            }
        }

        /// <summary>Every decoder a driver would run on a deframed frame.</summary>
        private static void DecodeAll(byte[] bytes)
        {
            if (!SpinelFrame.TryDecode(bytes, out SpinelFrame? frame, out _))
            {
                return;
            }

            Assert.Equal(bytes, frame!.ToArray());
            TryValue(frame.Value, v => SpinelStreamRawReceived.Decode(v).ToArray());
            TryValue(frame.Value, v => SpinelStreamRawTransmit.Decode(v).ToArray());
            TryValue(frame.Value, v => SpinelProtocolVersion.Decode(v).ToArray());
            TryValue(frame.Value, v => SpinelValue.DecodePackedUIntArray(v));
            TryValue(frame.Value, v => SpinelValue.DecodePackedUInt(v));
            TryValue(frame.Value, v => SpinelValue.DecodeBool(v));
            TryValue(frame.Value, v => SpinelValue.DecodeEui64(v));
            TryValue(frame.Value, v => SpinelValue.DecodeUInt16(v));
            TryValue(frame.Value, v => SpinelValue.DecodeUtf8(v));
        }

        private static void TryValue(byte[] value, Func<byte[], object> decode)
        {
            try
            {
                decode(value);
            }
            catch (FrameFormatException)
            {
            }
        }

        [Fact]
        public void Hdlc_and_Spinel_mutated_streams_give_frames_drops_or_FrameFormatException()
        {
            var rng = new Random(20240601);
            var decoder = new HdlcDecoder(maxFrameLength: 512);
            var frames = new List<byte[]>();
            var watch = Stopwatch.StartNew();
            long fed = 0;
            const int Streams = 100_000;
            for (int i = 0; i < Streams; i++)
            {
                var stream = new List<byte>();
                int count = rng.Next(1, 4);
                for (int k = 0; k < count; k++)
                {
                    stream.AddRange(HdlcEncoder.Encode(RandomSpinel(rng)));
                }

                byte[] corrupted = Mutate(rng, stream.ToArray());
                fed += corrupted.Length;
                try
                {
                    frames.Clear();
                    for (int at = 0; at < corrupted.Length;)
                    {
                        int n = Math.Min(corrupted.Length - at, rng.Next(1, 40));
                        decoder.Feed(corrupted.AsSpan(at, n), frames);
                        at += n;
                    }

                    foreach (byte[] frame in frames)
                    {
                        Assert.True(frame.Length <= decoder.MaxFrameLength);
                        DecodeAll(frame);
                    }
                }
                catch (Exception e) when (e is not FrameFormatException && e is not Xunit.Sdk.XunitException)
                {
                    Assert.Fail($"stream {i}: {e.GetType().Name}: {e.Message} input {Zsep.Stack.Types.Hex.Format(corrupted)}");
                }
            }

            // Mutations really reach both the drop paths and the good path.
            Assert.True(decoder.FramesDecoded > Streams / 2, $"decoded {decoder.FramesDecoded}");
            Assert.True(decoder.FcsErrors > 1000, $"FCS errors {decoder.FcsErrors}");
            Assert.True(decoder.InvalidFrames > 100, $"invalid {decoder.InvalidFrames}");
            Assert.True(decoder.BytesDiscarded > 0 && decoder.BytesDiscarded < fed);
        }

        [Fact]
        public void Spinel_mutated_frames_decode_or_throw_FrameFormatException()
        {
            var rng = new Random(424242);
            int rejected = 0;
            for (int i = 0; i < 150_000; i++)
            {
                byte[] corrupted = Mutate(rng, RandomSpinel(rng));
                try
                {
                    if (!SpinelFrame.TryDecode(corrupted, out _, out _))
                    {
                        rejected++;
                    }

                    DecodeAll(corrupted);
                }
                catch (Exception e) when (e is not FrameFormatException && e is not Xunit.Sdk.XunitException)
                {
                    Assert.Fail($"frame {i}: {e.GetType().Name}: {e.Message} input {Zsep.Stack.Types.Hex.Format(corrupted)}");
                }
            }

            Assert.True(rejected > 1000, $"rejected {rejected}");
        }

        [Fact]
        public void Hdlc_random_noise_never_grows_or_throws()
        {
            var rng = new Random(31337);
            var decoder = new HdlcDecoder(maxFrameLength: 256);
            var buffer = new byte[4096];
            var frames = new List<byte[]>();
            for (int i = 0; i < 500; i++)
            {
                rng.NextBytes(buffer);
                decoder.Feed(buffer.AsSpan(0, rng.Next(buffer.Length)), frames);
            }

            foreach (byte[] f in frames)
            {
                Assert.True(f.Length <= 256);
            }

            Assert.True(decoder.Overflows + decoder.FcsErrors + decoder.InvalidFrames > 0);
        }
    }
}
