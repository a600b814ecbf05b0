using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using Zsep.Stack.KeyEstablishment;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.Types;

namespace Zsep.Stack.State
{
    /// <summary>A trusted CA root as stored.</summary>
    public sealed record StoredCertificateAuthority(CertificateAuthority Authority, DateTimeOffset AddedAt);

    /// <summary>A device certificate learned during key establishment.</summary>
    public sealed record StoredDeviceCertificate(Eui64 Ieee, ImplicitCertificate Certificate, DateTimeOffset LearnedAt);

    /// <summary>A device whose Trust Center link key came from key establishment.</summary>
    public sealed record StoredKeyEstablishment(Eui64 Ieee, CryptoSuite Suite, DateTimeOffset EstablishedAt);

    /// <summary>
    /// CBKE material in zsep.db (SE 1.4 07-5356-21 C.4; issue 5): trusted roots per suite, the gateway's certificate
    /// and sealed private key per suite (<see cref="CbkeKeyProtector"/>: never in clear in the database), device
    /// certificates, and which devices' Trust Center link keys were replaced by a key from key establishment (the
    /// install code stays in trust_center_devices, so the install-code key can be restored for a re-join).
    /// </summary>
    public sealed partial class NetworkStore
    {
        private CbkeKeyProtector Protector => new CbkeKeyProtector(System.IO.Path.GetDirectoryName(Path) ?? ".");

        /// <summary>The file holding the key that seals the CBKE private keys.</summary>
        public string CbkeKeyFilePath => Protector.Path;

        /// <summary>Adds a trusted root; false when it was there already.</summary>
        public bool AddCertificateAuthority(CertificateAuthority authority, DateTimeOffset at)
        {
            if (authority is null)
            {
                throw new ArgumentNullException(nameof(authority));
            }

            return Write((c, tx) => NonQuery(c, tx,
                "INSERT OR IGNORE INTO cbke_authorities (suite, public_key, issuer, added_at) VALUES ($s, $k, $i, $t)",
                ("$s", (long)authority.Suite), ("$k", authority.PublicKey), ("$i", Db(authority.Issuer)), ("$t", Db(at))) > 0);
        }

        public IReadOnlyList<StoredCertificateAuthority> GetCertificateAuthorities() =>
            Read(c => Query(c, null, r =>
            {
                var suite = (CryptoSuite)r.GetInt64(0);
                return new StoredCertificateAuthority(new CertificateAuthority(suite, Blob(r, 1)!, NullableIeee(r, 2)), Time(r, 3));
            }, "SELECT suite, public_key, issuer, added_at FROM cbke_authorities ORDER BY suite, added_at"));

        /// <summary>Removes a trusted root; false when unknown.</summary>
        public bool RemoveCertificateAuthority(CertificateAuthority authority) =>
            Write((c, tx) => NonQuery(c, tx, "DELETE FROM cbke_authorities WHERE suite = $s AND public_key = $k",
                ("$s", (long)authority.Suite), ("$k", authority.PublicKey)) > 0);

        /// <summary>Stores (or replaces) the gateway's own certificate and private key of the credential's suite; the key is sealed first.</summary>
        public void SaveLocalCredential(KeyEstablishmentCredential credential, DateTimeOffset at)
        {
            if (credential is null)
            {
                throw new ArgumentNullException(nameof(credential));
            }

            byte[] clear = new byte[credential.PrivateKey.Length];
            credential.PrivateKey.CopyTo(clear);
            byte[] sealedKey;
            try
            {
                sealedKey = Protector.Seal(clear, Purpose(credential.Suite));
            }
            finally
            {
                Array.Clear(clear, 0, clear.Length);
            }

            Write((c, tx) => NonQuery(c, tx,
                "INSERT OR REPLACE INTO cbke_local_credentials (suite, certificate, sealed_private_key, added_at) VALUES ($s, $c, $k, $t)",
                ("$s", (long)credential.Suite), ("$c", credential.Certificate.ToArray()), ("$k", sealedKey), ("$t", Db(at))));
        }

        /// <summary>The gateway's credentials (private keys unsealed in memory), by suite.</summary>
        public IReadOnlyList<KeyEstablishmentCredential> GetLocalCredentials()
        {
            var rows = Read(c => Query(c, null, r => ((CryptoSuite)r.GetInt64(0), Blob(r, 1)!, Blob(r, 2)!),
                "SELECT suite, certificate, sealed_private_key FROM cbke_local_credentials ORDER BY suite"));
            var list = new List<KeyEstablishmentCredential>();
            foreach (var (suite, certificate, sealedKey) in rows)
            {
                byte[] clear = Protector.Open(sealedKey, Purpose(suite));
                try
                {
                    list.Add(new KeyEstablishmentCredential(ImplicitCertificate.Decode(certificate, suite), new CbkePrivateKey(suite, clear)));
                }
                finally
                {
                    Array.Clear(clear, 0, clear.Length);
                }
            }

            return list;
        }

        /// <summary>When each local credential was stored, by suite.</summary>
        public IReadOnlyDictionary<CryptoSuite, DateTimeOffset> GetLocalCredentialTimes() =>
            Read(c => Query(c, null, r => ((CryptoSuite)r.GetInt64(0), Time(r, 1)), "SELECT suite, added_at FROM cbke_local_credentials"))
                .ToDictionary(p => p.Item1, p => p.Item2);

        /// <summary>Removes the gateway's credential of a suite; false when there was none.</summary>
        public bool RemoveLocalCredential(CryptoSuite suite) =>
            Write((c, tx) => NonQuery(c, tx, "DELETE FROM cbke_local_credentials WHERE suite = $s", ("$s", (long)suite)) > 0);

        public IReadOnlyList<StoredDeviceCertificate> GetDeviceCertificates() =>
            Read(c => Query(c, null, r => new StoredDeviceCertificate(Ieee(r, 0), ImplicitCertificate.Decode(Blob(r, 2)!, (CryptoSuite)r.GetInt64(1)), Time(r, 3)),
                "SELECT ieee, suite, certificate, learned_at FROM cbke_device_certificates ORDER BY ieee, suite"));

        /// <summary>Stores (or replaces) a device's certificate (imported, or learned during key establishment).</summary>
        public void SaveDeviceCertificate(ImplicitCertificate certificate, DateTimeOffset at) =>
            Write((c, tx) => NonQuery(c, tx, "INSERT OR REPLACE INTO cbke_device_certificates (ieee, suite, certificate, learned_at) VALUES ($i, $s, $c, $t)",
                ("$i", Db(certificate.Subject)), ("$s", (long)certificate.Suite), ("$c", certificate.ToArray()), ("$t", Db(at))));

        /// <summary>Removes a device's learned certificates; false when there were none.</summary>
        public bool RemoveDeviceCertificates(Eui64 ieee, CryptoSuite? suite = null) =>
            Write((c, tx) => NonQuery(c, tx, "DELETE FROM cbke_device_certificates WHERE ieee = $i AND ($s IS NULL OR suite = $s)",
                ("$i", Db(ieee)), ("$s", suite is CryptoSuite s ? (long)s : (object?)null)) > 0);

        public IReadOnlyList<StoredKeyEstablishment> GetKeyEstablishments() =>
            Read(c => Query(c, null, r => new StoredKeyEstablishment(Ieee(r, 0), (CryptoSuite)r.GetInt64(1), Time(r, 2)),
                "SELECT ieee, suite, established_at FROM cbke_established_keys ORDER BY ieee"));

        /// <summary>
        /// Records a successful key establishment in one transaction: the partner's certificate, the new Trust Center
        /// link key in trust_center_devices (the install code stays), and the device in cbke_established_keys. A device
        /// with no Trust Center row (admitted with the default link key) gets one, marked Joined.
        /// </summary>
        public void CompleteKeyEstablishment(Eui64 ieee, ImplicitCertificate partnerCertificate, ZigbeeKey linkKey, DateTimeOffset at)
        {
            if (partnerCertificate is null || linkKey is null)
            {
                throw new ArgumentNullException(partnerCertificate is null ? nameof(partnerCertificate) : nameof(linkKey));
            }

            Write((c, tx) =>
            {
                NonQuery(c, tx, "INSERT OR REPLACE INTO cbke_device_certificates (ieee, suite, certificate, learned_at) VALUES ($i, $s, $c, $t)",
                    ("$i", Db(ieee)), ("$s", (long)partnerCertificate.Suite), ("$c", partnerCertificate.ToArray()), ("$t", Db(at)));
                TrustCenterDevice? device = SelectDevice(c, tx, ieee);
                InsertOrReplaceDevice(c, tx, device is null
                    ? new TrustCenterDevice { Ieee = ieee, LinkKey = linkKey, Status = TrustCenterDeviceStatus.Joined, AddedAt = at, JoinedAt = at }
                    : device with { LinkKey = linkKey });
                NonQuery(c, tx, "INSERT OR REPLACE INTO cbke_established_keys (ieee, suite, established_at) VALUES ($i, $s, $t)",
                    ("$i", Db(ieee)), ("$s", (long)partnerCertificate.Suite), ("$t", Db(at)));
                return 0;
            });
        }

        /// <summary>
        /// Undoes <see cref="CompleteKeyEstablishment"/> for a device: its link key becomes the one derived from its install
        /// code again (for a re-join after a factory reset). Returns that key, or null when the device has no install code.
        /// </summary>
        public ZigbeeKey? RevertKeyEstablishment(Eui64 ieee) =>
            Write((c, tx) =>
            {
                NonQuery(c, tx, "DELETE FROM cbke_established_keys WHERE ieee = $i", ("$i", Db(ieee)));
                TrustCenterDevice? device = SelectDevice(c, tx, ieee);
                if (device?.InstallCode is null)
                {
                    return (ZigbeeKey?)null;
                }

                ZigbeeKey key = device.InstallCode.DeriveLinkKey();
                InsertOrReplaceDevice(c, tx, device with { LinkKey = key });
                return key;
            });

        private static string Purpose(CryptoSuite suite) => "private-key/suite-" + (int)suite;
    }
}
