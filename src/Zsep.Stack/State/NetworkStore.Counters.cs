using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace Zsep.Stack.State
{
    /// <summary>Frame counters (Zigbee PRO 4.3.1 / 4.4.1 replay protection) and the simulated devices.</summary>
    public sealed partial class NetworkStore
    {
        /// <summary>The highest counter accepted from <paramref name="ieee"/> under a key, or null if none was recorded.</summary>
        public uint? GetIncomingFrameCounter(Eui64 ieee, FrameCounterKeyKind kind, byte keySequence) =>
            Read(c =>
            {
                object? value = Command(c, null, "SELECT counter FROM incoming_frame_counters WHERE ieee = $i AND key_kind = $k AND key_sequence = $s",
                    ("$i", Db(ieee)), ("$k", (long)kind), ("$s", (long)keySequence)).ExecuteScalarAndDispose();
                return value is long v ? (uint?)v : null;
            });

        /// <summary>Records the highest counter accepted from a device under a key.</summary>
        public void SetIncomingFrameCounter(Eui64 ieee, FrameCounterKeyKind kind, byte keySequence, uint counter) =>
            SetIncomingFrameCounters(new[] { new IncomingFrameCounter(ieee, kind, keySequence, counter) });

        /// <summary>Records several incoming counters in one transaction (the stack flushes them in batches).</summary>
        public void SetIncomingFrameCounters(IEnumerable<IncomingFrameCounter> counters)
        {
            IncomingFrameCounter[] list = (counters ?? throw new ArgumentNullException(nameof(counters))).ToArray();
            Write((c, tx) =>
            {
                using SqliteCommand command = Command(c, tx,
                    "INSERT INTO incoming_frame_counters (ieee, key_kind, key_sequence, counter) VALUES ($i, $k, $s, $n) " +
                    "ON CONFLICT (ieee, key_kind, key_sequence) DO UPDATE SET counter = excluded.counter",
                    ("$i", null), ("$k", null), ("$s", null), ("$n", null));
                foreach (IncomingFrameCounter f in list)
                {
                    Set(command, "$i", Db(f.Ieee));
                    Set(command, "$k", (long)f.KeyKind);
                    Set(command, "$s", (long)f.KeySequence);
                    Set(command, "$n", (long)f.Counter);
                    command.ExecuteNonQuery();
                }

                return 0;
            });
        }

        /// <summary>Every incoming counter of one device (for a key switch or a removal).</summary>
        public IReadOnlyList<IncomingFrameCounter> GetIncomingFrameCounters(Eui64 ieee) =>
            Read(c => Query(c, null,
                r => new IncomingFrameCounter(Ieee(r, 0), (FrameCounterKeyKind)r.GetInt64(1), (byte)r.GetInt64(2), (uint)r.GetInt64(3)),
                "SELECT ieee, key_kind, key_sequence, counter FROM incoming_frame_counters WHERE ieee = $i ORDER BY key_kind, key_sequence",
                ("$i", Db(ieee))));

        /// <summary>Forgets a device's incoming counters (it left, or re-joins with a fresh key).</summary>
        public int RemoveIncomingFrameCounters(Eui64 ieee) =>
            Write((c, tx) => NonQuery(c, tx, "DELETE FROM incoming_frame_counters WHERE ieee = $i", ("$i", Db(ieee))));

        /// <summary>
        /// The reserved limit of an outgoing counter: every counter below it may have been used, none at or above it
        /// has. Null when the key has never reserved. See <see cref="FrameCounterReservation"/>.
        /// </summary>
        public long? GetOutgoingFrameCounterLimit(string keyName) =>
            Read(c => Command(c, null, "SELECT reserved_limit FROM outgoing_frame_counters WHERE key_name = $n", ("$n", CheckName(keyName)))
                .ExecuteScalarAndDispose() is long v ? v : (long?)null);

        /// <summary>
        /// Raises the reserved limit of <paramref name="keyName"/> to <paramref name="limit"/> (never lowers it) and
        /// returns the stored limit. Committed with synchronous=FULL: when this returns, the limit is on the disk, so
        /// not even a power cut can let a counter below it be handed out twice.
        /// </summary>
        public long ReserveOutgoingFrameCounters(string keyName, long limit)
        {
            CheckName(keyName);
            if (limit < 0 || limit > uint.MaxValue + 1L)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), "A frame counter limit is 0 to 2^32.");
            }

            lock (_gate)
            {
                SqliteConnection connection = _connection ?? throw new ObjectDisposedException(nameof(NetworkStore));
                try
                {
                    Execute(connection, "PRAGMA synchronous = FULL");
                    try
                    {
                        return Write((c, tx) =>
                        {
                            NonQuery(c, tx,
                                "INSERT INTO outgoing_frame_counters (key_name, reserved_limit) VALUES ($n, $l) " +
                                "ON CONFLICT (key_name) DO UPDATE SET reserved_limit = max(reserved_limit, excluded.reserved_limit)",
                                ("$n", keyName), ("$l", limit));
                            return (long)Command(c, tx, "SELECT reserved_limit FROM outgoing_frame_counters WHERE key_name = $n", ("$n", keyName)).ExecuteScalarAndDispose()!;
                        });
                    }
                    finally
                    {
                        Execute(connection, "PRAGMA synchronous = NORMAL");
                    }
                }
                catch (SqliteException ex)
                {
                    throw Translate(ex, Path, "cannot be written");
                }
            }
        }

        private static string CheckName(string keyName) =>
            string.IsNullOrEmpty(keyName) ? throw new ArgumentException("A frame counter key name is required.", nameof(keyName)) : keyName;

        // ---- simulated devices ----

        private const string SimColumns = "ieee, kind, install_code, x, y, z, offline";

        /// <summary>Adds or replaces a simulated device (Add-/Set-ZsepSimulatedDevice).</summary>
        public void UpsertSimulatedDevice(SimulatedDeviceRecord device)
        {
            if (device is null)
            {
                throw new ArgumentNullException(nameof(device));
            }

            Write((c, tx) => NonQuery(c, tx,
                $"INSERT OR REPLACE INTO simulated_devices ({SimColumns}) VALUES ($i, $k, $c, $x, $y, $z, $o)",
                ("$i", Db(device.Ieee)), ("$k", (long)device.Kind), ("$c", device.InstallCode?.ToArrayWithCrc()),
                ("$x", device.X), ("$y", device.Y), ("$z", device.Z), ("$o", device.Offline ? 1L : 0L)));
        }

        public SimulatedDeviceRecord? GetSimulatedDevice(Eui64 ieee) =>
            Read(c => Query(c, null, MapSimulated, $"SELECT {SimColumns} FROM simulated_devices WHERE ieee = $i", ("$i", Db(ieee))).FirstOrDefault());

        /// <summary>Every simulated device, by IEEE address.</summary>
        public IReadOnlyList<SimulatedDeviceRecord> GetSimulatedDevices() =>
            Read(c => Query(c, null, MapSimulated, $"SELECT {SimColumns} FROM simulated_devices ORDER BY ieee"));

        /// <summary>Deletes a simulated device. Returns false when it was unknown.</summary>
        public bool RemoveSimulatedDevice(Eui64 ieee) =>
            Write((c, tx) =>
            {
                NonQuery(c, tx, "DELETE FROM simulated_device_stacks WHERE ieee = $i", ("$i", Db(ieee)));
                return NonQuery(c, tx, "DELETE FROM simulated_devices WHERE ieee = $i", ("$i", Db(ieee))) > 0;
            });

        private static SimulatedDeviceRecord MapSimulated(SqliteDataReader r)
        {
            byte[]? code = Blob(r, 2);
            return new SimulatedDeviceRecord
            {
                Ieee = Ieee(r, 0),
                Kind = (SimulatedDeviceKind)r.GetInt64(1),
                InstallCode = code is null ? null : InstallCode.FromBytes(code),
                X = r.GetDouble(3),
                Y = r.GetDouble(4),
                Z = r.GetDouble(5),
                Offline = r.GetInt64(6) != 0,
            };
        }
    }

    internal static class SqliteCommandExtensions
    {
        public static object? ExecuteScalarAndDispose(this SqliteCommand command)
        {
            using (command)
            {
                return command.ExecuteScalar();
            }
        }
    }
}
