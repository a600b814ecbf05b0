using System;
using System.Text;
using Zsep.Stack.Codec;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.Types;

namespace Zsep.Stack.KeyEstablishment
{
    /// <summary>What a certificate file held: the certificate, and its private key and CA key when the format carries them.</summary>
    public sealed record CertificateFileContent(ImplicitCertificate Certificate, CbkePrivateKey? PrivateKey, CertificateAuthority? Authority, string Format)
    {
        public override string ToString() => $"{Format}: {Certificate}" + (PrivateKey is null ? string.Empty : "; private key redacted");
    }

    /// <summary>
    /// Reads a CBKE implicit certificate (SE 1.4 07-5356-21 C.4.2: 48 bytes suite 1, 74 bytes suite 2) in the forms
    /// people get them: the Certicom text form (lines "CA Pub Key:", "Device Implicit Cert:", "Device Private Key:"),
    /// PEM (any label; a block labelled PRIVATE KEY is the private key), hex text, or raw binary. Errors are
    /// <see cref="FormatException"/>s that say what was expected and never show a private key.
    /// </summary>
    public static class CertificateFileReader
    {
        /// <summary>Reads a file's bytes: raw binary when it is exactly a certificate's length and not text, else text.</summary>
        public static CertificateFileContent Read(byte[] content, CryptoSuite? suite = null)
        {
            if (content is null)
            {
                throw new ArgumentNullException(nameof(content));
            }

            if ((content.Length == CryptoSuites.Suite1CertificateLength || content.Length == CryptoSuites.Suite2CertificateLength) && !IsText(content))
            {
                return new CertificateFileContent(Decode(content, suite), null, null, "binary");
            }

            return Parse(Encoding.UTF8.GetString(content), suite);
        }

        /// <summary>Parses text: Certicom text form, PEM, or hex.</summary>
        public static CertificateFileContent Parse(string text, CryptoSuite? suite = null)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            if (text.IndexOf("Implicit Cert", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                CerticomCertificateBundle bundle = CerticomCertificateText.Parse(text);
                if (suite is CryptoSuite s && s != bundle.Suite)
                {
                    throw new FormatException($"The file holds a suite {(int)bundle.Suite} certificate; suite {(int)s} was asked for.");
                }

                return new CertificateFileContent(bundle.Certificate, bundle.PrivateKey, bundle.Authority, "Certicom text");
            }

            if (text.IndexOf("-----BEGIN", StringComparison.Ordinal) >= 0)
            {
                return ParsePem(text, suite);
            }

            if (!Hex.TryParse(text, out byte[] bytes, out string? error))
            {
                throw new FormatException("The certificate is neither the Certicom text form, PEM, nor hex: " + error);
            }

            return new CertificateFileContent(Decode(bytes, suite), null, null, "hex");
        }

        /// <summary>
        /// A private key given as hex, or the bytes of a file (raw 21/36 bytes, hex text, PEM, or a Certicom text file's
        /// "Device Private Key:" line), for a suite. Messages never contain the key.
        /// </summary>
        public static CbkePrivateKey ParsePrivateKey(byte[] content, CryptoSuite suite)
        {
            if (content is null)
            {
                throw new ArgumentNullException(nameof(content));
            }

            int length = CryptoSuites.PrivateKeyLength(suite);
            if (content.Length == length && !IsText(content))
            {
                return new CbkePrivateKey(suite, content);
            }

            string text = Encoding.UTF8.GetString(content);
            if (text.IndexOf("Private Key", StringComparison.OrdinalIgnoreCase) >= 0 && text.IndexOf("Implicit Cert", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return CerticomCertificateText.Parse(text).PrivateKey;
            }

            if (text.IndexOf("-----BEGIN", StringComparison.Ordinal) >= 0)
            {
                byte[] der = PemBody(text, privateKey: true) ?? throw new FormatException("The PEM text has no block.");
                return Key(der, suite);
            }

            return Key(Hex.TryParse(text, out byte[] bytes, out _) ? bytes : throw new FormatException("The private key is not hex."), suite);
        }

        private static CbkePrivateKey Key(byte[] bytes, CryptoSuite suite)
        {
            int length = CryptoSuites.PrivateKeyLength(suite);
            try
            {
                if (bytes.Length != length)
                {
                    throw new FormatException($"A suite {(int)suite} private key is {length} bytes; {bytes.Length} were given.");
                }

                return new CbkePrivateKey(suite, bytes);
            }
            finally
            {
                Array.Clear(bytes, 0, bytes.Length);
            }
        }

        private static CertificateFileContent ParsePem(string text, CryptoSuite? suite)
        {
            byte[] certificate = PemBody(text, privateKey: false) ?? throw new FormatException("The PEM text has no certificate block (only a private key?).");
            ImplicitCertificate decoded = Decode(certificate, suite);
            CbkePrivateKey? key = null;
            if (PemBody(text, privateKey: true) is byte[] keyBytes)
            {
                key = Key(keyBytes, decoded.Suite);
            }

            return new CertificateFileContent(decoded, key, null, "PEM");
        }

        /// <summary>The base64 body of the first PEM block whose label does (or does not) name a private key.</summary>
        private static byte[]? PemBody(string text, bool privateKey)
        {
            int at = 0;
            while ((at = text.IndexOf("-----BEGIN ", at, StringComparison.Ordinal)) >= 0)
            {
                int labelEnd = text.IndexOf("-----", at + 11, StringComparison.Ordinal);
                if (labelEnd < 0)
                {
                    throw new FormatException("A PEM header line is not closed with '-----'.");
                }

                string label = text.Substring(at + 11, labelEnd - at - 11);
                string end = "-----END " + label + "-----";
                int bodyEnd = text.IndexOf(end, labelEnd, StringComparison.Ordinal);
                if (bodyEnd < 0)
                {
                    throw new FormatException($"The PEM block '{label}' has no END line.");
                }

                if (label.IndexOf("PRIVATE KEY", StringComparison.OrdinalIgnoreCase) >= 0 == privateKey)
                {
                    string body = text.Substring(labelEnd + 5, bodyEnd - labelEnd - 5);
                    try
                    {
                        return Convert.FromBase64String(body.Replace("\r", string.Empty).Replace("\n", string.Empty).Replace(" ", string.Empty));
                    }
                    catch (FormatException)
                    {
                        throw new FormatException($"The PEM block '{label}' is not base64.");
                    }
                }

                at = bodyEnd + end.Length;
            }

            return null;
        }

        private static ImplicitCertificate Decode(byte[] bytes, CryptoSuite? suite)
        {
            CryptoSuite s = suite ?? CryptoSuites.FromCertificateLength(bytes.Length)
                ?? throw new FormatException($"An implicit certificate is 48 bytes (suite 1) or 74 bytes (suite 2); {bytes.Length} were given.");
            if (bytes.Length != CryptoSuites.CertificateLength(s))
            {
                throw new FormatException($"A suite {(int)s} certificate is {CryptoSuites.CertificateLength(s)} bytes; {bytes.Length} were given.");
            }

            try
            {
                return ImplicitCertificate.Decode(bytes, s);
            }
            catch (FrameFormatException e)
            {
                throw new FormatException("The certificate does not decode: " + e.Reason);
            }
        }

        private static bool IsText(byte[] content)
        {
            foreach (byte b in content)
            {
                if (b != 0x09 && b != 0x0A && b != 0x0D && (b < 0x20 || b > 0x7E))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
