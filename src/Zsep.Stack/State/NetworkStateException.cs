using System;

namespace Zsep.Stack.State
{
    /// <summary>Why a network's state on disk (shared/design.md "State on disk") could not be read or written.</summary>
    public enum NetworkStateError
    {
        /// <summary>A field of nwk_config.json is missing, of the wrong type, or out of range.</summary>
        InvalidConfig = 1,

        /// <summary>nwk_config.json is not well-formed JSON (<see cref="NetworkStateException.LineNumber"/> says where).</summary>
        ConfigSyntax = 2,

        /// <summary>A file or folder that must exist does not.</summary>
        NotFound = 3,

        /// <summary>zsep.db is not an SQLite database, is truncated, or fails its integrity check.</summary>
        CorruptStore = 4,

        /// <summary>zsep.db was written by a newer version of the schema than this build knows.</summary>
        SchemaTooNew = 5,

        /// <summary>Another process (or another open store in this process) owns the network folder.</summary>
        Locked = 6,

        /// <summary>A network folder exists already and -Force was not given.</summary>
        AlreadyExists = 7,

        /// <summary>The operating system refused a read, a write or a permission change.</summary>
        IoError = 8,

        /// <summary>A network backup file (Open Coordinator Backup JSON) is malformed; <see cref="NetworkStateException.Field"/> names the member.</summary>
        InvalidBackup = 9,
    }

    /// <summary>
    /// A typed failure of the network's state on disk. The message names the file and, for the config, the field; it
    /// never contains a key or an install code (the store and config never put one in a message).
    /// </summary>
    [Serializable]
    public sealed class NetworkStateException : Exception
    {
        public NetworkStateException(NetworkStateError reason, string path, string message, string? field = null, long? lineNumber = null, Exception? inner = null)
            : base(message, inner)
        {
            Reason = reason;
            Path = path;
            Field = field;
            LineNumber = lineNumber;
        }

        public NetworkStateError Reason { get; }

        /// <summary>The file or folder concerned.</summary>
        public string Path { get; }

        /// <summary>The config field concerned (its JSON name, e.g. "channel" or "policies.requireInstallCode").</summary>
        public string? Field { get; }

        /// <summary>1-based line of a JSON syntax error (or of the offending value when known).</summary>
        public long? LineNumber { get; }
    }
}
