using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Aps;
using Zsep.Stack.Mac;
using Zsep.Stack.Nwk;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;

namespace Zsep.Stack.Node
{
    /// <summary>A device the Trust Center admitted (pending until its Device_annce) and where it sits.</summary>
    public sealed record TrustCenterDeviceInfo(Eui64 Ieee, NwkAddress NwkAddress, NwkAddress Parent, NodeDeviceType DeviceType, bool Authenticated);

    /// <summary>
    /// The Trust Center on the coordinator (05-3474 4.6.3.2, 4.7.3): on a join (its own child, or an APS Update
    /// Device from a parent router) it checks the policy and the device's link key, then sends APS Transport Key
    /// (standard network key) secured with the key-transport key of that link key: NWK-unsecured to its own child,
    /// or inside an APS Tunnel command to the parent. A device is refused (no Transport Key; removed through its
    /// parent; <see cref="ZigbeeNode.AuthenticationFailed"/>) when it is unknown and install codes are required,
    /// when it joined through a router and that is not allowed, or when it does not announce itself with the
    /// network key within the authentication timeout (a wrong install code: it could not unsecure the key).
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        private readonly Dictionary<Eui64, TcDevice> _tcDevices = new Dictionary<Eui64, TcDevice>();

        private sealed class TcDevice
        {
            public TcDevice(Eui64 ieee, ushort address, ushort parent)
            {
                Ieee = ieee;
                Address = address;
                Parent = parent;
            }

            public Eui64 Ieee { get; }

            public ushort Address { get; set; }

            public ushort Parent { get; set; }

            public bool Authenticated { get; set; }

            public NodeDeviceType DeviceType { get; set; } = NodeDeviceType.Unknown;

            public IScheduledItem? Timer { get; set; }
        }

        /// <summary>The Trust Center's device table (coordinator).</summary>
        public IReadOnlyList<TrustCenterDeviceInfo> TrustCenterDevices =>
            _tcDevices.Values.OrderBy(d => d.Ieee)
                .Select(d => new TrustCenterDeviceInfo(d.Ieee, new NwkAddress(d.Address), new NwkAddress(d.Parent), d.DeviceType, d.Authenticated))
                .ToList();

        private ushort? TrustCenterParentOf(ushort address)
        {
            foreach (TcDevice d in _tcDevices.Values)
            {
                if (d.Address == address)
                {
                    return d.Parent;
                }
            }

            return null;
        }

        private void TrustCenterOnUpdateDevice(NwkAddress parent, ApsUpdateDeviceCommand update)
        {
            switch (update.Status)
            {
                case ApsUpdateDeviceStatus.StandardDeviceUnsecuredJoin:
                    TrustCenterAdmit(update.DeviceAddress, update.DeviceShortAddress, parent, viaRouter: true);
                    break;
                case ApsUpdateDeviceStatus.DeviceLeft:
                    if (_tcDevices.TryGetValue(update.DeviceAddress, out TcDevice? gone))
                    {
                        gone.Timer?.Cancel();
                        _tcDevices.Remove(update.DeviceAddress);
                        DeviceLeft?.Invoke(this, new DeviceLeftEventArgs(update.DeviceAddress, update.DeviceShortAddress, "DeviceLeft"));
                    }

                    break;
                default:
                    // Rejoins (secured or Trust Center rejoin) are not implemented.
                    Drop("UpdateDeviceRejoinNotSupported");
                    break;
            }
        }

        private void TrustCenterAdmit(Eui64 device, NwkAddress address, NwkAddress parent, bool viaRouter)
        {
            ITrustCenterPolicy policy = _options.TrustCenter!;
            if (_tcDevices.TryGetValue(device, out TcDevice? previous))
            {
                previous.Timer?.Cancel();
                _tcDevices.Remove(device);
            }

            if (viaRouter && !policy.AllowJoinThroughRouter)
            {
                Refuse(device, parent, "JoinThroughRouterNotAllowed");
                return;
            }

            ZigbeeKey? linkKey = policy.LookupLinkKey(device);
            if (linkKey is null)
            {
                if (policy.RequireInstallCode)
                {
                    Refuse(device, parent, "UnknownDevice");
                    return;
                }

                linkKey = ZigbeeKey.DefaultTrustCenterLinkKey;
            }

            var entry = new TcDevice(device, address.Value, parent.Value);
            _tcDevices[device] = entry;
            entry.Timer = _scheduler.Schedule(_options.AuthenticationTimeout, () =>
            {
                if (_tcDevices.TryGetValue(device, out TcDevice? e) && e == entry && !e.Authenticated)
                {
                    _tcDevices.Remove(device);
                    Refuse(device, parent, "NoKeyConfirmation");
                }
            });

            var transport = new ApsTransportNetworkKey
            {
                Key = _networkKey!,
                KeySequenceNumber = _networkKeySequence,
                DestinationAddress = device,
                SourceAddress = Ieee,
            };
            byte[] secured = SecureApsCommand(transport, linkKey);
            if (!viaRouter)
            {
                NwkSend(address, NwkFrameType.Data, secured, secure: false);
            }
            else
            {
                SendApsCommand(parent, new ApsTunnelCommand { DestinationAddress = device, TunneledFrame = secured });
            }
        }

        /// <summary>Refuses a device: its parent removes it (APS Remove Device, or our own child table), and the event fires.</summary>
        private void Refuse(Eui64 device, NwkAddress parent, string reason)
        {
            AuthenticationFailed?.Invoke(this, new AuthenticationFailedEventArgs(device, reason));
            if (parent.Value == _nwkAddress)
            {
                RemoveChild(device, reason);
            }
            else
            {
                SendApsCommand(parent, new ApsRemoveDeviceCommand { TargetAddress = device });
            }
        }

        private void TrustCenterOnDeviceAnnounce(NwkAddress address, Eui64 device, MacCapabilityInformation capability)
        {
            if (!_tcDevices.TryGetValue(device, out TcDevice? entry))
            {
                Drop("AnnounceFromUnknownDevice");
                return;
            }

            entry.Address = address.Value;
            entry.DeviceType = (capability & MacCapabilityInformation.DeviceTypeFfd) != 0 ? NodeDeviceType.Router : NodeDeviceType.EndDevice;
            if (!entry.Authenticated)
            {
                entry.Authenticated = true;
                entry.Timer?.Cancel();
                DeviceJoined?.Invoke(this, new DeviceJoinedEventArgs(device, address, new NwkAddress(entry.Parent), entry.DeviceType));
            }
        }
    }
}
