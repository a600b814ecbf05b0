using System;
using Zsep.Stack.Nwk;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// The ZDO part this stack needs (05-3474 2.4, 2.5): Device_annce after joining (2.4.3.1.11), and
    /// Mgmt_Permit_Joining_req (2.4.3.3.7) that opens routers for joining.
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        private byte _zdoTsn;

        private void SendZdo(NwkAddress destination, ZdoMessage message) =>
            SendData(destination, 0x00, message.ClusterId, 0x0000, 0x00, message.ToArray(), ackRequest: false);

        private void SendDeviceAnnounce() =>
            SendZdo(NwkAddress.BroadcastRxOnWhenIdle, new DeviceAnnounce { Tsn = ++_zdoTsn, NwkAddr = NwkAddress, IeeeAddr = Ieee, Capability = OwnCapability });

        private void SendMgmtPermitJoining(byte seconds) =>
            SendZdo(NwkAddress.BroadcastRouters, new MgmtPermitJoiningRequest { Tsn = ++_zdoTsn, PermitDuration = seconds, TcSignificance = true });

        private void ZdoReceive(NwkHeader nwk, ushort clusterId, byte[] body)
        {
            if (!ZdoMessage.TryDecode(clusterId, body, out ZdoMessage? message, out _) || message is null)
            {
                Drop("ZdoMalformed");
                return;
            }

            if (ZdoDiscoveryReceive(nwk, message) || ZdoBindingReceive(nwk, message) || ZdoManagementReceive(nwk, message))
            {
                return;
            }

            switch (message)
            {
                case DeviceAnnounce announce:
                    OnDeviceAnnounce(announce);
                    break;
                case MgmtPermitJoiningRequest permit when Role != NodeRole.EndDevice:
                    OpenPermitJoin(permit.PermitDuration);
                    break;
                case MgmtNwkUpdateRequest update when update.ScanDuration == MgmtNwkUpdateRequest.ChannelChange:
                    OnMgmtNwkUpdate(nwk, update);
                    break;
            }
        }

        private void OnDeviceAnnounce(DeviceAnnounce announce)
        {
            if (_children.TryGetValue(announce.NwkAddr.Value, out Child? child) && child.Ieee == announce.IeeeAddr)
            {
                child.Authenticated = true;
                if (_neighbors.TryGetValue(child.Address, out Neighbor? n))
                {
                    n.Relationship = NeighborRelationship.Child;
                }
            }

            if (Role == NodeRole.Coordinator)
            {
                TrustCenterOnDeviceAnnounce(announce.NwkAddr, announce.IeeeAddr, announce.Capability);
            }
        }
    }
}
