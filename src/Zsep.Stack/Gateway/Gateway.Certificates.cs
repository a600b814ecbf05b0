using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.KeyEstablishment;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.State;
using Zsep.Stack.Types;

namespace Zsep.Stack.Gateway
{
    /// <summary>
    /// The gateway's CBKE credentials (SE 1.4 07-5356-21 C.4; issue 5 s.1): trusted CA roots per suite, its own
    /// certificate and private key per suite (the key sealed at rest, <see cref="NetworkStore.SaveLocalCredential"/>),
    /// device certificates. Certificates are checked at import: structure and length, issuer among the roots, suite 2
    /// validity, subject (the gateway's own must name the coordinator), and the private key against the public key
    /// reconstructed from the certificate.
    /// </summary>
    public sealed partial class Gateway
    {
        private KeyEstablishmentIdentity? _keIdentity;
        private bool _keIdentityLoaded;

        /// <summary>The gateway's key establishment identity (its credentials and the roots), or null without a certificate.</summary>
        public KeyEstablishmentIdentity? KeyEstablishmentIdentity
        {
            get
            {
                if (!_keIdentityLoaded)
                {
                    IReadOnlyList<KeyEstablishmentCredential> credentials = Store.GetLocalCredentials();
                    _keIdentity = credentials.Count == 0 ? null : new KeyEstablishmentIdentity(credentials, TrustedRoots());
                    _keIdentityLoaded = true;
                }

                return _keIdentity;
            }
        }

        private static bool IsCurvePoint(CertificateAuthority authority)
        {
            try
            {
                return !CryptoSuites.Curve(authority.Suite).Curve.DecodePoint(authority.PublicKey).IsInfinity;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        private IReadOnlyList<CertificateAuthority> TrustedRoots() => Store.GetCertificateAuthorities().Select(a => a.Authority).ToList();

        private void CredentialsChanged()
        {
            _keIdentityLoaded = false;
            _keIdentity = null;
            _keEndpoint?.RefreshSuites();
        }

        public IReadOnlyList<ZsepCertificateAuthority> GetCertificateAuthorities() =>
            Store.GetCertificateAuthorities().Select(a => ZsepCertificateAuthority.Of(Name, a.Authority, a.AddedAt)).ToList();

        /// <summary>Trusts a CA root (idempotent). The public key must be a point of the suite's curve.</summary>
        public ZsepCertificateAuthority AddCertificateAuthority(CertificateAuthority authority)
        {
            if (authority is null)
            {
                throw new ArgumentNullException(nameof(authority));
            }

            if (!IsCurvePoint(authority))
            {
                throw new CertificateRejectedException(CertificateValidationReason.InvalidPoint, $"The suite {(int)authority.Suite} CA public key is not a point of {CryptoSuites.CurveName(authority.Suite)}.");
            }

            bool added = Store.AddCertificateAuthority(authority, Scheduler.Now);
            if (added)
            {
                Trace.Info(CertificateAuthorityAddedTraceCode, $"suite {(int)authority.Suite} {Hex.Format(authority.PublicKey)}");
                CredentialsChanged();
            }

            return GetCertificateAuthorities().First(a => a.CryptoSuite == (int)authority.Suite && a.PublicKey == Hex.Format(authority.PublicKey));
        }

        /// <summary>Checks a certificate (and private key) against the trusted roots without storing anything.</summary>
        public ZsepCertificateTest TestCertificate(ImplicitCertificate certificate, CbkePrivateKey? privateKey = null)
        {
            CertificateValidationResult r = CertificateValidator.Validate(certificate, privateKey, TrustedRoots(), Scheduler.Now.UtcDateTime);
            string message = r.Message;
            if (r.Reason == CertificateValidationReason.UnknownIssuer)
            {
                message += " Trust its CA with Add-ZsepCertificateAuthority (or issue it from a CA the network trusts).";
            }

            return new ZsepCertificateTest
            {
                Subject = certificate.Subject,
                CryptoSuite = (int)certificate.Suite,
                Issuer = certificate.IssuerName,
                IsValid = r.IsValid,
                Reason = r.Reason,
                Message = message,
                PrivateKeyChecked = privateKey is not null,
            };
        }

        /// <summary>
        /// Imports a certificate: with <paramref name="privateKey"/> it becomes the gateway's own for its suite (its subject
        /// must be the coordinator's IEEE address), without it a known device's certificate. Throws
        /// <see cref="CertificateRejectedException"/> with the reason when a check fails.
        /// </summary>
        public ZsepCertificate ImportCertificate(ImplicitCertificate certificate, CbkePrivateKey? privateKey)
        {
            if (certificate is null)
            {
                throw new ArgumentNullException(nameof(certificate));
            }

            ZsepCertificateTest test = TestCertificate(certificate, privateKey);
            if (!test.IsValid)
            {
                throw new CertificateRejectedException(test.Reason, "The certificate was refused: " + test.Message);
            }

            DateTimeOffset now = Scheduler.Now;
            if (privateKey is not null)
            {
                if (certificate.Subject != Config.CoordinatorIeee)
                {
                    throw new CertificateRejectedException(CertificateValidationReason.BadStructure,
                        $"The certificate names subject {certificate.Subject}; the gateway's own certificate must name its coordinator {Config.CoordinatorIeee}. " +
                        "Import a device's certificate without -PrivateKey.");
                }

                Store.SaveLocalCredential(new KeyEstablishmentCredential(certificate, privateKey), now);
                Trace.Info(CertificateImportedTraceCode, Config.CoordinatorIeee, $"gateway certificate suite {(int)certificate.Suite}, issuer {certificate.IssuerName}");
                CredentialsChanged();
                return ZsepCertificate.Of(Name, ZsepCertificateKind.Gateway, certificate, true, now, null);
            }

            Store.SaveDeviceCertificate(certificate, now);
            Trace.Info(CertificateImportedTraceCode, certificate.Subject, $"device certificate suite {(int)certificate.Suite}, issuer {certificate.IssuerName}");
            return ZsepCertificate.Of(Name, ZsepCertificateKind.Device, certificate, false, now, null);
        }

        /// <summary>The gateway's certificates and the devices', optionally of one subject.</summary>
        public IReadOnlyList<ZsepCertificate> GetCertificates(Eui64? subject = null)
        {
            var list = new List<ZsepCertificate>();
            IReadOnlyDictionary<CryptoSuite, DateTimeOffset> times = Store.GetLocalCredentialTimes();
            foreach (KeyEstablishmentCredential c in Store.GetLocalCredentials())
            {
                list.Add(ZsepCertificate.Of(Name, ZsepCertificateKind.Gateway, c.Certificate, true, times.TryGetValue(c.Suite, out DateTimeOffset t) ? t : default, null));
            }

            var established = Store.GetKeyEstablishments().ToDictionary(e => e.Ieee, e => e.EstablishedAt);
            foreach (StoredDeviceCertificate d in Store.GetDeviceCertificates())
            {
                list.Add(ZsepCertificate.Of(Name, ZsepCertificateKind.Device, d.Certificate, false, d.LearnedAt,
                    established.TryGetValue(d.Ieee, out DateTimeOffset e) ? e : null));
            }

            return list.Where(c => subject is null || c.Subject == subject).ToList();
        }

        /// <summary>
        /// Removes the certificates of <paramref name="subject"/> (of one suite, or all): the gateway's own (and its private
        /// key) when the subject is the coordinator, else a device's. Returns what was removed.
        /// </summary>
        public IReadOnlyList<ZsepCertificate> RemoveCertificate(Eui64 subject, CryptoSuite? suite = null)
        {
            List<ZsepCertificate> removed = GetCertificates(subject).Where(c => suite is null || c.CryptoSuite == (int)suite.Value).ToList();
            foreach (ZsepCertificate c in removed)
            {
                if (c.Kind == ZsepCertificateKind.Gateway)
                {
                    Store.RemoveLocalCredential((CryptoSuite)c.CryptoSuite);
                }
                else
                {
                    Store.RemoveDeviceCertificates(subject, (CryptoSuite)c.CryptoSuite);
                }

                Trace.Info(CertificateRemovedTraceCode, subject, $"{c.Kind} certificate suite {c.CryptoSuite}");
            }

            if (removed.Any(c => c.Kind == ZsepCertificateKind.Gateway))
            {
                CredentialsChanged();
            }

            return removed;
        }
    }
}
