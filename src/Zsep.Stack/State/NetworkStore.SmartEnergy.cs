using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using Zsep.Stack.Types;

namespace Zsep.Stack.State
{
    /// <summary>
    /// A Smart Energy command the ESI published, as stored: its kind ("Price", "TierLabels", "BlockPeriod",
    /// "LoadControlEvent", "Message"), its id (issuer event id, issuer tariff id or message id), the encoded payload
    /// (SE 1.4 07-5356-19 Annex D), the resolved start time, and when it was published and cancelled.
    /// </summary>
    public sealed record SeCommandRow(string Kind, uint Id, byte[] Command, DateTimeOffset? StartTime, DateTimeOffset PublishedAt, DateTimeOffset? CancelledAt);

    /// <summary>
    /// One device's answer to a published command: how delivery went, the last status it reported (Report Event
    /// Status, Message Confirmation, Price Acknowledgement), every status it reported in order, and a detail payload.
    /// </summary>
    public sealed record SeDeviceResponseRow(string Kind, uint Id, Eui64 Ieee, string? Delivery, byte? Status, DateTimeOffset? StatusTime,
        IReadOnlyList<byte> History, byte[]? Detail);

    /// <summary>The Smart Energy state that survives a restart: published commands and the devices' answers.</summary>
    public sealed partial class NetworkStore
    {
        /// <summary>
        /// Stores a published command. With <paramref name="replace"/> false an existing (kind, id) is kept and false is
        /// returned (an issuer event id names one event, SE 1.4 D.2.2.3.1.1.1); with true it is replaced.
        /// </summary>
        public bool SaveSeCommand(SeCommandRow row, bool replace)
        {
            if (row is null)
            {
                throw new ArgumentNullException(nameof(row));
            }

            return Write((c, tx) => NonQuery(c, tx,
                (replace ? "INSERT OR REPLACE" : "INSERT OR IGNORE") +
                " INTO se_published_commands (kind, id, command, start_time, published_at, cancelled_at) VALUES ($k, $i, $c, $s, $p, $x)",
                ("$k", row.Kind), ("$i", (long)row.Id), ("$c", row.Command), ("$s", Db(row.StartTime)), ("$p", Db(row.PublishedAt)), ("$x", Db(row.CancelledAt))) > 0);
        }

        /// <summary>The stored commands of one kind, by start time then id.</summary>
        public IReadOnlyList<SeCommandRow> GetSeCommands(string kind) =>
            Read(c => Query(c, null, MapCommand,
                "SELECT kind, id, command, start_time, published_at, cancelled_at FROM se_published_commands WHERE kind = $k ORDER BY start_time, id",
                ("$k", kind)));

        public SeCommandRow? GetSeCommand(string kind, uint id) =>
            Read(c => Query(c, null, MapCommand,
                "SELECT kind, id, command, start_time, published_at, cancelled_at FROM se_published_commands WHERE kind = $k AND id = $i",
                ("$k", kind), ("$i", (long)id)).FirstOrDefault());

        /// <summary>The highest id stored for a kind, or null.</summary>
        public uint? GetMaxSeCommandId(string kind) =>
            Read(c => Command(c, null, "SELECT max(id) FROM se_published_commands WHERE kind = $k", ("$k", kind)).ExecuteScalarAndDispose() is long v ? (uint?)v : null);

        /// <summary>Marks a command cancelled (first cancellation time kept); false when there is no such command.</summary>
        public bool CancelSeCommand(string kind, uint id, DateTimeOffset at) =>
            Write((c, tx) => NonQuery(c, tx, "UPDATE se_published_commands SET cancelled_at = coalesce(cancelled_at, $x) WHERE kind = $k AND id = $i",
                ("$k", kind), ("$i", (long)id), ("$x", Db(at))) > 0);

        /// <summary>Records how delivery of a command to a device went (creating the device's row when new).</summary>
        public void SetSeDelivery(string kind, uint id, Eui64 ieee, string delivery) =>
            Write((c, tx) => NonQuery(c, tx,
                "INSERT INTO se_device_responses (kind, id, ieee, delivery) VALUES ($k, $i, $e, $d) " +
                "ON CONFLICT (kind, id, ieee) DO UPDATE SET delivery = excluded.delivery",
                ("$k", kind), ("$i", (long)id), ("$e", Db(ieee)), ("$d", delivery)));

        /// <summary>
        /// Records a status a device reported: it becomes the latest, and is appended to the history unless it repeats
        /// the latest (a retried report counts once).
        /// </summary>
        public void AddSeDeviceStatus(string kind, uint id, Eui64 ieee, byte status, DateTimeOffset time, byte[]? detail = null) =>
            Write((c, tx) =>
            {
                List<(byte? Status, string History)> existing = Query(c, tx, r => (r.IsDBNull(0) ? (byte?)null : (byte)r.GetInt64(0), r.GetString(1)),
                    "SELECT status, history FROM se_device_responses WHERE kind = $k AND id = $i AND ieee = $e", ("$k", kind), ("$i", (long)id), ("$e", Db(ieee)));
                string history = existing.Count == 0 ? string.Empty : existing[0].History;
                if (existing.Count == 0 || existing[0].Status != status)
                {
                    history = history.Length == 0 ? status.ToString("X2") : history + "," + status.ToString("X2");
                }

                return NonQuery(c, tx,
                    "INSERT INTO se_device_responses (kind, id, ieee, status, status_time, history, detail) VALUES ($k, $i, $e, $s, $t, $h, $d) " +
                    "ON CONFLICT (kind, id, ieee) DO UPDATE SET status = excluded.status, status_time = excluded.status_time, history = excluded.history, " +
                    "detail = coalesce(excluded.detail, se_device_responses.detail)",
                    ("$k", kind), ("$i", (long)id), ("$e", Db(ieee)), ("$s", (long)status), ("$t", Db(time)), ("$h", history), ("$d", detail));
            });

        /// <summary>Every device's row for a command (or for every command of the kind when <paramref name="id"/> is null), by device.</summary>
        public IReadOnlyList<SeDeviceResponseRow> GetSeDeviceResponses(string kind, uint? id = null) =>
            Read(c => Query(c, null, MapResponse,
                "SELECT kind, id, ieee, delivery, status, status_time, history, detail FROM se_device_responses WHERE kind = $k AND ($i IS NULL OR id = $i) ORDER BY id, ieee",
                ("$k", kind), ("$i", id is uint v ? (long)v : null)));

        private static SeCommandRow MapCommand(SqliteDataReader r) =>
            new SeCommandRow(r.GetString(0), (uint)r.GetInt64(1), (byte[])r.GetValue(2), NullableTime(r, 3), Time(r, 4), NullableTime(r, 5));

        private static SeDeviceResponseRow MapResponse(SqliteDataReader r)
        {
            string history = r.GetString(6);
            IReadOnlyList<byte> steps = history.Length == 0
                ? Array.Empty<byte>()
                : history.Split(',').Select(h => Convert.ToByte(h, 16)).ToArray();
            return new SeDeviceResponseRow(r.GetString(0), (uint)r.GetInt64(1), Ieee(r, 2), r.IsDBNull(3) ? null : r.GetString(3),
                r.IsDBNull(4) ? null : (byte)r.GetInt64(4), NullableTime(r, 5), steps, Blob(r, 7));
        }
    }
}
