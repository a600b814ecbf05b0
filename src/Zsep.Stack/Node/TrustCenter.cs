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
        private int _pendingKeyConfirmations;

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

            return _restoredParents.TryGetValue(address, out ushort parent) ? parent : null;
        }

        /// <summary>Parents of devices admitted before a restart (from the gateway's node table), for source routes.</summary>
        private readonly Dictionary<ushort, ushort> _restoredParents = new Dictionary<ushort, ushort>();

        /// <summary>
        /// After a restart: <paramref name="device"/>'s parent, as the node table recorded it, so that the coordinator can
        /// build a source route along the join tree (an end device behind a router) before any route record arrives.
        /// </summary>
        public void RestoreDeviceParent(NwkAddress device, NwkAddress parent) => _restoredParents[device.Value] = parent.Value;

        private void TrustCenterOnUpdateDevice(NwkAddress parent, ApsUpdateDeviceCommand update)
        {
            TrustCenterOnKeyEvidence(parent.Value, fromRouter: true);
            switch (update.Status)
            {
                case ApsUpdateDeviceStatus.StandardDeviceUnsecuredJoin:
                    TrustCenterAdmit(update.DeviceAddress, update.DeviceShortAddress, parent, viaRouter: true);
                    break;
                case ApsUpdateDeviceStatus.DeviceLeft:
                    if (_tcDevices.TryGetValue(update.DeviceAddress, out TcDevice? gone))
                    {
                        if (!gone.Authenticated && gone.Timer is { IsDone: false })
                        {
                            _pendingKeyConfirmations--;
                        }

                        gone.Timer?.Cancel();
                        _tcDevices.Remove(update.DeviceAddress);
                        DeviceLeft?.Invoke(this, new DeviceLeftEventArgs(update.DeviceAddress, update.DeviceShortAddress, "DeviceLeft"));
                    }

                    break;
                default:
                    // Rejoins (secured or Trust Center rejoin) are not implemented, except a router's report of a
                    // device that missed a network key update (ZigbeeNode.KeyRotation).
                    if (!TrustCenterOnStaleKeyReport(parent, update))
                    {
                        Drop("UpdateDeviceRejoinNotSupported");
                    }

                    break;
            }
        }

        private void TrustCenterAdmit(Eui64 device, NwkAddress address, NwkAddress parent, bool viaRouter)
        {
            ITrustCenterPolicy policy = _options.TrustCenter!;
            if (_tcDevices.TryGetValue(device, out TcDevice? previous))
            {
                bool stillPending = !previous.Authenticated && previous.Timer is { IsDone: false };
                if (stillPending)
                {
                    _pendingKeyConfirmations--;
                }

                previous.Timer?.Cancel();
                _tcDevices.Remove(device);
                if (stillPending)
                {
                    // Joining again before it showed it holds the network key: the last attempt failed. Say so now,
                    // or a device that keeps retrying faster than the timeout (a wrong install code) is never reported.
                    AuthenticationFailed?.Invoke(this, new AuthenticationFailedEventArgs(device, "NoKeyConfirmation"));
                }
            }

            if (viaRouter && !policy.AllowJoinThroughRouter)
            {
                Refuse(device, parent, "JoinThroughRouterNotAllowed");
                return;
            }

            if (address.Value == _nwkAddress || IsAddressTaken(address.Value))
            {
                // Stochastic addresses (05-3474 3.6.1.7) collide: 200 devices draw the same one about once in three
                // networks. The Trust Center knows every address in use, so it refuses the newcomer (its parent removes
                // it) and the device joins again with a fresh draw, rather than resolving the conflict afterwards
                // (3.6.1.9), which this stack does not implement.
                Refuse(device, parent, "AddressConflict");
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
            _pendingKeyConfirmations++;
            entry.Timer = _scheduler.Schedule(_options.AuthenticationTimeout, () =>
            {
                if (_tcDevices.TryGetValue(device, out TcDevice? e) && e == entry && !e.Authenticated)
                {
                    _pendingKeyConfirmations--;
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
            SendTransportKey(device, address, parent, viaRouter, secured);

            // The Transport Key goes without APS acknowledgement (a joiner has no key to ack with), and over a long
            // route, or one found by route discovery, it is lost now and then: it goes once more halfway through the
            // timeout unless the device has shown it holds the network key by then. A device that got the first copy
            // is no longer authenticating and drops the second (OnSecuredApsCommand; NWK-unsecured once joined).
            _scheduler.Schedule(TimeSpan.FromTicks(_options.AuthenticationTimeout.Ticks / 2), () =>
            {
                if (_tcDevices.TryGetValue(device, out TcDevice? e) && e == entry && !e.Authenticated)
                {
                    SendTransportKey(device, address, parent, viaRouter, secured);
                }
            });
        }

        private void SendTransportKey(Eui64 device, NwkAddress address, NwkAddress parent, bool viaRouter, byte[] secured)
        {
            if (!viaRouter)
            {
                NwkSend(address, NwkFrameType.Data, secured, secure: false);
            }
            else
            {
                SendApsCommand(parent, new ApsTunnelCommand { DestinationAddress = device, TunneledFrame = secured });
            }
        }

        private bool IsAddressTaken(ushort address)
        {
            foreach (TcDevice d in _tcDevices.Values)
            {
                if (d.Address == address)
                {
                    return true;
                }
            }

            return false;
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

        /// <summary>
        /// A NWK frame secured with the network key and originated by <paramref name="source"/> reached the Trust
        /// Center: the device holds the key, which is what its Device_annce would have confirmed. When that
        /// broadcast was lost, the first such frame (an Update Device for its own child, a route record) admits it
        /// instead of leaving the timeout to remove a router that may already be a parent. Routers are the only
        /// devices that originate those frames; an end device's type stays Unknown until its announcement.
        /// </summary>
        private void TrustCenterOnKeyEvidence(ushort source, bool fromRouter)
        {
            if (_pendingKeyConfirmations == 0)
            {
                return;
            }

            foreach (TcDevice entry in _tcDevices.Values)
            {
                if (entry.Address == source && !entry.Authenticated)
                {
                    if (fromRouter)
                    {
                        entry.DeviceType = NodeDeviceType.Router;
                    }

                    ConfirmDevice(entry);
                    return;
                }
            }
        }

        private void ConfirmDevice(TcDevice entry)
        {
            entry.Authenticated = true;
            entry.Timer?.Cancel();
            _pendingKeyConfirmations--;
            DeviceJoined?.Invoke(this, new DeviceJoinedEventArgs(entry.Ieee, new NwkAddress(entry.Address), new NwkAddress(entry.Parent), entry.DeviceType));
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
                ConfirmDevice(entry);
            }
        }
    }
}
