using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;
using Zsep.Stack.Codec;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.Security
{
    /// <summary>Frame protection of Zigbee PRO 2015 4.3.1 (NWK), 4.4.1 (APS) and 4.5 on captured and random frames.</summary>
    public class ZigbeeSecurityTests
    {
        private readonly ITestOutputHelper _output;

        public ZigbeeSecurityTests(ITestOutputHelper output) => _output = output;

        private static readonly JsonElement NwkFrame = Vectors.Load("ccm-star.json").GetProperty("nwkFrame");

        [Fact]
        public void Zigbee_4_5_2_2_nonce_and_nwk_frame_of_ccm_star_json()
        {
            // ccm-star.json "nwkFrame" (zigbee-on-host NETDEF_ZCL_FRAME_CMD_TO_COORD).
            byte[] nwkHeader = NwkFrame.Bytes("nwkHeader");
            byte[] auxOnAir = NwkFrame.Bytes("auxHeaderOnAir");
            byte[] ciphertext = NwkFrame.Bytes("ciphertextAndMic");
            byte[] frame = Concat(nwkHeader, auxOnAir, ciphertext);
            var key = ZigbeeKey.Parse(NwkFrame.Str("networkKey"));

            AuxiliarySecurityHeader aux = AuxiliarySecurityHeader.Decode(auxOnAir);
            Assert.Equal(SecurityLevel.None, aux.SecurityLevel);
            Assert.Equal(KeyIdentifier.Network, aux.KeyIdentifier);
            Assert.True(aux.ExtendedNonce);
            Assert.Equal(0x029A2F2Eu, aux.FrameCounter);
            Assert.Equal(0x70AC08FFFED04A58UL, aux.SourceAddress!.Value.Value);
            Assert.Equal((byte)0, aux.KeySequenceNumber);
            Assert.Equal(0x28, aux.SecurityControl);
            Assert.Equal(auxOnAir, aux.ToArray());

            var nonce = new byte[13];
            ZigbeeSecurity.BuildNonce(aux.SourceAddress.Value, aux.FrameCounter, aux.ComposeControl(SecurityLevel.EncMic32), nonce);
            Assert.Equal(NwkFrame.Str("nonce"), Hex.Format(nonce));

            var plain = new byte[frame.Length];
            SecurityOutcome outcome = ZigbeeSecurity.Unsecure(frame, nwkHeader.Length, key, null, plain, out AuxiliarySecurityHeader got, out int n);
            Assert.Equal(SecurityOutcome.Decrypted, outcome);
            Assert.Equal(aux, got);
            Assert.Equal(NwkFrame.Str("plaintextApsAndZcl"), Hex.Format(plain.AsSpan(0, n)));

            // The inverse reproduces the on-air bytes exactly.
            var again = new byte[frame.Length];
            int written = ZigbeeSecurity.Secure(nwkHeader, aux, plain.AsSpan(0, n), key, null, again);
            Assert.Equal(frame.Length, written);
            Assert.Equal(Hex.Format(frame), Hex.Format(again));
        }

        public static IEnumerable<object[]> CapturedFrames()
        {
            JsonElement root = Vectors.Load("from-public-tests/zoh-captured-frames.json");
            foreach (JsonElement f in root.GetProperty("frames").EnumerateArray())
            {
                yield return new object[] { f.Str("name") };
            }
        }

        [Theory]
        [MemberData(nameof(CapturedFrames))]
        public void Zigbee_4_3_1_2_and_4_4_1_2_unsecure_captured_frames(string name)
        {
            // from-public-tests/zoh-captured-frames.json (zigbee-on-host test/data.ts, Wireshark-decoded fields).
            JsonElement f = default;
            foreach (JsonElement e in Vectors.Load("from-public-tests/zoh-captured-frames.json").GetProperty("frames").EnumerateArray())
            {
                if (e.Str("name") == name)
                {
                    f = e;
                }
            }

            JsonElement expect = f.GetProperty("expect");
            byte[] raw = f.Bytes("hex");
            byte[] nwk = raw.AsSpan(HandSlicing.MacHeaderLength, raw.Length - HandSlicing.MacHeaderLength - 2).ToArray(); // strip the 2-byte trailer
            var nwkKey = new ZigbeeKey(f.Bytes("nwkKey"));
            int nwkHeaderLength = HandSlicing.NwkHeaderLength(nwk);

            byte[] nwkPayload;
            if (HandSlicing.NwkSecurity(nwk))
            {
                var plain = new byte[nwk.Length];
                SecurityOutcome outcome = ZigbeeSecurity.Unsecure(nwk, nwkHeaderLength, nwkKey, null, plain, out AuxiliarySecurityHeader aux, out int n);
                Assert.Equal(SecurityOutcome.Decrypted, outcome);
                Assert.True(expect.GetProperty("nwk.decrypted").GetBoolean());
                Assert.Equal(expect.GetProperty("nwk.sec.frameCounter").GetUInt32(), aux.FrameCounter);
                Assert.Equal(KeyIdentifier.Network, aux.KeyIdentifier);
                Assert.Equal(SecurityLevel.None, aux.SecurityLevel);
                if (expect.TryGetProperty("nwk.sec.control", out JsonElement control))
                {
                    Assert.Equal(Convert.ToByte(control.GetString(), 16), aux.SecurityControl);
                }

                if (expect.TryGetProperty("nwk.sec.src64", out JsonElement src64))
                {
                    Assert.Equal(Eui64.Parse(src64.GetString()!), aux.SourceAddress);
                }

                if (expect.TryGetProperty("nwk.sec.keySeq", out JsonElement keySeq))
                {
                    Assert.Equal(keySeq.GetByte(), aux.KeySequenceNumber);
                }

                Assert.Equal(expect.Str("nwk.sec.mic").ToUpperInvariant(), Hex.Format(nwk.AsSpan(nwk.Length - 4)));
                Assert.Equal(nwk.Length - nwkHeaderLength - aux.Length - 4, n);
                nwkPayload = plain.AsSpan(0, n).ToArray();

                // A wrong key or a flipped header bit fails the MIC; no key gives NoKey.
                Assert.Equal(SecurityOutcome.MicFailed,
                    ZigbeeSecurity.Unsecure(nwk, nwkHeaderLength, ZigbeeKey.DefaultTrustCenterLinkKey, null, plain, out _, out int none));
                Assert.Equal(0, none);
                byte[] tampered = (byte[])nwk.Clone();
                tampered[2] ^= 0x01; // destination address, authenticated only
                Assert.Equal(SecurityOutcome.MicFailed, ZigbeeSecurity.Unsecure(tampered, nwkHeaderLength, nwkKey, null, plain, out _, out _));
                Assert.Equal(SecurityOutcome.NoKey,
                    ZigbeeSecurity.Unsecure(nwk, nwkHeaderLength, null, (LinkKeyResolver)(_ => nwkKey), null, plain, out _, out _));

                // Secure is the exact inverse (level 0 on the air).
                var again = new byte[nwk.Length];
                ZigbeeSecurity.Secure(nwk.AsSpan(0, nwkHeaderLength), aux, nwkPayload, nwkKey, null, again);
                Assert.Equal(Hex.Format(nwk), Hex.Format(again));
            }
            else
            {
                Assert.False(expect.GetProperty("nwk.security").GetBoolean());
                nwkPayload = nwk.AsSpan(nwkHeaderLength).ToArray();
            }

            if (nwkPayload.Length == 0 || (expect.TryGetProperty("nwk.frameType", out JsonElement ft) && ft.GetInt32() == 1))
            {
                if (expect.TryGetProperty("nwk.cmdId", out JsonElement cmd))
                {
                    Assert.Equal(cmd.GetInt32(), nwkPayload[0]);
                }

                if (expect.TryGetProperty("nwk.cmdPayloadHex", out JsonElement cmdPayload))
                {
                    Assert.Equal(cmdPayload.GetString()!.ToUpperInvariant(), Hex.Format(nwkPayload));
                }

                return;
            }

            // APS layer.
            byte[] aps = nwkPayload;
            int apsHeaderLength = HandSlicing.ApsHeaderLength(aps);
            if (expect.TryGetProperty("aps.frameType", out JsonElement apsType))
            {
                Assert.Equal(apsType.GetInt32(), aps[0] & 3);
            }

            if (expect.TryGetProperty("aps.counter", out JsonElement counter))
            {
                Assert.Equal(counter.GetInt32(), aps[apsHeaderLength - 1]);
            }

            if (expect.TryGetProperty("aps.cluster", out JsonElement cluster))
            {
                Assert.Equal(Convert.ToUInt16(cluster.GetString(), 16), BinaryPrimitives.ReadUInt16LittleEndian(aps.AsSpan(2)));
            }

            byte[] apsPayload;
            if (HandSlicing.ApsSecurity(aps))
            {
                ZigbeeKey[] links = Array.ConvertAll(ToArray(f.GetProperty("linkKeys")), s => ZigbeeKey.Parse(s));
                Assert.NotEmpty(links);
                ZigbeeKey link = links[0];
                var plain = new byte[aps.Length];
                Eui64? resolvedFor = null;
                SecurityOutcome outcome = ZigbeeSecurity.Unsecure(aps, apsHeaderLength, nwkKey, partner =>
                {
                    resolvedFor = partner;
                    return link;
                }, null, plain, out AuxiliarySecurityHeader aux, out int n);
                Assert.Equal(SecurityOutcome.Decrypted, outcome);
                Assert.True(expect.GetProperty("aps.decrypted").GetBoolean());
                Assert.Equal(aux.SourceAddress, resolvedFor);
                Assert.Equal(Convert.ToByte(expect.Str("aps.sec.control"), 16), aux.SecurityControl);
                Assert.Equal(expect.GetProperty("aps.sec.keyId").GetInt32(), (int)aux.KeyIdentifier);
                Assert.Equal(expect.GetProperty("aps.sec.frameCounter").GetUInt32(), aux.FrameCounter);
                if (expect.TryGetProperty("aps.sec.src64", out JsonElement src64))
                {
                    Assert.Equal(Eui64.Parse(src64.GetString()!), aux.SourceAddress);
                }

                Assert.Equal(expect.Str("aps.sec.mic").ToUpperInvariant(), Hex.Format(aps.AsSpan(aps.Length - 4)));
                apsPayload = plain.AsSpan(0, n).ToArray();

                // The single-key overload derives the key-transport / key-load key from the link key too.
                Assert.Equal(SecurityOutcome.Decrypted, ZigbeeSecurity.Unsecure(aps, apsHeaderLength, link, null, plain, out _, out _));

                // A key store resolves by the sender address.
                Assert.Equal(SecurityOutcome.Decrypted,
                    ZigbeeSecurity.Unsecure(aps, apsHeaderLength, new Store(nwkKey, aux.SourceAddress!.Value, link), null, plain, out _, out _));
                Assert.Equal(SecurityOutcome.NoKey,
                    ZigbeeSecurity.Unsecure(aps, apsHeaderLength, new Store(nwkKey, new Eui64(1), link), null, plain, out _, out _));

                var again = new byte[aps.Length];
                ZigbeeSecurity.Secure(aps.AsSpan(0, apsHeaderLength), aux, apsPayload, link, null, again);
                Assert.Equal(Hex.Format(aps), Hex.Format(again));
            }
            else
            {
                apsPayload = aps.AsSpan(apsHeaderLength).ToArray();
            }

            if (expect.TryGetProperty("aps.cmdId", out JsonElement apsCmd))
            {
                Assert.Equal(apsCmd.GetInt32(), apsPayload[0]);
            }

            if (expect.TryGetProperty("aps.payloadHex", out JsonElement payloadHex))
            {
                Assert.Equal(payloadHex.GetString()!.ToUpperInvariant(), Hex.Format(apsPayload));
            }

            if (expect.TryGetProperty("zcl.cmdId", out JsonElement zclCmd))
            {
                Assert.Equal(zclCmd.GetInt32(), apsPayload[2]);
                Assert.Equal(expect.GetProperty("zcl.tsn").GetInt32(), apsPayload[1]);
            }
        }

        [Fact]
        public void Zigbee_4_5_2_2_source_address_from_caller_when_not_in_aux()
        {
            var key = ZigbeeKey.Parse("000102030405060708090A0B0C0D0E0F");
            var source = new Eui64(0x00124B0001020304);
            var aux = new AuxiliarySecurityHeader(SecurityLevel.EncMic32, KeyIdentifier.Data, 77, null, null);
            byte[] header = { 0x21, 0x05 };
            byte[] payload = { 0x0F, 0x04, 1, 2, 3 };
            var frame = new byte[ZigbeeSecurity.SecuredLength(header.Length, aux, payload.Length)];
            ZigbeeSecurity.Secure(header, aux, payload, key, source, frame);
            Assert.Equal(0x00, frame[2] & 0x07); // level 0 on the air
            Assert.Equal(0x00, frame[2] & 0x20); // no extended nonce

            var plain = new byte[frame.Length];
            Assert.Equal(SecurityOutcome.NoSourceAddress, ZigbeeSecurity.Unsecure(frame, header.Length, key, null, plain, out _, out _));
            Assert.Equal(SecurityOutcome.MicFailed, ZigbeeSecurity.Unsecure(frame, header.Length, key, new Eui64(1), plain, out _, out _));
            Assert.Equal(SecurityOutcome.Decrypted, ZigbeeSecurity.Unsecure(frame, header.Length, key, source, plain, out _, out int n));
            Assert.Equal(payload, plain.AsSpan(0, n).ToArray());
            Assert.Throws<ArgumentException>(() => ZigbeeSecurity.Secure(header, aux, payload, key, null, frame));
        }

        [Fact]
        public void Zigbee_4_5_1_malformed_secured_frames_throw_frame_format_exception()
        {
            var key = ZigbeeKey.DefaultTrustCenterLinkKey;
            var plain = new byte[64];
            var e1 = Assert.Throws<FrameFormatException>(() => ZigbeeSecurity.Unsecure(new byte[] { 0x08, 0x02, 0x28, 0x01 }, 2, key, null, plain, out _, out _));
            Assert.Equal("FrameCounter", e1.Field);
            Assert.Equal(3, e1.Offset);
            // Aux header complete but no room for the MIC.
            var e2 = Assert.Throws<FrameFormatException>(() => ZigbeeSecurity.Unsecure(new byte[] { 0x08, 0x02, 0x00, 1, 2, 3, 4, 9, 9 }, 2, key, new Eui64(1), plain, out _, out _));
            Assert.Equal("MIC", e2.Field);
            Assert.Equal(7, e2.Offset);
            Assert.Throws<FrameFormatException>(() => ZigbeeSecurity.Unsecure(new byte[] { 0x08 }, 2, key, null, plain, out _, out _));
        }

        [Fact]
        public void Zigbee_4_3_1_random_secure_unsecure_round_trip()
        {
            var rng = new Random(20240501);
            var keys = new ZigbeeKey[4];
            for (int i = 0; i < keys.Length; i++)
            {
                var k = new byte[16];
                rng.NextBytes(k);
                keys[i] = new ZigbeeKey(k);
            }

            for (int iteration = 0; iteration < 3000; iteration++)
            {
                ZigbeeKey key = keys[rng.Next(keys.Length)];
                AuxiliarySecurityHeader aux = AuxHeaderTests.RandomAux(rng);
                var header = new byte[rng.Next(0, 30)];
                var payload = new byte[rng.Next(0, 100)];
                rng.NextBytes(header);
                rng.NextBytes(payload);
                Eui64? external = aux.ExtendedNonce ? null : new Eui64(unchecked((ulong)rng.NextInt64()));
                var frame = new byte[ZigbeeSecurity.SecuredLength(header.Length, aux, payload.Length)];
                Assert.Equal(frame.Length, ZigbeeSecurity.Secure(header, aux, payload, key, external, frame));
                Assert.Equal(0, frame[header.Length] & 0x07);

                var plain = new byte[payload.Length];
                SecurityOutcome outcome = ZigbeeSecurity.Unsecure(frame, header.Length, key, external, plain, out AuxiliarySecurityHeader got, out int n);
                Assert.Equal(SecurityOutcome.Decrypted, outcome);
                Assert.Equal(payload, plain.AsSpan(0, n).ToArray());
                Assert.Equal(aux.WithSecurityLevel(SecurityLevel.None), got);
            }
        }

        [Fact]
        public void Zigbee_4_5_mutation_run_only_outcomes_or_frame_format_exceptions()
        {
            var seeds = new List<(byte[] Frame, int HeaderLength, ZigbeeKey Key)>();
            foreach (JsonElement f in Vectors.Load("from-public-tests/zoh-captured-frames.json").GetProperty("frames").EnumerateArray())
            {
                byte[] raw = f.Bytes("hex");
                byte[] nwk = raw.AsSpan(9, raw.Length - 11).ToArray();
                if (HandSlicing.NwkSecurity(nwk))
                {
                    seeds.Add((nwk, HandSlicing.NwkHeaderLength(nwk), new ZigbeeKey(f.Bytes("nwkKey"))));
                }
            }

            var rng = new Random(99);
            var plain = new byte[512];
            int decrypted = 0, failed = 0, malformed = 0, other = 0;
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < 100_000; i++)
            {
                (byte[] seed, int headerLength, ZigbeeKey key) = seeds[rng.Next(seeds.Count)];
                byte[] m = Mutate(seed, rng);
                int h = rng.Next(8) == 0 ? rng.Next(0, m.Length + 3) : headerLength;
                try
                {
                    SecurityOutcome o = ZigbeeSecurity.Unsecure(m, h, key, rng.Next(2) == 0 ? null : new Eui64(5), plain, out _, out _);
                    if (o == SecurityOutcome.Decrypted)
                    {
                        decrypted++;
                    }
                    else
                    {
                        failed++;
                    }
                }
                catch (FrameFormatException)
                {
                    malformed++;
                }
                catch (Exception e)
                {
                    other++;
                    Assert.Fail($"Iteration {i}: {e.GetType().Name}: {e.Message} on {Hex.Format(m)} (header {h})");
                }

                try
                {
                    AuxiliarySecurityHeader.Decode(m.AsSpan(Math.Min(h, m.Length)));
                }
                catch (FrameFormatException)
                {
                }
            }

            _output.WriteLine($"decrypted {decrypted}, failed {failed}, malformed {malformed}, other {other}, {sw.ElapsedMilliseconds} ms");
            Assert.True(failed > 50_000);
            Assert.True(malformed > 1_000);
        }

        internal static byte[] Mutate(byte[] seed, Random rng)
        {
            var list = new List<byte>(seed);
            int ops = rng.Next(1, 4);
            for (int o = 0; o < ops; o++)
            {
                switch (rng.Next(5))
                {
                    case 0 when list.Count > 0:
                        int at = rng.Next(list.Count);
                        list[at] ^= (byte)(1 << rng.Next(8));
                        break;
                    case 1:
                        int keep = rng.Next(list.Count + 1);
                        list.RemoveRange(keep, list.Count - keep);
                        break;
                    case 2:
                        list.Insert(rng.Next(list.Count + 1), (byte)rng.Next(256));
                        break;
                    case 3 when list.Count > 0:
                        list[rng.Next(list.Count)] = 0xFF;
                        break;
                    default:
                        if (list.Count > 0)
                        {
                            list[rng.Next(list.Count)] = (byte)rng.Next(256);
                        }

                        break;
                }
            }

            return list.ToArray();
        }

        [Fact]
        public void Zigbee_4_3_1_2_unsecure_allocates_nothing_with_a_cached_key()
        {
            byte[] frame = Concat(NwkFrame.Bytes("nwkHeader"), NwkFrame.Bytes("auxHeaderOnAir"), NwkFrame.Bytes("ciphertextAndMic"));
            var key = ZigbeeKey.Parse(NwkFrame.Str("networkKey"));
            var plain = new byte[64];
            for (int i = 0; i < 100; i++)
            {
                ZigbeeSecurity.Unsecure(frame, 8, key, null, plain, out _, out _);
            }

            const int count = 20_000;
            var sw = Stopwatch.StartNew();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < count; i++)
            {
                ZigbeeSecurity.Unsecure(frame, 8, key, null, plain, out _, out _);
            }

            sw.Stop();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            _output.WriteLine($"{count / sw.Elapsed.TotalSeconds:N0} NWK frames/s on one core; {allocated} bytes allocated");
            Assert.Equal(0, allocated);

            before = GC.GetAllocatedBytesForCurrentThread();
            var aux = AuxiliarySecurityHeader.Decode(NwkFrame.Bytes("auxHeaderOnAir"));
            var output = new byte[frame.Length];
            ReadOnlySpan<byte> header = frame.AsSpan(0, 8);
            ReadOnlySpan<byte> payload = plain.AsSpan(0, 13);
            before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                ZigbeeSecurity.Secure(header, aux, payload, key, null, output);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        private static string[] ToArray(JsonElement array)
        {
            var list = new List<string>();
            foreach (JsonElement e in array.EnumerateArray())
            {
                list.Add(e.GetString()!);
            }

            return list.ToArray();
        }

        private static byte[] Concat(params byte[][] parts)
        {
            var list = new List<byte>();
            foreach (byte[] p in parts)
            {
                list.AddRange(p);
            }

            return list.ToArray();
        }

        private sealed class Store : IZigbeeKeyStore
        {
            private readonly ZigbeeKey _network;
            private readonly Eui64 _partner;
            private readonly ZigbeeKey _link;

            public Store(ZigbeeKey network, Eui64 partner, ZigbeeKey link)
            {
                _network = network;
                _partner = partner;
                _link = link;
            }

            public ZigbeeKey? GetNetworkKey(byte keySequenceNumber) => keySequenceNumber == 0 ? _network : null;

            public ZigbeeKey? GetLinkKey(Eui64 partner) => partner == _partner ? _link : null;
        }
    }
}
