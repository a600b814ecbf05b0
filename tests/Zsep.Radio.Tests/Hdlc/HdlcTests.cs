using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xunit;
using Zsep.Radio.Hdlc;
using Zsep.Stack.Types;

namespace Zsep.Radio.Tests
{
    /// <summary>
    /// HDLC-lite (draft-rquattle-spinel-unified Appendix A, HDLC-Lite, RFC 1662 section 4 and Appendix C) as OpenThread's
    /// src/lib/hdlc frames Spinel on a serial line.
    /// </summary>
    public class HdlcTests
    {
        private static byte[] H(string hex) => Hex.Parse(hex);

        [Fact]
        public void Hdlc_Rfc1662_C_fcs_is_crc16_x25_check_value()
        {
            // The CRC catalogue check value of CRC-16/X-25 (a.k.a. CRC-16/IBM-SDLC): "123456789" -> 0x906E.
            Assert.Equal(0x906E, HdlcFcs.Compute(Encoding.ASCII.GetBytes("123456789")));
            Assert.Equal(0x0000, HdlcFcs.Compute(ReadOnlySpan<byte>.Empty) ^ 0x0000);
        }

        [Fact]
        public void Hdlc_Rfc1662_C_frame_plus_fcs_leaves_good_residue()
        {
            byte[] data = Encoding.ASCII.GetBytes("123456789");
            ushort fcs = HdlcFcs.Compute(data);
            byte[] withFcs = data.Concat(new[] { (byte)fcs, (byte)(fcs >> 8) }).ToArray();
            Assert.Equal(HdlcFcs.GoodResidue, HdlcFcs.Update(HdlcFcs.InitialValue, withFcs));
        }

        [Fact]
        public void Hdlc_A_1_2_encoder_matches_spinel_reset_vector()
        {
            // draft-rquattle-spinel-unified Appendix B, via tests/vectors/spinel-hdlc.json ("RESET command").
            Assert.Equal(H("7e800102927e"), HdlcEncoder.Encode(H("8001")));
        }

        [Fact]
        public void Hdlc_A_1_2_encoder_escapes_flag_escape_xon_xoff_and_f8()
        {
            byte[] frame = { 0x7E, 0x7D, 0x11, 0x13, 0xF8, 0x00, 0x20, 0x5E, 0xFF };
            byte[] encoded = HdlcEncoder.Encode(frame);
            Assert.Equal(H("7e7d5e7d5d7d317d337dd8"), encoded.AsSpan(0, 11).ToArray());
            Assert.Equal(0x00, encoded[11]);
            Assert.Equal(HdlcEncoder.GetEncodedLength(frame), encoded.Length);
            for (int i = 1; i < encoded.Length - 1; i++)
            {
                Assert.NotEqual(0x7E, encoded[i]);
                Assert.False(encoded[i] is 0x11 or 0x13 or 0xF8, $"unescaped 0x{encoded[i]:X2} at {i}");
            }

            var decoder = new HdlcDecoder();
            Assert.Equal(frame, Assert.Single(decoder.Feed(encoded)));
        }

        [Fact]
        public void Hdlc_A_1_2_encoder_escapes_fcs_bytes_and_reports_small_destination()
        {
            var rng = new Random(7);
            int escapedFcs = 0;
            for (int i = 0; i < 3000; i++)
            {
                byte[] frame = new byte[rng.Next(0, 8)];
                rng.NextBytes(frame);
                ushort fcs = HdlcFcs.Compute(frame);
                if (HdlcEncoder.NeedsEscape((byte)fcs) || HdlcEncoder.NeedsEscape((byte)(fcs >> 8)))
                {
                    escapedFcs++;
                }

                byte[] encoded = HdlcEncoder.Encode(frame);
                Assert.True(encoded.Length <= HdlcEncoder.GetMaxEncodedLength(frame.Length));
                Assert.Equal(frame, Assert.Single(new HdlcDecoder().Feed(encoded)));
            }

            Assert.True(escapedFcs > 0);
            Assert.Throws<ArgumentException>(() => HdlcEncoder.Encode(H("8001"), new byte[5]));

            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            Assert.Equal(6, HdlcEncoder.Encode(H("8001"), buffer));
            Assert.Equal(6, HdlcEncoder.Encode(H("8001"), buffer));
            Assert.Equal(H("7e800102927e7e800102927e"), buffer.WrittenSpan.ToArray());
        }

        [Fact]
        public void Hdlc_stream_one_byte_at_a_time()
        {
            List<byte[]> frames = RandomFrames(new Random(1), 200);
            byte[] stream = frames.SelectMany(f => HdlcEncoder.Encode(f)).ToArray();
            var decoder = new HdlcDecoder();
            var got = new List<byte[]>();
            foreach (byte b in stream)
            {
                decoder.Feed(new[] { b }, got);
            }

            AssertFrames(frames, got);
            Assert.Equal(200, decoder.FramesDecoded);
            Assert.Equal(0, decoder.FcsErrors + decoder.Overflows + decoder.InvalidFrames + decoder.BytesDiscarded);
        }

        [Fact]
        public void Hdlc_stream_random_chunking_and_merged_frames()
        {
            var rng = new Random(2);
            for (int round = 0; round < 50; round++)
            {
                List<byte[]> frames = RandomFrames(rng, 40);
                // Frames back to back share nothing here; every other pair shares one flag as RFC 1662 allows.
                var stream = new List<byte>();
                for (int i = 0; i < frames.Count; i++)
                {
                    byte[] e = HdlcEncoder.Encode(frames[i]);
                    stream.AddRange(i % 2 == 1 ? e.Skip(1) : e);
                }

                var decoder = new HdlcDecoder();
                var got = new List<byte[]>();
                byte[] all = stream.ToArray();
                for (int at = 0; at < all.Length;)
                {
                    int n = Math.Min(all.Length - at, rng.Next(1, 300));
                    decoder.Feed(all.AsSpan(at, n), got);
                    at += n;
                }

                AssertFrames(frames, got);
                Assert.Equal(0, decoder.FcsErrors + decoder.Overflows + decoder.InvalidFrames + decoder.BytesDiscarded);
            }
        }

        [Fact]
        public void Hdlc_stream_garbage_before_first_flag_is_discarded()
        {
            var decoder = new HdlcDecoder();
            byte[] garbage = H("00 11 22 33 80 06 00 72 fc");
            Assert.Empty(decoder.Feed(garbage));
            Assert.True(decoder.IsHunting);
            Assert.Equal(garbage.Length, decoder.BytesDiscarded);
            Assert.Equal(H("80060072"), Assert.Single(decoder.Feed(H("7e80060072fc577e"))));
            Assert.Equal(garbage.Length, decoder.BytesDiscarded);
        }

        [Fact]
        public void Hdlc_stream_started_mid_frame_drops_the_tail_and_recovers()
        {
            // The line was opened in the middle of a frame: its tail ends with a flag, which then opens the next frame.
            var decoder = new HdlcDecoder();
            IReadOnlyList<byte[]> got = decoder.Feed(H("0072fc577e80060072fc577e"));
            Assert.Equal(H("80060072"), Assert.Single(got));
            Assert.Equal(4, decoder.BytesDiscarded);
        }

        [Fact]
        public void Hdlc_stream_back_to_back_flags_are_empty_frames_ignored()
        {
            var decoder = new HdlcDecoder();
            IReadOnlyList<byte[]> got = decoder.Feed(H("7e7e7e7e800102927e7e7e800102927e7e"));
            Assert.Equal(2, got.Count);
            Assert.Equal(0, decoder.FcsErrors + decoder.InvalidFrames + decoder.BytesDiscarded);
        }

        [Fact]
        public void Hdlc_stream_bad_fcs_is_counted_and_dropped()
        {
            var decoder = new HdlcDecoder();
            // Middle frame: one payload bit flipped (0x72 -> 0x73 is XOFF-free: 0x73).
            IReadOnlyList<byte[]> got = decoder.Feed(H("7e800102927e 7e80060073fc577e 7e80060072fc577e"));
            Assert.Equal(2, got.Count);
            Assert.Equal(1, decoder.FcsErrors);
            Assert.Equal(6, decoder.BytesDiscarded);
            Assert.Equal(2, decoder.FramesDecoded);
        }

        [Fact]
        public void Hdlc_stream_escape_at_the_end_of_a_chunk()
        {
            byte[] frame = { 0x80, 0x06, 0x71, 0x7E, 0x7D, 0x11, 0x13, 0xF8 };
            byte[] encoded = HdlcEncoder.Encode(frame);
            for (int split = 1; split < encoded.Length; split++)
            {
                var decoder = new HdlcDecoder();
                Assert.Empty(decoder.Feed(encoded.AsSpan(0, split)));
                Assert.Equal(frame, Assert.Single(decoder.Feed(encoded.AsSpan(split))));
            }

            int escapeAt = Array.IndexOf(encoded, (byte)0x7D);
            var d = new HdlcDecoder();
            Assert.Empty(d.Feed(encoded.AsSpan(0, escapeAt + 1)));
            Assert.Equal(frame, Assert.Single(d.Feed(encoded.AsSpan(escapeAt + 1))));
        }

        [Fact]
        public void Hdlc_Rfc1662_4_abort_sequence_and_short_frames_are_invalid()
        {
            var decoder = new HdlcDecoder();
            // "7d 7e" aborts the frame in progress; the flag opens the next frame, which is good.
            IReadOnlyList<byte[]> got = decoder.Feed(H("7e 8006 7d 7e 800102927e"));
            Assert.Equal(H("8001"), Assert.Single(got));
            Assert.Equal(1, decoder.InvalidFrames);
            Assert.Equal(3, decoder.BytesDiscarded);

            got = decoder.Feed(H("7e 01 7e"));
            Assert.Empty(got);
            Assert.Equal(2, decoder.InvalidFrames);
            Assert.Equal(4, decoder.BytesDiscarded);
        }

        [Fact]
        public void Hdlc_stream_overlong_frame_is_an_overflow_and_the_buffer_stays_bounded()
        {
            var decoder = new HdlcDecoder(maxFrameLength: 64);
            byte[] big = new byte[65];
            new Random(3).NextBytes(big);
            byte[] good = new byte[64];
            new Random(4).NextBytes(good);
            var got = new List<byte[]>();
            decoder.Feed(HdlcEncoder.Encode(big), got);
            decoder.Feed(HdlcEncoder.Encode(good), got);
            Assert.Equal(good, Assert.Single(got));
            Assert.Equal(1, decoder.Overflows);

            // A megabyte without a flag: one overflow, then hunting; nothing is allocated per byte.
            var noise = new byte[1 << 20];
            for (int i = 0; i < noise.Length; i++)
            {
                noise[i] = (byte)(i % 0x7E);
            }

            decoder.Feed(new byte[] { 0x7E });
            long before = GC.GetAllocatedBytesForCurrentThread();
            IReadOnlyList<byte[]> none = decoder.Feed(noise);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Empty(none);
            Assert.True(allocated < 1024, $"allocated {allocated} bytes");
            Assert.Equal(2, decoder.Overflows);
            Assert.True(decoder.IsHunting);
            Assert.Equal(good, Assert.Single(decoder.Feed(HdlcEncoder.Encode(good))));
        }

        [Fact]
        public void Hdlc_decoder_default_bound_is_2048_and_accepts_exactly_that()
        {
            var decoder = new HdlcDecoder();
            Assert.Equal(2048, decoder.MaxFrameLength);
            byte[] frame = new byte[2048];
            new Random(5).NextBytes(frame);
            Assert.Equal(frame, Assert.Single(decoder.Feed(HdlcEncoder.Encode(frame))));
            Assert.Empty(decoder.Feed(HdlcEncoder.Encode(new byte[2049])));
            Assert.Equal(1, decoder.Overflows);
            Assert.Throws<ArgumentOutOfRangeException>(() => new HdlcDecoder(0));
        }

        [Fact]
        public void Hdlc_decoder_reset_forgets_a_partial_frame()
        {
            var decoder = new HdlcDecoder();
            Assert.Empty(decoder.Feed(H("7e8001")));
            decoder.Reset();
            Assert.True(decoder.IsHunting);
            Assert.Equal(2, decoder.BytesDiscarded);
            Assert.Single(decoder.Feed(H("7e800102927e")));
            decoder.ResetCounters();
            Assert.Equal(0, decoder.FramesDecoded + decoder.BytesDiscarded);
        }

        internal static List<byte[]> RandomFrames(Random rng, int count)
        {
            var frames = new List<byte[]>();
            for (int i = 0; i < count; i++)
            {
                var f = new byte[rng.Next(1, 200)];
                rng.NextBytes(f);
                if (rng.Next(4) == 0)
                {
                    // Plenty of bytes that need escaping.
                    for (int j = 0; j < f.Length; j += 3)
                    {
                        f[j] = new byte[] { 0x7E, 0x7D, 0x11, 0x13, 0xF8 }[rng.Next(5)];
                    }
                }

                frames.Add(f);
            }

            return frames;
        }

        private static void AssertFrames(List<byte[]> expected, List<byte[]> actual)
        {
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i], actual[i]);
            }
        }
    }
}
