using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Microsoft.Data.Sqlite;
using Zsep.Stack.Types;

namespace Zsep.Stack.State
{
    /// <summary>
    /// zsep.db, the SQLite store of one network (shared/design.md "State on disk"): network keys, the Trust Center
    /// table, nodes, bindings, frame counters and simulated devices.
    /// <para>
    /// Durability: WAL journal with synchronous=NORMAL. A committed transaction is appended to the WAL before
    /// Commit returns, so it survives a kill of the process at any instant (the data is in the operating system's
    /// cache); a power cut may lose the last commits but never corrupts the file. The one value that must not go
    /// back even then, the outgoing frame counter reservation, is committed with synchronous=FULL (fsync of the
    /// WAL before Commit returns; see <see cref="ReserveOutgoingFrameCounters"/>). Every write method is one
    /// transaction.
    /// </para>
    /// <para>
    /// Ownership: the store holds the folder's <see cref="FolderLock"/> while open, so a second opener, in this
    /// process or another, fails with <see cref="NetworkStateError.Locked"/>. Methods may be called from any thread
    /// (a private lock serializes them); the stack calls them from its loop, cmdlets from the pipeline thread.
    /// </para>
    /// <para>
    /// Safety of an existing file: before anything is written it must pass a header check (magic, page size,
    /// length), SQLite's quick_check and the ZsepAdmin application id; otherwise Open fails with
    /// <see cref="NetworkStateError.CorruptStore"/> and the file is left as it was. No SqliteException leaves this
    /// class: failures become <see cref="NetworkStateException"/>.
    /// </para>
    /// </summary>
    public sealed partial class NetworkStore : IDisposable
    {
        /// <summary>The file name inside a network folder.</summary>
        public const string FileName = "zsep.db";

        private readonly object _gate = new object();
        private SqliteConnection? _connection;
        private FolderLock? _lock;

        private NetworkStore(string path, SqliteConnection connection, FolderLock folderLock, int version)
        {
            Path = path;
            _connection = connection;
            _lock = folderLock;
            SchemaVersion = version;
        }

        /// <summary>The database file.</summary>
        public string Path { get; }

        /// <summary>PRAGMA user_version after migration.</summary>
        public int SchemaVersion { get; }

        /// <summary>The schema version this build writes.</summary>
        public static int LatestSchemaVersion => StoreSchema.LatestVersion;

        /// <summary>
        /// Opens the store at <paramref name="path"/> (its folder is locked). With <paramref name="create"/> a missing
        /// file is made (0600 on Unix); without it a missing file is <see cref="NetworkStateError.NotFound"/>.
        /// </summary>
        public static NetworkStore Open(string path, bool create = false) => Open(path, create, StoreSchema.Migrations);

        /// <summary>The migration hook: opens with an explicit list of schema steps (tests add a later step).</summary>
        internal static NetworkStore Open(string path, bool create, IReadOnlyList<StoreMigration> migrations)
        {
            if (string.IsNullOrEmpty(path))
            {
                throw new ArgumentException("A store path is required.", nameof(path));
            }

            string full = System.IO.Path.GetFullPath(path);
            string folder = System.IO.Path.GetDirectoryName(full)!;
            FolderLock folderLock = FolderLock.Acquire(folder);
            SqliteConnection? connection = null;
            try
            {
                bool fresh = PrepareFile(full, create);
                if (!fresh)
                {
                    CheckReadOnly(full);
                }

                connection = Connect(full, SqliteOpenMode.ReadWrite);
                StoreSchema.Probe probe = StoreSchema.Inspect(connection);
                CheckProbe(full, probe, migrations);
                Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
                StoreSchema.Migrate(connection, probe.UserVersion, migrations);
                int version = migrations[migrations.Count - 1].ToVersion;
                return new NetworkStore(full, connection, folderLock, version);
            }
            catch (SqliteException ex)
            {
                connection?.Dispose();
                folderLock.Dispose();
                throw Translate(ex, full, "cannot be opened");
            }
            catch
            {
                connection?.Dispose();
                folderLock.Dispose();
                throw;
            }
        }

        /// <summary>Whether the file is new (created here, or a zero-length leftover of an interrupted create).</summary>
        private static bool PrepareFile(string full, bool create)
        {
            try
            {
                bool exists = File.Exists(full);
                if (!exists && !create)
                {
                    throw new NetworkStateException(NetworkStateError.NotFound, full, $"{full}: the network store does not exist.");
                }

                bool leftover = exists && create && new FileInfo(full).Length == 0 && !File.Exists(full + "-wal");
                if (!exists || leftover)
                {
                    using (new FileStream(full, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite))
                    {
                    }

                    // SQLite gives its -wal and -shm files the permissions of the database file.
                    UnixPermissions.TrySetOwnerOnly(full, isDirectory: false);
                    return true;
                }

                string? problem = StoreSchema.CheckHeader(full);
                if (problem is not null)
                {
                    throw Corrupt(full, problem);
                }

                return false;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new NetworkStateException(NetworkStateError.IoError, full, $"{full}: cannot be read: {ex.Message}", inner: ex);
            }
        }

        /// <summary>
        /// Integrity check through a read-only connection. SQLite cannot always read a WAL store read-only (a WAL
        /// left without its -shm needs a recovery that writes the -shm); such "cannot open read-only" answers are not
        /// corruption, and the same checks then run on the read-write connection before its first write.
        /// </summary>
        private static void CheckReadOnly(string full)
        {
            try
            {
                using SqliteConnection probeConnection = Connect(full, SqliteOpenMode.ReadOnly);
                StoreSchema.Probe probe = StoreSchema.Inspect(probeConnection);
                if (!string.Equals(probe.Integrity, "ok", StringComparison.OrdinalIgnoreCase))
                {
                    throw Corrupt(full, "SQLite's integrity check failed: " + probe.Integrity);
                }
            }
            catch (SqliteException ex) when (IsCorruption(ex))
            {
                throw Corrupt(full, $"SQLite reports: {ex.Message}", ex);
            }
            catch (SqliteException)
            {
                // Not corruption (e.g. SQLITE_READONLY_RECOVERY, SQLITE_CANTOPEN): checked again read-write.
            }
        }

        private static void CheckProbe(string full, StoreSchema.Probe probe, IReadOnlyList<StoreMigration> migrations)
        {
            if (!string.Equals(probe.Integrity, "ok", StringComparison.OrdinalIgnoreCase))
            {
                throw Corrupt(full, "SQLite's integrity check failed: " + probe.Integrity);
            }

            bool empty = probe.TableCount == 0 && probe.UserVersion == 0;
            if (!empty && probe.ApplicationId != StoreSchema.ApplicationId)
            {
                throw Corrupt(full, "it is an SQLite database, but not a ZsepAdmin network store");
            }

            int latest = migrations[migrations.Count - 1].ToVersion;
            if (probe.UserVersion > latest)
            {
                throw new NetworkStateException(NetworkStateError.SchemaTooNew, full,
                    $"{full}: the store has schema version {probe.UserVersion}, newer than the {latest} this version of ZsepAdmin knows; update ZsepAdmin.");
            }
        }

        private static SqliteConnection Connect(string full, SqliteOpenMode mode)
        {
            var builder = new SqliteConnectionStringBuilder
            {
                DataSource = full,
                Mode = mode,
                Cache = SqliteCacheMode.Private,
                Pooling = false,
            };
            var connection = new SqliteConnection(builder.ToString());
            try
            {
                connection.Open();
                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        private static void Execute(SqliteConnection connection, string sql)
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        /// <summary>Closes the database (a clean checkpoint) and releases the folder lock.</summary>
        public void Dispose()
        {
            lock (_gate)
            {
                _connection?.Dispose();
                _connection = null;
                _lock?.Dispose();
                _lock = null;
            }
        }

        // ---- plumbing shared by the partial files ----

        private T Read<T>(Func<SqliteConnection, T> body)
        {
            lock (_gate)
            {
                SqliteConnection connection = _connection ?? throw new ObjectDisposedException(nameof(NetworkStore));
                try
                {
                    return body(connection);
                }
                catch (SqliteException ex)
                {
                    throw Translate(ex, Path, "cannot be read");
                }
            }
        }

        private T Write<T>(Func<SqliteConnection, SqliteTransaction, T> body)
        {
            lock (_gate)
            {
                SqliteConnection connection = _connection ?? throw new ObjectDisposedException(nameof(NetworkStore));
                try
                {
                    using SqliteTransaction tx = connection.BeginTransaction();
                    T result = body(connection, tx);
                    tx.Commit();
                    return result;
                }
                catch (SqliteException ex)
                {
                    throw Translate(ex, Path, "cannot be written");
                }
            }
        }

        private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
        {
            SqliteCommand command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            return command;
        }

        private static int NonQuery(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
        {
            using SqliteCommand command = Command(connection, tx, sql, parameters);
            return command.ExecuteNonQuery();
        }

        private static List<T> Query<T>(SqliteConnection connection, SqliteTransaction? tx, Func<SqliteDataReader, T> map, string sql, params (string Name, object? Value)[] parameters)
        {
            using SqliteCommand command = Command(connection, tx, sql, parameters);
            using SqliteDataReader reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader));
            }

            return rows;
        }

        private static long Db(Eui64 ieee) => unchecked((long)ieee.Value);

        private static long? Db(Eui64? ieee) => ieee is Eui64 v ? Db(v) : null;

        private static Eui64 Ieee(SqliteDataReader r, int i) => new Eui64(unchecked((ulong)r.GetInt64(i)));

        private static Eui64? NullableIeee(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : Ieee(r, i);

        private static string Db(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

        private static string? Db(DateTimeOffset? time) => time is DateTimeOffset t ? Db(t) : null;

        private static DateTimeOffset Time(SqliteDataReader r, int i) =>
            DateTimeOffset.ParseExact(r.GetString(i), "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        private static DateTimeOffset? NullableTime(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : Time(r, i);

        private static byte[]? Blob(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : (byte[])r.GetValue(i);

        private static bool IsCorruption(SqliteException ex) =>
            ex.SqliteErrorCode == 11 /* SQLITE_CORRUPT */ || ex.SqliteErrorCode == 26 /* SQLITE_NOTADB */;

        private static NetworkStateException Corrupt(string path, string problem, Exception? inner = null) =>
            new NetworkStateException(NetworkStateError.CorruptStore, path,
                $"{path}: the network store is damaged or not a store ({problem}). It was not changed; restore it from a backup or remove the network.",
                inner: inner);

        private static NetworkStateException Translate(SqliteException ex, string path, string what)
        {
            if (IsCorruption(ex))
            {
                return Corrupt(path, $"SQLite reports: {ex.Message}", ex);
            }

            NetworkStateError reason = ex.SqliteErrorCode == 5 || ex.SqliteErrorCode == 6 ? NetworkStateError.Locked : NetworkStateError.IoError;
            return new NetworkStateException(reason, path, $"{path}: {what}: {ex.Message}", inner: ex);
        }
    }
}
