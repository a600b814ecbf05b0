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
        public static int CertificateLength(CryptoSuite suite) =>
            suite == CryptoSuite.Suite2 ? Suite2CertificateLength : Check(suite, Suite1CertificateLength);

        /// <summary>Length of a compressed curve point (public keys, reconstruction data): 22 or 37.</summary>
        public static int PointLength(CryptoSuite suite) =>
            suite == CryptoSuite.Suite2 ? Suite2PointLength : Check(suite, Suite1PointLength);

        /// <summary>Length of a private key (an integer modulo the curve order, big-endian): 21 or 36.</summary>
        public static int PrivateKeyLength(CryptoSuite suite) =>
            suite == CryptoSuite.Suite2 ? Suite2PrivateKeyLength : Check(suite, Suite1PrivateKeyLength);

        /// <summary>The SEC 2 name of the suite's curve: "sect163k1" or "sect283k1".</summary>
        public static string CurveName(CryptoSuite suite) =>
            suite == CryptoSuite.Suite2 ? "sect283k1" : (Check(suite, 0) == 0 ? "sect163k1" : string.Empty);

        /// <summary>The suite whose certificate has <paramref name="length"/> bytes, or null.</summary>
        public static CryptoSuite? FromCertificateLength(int length) =>
            length == Suite1CertificateLength ? CryptoSuite.Suite1 :
            length == Suite2CertificateLength ? CryptoSuite.Suite2 : (CryptoSuite?)null;

        /// <summary>The BouncyCastle domain parameters of the suite's curve.</summary>
        internal static X9ECParameters Curve(CryptoSuite suite) =>
            suite == CryptoSuite.Suite2 ? Sect283k1.Value : (Check(suite, 0) == 0 ? Sect163k1.Value : null!);

        private static int Check(CryptoSuite suite, int value)
        {
            if (suite != CryptoSuite.Suite1)
            {
                throw new ArgumentOutOfRangeException(nameof(suite), suite, "Unknown key establishment suite.");
            }

            return value;
        }

        private static X9ECParameters Load(string name)
        {
            X9ECParameters? p = CustomNamedCurves.GetByName(name) ?? ECNamedCurveTable.GetByName(name);
            return p ?? throw new InvalidOperationException($"BouncyCastle does not know the curve {name}.");
        }
    }
}
