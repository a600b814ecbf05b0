using System;
using System.Collections.Generic;
using Zsep.Stack.Aps;
using Zsep.Stack.Codec;
using Zsep.Stack.Nwk;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// APS link-key security of application data (05-3474 4.4.1 "Frame Security", 4.4.1.1 outgoing, 4.4.1.2 incoming):
    /// an APS data frame between a device and the Trust Center on the Smart Energy profile is secured with that
    /// device's Trust Center link key: key identifier 0 (data key), ENC-MIC-32 (security level 5), extended nonce
    /// with the sender's IEEE address, and a frame counter that must grow per sender. SE 1.4 (07-5356-21) 5.4.6:
    /// every SE application frame except Key Establishment (0x0800) uses APS security, so an SE frame that arrives
    /// with NWK security only is dropped on both sides ("ApsSecurityRequired"). Device-to-device SE frames (no
    /// application link keys in this stack) travel with NWK security only. APS acknowledgements are NWK-secured only.
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        /// <summary>The Smart Energy application profile identifier (SE 1.4 5.1).</summary>
        public const ushort SmartEnergyProfileId = 0x0109;

        /// <summary>The Key Establishment cluster, the one SE cluster that travels without APS security (SE 1.4 C.3).</summary>
        public const ushort KeyEstablishmentClusterId = 0x0800;

        /// <summary>Incoming APS frame counters by the IEEE address of the sender (one link key per partner: the Trust Center's).</summary>
        private readonly Dictionary<Eui64, uint> _apsIncomingCounters = new Dictionary<Eui64, uint>();

        /// <summary>NWK address to IEEE address of partners the APS layer secures for (the coordinator's view of its devices).</summary>
        private readonly Dictionary<ushort, Eui64> _apsAddressMap = new Dictionary<ushort, Eui64>();

        private ApsStackOptions? _stackOptions;

        /// <summary>The APS attributes settable at run time (apsAckWaitDuration, apsMaxFrameRetries, window, block size).</summary>
        public ApsStackOptions StackOptions => _stackOptions ??= new ApsStackOptions(_options);

        /// <summary>Incoming APS frame counters by sender (for the store to persist).</summary>
        public IReadOnlyDictionary<Eui64, uint> ApsIncomingFrameCounters => _apsIncomingCounters;

        /// <summary>SE 1.4 5.4.6: Smart Energy profile application frames other than Key Establishment need APS security.</summary>
        public static bool RequiresApsSecurity(ushort profileId, ushort clusterId) =>
            profileId == SmartEnergyProfileId && clusterId != KeyEstablishmentClusterId;

        /// <summary>
        /// Tells the coordinator which device holds <paramref name="address"/> (devices admitted before a restart are not in
        /// the Trust Center's live table); the gateway calls it from its node table.
        /// </summary>
        public void LearnAddress(NwkAddress address, Eui64 ieee) => _apsAddressMap[address.Value] = ieee;

        /// <summary>The IEEE address behind a NWK address, as far as this node knows (Trust Center table, APS traffic).</summary>
        public Eui64? LookupIeee(NwkAddress address)
        {
            if (address.Value == _nwkAddress)
            {
                return Ieee;
            }

            if (Role != NodeRole.Coordinator && address.Value == 0x0000 && State == NodeState.Joined)
            {
                return _trustCenterAddress;
            }

            foreach (TcDevice d in _tcDevices.Values)
            {
                if (d.Address == address.Value)
                {
                    return d.Ieee;
                }
            }

            return _apsAddressMap.TryGetValue(address.Value, out Eui64 ieee) ? ieee : null;
        }

        /// <summary>The link key this node shares with <paramref name="partner"/>: a device with its Trust Center; the Trust Center with any admitted device.</summary>
        private ZigbeeKey? LinkKeyOf(Eui64 partner)
        {
            if (Role == NodeRole.Coordinator)
            {
                ITrustCenterPolicy? policy = _options.TrustCenter;
                ZigbeeKey? key = policy?.LookupLinkKey(partner);
                if (key is not null)
                {
                    return key;
                }

                // A device admitted without an install code holds the default TC link key (ZigBeeAlliance09).
                return policy is { RequireInstallCode: false } || _tcDevices.ContainsKey(partner) ? ZigbeeKey.DefaultTrustCenterLinkKey : null;
            }

            return partner == _trustCenterAddress ? _options.LinkKey ?? ZigbeeKey.DefaultTrustCenterLinkKey : null;
        }

        /// <summary>Whether frames with <paramref name="partner"/> are device-to-Trust-Center frames (the ones APS security covers).</summary>
        private bool IsTrustCenterPartner(ushort partner) => Role == NodeRole.Coordinator || partner == 0x0000;

        /// <summary>The link key to secure a unicast to <paramref name="destination"/> with; null when there is none.</summary>
        private ZigbeeKey? OutgoingLinkKey(NwkAddress destination) =>
            LookupIeee(destination) is Eui64 partner ? LinkKeyOf(partner) : null;

        /// <summary>4.4.1.1: the secured APS frame: header (security bit set) || aux header || encrypted payload || MIC.</summary>
        private byte[] SecureApsData(ApsHeader header, ReadOnlySpan<byte> payload, ZigbeeKey key)
        {
            byte[] headerBytes = (header with { Security = true }).ToArray();
            var aux = new AuxiliarySecurityHeader(SecurityLevel.EncMic32, KeyIdentifier.Data, NextLinkFrameCounter(), Ieee, null);
            byte[] secured = new byte[ZigbeeSecurity.SecuredLength(headerBytes.Length, aux, payload.Length)];
            ZigbeeSecurity.Secure(headerBytes, aux, payload, key, null, secured);
            return secured;
        }

        /// <summary>
        /// 4.4.1.2: unsecures an APS data frame with the sender's link key and checks its frame counter. Returns the
        /// payload, or null after a counted drop.
        /// </summary>
        private byte[]? UnsecureApsData(NwkHeader nwk, byte[] aps, int headerLength)
        {
            AuxiliarySecurityHeader aux;
            try
            {
                aux = ZigbeeSecurity.ReadAuxiliaryHeader(aps, headerLength);
            }
            catch (FrameFormatException)
            {
                Drop("ApsSecurityMalformed");
                return null;
            }

            Eui64? sender = aux.SourceAddress ?? LookupIeee(nwk.SourceAddress);
            if (aux.KeyIdentifier != KeyIdentifier.Data || sender is not Eui64 source)
            {
                Counters.SecurityFailures++;
                Drop("ApsSecurityFailed");
                return null;
            }

            ZigbeeKey? key = LinkKeyOf(source);
            if (key is null)
            {
                Counters.SecurityFailures++;
                Drop("ApsNoLinkKey");
                return null;
            }

            byte[] plaintext = new byte[aps.Length];
            SecurityOutcome outcome;
            int length;
            try
            {
                outcome = ZigbeeSecurity.Unsecure(aps, headerLength, key, source, plaintext, out aux, out length);
            }
            catch (FrameFormatException)
            {
                outcome = SecurityOutcome.MicFailed;
                length = 0;
            }

            if (outcome != SecurityOutcome.Decrypted)
            {
                Counters.SecurityFailures++;
                Drop("ApsSecurityFailed");
                return null;
            }

            if (_apsIncomingCounters.TryGetValue(source, out uint last) && aux.FrameCounter <= last)
            {
                Counters.SecurityFailures++;
                Drop("ApsFrameCounterReplay");
                return null;
            }

            _apsIncomingCounters[source] = aux.FrameCounter;
            if (Role == NodeRole.Coordinator)
            {
                _apsAddressMap[nwk.SourceAddress.Value] = source;
            }

            return plaintext.AsSpan(0, length).ToArray();
        }
    }
}
