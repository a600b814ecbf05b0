using System;
using System.Text.Json;
using Xunit;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.Security
{
    /// <summary>AES-MMO (B.6), HMAC-MMO (B.1.4) and the derived keys (4.5.3) against tests/vectors/hashes.json.</summary>
    public class HashTests
    {
        private static readonly JsonElement Hashes = Vectors.Load("hashes.json");

        [Fact]
        public void B6_mmo_vectors()
        {
            foreach (JsonElement v in Hashes.GetProperty("mmo").EnumerateArray())
            {
                Assert.Equal(v.Str("hash"), Hex.Format(AesMmo.Hash(v.Bytes("input"))));
            }

            JsonElement pub = Vectors.Load("from-public-tests/installcode-and-keys.json");
            foreach (JsonElement v in pub.GetProperty("mmo").GetProperty("vectors").EnumerateArray())
            {
                Assert.Equal(v.Str("hash").ToUpperInvariant(), Hex.Format(AesMmo.Hash(v.Bytes("input"))));
            }
        }

        [Fact]
        public void B1_4_hmac_mmo_vectors()
        {
            foreach (JsonElement v in Hashes.GetProperty("hmacMmo").EnumerateArray())
            {
                Assert.Equal(v.Str("mac"), Hex.Format(HmacMmo.Compute(v.Bytes("key"), v.Bytes("message"))));
            }
        }

        [Fact]
        public void Zigbee_4_5_3_keyed_hash_of_link_key_vectors()
        {
            foreach (JsonElement v in Hashes.GetProperty("keyedHashOfLinkKey").EnumerateArray())
            {
                var link = new ZigbeeKey(v.Bytes("linkKey"));
                Assert.Equal(v.Str("keyTransportKey_0x00"), ZigbeeKeyDerivation.KeyTransportKey(link).ExportHex());
                Assert.Equal(v.Str("keyLoadKey_0x02"), ZigbeeKeyDerivation.KeyLoadKey(link).ExportHex());
                Assert.Equal(v.Str("verifyKeyHash_0x03"), Hex.Format(ZigbeeKeyDerivation.VerifyKeyHash(link)));
            }

            JsonElement pub = Vectors.Load("from-public-tests/installcode-and-keys.json");
            foreach (JsonElement v in pub.GetProperty("keyedHash").GetProperty("vectors").EnumerateArray())
            {
                var link = new ZigbeeKey(v.Bytes("linkKey"));
                Assert.Equal(v.Str("keyTransportKey").ToUpperInvariant(), ZigbeeKeyDerivation.KeyTransportKey(link).ExportHex());
                Assert.Equal(v.Str("keyLoadKey").ToUpperInvariant(), ZigbeeKeyDerivation.KeyLoadKey(link).ExportHex());
                Assert.Equal(v.Str("verifyKeyHash").ToUpperInvariant(), Hex.Format(ZigbeeKeyDerivation.VerifyKeyHash(link)));
            }
        }

        [Fact]
        public void Zigbee_4_5_3_cache_derives_the_same_keys()
        {
            var link = ZigbeeKey.DefaultTrustCenterLinkKey;
            using var cache = new KeyCipherCache(2);
            var block = new byte[16];
            var viaCache = new byte[16];
            var viaKey = new byte[16];
            foreach (KeyDerivation d in new[] { KeyDerivation.None, KeyDerivation.KeyTransportKey, KeyDerivation.KeyLoadKey, KeyDerivation.KeyTransportKey })
            {
                cache.Get(link, d).EncryptBlock(block, viaCache);
                ZigbeeKey k = d == KeyDerivation.None ? link : d == KeyDerivation.KeyTransportKey
                    ? ZigbeeKeyDerivation.KeyTransportKey(link) : ZigbeeKeyDerivation.KeyLoadKey(link);
                using var direct = new AesBlock(k.Span);
                direct.EncryptBlock(block, viaKey);
                Assert.Equal(viaKey, viaCache);
            }
        }

        /// <summary>A straight transcription of the B.6 padding rule (bit strings), as an independent reference.</summary>
        private static byte[] ReferenceMmo(byte[] message)
        {
            long l = message.LongLength * 8;
            var bits = new System.Collections.Generic.List<byte>(message);
            bits.Add(0x80);
            if (l < (1L << 16))
            {
                while ((bits.Count * 8) % 128 != 112)
                {
                    bits.Add(0);
                }

                bits.Add((byte)(l >> 8));
                bits.Add((byte)l);
            }
            else
            {
                while ((bits.Count * 8) % 128 != 80)
                {
                    bits.Add(0);
                }

                bits.Add((byte)(l >> 24));
                bits.Add((byte)(l >> 16));
                bits.Add((byte)(l >> 8));
                bits.Add((byte)l);
                bits.Add(0);
                bits.Add(0);
            }

            var h = new byte[16];
            using var aes = System.Security.Cryptography.Aes.Create();
            for (int i = 0; i < bits.Count; i += 16)
            {
                byte[] block = bits.GetRange(i, 16).ToArray();
                aes.Key = h;
                byte[] e = aes.EncryptEcb(block, System.Security.Cryptography.PaddingMode.None);
                for (int j = 0; j < 16; j++)
                {
                    h[j] = (byte)(e[j] ^ block[j]);
                }
            }

            return h;
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(13)]
        [InlineData(14)]
        [InlineData(15)]
        [InlineData(16)]
        [InlineData(17)]
        [InlineData(31)]
        [InlineData(8191)] // last short form (l = 65528 bits)
        [InlineData(8192)] // first long form (l = 2^16 bits)
        [InlineData(8200)] // long form, 8 bytes in the last block: needs the extra block
        [InlineData(8202)]
        [InlineData(10000)]
        public void B6_padding_short_and_long_forms_match_the_rule(int length)
        {
            var rng = new Random(length);
            var m = new byte[length];
            rng.NextBytes(m);
            Assert.Equal(Hex.Format(ReferenceMmo(m)), Hex.Format(AesMmo.Hash(m)));
        }

        [Fact]
        public void B1_4_hmac_accepts_long_messages_and_keys()
        {
            var rng = new Random(7);
            var key = new byte[16];
            rng.NextBytes(key);
            var msg = new byte[100];
            rng.NextBytes(msg);

            var inner = new byte[16 + msg.Length];
            for (int i = 0; i < 16; i++)
            {
                inner[i] = (byte)(key[i] ^ 0x36);
            }

            msg.CopyTo(inner, 16);
            var outer = new byte[32];
            for (int i = 0; i < 16; i++)
            {
                outer[i] = (byte)(key[i] ^ 0x5C);
            }

            ReferenceMmo(inner).CopyTo(outer, 16);
            Assert.Equal(Hex.Format(ReferenceMmo(outer)), Hex.Format(HmacMmo.Compute(key, msg)));
        }
    }
}
