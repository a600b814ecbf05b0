using System;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;

namespace Zsep.Stack.Security.Cbke
{
    /// <summary>
    /// The key establishment suites of Smart Energy 1.x (07-5356) Annex C: the values are those of the Key
    /// Establishment cluster's KeyEstablishmentSuite attribute and of the Initiate Key Establishment command (C.3).
    /// </summary>
    public enum CryptoSuite : ushort
    {
        /// <summary>CBKE-ECMQV suite 1: sect163k1, 48-byte implicit certificate, 22-byte compressed points, 21-byte private key.</summary>
        Suite1 = 0x0001,

        /// <summary>CBKE-ECMQV suite 2: sect283k1, 74-byte implicit certificate, 37-byte compressed points, 36-byte private key.</summary>
        Suite2 = 0x0002,
    }

    /// <summary>Sizes and curve of each <see cref="CryptoSuite"/> (07-5356 Annex C.4; curves from SEC 2).</summary>
    public static class CryptoSuites
    {
        public const int Suite1CertificateLength = 48;
        public const int Suite1PointLength = 22;
        public const int Suite1PrivateKeyLength = 21;
        public const int Suite2CertificateLength = 74;
        public const int Suite2PointLength = 37;
        public const int Suite2PrivateKeyLength = 36;

        private static readonly Lazy<X9ECParameters> Sect163k1 = new Lazy<X9ECParameters>(() => Load("sect163k1"));
        private static readonly Lazy<X9ECParameters> Sect283k1 = new Lazy<X9ECParameters>(() => Load("sect283k1"));

        public static bool IsDefined(CryptoSuite suite) => suite == CryptoSuite.Suite1 || suite == CryptoSuite.Suite2;

        /// <summary>48 for suite 1, 74 for suite 2.</summary>
        public static int CertificateLength(CryptoSuite suite) => Pick(suite, Suite1CertificateLength, Suite2CertificateLength);

        /// <summary>Length of a compressed curve point (public keys, reconstruction data): 22 or 37.</summary>
        public static int PointLength(CryptoSuite suite) => Pick(suite, Suite1PointLength, Suite2PointLength);

        /// <summary>Length of a private key (an integer modulo the curve order, big-endian): 21 or 36.</summary>
        public static int PrivateKeyLength(CryptoSuite suite) => Pick(suite, Suite1PrivateKeyLength, Suite2PrivateKeyLength);

        /// <summary>The SEC 2 name of the suite's curve: "sect163k1" or "sect283k1".</summary>
        public static string CurveName(CryptoSuite suite) => Pick(suite, "sect163k1", "sect283k1");

        /// <summary>The suite whose certificate has <paramref name="length"/> bytes, or null.</summary>
        public static CryptoSuite? FromCertificateLength(int length) =>
            length == Suite1CertificateLength ? CryptoSuite.Suite1 :
            length == Suite2CertificateLength ? CryptoSuite.Suite2 : (CryptoSuite?)null;

        /// <summary>The BouncyCastle domain parameters of the suite's curve (n, G, cofactor).</summary>
        internal static X9ECParameters Curve(CryptoSuite suite) =>
            Pick(suite, Sect163k1, Sect283k1).Value;

        /// <exception cref="ArgumentOutOfRangeException">The suite is neither 1 nor 2.</exception>
        private static T Pick<T>(CryptoSuite suite, T suite1, T suite2) =>
            suite switch
            {
                CryptoSuite.Suite1 => suite1,
                CryptoSuite.Suite2 => suite2,
                _ => throw new ArgumentOutOfRangeException(nameof(suite), suite, "Unknown key establishment suite."),
            };

        private static X9ECParameters Load(string name)
        {
            X9ECParameters? p = CustomNamedCurves.GetByName(name) ?? ECNamedCurveTable.GetByName(name);
            return p ?? throw new InvalidOperationException($"BouncyCastle does not know the curve {name}.");
        }
    }
}
