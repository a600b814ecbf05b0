using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Aps;
using Zsep.Stack.Codec;
using Zsep.Stack.Nwk;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace Zsep.Stack.Node
{
    /// <summary>Raised when a node makes another network key the active one.</summary>
    public sealed class NetworkKeySwitchedEventArgs : EventArgs
    {
        public NetworkKeySwitchedEventArgs(byte previousSequence, byte sequence, string reason)
        {
            PreviousSequence = previousSequence;
            Sequence = sequence;
            Reason = reason;
        }

        public byte PreviousSequence { get; }

        public byte Sequence { get; }

        /// <summary>"SwitchKey" (the Trust Center's command), "FrameUnderNewKey" or "TrustCenter" (the Trust Center itself).</summary>
        public string Reason { get; }
    }

    /// <summary>Raised on the Trust Center when it sends the current network key to a device still using the previous one.</summary>
    public sealed class StaleKeyDeviceEventArgs : EventArgs
    {
        public StaleKeyDeviceEventArgs(Eui64 ieee, NwkAddress address, NwkAddress? reportedBy)
        {
            Ieee = ieee;
            Address = address;
            ReportedBy = reportedBy;
        }

        public Eui64 Ieee { get; }

        public NwkAddress Address { get; }

        /// <summary>The router that heard the device under the old key; null when the Trust Center heard it itself.</summary>
        public NwkAddress? ReportedBy { get; }
    }

    /// <summary>
    /// Network key update (05-3474 4.6.3.4 "Network Key Update", 4.4.3.1 Transport-Key, 4.4.3.7 Switch-Key): the Trust
    /// Center sends the new key to each device, unicast and APS-secured with the key-transport key of that device's
    /// link key (NWK-secured with the active key, so routers carry it to end devices like any unicast), then
    /// broadcasts Switch Key. A device keeps the new key as its alternate key until the Switch Key, or until the
    /// first frame secured with it arrives (devices switch at slightly different times). Every node keeps the
    /// previous key: frames under it are accepted for <see cref="ZigbeeNodeOptions.PreviousNetworkKeyGrace"/>, and
    /// recognised afterwards, so a device that missed the update (switched off at the time) is noticed when it next
    /// speaks: the Trust Center when it hears it itself, a router otherwise, which tells the Trust Center with an
    /// APS Update Device (status Trust Center rejoin, the status a device that lost the key would rejoin with). The
    /// Trust Center then sends that device the current key, APS-secured with its link key (tunnelled through the
    /// router, which delivers it under the previous key the device can still read), and a unicast Switch Key.
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        /// <summary>After a switch, frames under the previous key are not reported for this long (others are still switching).</summary>
        public static readonly TimeSpan StaleKeyReportDelay = TimeSpan.FromSeconds(20);

        /// <summary>A device heard under the previous key is reported (and sent the key) at most once in this interval.</summary>
        public static readonly TimeSpan StaleKeyReportInterval = TimeSpan.FromSeconds(30);

        private readonly Dictionary<Eui64, uint> _previousIncomingCounters = new Dictionary<Eui64, uint>();
        private readonly Dictionary<Eui64, DateTimeOffset> _staleReported = new Dictionary<Eui64, DateTimeOffset>();
        private readonly Dictionary<Eui64, ushort> _staleAddresses = new Dictionary<Eui64, ushort>();
        private ZigbeeKey? _alternateNetworkKey;
        private byte _alternateNetworkKeySequence;
        private ZigbeeKey? _previousNetworkKey;
        private byte _previousNetworkKeySequence;
        private DateTimeOffset _previousKeyUntil;
        private DateTimeOffset _keySwitchedAt;
        private bool _secureWithPreviousKey;

        private enum NetworkKeyUse
        {
            Active,
            Alternate,
            Previous,
        }

        /// <summary>nwkActiveKeySeqNumber: the sequence number of the key this node secures with.</summary>
        public byte NetworkKeySequence => _networkKeySequence;

        /// <summary>The sequence number of a key received but not yet switched to, or null.</summary>
        public byte? AlternateNetworkKeySequence => _alternateNetworkKey is null ? null : _alternateNetworkKeySequence;

        /// <summary>The key sequence last seen in a frame secured by each neighbor (by IEEE address), for diagnostics and tests.</summary>
        public IReadOnlyDictionary<Eui64, byte> NeighborKeySequences => _neighborKeySequences;

        private readonly Dictionary<Eui64, byte> _neighborKeySequences = new Dictionary<Eui64, byte>();

        public event EventHandler<NetworkKeySwitchedEventArgs>? NetworkKeySwitched;

        /// <summary>Raised on the Trust Center when it sends the current key to a device that missed an update.</summary>
        public event EventHandler<StaleKeyDeviceEventArgs>? StaleKeyDeviceUpdated;

        /// <summary>
        /// Trust Center, step 1 of a key update: keeps <paramref name="key"/> as the alternate key and sends it to each
        /// device (APS Transport-Key, key type 1, APS-secured with its key-transport key), spaced 50 ms apart. Devices
        /// without a link key are skipped. Returns how many were sent.
        /// </summary>
        public int DistributeNetworkKey(ZigbeeKey key, byte sequence, IEnumerable<(Eui64 Ieee, NwkAddress Address)> devices)
        {
            if (Role != NodeRole.Coordinator)
            {
                throw new InvalidOperationException("Only the Trust Center distributes a network key.");
            }

            RequireJoined();
            if (sequence == _networkKeySequence)
            {
                throw new ArgumentException("The new key needs a sequence number other than the active key's.", nameof(sequence));
            }

            _alternateNetworkKey = key ?? throw new ArgumentNullException(nameof(key));
            _alternateNetworkKeySequence = sequence;
            int sent = 0;
            foreach ((Eui64 ieee, NwkAddress address) in devices.Distinct().ToList())
            {
                ZigbeeKey? linkKey = LinkKeyOf(ieee);
                if (linkKey is null || address.IsBroadcast)
                {
                    continue;
                }

                var transport = new ApsTransportNetworkKey { Key = key, KeySequenceNumber = sequence, DestinationAddress = ieee, SourceAddress = Ieee };
                byte[] frame = SecureApsCommand(transport, linkKey);
                _scheduler.Schedule(TimeSpan.FromMilliseconds(50 * sent), () =>
                {
                    if (!_disposed)
                    {
                        NwkSend(address, NwkFrameType.Data, frame);
                    }
                });
                sent++;
            }

            return sent;
        }

        /// <summary>
        /// Trust Center, step 2: broadcasts APS Switch-Key (to 0xFFFF, NWK-secured with the active key) and makes the
        /// distributed key the active one. Sleeping end devices miss broadcasts (their parents keep only unicasts for
        /// them), so <paramref name="endDevices"/> are sent a unicast Switch-Key as well, which their parents hold until
        /// they poll.
        /// </summary>
        public void SwitchNetworkKey(IEnumerable<NwkAddress>? endDevices = null)
        {
            if (Role != NodeRole.Coordinator || _alternateNetworkKey is null)
            {
                throw new InvalidOperationException("There is no distributed key to switch to.");
            }

            var header = new ApsHeader { FrameType = ApsFrameType.Command, DeliveryMode = ApsDeliveryMode.Broadcast, Counter = ++_apsCounter };
            byte[] frame = ApsFrame.FromCommand(header, new ApsSwitchKeyCommand { KeySequenceNumber = _alternateNetworkKeySequence }).ToArray();
            byte sequence = _alternateNetworkKeySequence;
            NwkSend(NwkAddress.BroadcastAll, NwkFrameType.Data, frame);
            ActivateAlternateKey("TrustCenter");
            foreach (NwkAddress device in endDevices ?? Enumerable.Empty<NwkAddress>())
            {
                SendApsCommand(device, new ApsSwitchKeyCommand { KeySequenceNumber = sequence });
            }
        }

        /// <summary>
        /// After a restart: the key before the active one, so that a device that missed the last update is still
        /// recognised (its frames are not accepted: the grace period has passed).
        /// </summary>
        public void RestorePreviousNetworkKey(ZigbeeKey key, byte sequence)
        {
            if (sequence == _networkKeySequence && State == NodeState.Joined)
            {
                return;
            }

            _previousNetworkKey = key ?? throw new ArgumentNullException(nameof(key));
            _previousNetworkKeySequence = sequence;
            _previousKeyUntil = DateTimeOffset.MinValue;
            _keySwitchedAt = DateTimeOffset.MinValue;
        }

        private ZigbeeKey? SelectNetworkKey(byte? sequence, out NetworkKeyUse use)
        {
            use = NetworkKeyUse.Active;
            if (sequence is not byte s || s == _networkKeySequence)
            {
                return _networkKey;
            }

            if (_alternateNetworkKey is not null && s == _alternateNetworkKeySequence)
            {
                use = NetworkKeyUse.Alternate;
                return _alternateNetworkKey;
            }

            if (_previousNetworkKey is not null && s == _previousNetworkKeySequence)
            {
                use = NetworkKeyUse.Previous;
                return _previousNetworkKey;
            }

            return null;
        }

        /// <summary>The alternate key becomes the active one; the active one the previous, accepted for the grace period.</summary>
        private void ActivateAlternateKey(string reason)
        {
            if (_alternateNetworkKey is null)
            {
                return;
            }

            byte old = _networkKeySequence;
            _previousNetworkKey = _networkKey;
            _previousNetworkKeySequence = _networkKeySequence;
            _previousIncomingCounters.Clear();
            foreach (KeyValuePair<Eui64, uint> c in _incomingCounters)
            {
                _previousIncomingCounters[c.Key] = c.Value;
            }

            _incomingCounters.Clear();
            _networkKey = _alternateNetworkKey;
            _networkKeySequence = _alternateNetworkKeySequence;
            _alternateNetworkKey = null;
            _keySwitchedAt = _scheduler.Now;
            _previousKeyUntil = _scheduler.Now + _options.PreviousNetworkKeyGrace;
            NetworkKeySwitched?.Invoke(this, new NetworkKeySwitchedEventArgs(old, _networkKeySequence, reason));
        }

        /// <summary>
        /// A frame from <paramref name="hop"/> under the previous key (it unsecured correctly, so the sender really holds
        /// that key): the sender missed the update. Reported after the switch settles; accepted during the grace period.
        /// </summary>
        private bool OnPreviousKeyFrame(Eui64 hop, NwkHeader header)
        {
            if (_scheduler.Now >= _keySwitchedAt + StaleKeyReportDelay)
            {
                // The originator is the hop itself when its IEEE address is in the NWK header, or the frame went one
                // hop (a link status: radius 1), or the Trust Center knows the address as the hop's.
                bool originatorIsHop = header.SourceIeeeAddress == hop || header.Radius <= 1 || LookupIeee(header.SourceAddress) == hop;
                ReportStaleKeyDevice(hop, originatorIsHop ? header.SourceAddress : (NwkAddress?)null);
            }

            if (_scheduler.Now < _previousKeyUntil)
            {
                return true;
            }

            Drop("NwkPreviousKeyExpired");
            return false;
        }

        private void ReportStaleKeyDevice(Eui64 device, NwkAddress? originator)
        {
            if (_staleReported.TryGetValue(device, out DateTimeOffset last) && _scheduler.Now < last + StaleKeyReportInterval)
            {
                return;
            }

            // The hop's NWK address: from the neighbor table, else the frame's originator when that is the hop itself
            // (its link status, or anything it sent) - the one hop whose IEEE address the Trust Center maps to it.
            ushort? address = NeighborAddressOf(device);
            if (address is null && originator is NwkAddress o)
            {
                address = o.Value;
            }

            if (address is null)
            {
                return;
            }

            _staleReported[device] = _scheduler.Now;
            _staleAddresses[device] = address.Value;

            if (Role == NodeRole.Coordinator)
            {
                TrustCenterSendCurrentKey(device, new NwkAddress(address.Value), null);
            }
            else if (Role == NodeRole.Router && State == NodeState.Joined)
            {
                SendApsCommand(NwkAddress.Coordinator, new ApsUpdateDeviceCommand
                {
                    DeviceAddress = device,
                    DeviceShortAddress = new NwkAddress(address.Value),
                    Status = ApsUpdateDeviceStatus.StandardDeviceTrustCenterRejoin,
                });
            }
        }

        private ushort? NeighborAddressOf(Eui64 ieee)
        {
            foreach (Neighbor n in _neighbors.Values)
            {
                if (n.Ieee == ieee)
                {
                    return n.Address;
                }
            }

            foreach (Child c in _children.Values)
            {
                if (c.Ieee == ieee)
                {
                    return c.Address;
                }
            }

            return null;
        }

        /// <summary>
        /// Trust Center: a router reports a device that still uses the previous key (Update Device, Trust Center rejoin
        /// or secured rejoin status). Returns false when this is not such a report (no key update happened, or the
        /// device is not one of ours).
        /// </summary>
        private bool TrustCenterOnStaleKeyReport(NwkAddress reporter, ApsUpdateDeviceCommand update)
        {
            if (_previousNetworkKey is null || LinkKeyOf(update.DeviceAddress) is null)
            {
                return false;
            }

            if (_staleReported.TryGetValue(update.DeviceAddress, out DateTimeOffset last) && _scheduler.Now < last + StaleKeyReportInterval)
            {
                return true;
            }

            _staleReported[update.DeviceAddress] = _scheduler.Now;
            TrustCenterSendCurrentKey(update.DeviceAddress, update.DeviceShortAddress, reporter);
            return true;
        }

        /// <summary>
        /// Sends the active key to a device that missed the update: Transport-Key APS-secured with its link key, delivered
        /// under the previous network key (directly, or by the reporting router from an APS Tunnel), then a unicast
        /// Switch-Key under the new one.
        /// </summary>
        private void TrustCenterSendCurrentKey(Eui64 device, NwkAddress address, NwkAddress? via)
        {
            ZigbeeKey? linkKey = LinkKeyOf(device);
            if (linkKey is null || _networkKey is null)
            {
                Drop("StaleKeyDeviceUnknown");
                return;
            }

            var transport = new ApsTransportNetworkKey { Key = _networkKey, KeySequenceNumber = _networkKeySequence, DestinationAddress = device, SourceAddress = Ieee };
            byte[] secured = SecureApsCommand(transport, linkKey);
            if (via is NwkAddress router)
            {
                SendApsCommand(router, new ApsTunnelCommand { DestinationAddress = device, TunneledFrame = secured });
            }
            else
            {
                SendToNeighborUnderPreviousKey(address.Value, secured);
            }

            byte sequence = _networkKeySequence;
            _scheduler.Schedule(TimeSpan.FromSeconds(2), () =>
            {
                if (!_disposed && _networkKeySequence == sequence)
                {
                    SendApsCommand(address, new ApsSwitchKeyCommand { KeySequenceNumber = sequence });
                }
            });
            StaleKeyDeviceUpdated?.Invoke(this, new StaleKeyDeviceEventArgs(device, address, via));
        }

        /// <summary>One hop to a neighbor that still holds the previous key, NWK-secured with that key and its counter.</summary>
        private void SendToNeighborUnderPreviousKey(ushort neighbor, byte[] apsFrame)
        {
            var header = new NwkHeader
            {
                FrameType = NwkFrameType.Data,
                DiscoverRoute = NwkDiscoverRoute.SuppressRouteDiscovery,
                DestinationAddress = new NwkAddress(neighbor),
                SourceAddress = new NwkAddress(_nwkAddress),
                Radius = 1,
                SequenceNumber = ++_nwkSequence,
                Security = true,
            };
            Counters.NwkTx++;
            _secureWithPreviousKey = true;
            try
            {
                SendToHop(header, apsFrame, neighbor, true, null);
            }
            finally
            {
                _secureWithPreviousKey = false;
            }
        }

        /// <summary>The address of <paramref name="device"/> when it was heard under the previous key lately (a router relaying a tunnel to it).</summary>
        private ushort? StaleKeyNeighborAddress(Eui64 device) =>
            _previousNetworkKey is not null && _staleReported.TryGetValue(device, out DateTimeOffset at) && _scheduler.Now < at + StaleKeyReportInterval + StaleKeyReportInterval
                && _staleAddresses.TryGetValue(device, out ushort address) ? address
                : null;

        /// <summary>
        /// A joined device receives an APS-secured Transport-Key of a network key (4.4.3.1, 4.6.3.4): from its Trust
        /// Center, with a frame counter above the last one. A new key becomes the alternate key, switched to on Switch-Key.
        /// </summary>
        private void OnJoinedSecuredApsCommand(byte[] aps, int headerLength)
        {
            ZigbeeKey key = _options.LinkKey ?? ZigbeeKey.DefaultTrustCenterLinkKey;
            byte[] plaintext = new byte[aps.Length];
            SecurityOutcome outcome;
            AuxiliarySecurityHeader aux;
            int length;
            try
            {
                outcome = ZigbeeSecurity.Unsecure(aps, headerLength, key, _trustCenterAddress, plaintext, out aux, out length);
            }
            catch (FrameFormatException)
            {
                outcome = SecurityOutcome.MicFailed;
                aux = default;
                length = 0;
            }

            Eui64 sender = aux.SourceAddress ?? _trustCenterAddress;
            if (outcome != SecurityOutcome.Decrypted || (aux.KeyIdentifier != KeyIdentifier.KeyTransport && aux.KeyIdentifier != KeyIdentifier.Data) || sender != _trustCenterAddress)
            {
                Counters.SecurityFailures++;
                Drop("ApsSecurityFailed");
                return;
            }

            if (_apsIncomingCounters.TryGetValue(sender, out uint last) && aux.FrameCounter <= last)
            {
                Counters.SecurityFailures++;
                Drop("ApsFrameCounterReplay");
                return;
            }

            _apsIncomingCounters[sender] = aux.FrameCounter;
            if (aux.KeyIdentifier == KeyIdentifier.Data)
            {
                // Under the link key itself: the Trust Center's Confirm-Key (4.4.10.8).
                if (ApsCommand.TryDecode(plaintext.AsSpan(0, length), out ApsCommand? keyed, out _) && keyed is ApsConfirmKeyCommand confirm)
                {
                    OnConfirmKey(confirm);
                }
                else
                {
                    Drop("ApsSecuredCommandIgnored");
                }

                return;
            }

            if (!ApsCommand.TryDecode(plaintext.AsSpan(0, length), out ApsCommand? command, out _) ||
                command is not ApsTransportNetworkKey transport || transport.DestinationAddress != Ieee || transport.SourceAddress != _trustCenterAddress)
            {
                Drop("ApsSecuredCommandIgnored");
                return;
            }

            if (transport.KeySequenceNumber == _networkKeySequence)
            {
                return; // the key we hold already (a repeated copy)
            }

            _alternateNetworkKey = transport.Key;
            _alternateNetworkKeySequence = transport.KeySequenceNumber;
        }

        /// <summary>Switch-Key from the Trust Center (4.4.3.7): the alternate key with that sequence number becomes active.</summary>
        private void OnSwitchKey(ApsSwitchKeyCommand command)
        {
            if (command.KeySequenceNumber == _networkKeySequence)
            {
                return;
            }

            if (_alternateNetworkKey is null || command.KeySequenceNumber != _alternateNetworkKeySequence)
            {
                Drop("SwitchKeyUnknownSequence");
                return;
            }

            ActivateAlternateKey("SwitchKey");
        }
    }
}
