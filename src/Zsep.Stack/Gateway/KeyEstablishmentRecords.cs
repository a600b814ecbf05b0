using System;
using Zsep.Stack.KeyEstablishment;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.Types;

namespace Zsep.Stack.Gateway
{
    /// <summary>Whose certificate a <see cref="ZsepCertificate"/> is.</summary>
    public enum ZsepCertificateKind
    {
        /// <summary>The gateway's own (with its private key, sealed in the store).</summary>
        Gateway,

        /// <summary>A device's, learned during key establishment or imported.</summary>
        Device,
    }

    /// <summary>A stored CBKE implicit certificate (SE 1.4 07-5356-21 C.4.2). Never carries a private key.</summary>
    public sealed record ZsepCertificate
    {
        public string Network { get; init; } = "";

        public ZsepCertificateKind Kind { get; init; }

        /// <summary>The certificate's subject (the device's IEEE address).</summary>
        public Eui64 Subject { get; init; }

        public int CryptoSuite { get; init; }

        /// <summary>The issuer's name ("TESTSECA", "ZSEPTEST", or its hex).</summary>
        public string Issuer { get; init; } = "";

        /// <summary>Suite 2 serial number.</summary>
        public ulong? SerialNumber { get; init; }

        public DateTime? ValidFrom { get; init; }

        public DateTime? ValidTo { get; init; }

        /// <summary>Whether the gateway holds the private key (its own certificates).</summary>
        public bool HasPrivateKey { get; init; }

        /// <summary>Issued by a ZsepAdmin test CA (issuer "ZSEPTEST"): test credentials, not for a real utility network.</summary>
        public bool IsTestCertificate { get; init; }

        /// <summary>When it was imported or learned.</summary>
        public DateTimeOffset Added { get; init; }

        /// <summary>For a device: when its link key last came from key establishment.</summary>
        public DateTimeOffset? KeyEstablished { get; init; }

        /// <summary>The certificate bytes in hex (public data).</summary>
        public string Certificate { get; init; } = "";

        public override string ToString() => $"{Kind} certificate suite {CryptoSuite} for {Subject}, issuer {Issuer}" + (IsTestCertificate ? " (TEST)" : string.Empty);

        internal static ZsepCertificate Of(string network, ZsepCertificateKind kind, ImplicitCertificate c, bool hasKey, DateTimeOffset added, DateTimeOffset? established) => new ZsepCertificate
        {
            Network = network,
            Kind = kind,
            Subject = c.Subject,
            CryptoSuite = (int)c.Suite,
            Issuer = c.IssuerName,
            SerialNumber = c.SerialNumber,
            ValidFrom = c.ValidFrom,
            ValidTo = c.ValidTo,
            HasPrivateKey = hasKey,
            IsTestCertificate = c.Issuer == TestCertificateAuthority.DefaultIssuer,
            Added = added,
            KeyEstablished = established,
            Certificate = Hex.Format(c.ToArray()),
        };
    }

    /// <summary>A trusted CA root of one suite.</summary>
    public sealed record ZsepCertificateAuthority
    {
        public string Network { get; init; } = "";

        public int CryptoSuite { get; init; }

        /// <summary>The issuer identifier when known ("TESTSECA", "ZSEPTEST", hex), else empty.</summary>
        public string Issuer { get; init; } = "";

        /// <summary>The compressed public key Q_CA in hex.</summary>
        public string PublicKey { get; init; } = "";

        /// <summary>A ZsepAdmin test CA (issuer "ZSEPTEST") or the Certicom test CA: fine for labs, not for production.</summary>
        public bool IsTestAuthority { get; init; }

        public DateTimeOffset AddedAt { get; init; }

        public override string ToString() => $"CA suite {CryptoSuite} {Issuer} {PublicKey}";

        internal static ZsepCertificateAuthority Of(string network, CertificateAuthority a, DateTimeOffset added) => new ZsepCertificateAuthority
        {
            Network = network,
            CryptoSuite = (int)a.Suite,
            Issuer = a.Issuer is Eui64 i ? IssuerName(i) : string.Empty,
            PublicKey = Hex.Format(a.PublicKey),
            IsTestAuthority = a.Issuer == TestCertificateAuthority.DefaultIssuer || a.Equals(CertificateAuthority.CerticomTestSuite1) || a.Equals(CertificateAuthority.CerticomTestSuite2),
            AddedAt = added,
        };

        internal static string IssuerName(Eui64 issuer)
        {
            var chars = new char[8];
            for (int i = 0; i < 8; i++)
            {
                char c = (char)(byte)(issuer.Value >> (8 * (7 - i)));
                if (c < 0x20 || c > 0x7E)
                {
                    return issuer.ToCompactString();
                }

                chars[i] = c;
            }

            return new string(chars);
        }
    }

    /// <summary>What Test-ZsepCertificate found.</summary>
    public sealed record ZsepCertificateTest
    {
        public Eui64? Subject { get; init; }

        public int? CryptoSuite { get; init; }

        public string Issuer { get; init; } = "";

        public bool IsValid { get; init; }

        public CertificateValidationReason Reason { get; init; }

        /// <summary>Why, for people.</summary>
        public string Message { get; init; } = "";

        /// <summary>Whether a private key was checked against the certificate.</summary>
        public bool PrivateKeyChecked { get; init; }

        public override string ToString() => $"{(IsValid ? "Valid" : "Invalid")} ({Reason}): {Message}";
    }

    /// <summary>The outcome of one key establishment with a node (Start-ZsepKeyEstablishment; automatic ones are traced).</summary>
    public sealed record ZsepKeyEstablishmentResult
    {
        public string Network { get; init; } = "";

        public Eui64 Node { get; init; }

        /// <summary>The suite agreed (or asked for), when known.</summary>
        public int? CryptoSuite { get; init; }

        /// <summary>"Success", the Terminate status (UnknownIssuer, BadKeyConfirm, ...) or "Timeout".</summary>
        public string Status { get; init; } = "";

        public KeyEstablishmentResult Result { get; init; }

        /// <summary>For a Terminate: whether the node sent it (else the gateway did).</summary>
        public bool TerminatedByPartner { get; init; }

        /// <summary>The gateway's role: Initiator when it started the exchange, Responder when the device did.</summary>
        public KeyEstablishmentRole Role { get; init; }

        /// <summary>Network time from the first command to the end.</summary>
        public TimeSpan Duration { get; init; }

        public string Reason { get; init; } = "";

        public bool Succeeded => Result == KeyEstablishmentResult.Success;

        public override string ToString() => $"Key establishment with {Node}: {Status}" + (CryptoSuite is int s ? $", suite {s}" : string.Empty) + $", {Duration.TotalMilliseconds:0} ms";

        internal static ZsepKeyEstablishmentResult Of(string network, KeyEstablishmentOutcome o) => new ZsepKeyEstablishmentResult
        {
            Network = network,
            Node = o.Partner,
            CryptoSuite = o.Suite is Security.Cbke.CryptoSuite s ? (int)s : (int?)null,
            Status = o.Result == KeyEstablishmentResult.Terminated && o.Status is KeyEstablishmentStatus st ? st.ToString() : o.Result.ToString(),
            Result = o.Result,
            TerminatedByPartner = o.TerminatedByPartner,
            Role = o.Role,
            Duration = o.Duration,
            Reason = o.Reason,
        };
    }

    /// <summary>A certificate (or key) refused at import or test; the message says why and never shows a key.</summary>
    public sealed class CertificateRejectedException : Exception
    {
        public CertificateRejectedException(CertificateValidationReason reason, string message)
            : base(message)
        {
            Reason = reason;
        }

        public CertificateValidationReason Reason { get; }
    }

    /// <summary>Smart Energy traffic with a node refused because the policy requires key establishment first.</summary>
    public sealed class KeyEstablishmentRequiredException : ArgumentException
    {
        public KeyEstablishmentRequiredException(Eui64 node)
            : base($"{node} has not completed key establishment and the Trust Center policy RequireKeyEstablishment is set: Smart Energy traffic with it is refused. Run Start-ZsepKeyEstablishment -Node {node}.")
        {
            Node = node;
        }

        public Eui64 Node { get; }
    }

    /// <summary>A key establishment that ended without a key (the cmdlet's non-terminating error).</summary>
    public sealed class KeyEstablishmentFailedException : Exception
    {
        public KeyEstablishmentFailedException(ZsepKeyEstablishmentResult result)
            : base($"Key establishment with {result?.Node} failed: {result?.Status}" + (result is { TerminatedByPartner: true } ? " (terminated by the device)" : string.Empty) + $". {result?.Reason}")
        {
            Result = result ?? throw new ArgumentNullException(nameof(result));
        }

        public ZsepKeyEstablishmentResult Result { get; }
    }
}
