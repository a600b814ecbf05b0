using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;

namespace Zsep.Stack.State
{
    /// <summary>
    /// trace.log of a network folder (issue 3 §5): one event per line,
    /// <c>2025-01-31T12:00:00.000000Z INFO DEVICE_JOINED 00:0D:6F:00:0B:BC:AB:01 joined through 0x1A2B</c>
    /// (time from the injected clock, level, code, node or "-", detail; backslashes and line breaks in the detail
    /// are escaped as \\ \n \r). Rotated by size: trace.log becomes trace.log.1, .1 becomes .2, and so on, keeping
    /// <see cref="KeepFiles"/> old files.
    /// <para>
    /// Writing never throws into the stack: a disk error is counted in <see cref="FailedWrites"/>, the file is
    /// reopened on the next write, and the event is lost. Every line is flushed to the operating system as written.
    /// </para>
    /// <para>
    /// Secrets: the API takes a code, a node address and text, never a key type (no ZigbeeKey, InstallCode or byte
    /// overloads), so a key cannot reach the trace by passing it; and since ZigbeeKey.ToString is redacted, a key
    /// interpolated into the detail by mistake prints as "&lt;key redacted&gt;". Export a key's hex into a detail on purpose, never.
    /// </para>
    /// <para>Thread-safe: writes come from the stack's loop, reads from a cmdlet.</para>
    /// </summary>
    public sealed class TraceLog : IDisposable
    {
        /// <summary>The file name inside a network folder.</summary>
        public const string FileName = "trace.log";

        public const long DefaultMaxBytes = 5L * 1024 * 1024;

        public const int DefaultKeepFiles = 3;

        private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        private readonly object _gate = new object();
        private readonly Func<DateTimeOffset> _clock;
        private FileStream? _stream;
        private long _failedWrites;
        private bool _disposed;

        /// <param name="path">The current log file (rotated files sit beside it).</param>
        /// <param name="clock">The time source (IStackScheduler.Now; virtual in simulation).</param>
        /// <param name="maxBytes">Size at which the file is rotated.</param>
        /// <param name="keepFiles">How many rotated files to keep (0 keeps none).</param>
        public TraceLog(string path, Func<DateTimeOffset> clock, long maxBytes = DefaultMaxBytes, int keepFiles = DefaultKeepFiles)
        {
            if (string.IsNullOrEmpty(path))
            {
                throw new ArgumentException("A trace path is required.", nameof(path));
            }

            Path = System.IO.Path.GetFullPath(path);
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
            MaxBytes = maxBytes > 0 ? maxBytes : throw new ArgumentOutOfRangeException(nameof(maxBytes));
            KeepFiles = keepFiles >= 0 ? keepFiles : throw new ArgumentOutOfRangeException(nameof(keepFiles));
        }

        /// <summary>A trace on the scheduler's clock.</summary>
        public TraceLog(string path, IStackScheduler scheduler, long maxBytes = DefaultMaxBytes, int keepFiles = DefaultKeepFiles)
            : this(path, () => scheduler.Now, maxBytes, keepFiles)
        {
        }

        public string Path { get; }

        public long MaxBytes { get; }

        public int KeepFiles { get; }

        /// <summary>How many events were lost to disk errors.</summary>
        public long FailedWrites => Interlocked.Read(ref _failedWrites);

        public void Write(TraceLevel level, string code, string detail) => WriteLine(level, code, "-", detail);

        public void Write(TraceLevel level, string code, Eui64 node, string detail) => WriteLine(level, code, node.ToString(), detail);

        public void Write(TraceLevel level, string code, NwkAddress node, string detail) => WriteLine(level, code, node.ToString(), detail);

        public void Info(string code, Eui64 node, string detail) => Write(TraceLevel.Info, code, node, detail);

        public void Info(string code, string detail) => Write(TraceLevel.Info, code, detail);

        public void Error(string code, Eui64 node, string detail) => Write(TraceLevel.Error, code, node, detail);

        public void Error(string code, string detail) => Write(TraceLevel.Error, code, detail);

        /// <summary>
        /// Events of the current and rotated files, oldest first (stable by time), filtered by code (any case), node
        /// (IEEE or network address in any accepted form), time (at or after <paramref name="since"/>), and the
        /// <paramref name="last"/> N. Lines that do not parse (a torn last line after a crash) are skipped. A file that
        /// exists but cannot be read gives <see cref="NetworkStateException"/> (IoError): reading is a cmdlet's job.
        /// </summary>
        public IReadOnlyList<TraceEntry> Read(string? code = null, string? node = null, DateTimeOffset? since = null, int? last = null)
        {
            lock (_gate)
            {
                try
                {
                    _stream?.Flush();
                }
                catch (IOException)
                {
                    // Reading what reached the disk is the best that can be done.
                }

                return ReadFiles(Path, KeepFiles, code, node, since, last);
            }
        }

        /// <summary>Reads a trace without writing to it (e.g. Get-ZsepTrace on a network that is not open).</summary>
        public static IReadOnlyList<TraceEntry> ReadFiles(string path, int keepFiles = DefaultKeepFiles, string? code = null, string? node = null, DateTimeOffset? since = null, int? last = null)
        {
            var entries = new List<TraceEntry>();
            for (int i = keepFiles; i >= 0; i--)
            {
                string file = i == 0 ? path : path + "." + i.ToString(CultureInfo.InvariantCulture);
                foreach (string line in ReadLines(file))
                {
                    if (TryParse(line, out TraceEntry? entry))
                    {
                        entries.Add(entry!);
                    }
                }
            }

            Func<TraceEntry, bool> nodeMatch = NodeFilter(node);
            IEnumerable<TraceEntry> result = entries
                .Where(e => code is null || string.Equals(e.Code, code, StringComparison.OrdinalIgnoreCase))
                .Where(nodeMatch)
                .Where(e => since is null || e.Time >= since.Value)
                .OrderBy(e => e.Time);
            List<TraceEntry> list = result.ToList();
            if (last is int n && n >= 0 && list.Count > n)
            {
                list.RemoveRange(0, list.Count - n);
            }

            return list;
        }

        /// <summary>Parses one line of the trace format.</summary>
        public static bool TryParse(string line, out TraceEntry? entry)
        {
            entry = null;
            string[] parts = line.Split(new[] { ' ' }, 5);
            if (parts.Length < 4 ||
                !DateTimeOffset.TryParseExact(parts[0], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time) ||
                !TryParseLevel(parts[1], out TraceLevel level) || parts[2].Length == 0)
            {
                return false;
            }

            entry = new TraceEntry
            {
                Time = time,
                Level = level,
                Code = parts[2],
                Node = parts[3] == "-" ? null : parts[3],
                Detail = parts.Length > 4 ? Unescape(parts[4]) : "",
            };
            return true;
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                CloseStream();
            }
        }

        private void WriteLine(TraceLevel level, string code, string node, string? detail)
        {
            string text;
            try
            {
                text = FormatLine(_clock(), level, code, node, detail);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // A failing clock must not break the stack either.
                Interlocked.Increment(ref _failedWrites);
                return;
            }

            byte[] bytes = Utf8.GetBytes(text);
            lock (_gate)
            {
                if (_disposed)
                {
                    Interlocked.Increment(ref _failedWrites);
                    return;
                }

                try
                {
                    FileStream stream = _stream ?? OpenStream();
                    if (stream.Length > 0 && stream.Length + bytes.Length > MaxBytes)
                    {
                        CloseStream();
                        Rotate();
                        stream = OpenStream();
                    }

                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush();
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException)
                {
                    Interlocked.Increment(ref _failedWrites);
                    CloseStream();
                }
            }
        }

        internal static string FormatLine(DateTimeOffset time, TraceLevel level, string code, string node, string? detail)
        {
            var sb = new StringBuilder(64 + (detail?.Length ?? 0));
            sb.Append(time.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture)).Append(' ')
              .Append(LevelText(level)).Append(' ')
              .Append(SanitizeCode(code)).Append(' ')
              .Append(node).Append(' ');
            foreach (char c in detail ?? "")
            {
                switch (c)
                {
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    default: sb.Append(c); break;
                }
            }

            return sb.Append('\n').ToString();
        }

        private FileStream OpenStream()
        {
            bool existed = File.Exists(Path);
            var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read | FileShare.Delete);
            try
            {
                if (!existed)
                {
                    UnixPermissions.TrySetOwnerOnly(Path, isDirectory: false);
                }
                else if (stream.Length > 0 && !EndsWithNewline(Path))
                {
                    // A line torn by a crash: end it, so the next event starts on its own line.
                    stream.WriteByte((byte)'\n');
                }
            }
            catch
            {
                stream.Dispose();
                throw;
            }

            _stream = stream;
            return stream;
        }

        private static bool EndsWithNewline(string path)
        {
            using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read.Seek(-1, SeekOrigin.End);
            return read.ReadByte() == '\n';
        }

        private void Rotate()
        {
            if (KeepFiles == 0)
            {
                File.Delete(Path);
                return;
            }

            string Name(int i) => Path + "." + i.ToString(CultureInfo.InvariantCulture);
            File.Delete(Name(KeepFiles));
            for (int i = KeepFiles - 1; i >= 1; i--)
            {
                if (File.Exists(Name(i)))
                {
                    File.Move(Name(i), Name(i + 1));
                }
            }

            File.Move(Path, Name(1));
        }

        private void CloseStream()
        {
            try
            {
                _stream?.Dispose();
            }
            catch (IOException)
            {
                Interlocked.Increment(ref _failedWrites);
            }

            _stream = null;
        }

        private static IEnumerable<string> ReadLines(string file)
        {
            string text;
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream, Utf8);
                text = reader.ReadToEnd();
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                return Array.Empty<string>();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new NetworkStateException(NetworkStateError.IoError, file, $"{file}: the trace cannot be read: {ex.Message}", inner: ex);
            }

            string[] lines = text.Split('\n');

            // The last element is "" after a final newline, or a torn line without one: either way not an event.
            return lines.Take(lines.Length - 1);
        }

        private static Func<TraceEntry, bool> NodeFilter(string? node)
        {
            if (string.IsNullOrWhiteSpace(node))
            {
                return _ => true;
            }

            string digits = new string(node!.Where(Uri.IsHexDigit).ToArray());
            if (digits.Length > 4 && Eui64.TryParse(node, out Eui64 ieee))
            {
                return e => e.Ieee == ieee;
            }

            if (NwkAddress.TryParse(node, out NwkAddress nwk))
            {
                return e => e.NwkAddress == nwk;
            }

            return e => string.Equals(e.Node, node, StringComparison.OrdinalIgnoreCase);
        }

        private static string LevelText(TraceLevel level) => level switch
        {
            TraceLevel.Debug => "DEBUG",
            TraceLevel.Warning => "WARN",
            TraceLevel.Error => "ERROR",
            _ => "INFO",
        };

        private static bool TryParseLevel(string text, out TraceLevel level)
        {
            switch (text)
            {
                case "DEBUG": level = TraceLevel.Debug; return true;
                case "INFO": level = TraceLevel.Info; return true;
                case "WARN": level = TraceLevel.Warning; return true;
                case "ERROR": level = TraceLevel.Error; return true;
                default: level = default; return false;
            }
        }

        private static string SanitizeCode(string? code)
        {
            if (string.IsNullOrEmpty(code))
            {
                return "UNKNOWN";
            }

            var sb = new StringBuilder(code!.Length);
            foreach (char c in code)
            {
                sb.Append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ? c : (c >= 'a' && c <= 'z') ? char.ToUpperInvariant(c) : '_');
            }

            return sb.ToString();
        }

        private static string Unescape(string text)
        {
            if (text.IndexOf('\\') < 0)
            {
                return text;
            }

            var sb = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    char n = text[++i];
                    sb.Append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
                }
                else
                {
                    sb.Append(text[i]);
                }
            }

            return sb.ToString();
        }
    }
}
