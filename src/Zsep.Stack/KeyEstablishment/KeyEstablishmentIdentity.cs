using System;
using System.Collections.Generic;
using System.Linq;
using Org.BouncyCastle.Security;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.Types;

namespace Zsep.Stack.KeyEstablishment
{
    /// <summary>A device's certificate of one suite and the private key that goes with it. ToString never shows the key.</summary>
    public sealed record KeyEstablishmentCredential
    {
        public KeyEstablishmentCredential(ImplicitCertificate certificate, CbkePrivateKey privateKey)
        {
            Certificate = certificate ?? throw new ArgumentNullException(nameof(certificate));
            PrivateKey = privateKey ?? throw new ArgumentNullException(nameof(privateKey));
            if (certificate.Suite != privateKey.Suite)
            {
                throw new ArgumentException($"The private key is a suite {(int)privateKey.Suite} key; the certificate is suite {(int)certificate.Suite}.", nameof(privateKey));
            }

            if (!privateKey.IsInRange)
            {
                throw new ArgumentException("The private key is not in the range 1..n-1 of the curve order.", nameof(privateKey));
            }
        }

        public ImplicitCertificate Certificate { get; }

        public CbkePrivateKey PrivateKey { get; }

        public CryptoSuite Suite => Certificate.Suite;

        public override string ToString() => $"{Certificate}; private key redacted";
    }

    /// <summary>
    /// What one party brings to key establishment (07-5356 Annex C.4.2.1): its certificate and private key per
    /// suite, the CA roots it trusts for the partner's certificate, and the suites it offers (by default every suite
    /// it holds a credential for). Its own IEEE address, used in the confirmation tags, is its certificates' subject.
    /// </summary>
    public sealed class KeyEstablishmentIdentity
    {
        private readonly Dictionary<CryptoSuite, KeyEstablishmentCredential> _credentials = new Dictionary<CryptoSuite, KeyEstablishmentCredential>();

        /// <exception cref="ArgumentException">No credential, two credentials of one suite, or credentials of different subjects.</exception>
        public KeyEstablishmentIdentity(IEnumerable<KeyEstablishmentCredential> credentials, IEnumerable<CertificateAuthority> trustedRoots,
            KeyEstablishmentSuites? supportedSuites = null)
        {
            if (credentials is null)
            {
                throw new ArgumentNullException(nameof(credentials));
            }

            foreach (KeyEstablishmentCredential c in credentials)
            {
                if (_credentials.ContainsKey(c.Suite))
                {
                    throw new ArgumentException($"Two suite {(int)c.Suite} credentials were given.", nameof(credentials));
                }

                _credentials.Add(c.Suite, c);
            }

            if (_credentials.Count == 0)
            {
                throw new ArgumentException("At least one credential is needed.", nameof(credentials));
            }

            if (_credentials.Values.Select(c => c.Certificate.Subject).Distinct().Count() != 1)
            {
                throw new ArgumentException("The certificates name different subjects.", nameof(credentials));
            }

            Ieee = _credentials.Values.First().Certificate.Subject;
            TrustedRoots = (trustedRoots ?? throw new ArgumentNullException(nameof(trustedRoots))).Where(r => r is not null).ToArray();
            KeyEstablishmentSuites held = _credentials.Keys.Aggregate(KeyEstablishmentSuites.None, (a, s) => a | s.ToBitmap());
            SupportedSuites = (supportedSuites ?? held) & held;
        }

        /// <summary>One credential and roots.</summary>
        public KeyEstablishmentIdentity(ImplicitCertificate certificate, CbkePrivateKey privateKey, IEnumerable<CertificateAuthority> trustedRoots)
            : this(new[] { new KeyEstablishmentCredential(certificate, privateKey) }, trustedRoots)
        {
        }

        /// <summary>This party's IEEE address (the subject of its certificates).</summary>
        public Eui64 Ieee { get; }

        public IReadOnlyList<CertificateAuthority> TrustedRoots { get; }

        /// <summary>The suites offered: those asked for that a credential exists for.</summary>
        public KeyEstablishmentSuites SupportedSuites { get; }

        /// <summary>The credential of a suite, or null.</summary>
        public KeyEstablishmentCredential? Credential(CryptoSuite suite) =>
            SupportedSuites.Contains(suite) && _credentials.TryGetValue(suite, out KeyEstablishmentCredential? c) ? c : null;

        /// <summary>The strongest suite offered (2 before 1).</summary>
        public CryptoSuite? PreferredSuite =>
            SupportedSuites.Contains(CryptoSuite.Suite2) ? CryptoSuite.Suite2 :
            SupportedSuites.Contains(CryptoSuite.Suite1) ? CryptoSuite.Suite1 : (CryptoSuite?)null;

        public override string ToString() => $"Key establishment identity {Ieee}, suites {SupportedSuites}, {TrustedRoots.Count} trusted root(s); private keys redacted";
    }

    /// <summary>Tunables of a <see cref="KeyEstablishmentSession"/>.</summary>
    public sealed record KeyEstablishmentOptions
    {
        /// <summary>EphemeralDataGenerateTime advertised in Initiate Key Establishment (seconds this party may take to answer with ephemeral data).</summary>
        public byte EphemeralDataGenerateTime { get; init; } = 10;

        /// <summary>ConfirmKeyGenerateTime advertised in Initiate Key Establishment (seconds this party may take to compute the tag).</summary>
        public byte ConfirmKeyGenerateTime { get; init; } = 10;

        /// <summary>Added to the partner's advertised times before a wait is given up (radio, routing, retries).</summary>
        public TimeSpan TimeoutMargin { get; init; } = TimeSpan.FromSeconds(5);

        /// <summary>How long the initiator waits for the Initiate Key Establishment Response (the partner's times are not known yet).</summary>
        public TimeSpan InitiateResponseTimeout { get; init; } = TimeSpan.FromSeconds(15);

        /// <summary>WaitTime sent in this party's Terminate Key Establishment (seconds before the partner should try again).</summary>
        public byte TerminateWaitTime { get; init; } = 10;

        /// <summary>Initiator: the suite to ask for (for example after reading the server's KeyEstablishmentSuite attribute); default the strongest held.</summary>
        public CryptoSuite? Suite { get; init; }

        /// <summary>Randomness for the ephemeral keys; default a BouncyCastle <see cref="SecureRandom"/> seeded by the OS. Seed it only in tests.</summary>
        public SecureRandom? Random { get; init; }

        /// <summary>The time compared with suite 2 certificate validity; default the scheduler's Now.</summary>
        public Func<DateTime>? CertificateClock { get; init; }
    }

    /// <summary>Which side of the exchange a session plays (07-5356 C.4.2).</summary>
    public enum KeyEstablishmentRole
    {
        /// <summary>U: the cluster client, normally the joining device; sends the requests.</summary>
        Initiator,

        /// <summary>V: the cluster server, normally the Trust Center; sends the responses.</summary>
        Responder,
    }

    /// <summary>How a session ended.</summary>
    public enum KeyEstablishmentResult
    {
        /// <summary>Both tags checked: <see cref="KeyEstablishmentOutcome.LinkKey"/> is the new link key.</summary>
        Success,

        /// <summary>A Terminate Key Establishment was sent or received; see Status and TerminatedByPartner.</summary>
        Terminated,

        /// <summary>The partner did not answer within its advertised time plus the margin.</summary>
        Timeout,
    }

    /// <summary>The end of a <see cref="KeyEstablishmentSession"/>. ToString never shows the key.</summary>
    public sealed record KeyEstablishmentOutcome
    {
        public KeyEstablishmentResult Result { get; init; }

        public KeyEstablishmentRole Role { get; init; }

        public Eui64 Partner { get; init; }

        /// <summary>The suite in use, when one was agreed or asked for.</summary>
        public CryptoSuite? Suite { get; init; }

        /// <summary>For <see cref="KeyEstablishmentResult.Terminated"/>: the Terminate status.</summary>
        public KeyEstablishmentStatus? Status { get; init; }

        /// <summary>True when the partner sent the Terminate; false when this party did.</summary>
        public bool TerminatedByPartner { get; init; }

        /// <summary>The WaitTime of a Terminate received from the partner (seconds).</summary>
        public byte? PartnerWaitTime { get; init; }

        /// <summary>Scheduler time from the start of the session to its end.</summary>
        public TimeSpan Duration { get; init; }

        /// <summary>For <see cref="KeyEstablishmentResult.Success"/>: KeyData, the new link key with the partner.</summary>
        public ZigbeeKey? LinkKey { get; init; }

        /// <summary>The partner's certificate once it was received and decoded.</summary>
        public ImplicitCertificate? PartnerCertificate { get; init; }

        /// <summary>Why, for people (never a key).</summary>
        public string Reason { get; init; } = string.Empty;

        public bool Succeeded => Result == KeyEstablishmentResult.Success;

        public override string ToString() =>
            $"Key establishment ({Role}) with {Partner}: {Result}" + (Status is KeyEstablishmentStatus s ? $" {s}" + (TerminatedByPartner ? " (by partner)" : string.Empty) : string.Empty)
            + (Suite is CryptoSuite suite ? $", suite {(int)suite}" : string.Empty) + $", {Duration.TotalMilliseconds:0} ms: {Reason}";
    }
}
