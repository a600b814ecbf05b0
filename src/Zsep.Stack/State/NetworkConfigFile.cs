using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using Zsep.Stack.Types;

namespace Zsep.Stack.State
{
    /// <summary>
    /// Reads, validates and writes nwk_config.json. Field names are camelCase ("channel", "panId",
    /// "policies.requireInstallCode") and matched without regard to case; addresses are hex strings ("0x1A62",
    /// "00:0D:6F:00:0B:BC:AB:01"). Comments and trailing commas are accepted, since people edit the file. An unknown
    /// or duplicated field is an error, so a typo never silently leaves a default in place.
    /// </summary>
    public static class NetworkConfigFile
    {
        private static readonly string[] TopFields =
        {
            "name", "channel", "panId", "extendedPanId", "coordinatorIeee", "networkKeySequence", "radio", "seed",
            "permitJoinDefaultSeconds", "policies",
        };

        private static readonly string[] PolicyFields = { "allowJoinThroughRouter", "requireInstallCode", "requireKeyEstablishment" };

        /// <summary>
        /// Reads <paramref name="path"/>. Fails with <see cref="NetworkStateException"/>: NotFound, ConfigSyntax (with
        /// the JSON reader's line number) or InvalidConfig (naming the field, with its line).
        /// </summary>
        public static NetworkConfig Load(string path)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                throw new NetworkStateException(NetworkStateError.NotFound, path, $"{path}: the network configuration file does not exist.", inner: ex);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new NetworkStateException(NetworkStateError.IoError, path, $"{path}: cannot be read: {ex.Message}", inner: ex);
            }

            return Parse(bytes, path);
        }

        /// <summary>Parses the text of a config file; <paramref name="path"/> is used in messages only.</summary>
        public static NetworkConfig Parse(ReadOnlySpan<byte> utf8, string path = NetworkConfig.FileName)
        {
            if (utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF)
            {
                utf8 = utf8.Slice(3);
            }

            JsonValue root;
            try
            {
                var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                var lines = new LineCounter(utf8.ToArray());
                if (!reader.Read())
                {
                    throw Syntax(path, 1, "the file is empty");
                }

                root = ReadValue(ref reader, lines, path, "");
                if (reader.Read())
                {
                    throw Syntax(path, lines.LineOf(reader.TokenStartIndex), "there is more after the end of the configuration object");
                }
            }
            catch (JsonException ex)
            {
                long line = (ex.LineNumber ?? 0) + 1;
                throw Syntax(path, line, $"not valid JSON: {StripPosition(ex.Message)}", ex);
            }

            if (root.Kind != JsonTokenType.StartObject)
            {
                throw new NetworkStateException(NetworkStateError.InvalidConfig, path,
                    $"{path}, line {root.Line}: the file must hold one JSON object {{ \"name\": ..., \"channel\": ... }}.", null, root.Line);
            }

            var top = root.Object!;
            CheckKnown(top, TopFields, "", path);
            var config = new NetworkConfig
            {
                Name = RequireString(top, "name", path, ConfigChecks.Name),
                Channel = (int)RequireInteger(top, "channel", path, v => ConfigChecks.Channel(v)),
                PanId = new PanId(RequireParsed(top, "panId", path, ConfigChecks.PanId)),
                ExtendedPanId = RequireParsed(top, "extendedPanId", path, t => ConfigChecks.Eui64Text(t, "an extended PAN ID")),
                CoordinatorIeee = RequireParsed(top, "coordinatorIeee", path, t => ConfigChecks.Eui64Text(t, "an IEEE address")),
                NetworkKeySequence = (byte)RequireInteger(top, "networkKeySequence", path, ConfigChecks.KeySequence),
                Radio = RequireString(top, "radio", path, ConfigChecks.Radio),
                Seed = OptionalInteger(top, "seed", path, ConfigChecks.Seed) is long s ? (int)s : null,
                PermitJoinDefaultSeconds = (int)(OptionalInteger(top, "permitJoinDefaultSeconds", path, ConfigChecks.PermitJoin) ?? NetworkConfig.DefaultPermitJoinSeconds),
                Policies = ReadPolicies(top, path),
            };
            return config;
        }

        /// <summary>
        /// Validates and writes <paramref name="config"/> atomically: a temporary file in the same folder, flushed to
        /// disk, then renamed over the old one, so a reader (or a crash) sees the old file or the new one, never half.
        /// The file is made owner-only (0600) on Unix.
        /// </summary>
        public static void Save(NetworkConfig config, string path)
        {
            if (config is null)
            {
                throw new ArgumentNullException(nameof(config));
            }

            Validate(config, path);
            AtomicFile.WriteAllBytes(path, ToJson(config));
        }

        /// <summary>The bytes <see cref="Save"/> writes: indented UTF-8 JSON with a final newline.</summary>
        public static byte[] ToJson(NetworkConfig config)
        {
            var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteString("name", config.Name);
                w.WriteNumber("channel", config.Channel);
                w.WriteString("panId", config.PanId.ToString());
                w.WriteString("extendedPanId", config.ExtendedPanId.ToString());
                w.WriteString("coordinatorIeee", config.CoordinatorIeee.ToString());
                w.WriteNumber("networkKeySequence", config.NetworkKeySequence);
                w.WriteString("radio", config.Radio);
                if (config.Seed is int seed)
                {
                    w.WriteNumber("seed", seed);
                }
                else
                {
                    w.WriteNull("seed");
                }

                w.WriteNumber("permitJoinDefaultSeconds", config.PermitJoinDefaultSeconds);
                w.WriteStartObject("policies");
                w.WriteBoolean("allowJoinThroughRouter", config.Policies.AllowJoinThroughRouter);
                w.WriteBoolean("requireInstallCode", config.Policies.RequireInstallCode);
                w.WriteBoolean("requireKeyEstablishment", config.Policies.RequireKeyEstablishment);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            buffer.WriteByte((byte)'\n');
            return buffer.ToArray();
        }

        /// <summary>Checks the values of a config built in code, with the same messages as <see cref="Load"/>.</summary>
        public static void Validate(NetworkConfig config, string path = NetworkConfig.FileName)
        {
            Check(path, "name", ConfigChecks.Name(config.Name));
            Check(path, "channel", ConfigChecks.Channel(config.Channel));
            Check(path, "panId", ConfigChecks.PanIdValue(config.PanId.Value));
            Check(path, "extendedPanId", ConfigChecks.Eui64Value(config.ExtendedPanId, "an extended PAN ID"));
            Check(path, "coordinatorIeee", ConfigChecks.Eui64Value(config.CoordinatorIeee, "an IEEE address"));
            Check(path, "radio", ConfigChecks.Radio(config.Radio));
            Check(path, "permitJoinDefaultSeconds", ConfigChecks.PermitJoin(config.PermitJoinDefaultSeconds));
            if (config.Policies is null)
            {
                Check(path, "policies", "is missing");
            }
        }

        private static void Check(string path, string field, string? error)
        {
            if (error is not null)
            {
                throw Invalid(path, field, null, error);
            }
        }

        private static TrustCenterPolicies ReadPolicies(Dictionary<string, JsonValue> top, string path)
        {
            var defaults = new TrustCenterPolicies();
            if (!top.TryGetValue("policies", out JsonValue? value) || value.Kind == JsonTokenType.Null)
            {
                return defaults;
            }

            if (value.Kind != JsonTokenType.StartObject)
            {
                throw Invalid(path, "policies", value.Line, $"must be an object such as {{ \"requireInstallCode\": true }}, not {Describe(value)}");
            }

            var p = value.Object!;
            CheckKnown(p, PolicyFields, "policies.", path);
            return new TrustCenterPolicies
            {
                AllowJoinThroughRouter = OptionalBool(p, "allowJoinThroughRouter", "policies.", path) ?? defaults.AllowJoinThroughRouter,
                RequireInstallCode = OptionalBool(p, "requireInstallCode", "policies.", path) ?? defaults.RequireInstallCode,
                RequireKeyEstablishment = OptionalBool(p, "requireKeyEstablishment", "policies.", path) ?? defaults.RequireKeyEstablishment,
            };
        }

        private static void CheckKnown(Dictionary<string, JsonValue> fields, string[] known, string prefix, string path)
        {
            foreach (var pair in fields)
            {
                if (Array.FindIndex(known, k => string.Equals(k, pair.Key, StringComparison.OrdinalIgnoreCase)) < 0)
                {
                    throw Invalid(path, prefix + pair.Key, pair.Value.Line, $"is not a known field; the fields are {string.Join(", ", known)}");
                }
            }
        }

        private static string RequireString(Dictionary<string, JsonValue> fields, string name, string path, Func<string, string?> check)
        {
            JsonValue v = Require(fields, name, path);
            if (v.Kind != JsonTokenType.String)
            {
                throw Invalid(path, name, v.Line, $"must be a string, not {Describe(v)}");
            }

            string? error = check(v.Text!);
            if (error is not null)
            {
                throw Invalid(path, name, v.Line, error);
            }

            return v.Text!;
        }

        private static T RequireParsed<T>(Dictionary<string, JsonValue> fields, string name, string path, Func<string, (T Value, string? Error)> parse)
        {
            JsonValue v = Require(fields, name, path);
            if (v.Kind != JsonTokenType.String)
            {
                throw Invalid(path, name, v.Line, $"must be a hex string in quotes, not {Describe(v)}");
            }

            var (value, error) = parse(v.Text!);
            if (error is not null)
            {
                throw Invalid(path, name, v.Line, error);
            }

            return value;
        }

        private static long RequireInteger(Dictionary<string, JsonValue> fields, string name, string path, Func<long, string?> check) =>
            Integer(Require(fields, name, path), name, path, check);

        private static long? OptionalInteger(Dictionary<string, JsonValue> fields, string name, string path, Func<long, string?> check) =>
            fields.TryGetValue(name, out JsonValue? v) && v.Kind != JsonTokenType.Null ? Integer(v, name, path, check) : null;

        private static long Integer(JsonValue v, string name, string path, Func<long, string?> check)
        {
            if (v.Kind != JsonTokenType.Number || v.Integer is null)
            {
                throw Invalid(path, name, v.Line, $"must be a whole number, not {Describe(v)}");
            }

            string? error = check(v.Integer.Value);
            if (error is not null)
            {
                throw Invalid(path, name, v.Line, error);
            }

            return v.Integer.Value;
        }

        private static bool? OptionalBool(Dictionary<string, JsonValue> fields, string name, string prefix, string path)
        {
            if (!fields.TryGetValue(name, out JsonValue? v) || v.Kind == JsonTokenType.Null)
            {
                return null;
            }

            return v.Kind switch
            {
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                _ => throw Invalid(path, prefix + name, v.Line, $"must be true or false, not {Describe(v)}"),
            };
        }

        private static JsonValue Require(Dictionary<string, JsonValue> fields, string name, string path)
        {
            if (!fields.TryGetValue(name, out JsonValue? v) || v.Kind == JsonTokenType.Null)
            {
                throw Invalid(path, name, v?.Line, "is missing");
            }

            return v;
        }

        private static string Describe(JsonValue v) => v.Kind switch
        {
            JsonTokenType.String => $"the string \"{v.Text}\"",
            JsonTokenType.Number => $"the number {v.Text}",
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            JsonTokenType.Null => "null",
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "a list",
            _ => v.Kind.ToString(),
        };

        private static NetworkStateException Invalid(string path, string field, long? line, string error)
        {
            string where = line is long l ? $"{path}, line {l}" : path;
            return new NetworkStateException(NetworkStateError.InvalidConfig, path, $"{where}: field '{field}' {error}.", field, line);
        }

        private static NetworkStateException Syntax(string path, long line, string error, Exception? inner = null) =>
            new NetworkStateException(NetworkStateError.ConfigSyntax, path, $"{path}, line {line}: {error}", null, line, inner);

        private static string StripPosition(string message)
        {
            int i = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return (i > 0 ? message.Substring(0, i) : message).Trim();
        }

        private static JsonValue ReadValue(ref Utf8JsonReader reader, LineCounter lines, string path, string prefix)
        {
            long line = lines.LineOf(reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    var fields = new Dictionary<string, JsonValue>(StringComparer.OrdinalIgnoreCase);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        string name = reader.GetString()!;
                        long nameLine = lines.LineOf(reader.TokenStartIndex);
                        reader.Read();
                        JsonValue value = ReadValue(ref reader, lines, path, prefix + name + ".");
                        if (fields.ContainsKey(name))
                        {
                            throw Invalid(path, prefix + name, nameLine, "appears twice");
                        }

                        fields[name] = value;
                    }

                    return new JsonValue(JsonTokenType.StartObject, line) { Object = fields };
                case JsonTokenType.StartArray:
                    reader.Skip();
                    return new JsonValue(JsonTokenType.StartArray, line);
                case JsonTokenType.String:
                    return new JsonValue(JsonTokenType.String, line) { Text = reader.GetString() };
                case JsonTokenType.Number:
                    string raw = Encoding.UTF8.GetString(reader.ValueSpan.ToArray()); // one contiguous buffer: never a ValueSequence
                    return new JsonValue(JsonTokenType.Number, line) { Text = raw, Integer = reader.TryGetInt64(out long n) ? n : null };
                default:
                    return new JsonValue(reader.TokenType, line);
            }
        }

        private sealed class JsonValue
        {
            public JsonValue(JsonTokenType kind, long line)
            {
                Kind = kind;
                Line = line;
            }

            public JsonTokenType Kind { get; }

            public long Line { get; }

            public string? Text { get; init; }

            public long? Integer { get; init; }

            public Dictionary<string, JsonValue>? Object { get; init; }
        }

        /// <summary>Maps byte offsets to 1-based lines, scanning forward only.</summary>
        private sealed class LineCounter
        {
            private readonly byte[] _text;
            private long _scanned;
            private long _line = 1;

            public LineCounter(byte[] text) => _text = text;

            public long LineOf(long offset)
            {
                for (; _scanned < offset && _scanned < _text.Length; _scanned++)
                {
                    if (_text[_scanned] == (byte)'\n')
                    {
                        _line++;
                    }
                }

                return _line;
            }
        }
    }

    /// <summary>The range checks of the config's fields; each returns null or the end of a sentence naming the rule.</summary>
    internal static class ConfigChecks
    {
        public static string? Name(string? name)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return "is empty; a network needs a name";
            }

            if (name!.Length > 64 || name == "." || name == ".." || name.Trim() != name ||
                name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.IndexOfAny(new[] { '/', '\\', ':', '*', '?', '"', '<', '>', '|' }) >= 0)
            {
                return $"is \"{name}\"; a name is up to 64 characters, usable as a folder name (no / \\ : * ? \" < > |)";
            }

            return null;
        }

        public static string? Channel(long channel) =>
            channel < NetworkConfig.MinChannel || channel > NetworkConfig.MaxChannel
                ? $"is {channel}; a channel is {NetworkConfig.MinChannel} to {NetworkConfig.MaxChannel}"
                : null;

        public static (ushort Value, string? Error) PanId(string text)
        {
            if (!Types.PanId.TryParse(text, out PanId pan))
            {
                return (0, $"is \"{text}\"; a PAN ID is 4 hex digits such as \"0x1A62\"");
            }

            return (pan.Value, PanIdValue(pan.Value));
        }

        public static string? PanIdValue(ushort pan) =>
            pan == 0xFFFF ? "is 0xFFFF, the broadcast PAN ID; a network's PAN ID is 0x0000 to 0xFFFE" : null;

        public static (Eui64 Value, string? Error) Eui64Text(string text, string what)
        {
            if (!Eui64.TryParse(text, out Eui64 value))
            {
                return (default, $"is \"{text}\"; {what} is 16 hex digits such as \"00:0D:6F:00:0B:BC:AB:01\"");
            }

            return (value, Eui64Value(value, what));
        }

        public static string? Eui64Value(Eui64 value, string what) =>
            value.Value == 0 || value.Value == ulong.MaxValue
                ? $"is {value}; {what} cannot be all zeros or all ones"
                : null;

        public static string? KeySequence(long sequence) =>
            sequence < 0 || sequence > 255 ? $"is {sequence}; a key sequence number is 0 to 255" : null;

        public static string? Radio(string? radio) =>
            string.IsNullOrWhiteSpace(radio) ? "is empty; give \"sim://<name>\", a serial port or \"tcp://host:port\"" : null;

        public static string? Seed(long seed) =>
            seed < int.MinValue || seed > int.MaxValue ? $"is {seed.ToString(CultureInfo.InvariantCulture)}; a seed is a 32-bit whole number" : null;

        public static string? PermitJoin(long seconds) =>
            seconds < 1 || seconds > 254 ? $"is {seconds}; a permit-join duration is 1 to 254 seconds" : null;
    }
}
