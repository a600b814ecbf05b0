using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zsep.Stack.Types;

namespace Zsep.Stack.State
{
    /// <summary>
    /// Reads and writes the Open Coordinator Backup JSON (github.com/zigpy/open-coordinator-backup, version 1) as zigpy
    /// (zigpy/backups.py) and zigbee-herdsman (models/backup-storage-unified.ts) write it: addresses (IEEE, PAN ID,
    /// extended PAN ID, NWK) as lowercase hex, most significant byte first; keys as lowercase hex in the order they are
    /// sent; `is_child` optional (true when absent, as zigpy reads it); `nwk_address` and `link_key` may be null.
    /// A malformed file is a <see cref="NetworkStateException"/> (InvalidBackup) naming the member; never a key.
    /// </summary>
    public static class CoordinatorBackupFile
    {
        public static CoordinatorBackup Load(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new NetworkStateException(ex is FileNotFoundException || ex is DirectoryNotFoundException ? NetworkStateError.NotFound : NetworkStateError.IoError,
                    path, $"The backup '{path}' cannot be read: {ex.Message}", inner: ex);
            }

            return Parse(text, path);
        }

        public static CoordinatorBackup Parse(string json, string source = "backup")
        {
            JsonNode? root;
            try
            {
                root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            }
            catch (JsonException ex)
            {
                throw Invalid(source, null, $"is not well-formed JSON (line {(ex.LineNumber ?? 0) + 1}).");
            }

            if (root is not JsonObject o)
            {
                throw Invalid(source, null, "is not a JSON object.");
            }

            JsonObject metadata = Obj(o, "metadata", source);
            string format = Str(metadata, "format", "metadata.format", source);
            if (format != CoordinatorBackup.Format)
            {
                throw Invalid(source, "metadata.format", $"is '{format}'; this reads '{CoordinatorBackup.Format}'.");
            }

            int version = Int(metadata, "version", "metadata.version", source, 1, int.MaxValue);
            if (version != 1)
            {
                throw Invalid(source, "metadata.version", $"is {version}; this reads version 1.");
            }

            JsonObject? internalNode = metadata["internal"] as JsonObject;
            DateTimeOffset? created = null;
            string? when = (internalNode?["creation_time"] ?? internalNode?["date"])?.GetValue<string>();
            if (when is not null && DateTimeOffset.TryParse(when, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t))
            {
                created = t;
            }

            ZigbeeKey? tcLinkKey = null;
            if (internalNode?["network"]?["tc_link_key"] is JsonNode tc)
            {
                // zigpy writes {"key": hex, "frame_counter": n}; older zigpy a bare hex string.
                string? hex = tc is JsonObject tco ? tco["key"]?.GetValue<string>() : tc.GetValue<string>();
                tcLinkKey = hex is null ? null : Key(hex, "metadata.internal.network.tc_link_key", source);
            }

            JsonObject networkKey = Obj(o, "network_key", source);
            var mask = new List<byte>();
            if (o["channel_mask"] is JsonArray channels)
            {
                int i = 0;
                foreach (JsonNode? c in channels)
                {
                    mask.Add((byte)IntValue(c, $"channel_mask[{i++}]", source, 11, 26));
                }
            }

            var devices = new List<CoordinatorBackupDevice>();
            if (o["devices"] is JsonArray list)
            {
                for (int i = 0; i < list.Count; i++)
                {
                    string at = $"devices[{i}]";
                    if (list[i] is not JsonObject d)
                    {
                        throw Invalid(source, at, "is not an object.");
                    }

                    JsonObject? linkKey = d["link_key"] as JsonObject;
                    devices.Add(new CoordinatorBackupDevice
                    {
                        Ieee = Ieee(Str(d, "ieee_address", at + ".ieee_address", source), at + ".ieee_address", source),
                        NwkAddress = d["nwk_address"] is null ? null : new NwkAddress(Short(Str(d, "nwk_address", at + ".nwk_address", source), at + ".nwk_address", source)),
                        IsChild = d["is_child"] is JsonNode child ? Bool(child, at + ".is_child", source) : true,
                        LinkKey = linkKey is null ? null : Key(Str(linkKey, "key", at + ".link_key.key", source), at + ".link_key.key", source),
                        LinkKeyTxCounter = linkKey is null ? 0 : UInt(linkKey, "tx_counter", at + ".link_key.tx_counter", source),
                        LinkKeyRxCounter = linkKey is null ? 0 : UInt(linkKey, "rx_counter", at + ".link_key.rx_counter", source),
                    });
                }
            }
            else if (o["devices"] is not null)
            {
                throw Invalid(source, "devices", "is not an array.");
            }

            return new CoordinatorBackup
            {
                Source = metadata["source"]?.GetValue<string>() ?? "",
                CreatedAt = created,
                CoordinatorIeee = Ieee(Str(o, "coordinator_ieee", "coordinator_ieee", source), "coordinator_ieee", source),
                PanId = new PanId(Short(Str(o, "pan_id", "pan_id", source), "pan_id", source)),
                ExtendedPanId = Ieee(Str(o, "extended_pan_id", "extended_pan_id", source), "extended_pan_id", source),
                NwkUpdateId = o["nwk_update_id"] is null ? (byte)0 : (byte)Int(o, "nwk_update_id", "nwk_update_id", source, 0, 255),
                SecurityLevel = o["security_level"] is null ? (byte)5 : (byte)Int(o, "security_level", "security_level", source, 0, 7),
                Channel = (byte)Int(o, "channel", "channel", source, 11, 26),
                ChannelMask = mask,
                NetworkKey = Key(Str(networkKey, "key", "network_key.key", source), "network_key.key", source),
                NetworkKeySequence = (byte)Int(networkKey, "sequence_number", "network_key.sequence_number", source, 0, 255),
                NetworkKeyFrameCounter = networkKey["frame_counter"] is null ? 0 : UInt(networkKey, "frame_counter", "network_key.frame_counter", source),
                TrustCenterLinkKey = tcLinkKey,
                Devices = devices,
                InternalJson = internalNode?.ToJsonString(),
                StackSpecificJson = o["stack_specific"] is JsonObject ss ? ss.ToJsonString() : null,
            };
        }

        /// <summary>The backup as JSON, members in the order zigpy writes them. It holds secrets (the network key, link keys).</summary>
        public static string Format(CoordinatorBackup backup)
        {
            var internalNode = backup.InternalJson is null ? new JsonObject() : (JsonNode.Parse(backup.InternalJson) as JsonObject ?? new JsonObject());
            if (backup.CreatedAt is { } created && internalNode["creation_time"] is null && internalNode["date"] is null)
            {
                internalNode["creation_time"] = created.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);
            }

            if (backup.TrustCenterLinkKey is not null)
            {
                var network = internalNode["network"] as JsonObject ?? new JsonObject();
                network["tc_link_key"] = new JsonObject { ["key"] = KeyHex(backup.TrustCenterLinkKey), ["frame_counter"] = 0 };
                network["tc_address"] = Hex64(backup.CoordinatorIeee);
                internalNode["network"] = network;
            }

            var devices = new JsonArray();
            foreach (CoordinatorBackupDevice d in backup.Devices)
            {
                var device = new JsonObject
                {
                    ["nwk_address"] = d.NwkAddress is { } nwk ? nwk.Value.ToString("x4", CultureInfo.InvariantCulture) : null,
                    ["ieee_address"] = Hex64(d.Ieee),
                    ["is_child"] = d.IsChild,
                };
                if (d.LinkKey is not null)
                {
                    device["link_key"] = new JsonObject { ["key"] = KeyHex(d.LinkKey), ["tx_counter"] = d.LinkKeyTxCounter, ["rx_counter"] = d.LinkKeyRxCounter };
                }

                devices.Add(device);
            }

            var channelMask = new JsonArray();
            foreach (byte c in backup.ChannelMask.Count > 0 ? backup.ChannelMask : new[] { backup.Channel })
            {
                channelMask.Add(c);
            }

            var root = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["version"] = 1,
                    ["format"] = CoordinatorBackup.Format,
                    ["source"] = backup.Source,
                    ["internal"] = internalNode,
                },
                ["stack_specific"] = backup.StackSpecificJson is null ? new JsonObject() : JsonNode.Parse(backup.StackSpecificJson),
                ["coordinator_ieee"] = Hex64(backup.CoordinatorIeee),
                ["pan_id"] = backup.PanId.Value.ToString("x4", CultureInfo.InvariantCulture),
                ["extended_pan_id"] = Hex64(backup.ExtendedPanId),
                ["nwk_update_id"] = backup.NwkUpdateId,
                ["security_level"] = backup.SecurityLevel,
                ["channel"] = backup.Channel,
                ["channel_mask"] = channelMask,
                ["network_key"] = new JsonObject
                {
                    ["key"] = KeyHex(backup.NetworkKey),
                    ["sequence_number"] = backup.NetworkKeySequence,
                    ["frame_counter"] = backup.NetworkKeyFrameCounter,
                },
                ["devices"] = devices,
            };
            return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        }

        /// <summary>Writes the file readable by its owner only (Unix), as it holds secrets.</summary>
        public static void Save(CoordinatorBackup backup, string path)
        {
            using (new FileStream(path, FileMode.Create, FileAccess.Write))
            {
            }

            UnixPermissions.TrySetOwnerOnly(path, isDirectory: false);
            File.WriteAllText(path, Format(backup), new UTF8Encoding(false));
        }

        private static string Hex64(Eui64 value) => value.Value.ToString("x16", CultureInfo.InvariantCulture);

        private static string KeyHex(ZigbeeKey key) => key.ExportHex().ToLowerInvariant();

        private static NetworkStateException Invalid(string source, string? field, string problem) =>
            new NetworkStateException(NetworkStateError.InvalidBackup, source,
                field is null ? $"The backup {source} {problem}" : $"The backup {source}: '{field}' {problem}", field);

        private static JsonObject Obj(JsonObject o, string name, string source) =>
            o[name] as JsonObject ?? throw Invalid(source, name, o[name] is null ? "is missing." : "is not an object.");

        private static string Str(JsonObject o, string name, string field, string source)
        {
            JsonNode? node = o[name];
            if (node is null)
            {
                throw Invalid(source, field, "is missing.");
            }

            try
            {
                return node.GetValue<string>();
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is FormatException)
            {
                throw Invalid(source, field, "is not a string.");
            }
        }

        private static int Int(JsonObject o, string name, string field, string source, int min, int max) =>
            o[name] is null ? throw Invalid(source, field, "is missing.") : IntValue(o[name], field, source, min, max);

        private static int IntValue(JsonNode? node, string field, string source, long min, long max)
        {
            long v = LongValue(node, field, source);
            return v < min || v > max ? throw Invalid(source, field, $"is {v}; expected {min} to {max}.") : (int)v;
        }

        private static uint UInt(JsonObject o, string name, string field, string source)
        {
            long v = o[name] is null ? throw Invalid(source, field, "is missing.") : LongValue(o[name], field, source);
            return v < 0 || v > uint.MaxValue ? throw Invalid(source, field, $"is {v}; a frame counter is 0 to 4294967295.") : (uint)v;
        }

        private static long LongValue(JsonNode? node, string field, string source)
        {
            try
            {
                return node!.GetValue<long>();
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is FormatException || ex is NullReferenceException)
            {
                throw Invalid(source, field, "is not a whole number.");
            }
        }

        private static bool Bool(JsonNode node, string field, string source)
        {
            try
            {
                return node.GetValue<bool>();
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is FormatException)
            {
                throw Invalid(source, field, "is not true or false.");
            }
        }

        private static Eui64 Ieee(string hex, string field, string source)
        {
            string h = hex.Replace(":", string.Empty);
            return h.Length == 16 && ulong.TryParse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong v)
                ? new Eui64(v) : throw Invalid(source, field, "is not 16 hex digits.");
        }

        private static ushort Short(string hex, string field, string source)
        {
            string h = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex.Substring(2) : hex;
            return h.Length == 4 && ushort.TryParse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ushort v)
                ? v : throw Invalid(source, field, "is not 4 hex digits.");
        }

        private static ZigbeeKey Key(string hex, string field, string source)
        {
            // The message never repeats the text: it may be a key with one digit wrong.
            return ZigbeeKey.TryParse(hex.Replace(":", string.Empty), out ZigbeeKey? key) && key is not null
                ? key : throw Invalid(source, field, "is not a 128-bit key (32 hex digits).");
        }
    }
}
