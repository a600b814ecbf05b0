using System;
using System.Text.Json;
using Org.BouncyCastle.Security;
using Xunit;
using Zsep.Stack.Codec;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.Cbke
{
    /// <summary>
    /// Negative cases, validity, secrets and the Certicom text form of the certificate layer (07-5356 Annex C.4,
    /// SEC 4). Certificates other than the published vectors are issued here by <see cref="Ecqv.Issue"/> from
    /// CA keys generated with a seeded random.
    /// </summary>
    public class CbkeCertificateTests
    {
        private static readonly JsonElement File = Vectors.Load("cbke-certificates.json");
        private static readonly DateTime Now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        private static readonly CertificateAuthority[] TestRoot1 = { CertificateAuthority.CerticomTestSuite1 };
        private static readonly Eui64 OtherIssuer = new Eui64(0x4F54484552434131); // "OTHERCA1"

        private static (byte[] Cert, CbkePrivateKey Key, string PublicKey) Suite1Vector(int i)
        {
            JsonElement v = File.GetProperty("suite1")[i];
            return (v.Bytes("certificate"), CbkePrivateKey.Parse(CryptoSuite.Suite1, v.Str("privateKey")), v.Str("publicKey"));
        }

        internal static SecureRandom Seeded(int seed)
        {
            var random = SecureRandom.GetInstance("SHA256PRNG", false);
            random.SetSeed(BitConverter.GetBytes(seed));
            return random;
        }

        [Fact]
        public void Se_C4_2_2_altered_certificate_byte_changes_the_key_so_the_private_key_no_longer_matches()
        {
            for (int i = 0; i < 4; i++)
            {
                (byte[] cert, CbkePrivateKey key, string publicKey) = Suite1Vector(i);

                // A byte of the subject or the profile attribute data changes e, hence the reconstructed key.
                foreach (int at in new[] { 22, 29, 40, 47 })
                {
                    byte[] altered = (byte[])cert.Clone();
                    altered[at] ^= 0x01;
                    ImplicitCertificate c = ImplicitCertificate.Decode(altered, CryptoSuite.Suite1);
                    var root = new CertificateAuthority(CryptoSuite.Suite1, CertificateAuthority.CerticomTestSuite1.PublicKey);
                    Assert.NotEqual(publicKey, Hex.Format(Ecqv.ReconstructPublicKey(c, root)));
                    Assert.False(Ecqv.PrivateKeyMatches(c, root, key));
                    CertificateValidationResult r = CertificateValidator.Validate(altered, CryptoSuite.Suite1, key, new[] { root }, Now);
                    Assert.Equal(CertificateValidationReason.PrivateKeyMismatch, r.Reason);
                    Assert.False(r.IsValid);
                }

                // Altering the issuer is caught before any arithmetic.
                byte[] issuer = (byte[])cert.Clone();
                issuer[37] ^= 0x01;
                Assert.Equal(CertificateValidationReason.UnknownIssuer, CertificateValidator.Validate(issuer, null, key, TestRoot1, Now).Reason);
            }
        }

        [Fact]
        public void Se_C4_2_2_altered_reconstruction_point_is_invalid_point_or_mismatch()
        {
            (byte[] cert, CbkePrivateKey key, _) = Suite1Vector(0);
            int invalid = 0;
            for (int at = 1; at < 22; at++)
            {
                byte[] altered = (byte[])cert.Clone();
                altered[at] ^= 0x10;
                CertificateValidationResult r = CertificateValidator.Validate(altered, CryptoSuite.Suite1, key, TestRoot1, Now);
                Assert.True(r.Reason == CertificateValidationReason.InvalidPoint || r.Reason == CertificateValidationReason.PrivateKeyMismatch, r.ToString());
                if (r.Reason == CertificateValidationReason.InvalidPoint)
                {
                    invalid++;
                    Assert.Throws<FrameFormatException>(() => Ecqv.ReconstructPublicKey(ImplicitCertificate.Decode(altered, CryptoSuite.Suite1), CertificateAuthority.CerticomTestSuite1));
                }
            }

            // x beyond 163 bits is never a field element.
            byte[] big = (byte[])cert.Clone();
            big[1] = 0xFF;
            Assert.Equal(CertificateValidationReason.InvalidPoint, CertificateValidator.Validate(big, CryptoSuite.Suite1, key, TestRoot1, Now).Reason);
            Assert.True(invalid > 0);
        }

        [Fact]
        public void Se_C4_certificate_of_a_ca_not_in_the_roots_is_unknown_issuer()
        {
            SecureRandom random = Seeded(1);
            CbkePrivateKey caKey = Ecqv.GeneratePrivateKey(CryptoSuite.Suite1, random);
            var ownRoot = new CertificateAuthority(CryptoSuite.Suite1, caKey.GetPublicKey()!, OtherIssuer);
            (ImplicitCertificate cert, CbkePrivateKey key) = Ecqv.Issue(caKey,
                p => ImplicitCertificate.CreateSuite1(p, new Eui64(0x000D6F0000ABCDEF), OtherIssuer, Hex.Parse("0109108301234567890A")), random);

            Assert.Equal(CertificateValidationReason.UnknownIssuer, CertificateValidator.Validate(cert, key, TestRoot1, Now).Reason);
            Assert.Equal(CertificateValidationReason.UnknownIssuer, CertificateValidator.Validate(cert, key, Array.Empty<CertificateAuthority>(), Now).Reason);
            Assert.Equal(CertificateValidationReason.UnknownIssuer, CertificateValidator.Validate(cert, key, new[] { CertificateAuthority.CerticomTestSuite2 }, Now).Reason);
            Assert.Contains("OTHERCA1", CertificateValidator.Validate(cert, key, TestRoot1, Now).Message);

            CertificateValidationResult ok = CertificateValidator.Validate(cert, key, new[] { CertificateAuthority.CerticomTestSuite1, ownRoot }, Now);
            Assert.Equal(CertificateValidationReason.Ok, ok.Reason);
            Assert.Equal(ownRoot, ok.Authority);
            Assert.Equal(key.GetPublicKey(), ok.PublicKey);

            // A root of unknown issuer matches any issuer of its suite; with the wrong CA key the private key cannot match.
            var anyIssuer = new CertificateAuthority(CryptoSuite.Suite1, CertificateAuthority.CerticomTestSuite1.PublicKey);
            Assert.Equal(CertificateValidationReason.PrivateKeyMismatch, CertificateValidator.Validate(cert, key, new[] { anyIssuer }, Now).Reason);
            Assert.Equal(CertificateValidationReason.Ok, CertificateValidator.Validate(cert, key, new[] { anyIssuer, ownRoot.WithIssuer(null) }, Now).Reason);
        }

        [Fact]
        public void Se_C4_wrong_lengths()
        {
            (byte[] cert, CbkePrivateKey key, _) = Suite1Vector(0);
            foreach (int length in new[] { 0, 1, 22, 47, 49, 74, 75 })
            {
                byte[] data = new byte[length];
                cert.AsSpan(0, Math.Min(length, cert.Length)).CopyTo(data);
                FrameFormatException e = Assert.Throws<FrameFormatException>(() => ImplicitCertificate.Decode(data, CryptoSuite.Suite1));
                Assert.Equal(FrameLayer.Security, e.Layer);
                Assert.Equal("Certificate", e.Field);
                Assert.Equal(Math.Min(length, 48), e.Offset);
                Assert.Contains("suite 1 certificate is 48 bytes", e.Message);
                Assert.Equal(CertificateValidationReason.BadLength, CertificateValidator.Validate(data, CryptoSuite.Suite1, key, TestRoot1, Now).Reason);
            }

            FrameFormatException e2 = Assert.Throws<FrameFormatException>(() => ImplicitCertificate.Decode(cert, CryptoSuite.Suite2));
            Assert.Contains("suite 2 certificate is 74 bytes", e2.Message);
            Assert.Throws<FrameFormatException>(() => ImplicitCertificate.Decode(new byte[50]));
            Assert.Equal(CertificateValidationReason.BadLength, CertificateValidator.Validate(new byte[50], null, null, TestRoot1, Now).Reason);

            // Keys of the wrong length or the other suite.
            Assert.Throws<ArgumentException>(() => new CbkePrivateKey(CryptoSuite.Suite1, new byte[20]));
            Assert.Throws<FormatException>(() => CbkePrivateKey.Parse(CryptoSuite.Suite2, key.ExportHex()));
            Assert.Throws<ArgumentException>(() => new CertificateAuthority(CryptoSuite.Suite2, CertificateAuthority.CerticomTestSuite1.PublicKey));
            var suite2Key = new CbkePrivateKey(CryptoSuite.Suite2, new byte[36]);
            Assert.Equal(CertificateValidationReason.BadLength, CertificateValidator.Validate(cert, null, suite2Key, TestRoot1, Now).Reason);
        }

        [Fact]
        public void Se_C4_structure_errors_name_field_and_offset()
        {
            (byte[] cert, CbkePrivateKey key, _) = Suite1Vector(0);
            byte[] uncompressed = (byte[])cert.Clone();
            uncompressed[0] = 0x04;
            FrameFormatException e = Assert.Throws<FrameFormatException>(() => ImplicitCertificate.Decode(uncompressed, CryptoSuite.Suite1));
            Assert.Equal("Certificate.PublicKeyReconstructionData", e.Field);
            Assert.Equal(0, e.Offset);
            Assert.Equal(CertificateValidationReason.BadStructure, CertificateValidator.Validate(uncompressed, null, key, TestRoot1, Now).Reason);

            byte[] s2 = File.GetProperty("suite2")[0].Bytes("certificate");
            foreach ((int at, string field) in new[] { (0, "Certificate.Type"), (9, "Certificate.Curve"), (10, "Certificate.Hash"), (37, "Certificate.PublicKeyReconstructionData") })
            {
                byte[] bad = (byte[])s2.Clone();
                bad[at] = 0x05;
                FrameFormatException f = Assert.Throws<FrameFormatException>(() => ImplicitCertificate.Decode(bad, CryptoSuite.Suite2));
                Assert.Equal(field, f.Field);
                Assert.Equal(at, f.Offset);
                Assert.False(ImplicitCertificate.TryDecode(bad, CryptoSuite.Suite2, out _, out FrameFormatException? err));
                Assert.Equal(field, err!.Field);
            }

            // Inside Initiate Key Establishment the offset counts from the start of the ZCL payload.
            byte[] payload = new byte[52];
            payload[0] = 0x01;
            uncompressed.CopyTo(payload, 4);
            FrameFormatException g = Assert.Throws<FrameFormatException>(() => InitiateKeyEstablishment.Decode(payload));
            Assert.Equal(4, g.Offset);
        }

        [Fact]
        public void Se_C4_suite2_validity_period()
        {
            SecureRandom random = Seeded(2);
            CbkePrivateKey caKey = Ecqv.GeneratePrivateKey(CryptoSuite.Suite2, random);
            var issuer = new Eui64(0x1112131415161718);
            var root = new CertificateAuthority(CryptoSuite.Suite2, caKey.GetPublicKey()!, issuer);
            ulong from = 1_700_000_000; // 2023-11-14T22:13:20Z
            (ImplicitCertificate cert, CbkePrivateKey key) = Ecqv.Issue(caKey,
                p => ImplicitCertificate.CreateSuite2(p, 42, issuer, from, 86400, new Eui64(0x0022080000000002)), random);
            var roots = new[] { root };
            DateTime start = new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc);
            Assert.Equal(start, cert.ValidFrom);
            Assert.Equal(start.AddDays(1), cert.ValidTo);
            Assert.Equal(CertificateValidationReason.NotYetValid, CertificateValidator.Validate(cert, key, roots, start.AddSeconds(-1)).Reason);
            Assert.Equal(CertificateValidationReason.Ok, CertificateValidator.Validate(cert, key, roots, start).Reason);
            Assert.Equal(CertificateValidationReason.Ok, CertificateValidator.Validate(cert, key, roots, start.AddDays(1)).Reason);
            Assert.Equal(CertificateValidationReason.Expired, CertificateValidator.Validate(cert, key, roots, start.AddDays(1).AddSeconds(1)).Reason);
            Assert.Equal(CertificateValidationReason.Ok, CertificateValidator.Validate(cert, key, roots, DateTime.SpecifyKind(start.AddHours(1), DateTimeKind.Unspecified)).Reason);

            // The published suite 2 certificate never expires and is valid from 2018.
            JsonElement v = File.GetProperty("suite2")[0];
            var vkey = CbkePrivateKey.Parse(CryptoSuite.Suite2, v.Str("privateKey"));
            var roots2 = new[] { CertificateAuthority.CerticomTestSuite2 };
            Assert.Equal(CertificateValidationReason.NotYetValid, CertificateValidator.Validate(v.Bytes("certificate"), null, vkey, roots2, new DateTime(2018, 1, 1)).Reason);
            Assert.Equal(CertificateValidationReason.Ok, CertificateValidator.Validate(v.Bytes("certificate"), null, vkey, roots2, DateTime.MaxValue).Reason);
        }

        [Fact]
        public void Se_C4_private_key_out_of_range_is_a_mismatch()
        {
            (byte[] cert, _, _) = Suite1Vector(0);
            var zero = new CbkePrivateKey(CryptoSuite.Suite1, new byte[21]);
            byte[] ff = new byte[21];
            ff.AsSpan().Fill(0xFF);
            var tooBig = new CbkePrivateKey(CryptoSuite.Suite1, ff);
            Assert.False(zero.IsInRange);
            Assert.False(tooBig.IsInRange);
            Assert.Null(tooBig.GetPublicKey());
            Assert.Equal(CertificateValidationReason.PrivateKeyMismatch, CertificateValidator.Validate(cert, null, zero, TestRoot1, Now).Reason);
            Assert.Equal(CertificateValidationReason.PrivateKeyMismatch, CertificateValidator.Validate(cert, null, tooBig, TestRoot1, Now).Reason);
        }

        [Fact]
        public void Se_C4_private_keys_are_never_displayed()
        {
            for (int i = 0; i < 4; i++)
            {
                (byte[] cert, CbkePrivateKey key, _) = Suite1Vector(i);
                string hex = key.ExportHex();
                Assert.DoesNotContain(hex, key.ToString(), StringComparison.OrdinalIgnoreCase);
                Assert.Contains("redacted", key.ToString());

                // Every outcome, good or bad, keeps the key out of its message.
                byte[] altered = (byte[])cert.Clone();
                altered[30] ^= 0x80;
                foreach (byte[] c in new[] { cert, altered })
                {
                    CertificateValidationResult r = CertificateValidator.Validate(c, null, key, TestRoot1, Now);
                    Assert.DoesNotContain(hex, r.ToString(), StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain(hex.Substring(2, 16), r.Message, StringComparison.OrdinalIgnoreCase);
                }

                string bad = "CA Pub Key: " + Hex.Format(CertificateAuthority.CerticomTestSuite1.PublicKey) + " Device Implicit Cert: " + Hex.Format(cert)
                    + " Device Private Key: " + hex.Substring(0, 40) + "Z";
                FormatException e = Assert.Throws<FormatException>(() => CerticomCertificateText.Parse(bad));
                Assert.DoesNotContain(hex.Substring(0, 8), e.Message, StringComparison.OrdinalIgnoreCase);
                Assert.Throws<FormatException>(() => CbkePrivateKey.Parse(CryptoSuite.Suite1, hex + "00"));
            }
        }

        [Fact]
        public void Certicom_text_form_zsmartsystems_strings_both_suites()
        {
            // The strings of zsmartsystems CerticomCbkeCertificateTest.java (label "Private Key Reconstruction Data").
            string suite1 = "CA Pub Key:\n0200fde8a7f3d1084224962a4e7c54e69ac3f04da6b8\nDevice Implicit Cert:\n"
                + "02020882b1d7df05538f37cdd09a4f6b15368998642b002208000000000154455354534543410109108301234567890a\n"
                + "Private Key Reconstruction Data:\n0392ba4afc2453a49eebe9bca8de73210f02479a4a\n"
                + "Device Public Key:\n0207d1ca014786b5e552cfd5f04339a2e856f00eaaef\n";
            CerticomCertificateBundle b1 = CerticomCertificateText.Parse(suite1);
            Assert.Equal(CryptoSuite.Suite1, b1.Suite);
            Assert.Equal(Eui64.Parse("0022080000000001"), b1.Certificate.Subject);
            Assert.Equal(CertificateAuthority.CerticomTestSuite1.PublicKey, b1.Authority.PublicKey);
            Assert.Null(b1.Authority.Issuer);
            Assert.Equal(b1.DevicePublicKey, Ecqv.ReconstructPublicKey(b1.Certificate, b1.Authority));
            Assert.Equal(CertificateValidationReason.Ok, CertificateValidator.Validate(b1.Certificate, b1.PrivateKey, new[] { b1.Authority }, Now).Reason);
            Assert.DoesNotContain("0392", b1.ToString(), StringComparison.OrdinalIgnoreCase);

            string suite2 = "CA Pub Key:\n0207a445022d9f39f49bdc38380026a27a9e0a1799313ab28c5c1a1c6b605154db1dff6752\nDevice Implicit Cert:\n"
                + "000b3ad5a312ab75d60d081112131415161718005b7ed230ffffffff0022080000000001080205bb3d1d1576197ff9ab6563915019a130437adb0ee7915432dc4a09c97dc595c5856800\n"
                + "Private Key Reconstruction Data:\n00997097b87684f62f555173c47be89935fbf6440ae292492b54c5829a0d541f4d26e254\n"
                + "Device Public Key:\n02012f082ee7db1bd3f89f16eabbf5d6221a5dcd077fc0c9d37b329eee8e2cdaee03439de0";
            CerticomCertificateBundle b2 = CerticomCertificateText.Parse(suite2);
            Assert.Equal(CryptoSuite.Suite2, b2.Suite);
            Assert.Equal(b2.DevicePublicKey, Ecqv.ReconstructPublicKey(b2.Certificate, b2.Authority));
            Assert.Equal(CertificateValidationReason.Ok, CertificateValidator.Validate(b2.Certificate, b2.PrivateKey, new[] { b2.Authority }, Now).Reason);
        }

        [Fact]
        public void Certicom_text_form_device_private_key_label_hex_over_lines_and_round_trip()
        {
            (byte[] cert, CbkePrivateKey key, string publicKey) = Suite1Vector(0);
            string certHex = Hex.Format(cert);
            string keyHex = key.ExportHex();
            string text = "ca pub key:\r\n  0200FDE8A7F3D108 4224962A4E7C\r\n54E69AC3F04DA6B8\r\n"
                + "Device Implicit Cert:\r\n" + certHex.Substring(0, 32) + "\r\n" + certHex.Substring(32, 32) + "\r\n" + certHex.Substring(64) + "\r\n"
                + "Device Private Key:\r\n" + keyHex.Substring(0, 20) + "\r\n" + keyHex.Substring(20) + "\r\n";
            CerticomCertificateBundle b = CerticomCertificateText.Parse(text);
            Assert.Equal(cert, b.Certificate.ToArray());
            Assert.Equal(key, b.PrivateKey);
            Assert.Null(b.DevicePublicKey);
            Assert.Equal(publicKey, Hex.Format(b.PrivateKey.GetPublicKey()!));

            CerticomCertificateBundle again = CerticomCertificateText.Parse(CerticomCertificateText.Format(b));
            Assert.Equal(b.Certificate, again.Certificate);
            Assert.Equal(b.PrivateKey, again.PrivateKey);
            Assert.Equal(b.Authority, again.Authority);
        }

        [Fact]
        public void Certicom_text_form_errors()
        {
            (byte[] cert, CbkePrivateKey key, _) = Suite1Vector(0);
            string ca = "CA Pub Key: " + Hex.Format(CertificateAuthority.CerticomTestSuite1.PublicKey) + "\n";
            string dc = "Device Implicit Cert: " + Hex.Format(cert) + "\n";
            string pk = "Device Private Key: " + key.ExportHex() + "\n";
            Assert.Contains("CA Pub Key", Assert.Throws<FormatException>(() => CerticomCertificateText.Parse(dc + pk)).Message);
            Assert.Contains("Device Implicit Cert", Assert.Throws<FormatException>(() => CerticomCertificateText.Parse(ca + pk)).Message);
            Assert.Contains("Device Private Key", Assert.Throws<FormatException>(() => CerticomCertificateText.Parse(ca + dc)).Message);
            Assert.Contains("do not agree", Assert.Throws<FormatException>(() => CerticomCertificateText.Parse(ca + dc + pk.Replace("\n", "00\n"))).Message);
            Assert.Contains("do not agree", Assert.Throws<FormatException>(() =>
                CerticomCertificateText.Parse("CA Pub Key: " + Hex.Format(CertificateAuthority.CerticomTestSuite2.PublicKey) + "\n" + dc + pk)).Message);
            Assert.Throws<FormatException>(() => CerticomCertificateText.Parse(ca + "Device Implicit Cert:\n" + pk));
            Assert.False(CerticomCertificateText.TryParse(null, out _, out string? error));
            Assert.NotNull(error);

            byte[] bad = (byte[])cert.Clone();
            bad[0] = 0x07;
            FrameFormatException f = Assert.Throws<FrameFormatException>(() => CerticomCertificateText.Parse(ca + "Device Implicit Cert: " + Hex.Format(bad) + "\n" + pk));
            Assert.Equal("Certificate.PublicKeyReconstructionData", f.Field);
        }
    }
}
