using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace Zsep.Stack.State
{
    /// <summary>Network keys and the Trust Center table (Zigbee PRO 4.7 "Trust Center"; BDB 10.1 install codes).</summary>
    public sealed partial class NetworkStore
    {
        private const string DeviceColumns = "ieee, install_code, link_key, status, added_at, joined_at";

        /// <summary>Stores (or replaces) the network key with sequence number <paramref name="sequence"/>.</summary>
        public void SaveNetworkKey(byte sequence, ZigbeeKey key, DateTimeOffset createdAt)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            Write((c, tx) => NonQuery(c, tx,
                "INSERT INTO network_keys (sequence, key, created_at) VALUES ($s, $k, $t) " +
                "ON CONFLICT (sequence) DO UPDATE SET key = excluded.key, created_at = excluded.created_at",
                ("$s", (long)sequence), ("$k", key.Span.ToArray()), ("$t", Db(createdAt))));
        }

        /// <summary>The network key with sequence number <paramref name="sequence"/>, or null.</summary>
        public NetworkKeyRecord? GetNetworkKey(byte sequence) =>
            Read(c => Query(c, null, MapKey, "SELECT sequence, key, created_at FROM network_keys WHERE sequence = $s", ("$s", (long)sequence)).FirstOrDefault());

        /// <summary>Every stored network key, by sequence number.</summary>
        public IReadOnlyList<NetworkKeyRecord> GetNetworkKeys() =>
            Read(c => Query(c, null, MapKey, "SELECT sequence, key, created_at FROM network_keys ORDER BY sequence"));

        private static NetworkKeyRecord MapKey(SqliteDataReader r) =>
            new NetworkKeyRecord((byte)r.GetInt64(0), new ZigbeeKey(Blob(r, 1)), Time(r, 2));

        /// <summary>
        /// Registers <paramref name="code"/> for <paramref name="ieee"/> and stores the derived link key (BDB 10.1.1),
        /// idempotently (issue 3 §3): the same code again changes nothing; a different code for a known device is a
        /// <see cref="InstallCodeOutcome.Conflict"/> unless <paramref name="force"/>, which replaces it and resets the
        /// status to Pending. A Removed device registered again with its code becomes Pending.
        /// </summary>
        public InstallCodeResult AddOrUpdateInstallCode(Eui64 ieee, InstallCode code, DateTimeOffset at, bool force = false)
        {
            if (code is null)
            {
                throw new ArgumentNullException(nameof(code));
            }

            return Write((c, tx) =>
            {
                TrustCenterDevice? existing = SelectDevice(c, tx, ieee);
                if (existing is null)
                {
                    var added = new TrustCenterDevice
                    {
                        Ieee = ieee, InstallCode = code, LinkKey = code.DeriveLinkKey(), Status = TrustCenterDeviceStatus.Pending, AddedAt = at,
                    };
                    InsertOrReplaceDevice(c, tx, added);
                    return new InstallCodeResult(InstallCodeOutcome.Added, added);
                }

                bool same = existing.InstallCode is not null && existing.InstallCode.Equals(code);
                if (same && existing.Status != TrustCenterDeviceStatus.Removed)
                {
                    return new InstallCodeResult(InstallCodeOutcome.Unchanged, existing);
                }

                if (!same && !force)
                {
                    return new InstallCodeResult(InstallCodeOutcome.Conflict, existing);
                }

                var updated = existing with
                {
                    InstallCode = code, LinkKey = code.DeriveLinkKey(), Status = TrustCenterDeviceStatus.Pending, JoinedAt = null,
                };
                InsertOrReplaceDevice(c, tx, updated);
                return new InstallCodeResult(InstallCodeOutcome.Updated, updated);
            });
        }

        /// <summary>Adds or replaces a Trust Center row as given (e.g. a device with a preconfigured link key and no code).</summary>
        public void PutTrustCenterDevice(TrustCenterDevice device)
        {
            if (device is null || device.LinkKey is null)
            {
                throw new ArgumentNullException(nameof(device), "A Trust Center device needs its link key.");
            }

            Write((c, tx) =>
            {
                InsertOrReplaceDevice(c, tx, device);
                return 0;
            });
        }

        public TrustCenterDevice? GetTrustCenterDevice(Eui64 ieee) => Read(c => SelectDevice(c, null, ieee));

        /// <summary>Every device of the Trust Center table, by IEEE address.</summary>
        public IReadOnlyList<TrustCenterDevice> GetTrustCenterDevices() =>
            Read(c => Query(c, null, MapDevice, $"SELECT {DeviceColumns} FROM trust_center_devices ORDER BY ieee"));

        /// <summary>
        /// Sets a device's status; Joined also records <paramref name="at"/> as its join time. Returns false when the
        /// device is unknown.
        /// </summary>
        public bool SetDeviceStatus(Eui64 ieee, TrustCenterDeviceStatus status, DateTimeOffset at) =>
            Write((c, tx) => NonQuery(c, tx,
                "UPDATE trust_center_devices SET status = $st, joined_at = CASE WHEN $st = $joined THEN $t ELSE joined_at END WHERE ieee = $i",
                ("$st", (long)status), ("$joined", (long)TrustCenterDeviceStatus.Joined), ("$t", Db(at)), ("$i", Db(ieee))) > 0);

        /// <summary>Deletes a device's registration (Remove-ZsepInstallCode). Returns false when it was unknown.</summary>
        public bool RemoveTrustCenterDevice(Eui64 ieee) =>
            Write((c, tx) => NonQuery(c, tx, "DELETE FROM trust_center_devices WHERE ieee = $i", ("$i", Db(ieee))) > 0);

        private static TrustCenterDevice? SelectDevice(SqliteConnection c, SqliteTransaction? tx, Eui64 ieee) =>
            Query(c, tx, MapDevice, $"SELECT {DeviceColumns} FROM trust_center_devices WHERE ieee = $i", ("$i", Db(ieee))).FirstOrDefault();

        private static void InsertOrReplaceDevice(SqliteConnection c, SqliteTransaction tx, TrustCenterDevice d) =>
            NonQuery(c, tx,
                $"INSERT OR REPLACE INTO trust_center_devices ({DeviceColumns}) VALUES ($i, $c, $k, $s, $a, $j)",
                ("$i", Db(d.Ieee)), ("$c", d.InstallCode?.ToArrayWithCrc()), ("$k", d.LinkKey.Span.ToArray()),
                ("$s", (long)d.Status), ("$a", Db(d.AddedAt)), ("$j", Db(d.JoinedAt)));

        private static TrustCenterDevice MapDevice(SqliteDataReader r)
        {
            byte[]? code = Blob(r, 1);
            return new TrustCenterDevice
            {
                Ieee = Ieee(r, 0),
                InstallCode = code is null ? null : InstallCode.FromBytes(code),
                LinkKey = new ZigbeeKey(Blob(r, 2)),
                Status = (TrustCenterDeviceStatus)r.GetInt64(3),
                AddedAt = Time(r, 4),
                JoinedAt = NullableTime(r, 5),
            };
        }
    }
}
