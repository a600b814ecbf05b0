using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Application
{
    /// <summary>
    /// An application endpoint (05-3474 2.1.2, 2.3.2.5): endpoint number, application profile, device id and version,
    /// its server clusters (the simple descriptor's input clusters) and client clusters (output clusters). ZDO
    /// discovery answers from <see cref="Descriptor"/>; ZCL frames to the endpoint go to its clusters.
    /// </summary>
    public sealed class ZclEndpoint
    {
        private readonly SortedDictionary<ushort, ZclClusterServer> _servers = new SortedDictionary<ushort, ZclClusterServer>();
        private readonly SortedDictionary<ushort, ZclClusterServer> _clients = new SortedDictionary<ushort, ZclClusterServer>();

        public ZclEndpoint(byte endpoint, ushort profileId, ushort deviceId, byte deviceVersion = 0)
        {
            if (endpoint == 0 || endpoint > 240)
            {
                throw new ArgumentOutOfRangeException(nameof(endpoint), "Application endpoints are 1 to 240.");
            }

            Endpoint = endpoint;
            ProfileId = profileId;
            DeviceId = deviceId;
            DeviceVersion = deviceVersion;
        }

        public byte Endpoint { get; }

        public ushort ProfileId { get; }

        public ushort DeviceId { get; }

        public byte DeviceVersion { get; }

        public IReadOnlyList<ZclClusterServer> Servers => _servers.Values.ToList();

        public IReadOnlyList<ZclClusterServer> Clients => _clients.Values.ToList();

        /// <summary>The simple descriptor (05-3474 2.3.2.5) of this endpoint.</summary>
        public SimpleDescriptor Descriptor => new SimpleDescriptor
        {
            Endpoint = Endpoint,
            ApplicationProfileIdentifier = ProfileId,
            ApplicationDeviceIdentifier = DeviceId,
            ApplicationDeviceVersion = DeviceVersion,
            ApplicationInputClusterList = _servers.Keys.ToList(),
            ApplicationOutputClusterList = _clients.Keys.ToList(),
        };

        /// <summary>Adds (or returns the existing) server side of <paramref name="clusterId"/>.</summary>
        public ZclClusterServer AddServer(ushort clusterId) => Get(_servers, clusterId, false);

        /// <summary>Adds (or returns the existing) client side of <paramref name="clusterId"/>.</summary>
        public ZclClusterServer AddClient(ushort clusterId) => Get(_clients, clusterId, true);

        public ZclClusterServer? GetServer(ushort clusterId) => _servers.TryGetValue(clusterId, out ZclClusterServer? s) ? s : null;

        public ZclClusterServer? GetClient(ushort clusterId) => _clients.TryGetValue(clusterId, out ZclClusterServer? s) ? s : null;

        public bool RemoveServer(ushort clusterId) => _servers.Remove(clusterId);

        public bool RemoveClient(ushort clusterId) => _clients.Remove(clusterId);

        internal event Action<ZclClusterServer>? ClusterAdded;

        private ZclClusterServer Get(SortedDictionary<ushort, ZclClusterServer> table, ushort clusterId, bool client)
        {
            if (!table.TryGetValue(clusterId, out ZclClusterServer? s))
            {
                table[clusterId] = s = new ZclClusterServer(clusterId, client);
                ClusterAdded?.Invoke(s);
            }

            return s;
        }

        public override string ToString() => $"endpoint {Endpoint} profile 0x{ProfileId:X4} device 0x{DeviceId:X4}";
    }
}
