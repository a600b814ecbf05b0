using System;
using System.Text.Json;
using Xunit;
using Zsep.Stack.Codec;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.Tests.Cbke
{
    /// <summary>
    /// The published Certicom test certificates of tests/vectors/cbke-certificates.json (DSR ZBOSS test data,
    /// zsmartsystems CerticomCbkeCertificateTest.java, zsmartsystems logs/cluster-0800-KeyEstablishment.txt),
    /// Smart Energy 1.x (07-5356) Annex C.4 / SEC 4 ECQV.
    /// </summary>
    public class CbkeVectorTests
    {
        private static readonly JsonElement File = Vectors.Load("cbke-certificates.json");
        private static readonly DateTime Now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        [Fact]
        public void Se_C4_test_ca_keys_are_those_of_the_vector_file()
        {
            JsonElement ca = File.GetProperty("testCaPublicKey");
            Assert.Equal(ca.Str("suite1_sect163k1"), Hex.Format(CertificateAuthority.CerticomTestSuite1.PublicKey));
            Assert.Equal(ca.Str("suite2_sect283k1"), Hex.Format(CertificateAuthority.CerticomTestSuite2.PublicKey));
            Assert.Equal("TESTSECA", System.Text.Encoding.ASCII.GetString(BitConverterBe(CertificateAuthority.TestSecaIssuer.Value)));
        }

        [Fact]
        public void Se_C4_2_2_suite1_vectors_decode_reconstruct_and_match_private_key()
        {
            int count = 0;
            foreach (JsonElement v in File.GetProperty("suite1").EnumerateArray())
            {
                byte[] bytes = v.Bytes("certificate");
                ImplicitCertificate cert = ImplicitCertificate.Decode(bytes, CryptoSuite.Suite1);
                Assert.Equal(CryptoSuite.Suite1, cert.Suite);
                Assert.Equal(Eui64.Parse(v.Str("subject")), cert.Subject);
                Assert.Equal(CertificateAuthority.TestSecaIssuer, cert.Issuer);
                Assert.Equal("TESTSECA", cert.IssuerName);
                Assert.Equal(bytes, cert.ToArray());
                Assert.Equal(Hex.Parse("0109108301234567890A"), cert.ProfileAttributeData);
                Assert.Equal(bytes.AsSpan(0, 22).ToArray(), cert.PublicKeyReconstructionData);

                byte[] q = Ecqv.ReconstructPublicKey(cert, CertificateAuthority.CerticomTestSuite1);
                Assert.Equal(v.Str("publicKey"), Hex.Format(q));

                var key = CbkePrivateKey.Parse(CryptoSuite.Suite1, v.Str("privateKey"));
                Assert.Equal(v.Str("publicKey"), Hex.Format(key.GetPublicKey()!));
                Assert.True(Ecqv.PrivateKeyMatches(cert, CertificateAuthority.CerticomTestSuite1, key));

                CertificateValidationResult result = CertificateValidator.Validate(cert, key, new[] { CertificateAuthority.CerticomTestSuite1 }, Now);
                Assert.Equal(CertificateValidationReason.Ok, result.Reason);
                Assert.Equal(v.Str("publicKey"), Hex.Format(result.PublicKey!));
                Assert.Same(CertificateAuthority.CerticomTestSuite1, result.Authority);
                count++;
            }

            Assert.Equal(4, count);
        }

        [Fact]
        public void Se_C4_2_suite2_vector_decodes_field_by_field()
        {
            JsonElement v = File.GetProperty("suite2")[0];
            byte[] bytes = v.Bytes("certificate");
            ImplicitCertificate cert = ImplicitCertificate.Decode(bytes, CryptoSuite.Suite2);
            Assert.Equal(CryptoSuite.Suite2, cert.Suite);
            Assert.Equal((byte)0x00, cert.CertificateType);
            Assert.Equal(0x0B3AD5A312AB75D6UL, cert.SerialNumber);
            Assert.Equal((byte)0x0D, cert.Curve);
            Assert.Equal((byte)0x08, cert.Hash);
            Assert.Equal(new Eui64(0x1112131415161718), cert.Issuer);
            Assert.Equal(0x5B7ED230UL, cert.ValidFromSeconds);
            Assert.Equal(new DateTime(2018, 8, 23, 15, 26, 40, DateTimeKind.Utc), cert.ValidFrom);
            Assert.Equal(ImplicitCertificate.NoExpiry, cert.ValidToSeconds);
            Assert.Null(cert.ValidTo);
            Assert.Equal(Eui64.Parse("00:22:08:00:00:00:00:01"), cert.Subject);
            Assert.Equal(ImplicitCertificate.KeyUsageKeyAgreement, cert.KeyUsage);
            Assert.Equal(bytes.AsSpan(37, 37).ToArray(), cert.PublicKeyReconstructionData);
            Assert.Null(cert.ProfileAttributeData);
            Assert.Equal(bytes, cert.ToArray());
        }

        [Fact]
        public void Se_C4_2_2_suite2_vector_reconstructs_and_matches_private_key()
        {
            JsonElement v = File.GetProperty("suite2")[0];
            ImplicitCertificate cert = ImplicitCertificate.Decode(v.Bytes("certificate"), CryptoSuite.Suite2);
            var key = CbkePrivateKey.Parse(CryptoSuite.Suite2, v.Str("privateKey"));
            Assert.Equal(v.Str("publicKey"), Hex.Format(key.GetPublicKey()!));
            Assert.Equal(v.Str("publicKey"), Hex.Format(Ecqv.ReconstructPublicKey(cert, CertificateAuthority.CerticomTestSuite2)));
            CertificateValidationResult result = CertificateValidator.Validate(cert, key, new[] { CertificateAuthority.CerticomTestSuite2 }, Now);
            Assert.Equal(CertificateValidationReason.Ok, result.Reason);
        }

        [Fact]
        public void Se_C3_initiate_key_establishment_response_vector()
        {
            JsonElement v = File.GetProperty("keyEstablishmentFrame");
            byte[] zcl = v.Bytes("zcl");
            ZclFrame frame = ZclFrame.Decode(InitiateKeyEstablishment.ClusterId, zcl);
            Assert.Equal(0x09, zcl[0]);
            Assert.Equal(3, frame.Header.TransactionSequenceNumber);
            Assert.Equal(InitiateKeyEstablishment.CommandId, frame.Header.CommandId);
            Assert.Equal("InitiateKeyEstablishmentResponse", frame.CommandName);

            InitiateKeyEstablishment cmd = InitiateKeyEstablishment.Decode(frame.Payload);
            Assert.Equal(CryptoSuite.Suite1, cmd.KeyEstablishmentSuite);
            Assert.Equal(11, cmd.EphemeralDataGenerateTime);
            Assert.Equal(16, cmd.ConfirmKeyGenerateTime);
            Assert.Equal(48, cmd.Identity.EncodedLength);
            Assert.Equal(Eui64.Parse("EEEEEEEEEEEEEEEE"), cmd.Identity.Subject);
            Assert.Equal("TESTSECA", cmd.Identity.IssuerName);
            Assert.Equal(frame.Payload, cmd.ToArray());

            // No private key: the certificate is checked for issuer and curve point only.
            CertificateValidationResult result = CertificateValidator.Validate(cmd.Identity, null, new[] { CertificateAuthority.CerticomTestSuite1 }, Now);
            Assert.Equal(CertificateValidationReason.Ok, result.Reason);
            Assert.Equal(22, result.PublicKey!.Length);
        }

        [Fact]
        public void Se_C4_2_2_e_is_the_whole_aes_mmo_digest_read_big_endian()
        {
            // SEC 4 2.3 Hn / SEC 1 4.1.3 step 5: the leftmost bits of the digest are kept only when the digest is
            // longer than the order n. AES-MMO gives 128 bits; n has 163 (suite 1) and 281 (suite 2) bits, so e is
            // the whole digest as a big-endian integer, neither truncated nor reduced. All five vectors confirm it;
            // the other byte order does not reproduce them.
            Assert.Equal(163, Org.BouncyCastle.Asn1.Sec.SecNamedCurves.GetByName("sect163k1").N.BitLength);
            Assert.Equal(281, Org.BouncyCastle.Asn1.Sec.SecNamedCurves.GetByName("sect283k1").N.BitLength);
            foreach (JsonElement v in File.GetProperty("suite1").EnumerateArray())
            {
                byte[] bytes = v.Bytes("certificate");
                byte[] digest = Zsep.Stack.Security.AesMmo.Hash(bytes);
                Assert.Equal(new Org.BouncyCastle.Math.BigInteger(1, digest), Ecqv.HashToInteger(bytes, CryptoSuite.Suite1));
                Assert.Equal(digest, Ecqv.CertificateHash(ImplicitCertificate.Decode(bytes, CryptoSuite.Suite1)));

                Array.Reverse(digest);
                var curve = Org.BouncyCastle.Asn1.Sec.SecNamedCurves.GetByName("sect163k1");
                var p = curve.Curve.DecodePoint(bytes.AsSpan(0, 22).ToArray());
                var qca = curve.Curve.DecodePoint(CertificateAuthority.CerticomTestSuite1.PublicKey);
                byte[] wrong = p.Multiply(new Org.BouncyCastle.Math.BigInteger(1, digest)).Add(qca).Normalize().GetEncoded(true);
                Assert.NotEqual(v.Str("publicKey"), Hex.Format(wrong));
            }
        }

        private static byte[] BitConverterBe(ulong value)
        {
            byte[] b = new byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b, value);
            return b;
        }
    }
}
