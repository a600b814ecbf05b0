using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Aps;
using Zsep.Stack.Codec;
using Zsep.Stack.Nwk;
using Zsep.Stack.Runtime;
using Zsep.Stack.Security;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// APS (05-3474 2.2): the data service with acknowledgements (apsAckWaitDuration, apsMaxFrameRetries), the APS
    /// counter and the duplicate rejection table (2.2.8.4.2), and APS commands. Smart Energy application data to and
    /// from the Trust Center is APS-secured with the link key (ApsSecurity), long payloads are fragmented
    /// (ApsFragmentation); APS commands between routers and the Trust Center (Update Device, Remove
    /// Device, Tunnel) are NWK-secured and APS-unsecured, a simplification of R21's TC-link-key APS security.
    /// Transport Key to a joining device is APS-secured with its key-transport key (4.4.1.1, 4.6.3.2).
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        private readonly Dictionary<(ushort Destination, byte Counter), PendingAck> _pendingAcks = new Dictionary<(ushort Destination, byte Counter), PendingAck>();
        private readonly Dictionary<(ushort Source, byte Counter), DateTimeOffset> _apsDuplicates = new Dictionary<(ushort Source, byte Counter), DateTimeOffset>();
        private byte _apsCounter;

        private sealed class PendingAck
        {
            public PendingAck(NwkAddress destination, ApsHeader header, byte[] payload, ZigbeeKey? linkKey, Action<ApsDeliveryStatus>? completed)
            {
                Destination = destination;
                Header = header;
                Payload = payload;
                LinkKey = linkKey;
                Completed = completed;
            }

            public NwkAddress Destination { get; }

            public ApsHeader Header { get; }

            public byte[] Payload { get; }

            /// <summary>The link key the frame is secured with, or null for NWK security only.</summary>
            public ZigbeeKey? LinkKey { get; }

            /// <summary>The frame unsecured at APS: built once, sent as is on every attempt.</summary>
            public byte[]? Plain { get; set; }

            public Action<ApsDeliveryStatus>? Completed { get; }

            public int Retries { get; set; }

            public IScheduledItem? Timer { get; set; }
        }

        /// <summary>
        /// APSDE-DATA.request (2.2.4.1.1): sends <paramref name="payload"/> to an endpoint of <paramref name="destination"/>
        /// (a unicast with an APS ack and retries unless <paramref name="ackRequest"/> is false, or a broadcast). A Smart
        /// Energy frame to or from the Trust Center is APS-secured with the link key (ApsSecurity); a unicast payload
        /// longer than <see cref="ApsStackOptions.FragmentBlockSize"/> goes fragmented (ApsFragmentation).
        /// </summary>
        public void SendData(NwkAddress destination, byte destinationEndpoint, ushort clusterId, ushort profileId, byte sourceEndpoint,
            byte[] payload, Action<ApsDeliveryStatus>? completed = null, bool ackRequest = true)
        {
            if (payload is null)
            {
                throw new ArgumentNullException(nameof(payload));
            }

            if (State != NodeState.Joined)
            {
                completed?.Invoke(ApsDeliveryStatus.NotSent);
                return;
            }

            bool broadcast = destination.IsBroadcast;
            ZigbeeKey? linkKey = null;
            if (!broadcast && RequiresApsSecurity(profileId, clusterId) && IsTrustCenterPartner(destination.Value))
            {
                linkKey = OutgoingLinkKey(destination);
                if (linkKey is null)
                {
                    Drop("ApsNoLinkKey");
                    completed?.Invoke(ApsDeliveryStatus.NotSent);
                    return;
                }
            }

            var header = new ApsHeader
            {
                FrameType = ApsFrameType.Data,
                DeliveryMode = broadcast ? ApsDeliveryMode.Broadcast : ApsDeliveryMode.Unicast,
                AckRequest = ackRequest && !broadcast,
                DestinationEndpoint = destinationEndpoint,
                ClusterId = clusterId,
                ProfileId = profileId,
                SourceEndpoint = sourceEndpoint,
                Counter = ++_apsCounter,
            };
            if (payload.Length > StackOptions.FragmentBlockSize)
            {
                if (!header.AckRequest)
                {
                    // 2.2.8.4.5: fragmentation is for acknowledged unicasts only.
                    Drop("ApsFrameTooLong");
                    completed?.Invoke(ApsDeliveryStatus.NotSent);
                    return;
                }

                Counters.ApsSent++;
                SendFragmented(destination, header, payload, linkKey, completed);
                return;
            }

            Counters.ApsSent++;
            if (!header.AckRequest)
            {
                byte[] frame = linkKey is null ? new ApsFrame(header, payload).ToArray() : SecureApsData(header, payload, linkKey);
                NwkSend(destination, NwkFrameType.Data, frame, ok => completed?.Invoke(ok ? ApsDeliveryStatus.Success : ApsDeliveryStatus.NoRoute));
                return;
            }

            var pending = new PendingAck(destination, header, payload, linkKey, completed);
            var key = (destination.Value, header.Counter.Value);
            if (_pendingAcks.TryGetValue(key, out PendingAck? old))
            {
                old.Timer?.Cancel();
            }

            _pendingAcks[key] = pending;
            Attempt(key, pending);
        }

        /// <summary>
        /// One transmission of an acknowledged unicast. An APS-secured frame is secured again on every attempt, with
        /// the next outgoing frame counter (05-3474 4.4.1.1): a retry that kept its first counter is refused by the
        /// receiver's freshness check (4.4.1.2) once a later frame from this node got there first - an answer or a
        /// second command sent meanwhile - and no retry could then succeed. The APS counter stays the same, so a
        /// retry of a frame that was delivered (its acknowledgement lost) is still caught by duplicate rejection
        /// (2.2.8.4.2) and acknowledged again.
        /// </summary>
        private void Attempt((ushort, byte) key, PendingAck pending)
        {
            byte[] frame = pending.LinkKey is null
                ? pending.Plain ??= new ApsFrame(pending.Header, pending.Payload).ToArray()
                : SecureApsData(pending.Header, pending.Payload, pending.LinkKey);
            NwkSend(pending.Destination, NwkFrameType.Data, frame);
            pending.Timer = _scheduler.Schedule(AckWaitWithJitter(), () =>
            {
                if (!_pendingAcks.TryGetValue(key, out PendingAck? current) || current != pending || _disposed)
                {
                    return;
                }

                if (pending.Retries < StackOptions.MaxFrameRetries)
                {
                    pending.Retries++;
                    Counters.ApsRetries++;
                    Attempt(key, pending);
                    return;
                }

                _pendingAcks.Remove(key);
                Counters.ApsAckTimeouts++;
                Drop("ApsNoAck");
                pending.Completed?.Invoke(ApsDeliveryStatus.NoAck);
            });
        }

        /// <summary>
        /// apsAckWaitDuration plus up to a fifth more at random: frames sent together (a batch of reads) would otherwise be
        /// retried together, their answers colliding again at the same relays each time.
        /// The jitter comes from a generator of this node's own (seeded by its IEEE address, so runs stay deterministic)
        /// rather than the scheduler's shared one, whose sequence the rest of the stack's choices follow.
        /// </summary>
        private TimeSpan AckWaitWithJitter()
        {
            _apsJitter ??= new Random(unchecked((int)(Ieee.Value ^ (Ieee.Value >> 32))));
            return TimeSpan.FromTicks(StackOptions.AckWaitDuration.Ticks + (long)(_apsJitter.NextDouble() * StackOptions.AckWaitDuration.Ticks / 5));
        }

        private Random? _apsJitter;

        private void ApsReceive(NwkHeader nwk, byte[] aps, byte lqi)
        {
            ApsHeader header;
            int headerLength;
            try
            {
                header = ApsHeader.Decode(aps, out headerLength);
            }
            catch (FrameFormatException)
            {
                Drop("ApsMalformed");
                return;
            }

            if (header.Security && header.FrameType == ApsFrameType.Command)
            {
                OnSecuredApsCommand(aps, headerLength);
                return;
            }

            if (!nwk.Security)
            {
                // Only an APS-secured Transport Key may arrive without NWK security.
                Drop("ApsUnsecured");
                return;
            }

            switch (header.FrameType)
            {
                case ApsFrameType.Ack:
                    if (header.Security)
                    {
                        Drop("ApsSecuredAckNotSupported");
                    }
                    else if (header.Fragmentation != ApsFragmentation.NotFragmented)
                    {
                        OnFragmentAck(nwk, header);
                    }
                    else
                    {
                        OnApsAck(nwk, header);
                    }

                    break;
                case ApsFrameType.Command:
                    if (ApsCommand.TryDecode(aps.AsSpan(headerLength), out ApsCommand? command, out _) && command is not null)
                    {
                        OnApsCommand(nwk, command);
                    }
                    else
                    {
                        Drop("ApsCommandMalformed");
                    }

                    break;
                case ApsFrameType.Data:
                    OnApsData(nwk, header, aps, headerLength, lqi);
                    break;
                default:
                    Drop("ApsFrameTypeNotSupported");
                    break;
            }
        }

        /// <summary>
        /// A data frame: duplicate rejection (2.2.8.4.2) on the header's APS counter, then APS security (4.4.1.2) and the
        /// SE rule, then the acknowledgement and delivery. A retransmission whose ack was lost is acknowledged again and
        /// dropped, so the command is applied once.
        /// </summary>
        private void OnApsData(NwkHeader nwk, ApsHeader header, byte[] aps, int headerLength, byte lqi)
        {
            ushort source = nwk.SourceAddress.Value;
            byte counter = header.Counter.GetValueOrDefault();
            bool unicast = header.DeliveryMode == ApsDeliveryMode.Unicast;
            if (header.Fragmentation != ApsFragmentation.NotFragmented)
            {
                OnFragment(nwk, header, aps, headerLength, lqi);
                return;
            }

            if (unicast && IsDuplicate(source, counter))
            {
                SendApsAckFor(nwk, header);
                Counters.ApsDuplicates++;
                Drop("ApsDuplicate");
                return;
            }

            byte[]? body;
            if (header.Security)
            {
                body = UnsecureApsData(nwk, aps, headerLength);
                if (body is null)
                {
                    return;
                }
            }
            else
            {
                if (RequiresApsSecurity(header.ProfileId.GetValueOrDefault(), header.ClusterId.GetValueOrDefault()) && unicast && IsTrustCenterPartner(source))
                {
                    Counters.SecurityFailures++;
                    Drop("ApsSecurityRequired");
                    return;
                }

                body = aps.AsSpan(headerLength).ToArray();
            }

            SendApsAckFor(nwk, header);
            if (unicast)
            {
                RememberDelivered(source, counter);
            }

            DeliverData(nwk, header, body, lqi, header.Security);
        }

        private void SendApsAckFor(NwkHeader nwk, ApsHeader header)
        {
            if (!header.AckRequest || header.DeliveryMode != ApsDeliveryMode.Unicast)
            {
                return;
            }

            var ack = new ApsHeader
            {
                FrameType = ApsFrameType.Ack,
                DeliveryMode = ApsDeliveryMode.Unicast,
                DestinationEndpoint = header.SourceEndpoint,
                ClusterId = header.ClusterId,
                ProfileId = header.ProfileId,
                SourceEndpoint = header.DestinationEndpoint,
                Counter = header.Counter.GetValueOrDefault(),
            };
            NwkSend(nwk.SourceAddress, NwkFrameType.Data, ack.ToArray());
        }

        private bool IsDuplicate(ushort source, byte counter) =>
            _apsDuplicates.TryGetValue((source, counter), out DateTimeOffset until) && until >= _scheduler.Now;

        private void RememberDelivered(ushort source, byte counter)
        {
            if (_apsDuplicates.Count > 64)
            {
                foreach (var old in _apsDuplicates.Where(p => p.Value < _scheduler.Now).Select(p => p.Key).ToList())
                {
                    _apsDuplicates.Remove(old);
                }
            }

            _apsDuplicates[(source, counter)] = _scheduler.Now + _options.ApsDuplicateRejectionTimeout;
        }

        /// <summary>APSDE-DATA.indication: ZDO, the Trust Center's key evidence, then the application.</summary>
        private void DeliverData(NwkHeader nwk, ApsHeader header, byte[] body, byte lqi, bool apsSecured)
        {
            ushort source = nwk.SourceAddress.Value;
            Counters.ApsReceived++;
            if (ZdoMessage.IsZdpFrame(header))
            {
                ZdoReceive(nwk, header.ClusterId.GetValueOrDefault(), body);
            }

            if (Role == NodeRole.Coordinator)
            {
                // After the ZDO part, so that a Device_annce confirms the device with its type.
                TrustCenterOnKeyEvidence(source, fromRouter: false);
            }

            DataReceived?.Invoke(this, new ApsDataIndicationEventArgs(nwk.SourceAddress, header.SourceEndpoint.GetValueOrDefault(),
                header.DestinationEndpoint.GetValueOrDefault(), header.ClusterId.GetValueOrDefault(), header.ProfileId.GetValueOrDefault(), body, lqi)
            {
                ApsSecured = apsSecured,
                Broadcast = header.DeliveryMode != ApsDeliveryMode.Unicast,
            });
        }

        private void OnApsAck(NwkHeader nwk, ApsHeader header)
        {
            var key = (nwk.SourceAddress.Value, header.Counter.GetValueOrDefault());
            if (_pendingAcks.TryGetValue(key, out PendingAck? pending))
            {
                _pendingAcks.Remove(key);
                pending.Timer?.Cancel();
                Counters.ApsAcked++;
                pending.Completed?.Invoke(ApsDeliveryStatus.Success);
            }
        }

        /// <summary>An APS command, NWK-secured and APS-unsecured (see the class remarks).</summary>
        private void SendApsCommand(NwkAddress destination, ApsCommand command)
        {
            var header = new ApsHeader { FrameType = ApsFrameType.Command, DeliveryMode = ApsDeliveryMode.Unicast, Counter = ++_apsCounter };
            NwkSend(destination, NwkFrameType.Data, ApsFrame.FromCommand(header, command).ToArray());
        }

        /// <summary>
        /// An APS command frame secured with a key-transport key (4.4.1.1, key identifier 2 = HMAC-MMO(link key, 0x00)),
        /// extended nonce with our IEEE address.
        /// </summary>
        private byte[] SecureApsCommand(ApsCommand command, ZigbeeKey linkKey)
        {
            byte[] header = new ApsHeader
            {
                FrameType = ApsFrameType.Command,
                DeliveryMode = ApsDeliveryMode.Unicast,
                Security = true,
                Counter = ++_apsCounter,
            }.ToArray();
            byte[] payload = command.ToArray();
            var aux = new AuxiliarySecurityHeader(SecurityLevel.EncMic32, KeyIdentifier.KeyTransport, NextLinkFrameCounter(), Ieee, null);
            byte[] secured = new byte[ZigbeeSecurity.SecuredLength(header.Length, aux, payload.Length)];
            ZigbeeSecurity.Secure(header, aux, payload, linkKey, null, secured);
            return secured;
        }

        private void OnApsCommand(NwkHeader nwk, ApsCommand command)
        {
            switch (command)
            {
                case ApsVerifyKeyCommand verify when Role == NodeRole.Coordinator:
                    TrustCenterOnVerifyKey(nwk.SourceAddress, verify);
                    break;
                case ApsUpdateDeviceCommand update when Role == NodeRole.Coordinator:
                    TrustCenterOnUpdateDevice(nwk.SourceAddress, update);
                    break;
                case ApsRemoveDeviceCommand remove when Role != NodeRole.EndDevice && nwk.SourceAddress == NwkAddress.Coordinator:
                    RemoveChild(remove.TargetAddress, "RemovedByTrustCenter");
                    break;
                case ApsTunnelCommand tunnel when Role == NodeRole.Router && nwk.SourceAddress == NwkAddress.Coordinator:
                    RelayTunnel(tunnel);
                    break;
                case ApsSwitchKeyCommand switchKey when Role != NodeRole.Coordinator && nwk.SourceAddress == NwkAddress.Coordinator:
                    OnSwitchKey(switchKey);
                    break;
                default:
                    Drop("ApsCommandIgnored");
                    break;
            }
        }

        /// <summary>A parent router relays the tunnelled APS frame to its joining child, NWK-unsecured (4.6.3.7).</summary>
        private void RelayTunnel(ApsTunnelCommand tunnel)
        {
            if (StaleKeyNeighborAddress(tunnel.DestinationAddress) is ushort stale)
            {
                // The current key for a neighbor that missed a key update: under the previous key it can still read.
                SendToNeighborUnderPreviousKey(stale, tunnel.TunneledFrame);
                return;
            }

            Child? child = _children.Values.FirstOrDefault(c => c.Ieee == tunnel.DestinationAddress);
            if (child is null)
            {
                Drop("TunnelUnknownChild");
                return;
            }

            NwkSend(new NwkAddress(child.Address), NwkFrameType.Data, tunnel.TunneledFrame, secure: false);
        }

        /// <summary>A joining device unsecures the Transport Key with the key-transport key of its own link key (4.6.3.2.2).</summary>
        private void OnSecuredApsCommand(byte[] aps, int headerLength)
        {
            if (State == NodeState.Joined && Role != NodeRole.Coordinator)
            {
                OnJoinedSecuredApsCommand(aps, headerLength);
                return;
            }

            if (State != NodeState.Authenticating)
            {
                Drop("ApsSecuredCommandIgnored");
                return;
            }

            ZigbeeKey key = _options.LinkKey ?? ZigbeeKey.DefaultTrustCenterLinkKey;
            byte[] plaintext = new byte[aps.Length];
            SecurityOutcome outcome;
            AuxiliarySecurityHeader aux;
            int length;
            try
            {
                outcome = ZigbeeSecurity.Unsecure(aps, headerLength, key, null, plaintext, out aux, out length);
            }
            catch (FrameFormatException)
            {
                outcome = SecurityOutcome.MicFailed;
                aux = default;
                length = 0;
            }

            if (outcome != SecurityOutcome.Decrypted || aux.KeyIdentifier != KeyIdentifier.KeyTransport)
            {
                Counters.SecurityFailures++;
                Drop("ApsSecurityFailed");
                return;
            }

            if (ApsCommand.TryDecode(plaintext.AsSpan(0, length), out ApsCommand? command, out _) &&
                command is ApsTransportNetworkKey transport && transport.DestinationAddress == Ieee)
            {
                OnNetworkKeyReceived(transport);
            }
        }

        private void OnNetworkKeyReceived(ApsTransportNetworkKey transport)
        {
            _authTimer?.Cancel();
            _networkKey = transport.Key;
            _networkKeySequence = transport.KeySequenceNumber;
            _trustCenterAddress = transport.SourceAddress;
            SetState(NodeState.Joined);
            if (Role == NodeRole.Router)
            {
                StartRouterTimers();
            }
            else
            {
                StartPolling(_options.PollPeriod);
            }

            SendDeviceAnnounce();
        }
    }
}
