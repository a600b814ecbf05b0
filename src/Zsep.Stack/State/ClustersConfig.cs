using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.State
{
    /// <summary>Which side of a cluster an endpoint implements (ZCL rev 7 2.2.2).</summary>
    public enum ClusterSide
    {
        Server,
        Client,
    }

    /// <summary>An attribute default of a cluster line: the attribute's definition and its typed value.</summary>
    public sealed record ClustersConfigAttribute(ZclAttributeDefinition Definition, ZclValue Value)
    {
        public override string ToString() => $"{Definition.Name}={ClustersConfigValues.Format(Value)}";
    }

    /// <summary>One "server ..." or "client ..." line: side, cluster id, its definition (null for an id not in the table) and attribute defaults.</summary>
    public sealed class ClustersConfigCluster
    {
        public ClustersConfigCluster(ClusterSide side, ushort clusterId, IReadOnlyList<ClustersConfigAttribute>? attributes = null)
        {
            Side = side;
            ClusterId = clusterId;
            Attributes = attributes ?? Array.Empty<ClustersConfigAttribute>();
        }

        public ClusterSide Side { get; }

        public ushort ClusterId { get; }

        public ClusterDefinition? Definition => ClusterRegistry.Get(ClusterId);

        /// <summary>The cluster's name from the table ("Metering"), or "0x1234".</summary>
        public string Name => Definition?.Name ?? "0x" + ClusterId.ToString("X4", CultureInfo.InvariantCulture);

        public IReadOnlyList<ClustersConfigAttribute> Attributes { get; }

        /// <summary>The default of an attribute by name or id, or null.</summary>
        public ZclValue? GetDefault(string nameOrId)
        {
            ZclAttributeDefinition? a = Definition?.GetAttribute(nameOrId);
            foreach (ClustersConfigAttribute attr in Attributes)
            {
                if (a is not null && attr.Definition.Id == a.Id)
                {
                    return attr.Value;
                }
            }

            return null;
        }

        public override string ToString() => ClustersConfig.FormatCluster(this);
    }

    /// <summary>One "endpoint ..." line and the cluster lines under it (ZDO simple descriptor, Zigbee PRO 05-3474-21 2.3.2.5).</summary>
    public sealed class ClustersConfigEndpoint
    {
        public ClustersConfigEndpoint(byte endpoint, ushort profileId, ushort deviceId, byte deviceVersion, IReadOnlyList<ClustersConfigCluster> clusters)
        {
            if (endpoint < 1 || endpoint > 240)
            {
                throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "Application endpoints are 1-240.");
            }

            if (deviceVersion > 15)
            {
                throw new ArgumentOutOfRangeException(nameof(deviceVersion), deviceVersion, "The device version is 4 bits (0-15).");
            }

            var seen = new HashSet<(ClusterSide, ushort)>();
            foreach (ClustersConfigCluster c in clusters)
            {
                if (!seen.Add((c.Side, c.ClusterId)))
                {
                    throw new ArgumentException($"{c.Side} cluster {c.Name} is listed twice on endpoint {endpoint}.", nameof(clusters));
                }
            }

            Endpoint = endpoint;
            ProfileId = profileId;
            DeviceId = deviceId;
            DeviceVersion = deviceVersion;
            Clusters = clusters;
        }

        public byte Endpoint { get; }

        public ushort ProfileId { get; }

        public ushort DeviceId { get; }

        public byte DeviceVersion { get; }

        /// <summary>The cluster lines in file order.</summary>
        public IReadOnlyList<ClustersConfigCluster> Clusters { get; }

        /// <summary>Server cluster ids in file order (the simple descriptor's input cluster list).</summary>
        public IReadOnlyList<ushort> ServerClusterIds => Ids(ClusterSide.Server);

        /// <summary>Client cluster ids in file order (the simple descriptor's output cluster list).</summary>
        public IReadOnlyList<ushort> ClientClusterIds => Ids(ClusterSide.Client);

        public ClustersConfigCluster? Find(ClusterSide side, ushort clusterId)
        {
            foreach (ClustersConfigCluster c in Clusters)
            {
                if (c.Side == side && c.ClusterId == clusterId)
                {
                    return c;
                }
            }

            return null;
        }

        /// <summary>A copy with <paramref name="cluster"/> added, or replacing the line of the same side and id in place.</summary>
        public ClustersConfigEndpoint With(ClustersConfigCluster cluster)
        {
            var list = new List<ClustersConfigCluster>(Clusters);
            int i = list.FindIndex(c => c.Side == cluster.Side && c.ClusterId == cluster.ClusterId);
            if (i >= 0)
            {
                list[i] = cluster;
            }
            else
            {
                list.Add(cluster);
            }

            return new ClustersConfigEndpoint(Endpoint, ProfileId, DeviceId, DeviceVersion, list.AsReadOnly());
        }

        /// <summary>A copy without the cluster of that side and id (the same endpoint when it has none).</summary>
        public ClustersConfigEndpoint Without(ClusterSide side, ushort clusterId)
        {
            var list = new List<ClustersConfigCluster>(Clusters);
            list.RemoveAll(c => c.Side == side && c.ClusterId == clusterId);
            return new ClustersConfigEndpoint(Endpoint, ProfileId, DeviceId, DeviceVersion, list.AsReadOnly());
        }

        private IReadOnlyList<ushort> Ids(ClusterSide side)
        {
            var ids = new List<ushort>();
            foreach (ClustersConfigCluster c in Clusters)
            {
                if (c.Side == side)
                {
                    ids.Add(c.ClusterId);
                }
            }

            return ids.AsReadOnly();
        }
    }

    /// <summary>
    /// clusters.conf: the gateway's application endpoints and their clusters (issue 4 section 1), a line-based text
    /// file that people edit. The format:
    /// <code>
    /// # A comment runs from '#' (outside quotes) to the end of the line; blank lines are ignored.
    /// endpoint 1 profile 0x0109 device 0x0500 [version 0]   # starts an endpoint (1-240); profile and device required
    /// server Basic ManufacturerName="Zsep" ModelIdentifier="ESI" PowerSource=0x01
    /// server 0x000A              # a cluster by number (hex or decimal) or by name/alias from the cluster table
    /// client Metering
    /// </code>
    /// Cluster lines belong to the endpoint line above them. Attribute defaults are Name=value (name or id from the
    /// cluster's definition), typed by the attribute's data type: numbers in decimal or 0x hex, true/false, text in
    /// double quotes (\" and \\ escape), octet strings as 0x hex, UTC times as 2026-01-01T00:00:00Z, IEEE addresses as
    /// 00:0D:6F:00:00:00:00:01. Keys cannot be given here. Every error is a <see cref="ClustersConfigException"/>
    /// naming the file, the line and the problem. <see cref="ToText"/> writes the canonical form (comments are not
    /// kept); <see cref="Parse"/> of it gives the same configuration.
    /// </summary>
    public sealed partial class ClustersConfig
    {
        public const string FileName = "clusters.conf";

        /// <summary>Smart Energy profile id (SE 1.4 07-5356-19 5.1).</summary>
        public const ushort SmartEnergyProfile = 0x0109;

        /// <summary>Energy Service Interface device id (SE 1.4 5.7 Table 5-13).</summary>
        public const ushort EsiDevice = 0x0500;

        public ClustersConfig(IReadOnlyList<ClustersConfigEndpoint> endpoints)
        {
            var seen = new HashSet<byte>();
            foreach (ClustersConfigEndpoint e in endpoints)
            {
                if (!seen.Add(e.Endpoint))
                {
                    throw new ArgumentException($"Endpoint {e.Endpoint} is listed twice.", nameof(endpoints));
                }
            }

            Endpoints = endpoints;
        }

        public IReadOnlyList<ClustersConfigEndpoint> Endpoints { get; }

        public ClustersConfigEndpoint? GetEndpoint(byte endpoint)
        {
            foreach (ClustersConfigEndpoint e in Endpoints)
            {
                if (e.Endpoint == endpoint)
                {
                    return e;
                }
            }

            return null;
        }

        /// <summary>A copy with <paramref name="endpoint"/> added or replacing the endpoint of the same number.</summary>
        public ClustersConfig With(ClustersConfigEndpoint endpoint)
        {
            var list = new List<ClustersConfigEndpoint>(Endpoints);
            int i = list.FindIndex(e => e.Endpoint == endpoint.Endpoint);
            if (i >= 0)
            {
                list[i] = endpoint;
            }
            else
            {
                list.Add(endpoint);
            }

            return new ClustersConfig(list.AsReadOnly());
        }

        /// <summary>
        /// The Energy Service Interface: endpoint 1, Smart Energy profile, ESI device; Basic, Identify, Time,
        /// Price, DRLC, Messaging and Key Establishment servers and a Metering client.
        /// </summary>
        public static ClustersConfig Default { get; } = Parse(DefaultText, "(default clusters.conf)");

        internal const string DefaultText =
            "endpoint 1 profile 0x0109 device 0x0500\n" +
            "server Basic ManufacturerName=\"Zsep\" ModelIdentifier=\"ESI\" PowerSource=0x01\n" +
            "server Identify\n" +
            "server Time\n" +
            "server Price\n" +
            "server DemandResponseLoadControl\n" +
            "client Metering\n" +
            "server Messaging\n" +
            "server KeyEstablishment\n";

        /// <summary>Reads and validates a clusters.conf (UTF-8, with or without a byte order mark).</summary>
        /// <exception cref="ClustersConfigException">NotFound, IoError, or a problem on a line.</exception>
        public static ClustersConfig Load(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path, Encoding.UTF8);
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                throw new ClustersConfigException(ClustersConfigError.NotFound, path, null, "the file does not exist.", ex);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new ClustersConfigException(ClustersConfigError.IoError, path, null, $"cannot be read: {ex.Message}", ex);
            }

            return Parse(text, path);
        }

        /// <summary>Writes <see cref="ToText"/> atomically (temp file, flush, rename; <see cref="AtomicFile"/>).</summary>
        /// <exception cref="NetworkStateException">IoError when the file cannot be written.</exception>
        public void Save(string path) => AtomicFile.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(ToText()));

        /// <summary>The canonical text: a header that documents the format, then one line per endpoint and cluster.</summary>
        public string ToText()
        {
            var sb = new StringBuilder();
            sb.Append("# clusters.conf: the gateway's endpoints and clusters (ZsepAdmin).\n");
            sb.Append("#   endpoint <1-240> profile <id> device <id> [version <0-15>]\n");
            sb.Append("#   server|client <cluster name or id> [Attribute=value ...]\n");
            sb.Append("# Values: numbers (decimal or 0x hex), true/false, \"text\", 0x octets, 2026-01-01T00:00:00Z.\n");
            foreach (ClustersConfigEndpoint e in Endpoints)
            {
                sb.Append('\n');
                sb.Append(string.Format(CultureInfo.InvariantCulture, "endpoint {0} profile 0x{1:X4} device 0x{2:X4}", e.Endpoint, e.ProfileId, e.DeviceId));
                if (e.DeviceVersion != 0)
                {
                    sb.Append(" version ").Append(e.DeviceVersion.ToString(CultureInfo.InvariantCulture));
                }

                sb.Append('\n');
                foreach (ClustersConfigCluster c in e.Clusters)
                {
                    sb.Append(FormatCluster(c)).Append('\n');
                }
            }

            return sb.ToString();
        }

        internal static string FormatCluster(ClustersConfigCluster c)
        {
            var sb = new StringBuilder(c.Side == ClusterSide.Server ? "server " : "client ");
            sb.Append(c.Name);
            foreach (ClustersConfigAttribute a in c.Attributes)
            {
                sb.Append(' ').Append(a);
            }

            return sb.ToString();
        }

        public override string ToString() => ToText();
    }
}
