using System;
using System.Collections.Generic;
using Org.BouncyCastle.Math.EC;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Security.Cbke
{
    /// <summary>Why a certificate (and private key) is or is not usable for key establishment.</summary>
    public enum CertificateValidationReason
    {
        /// <summary>Decodes, is issued by a trusted root, is in its validity period, and the private key (if given) matches.</summary>
        Ok,

        /// <summary>The certificate or private key is not of the suite's length (48/74, 21/36 bytes), or of different suites.</summary>
        BadLength,

        /// <summary>The certificate does not decode (reconstruction data not in compressed form, suite 2 Type/Curve/Hash undefined).</summary>
        BadStructure,

        /// <summary>No trusted root of the certificate's suite has its issuer.</summary>
        UnknownIssuer,

        /// <summary>Suite 2: the certificate's ValidTo has passed.</summary>
        Expired,

        /// <summary>Suite 2: the certificate's ValidFrom is still to come.</summary>
        NotYetValid,

        /// <summary>d*G differs from the reconstructed public key (or d is not in 1..n-1).</summary>
        PrivateKeyMismatch,

        /// <summary>The reconstruction data or the root's key is not a curve point, or the reconstructed key is the point at infinity.</summary>
        InvalidPoint,
    }

    /// <summary>The outcome of <see cref="CertificateValidator.Validate(ImplicitCertificate, CbkePrivateKey?, IEnumerable{CertificateAuthority}, DateTime)"/>.</summary>
    public sealed record CertificateValidationResult
    {
        internal CertificateValidationResult(CertificateValidationReason reason, string message, ImplicitCertificate? certificate,
            CertificateAuthority? authority, byte[]? publicKey)
        {
            Reason = reason;
            Message = message;
            Certificate = certificate;
            Authority = authority;
            _publicKey = publicKey;
        }

        private readonly byte[]? _publicKey;

        public CertificateValidationReason Reason { get; }

        public bool IsValid => Reason == CertificateValidationReason.Ok;

        /// <summary>What was found, for people; never contains private key bytes.</summary>
        public string Message { get; }

        /// <summary>The decoded certificate, when it decoded.</summary>
        public ImplicitCertificate? Certificate { get; }

        /// <summary>The trusted root used for the reconstruction (the one the private key matched, when given).</summary>
        public CertificateAuthority? Authority { get; }

        /// <summary>The reconstructed public key Q_U (compressed), when reconstruction succeeded.</summary>
        public byte[]? PublicKey => (byte[]?)_publicKey?.Clone();

        public override string ToString() => $"{Reason}: {Message}";
    }

    /// <summary>
    /// Checks an implicit certificate (and optionally the private key that goes with it) against trusted roots before
    /// it is used for key establishment (07-5356 Annex C.4; SEC 4 2.5 public key extraction). Returns a reason; never
    /// throws for bad certificate or key bytes.
    /// </summary>
    public static class CertificateValidator
    {
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>Validates encoded certificate bytes: the suite is that of <paramref name="suite"/>, or taken from the length (48/74).</summary>
        public static CertificateValidationResult Validate(ReadOnlySpan<byte> certificate, CryptoSuite? suite, CbkePrivateKey? privateKey,
            IEnumerable<CertificateAuthority> trustedRoots, DateTime now)
        {
            CryptoSuite? s = suite ?? CryptoSuites.FromCertificateLength(certificate.Length);
            if (s is null || !CryptoSuites.IsDefined(s.Value))
            {
                return Fail(CertificateValidationReason.BadLength,
                    $"An implicit certificate is 48 bytes (suite 1) or 74 bytes (suite 2); {certificate.Length} were given.");
            }

            int expected = CryptoSuites.CertificateLength(s.Value);
            if (certificate.Length != expected)
            {
                return Fail(CertificateValidationReason.BadLength,
                    $"A suite {(int)s.Value} certificate is {expected} bytes; {certificate.Length} were given.");
            }

            ImplicitCertificate cert;
            try
            {
                cert = ImplicitCertificate.Decode(certificate, s.Value);
            }
            catch (FrameFormatException e)
            {
                return Fail(CertificateValidationReason.BadStructure, e.Message);
            }

            return Validate(cert, privateKey, trustedRoots, now);
        }

        /// <summary>
        /// Validates a decoded certificate: a trusted root of its suite and issuer, (suite 2) <paramref name="now"/>
        /// within its validity, a reconstruction point on the curve, and when <paramref name="privateKey"/> is given,
        /// d*G equal to the public key reconstructed with some candidate root. <paramref name="now"/> of kind
        /// Unspecified is taken as UTC.
        /// </summary>
        public static CertificateValidationResult Validate(ImplicitCertificate certificate, CbkePrivateKey? privateKey,
            IEnumerable<CertificateAuthority> trustedRoots, DateTime now)
        {
            if (certificate is null)
            {
                throw new ArgumentNullException(nameof(certificate));
            }

            if (trustedRoots is null)
            {
                throw new ArgumentNullException(nameof(trustedRoots));
            }

            if (privateKey is not null && privateKey.Suite != certificate.Suite)
            {
                return Fail(CertificateValidationReason.BadLength,
                    $"The private key is a suite {(int)privateKey.Suite} key ({privateKey.Length} bytes); the certificate is suite {(int)certificate.Suite}.", certificate);
            }

            var candidates = new List<CertificateAuthority>();
            foreach (CertificateAuthority root in trustedRoots)
            {
                if (root is not null && root.CouldHaveIssued(certificate))
                {
                    candidates.Add(root);
                }
            }

            if (candidates.Count == 0)
            {
                return Fail(CertificateValidationReason.UnknownIssuer,
                    $"No trusted suite {(int)certificate.Suite} root has issuer {certificate.IssuerName} ({certificate.Issuer}).", certificate);
            }

            if (certificate.Suite == CryptoSuite.Suite2)
            {
                ulong nowSeconds = ToUnixSeconds(now);
                ulong from = certificate.ValidFromSeconds ?? 0;
                uint to = certificate.ValidToSeconds ?? ImplicitCertificate.NoExpiry;
                if (nowSeconds < from)
                {
                    return Fail(CertificateValidationReason.NotYetValid,
                        $"The certificate is valid from {certificate.ValidFrom:u}; now is {Utc(now):u}.", certificate);
                }

                if (to != ImplicitCertificate.NoExpiry && nowSeconds > from + to)
                {
                    return Fail(CertificateValidationReason.Expired,
                        $"The certificate expired at {certificate.ValidTo:u}; now is {Utc(now):u}.", certificate);
                }
            }

            if (privateKey is not null && !privateKey.IsInRange)
            {
                return Fail(CertificateValidationReason.PrivateKeyMismatch,
                    "The private key is not in the range 1..n-1 of the curve order.", certificate);
            }

            ECPoint? dG = privateKey?.PublicPoint;
            CertificateValidationResult? firstFailure = null;
            foreach (CertificateAuthority root in candidates)
            {
                ECPoint qca;
                try
                {
                    qca = root.DecodePublicKey();
                }
                catch (ArgumentException)
                {
                    firstFailure ??= Fail(CertificateValidationReason.InvalidPoint,
                        $"The public key of the trusted root {root} is not a point of the curve.", certificate, root);
                    continue;
                }

                if (!Ecqv.TryReconstruct(certificate, qca, out ECPoint? q, out string? error))
                {
                    // The reconstruction point is the same for every root: only the point at infinity depends on the root.
                    return Fail(CertificateValidationReason.InvalidPoint, error + ".", certificate, root);
                }

                if (dG is null || dG.Equals(q))
                {
                    string message = dG is null
                        ? $"Issued by {certificate.IssuerName} for {certificate.Subject}; public key reconstructed (no private key to check)."
                        : $"Issued by {certificate.IssuerName} for {certificate.Subject}; the private key matches the reconstructed public key.";
                    return new CertificateValidationResult(CertificateValidationReason.Ok, message, certificate, root, q!.GetEncoded(true));
                }

                firstFailure ??= Fail(CertificateValidationReason.PrivateKeyMismatch,
                    $"The private key does not match the public key reconstructed from the certificate and the root {root}.", certificate, root);
            }

            return firstFailure!;
        }

        private static DateTime Utc(DateTime now) =>
            now.Kind == DateTimeKind.Local ? now.ToUniversalTime() : DateTime.SpecifyKind(now, DateTimeKind.Utc);

        private static ulong ToUnixSeconds(DateTime now)
        {
            DateTime utc = Utc(now);
            return utc <= Epoch ? 0UL : (ulong)((utc - Epoch).Ticks / TimeSpan.TicksPerSecond);
        }

        private static CertificateValidationResult Fail(CertificateValidationReason reason, string message,
            ImplicitCertificate? certificate = null, CertificateAuthority? authority = null) =>
            new CertificateValidationResult(reason, message, certificate, authority, null);
    }
}
