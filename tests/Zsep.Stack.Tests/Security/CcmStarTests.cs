using System;
using System.Text.Json;
using Xunit;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.Security
{
    /// <summary>CCM* (Zigbee PRO 2015 Annex A) against tests/vectors/ccm-star.json and random round trips.</summary>
    public class CcmStarTests
    {
        private static readonly JsonElement Ccm = Vectors.Load("ccm-star.json");

        [Fact]
        public void AnnexA_C4_spec_example_encrypts_and_decrypts()
        {
            // ccm-star.json "spec": Zigbee spec Annex C example (M=8, equals standard AES-CCM).
            foreach (JsonElement v in Ccm.GetProperty("spec").EnumerateArray())
            {
                using var aes = new AesBlock(v.Bytes("key"));
                byte[] nonce = v.Bytes("nonce");
                byte[] a = v.Bytes("authData");
                byte[] m = v.Bytes("plaintext");
                byte[] expected = v.Bytes("ciphertextAndMic");
                int micLength = v.GetProperty("micLength").GetInt32();

                var output = new byte[m.Length + micLength];
                AesCcmStar.Encrypt(aes, nonce, a, m, micLength, output);
                Assert.Equal(Hex.Format(expected), Hex.Format(output));

                var plain = new byte[m.Length];
                Assert.True(AesCcmStar.Decrypt(aes, nonce, a, expected, micLength, plain));
                Assert.Equal(m, plain);
            }
        }

        [Fact]
        public void AnnexA_2_2_authentication_tag_mic32_vector()
        {
            // ccm-star.json "mic32" (Nerivec/zigbee-on-host test/zigbee/zigbee.test.ts): the CBC-MAC tag T, M=4.
            foreach (JsonElement v in Ccm.GetProperty("mic32").EnumerateArray())
            {
                using var aes = new AesBlock(v.Bytes("key"));
                var tag = new byte[4];
                AesCcmStar.ComputeAuthenticationTag(aes, v.Bytes("nonce"), v.Bytes("authData"), v.Bytes("payload"), 4, tag);
                Assert.Equal(v.Str("mic"), Hex.Format(tag));
            }
        }

        [Fact]
        public void AnnexA_public_test_ccm_auth_tag_vector()
        {
            // from-public-tests/installcode-and-keys.json "ccmAuthTag" (zigbee-on-host).
            JsonElement root = Vectors.Load("from-public-tests/installcode-and-keys.json");
            foreach (JsonElement v in root.GetProperty("ccmAuthTag").GetProperty("vectors").EnumerateArray())
            {
                using var aes = new AesBlock(v.Bytes("key"));
                var tag = new byte[4];
                AesCcmStar.ComputeAuthenticationTag(aes, v.Bytes("nonce"), v.Bytes("authData"), v.Bytes("payload"), 4, tag);
                Assert.Equal(v.Str("mic").ToUpperInvariant(), Hex.Format(tag));
            }
        }

        [Fact]
        public void AnnexA_mic_is_tag_encrypted_with_S0()
        {
            // The on-air MIC U of encryption is T xor S_0: decrypting U with the same key gives back T's check.
            using var aes = new AesBlock(Hex.Parse("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
            byte[] nonce = Hex.Parse("BBBBBBBBBBBBBBBBBBBBBBBBBB");
            byte[] a = { 1, 2 };
            byte[] m = { 5, 6, 7, 8, 9 };
            var c = new byte[9];
            AesCcmStar.Encrypt(aes, nonce, a, m, 4, c);
            var plain = new byte[5];
            Assert.True(AesCcmStar.Decrypt(aes, nonce, a, c, 4, plain));
            Assert.Equal(m, plain);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(4)]
        [InlineData(8)]
        [InlineData(16)]
        public void AnnexA_random_round_trip_and_tamper_detection(int micLength)
        {
            var rng = new Random(4242 + micLength);
            var key = new byte[16];
            var nonce = new byte[13];
            for (int iteration = 0; iteration < 1500; iteration++)
            {
                rng.NextBytes(key);
                rng.NextBytes(nonce);
                var a = new byte[rng.Next(0, 40)];
                var m = new byte[rng.Next(0, iteration < 1400 ? 120 : 600)];
                rng.NextBytes(a);
                rng.NextBytes(m);
                using var aes = new AesBlock(key);
                var c = new byte[m.Length + micLength];
                AesCcmStar.Encrypt(aes, nonce, a, m, micLength, c);
                var p = new byte[m.Length];
                Assert.True(AesCcmStar.Decrypt(aes, nonce, a, c, micLength, p));
                Assert.Equal(m, p);

                // In place.
                var inPlace = (byte[])m.Clone();
                Array.Resize(ref inPlace, m.Length + micLength);
                AesCcmStar.Encrypt(aes, nonce, a, inPlace.AsSpan(0, m.Length), micLength, inPlace);
                Assert.Equal(c, inPlace);
                Assert.True(AesCcmStar.Decrypt(aes, nonce, a, inPlace, micLength, inPlace));
                Assert.Equal(m, inPlace.AsSpan(0, m.Length).ToArray());

                if (micLength > 0 && c.Length > 0)
                {
                    byte[] bad = (byte[])c.Clone();
                    bad[rng.Next(bad.Length)] ^= (byte)(1 << rng.Next(8));
                    var q = new byte[m.Length];
                    Array.Fill(q, (byte)0xEE);
                    Assert.False(AesCcmStar.Decrypt(aes, nonce, a, bad, micLength, q));
                    Assert.All(q, b => Assert.Equal(0, b)); // the output is wiped on failure

                    if (a.Length > 0)
                    {
                        byte[] badA = (byte[])a.Clone();
                        badA[0] ^= 0x01;
                        Assert.False(AesCcmStar.Decrypt(aes, nonce, badA, c, micLength, q));
                    }
                }
            }
        }

        [Fact]
        public void AnnexA_rejects_bad_parameters()
        {
            using var aes = new AesBlock(new byte[16]);
            Assert.Throws<ArgumentOutOfRangeException>(() => AesCcmStar.Encrypt(aes, new byte[13], default, new byte[3], 6, new byte[9]));
            Assert.Throws<ArgumentException>(() => AesCcmStar.Encrypt(aes, new byte[12], default, new byte[3], 4, new byte[7]));
            Assert.Throws<ArgumentException>(() => AesCcmStar.Encrypt(aes, new byte[13], default, new byte[3], 4, new byte[6]));
            Assert.Throws<ArgumentException>(() => new AesBlock(new byte[15]));
        }

        [Fact]
        public void AesBlock_matches_FIPS197_appendix_C1()
        {
            // FIPS-197 Appendix C.1 AES-128 example.
            using var aes = new AesBlock(Hex.Parse("000102030405060708090a0b0c0d0e0f"));
            var output = new byte[16];
            aes.EncryptBlock(Hex.Parse("00112233445566778899aabbccddeeff"), output);
            Assert.Equal("69C4E0D86A7B0430D8CDB78070B4C55A", Hex.Format(output));

            var many = new byte[16 * 40];
            for (int i = 0; i < 40; i++)
            {
                Hex.Parse("00112233445566778899aabbccddeeff").CopyTo(many, i * 16);
            }

            aes.EncryptBlocks(many, many);
            for (int i = 0; i < 40; i++)
            {
                Assert.Equal("69C4E0D86A7B0430D8CDB78070B4C55A", Hex.Format(many.AsSpan(i * 16, 16)));
            }
        }
    }
}
