using System;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Security.Cbke
{
    /// <summary>
    /// Elliptic Curve Qu-Vanstone implicit certificates (SEC 4 v1.0 section 2; Smart Energy 1.x (07-5356)
    /// Annex C.4.2.2) over the suite's curve, with the AES-MMO hash of Zigbee PRO B.6 as H. All curve arithmetic
    /// is BouncyCastle's.
    /// <para>Public key extraction (SEC 4 2.5): Q_U = e*P_U + Q_CA, where P_U is the decompressed public-key
    /// reconstruction point of the certificate and e = Hn(Cert_U). Hn (SEC 4 2.3, after SEC 1 4.1.3 step 5):
    /// hash the whole encoded certificate (48 or 74 bytes) with AES-MMO, read the 16-byte digest as a big-endian
    /// unsigned integer, and keep its leftmost bits when the digest is longer than the bit length of the order n.
    /// The digest (128 bits) is shorter than n for both suites (163 and 281 bits), so e is the whole digest and no
    /// truncation or reduction ever happens; the code applies the general rule anyway.</para>
    /// <para>Private key (SEC 4 2.4/2.6): d_U = e*k_U + r (mod n), and d_U*G must equal Q_U.</para>
    /// </summary>
    public static class Ecqv
    {
        /// <summary>The AES-MMO digest of the encoded certificate (16 bytes).</summary>
        public static byte[] CertificateHash(ImplicitCertificate certificate) => AesMmo.Hash(certificate.ToArray());

        /// <summary>e = Hn(Cert) as described on the class.</summary>
        public static BigInteger HashToInteger(ReadOnlySpan<byte> encodedCertificate, CryptoSuite suite)
        {
            byte[] digest = AesMmo.Hash(encodedCertificate);
            var e = new BigInteger(1, digest);
            int orderBits = CryptoSuites.Curve(suite).N.BitLength;
            int digestBits = digest.Length * 8;
            return digestBits > orderBits ? e.ShiftRight(digestBits - orderBits) : e;
        }

        /// <summary>
        /// Q_U = e*P_U + Q_CA in compressed form (22 or 37 bytes). Throws <see cref="FrameFormatException"/> when the
        /// reconstruction data is not a point of the curve's prime-order subgroup, or the result is the point at
        /// infinity; <see cref="ArgumentException"/> when the CA is of another suite or its key is not a curve point.
        /// </summary>
        public static byte[] ReconstructPublicKey(ImplicitCertificate certificate, CertificateAuthority authority)
        {
            if (certificate.Suite != authority.Suite)
            {
                throw new ArgumentException($"The CA is a suite {(int)authority.Suite} CA; the certificate is suite {(int)certificate.Suite}.", nameof(authority));
            }

            ECPoint qca;
            try
            {
                qca = authority.DecodePublicKey();
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException("The CA public key is not a point of the curve: " + e.Message, nameof(authority));
            }

            if (!TryReconstruct(certificate, qca, out ECPoint? q, out string? error))
            {
                throw new FrameFormatException(FrameLayer.Security, "Certificate.PublicKeyReconstructionData", ReconstructionOffset(certificate.Suite), error!);
            }

            return q!.GetEncoded(true);
        }

        /// <summary>True when d*G equals the public key reconstructed from the certificate and the CA.</summary>
        public static bool PrivateKeyMatches(ImplicitCertificate certificate, CertificateAuthority authority, CbkePrivateKey privateKey)
        {
            if (privateKey.Suite != certificate.Suite)
            {
                return false;
            }

            ECPoint? dG = privateKey.PublicPoint;
            byte[] q;
            try
            {
                q = ReconstructPublicKey(certificate, authority);
            }
            catch (FrameFormatException)
            {
                return false;
            }

            return dG is not null && ((ReadOnlySpan<byte>)dG.GetEncoded(true)).SequenceEqual(q);
        }

        /// <summary>
        /// Issues a certificate and its private key in one step (SEC 4 2.4 with the requester and the CA in one
        /// place; for tests and simulated devices): k random, P_U = k*G, Cert = <paramref name="buildCertificate"/>(P_U),
        /// e = Hn(Cert), d_U = e*k + d_CA (mod n). Then d_U*G = e*P_U + Q_CA.
        /// </summary>
        public static (ImplicitCertificate Certificate, CbkePrivateKey PrivateKey) Issue(CbkePrivateKey caPrivateKey,
            Func<byte[], ImplicitCertificate> buildCertificate, SecureRandom random)
        {
            CryptoSuite suite = caPrivateKey.Suite;
            X9ECParameters p = CryptoSuites.Curve(suite);
            if (!caPrivateKey.IsInRange)
            {
                throw new ArgumentException("The CA private key is not in the range 1..n-1.", nameof(caPrivateKey));
            }

            while (true)
            {
                BigInteger k = RandomScalar(p.N, random);
                byte[] point = p.G.Multiply(k).Normalize().GetEncoded(true);
                ImplicitCertificate cert = buildCertificate(point);
                if (cert.Suite != suite || !((ReadOnlySpan<byte>)cert.ReconstructionSpan).SequenceEqual(point))
                {
                    throw new ArgumentException("The certificate builder must use the given reconstruction point and the CA's suite.", nameof(buildCertificate));
                }

                BigInteger e = HashToInteger(cert.ToArray(), suite);
                BigInteger d = e.Multiply(k).Add(caPrivateKey.Value).Mod(p.N);
                if (d.SignValue == 0)
                {
                    continue;
                }

                return (cert, new CbkePrivateKey(suite, ToFixed(d, CryptoSuites.PrivateKeyLength(suite))));
            }
        }

        /// <summary>A fresh private key d in 1..n-1 (a CA key for tests, or an ephemeral key).</summary>
        public static CbkePrivateKey GeneratePrivateKey(CryptoSuite suite, SecureRandom random)
        {
            BigInteger d = RandomScalar(CryptoSuites.Curve(suite).N, random);
            return new CbkePrivateKey(suite, ToFixed(d, CryptoSuites.PrivateKeyLength(suite)));
        }

        internal static bool TryReconstruct(ImplicitCertificate certificate, ECPoint qca, out ECPoint? q, out string? error)
        {
            X9ECParameters p = CryptoSuites.Curve(certificate.Suite);
            q = null;
            ECPoint pu;
            try
            {
                // DecodePoint checks that the decompressed point is on the curve and in the subgroup of order n.
                pu = p.Curve.DecodePoint(certificate.ReconstructionSpan.ToArray());
            }
            catch (ArgumentException)
            {
                error = "The public-key reconstruction data is not a point of the curve";
                return false;
            }

            BigInteger e = HashToInteger(certificate.ToArray(), certificate.Suite);
            ECPoint result = ECAlgorithms.SumOfTwoMultiplies(pu, e, qca, BigInteger.One).Normalize();
            if (result.IsInfinity)
            {
                error = "The reconstructed public key is the point at infinity";
                return false;
            }

            q = result;
            error = null;
            return true;
        }

        internal static int ReconstructionOffset(CryptoSuite suite) =>
            suite == CryptoSuite.Suite1 ? 0 : CryptoSuites.Suite2CertificateLength - CryptoSuites.Suite2PointLength;

        internal static byte[] ToFixed(BigInteger value, int length)
        {
            byte[] mag = value.ToByteArrayUnsigned();
            if (mag.Length > length)
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }

            byte[] result = new byte[length];
            Buffer.BlockCopy(mag, 0, result, length - mag.Length, mag.Length);
            Array.Clear(mag, 0, mag.Length);
            return result;
        }

        private static BigInteger RandomScalar(BigInteger n, SecureRandom random)
        {
            while (true)
            {
                var k = new BigInteger(n.BitLength, random);
                if (k.SignValue > 0 && k.CompareTo(n) < 0)
                {
                    return k;
                }
            }
        }
    }
}
