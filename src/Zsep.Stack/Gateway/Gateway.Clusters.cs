using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Zsep.Stack.Application;
using Zsep.Stack.State;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.Gateway
{
    /// <summary>
    /// clusters.conf wired into the gateway (issue 4 section 1): the file in the network folder says which clusters the
    /// gateway's endpoints serve (server) and use (client), and the attribute defaults (Basic ManufacturerName, ...). It is
    /// written with <see cref="ClustersConfig.Default"/> when the network is formed (or when a reopened folder has none),
    /// read and validated on Connect (a malformed file is a <see cref="ClustersConfigException"/> naming file and line),
    /// and edited by <see cref="SetCluster"/>, which writes it atomically and applies the change to the running
    /// endpoints without re-forming the network. A live change keeps what other parts of the gateway registered on a
    /// cluster that stays (command handlers of Price, DRLC, Messaging, Key Establishment).
    /// </summary>
    public sealed partial class Gateway
    {
        /// <summary>Trace code of a change to clusters.conf applied live.</summary>
        public const string ClustersChangedTraceCode = "CLUSTERS_CHANGED";

        /// <summary>The configuration in force (what clusters.conf holds).</summary>
        public ClustersConfig Clusters { get; private set; } = ClustersConfig.Default;

        /// <summary>Where this network's clusters.conf is.</summary>
        public string ClustersConfigPath => Path.Combine(_folder.Path, ClustersConfig.FileName);

        /// <summary>
        /// Reads clusters.conf from a network folder, writing the default first when the file does not exist.
        /// </summary>
        /// <exception cref="ClustersConfigException">The file exists but is malformed or unreadable (the message names file and line).</exception>
        public static ClustersConfig LoadClustersConfig(string folderPath)
        {
            string path = Path.Combine(folderPath, ClustersConfig.FileName);
            if (!File.Exists(path))
            {
                ClustersConfig.Default.Save(path);
                return ClustersConfig.Default;
            }

            return ClustersConfig.Load(path);
        }

        /// <summary>Called when the application starts: clusters.conf (or the default, written) applied to the endpoints.</summary>
        private void LoadClusters()
        {
            Clusters = LoadClustersConfig(_folder.Path);
            ApplyClusters(Clusters);
        }

        /// <summary>
        /// Applies a configuration to the running application: each endpoint of it is brought to its clusters and
        /// defaults (the ESI in place, so handlers on the clusters that stay are kept); endpoints no longer listed go.
        /// </summary>
        public void ApplyClusters(ClustersConfig config)
        {
            if (config is null)
            {
                throw new ArgumentNullException(nameof(config));
            }

            foreach (ClustersConfigEndpoint wanted in config.Endpoints)
            {
                ZclEndpoint? current = Application.GetEndpoint(wanted.Endpoint);
                if (current is null || current.ProfileId != wanted.ProfileId || current.DeviceId != wanted.DeviceId || current.DeviceVersion != wanted.DeviceVersion)
                {
                    Application.RemoveEndpoint(wanted.Endpoint);
                    current = new ZclEndpoint(wanted.Endpoint, wanted.ProfileId, wanted.DeviceId, wanted.DeviceVersion);
                    Fill(current, wanted);
                    AttachServerHandlers(current);
                    Application.AddEndpoint(current);
                }
                else
                {
                    Fill(current, wanted);
                    AttachServerHandlers(current);
                    Coordinator.RegisterEndpoint(current.Descriptor); // a removal does not re-register by itself
                }
            }

            foreach (byte stale in Clusters.Endpoints.Select(e => e.Endpoint).Where(n => config.GetEndpoint(n) is null).ToList())
            {
                Application.RemoveEndpoint(stale);
            }

            Clusters = config;
        }

        /// <summary>
        /// The clusters of an endpoint as the application serves them (default: the ESI), with each cluster line's
        /// attribute defaults from clusters.conf.
        /// </summary>
        public IReadOnlyList<ZsepCluster> GetClusters(byte endpoint = EsiEndpoint)
        {
            ZclEndpoint? ep = Application.GetEndpoint(endpoint);
            ClustersConfigEndpoint? configured = Clusters.GetEndpoint(endpoint);
            if (ep is null)
            {
                return Array.Empty<ZsepCluster>();
            }

            ZsepCluster Describe(ZclClusterServer s)
            {
                ClusterSide side = s.IsClient ? ClusterSide.Client : ClusterSide.Server;
                ClustersConfigCluster? line = configured?.Find(side, s.ClusterId);
                return new ZsepCluster
                {
                    Network = Name,
                    Endpoint = endpoint,
                    Cluster = s.ClusterId,
                    Name = s.Definition?.Name ?? "0x" + s.ClusterId.ToString("X4", CultureInfo.InvariantCulture),
                    Role = side,
                    AttributeCount = s.Attributes.Count,
                    Defaults = line?.Attributes.ToDictionary(a => a.Definition.Name, a => a.Value.Value) ?? new Dictionary<string, object?>(),
                };
            }

            return ep.Servers.Select(Describe).Concat(ep.Clients.Select(Describe)).ToList();
        }

        /// <summary>
        /// Adds, changes or (with <paramref name="remove"/>) removes one cluster line of an endpoint's clusters.conf, writes
        /// the file atomically and applies it at once. <paramref name="attributes"/> are defaults by attribute name or id:
        /// a <see cref="ZclValue"/>, a value of the attribute's type, or text as clusters.conf writes it; they are merged
        /// with the line's existing defaults (a null value removes one).
        /// </summary>
        /// <exception cref="ArgumentException">An unknown attribute, a value that does not fit its type, or removing a cluster that is not there.</exception>
        public IReadOnlyList<ZsepCluster> SetCluster(ushort cluster, ClusterSide side, bool remove = false, IReadOnlyDictionary<string, object?>? attributes = null, byte endpoint = EsiEndpoint)
        {
            ClustersConfigEndpoint ep = Clusters.GetEndpoint(endpoint)
                ?? (endpoint == EsiEndpoint
                    ? new ClustersConfigEndpoint(EsiEndpoint, ClustersConfig.SmartEnergyProfile, ClustersConfig.EsiDevice, 0, Array.Empty<ClustersConfigCluster>())
                    : throw new ArgumentException($"clusters.conf has no endpoint {endpoint}.", nameof(endpoint)));
            ClustersConfigCluster? existing = ep.Find(side, cluster);
            ClustersConfigEndpoint changed;
            if (remove)
            {
                if (existing is null)
                {
                    throw new ArgumentException($"Endpoint {endpoint} has no {side.ToString().ToLowerInvariant()} cluster {ClusterRegistry.Describe(cluster)}.", nameof(cluster));
                }

                changed = ep.Without(side, cluster);
            }
            else
            {
                var defaults = (existing?.Attributes ?? Array.Empty<ClustersConfigAttribute>()).ToList();
                if (attributes is not null && attributes.Count > 0)
                {
                    ClusterDefinition definition = ClusterRegistry.Get(cluster)
                        ?? throw new ArgumentException($"Cluster {ClusterRegistry.Describe(cluster)} is not in the cluster table, so it can have no attribute defaults.", nameof(attributes));
                    foreach (KeyValuePair<string, object?> a in attributes)
                    {
                        ZclAttributeDefinition ad = definition.GetAttribute(a.Key)
                            ?? throw new ArgumentException($"{definition.Name} has no attribute '{a.Key}'.", nameof(attributes));
                        defaults.RemoveAll(d => d.Definition.Id == ad.Id);
                        if (a.Value is not null)
                        {
                            defaults.Add(new ClustersConfigAttribute(ad, ToValue(ad, a.Value)));
                        }
                    }
                }

                changed = ep.With(new ClustersConfigCluster(side, cluster, defaults.AsReadOnly()));
            }

            ClustersConfig next = Clusters.With(changed);
            // Round-trip through the text first: what is written must load again.
            ClustersConfig.Parse(next.ToText(), ClustersConfigPath);
            next.Save(ClustersConfigPath);
            ApplyClusters(next);
            Trace.Info(ClustersChangedTraceCode, $"{(remove ? "removed" : "set")} {side.ToString().ToLowerInvariant()} {ClusterRegistry.Describe(cluster)} on endpoint {endpoint}");
            return GetClusters(endpoint);
        }

        private static ZclValue ToValue(ZclAttributeDefinition attribute, object value)
        {
            if (value is ZclValue z)
            {
                return z.DataType == attribute.DataType ? z : throw new ArgumentException($"{attribute.Name} is {attribute.DataType}, not {z.DataType}.");
            }

            ZclWireKind? kind = ZclDataTypes.Get(attribute.DataType)?.Kind;
            bool text = kind is ZclWireKind.CharString or ZclWireKind.LongCharString;
            if (value is string s && !text)
            {
                return ClustersConfigValues.TryParse(attribute.DataType, s.Trim(), out ZclValue? parsed, out string? problem)
                    ? parsed!
                    : throw new ArgumentException($"'{s}' is not a value of {attribute.Name}: {problem}");
            }

            try
            {
                return ZclValue.Create(attribute.DataType, value);
            }
            catch (Exception ex) when (ex is FormatException || ex is InvalidCastException || ex is OverflowException || ex is ArgumentException)
            {
                throw new ArgumentException($"'{value}' is not a value of {attribute.Name} ({attribute.DataType}): {ex.Message}", ex);
            }
        }

        /// <summary>Brings an endpoint to a configuration line by line: clusters added (general ones filled), removed, defaults set.</summary>
        private void Fill(ZclEndpoint endpoint, ClustersConfigEndpoint wanted)
        {
            foreach (ZclClusterServer s in endpoint.Servers.Where(s => wanted.Find(ClusterSide.Server, s.ClusterId) is null).ToList())
            {
                endpoint.RemoveServer(s.ClusterId);
            }

            foreach (ZclClusterServer c in endpoint.Clients.Where(c => wanted.Find(ClusterSide.Client, c.ClusterId) is null).ToList())
            {
                endpoint.RemoveClient(c.ClusterId);
            }

            foreach (ClustersConfigCluster line in wanted.Clusters)
            {
                ZclClusterServer cluster = line.Side == ClusterSide.Client
                    ? endpoint.GetClient(line.ClusterId) ?? endpoint.AddClient(line.ClusterId)
                    : endpoint.GetServer(line.ClusterId) ?? AddServerCluster(endpoint, line.ClusterId);
                foreach (ClustersConfigAttribute a in line.Attributes)
                {
                    if (cluster.GetAttribute(a.Definition.Id) is { Getter: null } stored)
                    {
                        stored.Value = a.Value;
                    }
                    else if (cluster.GetAttribute(a.Definition.Id) is null)
                    {
                        cluster.Add(ZclAttribute.FromDefinition(a.Definition, a.Value));
                    }
                }
            }
        }

        /// <summary>A server cluster with what this gateway serves on it: Basic, Identify, Time and Key Establishment filled; the rest empty for their handlers.</summary>
        private ZclClusterServer AddServerCluster(ZclEndpoint esi, ushort cluster)
        {
            switch (cluster)
            {
                case StandardClusters.Basic:
                    return StandardClusters.AddBasic(esi, "ZsepAdmin", "ZsepAdmin ESI");
                case StandardClusters.Identify:
                    return StandardClusters.AddIdentify(esi, Scheduler);
                case StandardClusters.Time:
                    return StandardClusters.AddTimeServer(esi, Scheduler);
                case StandardClusters.KeyEstablishment:
                    // SE 1.4 C.3.1.2.2: KeyEstablishmentSuite is the suites of the gateway's certificates, read live
                    // (a certificate imported later counts at once); handlers in Gateway.KeyEstablishment.
                    ZclClusterServer ke = esi.AddServer(cluster);
                    ke.Add("KeyEstablishmentSuite", (ushort)0, () => ZclValue.Create(ZclDataType.Map16,
                        (ushort)(KeyEstablishmentIdentity?.SupportedSuites ?? Zsep.Stack.KeyEstablishment.KeyEstablishmentSuites.None)));
                    return ke;
                default:
                    return esi.AddServer(cluster);
            }
        }
    }
}
