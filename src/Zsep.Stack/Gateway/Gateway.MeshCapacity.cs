using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Gateway
{
    /// <summary>
    /// Test-ZsepMesh and what it measures of table capacity. Neighbor tables: Mgmt_Lqi_rsp gives the entry count, not
    /// the size, so the size is assumed (<see cref="MeshAuditOptions.NeighborTableCapacity"/>) except for the gateway's
    /// own table when its size is configured. Binding tables: a Bind_req answered TABLE_FULL (05-3474 2.4.4.2.2) is
    /// seen by the gateway, and the Mgmt_Bind_rsp count read just after is that table's size; Test-ZsepMesh reads the
    /// count again and reports the table while it is still at that size.
    /// </summary>
    public sealed partial class Gateway
    {
        private readonly Dictionary<Eui64, ZsepBindingTableUse> _bindingTablesFull = new Dictionary<Eui64, ZsepBindingTableUse>();

        private void NoteBindingTableFull(Eui64 node, NwkAddress address, bool local, TimeSpan timeout, CancellationToken cancellationToken)
        {
            int? count = local ? Coordinator.Bindings.Count : CountBindings(node, address, timeout, cancellationToken);
            _bindingTablesFull[node] = new ZsepBindingTableUse { Node = node, Capacity = count, Entries = count, RefusedAt = Scheduler.Now };
            Trace.Write(State.TraceLevel.Warning, "BIND_TABLE_FULL", node, $"binding table full at {count?.ToString() ?? "an unknown number of"} entries");
        }

        /// <summary>Mgmt_Bind_rsp BindingTableEntries of the first page, or null when the node does not answer or refuses.</summary>
        private int? CountBindings(Eui64 node, NwkAddress address, TimeSpan timeout, CancellationToken cancellationToken)
        {
            try
            {
                MgmtBindResponse page = ZdoRead<MgmtBindResponse>(node, address, new MgmtBindRequest { StartIndex = 0 }, timeout, cancellationToken);
                return page.Status == ZdoStatus.SUCCESS ? page.BindingTableEntries : null;
            }
            catch (ZdoRequestException)
            {
                return null;
            }
        }

        /// <summary>
        /// The binding tables known to have been full (a TABLE_FULL answer seen since the gateway started), each with its
        /// entry count read now (Mgmt_Bind_req) unless <paramref name="read"/> is false.
        /// </summary>
        public IReadOnlyList<ZsepBindingTableUse> GetBindingTablesFull(bool read = true, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            var list = new List<ZsepBindingTableUse>();
            foreach (ZsepBindingTableUse use in _bindingTablesFull.Values.OrderBy(u => u.Node).ToList())
            {
                if (!read || Store.GetNode(use.Node) is null && use.Node != Coordinator.Ieee)
                {
                    list.Add(use);
                    continue;
                }

                var (address, _, local) = ResolveNode(use.Node);
                int? now = local ? Coordinator.Bindings.Count : CountBindings(use.Node, address, timeout ?? DefaultZdoTimeout, cancellationToken);
                list.Add(use with { Entries = now });
            }

            return list;
        }

        /// <summary>
        /// Test-ZsepMesh: crawls the topology (end devices too unless <paramref name="endDevices"/> is false), scans the
        /// energy locally, re-reads the binding tables that were full, and runs the checks of <see cref="MeshAudit"/>.
        /// The gateway's own neighbor table size, when configured, replaces the assumed capacity for it.
        /// </summary>
        public IReadOnlyList<ZsepMeshFinding> TestMesh(MeshAuditOptions? options = null, Action<int, int, Eui64>? progress = null, CancellationToken cancellationToken = default,
            bool endDevices = true, TimeSpan? endDeviceTimeout = null)
        {
            options ??= new MeshAuditOptions();
            if (Coordinator.NeighborTableSize is int own && options.KnownNeighborTableSizes?.ContainsKey(Coordinator.Ieee) != true)
            {
                var sizes = new Dictionary<Eui64, int>();
                foreach (var pair in options.KnownNeighborTableSizes ?? new Dictionary<Eui64, int>())
                {
                    sizes[pair.Key] = pair.Value;
                }

                sizes[Coordinator.Ieee] = own;
                options = options with { KnownNeighborTableSizes = sizes };
            }

            ZsepTopology topology = GetTopology(progress, null, cancellationToken, endDevices, endDeviceTimeout);
            IReadOnlyList<ZsepChannelEnergy> energy = ScanChannelEnergy(null, (1u << Coordinator.Channel) | (1u << 25) | (1u << 26), null, cancellationToken);
            IReadOnlyList<ZsepBindingTableUse> bindings = GetBindingTablesFull(true, null, cancellationToken);
            return MeshAudit.Analyze(topology, energy, Coordinator.Channel, options, bindings);
        }
    }
}
