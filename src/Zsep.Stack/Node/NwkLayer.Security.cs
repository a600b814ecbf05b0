using System;
using System.Collections.Generic;
using Zsep.Stack.Mac;
using Zsep.Stack.Nwk;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// NWK frame security (05-3474 4.3.1): every NWK frame after the join is secured hop by hop with the network key
    /// (ENC-MIC-32, extended nonce with the sender's IEEE address, our outgoing frame counter), and each neighbor's
    /// incoming frame counter must grow (4.3.1.2 step 6); replays are dropped and counted.
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        /// <summary>nwkSecurityMaterialSet incoming frame counters, by the IEEE address of the hop that secured the frame.</summary>
        private readonly Dictionary<Eui64, uint> _incomingCounters = new Dictionary<Eui64, uint>();

        private byte[] _unsecureScratch = new byte[128];

        /// <summary>Encodes a NWK frame, secured with the network key when <paramref name="secure"/> (the header's security bit follows).</summary>
        private byte[] EncodeNwk(NwkHeader header, byte[] payload, bool secure)
        {
            if (!secure)
            {
                NwkHeader plain = header.Security ? header with { Security = false } : header; // records: no copy when already so
                byte[] bytes = new byte[plain.HeaderLength + payload.Length];
                plain.Encode(bytes);
                payload.CopyTo(bytes, plain.HeaderLength);
                return bytes;
            }

            // A frame for a neighbor that still holds the previous key (bringing it up to date, ZigbeeNode.KeyRotation)
            // goes under that key and its own counter; everything else under the active key.
            bool previous = _secureWithPreviousKey && _previousNetworkKey is not null;
            ZigbeeKey key = previous ? _previousNetworkKey! : _networkKey!;
            byte sequence = previous ? _previousNetworkKeySequence : _networkKeySequence;
            byte[] headerBytes = (header.Security ? header : header with { Security = true }).ToArray();
            var aux = new AuxiliarySecurityHeader(SecurityLevel.EncMic32, KeyIdentifier.Network, NextNetworkFrameCounter(sequence), Ieee, sequence);
            byte[] secured = new byte[ZigbeeSecurity.SecuredLength(headerBytes.Length, aux, payload.Length)];
            ZigbeeSecurity.Secure(headerBytes, aux, payload, key, null, secured);
            UnsecureMemo.RememberSecured(secured, headerBytes.Length, key, payload);
            return secured;
        }

        /// <summary>
        /// Unsecures a received NWK frame (4.3.1.2). Returns the plaintext payload, or null when it must be dropped
        /// (no key, MIC failure, replay). <paramref name="hop"/> is the IEEE address of the device that secured it.
        /// </summary>
        private byte[]? UnsecureNwk(ReadOnlySpan<byte> frame, NwkHeader header, out Eui64? hop)
        {
            hop = null;
            if (!header.Security)
            {
                return frame.Slice(header.HeaderLength).ToArray();
            }

            if (_networkKey is null)
            {
                Drop("NwkSecuredNoKey");
                return null;
            }

            // One scratch buffer per node for the plaintext (the loop is single-threaded); only the payload is copied out.
            if (_unsecureScratch.Length < frame.Length)
            {
                _unsecureScratch = new byte[frame.Length];
            }

            byte[] plaintext = _unsecureScratch;
            SecurityOutcome outcome;
            AuxiliarySecurityHeader aux;
            int length;
            NetworkKeyUse use;
            try
            {
                // 4.3.1.2 step 3: the key is the one whose sequence number the auxiliary header names.
                AuxiliarySecurityHeader named = ZigbeeSecurity.ReadAuxiliaryHeader(frame, header.HeaderLength);
                ZigbeeKey? key = SelectNetworkKey(named.KeySequenceNumber, out use);
                if (key is null)
                {
                    Counters.SecurityFailures++;
                    Drop("NwkUnknownKeySequence");
                    return null;
                }

                outcome = UnsecureMemo.Unsecure(frame, header.HeaderLength, key, plaintext, out aux, out length);
            }
            catch (Codec.FrameFormatException)
            {
                Counters.SecurityFailures++;
                Drop("NwkSecurityMalformed");
                return null;
            }

            if (outcome != SecurityOutcome.Decrypted || aux.KeyIdentifier != KeyIdentifier.Network || aux.SourceAddress is not Eui64 source)
            {
                Counters.SecurityFailures++;
                Drop("NwkSecurityFailed");
                return null;
            }

            if (use == NetworkKeyUse.Previous && !OnPreviousKeyFrame(source, header))
            {
                return null;
            }

            if (use == NetworkKeyUse.Alternate)
            {
                // The first frame under the key the Trust Center sent us: the network has switched (a Switch Key we
                // missed, or a relay that switched before us) - 4.6.3.4. Its counters start afresh.
                ActivateAlternateKey("FrameUnderNewKey");
            }

            Dictionary<Eui64, uint> counters = use == NetworkKeyUse.Previous ? _previousIncomingCounters : _incomingCounters;
            if (counters.TryGetValue(source, out uint last) && aux.FrameCounter <= last)
            {
                Counters.NwkReplaysDropped++;
                Counters.SecurityFailures++;
                Drop("NwkFrameCounterReplay");
                return null;
            }

            counters[source] = aux.FrameCounter;
            _neighborKeySequences[source] = aux.KeySequenceNumber.GetValueOrDefault();
            hop = source;
            return plaintext.AsSpan(0, length).ToArray();
        }

        /// <summary>Incoming frame counters by neighbor IEEE address (for the store to persist).</summary>
        public IReadOnlyDictionary<Eui64, uint> IncomingFrameCounters => _incomingCounters;
    }
}
