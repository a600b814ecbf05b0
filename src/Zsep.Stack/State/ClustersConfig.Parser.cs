using System;
using System.Collections.Generic;
using System.Text;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.State
{
    public sealed partial class ClustersConfig
    {
        /// <summary>Parses and validates the text of a clusters.conf; <paramref name="sourceName"/> names it in messages.</summary>
        /// <exception cref="ClustersConfigException">The first problem found, with its line.</exception>
        public static ClustersConfig Parse(string text, string sourceName = FileName)
        {
            var endpoints = new List<ClustersConfigEndpoint>();
            int? currentLine = null;
            (byte Ep, ushort Profile, ushort Device, byte Version)? current = null;
            var clusters = new List<ClustersConfigCluster>();

            void Flush()
            {
                if (current is { } c)
                {
                    endpoints.Add(new ClustersConfigEndpoint(c.Ep, c.Profile, c.Device, c.Version, clusters.ToArray()));
                }

                clusters.Clear();
            }

            string[] lines = (text ?? string.Empty).TrimStart('\uFEFF').Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                int lineNumber = i + 1;
                List<string> tokens = Tokenize(lines[i].TrimEnd('\r'), sourceName, lineNumber);
                if (tokens.Count == 0)
                {
                    continue;
                }

                string keyword = tokens[0].ToLowerInvariant();
                switch (keyword)
                {
                    case "endpoint":
                    {
                        var ep = ParseEndpointLine(tokens, sourceName, lineNumber);
                        foreach (ClustersConfigEndpoint done in endpoints)
                        {
                            if (done.Endpoint == ep.Ep)
                            {
                                throw Error(ClustersConfigError.Duplicate, sourceName, lineNumber, $"endpoint {ep.Ep} is already defined above.");
                            }
                        }

                        if (current is { } open && open.Ep == ep.Ep)
                        {
                            throw Error(ClustersConfigError.Duplicate, sourceName, lineNumber, $"endpoint {ep.Ep} is already defined on line {currentLine}.");
                        }

                        Flush();
                        current = ep;
                        currentLine = lineNumber;
                        break;
                    }

                    case "server":
                    case "client":
                    {
                        if (current is null)
                        {
                            throw Error(ClustersConfigError.Syntax, sourceName, lineNumber, $"a '{keyword}' line comes before any 'endpoint' line.");
                        }

                        ClustersConfigCluster cluster = ParseClusterLine(keyword == "server" ? ClusterSide.Server : ClusterSide.Client, tokens, sourceName, lineNumber);
                        foreach (ClustersConfigCluster other in clusters)
                        {
                            if (other.Side == cluster.Side && other.ClusterId == cluster.ClusterId)
                            {
                                throw Error(ClustersConfigError.DuplicateCluster, sourceName, lineNumber,
                                    $"{keyword} cluster {cluster.Name} is listed twice on endpoint {current.Value.Ep}.");
                            }
                        }

                        clusters.Add(cluster);
                        break;
                    }

                    default:
                        throw Error(ClustersConfigError.UnknownKeyword, sourceName, lineNumber,
                            $"unknown keyword '{tokens[0]}'; a line starts with 'endpoint', 'server' or 'client'.");
                }
            }

            Flush();
            return new ClustersConfig(endpoints.AsReadOnly());
        }

        private static (byte Ep, ushort Profile, ushort Device, byte Version) ParseEndpointLine(List<string> tokens, string source, int line)
        {
            if (tokens.Count < 2)
            {
                throw Error(ClustersConfigError.Syntax, source, line, "'endpoint' needs a number (1-240).");
            }

            byte ep = (byte)Number(tokens[1], 1, 240, "endpoint number", source, line);
            ushort? profile = null, device = null;
            byte version = 0;
            var seen = new HashSet<string>();
            for (int i = 2; i < tokens.Count; i += 2)
            {
                string key = tokens[i].ToLowerInvariant();
                if (key != "profile" && key != "device" && key != "version")
                {
                    throw Error(ClustersConfigError.UnknownKeyword, source, line, $"unknown keyword '{tokens[i]}' on an endpoint line; use profile, device and version.");
                }

                if (!seen.Add(key))
                {
                    throw Error(ClustersConfigError.Duplicate, source, line, $"'{key}' is given twice.");
                }

                if (i + 1 >= tokens.Count)
                {
                    throw Error(ClustersConfigError.Syntax, source, line, $"'{key}' needs a value.");
                }

                switch (key)
                {
                    case "profile":
                        profile = (ushort)Number(tokens[i + 1], 0, 0xFFFF, "profile id", source, line);
                        break;
                    case "device":
                        device = (ushort)Number(tokens[i + 1], 0, 0xFFFF, "device id", source, line);
                        break;
                    default:
                        version = (byte)Number(tokens[i + 1], 0, 15, "device version", source, line);
                        break;
                }
            }

            if (profile is null || device is null)
            {
                throw Error(ClustersConfigError.Syntax, source, line, $"endpoint {ep} needs {(profile is null ? "a profile" : "a device")} id, as in 'endpoint 1 profile 0x0109 device 0x0500'.");
            }

            return (ep, profile.Value, device.Value, version);
        }

        private static ClustersConfigCluster ParseClusterLine(ClusterSide side, List<string> tokens, string source, int line)
        {
            if (tokens.Count < 2)
            {
                throw Error(ClustersConfigError.Syntax, source, line, $"'{tokens[0]}' needs a cluster name or id.");
            }

            string name = tokens[1];
            if (name.IndexOf('=') >= 0 || !ClusterRegistry.TryParseClusterId(name, out ushort clusterId))
            {
                throw Error(ClustersConfigError.UnknownCluster, source, line,
                    $"unknown cluster '{name}'; give a name such as Metering, or a number such as 0x0702.");
            }

            ClusterDefinition? definition = ClusterRegistry.Get(clusterId);
            var attributes = new List<ClustersConfigAttribute>();
            for (int i = 2; i < tokens.Count; i++)
            {
                int eq = tokens[i].IndexOf('=');
                if (eq <= 0)
                {
                    throw Error(ClustersConfigError.Syntax, source, line, $"'{Unquote(tokens[i])}' is not an attribute default; write Name=value.");
                }

                string attrName = tokens[i].Substring(0, eq);
                string valueText = tokens[i].Substring(eq + 1);
                if (definition is null)
                {
                    throw Error(ClustersConfigError.UnknownAttribute, source, line,
                        $"cluster 0x{clusterId:X4} is not in the cluster table, so its attributes (such as '{attrName}') are unknown.");
                }

                ZclAttributeDefinition? attr = definition.GetAttribute(attrName);
                if (attr is null)
                {
                    throw Error(ClustersConfigError.UnknownAttribute, source, line, $"cluster {definition.Name} has no attribute '{attrName}'.");
                }

                if (attributes.Exists(a => a.Definition.Id == attr.Id))
                {
                    throw Error(ClustersConfigError.Duplicate, source, line, $"attribute {attr.Name} is given twice.");
                }

                if (!ClustersConfigValues.TryParse(attr.DataType, valueText, out ZclValue? value, out string? problem))
                {
                    throw Error(ClustersConfigError.BadValue, source, line, $"{definition.Name}.{attr.Name}: {problem}");
                }

                attributes.Add(new ClustersConfigAttribute(attr, value!));
            }

            return new ClustersConfigCluster(side, clusterId, attributes.AsReadOnly());
        }

        private static uint Number(string text, uint min, uint max, string what, string source, int line)
        {
            if (!ZclText.TryParseNumber(text, max, out uint n) || n < min)
            {
                throw Error(ClustersConfigError.Syntax, source, line, $"'{text}' is not a valid {what} ({min}-{max}, decimal or 0x hex).");
            }

            return n;
        }

        /// <summary>
        /// Splits a line into words; a double-quoted part (with \" and \\ escapes) stays in its word with its quotes,
        /// so that Name="two words" is one token. '#' outside quotes ends the line.
        /// </summary>
        private static List<string> Tokenize(string line, string source, int lineNumber)
        {
            var tokens = new List<string>();
            var sb = new StringBuilder();
            bool inQuotes = false;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (inQuotes)
                {
                    sb.Append(c);
                    if (c == '\\' && i + 1 < line.Length)
                    {
                        sb.Append(line[++i]);
                    }
                    else if (c == '"')
                    {
                        inQuotes = false;
                    }

                    continue;
                }

                if (c == '#')
                {
                    break;
                }

                if (char.IsWhiteSpace(c))
                {
                    if (sb.Length > 0)
                    {
                        tokens.Add(sb.ToString());
                        sb.Clear();
                    }

                    continue;
                }

                if (c == '"')
                {
                    inQuotes = true;
                }

                sb.Append(c);
            }

            if (inQuotes)
            {
                throw Error(ClustersConfigError.Syntax, source, lineNumber, "a quoted value is not closed.");
            }

            if (sb.Length > 0)
            {
                tokens.Add(sb.ToString());
            }

            return tokens;
        }

        internal static string Unquote(string text) => text.Length >= 2 && text[0] == '"' && text[text.Length - 1] == '"' ? text.Substring(1, text.Length - 2) : text;

        private static ClustersConfigException Error(ClustersConfigError error, string source, int line, string problem) =>
            new ClustersConfigException(error, source, line, problem);
    }
}
