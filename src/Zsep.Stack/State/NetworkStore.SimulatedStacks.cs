using System;
using System.Linq;
using Microsoft.Data.Sqlite;
using Zsep.Stack.Node;
using Zsep.Stack.Types;

namespace Zsep.Stack.State
{
    /// <summary>The joined stack state of simulated devices (table simulated_device_stacks, schema version 2).</summary>
    public sealed partial class NetworkStore
    {
        private const string StackColumns =
            "ieee, role, nwk_address, parent_address, parent_ieee, pan_id, channel, extended_pan_id, depth, network_key, key_sequence, trust_center, nwk_update_id, updated_at";

        /// <summary>The outgoing frame counter name of a simulated device in the store.</summary>
        public static string SimulatedDeviceCounterName(Eui64 ieee) => "sim:" + ieee.ToCompactString();

        /// <summary>Records a simulated device's joined state (replacing the previous one).</summary>
        public void SaveSimulatedDeviceStack(Eui64 ieee, NodeStackState state, DateTimeOffset at)
        {
            if (state is null)
            {
                throw new ArgumentNullException(nameof(state));
            }

            Write((c, tx) => NonQuery(c, tx,
                $"INSERT OR REPLACE INTO simulated_device_stacks ({StackColumns}) VALUES ($i, $r, $a, $pa, $pi, $pan, $ch, $e, $d, $k, $s, $tc, $u, $t)",
                ("$i", Db(ieee)), ("$r", (long)state.Role), ("$a", (long)state.NwkAddress.Value), ("$pa", (long)state.ParentAddress.Value),
                ("$pi", Db(state.ParentIeee)), ("$pan", (long)state.PanId.Value), ("$ch", (long)state.Channel), ("$e", Db(state.ExtendedPanId)),
                ("$d", (long)state.Depth), ("$k", state.NetworkKey.Span.ToArray()), ("$s", (long)state.NetworkKeySequence),
                ("$tc", Db(state.TrustCenterAddress)), ("$u", (long)state.NwkUpdateId), ("$t", Db(at))));
        }

        /// <summary>A simulated device's last joined state, or null (never joined, or it left).</summary>
        public NodeStackState? GetSimulatedDeviceStack(Eui64 ieee) =>
            Read(c => Query(c, null, MapStack, $"SELECT {StackColumns} FROM simulated_device_stacks WHERE ieee = $i", ("$i", Db(ieee))).FirstOrDefault());

        /// <summary>Forgets a simulated device's joined state (it left the network). Returns false when there was none.</summary>
        public bool RemoveSimulatedDeviceStack(Eui64 ieee) =>
            Write((c, tx) => NonQuery(c, tx, "DELETE FROM simulated_device_stacks WHERE ieee = $i", ("$i", Db(ieee))) > 0);

        private static NodeStackState MapStack(SqliteDataReader r) => new NodeStackState
        {
            Role = (NodeRole)r.GetInt64(1),
            NwkAddress = new NwkAddress((ushort)r.GetInt64(2)),
            ParentAddress = new NwkAddress((ushort)r.GetInt64(3)),
            ParentIeee = NullableIeee(r, 4),
            PanId = new PanId((ushort)r.GetInt64(5)),
            Channel = (byte)r.GetInt64(6),
            ExtendedPanId = Ieee(r, 7),
            Depth = (byte)r.GetInt64(8),
            NetworkKey = new ZigbeeKey(Blob(r, 9)!),
            NetworkKeySequence = (byte)r.GetInt64(10),
            TrustCenterAddress = Ieee(r, 11),
            NwkUpdateId = (byte)r.GetInt64(12),
        };

        /// <summary>A named integer of the running network (e.g. nwkUpdateId), or null when never set.</summary>
        public long? GetNetworkParameter(string name) =>
            Read(c => Command(c, null, "SELECT value FROM network_parameters WHERE name = $n", ("$n", name)).ExecuteScalarAndDispose() is long v ? v : (long?)null);

        public void SetNetworkParameter(string name, long value) =>
            Write((c, tx) => NonQuery(c, tx, "INSERT INTO network_parameters (name, value) VALUES ($n, $v) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                ("$n", name), ("$v", value)));
    }
}
