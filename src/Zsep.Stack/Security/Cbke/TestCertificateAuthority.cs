using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Org.BouncyCastle.Security;
using Zsep.Stack.Types;

namespace Zsep.Stack.Security.Cbke
{
    /// <summary>
    /// A certificate authority for TESTS AND SIMULATION ONLY: it issues real ECQV implicit certificates (SEC 4 2.4,
    /// 07-5356 Annex C.4.2 formats) so simulated Smart Energy devices can run key establishment with a gateway that
    /// trusts this CA, and with no other. Its issuer identifier defaults to the ASCII text "ZSEPTEST", and suite 1
    /// certificates carry "ZSEPTEST" in their profile attribute data after the SE profile id, so a test certificate is
    /// recognisable as such. A gateway whose roots do not include <see cref="Authority"/> refuses its certificates
    /// (Unknown Issuer). The CA private key is a secret (ToString is redacted); <see cref="Save"/> writes it on purpose.
    /// </summary>
    public sealed class TestCertificateAuthority
    {
        /// <summary>"ZSEPTEST" as an issuer identifier.</summary>
        public static Eui64 DefaultIssuer { get; } = new Eui64(0x5A53455054455354);

        /// <summary>The first line of a saved CA.</summary>
        public const string FileHeader = "ZsepAdmin TEST certificate authority";

        private static readonly byte[] Suite1ProfileAttributeData = { 0x01, 0x09, 0x5A, 0x53, 0x45, 0x50, 0x54, 0x45, 0x53, 0x54 };

        private readonly CbkePrivateKey _privateKey;

        private TestCertificateAuthority(CbkePrivateKey privateKey, Eui64 issuer)
        {
            _privateKey = privateKey;
            byte[] q = privateKey.GetPublicKey() ?? throw new ArgumentException("The CA private key is not in the range 1..n-1.", nameof(privateKey));
            Authority = new CertificateAuthority(privateKey.Suite, q, issuer);
        }

        public CryptoSuite Suite => _privateKey.Suite;

        public Eui64 Issuer => Authority.Issuer!.Value;

        /// <summary>The root to add to a gateway's trusted CAs (public key and issuer).</summary>
        public CertificateAuthority Authority { get; }

        /// <summary>A new CA with a fresh private key.</summary>
        public static TestCertificateAuthority Create(CryptoSuite suite, SecureRandom random, Eui64? issuer = null)
        {
            if (random is null)
            {
                throw new ArgumentNullException(nameof(random));
            }

            return new TestCertificateAuthority(Ecqv.GeneratePrivateKey(suite, random), issuer ?? DefaultIssuer);
        }

        /// <summary>A CA from a known private key (for instance one kept elsewhere).</summary>
        public static TestCertificateAuthority FromPrivateKey(CbkePrivateKey privateKey, Eui64? issuer = null) =>
            new TestCertificateAuthority(privateKey ?? throw new ArgumentNullException(nameof(privateKey)), issuer ?? DefaultIssuer);

        /// <summary>
        /// Issues a certificate for <paramref name="subject"/> and its private key. Suite 2 certificates get a random
        /// serial number, <paramref name="validFrom"/> (default 1970-01-01) and <paramref name="validity"/> (default: no expiry).
        /// </summary>
        public (ImplicitCertificate Certificate, CbkePrivateKey PrivateKey) Issue(Eui64 subject, SecureRandom random,
            DateTimeOffset? validFrom = null, TimeSpan? validity = null)
        {
            if (random is null)
            {
                throw new ArgumentNullException(nameof(random));
            }

            ulong from = validFrom is DateTimeOffset f ? (ulong)Math.Max(0, f.ToUnixTimeSeconds()) : 0UL;
            uint to = ImplicitCertificate.NoExpiry;
            if (validity is TimeSpan v)
            {
                if (v < TimeSpan.Zero || v.TotalSeconds >= ImplicitCertificate.NoExpiry)
                {
                    throw new ArgumentOutOfRangeException(nameof(validity), "The validity is 0 to 2^32-2 seconds.");
                }

                to = (uint)v.TotalSeconds;
            }

            byte[] serialBytes = new byte[8];
            random.NextBytes(serialBytes);
            ulong serial = BitConverter.ToUInt64(serialBytes, 0);
            Eui64 issuer = Issuer;
            return Ecqv.Issue(_privateKey,
                point => Suite == CryptoSuite.Suite1
                    ? ImplicitCertificate.CreateSuite1(point, subject, issuer, Suite1ProfileAttributeData)
                    : ImplicitCertificate.CreateSuite2(point, serial, issuer, from, to, subject),
                random);
        }

        /// <summary>The CA in its text form, private key included (an explicit export of a secret).</summary>
        public string Save()
        {
            var sb = new StringBuilder();
            sb.Append(FileHeader).Append('\n');
            sb.Append("# Test credentials only: a gateway trusting this CA accepts any certificate it issues.\n");
            sb.Append("Suite: ").Append((int)Suite).Append('\n');
            sb.Append("Issuer: ").Append(Issuer.ToCompactString()).Append('\n');
            sb.Append("CA Pub Key: ").Append(Hex.Format(Authority.PublicKey)).Append('\n');
            sb.Append("CA Private Key: ").Append(_privateKey.ExportHex()).Append('\n');
            return sb.ToString();
        }

        /// <summary>Writes <see cref="Save"/> to a file (created or replaced).</summary>
        public void SaveToFile(string path) => File.WriteAllText(path, Save(), new UTF8Encoding(false));

        /// <summary>Reads a file written by <see cref="SaveToFile"/>.</summary>
        public static TestCertificateAuthority LoadFromFile(string path) => Load(File.ReadAllText(path));

        /// <summary>
        /// Parses the text of <see cref="Save"/>. Throws <see cref="FormatException"/> when the header or a field is
        /// missing or malformed, or the private key does not give the stated public key; messages never show the key.
        /// </summary>
        public static TestCertificateAuthority Load(string text)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            bool header = false;
            foreach (string raw in text.Split('\n'))
            {
                string line = raw.Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                if (line == FileHeader)
                {
                    header = true;
                    continue;
                }

                int colon = line.IndexOf(':');
                if (colon > 0)
                {
                    fields[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
                }
            }

            if (!header)
            {
                throw new FormatException($"The text does not start with '{FileHeader}'.");
            }

            string suiteText = Require(fields, "Suite");
            CryptoSuite suite = suiteText == "1" ? CryptoSuite.Suite1 : suiteText == "2" ? CryptoSuite.Suite2
                : throw new FormatException("Suite: must be 1 or 2.");
            if (!Eui64.TryParse(Require(fields, "Issuer"), out Eui64 issuer))
            {
                throw new FormatException("Issuer: is not 16 hex digits.");
            }

            if (!CbkePrivateKey.TryParse(suite, Require(fields, "CA Private Key"), out CbkePrivateKey? key) || !key!.IsInRange)
            {
                throw new FormatException($"CA Private Key: is not a suite {(int)suite} private key.");
            }

            var ca = new TestCertificateAuthority(key, issuer);
            if (!Hex.TryParse(Require(fields, "CA Pub Key"), out byte[] pub, out _)
                || !((ReadOnlySpan<byte>)pub).SequenceEqual(ca.Authority.PublicKey))
            {
                throw new FormatException("CA Pub Key: does not match the CA private key.");
            }

            return ca;
        }

        public override string ToString() => $"TEST CA suite {(int)Suite}, issuer {Issuer.ToCompactString()}, public key {Hex.Format(Authority.PublicKey)}; private key redacted";

        private static string Require(Dictionary<string, string> fields, string name) =>
            fields.TryGetValue(name, out string? value) ? value : throw new FormatException($"The text has no '{name}:' line.");
    }
}
