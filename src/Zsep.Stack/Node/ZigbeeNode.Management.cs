using System;
using Zsep.Stack.Aps;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Node
{
    /// <summary>What a gateway asks of the network through its coordinator: removal of a device, joining through one router.</summary>
    public sealed partial class ZigbeeNode
    {
        /// <summary>
        /// Opens joining on one router only (Mgmt_Permit_Joining_req unicast, 05-3474 2.4.3.3.7), for commissioning a
        /// device near it; the coordinator and the other routers stay closed.
        /// </summary>
        public void PermitJoinThrough(NwkAddress router, byte seconds)
        {
            RequireJoined();
            if (router == NwkAddress)
            {
                OpenPermitJoin(seconds);
                return;
            }

            if (router.IsBroadcast)
            {
                throw new ArgumentException("A single router is needed; PermitJoin opens the whole network.", nameof(router));
            }

            SendZdo(router, new MgmtPermitJoiningRequest { Tsn = ++_zdoTsn, PermitDuration = seconds, TcSignificance = true });
        }

        /// <summary>
        /// The Trust Center removes a device from the network (05-3474 4.6.3.6, APSME-REMOVE-DEVICE): its own child
        /// is disassociated; a device further out is removed by its parent, told with APS Remove Device. The device
        /// loses its place; whether it may join again is the policy's business (its link key).
        /// </summary>
        /// <returns>False when the Trust Center does not know the device.</returns>
        public bool RemoveDevice(Eui64 device)
        {
            if (!_tcDevices.TryGetValue(device, out TcDevice? entry))
            {
                return false;
            }

            if (!entry.Authenticated && entry.Timer is { IsDone: false })
            {
                _pendingKeyConfirmations--;
            }

            entry.Timer?.Cancel();
            _tcDevices.Remove(device);
            if (entry.Parent == _nwkAddress)
            {
                RemoveChild(device, "RemovedByTrustCenter");
            }
            else
            {
                SendApsCommand(new NwkAddress(entry.Parent), new ApsRemoveDeviceCommand { TargetAddress = device });
            }

            DeviceLeft?.Invoke(this, new DeviceLeftEventArgs(device, new NwkAddress(entry.Address), "RemovedByTrustCenter"));
            return true;
        }
    }
}
