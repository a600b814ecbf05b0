using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Data.Sqlite;

namespace Zsep.Stack.State
{
    /// <summary>One step of the schema: the SQL that brings the store from version <see cref="ToVersion"/> - 1 to <see cref="ToVersion"/>.</summary>
    internal sealed record StoreMigration(int ToVersion, string Sql);

    /// <summary>
    /// The schema of zsep.db. Its version is PRAGMA user_version; PRAGMA application_id marks the file as a
    /// ZsepAdmin store so that a foreign SQLite file is never written to. Each migration runs in its own transaction
    /// together with the new user_version, so a crash leaves the store at one version or the next. A later
    /// version appends a step (e.g. a certificates table for CBKE, SE 07-5356 C.4) and never edits an old one.
    /// IEEE addresses are stored as the signed 64-bit image of the EUI-64; times as ISO-8601 UTC text.
    /// </summary>
    internal static class StoreSchema
    {
        /// <summary>"ZSEP" in ASCII.</summary>
        public const int ApplicationId = 0x5A534550;

        private const string V1 = @"
CREATE TABLE network_keys (
    sequence    INTEGER PRIMARY KEY CHECK (sequence BETWEEN 0 AND 255),
    key         BLOB    NOT NULL CHECK (length(key) = 16),
    created_at  TEXT    NOT NULL
);
CREATE TABLE trust_center_devices (
    ieee          INTEGER PRIMARY KEY,
    install_code  BLOB    NULL,
    link_key      BLOB    NOT NULL CHECK (length(link_key) = 16),
    status        INTEGER NOT NULL,
    added_at      TEXT    NOT NULL,
    joined_at     TEXT    NULL
);
CREATE TABLE nodes (
    ieee         INTEGER PRIMARY KEY,
    nwk_address  INTEGER NOT NULL,
    device_type  INTEGER NOT NULL,
    parent_ieee  INTEGER NULL,
    joined_at    TEXT    NULL,
    last_seen    TEXT    NULL,
    lqi          INTEGER NULL,
    rssi         INTEGER NULL,
    hop_count    INTEGER NULL,
    status       INTEGER NOT NULL
);
CREATE INDEX nodes_by_nwk ON nodes (nwk_address);
CREATE TABLE bindings (
    src_ieee      INTEGER NOT NULL,
    src_endpoint  INTEGER NOT NULL,
    cluster       INTEGER NOT NULL,
    dst_mode      INTEGER NOT NULL,
    dst_address   INTEGER NOT NULL,
    dst_endpoint  INTEGER NOT NULL,
    PRIMARY KEY (src_ieee, src_endpoint, cluster, dst_mode, dst_address, dst_endpoint)
);
CREATE TABLE incoming_frame_counters (
    ieee          INTEGER NOT NULL,
    key_kind      INTEGER NOT NULL,
    key_sequence  INTEGER NOT NULL,
    counter       INTEGER NOT NULL,
    PRIMARY KEY (ieee, key_kind, key_sequence)
);
CREATE TABLE outgoing_frame_counters (
    key_name        TEXT    PRIMARY KEY,
    reserved_limit  INTEGER NOT NULL
);
CREATE TABLE simulated_devices (
    ieee          INTEGER PRIMARY KEY,
    kind          INTEGER NOT NULL,
    install_code  BLOB    NULL,
    x             REAL    NOT NULL,
    y             REAL    NOT NULL,
    z             REAL    NOT NULL,
    offline       INTEGER NOT NULL
);
PRAGMA application_id = 1515406672; -- 0x5A534550, ZSEP in ASCII
";

        /// <summary>
        /// Smart Energy commands the ESI published (Price, Tier Labels, Block Period, Load Control Event, Display
        /// Message: the encoded SE 1.4 Annex D payload, keyed by kind and issuer event / tariff / message id) and each
        /// device's answer to them (delivery, Report Event Status, Message Confirmation).
        /// </summary>
        private const string V2SmartEnergy = @"
CREATE TABLE se_published_commands (
    kind          TEXT    NOT NULL,
    id            INTEGER NOT NULL,
    command       BLOB    NOT NULL,
    start_time    TEXT    NULL,
    published_at  TEXT    NOT NULL,
    cancelled_at  TEXT    NULL,
    PRIMARY KEY (kind, id)
);
CREATE TABLE se_device_responses (
    kind         TEXT    NOT NULL,
    id           INTEGER NOT NULL,
    ieee         INTEGER NOT NULL,
    delivery     TEXT    NULL,
    status       INTEGER NULL,
    status_time  TEXT    NULL,
    history      TEXT    NOT NULL DEFAULT '',
    detail       BLOB    NULL,
    PRIMARY KEY (kind, id, ieee)
);
";

        /// <summary>
        /// CBKE (SE 1.4 07-5356-21 C.4): trusted CA roots per suite; the gateway's own certificate per suite with its
        /// private key sealed (AES-256-GCM under the key in cbke-keystore.key, <see cref="CbkeKeyProtector"/>); device
        /// certificates learned during key establishment; which devices' TC link keys came from key establishment.
        /// </summary>
        private const string V3Cbke = @"
CREATE TABLE cbke_authorities (
    suite        INTEGER NOT NULL,
    public_key   BLOB    NOT NULL,
    issuer       INTEGER NULL,
    added_at     TEXT    NOT NULL,
    PRIMARY KEY (suite, public_key)
);
CREATE TABLE cbke_local_credentials (
    suite               INTEGER PRIMARY KEY,
    certificate         BLOB    NOT NULL,
    sealed_private_key  BLOB    NOT NULL,
    added_at            TEXT    NOT NULL
);
CREATE TABLE cbke_device_certificates (
    ieee         INTEGER NOT NULL,
    suite        INTEGER NOT NULL,
    certificate  BLOB    NOT NULL,
    learned_at   TEXT    NOT NULL,
    PRIMARY KEY (ieee, suite)
);
CREATE TABLE cbke_established_keys (
    ieee            INTEGER PRIMARY KEY,
    suite           INTEGER NOT NULL,
    established_at  TEXT    NOT NULL
);
";

        /// <summary>Version 4 (issue 4): what the interview of each node found, and the gateway's persisted settings (stack options).</summary>
        private const string V4InterviewsAndSettings = @"
CREATE TABLE node_interviews (
    ieee          INTEGER PRIMARY KEY,
    status        INTEGER NOT NULL,
    manufacturer  TEXT    NULL,
    model         TEXT    NULL,
    completed_at  TEXT    NULL,
    attempts      INTEGER NOT NULL
);
CREATE TABLE node_endpoints (
    ieee          INTEGER NOT NULL,
    endpoint      INTEGER NOT NULL CHECK (endpoint BETWEEN 1 AND 240),
    profile_id    INTEGER NOT NULL,
    device_id     INTEGER NOT NULL,
    in_clusters   TEXT    NOT NULL,
    out_clusters  TEXT    NOT NULL,
    PRIMARY KEY (ieee, endpoint)
);
CREATE TABLE gateway_settings (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
";

        /// <summary>
        /// Version 5: the joined state of each simulated device's stack (05-3474 3.5.2, what a device keeps in
        /// non-volatile memory), so that a simulated network survives a restart without re-joining.
        /// </summary>
        private const string V5SimulatedStacks = @"
CREATE TABLE simulated_device_stacks (
    ieee              INTEGER PRIMARY KEY,
    role              INTEGER NOT NULL,
    nwk_address       INTEGER NOT NULL,
    parent_address    INTEGER NOT NULL,
    parent_ieee       INTEGER NULL,
    pan_id            INTEGER NOT NULL,
    channel           INTEGER NOT NULL,
    extended_pan_id   INTEGER NOT NULL,
    depth             INTEGER NOT NULL,
    network_key       BLOB    NOT NULL CHECK (length(network_key) = 16),
    key_sequence      INTEGER NOT NULL,
    trust_center      INTEGER NOT NULL,
    nwk_update_id     INTEGER NOT NULL,
    updated_at        TEXT    NOT NULL
);
CREATE TABLE network_parameters (
    name   TEXT    PRIMARY KEY,
    value  INTEGER NOT NULL
);
";

        /// <summary>
        /// Version 6 (issue 4): each meter's Metering formatting attributes as the interview read them (SE 1.4 07-5356-21
        /// D.3.2.2.4: UnitOfMeasure 0x0300, Multiplier 0x0301, Divisor 0x0302, SummationFormatting 0x0303,
        /// DemandFormatting 0x0304, MeteringDeviceType 0x0306), so a reading's display value needs no extra request.
        /// A column is null when the meter did not give that attribute.
        /// </summary>
        private const string V6MeteringFormats = @"
CREATE TABLE node_metering_formats (
    ieee                  INTEGER PRIMARY KEY,
    endpoint              INTEGER NOT NULL CHECK (endpoint BETWEEN 1 AND 240),
    unit_of_measure       INTEGER NOT NULL,
    multiplier            INTEGER NULL,
    divisor               INTEGER NULL,
    summation_formatting  INTEGER NULL,
    demand_formatting     INTEGER NULL,
    metering_device_type  INTEGER NULL,
    read_at               TEXT    NOT NULL
);
";

        /// <summary>The steps of this build, in order.</summary>
        public static IReadOnlyList<StoreMigration> Migrations { get; } = new[] { new StoreMigration(1, V1), new StoreMigration(2, V2SmartEnergy), new StoreMigration(3, V3Cbke), new StoreMigration(4, V4InterviewsAndSettings), new StoreMigration(5, V5SimulatedStacks), new StoreMigration(6, V6MeteringFormats) };

        /// <summary>The version this build writes.</summary>
        public static int LatestVersion => Migrations[Migrations.Count - 1].ToVersion;

        private static readonly byte[] Magic = System.Text.Encoding.ASCII.GetBytes("SQLite format 3\0");

        /// <summary>
        /// Checks the 100-byte SQLite header (sqlite.org/fileformat.html 1.3) without SQLite: the magic string, a
        /// power-of-two page size, and a file at least as long as the page count the header claims (when that count
        /// is valid), which catches a truncated file. Returns null when good, else the reason.
        /// </summary>
        public static string? CheckHeader(string path)
        {
            var header = new byte[100];
            long length;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                length = stream.Length;
                int read = 0;
                while (read < header.Length)
                {
                    int n = stream.Read(header, read, header.Length - read);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }

                if (read < header.Length)
                {
                    return length == 0 ? "the file is empty" : $"the file is {length} bytes, shorter than an SQLite header";
                }
            }

            for (int i = 0; i < Magic.Length; i++)
            {
                if (header[i] != Magic[i])
                {
                    return "the file is not an SQLite database";
                }
            }

            int pageSize = (header[16] << 8) | header[17];
            if (pageSize == 1)
            {
                pageSize = 65536;
            }

            if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0)
            {
                return $"the header's page size {pageSize} is invalid";
            }

            uint changeCounter = BigEndian(header, 24);
            uint pageCount = BigEndian(header, 28);
            uint validFor = BigEndian(header, 92);
            if (pageCount != 0 && changeCounter == validFor && length < (long)pageCount * pageSize)
            {
                return $"the file is truncated: {length} bytes where the header counts {pageCount} pages of {pageSize}";
            }

            if (length % pageSize != 0)
            {
                return $"the file is truncated: {length} bytes is not a whole number of {pageSize}-byte pages";
            }

            return null;
        }

        private static uint BigEndian(byte[] b, int offset) =>
            ((uint)b[offset] << 24) | ((uint)b[offset + 1] << 16) | ((uint)b[offset + 2] << 8) | b[offset + 3];

        /// <summary>What a store reports about itself before anything is written.</summary>
        public readonly struct Probe
        {
            public Probe(string integrity, long applicationId, long userVersion, long tableCount)
            {
                Integrity = integrity;
                ApplicationId = applicationId;
                UserVersion = userVersion;
                TableCount = tableCount;
            }

            public string Integrity { get; }

            public long ApplicationId { get; }

            public long UserVersion { get; }

            public long TableCount { get; }
        }

        /// <summary>Reads the integrity, identity and version of a store through <paramref name="connection"/>; writes nothing.</summary>
        public static Probe Inspect(SqliteConnection connection)
        {
            string integrity = Scalar(connection, "PRAGMA quick_check(1)")?.ToString() ?? "no answer";
            long appId = Convert.ToInt64(Scalar(connection, "PRAGMA application_id") ?? 0L);
            long version = Convert.ToInt64(Scalar(connection, "PRAGMA user_version") ?? 0L);
            long tables = Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM sqlite_master") ?? 0L);
            return new Probe(integrity, appId, version, tables);
        }

        /// <summary>Runs the steps above the store's version, each in a transaction with its user_version.</summary>
        public static void Migrate(SqliteConnection connection, long fromVersion, IReadOnlyList<StoreMigration> migrations)
        {
            foreach (StoreMigration step in migrations)
            {
                if (step.ToVersion <= fromVersion)
                {
                    continue;
                }

                using SqliteTransaction tx = connection.BeginTransaction();
                using (SqliteCommand command = connection.CreateCommand())
                {
                    command.Transaction = tx;
                    command.CommandText = step.Sql + $"\nPRAGMA user_version = {step.ToVersion};";
                    command.ExecuteNonQuery();
                }

                tx.Commit();
            }
        }

        public static object? Scalar(SqliteConnection connection, string sql)
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteScalar();
        }
    }
}
