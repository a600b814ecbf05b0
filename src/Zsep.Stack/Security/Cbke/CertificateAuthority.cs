using System;
using Org.BouncyCastle.Math.EC;
using Zsep.Stack.Types;

namespace Zsep.Stack.Security.Cbke
{
    /// <summary>
    /// A certificate authority trusted for key establishment: its compressed public key Q_CA (07-5356 Annex C.4,
    /// SEC 4 ECQV) and, when known, the 8-byte issuer identifier its certificates carry. A root without an
    /// <see cref="Issuer"/> matches certificates of any issuer of its suite.
    /// </summary>
    public sealed record CertificateAuthority
    {
        private readonly byte[] _publicKey;

        /// <exception cref="ArgumentException">The key is not a compressed point of the suite's length (02/03 prefix).</exception>
        public CertificateAuthority(CryptoSuite suite, ReadOnlySpan<byte> publicKey, Eui64? issuer = null)
        {
            int length = CryptoSuites.PointLength(suite);
            if (publicKey.Length != length || (publicKey[0] != 0x02 && publicKey[0] != 0x03))
            {
                throw new ArgumentException($"A suite {(int)suite} CA public key is a compressed point of {length} bytes starting 02 or 03; {publicKey.Length} bytes were given.", nameof(publicKey));
            }

            Suite = suite;
            _publicKey = publicKey.ToArray();
            Issuer = issuer;
        }

        public CryptoSuite Suite { get; }

        /// <summary>The compressed public key Q_CA (22 or 37 bytes). A copy.</summary>
        public byte[] PublicKey => (byte[])_publicKey.Clone();

        /// <summary>The issuer identifier in certificates of this CA, or null when unknown (matches any issuer).</summary>
        public Eui64? Issuer { get; }

        /// <summary>"TESTSECA" as an issuer identifier: the Certicom test CA of suite 1.</summary>
        public static Eui64 TestSecaIssuer { get; } = new Eui64(0x5445535453454341);

        /// <summary>
        /// The Certicom suite 1 (sect163k1) test CA, issuer "TESTSECA" (tests/vectors/cbke-certificates.json, from
        /// zsmartsystems CerticomCbkeCertificateTest.java and the DSR ZBOSS test data). For test certificates only.
        /// </summary>
        public static CertificateAuthority CerticomTestSuite1 { get; } = new CertificateAuthority(CryptoSuite.Suite1,
            Hex.Parse("0200FDE8A7F3D1084224962A4E7C54E69AC3F04DA6B8"), TestSecaIssuer);

        /// <summary>
        /// The Certicom suite 2 (sect283k1) test CA (same sources). Its certificate in the vectors names issuer
        /// 11:12:13:14:15:16:17:18. For test certificates only.
        /// </summary>
        public static CertificateAuthority CerticomTestSuite2 { get; } = new CertificateAuthority(CryptoSuite.Suite2,
            Hex.Parse("0207A445022D9F39F49BDC38380026A27A9E0A1799313AB28C5C1A1C6B605154DB1DFF6752"), new Eui64(0x1112131415161718));

        /// <summary>True when this root's suite is the certificate's and its issuer (when known) is the certificate's.</summary>
        public bool CouldHaveIssued(ImplicitCertificate certificate) =>
            certificate.Suite == Suite && (Issuer is null || Issuer.Value == certificate.Issuer);

        /// <summary>A root of the same key with a known issuer.</summary>
        public CertificateAuthority WithIssuer(Eui64? issuer) => new CertificateAuthority(Suite, _publicKey, issuer);

        internal ReadOnlySpan<byte> PublicKeySpan => _publicKey;

        /// <summary>Q_CA as a curve point; throws ArgumentException when the bytes are no point of the curve.</summary>
        internal ECPoint DecodePublicKey() => CryptoSuites.Curve(Suite).Curve.DecodePoint(_publicKey);

        public bool Equals(CertificateAuthority? other) =>
            other is not null && Suite == other.Suite && Issuer == other.Issuer
            && ((ReadOnlySpan<byte>)_publicKey).SequenceEqual(other._publicKey);

        public override int GetHashCode() => ((int)Suite * 397) ^ (_publicKey[1] << 16) ^ (_publicKey[2] << 8) ^ _publicKey[3];

        public override string ToString() =>
            $"Suite {(int)Suite} CA {Hex.Format(_publicKey)}" + (Issuer is Eui64 i ? $" issuer {i}" : string.Empty);
    }
}
