using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Zsep.Stack.Capture;
using Zsep.Stack.Frames;
using Zsep.Stack.Mac;
using Zsep.Stack.Types;
using Xunit;

namespace Zsep.Stack.Tests.Capture
{
    /// <summary>
    /// pcap and pcapng reading and writing. File layouts: the libpcap format (tcpdump.org pcap-savefile(5)), the
    /// pcapng draft (IETF draft-ietf-opsawg-pcapng: SHB, IDB, EPB, SPB, if_tsresol) and the IEEE 802.15.4 TAP
    /// (github.com/jkcko/ieee802.15.4-tap). Frames: the captured frames of tests/vectors/from-public-tests/
    /// zoh-captured-frames.json, which carry 2 bytes of radio metadata where the FCS would be.
    /// </summary>
    public class PcapTests
    {
        private static readonly ZigbeeKey NetworkKey = ZigbeeKey.Parse("01030507090b0d0f00020406080a0c0d");
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        /// <summary>The vector frames without their 2-byte trailer: PSDUs as the radio seam carries them.</summary>
        private static byte[][] Psdus() =>
            Vectors.Load("from-public-tests/zoh-captured-frames.json").GetProperty("frames").EnumerateArray()
                .Select(f => f.Bytes("hex")).Select(b => b.Take(b.Length - 2).ToArray()).ToArray();

        [Fact]
        public void Tap_writer_output_reads_back_with_channel_rssi_lqi_and_a_valid_fcs()
        {
            byte[][] psdus = Psdus();
            var stream = new MemoryStream();
            using (var writer = new PcapWriter(stream, ownsStream: false))
            {
                for (int i = 0; i < psdus.Length; i++)
                {
                    writer.Write(T0.AddMilliseconds(i * 1.5), psdus[i], 15, i % 2 == 0 ? -52.5f : null, i % 3 == 0 ? (byte)200 : null);
                }

                Assert.Equal(psdus.Length, writer.Frames);
            }

            byte[] file = stream.ToArray();
            Assert.Equal(0xA1B2C3D4u, BinaryPrimitives.ReadUInt32LittleEndian(file));
            Assert.Equal(283u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(20)));
            List<CapturedFrame> frames = new PcapReader(new MemoryStream(file)).Read().ToList();
            Assert.Equal(psdus.Length, frames.Count);
            for (int i = 0; i < psdus.Length; i++)
            {
                CapturedFrame f = frames[i];
                Assert.Equal(i + 1, f.Number);
                Assert.Equal(T0.AddMilliseconds(i * 1.5), f.Time);
                Assert.True(f.HasFcs);
                Assert.True(MacFcs.IsValid(f.Psdu));
                Assert.Equal(psdus[i], f.Psdu.Take(f.Psdu.Length - 2).ToArray());
                Assert.Equal((byte)15, f.Channel);
                Assert.Equal(i % 2 == 0 ? -52.5f : null, f.Rssi);
                Assert.Equal(i % 3 == 0 ? (byte)200 : null, f.Lqi);
            }
        }

        [Fact]
        public void Captured_frames_decrypt_with_the_network_key_and_keep_their_metadata()
        {
            var stream = new MemoryStream();
            using (var writer = new PcapWriter(stream, ownsStream: false))
            {
                foreach (byte[] psdu in Psdus())
                {
                    writer.Write(T0, psdu, 25, -70f, 90);
                }
            }

            var keys = new FrameKeys { NetworkKey = NetworkKey };
            List<DecodedFrame> decoded = new PcapReader(new MemoryStream(stream.ToArray())).Read().Select(f => CaptureDecoder.Decode(f, keys)).ToList();
            Assert.All(decoded, d => Assert.True(d.FcsValid));
            Assert.All(decoded.Where(d => d.Nwk?.Security == true), d => Assert.Equal(Zsep.Stack.Security.SecurityOutcome.Decrypted, d.NwkSecurity));
            Assert.Contains(decoded, d => d.NwkSecurity == Zsep.Stack.Security.SecurityOutcome.Decrypted);
            Assert.Equal(Enumerable.Range(1, decoded.Count).Cast<int?>(), decoded.Select(d => d.FrameNumber));
            Assert.All(decoded, d => Assert.Equal((byte)25, d.Channel));
            Assert.All(decoded, d => Assert.Equal((byte)90, d.Lqi));
        }

        [Theory]
        [InlineData(false, false, 195)]
        [InlineData(true, false, 195)]
        [InlineData(false, true, 230)]
        [InlineData(true, true, 230)]
        public void Classic_pcap_in_either_byte_order_and_resolution_with_fcs_or_without(bool bigEndian, bool nano, int linkType)
        {
            byte[] psdu = Psdus()[0];
            byte[] data = linkType == 195 ? WithFcs(psdu) : psdu;
            var file = new List<byte>();
            file.AddRange(U32(nano ? 0xA1B23C4Du : 0xA1B2C3D4u, bigEndian));
            file.AddRange(U16(2, bigEndian));
            file.AddRange(U16(4, bigEndian));
            file.AddRange(new byte[8]);
            file.AddRange(U32(65535, bigEndian));
            file.AddRange(U32((uint)linkType, bigEndian));
            file.AddRange(U32(1_764_072_000, bigEndian)); // 2025-11-25T12:00:00Z
            file.AddRange(U32(nano ? 123_456_700u : 123_456u, bigEndian));
            file.AddRange(U32((uint)data.Length, bigEndian));
            file.AddRange(U32((uint)data.Length, bigEndian));
            file.AddRange(data);

            CapturedFrame f = Assert.Single(new PcapReader(new MemoryStream(file.ToArray())).Read());
            Assert.Equal(data, f.Psdu);
            Assert.Equal(linkType == 195, f.HasFcs);
            Assert.Equal(new DateTimeOffset(2025, 11, 25, 12, 0, 0, TimeSpan.Zero).AddTicks(nano ? 1_234_567 : 1_234_560), f.Time);
            Assert.Equal(Zsep.Stack.Security.SecurityOutcome.Decrypted,
                CaptureDecoder.Decode(f, new FrameKeys { NetworkKey = NetworkKey }).NwkSecurity);
        }

        [Fact]
        public void Pcapng_with_two_interfaces_tsresol_and_an_ethernet_interface_skipped()
        {
            byte[] psdu = Psdus()[1];
            var file = new List<byte>();
            // Section Header Block: type, length 28, byte-order magic, version 1.0, section length -1.
            file.AddRange(Block(0x0A0D0D0A, U32(0x1A2B3C4D, false).Concat(U16(1, false)).Concat(U16(0, false)).Concat(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }).ToArray()));
            // IDB 0: Ethernet (1); IDB 1: 802.15.4 no FCS (230) with if_tsresol = 9 (nanoseconds).
            file.AddRange(Block(1, U16(1, false).Concat(U16(0, false)).Concat(U32(0, false)).ToArray()));
            file.AddRange(Block(1, U16(230, false).Concat(U16(0, false)).Concat(U32(0, false))
                .Concat(U16(9, false)).Concat(U16(1, false)).Concat(new byte[] { 9, 0, 0, 0 }).Concat(new byte[4]).ToArray()));
            file.AddRange(Block(6, Epb(0, 0, new byte[] { 1, 2, 3, 4, 5, 6 })));
            ulong ns = 1_764_072_000UL * 1_000_000_000UL + 500;
            file.AddRange(Block(6, Epb(1, ns, psdu)));
            file.AddRange(Block(5, new byte[8])); // Interface Statistics: ignored

            var reader = new PcapReader(new MemoryStream(file.ToArray()));
            CapturedFrame f = Assert.Single(reader.Read().ToList());
            Assert.Equal(1, reader.Skipped);
            Assert.Equal(psdu, f.Psdu);
            Assert.False(f.HasFcs);
            Assert.Equal(2, f.Number);
            Assert.Equal(new DateTimeOffset(2025, 11, 25, 12, 0, 0, TimeSpan.Zero).AddTicks(5), f.Time);
        }

        [Fact]
        public void A_file_that_ends_inside_a_record_gives_the_frames_before_it_then_one_error_naming_the_offset()
        {
            var stream = new MemoryStream();
            using (var writer = new PcapWriter(stream, ownsStream: false))
            {
                writer.Write(T0, Psdus()[0], 11, null, null);
                writer.Write(T0, Psdus()[1], 11, null, null);
            }

            byte[] truncated = stream.ToArray().Take((int)stream.Length - 5).ToArray();
            var frames = new List<CapturedFrame>();
            var ex = Assert.Throws<CaptureFormatException>(() =>
            {
                foreach (CapturedFrame f in new PcapReader(new MemoryStream(truncated)).Read())
                {
                    frames.Add(f);
                }
            });
            Assert.Single(frames);
            Assert.Contains("ends inside a record", ex.Message);
            Assert.True(ex.Offset > 24);
        }

        [Theory]
        [InlineData("")]
        [InlineData("00112233")]
        public void Not_a_capture_is_refused_with_a_clear_message(string hex)
        {
            var ex = Assert.Throws<CaptureFormatException>(() => new PcapReader(new MemoryStream(Hex.Parse(hex))).Read().ToList());
            Assert.Equal(0, ex.Offset);
        }

        [Fact]
        public void Seeded_mutations_of_pcap_and_pcapng_files_only_give_frames_or_a_capture_format_exception()
        {
            var stream = new MemoryStream();
            using (var writer = new PcapWriter(stream, ownsStream: false))
            {
                foreach (byte[] psdu in Psdus())
                {
                    writer.Write(T0, psdu, 20, -40f, 255);
                }
            }

            byte[] pcap = stream.ToArray();
            var rng = new Random(7);
            for (int i = 0; i < 20_000; i++)
            {
                byte[] bytes = (byte[])pcap.Clone();
                for (int m = rng.Next(1, 4); m > 0; m--)
                {
                    int at = rng.Next(bytes.Length);
                    switch (rng.Next(3))
                    {
                        case 0: bytes[at] ^= (byte)(1 << rng.Next(8)); break;
                        case 1: bytes[at] = 0xFF; break;
                        default: Array.Resize(ref bytes, Math.Max(1, at)); break;
                    }
                }

                try
                {
                    foreach (CapturedFrame f in new PcapReader(new MemoryStream(bytes)).Read())
                    {
                        try
                        {
                            CaptureDecoder.Decode(f, new FrameKeys { NetworkKey = NetworkKey });
                        }
                        catch (Zsep.Stack.Codec.FrameFormatException)
                        {
                        }
                    }
                }
                catch (CaptureFormatException)
                {
                }
            }
        }

        [Fact]
        public void Wireshark_key_file_round_trips_and_never_shows_a_key_in_its_labels()
        {
            var keys = new[]
            {
                new WiresharkKey(NetworkKey, "lab network key, sequence 0"),
                new WiresharkKey(ZigbeeKey.DefaultTrustCenterLinkKey, "ZigBeeAlliance09"),
            };
            string text = WiresharkKeyFile.Format(keys);
            Assert.Contains("\"01:03:05:07:09:0B:0D:0F:00:02:04:06:08:0A:0C:0D\",\"Normal\",\"lab network key, sequence 0\"", text, StringComparison.OrdinalIgnoreCase);
            IReadOnlyList<WiresharkKey> back = WiresharkKeyFile.Parse(text);
            Assert.Equal(keys.Select(k => k.Key), back.Select(k => k.Key));
            Assert.Equal(keys.Select(k => k.Label), back.Select(k => k.Label));
            // "Reverse" byte order (a key typed last byte first) is turned around.
            WiresharkKey reversed = Assert.Single(WiresharkKeyFile.Parse("\"0D:0C:0A:08:06:04:02:00:0F:0D:0B:09:07:05:03:01\",\"Reverse\",\"x\"\n"));
            Assert.Equal(NetworkKey, reversed.Key);
            var bad = Assert.Throws<FormatException>(() => WiresharkKeyFile.Parse("\"01:02\",\"Normal\",\"short\""));
            Assert.Contains("Line 1", bad.Message);
        }

        private static byte[] WithFcs(byte[] psdu)
        {
            byte[] b = new byte[psdu.Length + 2];
            psdu.CopyTo(b, 0);
            MacFcs.Write(psdu, b.AsSpan(psdu.Length));
            return b;
        }

        private static byte[] Epb(uint id, ulong ts, byte[] data)
        {
            var body = new List<byte>();
            body.AddRange(U32(id, false));
            body.AddRange(U32((uint)(ts >> 32), false));
            body.AddRange(U32((uint)ts, false));
            body.AddRange(U32((uint)data.Length, false));
            body.AddRange(U32((uint)data.Length, false));
            body.AddRange(data);
            while (body.Count % 4 != 0)
            {
                body.Add(0);
            }

            return body.ToArray();
        }

        private static byte[] Block(uint type, byte[] body)
        {
            uint length = (uint)(12 + body.Length);
            return U32(type, false).Concat(U32(length, false)).Concat(body).Concat(U32(length, false)).ToArray();
        }

        private static byte[] U32(uint v, bool big)
        {
            byte[] b = new byte[4];
            if (big) BinaryPrimitives.WriteUInt32BigEndian(b, v); else BinaryPrimitives.WriteUInt32LittleEndian(b, v);
            return b;
        }

        private static byte[] U16(ushort v, bool big)
        {
            byte[] b = new byte[2];
            if (big) BinaryPrimitives.WriteUInt16BigEndian(b, v); else BinaryPrimitives.WriteUInt16LittleEndian(b, v);
            return b;
        }
    }
}
