using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
using Xunit;
using Zsep.Stack.Codec;
using Zsep.Stack.Nwk;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.Nwk
{
    /// <summary>Seeded random round trips and a seeded mutation run over every NWK structure.</summary>
    public class NwkRoundTripTests
    {
        [Fact]
        public void Nwk_3_3_1_random_headers_and_frames_round_trip()
        {
            var r = new Random(0x3331);
            for (int i = 0; i < 4000; i++)
            {
                NwkFrame frame = NwkRandom.Frame(r);
                byte[] bytes = frame.ToArray();
                Assert.Equal(frame.Length, bytes.Length);

                NwkFrame decoded = NwkFrame.Decode(bytes);
                Assert.Equal(frame, decoded);
                Assert.Equal(frame.GetHashCode(), decoded.GetHashCode());
                Assert.Equal(bytes, decoded.ToArray());

                NwkHeader header = NwkHeader.Decode(bytes);
                Assert.Equal(frame.Header, header);
                Assert.Equal(header.HeaderLength, header.ToArray().Length);
                Assert.Equal(bytes.AsSpan(0, header.HeaderLength).ToArray(), header.ToArray());
            }
        }

        [Fact]
        public void Nwk_3_4_random_commands_round_trip()
        {
            var r = new Random(0x34);
            var seen = new HashSet<Type>();
            for (int i = 0; i < 6000; i++)
            {
                NwkCommand cmd = NwkRandom.Command(r);
                seen.Add(cmd.GetType());
                byte[] bytes = cmd.ToArray();
                Assert.Equal(cmd.Length, bytes.Length);

                NwkCommand decoded = NwkCommand.Decode(bytes);
                Assert.Equal(cmd.GetType(), decoded.GetType());
                Assert.Equal(cmd, decoded);
                Assert.Equal(cmd.GetHashCode(), decoded.GetHashCode());
                Assert.Equal(bytes, decoded.ToArray());

                // Inside an unsecured command frame.
                var frame = new NwkFrame(new NwkHeader { FrameType = NwkFrameType.Command, Radius = 1 }, bytes);
                Assert.Equal(cmd, NwkFrame.Decode(frame.ToArray()).DecodeCommand());
            }

            Assert.Equal(14, seen.Count);
        }

        /// <summary>The inputs the mutation run corrupts: published captures, hand-built commands, random frames.</summary>
        private static List<byte[]> Corpus(Random r)
        {
            var corpus = new List<byte[]>();
            JsonElement root = Vectors.Load("from-public-tests/zoh-captured-frames.json");
            foreach (JsonElement frame in root.GetProperty("frames").EnumerateArray())
            {
                corpus.Add(NwkVectorTests.NwkBytes(frame.Bytes("hex")));
            }

            for (int i = 0; i < 200; i++)
            {
                corpus.Add(NwkRandom.Frame(r).ToArray());
                byte[] cmd = NwkRandom.Command(r).ToArray();
                corpus.Add(cmd);
                corpus.Add(new NwkFrame(new NwkHeader { FrameType = NwkFrameType.Command, SourceRoute = new NwkSourceRoute(0, r.Addresses(3)) }, cmd).ToArray());
            }

            return corpus;
        }

        private static byte[] Mutate(Random r, byte[] input)
        {
            byte[] b = (byte[])input.Clone();
            switch (r.Next(5))
            {
                case 0: // bit flips
                    if (b.Length == 0)
                    {
                        return b;
                    }

                    for (int n = 1 + r.Next(3); n > 0; n--)
                    {
                        b[r.Next(b.Length)] ^= (byte)(1 << r.Next(8));
                    }

                    return b;
                case 1: // truncation
                    return b.AsSpan(0, r.Next(b.Length + 1)).ToArray();
                case 2: // byte insertion
                    {
                        int at = r.Next(b.Length + 1);
                        var c = new byte[b.Length + 1];
                        b.AsSpan(0, at).CopyTo(c);
                        c[at] = r.Byte();
                        b.AsSpan(at).CopyTo(c.AsSpan(at + 1));
                        return c;
                    }

                case 3: // a length / count / option field set to 0xFF
                    if (b.Length > 0)
                    {
                        b[r.Next(Math.Min(b.Length, 12))] = 0xFF;
                    }

                    return b;
                default: // random byte and truncation together
                    if (b.Length > 0)
                    {
                        b[r.Next(b.Length)] = r.Byte();
                    }

                    return b.AsSpan(0, r.Next(b.Length + 1)).ToArray();
            }
        }

        [Fact]
        public void Nwk_3_3_and_3_4_mutated_frames_only_decode_or_throw_frame_format_exception()
        {
            var r = new Random(0x5EED);
            List<byte[]> corpus = Corpus(r);
            var sw = Stopwatch.StartNew();
            int decoded = 0;
            int rejected = 0;
            for (int i = 0; i < 120_000; i++)
            {
                byte[] input = Mutate(r, corpus[r.Next(corpus.Count)]);
                try
                {
                    NwkFrame frame = NwkFrame.Decode(input);
                    Assert.Equal(frame, NwkFrame.Decode(frame.ToArray())); // decode . encode is stable
                    NwkCommand? inner = frame.DecodeCommand();
                    if (inner is not null)
                    {
                        Assert.Equal(inner, NwkCommand.Decode(inner.ToArray()));
                    }

                    decoded++;
                }
                catch (FrameFormatException ex)
                {
                    Assert.Equal(FrameLayer.Nwk, ex.Layer);
                    Assert.InRange(ex.Offset, 0, input.Length);
                    rejected++;
                }
                catch (Exception ex)
                {
                    throw new Xunit.Sdk.XunitException($"Frame decode of {Hex.Format(input)} threw {ex}");
                }

                try
                {
                    NwkCommand cmd = NwkCommand.Decode(input);
                    Assert.Equal(cmd, NwkCommand.Decode(cmd.ToArray()));
                }
                catch (FrameFormatException ex)
                {
                    Assert.InRange(ex.Offset, 0, input.Length);
                }
                catch (Exception ex)
                {
                    throw new Xunit.Sdk.XunitException($"Command decode of {Hex.Format(input)} threw {ex}");
                }
            }

            Assert.True(decoded > 1000 && rejected > 1000, $"decoded {decoded}, rejected {rejected}");
        }
    }
}
