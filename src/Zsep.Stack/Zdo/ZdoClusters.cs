using System.Collections.Generic;
using System.Globalization;

namespace Zsep.Stack.Zdo
{
    /// <summary>ZDP cluster identifiers this codec decodes. Zigbee PRO (05-3474) 2.4.3 / 2.4.4 (cluster id of each request and response).</summary>
    public static class ZdoClusterIds
    {
        public const ushort NwkAddrReq = 0x0000;
        public const ushort IeeeAddrReq = 0x0001;
        public const ushort NodeDescReq = 0x0002;
        public const ushort PowerDescReq = 0x0003;
        public const ushort SimpleDescReq = 0x0004;
        public const ushort ActiveEpReq = 0x0005;
        public const ushort MatchDescReq = 0x0006;
        public const ushort DeviceAnnce = 0x0013;
        public const ushort BindReq = 0x0021;
        public const ushort UnbindReq = 0x0022;
        public const ushort MgmtLqiReq = 0x0031;
        public const ushort MgmtRtgReq = 0x0032;
        public const ushort MgmtBindReq = 0x0033;
        public const ushort MgmtLeaveReq = 0x0034;
        public const ushort MgmtPermitJoiningReq = 0x0036;
        public const ushort MgmtNwkUpdateReq = 0x0038;

        /// <summary>Responses are the request cluster id with bit 15 set (2.4.4).</summary>
        public const ushort ResponseBit = 0x8000;
        public const ushort NwkAddrRsp = 0x8000;
        public const ushort IeeeAddrRsp = 0x8001;
        public const ushort NodeDescRsp = 0x8002;
        public const ushort PowerDescRsp = 0x8003;
        public const ushort SimpleDescRsp = 0x8004;
        public const ushort ActiveEpRsp = 0x8005;
        public const ushort MatchDescRsp = 0x8006;
        public const ushort BindRsp = 0x8021;
        public const ushort UnbindRsp = 0x8022;
        public const ushort MgmtLqiRsp = 0x8031;
        public const ushort MgmtRtgRsp = 0x8032;
        public const ushort MgmtBindRsp = 0x8033;
        public const ushort MgmtLeaveRsp = 0x8034;
        public const ushort MgmtPermitJoiningRsp = 0x8036;
        public const ushort MgmtNwkUpdateNotify = 0x8038;
    }

    /// <summary>
    /// Spec names of the ZDP clusters (Zigbee PRO (05-3474) 2.4.3 and 2.4.4, with the R22/R23 additions), for
    /// display: 0x0002 gives "Node_Desc_req".
    /// </summary>
    public static class ZdoClusters
    {
        private static readonly Dictionary<ushort, string> Names = Build();

        /// <summary>The spec name, or "ZDO_0x1234" for a cluster id without one.</summary>
        public static string GetName(ushort clusterId) =>
            Names.TryGetValue(clusterId, out string? name) ? name : "ZDO_0x" + clusterId.ToString("X4", CultureInfo.InvariantCulture);

        public static bool TryGetName(ushort clusterId, out string? name) => Names.TryGetValue(clusterId, out name);

        /// <summary>Every named cluster id, requests and responses.</summary>
        public static IReadOnlyDictionary<ushort, string> All => Names;

        private static Dictionary<ushort, string> Build()
        {
            var requests = new (ushort Id, string Name)[]
            {
                (0x0000, "NWK_addr"), (0x0001, "IEEE_addr"), (0x0002, "Node_Desc"), (0x0003, "Power_Desc"),
                (0x0004, "Simple_Desc"), (0x0005, "Active_EP"), (0x0006, "Match_Desc"), (0x0010, "Complex_Desc"),
                (0x0011, "User_Desc"), (0x0012, "Discovery_Cache"), (0x0015, "System_Server_Discovery"),
                (0x0016, "Discovery_store"), (0x0017, "Node_Desc_store"), (0x0018, "Power_Desc_store"),
                (0x0019, "Active_EP_store"), (0x001A, "Simple_Desc_store"), (0x001B, "Remove_node_cache"),
                (0x001C, "Find_node_cache"), (0x001D, "Extended_Simple_Desc"), (0x001E, "Extended_Active_EP"),
                (0x0020, "End_Device_Bind"), (0x0021, "Bind"), (0x0022, "Unbind"), (0x0023, "Bind_Register"),
                (0x0024, "Replace_Device"), (0x0025, "Store_Bkup_Bind_Entry"), (0x0026, "Remove_Bkup_Bind_Entry"),
                (0x0027, "Backup_Bind_Table"), (0x0028, "Recover_Bind_Table"), (0x0029, "Backup_Source_Bind"),
                (0x002A, "Recover_Source_Bind"), (0x0030, "Mgmt_NWK_Disc"), (0x0031, "Mgmt_Lqi"), (0x0032, "Mgmt_Rtg"),
                (0x0033, "Mgmt_Bind"), (0x0034, "Mgmt_Leave"), (0x0035, "Mgmt_Direct_Join"),
                (0x0036, "Mgmt_Permit_Joining"), (0x0037, "Mgmt_Cache"), (0x003A, "Mgmt_NWK_IEEE_Joining_List"),
                (0x003C, "Mgmt_NWK_Beacon_Survey"), (0x0040, "Security_Start_Key_Negotiation"),
                (0x0041, "Security_Retrieve_Authentication_Token"), (0x0042, "Security_Get_Authentication_Level"),
                (0x0043, "Security_Set_Configuration"), (0x0044, "Security_Get_Configuration"),
                (0x0045, "Security_Start_Key_Update"), (0x0046, "Security_Decommission"), (0x0047, "Security_Challenge"),
            };

            var names = new Dictionary<ushort, string>();
            foreach ((ushort id, string name) in requests)
            {
                names[id] = name + "_req";
                names[(ushort)(id | 0x8000)] = name + "_rsp";
            }

            names[0x0013] = "Device_annce";
            names[0x0014] = "User_Desc_set";
            names[0x8014] = "User_Desc_conf";
            names[0x001F] = "Parent_annce";
            names[0x801F] = "Parent_annce_rsp";
            names[0x0038] = "Mgmt_NWK_Update_req";
            names[0x8038] = "Mgmt_NWK_Update_notify";
            names[0x0039] = "Mgmt_NWK_Enhanced_Update_req";
            names[0x8039] = "Mgmt_NWK_Enhanced_Update_notify";
            names[0x803B] = "Mgmt_NWK_Unsolicited_Enhanced_Update_notify";
            return names;
        }
    }
}
