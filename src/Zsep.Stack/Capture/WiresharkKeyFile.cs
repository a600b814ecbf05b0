using System;
using System.Collections.Generic;
using System.Text;
using Zsep.Stack.Types;

namespace Zsep.Stack.Capture
{
    /// <summary>One key for Wireshark's ZigBee pre-configured keys table, with the label it shows.</summary>
    public sealed record WiresharkKey(ZigbeeKey Key, string Label);

    /// <summary>
    /// Wireshark's ZigBee "Pre-configured Keys" table (Preferences > Protocols > ZigBee; the UAT file zigbee_pc_keys
    /// in a Wireshark profile folder): one record per line, three quoted, comma-separated fields - the key as
    /// colon-separated hex, its byte order ("Normal": as sent, first byte first), and a label. Wireshark tries each
    /// key on NWK frames and, with the key-transport and key-load derivations, on APS frames.
    /// </summary>
    public static class WiresharkKeyFile
    {
        /// <summary>The file's text. It contains secrets: write it only where the user asked, readable by the user only.</summary>
        public static string Format(IEnumerable<WiresharkKey> keys)
        {
            var text = new StringBuilder();
            text.Append("# ZigBee pre-configured keys for Wireshark (zigbee_pc_keys), written by ZsepAdmin.\n");
            text.Append("# SECRET: these keys decrypt the network's traffic. Keep this file private.\n");
            foreach (WiresharkKey key in keys)
            {
                string hex = key.Key.ExportHex();
                var colons = new StringBuilder(47);
                for (int i = 0; i < hex.Length; i += 2)
                {
                    if (i > 0)
                    {
                        colons.Append(':');
                    }

                    colons.Append(hex, i, 2);
                }

                text.Append('"').Append(colons).Append("\",\"Normal\",\"").Append(Escape(key.Label)).Append("\"\n");
            }

            return text.ToString();
        }

        /// <summary>
        /// Writes the file, readable and writable by its owner only on Unix (created empty with those rights first,
        /// so the keys are never in a file others can read).
        /// </summary>
        public static void Write(string path, IEnumerable<WiresharkKey> keys)
        {
            using (new System.IO.FileStream(path, System.IO.FileMode.Create, System.IO.FileAccess.Write))
            {
            }

            State.UnixPermissions.TrySetOwnerOnly(path, isDirectory: false);
            System.IO.File.WriteAllText(path, Format(keys), new UTF8Encoding(false));
        }

        /// <summary>Reads such a file back (for tests and for Read-ZsepCapture -KeyFile): the keys in order.</summary>
        public static IReadOnlyList<WiresharkKey> Parse(string text)
        {
            var keys = new List<WiresharkKey>();
            int lineNumber = 0;
            foreach (string raw in text.Split('\n'))
            {
                lineNumber++;
                string line = raw.Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                List<string> fields = SplitQuoted(line);
                if (fields.Count != 3 || !ZigbeeKey.TryParse(fields[0].Replace(":", string.Empty), out ZigbeeKey? key) || key is null)
                {
                    throw new FormatException($"Line {lineNumber} of the key file is not \"key\",\"Normal|Reverse\",\"label\".");
                }

                if (string.Equals(fields[1], "Reverse", StringComparison.OrdinalIgnoreCase))
                {
                    byte[] b = key.Span.ToArray();
                    Array.Reverse(b);
                    key = new ZigbeeKey(b);
                    Array.Clear(b, 0, b.Length);
                }

                keys.Add(new WiresharkKey(key, fields[2]));
            }

            return keys;
        }

        private static string Escape(string label) => label.Replace("\\", "\\\\").Replace("\"", "\\x22");

        private static List<string> SplitQuoted(string line)
        {
            var fields = new List<string>();
            int i = 0;
            while (i < line.Length)
            {
                if (line[i] != '"')
                {
                    return new List<string>();
                }

                int end = line.IndexOf('"', i + 1);
                if (end < 0)
                {
                    return new List<string>();
                }

                fields.Add(line.Substring(i + 1, end - i - 1).Replace("\\x22", "\"").Replace("\\\\", "\\"));
                i = end + 1;
                if (i < line.Length && line[i] == ',')
                {
                    i++;
                }
            }

            return fields;
        }
    }
}
