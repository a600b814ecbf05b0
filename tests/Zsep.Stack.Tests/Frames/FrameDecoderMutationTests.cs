using System;
using System.Linq;
using System.Text.Json;
using Zsep.Stack.Codec;
using Zsep.Stack.Frames;
using Zsep.Stack.Security;
using Zsep.Stack.Types;
using Xunit;

namespace Zsep.Stack.Tests.Frames
{
    /// <summary>
    /// Seeded mutation runs through the whole layered decoder. Corrupting the on-air bytes mostly stops at the MIC,
    /// so a second run corrupts the decrypted NWK payload (APS, ZDO, ZCL) and secures it again with the network key:
    /// the inner decoders then see the garbage. Either run may only ever yield a record or a FrameFormatException.
    /// </summary>
    public class FrameDecoderMutationTests
    {
        private static readonly ZigbeeKey NetworkKey = ZigbeeKey.Parse("01030507090b0d0f00020406080a0c0d");

        private static byte[][] Captures() =>
            Vectors.Load("from-public-tests/zoh-captured-frames.json").GetProperty("frames").EnumerateArray()
                .Select(f => f.Bytes("hex")).ToArray();

        private static void Mutate(Random rng, ref byte[] bytes)
        {
            switch (rng.Next(5))
            {
                case 0:
                    bytes[rng.Next(bytes.Length)] ^= (byte)(1 << rng.Next(8));
                    break;
                case 1:
                    Array.Resize(ref bytes, rng.Next(bytes.Length));
                    break;
                case 2:
                    int at = rng.Next(bytes.Length + 1);
                    bytes = bytes.Take(at).Concat(new[] { (byte)rng.Next(256) }).Concat(bytes.Skip(at)).ToArray();
                    break;
                case 3:
                    bytes[rng.Next(bytes.Length)] = 0xFF;
                    break;
                default:
                    bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
                    break;
            }
        }

        private static void DecodeOnlyTypedErrors(byte[] bytes, FrameKeys keys, FcsMode fcs, FrameLayer layer = FrameLayer.Mac)
        {
            try
            {
                DecodedFrame d = FrameDecoder.Decode(bytes, fcs, keys, layer);
                _ = d.Summary + d.SecurityText + d.Source + d.Destination;
            }
            catch (FrameFormatException e)
            {
                Assert.InRange(e.Offset, 0, bytes.Length);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{e.GetType().Name} on {Hex.Format(bytes)}: {e}");
            }
        }

        [Fact]
        public void Corrupted_on_air_frames_only_give_typed_errors()
        {
            var rng = new Random(20261125);
            byte[][] captures = Captures();
            var keys = new FrameKeys { NetworkKey = NetworkKey };
            for (int i = 0; i < 100_000; i++)
            {
                byte[] bytes = (byte[])captures[rng.Next(captures.Length)].Clone();
                int mutations = 1 + rng.Next(3);
                for (int m = 0; m < mutations && bytes.Length > 0; m++)
                {
                    Mutate(rng, ref bytes);
                }

                DecodeOnlyTypedErrors(bytes, keys, (FcsMode)rng.Next(3));
            }
        }

        [Fact]
        public void Corrupted_inner_layers_under_valid_nwk_security_only_give_typed_errors()
        {
            var rng = new Random(4242);
            var keys = new FrameKeys { NetworkKey = NetworkKey };
            // The NWK-secured captures, as NWK frames (MAC header and the 2-byte trailer removed).
            var nwkFrames = Captures()
                .Select(c => c.AsSpan(0, c.Length - 2).ToArray())
                .Select(c => c.AsSpan(Zsep.Stack.Mac.MacFrame.Decode(c, hasFcs: false).HeaderLength).ToArray())
                .Where(n => Zsep.Stack.Nwk.NwkHeader.Decode(n).IsSecured)
                .ToArray();
            Assert.NotEmpty(nwkFrames);
            int decodedDeep = 0;
            byte[] scratch = new byte[256];
            byte[] secured = new byte[300];
            for (int i = 0; i < 100_000; i++)
            {
                byte[] nwk = nwkFrames[rng.Next(nwkFrames.Length)];
                var header = Zsep.Stack.Nwk.NwkHeader.Decode(nwk);
                int h = header.HeaderLength;
                Assert.Equal(SecurityOutcome.Decrypted, ZigbeeSecurity.Unsecure(nwk, h, NetworkKey, null, scratch, out AuxiliarySecurityHeader aux, out int n));
                byte[] plain = scratch.AsSpan(0, n).ToArray();
                int mutations = 1 + rng.Next(3);
                for (int m = 0; m < mutations && plain.Length > 0; m++)
                {
                    Mutate(rng, ref plain);
                }

                int len = ZigbeeSecurity.Secure(nwk.AsSpan(0, h), aux, plain, NetworkKey, null, secured);
                byte[] frame = secured.AsSpan(0, len).ToArray();
                try
                {
                    DecodedFrame d = FrameDecoder.Decode(frame, FcsMode.Absent, keys, FrameLayer.Nwk);
                    Assert.Equal(SecurityOutcome.Decrypted, d.NwkSecurity);
                    decodedDeep++;
                }
                catch (FrameFormatException e)
                {
                    Assert.InRange(e.Offset, 0, frame.Length);
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"{e.GetType().Name} on {Hex.Format(frame)}: {e}");
                }
            }

            Assert.True(decodedDeep > 10_000, $"only {decodedDeep} corrupted frames decoded past NWK security");
        }
    }
}
