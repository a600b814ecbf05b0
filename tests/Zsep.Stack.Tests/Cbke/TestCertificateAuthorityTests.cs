using System;
using System.IO;
using Org.BouncyCastle.Security;
using Xunit;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.Cbke
{
    /// <summary>The test CA of the simulator: real ECQV certificates (SEC 4 2.4), marked as test, persisted and reloaded.</summary>
    public class TestCertificateAuthorityTests
    {
        private static readonly DateTime Now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        [Theory]
        [InlineData(CryptoSuite.Suite1)]
        [InlineData(CryptoSuite.Suite2)]
        public void Issued_certificates_validate_against_the_CA_and_nothing_else(CryptoSuite suite)
        {
            SecureRandom random = CbkeCertificateTests.Seeded(100 + (int)suite);
            var ca = TestCertificateAuthority.Create(suite, random);
            var subject = new Eui64(0x000D6F0001020304);
            (ImplicitCertificate cert, CbkePrivateKey key) = ca.Issue(subject, random);

            Assert.Equal(suite, cert.Suite);
            Assert.Equal(subject, cert.Subject);
            Assert.Equal(TestCertificateAuthority.DefaultIssuer, cert.Issuer);
            Assert.Equal("ZSEPTEST", cert.IssuerName);
            CertificateValidationResult ok = CertificateValidator.Validate(cert, key, new[] { ca.Authority }, Now);
            Assert.True(ok.IsValid, ok.Message);

            // Another CA (same suite): unknown issuer, or with the same issuer id a key that does not match.
            var other = TestCertificateAuthority.Create(suite, random, new Eui64(0x4F54484552434131));
            Assert.Equal(CertificateValidationReason.UnknownIssuer, CertificateValidator.Validate(cert, key, new[] { other.Authority }, Now).Reason);
            var impostor = TestCertificateAuthority.Create(suite, random);
            Assert.Equal(CertificateValidationReason.PrivateKeyMismatch, CertificateValidator.Validate(cert, key, new[] { impostor.Authority }, Now).Reason);
        }

        [Fact]
        public void Suite2_validity_is_written_into_the_certificate()
        {
            SecureRandom random = CbkeCertificateTests.Seeded(7);
            var ca = TestCertificateAuthority.Create(CryptoSuite.Suite2, random);
            (ImplicitCertificate cert, CbkePrivateKey key) = ca.Issue(new Eui64(5), random, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(30));
            Assert.Equal(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), cert.ValidFrom);
            Assert.Equal(new DateTime(2025, 1, 31, 0, 0, 0, DateTimeKind.Utc), cert.ValidTo);
            Assert.Equal(CertificateValidationReason.Expired, CertificateValidator.Validate(cert, key, new[] { ca.Authority }, Now).Reason);
        }

        [Theory]
        [InlineData(CryptoSuite.Suite1)]
        [InlineData(CryptoSuite.Suite2)]
        public void Save_and_load_round_trip_through_a_file(CryptoSuite suite)
        {
            SecureRandom random = CbkeCertificateTests.Seeded(9);
            var ca = TestCertificateAuthority.Create(suite, random);
            string path = Path.Combine(Path.GetTempPath(), $"zsep-test-ca-{Guid.NewGuid():N}.txt");
            try
            {
                ca.SaveToFile(path);
                string text = File.ReadAllText(path);
                Assert.StartsWith(TestCertificateAuthority.FileHeader, text);
                TestCertificateAuthority loaded = TestCertificateAuthority.LoadFromFile(path);
                Assert.Equal(ca.Authority, loaded.Authority);

                // The reloaded CA issues certificates the original root accepts.
                (ImplicitCertificate cert, CbkePrivateKey key) = loaded.Issue(new Eui64(77), random);
                Assert.True(CertificateValidator.Validate(cert, key, new[] { ca.Authority }, Now).IsValid);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Load_refuses_bad_text_without_showing_the_key()
        {
            SecureRandom random = CbkeCertificateTests.Seeded(10);
            var ca = TestCertificateAuthority.Create(CryptoSuite.Suite1, random);
            string text = ca.Save();
            string keyLine = Array.Find(text.Split('\n'), l => l.StartsWith("CA Private Key:", StringComparison.Ordinal))!;
            string keyHex = keyLine.Substring("CA Private Key:".Length).Trim();

            Assert.Throws<FormatException>(() => TestCertificateAuthority.Load(text.Replace(TestCertificateAuthority.FileHeader, "Something else")));
            Assert.Throws<FormatException>(() => TestCertificateAuthority.Load(text.Replace("Suite: 1", "Suite: 3")));
            Assert.Throws<FormatException>(() => TestCertificateAuthority.Load(text.Replace(keyLine + "\n", string.Empty)));

            // A different key than the stated public key.
            string otherKey = Ecqv.GeneratePrivateKey(CryptoSuite.Suite1, random).ExportHex();
            FormatException e = Assert.Throws<FormatException>(() => TestCertificateAuthority.Load(text.Replace(keyHex, otherKey)));
            Assert.DoesNotContain(otherKey, e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(keyHex, ca.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.Contains("TEST", ca.ToString());
        }
    }
}
