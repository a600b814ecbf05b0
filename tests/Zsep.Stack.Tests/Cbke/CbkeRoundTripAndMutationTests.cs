using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
using Org.BouncyCastle.Security;
using Xunit;
using Xunit.Abstractions;
using Zsep.Stack.Codec;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.Cbke
{
    /// <summary>Round trips and seeded mutation runs of the certificate layer (07-5356 Annex C.3 and C.4).</summary>
    public class CbkeRoundTripAndMutationTests
    {
        private static readonly JsonElement File = Vectors.Load("cbke-certificates.json");
        private static readonly DateTime Now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        private readonly ITestOutputHelper _output;

        public CbkeRoundTripAndMutationTests(ITestOutputHelper output) => _output = output;

        private static byte[] RandomPoint(Random random, CryptoSuite suite)
        {
            byte[] p = new byte[CryptoSuites.PointLength(suite)];
            random.NextBytes(p);
            p[0] = (byte)(random.Next(2) == 0 ? 0x02 : 0x03);
            return p;
        }

        private static ulong NextUInt64(Random random)
        {
            byte[] b = new byte[8];
            random.NextBytes(b);
            return BitConverter.ToUInt64(b, 0);
        }

        internal static ImplicitCertificate RandomCertificate(Random random)
        {
            if (random.Next(2) == 0)
            {
                byte[] profile = new byte[10];
                random.NextBytes(profile);
                return ImplicitCertificate.CreateSuite1(RandomPoint(random, CryptoSuite.Suite1), new Eui64(NextUInt64(random)), new Eui64(NextUInt64(random)), profile);
            }

            return ImplicitCertificate.CreateSuite2(RandomPoint(random, CryptoSuite.Suite2), NextUInt64(random), new Eui64(NextUInt64(random)),
                NextUInt64(random) & ((1UL << 40) - 1), (uint)NextUInt64(random), new Eui64(NextUInt64(random)), (byte)random.Next(256));
        }

        [Fact]
        public void Se_C4_random_certificates_round_trip()
        {
            var random = new Random(4242);
            for (int i = 0; i < 5000; i++)
            {
                ImplicitCertificate cert = RandomCertificate(random);
                byte[] bytes = cert.ToArray();
                Assert.Equal(CryptoSuites.CertificateLength(cert.Suite), bytes.Length);
                ImplicitCertificate again = ImplicitCertificate.Decode(bytes, cert.Suite);
                Assert.Equal(cert, again);
                Assert.Equal(cert.GetHashCode(), again.GetHashCode());
                Assert.Equal(bytes, again.ToArray());
                Assert.Equal(cert, ImplicitCertificate.Decode(bytes));
                _ = again.ToString();
                _ = again.ValidTo;

                var ke = new InitiateKeyEstablishment(cert.Suite, (byte)random.Next(256), (byte)random.Next(256), cert);
                byte[] payload = ke.ToArray();
                Assert.Equal(4 + bytes.Length, payload.Length);
                InitiateKeyEstablishment keAgain = InitiateKeyEstablishment.Decode(payload);
                Assert.Equal(ke, keAgain);
                Assert.Equal(payload, keAgain.ToArray());
            }
        }

        [Fact]
        public void Se_C4_issued_certificates_validate_and_round_trip_both_suites()
        {
            SecureRandom random = CbkeCertificateTests.Seeded(7);
            foreach (CryptoSuite suite in new[] { CryptoSuite.Suite1, CryptoSuite.Suite2 })
            {
                CbkePrivateKey caKey = Ecqv.GeneratePrivateKey(suite, random);
                var issuer = new Eui64(0x5A53455054455354); // "ZSEPTEST"
                var root = new CertificateAuthority(suite, caKey.GetPublicKey()!, issuer);
                for (int i = 0; i < 25; i++)
                {
                    var subject = new Eui64(0x000D6F0000000000UL + (ulong)i);
                    (ImplicitCertificate cert, CbkePrivateKey key) = Ecqv.Issue(caKey, p => suite == CryptoSuite.Suite1
                        ? ImplicitCertificate.CreateSuite1(p, subject, issuer, Hex.Parse("0109108301234567890A"))
                        : ImplicitCertificate.CreateSuite2(p, (ulong)i, issuer, 1_600_000_000, ImplicitCertificate.NoExpiry, subject), random);
                    Assert.Equal(cert, ImplicitCertificate.Decode(cert.ToArray(), suite));
                    CertificateValidationResult r = CertificateValidator.Validate(cert.ToArray(), suite, key, new[] { root }, Now);
                    Assert.Equal(CertificateValidationReason.Ok, r.Reason);
                    Assert.Equal(key.GetPublicKey(), r.PublicKey);
                    Assert.Equal(key.GetPublicKey(), Ecqv.ReconstructPublicKey(cert, root));
                }
            }
        }

        [Fact]
        public void Se_C3_initiate_key_establishment_malformed_payloads()
        {
            byte[] payload = InitiateKeyEstablishment.Decode(Hex.Parse(File.GetProperty("keyEstablishmentFrame").Str("zcl")).AsSpan(3)).ToArray();
            FrameFormatException e = Assert.Throws<FrameFormatException>(() => InitiateKeyEstablishment.Decode(payload.AsSpan(0, 51)));
            Assert.Equal("Identity", e.Field);
            Assert.Contains("48 bytes", e.Message);
            Assert.Equal("Identity", Assert.Throws<FrameFormatException>(() => InitiateKeyEstablishment.Decode(Concat(payload, new byte[1]))).Field);
            Assert.Equal("ConfirmKeyGenerateTime", Assert.Throws<FrameFormatException>(() => InitiateKeyEstablishment.Decode(payload.AsSpan(0, 3))).Field);

            byte[] suite3 = (byte[])payload.Clone();
            suite3[0] = 0x03;
            FrameFormatException s = Assert.Throws<FrameFormatException>(() => InitiateKeyEstablishment.Decode(suite3));
            Assert.Equal("KeyEstablishmentSuite", s.Field);
            Assert.Equal(0, s.Offset);
            Assert.False(InitiateKeyEstablishment.TryDecode(suite3, out _, out FrameFormatException? err));
            Assert.Equal(FrameLayer.Zcl, err!.Layer);

            // A suite 2 header with a suite 1 certificate.
            byte[] suite2 = (byte[])payload.Clone();
            suite2[0] = 0x02;
            Assert.Contains("74 bytes", Assert.Throws<FrameFormatException>(() => InitiateKeyEstablishment.Decode(suite2)).Message);
        }

        [Fact]
        public void Se_C4_mutation_run_decode_throws_only_frame_format_and_validation_only_returns_a_reason()
        {
            var seeds = new List<(byte[] Bytes, CryptoSuite Suite, CbkePrivateKey Key, CertificateAuthority Root)>();
            foreach (JsonElement v in File.GetProperty("suite1").EnumerateArray())
            {
                seeds.Add((v.Bytes("certificate"), CryptoSuite.Suite1, CbkePrivateKey.Parse(CryptoSuite.Suite1, v.Str("privateKey")), CertificateAuthority.CerticomTestSuite1));
            }

            JsonElement s2 = File.GetProperty("suite2")[0];
            seeds.Add((s2.Bytes("certificate"), CryptoSuite.Suite2, CbkePrivateKey.Parse(CryptoSuite.Suite2, s2.Str("privateKey")), CertificateAuthority.CerticomTestSuite2));

            var random = new Random(20261125);
            var reasons = new Dictionary<CertificateValidationReason, int>();
            int decoded = 0, rejected = 0, validated = 0;
            var clock = Stopwatch.StartNew();
            const int total = 100_000;
            for (int i = 0; i < total; i++)
            {
                var seed = seeds[random.Next(seeds.Count)];
                byte[] data = Mutate(seed.Bytes, random);
                CryptoSuite? suite = random.Next(4) == 0 ? (CryptoSuite?)null : seed.Suite;
                try
                {
                    ImplicitCertificate cert = suite is null ? ImplicitCertificate.Decode(data) : ImplicitCertificate.Decode(data, suite.Value);
                    Assert.Equal(data, cert.ToArray());
                    _ = cert.ToString();
                    decoded++;
                }
                catch (FrameFormatException e)
                {
                    Assert.False(string.IsNullOrEmpty(e.Field));
                    Assert.InRange(e.Offset, 0, data.Length);
                    rejected++;
                }
                catch (Exception e)
                {
                    Assert.Fail($"Mutant {i} ({Hex.Format(data)}) threw {e.GetType().Name}: {e.Message}");
                }

                // Inside Initiate Key Establishment too.
                byte[] payload = new byte[data.Length + 4];
                payload[0] = (byte)seed.Suite;
                payload[2] = 11;
                payload[3] = 16;
                data.CopyTo(payload, 4);
                try
                {
                    InitiateKeyEstablishment.Decode(payload);
                }
                catch (FrameFormatException)
                {
                }
                catch (Exception e)
                {
                    Assert.Fail($"Initiate Key Establishment with mutant {i} threw {e.GetType().Name}: {e.Message}");
                }

                // Every mutant is validated too (about 4 s of curve arithmetic for the whole run).
                {
                    try
                    {
                        CertificateValidationResult r = CertificateValidator.Validate(data, suite, seed.Key, new[] { seed.Root }, Now);
                        reasons[r.Reason] = reasons.TryGetValue(r.Reason, out int n) ? n + 1 : 1;
                        Assert.True(Enum.IsDefined(typeof(CertificateValidationReason), r.Reason));
                        Assert.False(string.IsNullOrEmpty(r.Message));
                        validated++;
                    }
                    catch (Exception e)
                    {
                        Assert.Fail($"Validation of mutant {i} ({Hex.Format(data)}) threw {e.GetType().Name}: {e.Message}");
                    }
                }
            }

            _output.WriteLine($"{decoded} decoded, {rejected} rejected, {validated} validated in {clock.ElapsedMilliseconds} ms");
            foreach (KeyValuePair<CertificateValidationReason, int> kv in reasons)
            {
                _output.WriteLine($"  {kv.Key}: {kv.Value}");
            }

            Assert.Equal(total, decoded + rejected);
            Assert.True(decoded > 1000 && rejected > 1000);
            Assert.True(reasons.ContainsKey(CertificateValidationReason.PrivateKeyMismatch));
            Assert.True(reasons.ContainsKey(CertificateValidationReason.BadLength));
            Assert.True(reasons.ContainsKey(CertificateValidationReason.InvalidPoint));
        }

        private static byte[] Mutate(byte[] source, Random random)
        {
            byte[] data = (byte[])source.Clone();
            switch (random.Next(7))
            {
                case 0:
                case 1:
                    for (int k = random.Next(1, 4); k > 0; k--)
                    {
                        data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
                    }

                    return data;
                case 2:
                    return data.AsSpan(0, random.Next(data.Length)).ToArray();
                case 3:
                {
                    int at = random.Next(data.Length + 1);
                    byte[] longer = new byte[data.Length + 1];
                    data.AsSpan(0, at).CopyTo(longer);
                    longer[at] = (byte)random.Next(256);
                    data.AsSpan(at).CopyTo(longer.AsSpan(at + 1));
                    return longer;
                }

                case 4:
                    data[random.Next(data.Length)] = 0xFF;
                    return data;
                case 5:
                    data[random.Next(data.Length)] = 0x00;
                    return data;
                default:
                {
                    int at = random.Next(data.Length);
                    data[at] = (byte)random.Next(256);
                    return data;
                }
            }
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            byte[] r = new byte[a.Length + b.Length];
            a.CopyTo(r, 0);
            b.CopyTo(r, a.Length);
            return r;
        }
    }
}
