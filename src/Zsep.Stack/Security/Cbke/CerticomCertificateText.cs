using System;
using System.Collections.Generic;
using System.Text;
using Zsep.Stack.Types;

namespace Zsep.Stack.Security.Cbke
{
    /// <summary>
    /// A certificate bundle as Certicom's test-certificate service prints it: the CA public key, the device's
    /// implicit certificate, its private key and (optionally) its public key.
    /// </summary>
    public sealed record CerticomCertificateBundle(CertificateAuthority Authority, ImplicitCertificate Certificate, CbkePrivateKey PrivateKey)
    {
        /// <summary>The "Device Public Key" of the text, when present (compressed point). Compare with the reconstructed key.</summary>
        public byte[]? DevicePublicKey { get; init; }

        public CryptoSuite Suite => Certificate.Suite;

        public override string ToString() => $"{Certificate}; private key redacted";
    }

    /// <summary>
    /// Parses the "Certicom text form":
    /// <code>
    /// CA Pub Key:
    /// 0200fde8a7f3d1084224962a4e7c54e69ac3f04da6b8
    /// Device Implicit Cert:
    /// 0202...890a
    /// Device Private Key:            (or "Private Key Reconstruction Data:")
    /// 0392...
    /// Device Public Key:             (optional)
    /// 0207...
    /// </code>
    /// Labels are matched without regard to case or white space; hex may be split over lines and may use the
    /// separators <see cref="Hex"/> accepts. The suite follows from the lengths (22/48/21 bytes: suite 1; 37/74/36:
    /// suite 2), which must agree. The issuer of the returned <see cref="CertificateAuthority"/> is left unknown
    /// (the text does not state it); the caller may set it from the certificate with WithIssuer.
    /// </summary>
    public static class CerticomCertificateText
    {
        private const string CaLabel = "CAPUBKEY:";
        private const string CertLabel = "DEVICEIMPLICITCERT:";
        private const string PrivateLabel = "DEVICEPRIVATEKEY:";
        private const string PrivateLabelAlt = "PRIVATEKEYRECONSTRUCTIONDATA:";
        private const string PublicLabel = "DEVICEPUBLICKEY:";

        private static readonly string[] Labels = { CaLabel, CertLabel, PrivateLabel, PrivateLabelAlt, PublicLabel };

        /// <exception cref="FormatException">A label is missing, hex is malformed, or lengths disagree. Messages never contain the private key.</exception>
        public static CerticomCertificateBundle Parse(string text)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            string compact = Compact(text);
            byte[] ca = Field(compact, "CA Pub Key", CaLabel);
            byte[] cert = Field(compact, "Device Implicit Cert", CertLabel);
            byte[] key = compact.IndexOf(PrivateLabel, StringComparison.Ordinal) >= 0
                ? Field(compact, "Device Private Key", PrivateLabel)
                : Field(compact, "Device Private Key", PrivateLabelAlt);
            byte[]? publicKey = compact.IndexOf(PublicLabel, StringComparison.Ordinal) >= 0 ? Field(compact, "Device Public Key", PublicLabel) : null;
            try
            {
                CryptoSuite suite;
                if (cert.Length == CryptoSuites.Suite1CertificateLength && ca.Length == CryptoSuites.Suite1PointLength && key.Length == CryptoSuites.Suite1PrivateKeyLength)
                {
                    suite = CryptoSuite.Suite1;
                }
                else if (cert.Length == CryptoSuites.Suite2CertificateLength && ca.Length == CryptoSuites.Suite2PointLength && key.Length == CryptoSuites.Suite2PrivateKeyLength)
                {
                    suite = CryptoSuite.Suite2;
                }
                else
                {
                    throw new FormatException(
                        $"The lengths do not agree with a suite: CA key {ca.Length}, certificate {cert.Length}, private key {key.Length} bytes " +
                        "(suite 1: 22, 48, 21; suite 2: 37, 74, 36).");
                }

                if (publicKey is not null && publicKey.Length != CryptoSuites.PointLength(suite))
                {
                    throw new FormatException($"The Device Public Key is {publicKey.Length} bytes; a suite {(int)suite} key is {CryptoSuites.PointLength(suite)}.");
                }

                CertificateAuthority authority;
                try
                {
                    authority = new CertificateAuthority(suite, ca);
                }
                catch (ArgumentException e)
                {
                    throw new FormatException("CA Pub Key: " + e.Message);
                }

                ImplicitCertificate certificate = ImplicitCertificate.Decode(cert, suite);
                return new CerticomCertificateBundle(authority, certificate, new CbkePrivateKey(suite, key)) { DevicePublicKey = publicKey };
            }
            finally
            {
                Array.Clear(key, 0, key.Length);
            }
        }

        public static bool TryParse(string? text, out CerticomCertificateBundle? bundle, out string? error)
        {
            bundle = null;
            error = null;
            if (text is null)
            {
                error = "No text was given.";
                return false;
            }

            try
            {
                bundle = Parse(text);
                return true;
            }
            catch (FormatException e)
            {
                error = e.Message;
                return false;
            }
        }

        /// <summary>The bundle back in the text form (the private key included: an explicit export of a secret).</summary>
        public static string Format(CerticomCertificateBundle bundle)
        {
            var sb = new StringBuilder();
            sb.Append("CA Pub Key:\n").Append(Hex.Format(bundle.Authority.PublicKey).ToLowerInvariant()).Append('\n');
            sb.Append("Device Implicit Cert:\n").Append(Hex.Format(bundle.Certificate.ToArray()).ToLowerInvariant()).Append('\n');
            sb.Append("Device Private Key:\n").Append(bundle.PrivateKey.ExportHex().ToLowerInvariant()).Append('\n');
            if (bundle.DevicePublicKey is not null)
            {
                sb.Append("Device Public Key:\n").Append(Hex.Format(bundle.DevicePublicKey).ToLowerInvariant()).Append('\n');
            }

            return sb.ToString();
        }

        private static string Compact(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (!char.IsWhiteSpace(c))
                {
                    sb.Append(char.ToUpperInvariant(c));
                }
            }

            return sb.ToString();
        }

        private static byte[] Field(string compact, string name, string label)
        {
            int start = compact.IndexOf(label, StringComparison.Ordinal);
            if (start < 0)
            {
                throw new FormatException($"The text has no '{name}:' line.");
            }

            start += label.Length;
            int end = compact.Length;
            foreach (string other in Labels)
            {
                int at = compact.IndexOf(other, start, StringComparison.Ordinal);
                if (at >= 0 && at < end)
                {
                    end = at;
                }
            }

            string hex = compact.Substring(start, end - start);
            if (!Hex.TryParse(hex, out byte[] bytes, out _) || bytes.Length == 0)
            {
                // Hex.TryParse's own error would quote a character of the field: for the private key that is a secret.
                throw new FormatException($"'{name}:' is not followed by hex digits.");
            }

            return bytes;
        }
    }
}
