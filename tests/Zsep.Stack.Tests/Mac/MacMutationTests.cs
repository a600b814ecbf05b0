using System;
using System.Diagnostics;
using Xunit;
using Zsep.Stack.Codec;
using Zsep.Stack.Mac;

namespace Zsep.Stack.Tests.Mac
{
    public class MacMutationTests
    {
        [Fact]
        public void Mac_7_2_1_mutated_frames_decode_or_throw_FrameFormatException_only()
        {
            var rng = new Random(15_4);
            var sw = Stopwatch.StartNew();
            int accepted = 0;
            int rejected = 0;
            const int Iterations = 120_000;
            for (int i = 0; i < Iterations; i++)
            {
                MacFrame frame = MacRandom.Frame(rng);
                bool fcs = rng.Next(2) == 0;
                byte[] bytes = Mutate(rng, frame.ToArray(fcs));
                bool hasFcs = rng.Next(4) == 0 ? !fcs : fcs;
                try
                {
                    MacFrame decoded = MacFrame.Decode(bytes, hasFcs);
                    accepted++;

                    // Whatever is accepted re-encodes to the same bytes and its typed views never throw.
                    _ = decoded.Beacon?.ZigbeeBeacon;
                    _ = decoded.Command;
                    _ = decoded.ToString();
                    byte[] again = decoded.ToArray(false);
                    int bodyLength = bytes.Length - (hasFcs ? 2 : 0);
                    Assert.Equal(bytes.AsSpan(0, bodyLength).ToArray(), again);
                    Assert.True(decoded.HeaderLength <= bodyLength);
                }
                catch (FrameFormatException e)
                {
                    rejected++;
                    Assert.Equal(FrameLayer.Mac, e.Layer);
                    Assert.InRange(e.Offset, 0, bytes.Length);
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                {
                    Assert.Fail($"Input {Zsep.Stack.Types.Hex.Format(bytes)} (hasFcs {hasFcs}) threw {e.GetType().Name}: {e.Message}");
                }
            }

            Assert.True(accepted > 1000 && rejected > 1000, $"accepted {accepted}, rejected {rejected}");
        }

        [Fact]
        public void Mac_7_3_mutated_commands_beacons_and_zigbee_payloads()
        {
            var rng = new Random(7_3);
            for (int i = 0; i < 30_000; i++)
            {
                byte[] command = Mutate(rng, MacRandom.Command(rng).ToArray());
                byte[] beacon = Mutate(rng, MacRandom.Beacon(rng).ToArray());
                byte[] zigbee = Mutate(rng, MacRandom.ZigbeeBeacon(rng).ToArray());
                Check(() => MacCommand.Decode(command).ToArray());
                Check(() => MacBeacon.Decode(beacon).ToArray());
                Check(() => ZigbeeBeaconPayload.Decode(zigbee).ToArray());
            }
        }

        private static void Check(Func<byte[]> action)
        {
            try
            {
                action();
            }
            catch (FrameFormatException)
            {
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"{e.GetType().Name}: {e.Message}");
            }
        }

        internal static byte[] Mutate(Random rng, byte[] input)
        {
            byte[] b = input;
            int rounds = 1 + rng.Next(3);
            for (int r = 0; r < rounds; r++)
            {
                switch (rng.Next(5))
                {
                    case 0: // bit flip
                        if (b.Length > 0)
                        {
                            b[rng.Next(b.Length)] ^= (byte)(1 << rng.Next(8));
                        }

                        break;
                    case 1: // truncation
                        Array.Resize(ref b, rng.Next(b.Length + 1));
                        break;
                    case 2: // insertion
                    {
                        int at = rng.Next(b.Length + 1);
                        var n = new byte[b.Length + 1];
                        Array.Copy(b, 0, n, 0, at);
                        n[at] = (byte)rng.Next(256);
                        Array.Copy(b, at, n, at + 1, b.Length - at);
                        b = n;
                        break;
                    }

                    case 3: // a length/count-bearing byte set to 0xFF
                        if (b.Length > 0)
                        {
                            b[rng.Next(b.Length)] = 0xFF;
                        }

                        break;
                    default: // frame control rewritten
                        if (b.Length > 1)
                        {
                            b[rng.Next(2)] = (byte)rng.Next(256);
                        }

                        break;
                }
            }

            return b;
        }
    }
}
