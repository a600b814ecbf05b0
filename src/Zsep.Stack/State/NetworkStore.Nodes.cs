using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.State
{
    /// <summary>The node table (issue 3 §4) and the binding table (Zigbee PRO 2.2.8.2.1).</summary>
    public sealed partial class NetworkStore
    {
        private const string NodeColumns = "ieee, nwk_address, device_type, parent_ieee, joined_at, last_seen, lqi, rssi, hop_count, status";

        /// <summary>Adds or replaces a node, keyed by its IEEE address.</summary>
        public void UpsertNode(NodeRecord node) => UpsertNodes(new[] { node ?? throw new ArgumentNullException(nameof(node)) });

        /// <summary>Adds or replaces several nodes in one transaction (e.g. last-seen updates of a whole mesh).</summary>
        public void UpsertNodes(IEnumerable<NodeRecord> nodes)
        {
            if (nodes is null)
            {
                throw new ArgumentNullException(nameof(nodes));
            }

            NodeRecord[] list = nodes.ToArray();
            Write((c, tx) =>
            {
                using SqliteCommand command = Command(c, tx,
                    $"INSERT OR REPLACE INTO nodes ({NodeColumns}) VALUES ($i, $n, $d, $p, $j, $l, $q, $r, $h, $s)",
                    ("$i", null), ("$n", null), ("$d", null), ("$p", null), ("$j", null), ("$l", null), ("$q", null), ("$r", null), ("$h", null), ("$s", null));
                foreach (NodeRecord node in list)
                {
                    Set(command, "$i", Db(node.Ieee));
                    Set(command, "$n", (long)node.NwkAddress.Value);
                    Set(command, "$d", (long)node.DeviceType);
                    Set(command, "$p", Db(node.Parent));
                    Set(command, "$j", Db(node.JoinedAt));
                    Set(command, "$l", Db(node.LastSeen));
                    Set(command, "$q", node.Lqi is byte q ? (long)q : null);
                    Set(command, "$r", node.Rssi is sbyte r ? (long)r : null);
                    Set(command, "$h", node.HopCount is int h ? (long)h : null);
                    Set(command, "$s", (long)node.Status);
                    command.ExecuteNonQuery();
                }

                return 0;
            });
        }

        public NodeRecord? GetNode(Eui64 ieee) =>
            Read(c => Query(c, null, MapNode, $"SELECT {NodeColumns} FROM nodes WHERE ieee = $i", ("$i", Db(ieee))).FirstOrDefault());

        /// <summary>The node that has <paramref name="address"/> now, or null.</summary>
        public NodeRecord? GetNodeByNwkAddress(NwkAddress address) =>
            Read(c => Query(c, null, MapNode, $"SELECT {NodeColumns} FROM nodes WHERE nwk_address = $n", ("$n", (long)address.Value)).FirstOrDefault());

        /// <summary>Every node, by IEEE address.</summary>
        public IReadOnlyList<NodeRecord> GetNodes() =>
            Read(c => Query(c, null, MapNode, $"SELECT {NodeColumns} FROM nodes ORDER BY ieee"));

        /// <summary>Deletes a node (and its bindings as source). Returns false when it was unknown.</summary>
        public bool RemoveNode(Eui64 ieee) =>
            Write((c, tx) =>
            {
                NonQuery(c, tx, "DELETE FROM bindings WHERE src_ieee = $i", ("$i", Db(ieee)));
                return NonQuery(c, tx, "DELETE FROM nodes WHERE ieee = $i", ("$i", Db(ieee))) > 0;
            });

        private static void Set(SqliteCommand command, string name, object? value) => command.Parameters[name].Value = value ?? DBNull.Value;

        private static NodeRecord MapNode(SqliteDataReader r) => new NodeRecord
        {
            Ieee = Ieee(r, 0),
            NwkAddress = new NwkAddress((ushort)r.GetInt64(1)),
            DeviceType = (LogicalType)r.GetInt64(2),
            Parent = NullableIeee(r, 3),
            JoinedAt = NullableTime(r, 4),
            LastSeen = NullableTime(r, 5),
            Lqi = r.IsDBNull(6) ? null : (byte)r.GetInt64(6),
            Rssi = r.IsDBNull(7) ? null : (sbyte)r.GetInt64(7),
            HopCount = r.IsDBNull(8) ? null : (int)r.GetInt64(8),
            Status = (NodeStatus)r.GetInt64(9),
        };

        /// <summary>Adds a binding. Returns false when the same entry exists already.</summary>
        public bool AddBinding(BindingRecord binding)
        {
            var key = BindingKey(binding);
            return Write((c, tx) => NonQuery(c, tx,
                "INSERT OR IGNORE INTO bindings (src_ieee, src_endpoint, cluster, dst_mode, dst_address, dst_endpoint) VALUES ($si, $se, $c, $m, $da, $de)",
                key) > 0);
        }

        /// <summary>Removes a binding. Returns false when there was no such entry.</summary>
        public bool RemoveBinding(BindingRecord binding)
        {
            var key = BindingKey(binding);
            return Write((c, tx) => NonQuery(c, tx,
                "DELETE FROM bindings WHERE src_ieee = $si AND src_endpoint = $se AND cluster = $c AND dst_mode = $m AND dst_address = $da AND dst_endpoint = $de",
                key) > 0);
        }

        /// <summary>The bindings of one source device, or all of them.</summary>
        public IReadOnlyList<BindingRecord> GetBindings(Eui64? source = null) =>
            Read(c => source is Eui64 s
                ? Query(c, null, MapBinding, "SELECT src_ieee, src_endpoint, cluster, dst_mode, dst_address, dst_endpoint FROM bindings WHERE src_ieee = $si ORDER BY src_endpoint, cluster, dst_mode, dst_address, dst_endpoint", ("$si", Db(s)))
                : Query(c, null, MapBinding, "SELECT src_ieee, src_endpoint, cluster, dst_mode, dst_address, dst_endpoint FROM bindings ORDER BY src_ieee, src_endpoint, cluster, dst_mode, dst_address, dst_endpoint"));

        /// <summary>Removes every binding of a source device (Mgmt_Bind clear). Returns how many were removed.</summary>
        public int ClearBindings(Eui64 source) =>
            Write((c, tx) => NonQuery(c, tx, "DELETE FROM bindings WHERE src_ieee = $si", ("$si", Db(source))));

        private static (string, object?)[] BindingKey(BindingRecord b)
        {
            if (b is null)
            {
                throw new ArgumentNullException(nameof(b));
            }

            long address;
            long endpoint;
            switch (b.DestinationMode)
            {
                case ZdoAddressMode.Group:
                    address = b.DestinationGroup ?? throw new ArgumentException("A group binding needs DestinationGroup.", nameof(b));
                    endpoint = 0;
                    break;
                case ZdoAddressMode.Extended:
                    address = Db(b.DestinationIeee ?? throw new ArgumentException("A device binding needs DestinationIeee.", nameof(b)));
                    endpoint = b.DestinationEndpoint ?? throw new ArgumentException("A device binding needs DestinationEndpoint.", nameof(b));
                    break;
                default:
                    throw new ArgumentException($"Binding destination mode {b.DestinationMode} is not Group or Extended.", nameof(b));
            }

            return new (string, object?)[]
            {
                ("$si", Db(b.SourceIeee)), ("$se", (long)b.SourceEndpoint), ("$c", (long)b.ClusterId), ("$m", (long)b.DestinationMode),
                ("$da", address), ("$de", endpoint),
            };
        }

        private static BindingRecord MapBinding(SqliteDataReader r)
        {
            var source = Ieee(r, 0);
            byte srcEp = (byte)r.GetInt64(1);
            ushort cluster = (ushort)r.GetInt64(2);
            return (ZdoAddressMode)r.GetInt64(3) == ZdoAddressMode.Group
                ? BindingRecord.ToGroup(source, srcEp, cluster, (ushort)r.GetInt64(4))
                : BindingRecord.ToDevice(source, srcEp, cluster, Ieee(r, 4), (byte)r.GetInt64(5));
        }
    }
}
