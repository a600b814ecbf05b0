using System;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;

namespace Zsep.Stack.Security.Cbke
{
    /// <summary>
    /// A key pair of the suite's curve: the ephemeral pair each party generates for one key establishment
    /// (07-5356 Annex C.4.2.2.3, SEC 1 3.2.1). The private half is a <see cref="CbkePrivateKey"/> (redacted
    /// ToString); the public half is the compressed point sent as Ephemeral Data (22 or 37 bytes).
    /// </summary>
    public sealed class CbkeKeyPair
    {
        private readonly byte[] _publicKey;

        public CbkeKeyPair(CbkePrivateKey privateKey)
        {
            PrivateKey = privateKey ?? throw new ArgumentNullException(nameof(privateKey));
            _publicKey = privateKey.GetPublicKey() ?? throw new ArgumentException("The private key is not in the range 1..n-1.", nameof(privateKey));
        }

        public CryptoSuite Suite => PrivateKey.Suite;

        public CbkePrivateKey PrivateKey { get; }

        /// <summary>The compressed public point (a copy).</summary>
        public byte[] PublicKey => (byte[])_publicKey.Clone();

        internal ReadOnlySpan<byte> PublicKeySpan => _publicKey;

        /// <summary>A fresh pair: d random in 1..n-1, Q = d*G.</summary>
        public static CbkeKeyPair Generate(CryptoSuite suite, SecureRandom random) =>
            new CbkeKeyPair(Ecqv.GeneratePrivateKey(suite, random));

        public override string ToString() => $"Suite {(int)Suite} key pair, public {Hex.Format(_publicKey)}, private key redacted";
    }

    /// <summary>
    /// The ECMQV primitive of SEC 1 v1.0 3.4 (ANSI X9.63) as Smart Energy key establishment uses it (07-5356 Annex
    /// C.4.2.2.4, step "derive the shared secret"): each party combines its static key pair (from its implicit
    /// certificate) and its ephemeral pair with the partner's static public key (reconstructed from the partner's
    /// certificate) and the partner's ephemeral public key. Both parties obtain the same Z, the x-coordinate of
    /// P = h*s*(QE_V + avf(QE_V)*Q_V) with s = dE_U + avf(QE_U)*d_U (mod n), as a field-size octet string (21 bytes
    /// for sect163k1, 36 for sect283k1). The arithmetic is BouncyCastle's <see cref="ECMqvBasicAgreement"/>.
    /// </summary>
    public static class Ecmqv
    {
        /// <summary>Length of the shared secret Z in bytes: the field size, 21 (suite 1) or 36 (suite 2).</summary>
        public static int SharedSecretLength(CryptoSuite suite) => (CryptoSuites.Curve(suite).Curve.FieldSize + 7) / 8;

        /// <summary>
        /// Z computed with BouncyCastle's <see cref="ECMqvBasicAgreement"/>. Throws <see cref="FrameFormatException"/>
        /// (layer Security) when a partner point is not a point of the curve's subgroup or the result is the point at
        /// infinity; <see cref="ArgumentException"/> when keys of different suites are mixed.
        /// </summary>
        public static byte[] SharedSecret(CbkePrivateKey staticPrivate, CbkeKeyPair ephemeral,
            ReadOnlySpan<byte> partnerStaticPublic, ReadOnlySpan<byte> partnerEphemeralPublic)
        {
            CryptoSuite suite = CheckSuites(staticPrivate, ephemeral);
            X9ECParameters p = CryptoSuites.Curve(suite);
            var domain = new ECDomainParameters(p.Curve, p.G, p.N, p.H);
            ECPoint qv = DecodePartnerPoint(p, partnerStaticPublic, "PartnerStaticPublicKey");
            ECPoint qev = DecodePartnerPoint(p, partnerEphemeralPublic, "PartnerEphemeralPublicKey");

            var agreement = new ECMqvBasicAgreement();
            agreement.Init(new MqvPrivateParameters(
                new ECPrivateKeyParameters(staticPrivate.Value, domain),
                new ECPrivateKeyParameters(ephemeral.PrivateKey.Value, domain),
                new ECPublicKeyParameters(p.Curve.DecodePoint(ephemeral.PublicKeySpan.ToArray()), domain)));
            BigInteger z;
            try
            {
                z = agreement.CalculateAgreement(new MqvPublicParameters(
                    new ECPublicKeyParameters(qv, domain), new ECPublicKeyParameters(qev, domain)));
            }
            catch (InvalidOperationException)
            {
                throw new FrameFormatException(FrameLayer.Security, "SharedSecret", 0, "The ECMQV result is the point at infinity");
            }

            return Ecqv.ToFixed(z, SharedSecretLength(suite));
        }

        /// <summary>
        /// Z computed from the formula of SEC 1 3.4 step by step with BouncyCastle point operations (no
        /// <see cref="ECMqvBasicAgreement"/>): an independent second computation, used by the tests to check the
        /// first. Same exceptions as <see cref="SharedSecret"/>.
        /// </summary>
        public static byte[] SharedSecretByFormula(CbkePrivateKey staticPrivate, CbkeKeyPair ephemeral,
            ReadOnlySpan<byte> partnerStaticPublic, ReadOnlySpan<byte> partnerEphemeralPublic)
        {
            CryptoSuite suite = CheckSuites(staticPrivate, ephemeral);
            X9ECParameters p = CryptoSuites.Curve(suite);
            ECPoint qv = DecodePartnerPoint(p, partnerStaticPublic, "PartnerStaticPublicKey");
            ECPoint qev = DecodePartnerPoint(p, partnerEphemeralPublic, "PartnerEphemeralPublicKey");
            ECPoint qeu = p.Curve.DecodePoint(ephemeral.PublicKeySpan.ToArray());
            BigInteger n = p.N;

            // SEC 1 3.4 steps 2-5: s = dE_U + avf(QE_U) * d_U mod n.
            BigInteger s = ephemeral.PrivateKey.Value.Add(Avf(qeu, n).Multiply(staticPrivate.Value)).Mod(n);

            // Steps 6-7: P = h*s*(QE_V + avf(QE_V)*Q_V); fail when P is the point at infinity.
            ECPoint sum = qev.Add(qv.Multiply(Avf(qev, n)));
            ECPoint point = sum.Multiply(s.Multiply(p.H)).Normalize();
            if (point.IsInfinity)
            {
                throw new FrameFormatException(FrameLayer.Security, "SharedSecret", 0, "The ECMQV result is the point at infinity");
            }

            // Step 8: z = x_P, as an octet string of the field size (SEC 1 2.3.5).
            return Ecqv.ToFixed(point.AffineXCoord.ToBigInteger(), SharedSecretLength(suite));
        }

        /// <summary>The associate value function of SEC 1 3.4: (x mod 2^ceil(f/2)) + 2^ceil(f/2), f = bit length of n.</summary>
        private static BigInteger Avf(ECPoint q, BigInteger n)
        {
            int half = (n.BitLength + 1) / 2;
            BigInteger power = BigInteger.One.ShiftLeft(half);
            BigInteger x = q.Normalize().AffineXCoord.ToBigInteger();
            return x.Mod(power).Add(power);
        }

        private static CryptoSuite CheckSuites(CbkePrivateKey staticPrivate, CbkeKeyPair ephemeral)
        {
            if (staticPrivate is null)
            {
                throw new ArgumentNullException(nameof(staticPrivate));
            }

            if (ephemeral is null)
            {
                throw new ArgumentNullException(nameof(ephemeral));
            }

            if (staticPrivate.Suite != ephemeral.Suite)
            {
                throw new ArgumentException("The static and ephemeral keys are of different suites.", nameof(ephemeral));
            }

            if (!staticPrivate.IsInRange)
            {
                throw new ArgumentException("The static private key is not in the range 1..n-1.", nameof(staticPrivate));
            }

            return staticPrivate.Suite;
        }

        /// <summary>Decodes a compressed partner point, refusing anything that is not a valid point of the subgroup.</summary>
        private static ECPoint DecodePartnerPoint(X9ECParameters p, ReadOnlySpan<byte> encoded, string field)
        {
            int length = (p.Curve.FieldSize + 7) / 8 + 1;
            if (encoded.Length != length || (encoded[0] != 0x02 && encoded[0] != 0x03))
            {
                throw new FrameFormatException(FrameLayer.Security, field, 0, $"A compressed point of this curve is {length} bytes starting 02 or 03");
            }

            try
            {
                // DecodePoint validates the point: on the curve and, the cofactor being 2, in the subgroup of order n.
                return p.Curve.DecodePoint(encoded.ToArray());
            }
            catch (ArgumentException)
            {
                throw new FrameFormatException(FrameLayer.Security, field, 0, "Not a point of the curve's prime-order subgroup");
            }
        }
    }
}
