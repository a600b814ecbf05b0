using System;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.Types;

namespace Zsep.Stack.KeyEstablishment
{
    /// <summary>
    /// A TEST certificate authority as New-ZsepTestCertificateAuthority returns it: issuer "ZSEPTEST" by default, its
    /// public key (to add as a trusted root), and the CA itself (whose private key never shows: ToString is redacted).
    /// </summary>
    public sealed record ZsepTestCertificateAuthority
    {
        public ZsepTestCertificateAuthority(TestCertificateAuthority authority, string? path = null)
        {
            Authority = authority ?? throw new ArgumentNullException(nameof(authority));
            Path = path;
        }

        /// <summary>Always true: credentials from this CA are for tests and simulation only.</summary>
        public bool IsTestAuthority => true;

        public int CryptoSuite => (int)Authority.Suite;

        public string Issuer => Authority.Issuer == TestCertificateAuthority.DefaultIssuer ? "ZSEPTEST" : Authority.Issuer.ToCompactString();

        /// <summary>Q_CA, compressed, in hex.</summary>
        public string PublicKey => Hex.Format(Authority.Authority.PublicKey);

        /// <summary>Where it was saved (with its private key), if it was.</summary>
        public string? Path { get; }

        /// <summary>The CA (holds the private key; use it to issue).</summary>
        public TestCertificateAuthority Authority { get; }

        public override string ToString() => Authority.ToString();
    }

    /// <summary>A TEST certificate and its private key as New-ZsepTestCertificate returns them (the key is never displayed).</summary>
    public sealed record ZsepTestCertificate
    {
        public ZsepTestCertificate(ImplicitCertificate certificate, CbkePrivateKey privateKey, CertificateAuthority issuer, string? path = null)
        {
            Certificate = certificate ?? throw new ArgumentNullException(nameof(certificate));
            PrivateKey = privateKey ?? throw new ArgumentNullException(nameof(privateKey));
            IssuerAuthority = issuer ?? throw new ArgumentNullException(nameof(issuer));
            Path = path;
        }

        /// <summary>Always true.</summary>
        public bool IsTestCertificate => true;

        public Eui64 Subject => Certificate.Subject;

        public int CryptoSuite => (int)Certificate.Suite;

        public string Issuer => Certificate.IssuerName;

        /// <summary>The certificate in hex (public).</summary>
        public string CertificateHex => Hex.Format(Certificate.ToArray());

        /// <summary>Where the Certicom text form (with the private key) was written, if it was.</summary>
        public string? Path { get; }

        public ImplicitCertificate Certificate { get; }

        /// <summary>The private key: its ToString is redacted; it goes to Import-ZsepCertificate through the pipeline.</summary>
        public CbkePrivateKey PrivateKey { get; }

        /// <summary>The issuing CA's root (to trust it).</summary>
        public CertificateAuthority IssuerAuthority { get; }

        public override string ToString() => $"TEST {Certificate}; private key redacted";
    }
}
