using System;
using Zsep.Stack.Aps;
using Zsep.Stack.Codec;
using Zsep.Stack.Mac;
using Zsep.Stack.Nwk;
using Zsep.Stack.Security;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Zsep.Stack.Zcl.SmartEnergy;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Frames
{
    /// <summary>
    /// Decodes a frame through MAC, NWK, APS and ZDO or ZCL, unsecuring NWK and APS with the keys given. Layers
    /// that cannot be read without a key stay as an undecoded payload with the outcome NoKey or MicFailed.
    /// A malformed layer throws one <see cref="FrameFormatException"/> whose offset counts from the first byte given.
    /// </summary>
    public static class FrameDecoder
    {
        /// <summary>The Zigbee Device Profile id (ZDO frames), Zigbee 2.4.</summary>
        public const ushort ZdoProfileId = 0x0000;

        public static DecodedFrame Decode(ReadOnlySpan<byte> bytes, FcsMode fcs = FcsMode.Auto, FrameKeys? keys = null, FrameLayer startLayer = FrameLayer.Mac)
        {
            var decoding = new Decoding(new DecodedFrame(bytes.ToArray()), keys ?? FrameKeys.None);
            try
            {
                switch (startLayer)
                {
                    case FrameLayer.Mac:
                        decoding.Mac(bytes, fcs);
                        break;
                    case FrameLayer.Nwk:
                        decoding.Nwk(bytes);
                        break;
                    case FrameLayer.Aps:
                        decoding.Aps(bytes);
                        break;
                    default:
                        throw new ArgumentException($"Frames can be decoded from the MAC, NWK or APS layer, not {startLayer}.", nameof(startLayer));
                }
            }
            catch (FrameFormatException e) when (decoding.Offset != 0)
            {
                // Layer codecs count from the start of their own slice; the person holds the whole frame.
                throw new FrameFormatException(e.Layer, e.Field, e.Offset + decoding.Offset, e.Reason);
            }
            finally
            {
                decoding.ClearPlaintext();
            }

            return decoding.Frame;
        }

        /// <summary>One decoding: the record being filled and where the current layer starts in the whole frame.</summary>
        private sealed class Decoding
        {
            private byte[]? _nwkPlain;
            private byte[]? _apsPlain;

            public Decoding(DecodedFrame frame, FrameKeys keys)
            {
                Frame = frame;
                Keys = keys;
            }

            public DecodedFrame Frame { get; }

            public FrameKeys Keys { get; }

            /// <summary>Offset of the slice the current layer codec reads (decrypted payloads sit where their ciphertext was).</summary>
            public int Offset { get; private set; }

            public void Mac(ReadOnlySpan<byte> bytes, FcsMode fcs)
            {
                bool hasFcs = fcs switch
                {
                    FcsMode.Present => true,
                    FcsMode.Absent => false,
                    _ => bytes.Length >= 5 && MacFcs.IsValid(bytes),
                };

                MacFrame mac = MacFrame.Decode(bytes, hasFcs);
                Frame.Mac = mac;
                Frame.Layer = FrameLayer.Mac;
                Frame.FcsValid = hasFcs ? mac.FcsValid : null;
                Frame.Source = mac.SourceAddress.ToString();
                Frame.Destination = mac.DestinationAddress.ToString();
                switch (mac.FrameType)
                {
                    case MacFrameType.Beacon:
                        Frame.Command = "Beacon";
                        Frame.Summary = mac.Beacon is { } b ? "Beacon: " + b : "Beacon";
                        return;
                    case MacFrameType.Acknowledgment:
                        Frame.Command = "Ack";
                        Frame.Summary = $"MAC ack, sequence {mac.SequenceNumber}" + (mac.FramePending ? ", frame pending" : string.Empty);
                        return;
                    case MacFrameType.Command:
                        Frame.Command = mac.Command?.CommandId.ToString() ?? "MacCommand";
                        Frame.Summary = "MAC " + (mac.Command?.ToString() ?? "command (MAC-secured)");
                        return;
                    case MacFrameType.Data when mac.AuxiliarySecurityHeader is null:
                        int payloadLength = bytes.Length - mac.HeaderLength - (hasFcs ? 2 : 0);
                        if (payloadLength == 0)
                        {
                            Frame.Summary = "MAC data frame, empty";
                            return;
                        }

                        Offset += mac.HeaderLength;
                        Nwk(bytes.Slice(mac.HeaderLength, payloadLength));
                        return;
                    default:
                        Frame.UndecodedPayload = Hex.Format(mac.Payload);
                        Frame.Summary = $"MAC {mac.FrameType} frame" + (mac.AuxiliarySecurityHeader is null ? string.Empty : " (MAC-secured)");
                        return;
                }
            }

            public void Nwk(ReadOnlySpan<byte> bytes)
            {
                NwkHeader nwk = NwkHeader.Decode(bytes);
                Frame.Nwk = nwk;
                Frame.Layer = FrameLayer.Nwk;
                Frame.Source = nwk.SourceAddress.ToString();
                Frame.Destination = nwk.DestinationAddress.ToString();
                Frame.SourceIeee = nwk.SourceIeeeAddress;
                int headerLength = nwk.HeaderLength;
                ReadOnlySpan<byte> payload = bytes.Slice(headerLength);
                if (nwk.IsSecured)
                {
                    AuxiliarySecurityHeader aux = ZigbeeSecurity.ReadAuxiliaryHeader(bytes, headerLength);
                    Frame.NwkAuxiliaryHeader = aux;
                    Frame.NwkMic = MicOf(bytes);
                    Frame.SourceIeee ??= aux.SourceAddress;
                    SecurityOutcome outcome = SecurityOutcome.NoKey;
                    int length = 0;
                    if (Keys.NetworkKey is { } key)
                    {
                        _nwkPlain = new byte[bytes.Length];
                        outcome = ZigbeeSecurity.Unsecure(bytes, headerLength, key, nwk.SourceIeeeAddress, _nwkPlain, out _, out length);
                    }

                    Frame.NwkSecurity = outcome;
                    if (outcome != SecurityOutcome.Decrypted)
                    {
                        Frame.UndecodedPayload = Hex.Format(payload);
                        Frame.Summary = $"NWK {nwk.FrameType}, secured, frame counter {aux.FrameCounter}: " + Explain(outcome, "network key");
                        return;
                    }

                    payload = _nwkPlain.AsSpan(0, length);
                    Offset += aux.Length;
                }

                Offset += headerLength;
                switch (nwk.FrameType)
                {
                    case NwkFrameType.Command:
                        NwkCommand command = NwkCommand.Decode(payload);
                        Frame.NwkCommand = command;
                        Frame.Command = command.CommandId.ToString();
                        Frame.Summary = $"NWK {command.CommandId}";
                        return;
                    case NwkFrameType.Data:
                        Aps(payload);
                        return;
                    default:
                        Frame.UndecodedPayload = Hex.Format(payload);
                        Frame.Summary = $"NWK {nwk.FrameType} frame";
                        return;
                }
            }

            public void Aps(ReadOnlySpan<byte> bytes)
            {
                ApsHeader aps = ApsHeader.Decode(bytes);
                Frame.Aps = aps;
                Frame.Layer = FrameLayer.Aps;
                Frame.Cluster = ClusterName(aps);
                int headerLength = aps.HeaderLength;
                ReadOnlySpan<byte> payload = bytes.Slice(headerLength);
                if (aps.IsSecured)
                {
                    AuxiliarySecurityHeader aux = ZigbeeSecurity.ReadAuxiliaryHeader(bytes, headerLength);
                    Frame.ApsAuxiliaryHeader = aux;
                    Frame.ApsMic = MicOf(bytes);
                    SecurityOutcome outcome = UnsecureAps(bytes, headerLength, aux, out int length);
                    Frame.ApsSecurity = outcome;
                    if (outcome != SecurityOutcome.Decrypted)
                    {
                        Frame.UndecodedPayload = Hex.Format(payload);
                        Frame.Summary = $"APS {aps.FrameType}, secured ({aux.KeyIdentifier} key), counter {aps.Counter}: " + Explain(outcome, "link key");
                        return;
                    }

                    payload = _apsPlain.AsSpan(0, length);
                    Offset += aux.Length;
                }

                Offset += headerLength;
                switch (aps.FrameType)
                {
                    case ApsFrameType.Command:
                        ApsCommand command = ApsCommand.Decode(payload);
                        Frame.ApsCommand = command;
                        Frame.Command = CommandName(command);
                        Frame.Summary = $"APS {Frame.Command}" + (aps.IsSecured ? $" ({Frame.ApsAuxiliaryHeader?.KeyIdentifier} key)" : string.Empty);
                        return;
                    case ApsFrameType.Ack:
                        Frame.Command = "Ack";
                        Frame.Summary = $"APS ack, counter {aps.Counter}" + (aps.ClusterId.HasValue ? $", cluster {Frame.Cluster}" : string.Empty);
                        return;
                    case ApsFrameType.Data when ZdoMessage.IsZdpFrame(aps):
                        ZdoMessage zdo = ZdoMessage.Decode(aps.ClusterId ?? 0, payload);
                        Frame.Zdo = zdo;
                        Frame.Layer = FrameLayer.Zdo;
                        Frame.Command = zdo.ClusterName;
                        Frame.Summary = $"ZDO {zdo.ClusterName}, TSN {zdo.Tsn}";
                        return;
                    case ApsFrameType.Data:
                        ZclFrame zcl = ZclFrame.Decode(aps.ClusterId ?? 0, payload);
                        Frame.Zcl = zcl;
                        Frame.Layer = FrameLayer.Zcl;
                        Frame.Command = zcl.CommandName;
                        Frame.Attributes = ZclAttributeField.Of(zcl);
                        Frame.SmartEnergy = zcl.Header.FrameType == ZclFrameType.ClusterSpecific && !zcl.Header.ManufacturerSpecific &&
                                            SmartEnergyCommand.TryDecode(zcl.ClusterId, zcl.Header.CommandId, zcl.Header.Direction, zcl.Payload, out SmartEnergyCommand? se, out _) ? se : null;
                        Frame.Summary = $"ZCL {Frame.Cluster} {zcl.CommandName}, TSN {zcl.Header.TransactionSequenceNumber}, {zcl.Header.Direction}" +
                                        (Frame.Attributes is { Count: > 0 } a ? ": " + string.Join(", ", a) : string.Empty);
                        return;
                    default:
                        Frame.UndecodedPayload = Hex.Format(payload);
                        Frame.Summary = $"APS {aps.FrameType} frame";
                        return;
                }
            }

            /// <summary>Tries the link keys for this sender and receiver, most specific first; the network key for key id Network.</summary>
            private SecurityOutcome UnsecureAps(ReadOnlySpan<byte> bytes, int headerLength, in AuxiliarySecurityHeader aux, out int length)
            {
                length = 0;
                _apsPlain = new byte[bytes.Length];
                Eui64? source = aux.SourceAddress ?? Frame.SourceIeee;
                if (aux.KeyIdentifier == KeyIdentifier.Network)
                {
                    return Keys.NetworkKey is { } networkKey
                        ? ZigbeeSecurity.Unsecure(bytes, headerLength, networkKey, source, _apsPlain, out _, out length)
                        : SecurityOutcome.NoKey;
                }

                SecurityOutcome outcome = SecurityOutcome.NoKey;
                foreach (ZigbeeKey key in Keys.LinkKeysFor(source, Frame.Nwk?.DestinationIeeeAddress))
                {
                    SecurityOutcome tried = ZigbeeSecurity.Unsecure(bytes, headerLength, key, source, _apsPlain, out _, out length);
                    if (tried == SecurityOutcome.Decrypted)
                    {
                        return tried;
                    }

                    if (outcome == SecurityOutcome.NoKey)
                    {
                        outcome = tried;
                    }
                }

                return outcome;
            }

            /// <summary>Decrypted payloads hold what the keys protect; wipe them once the records are built.</summary>
            public void ClearPlaintext()
            {
                if (_nwkPlain is not null)
                {
                    Array.Clear(_nwkPlain, 0, _nwkPlain.Length);
                }

                if (_apsPlain is not null)
                {
                    Array.Clear(_apsPlain, 0, _apsPlain.Length);
                }
            }

            private static string MicOf(ReadOnlySpan<byte> securedFrame) =>
                Hex.Format(securedFrame.Slice(Math.Max(0, securedFrame.Length - ZigbeeSecurity.MicLength)));
        }

        private static string Explain(SecurityOutcome outcome, string key) => outcome switch
        {
            SecurityOutcome.NoKey => $"no {key}",
            SecurityOutcome.MicFailed => $"MIC check failed (wrong {key}?)",
            SecurityOutcome.NoSourceAddress => "the sender's IEEE address is not in the frame, so the nonce cannot be formed",
            _ => outcome.ToString(),
        };

        private static string CommandName(ApsCommand command)
        {
            string name = command.CommandId.ToString();
            return command is ApsTransportKeyCommand tk ? $"{name} ({tk.GetType().Name.Replace("ApsTransport", string.Empty)})" : name;
        }

        private static string? ClusterName(ApsHeader aps)
        {
            if (aps.ClusterId is not { } id)
            {
                return null;
            }

            if (aps.ProfileId == ZdoProfileId)
            {
                return "ZDO " + ZdoClusters.GetName(id);
            }

            return ClusterRegistry.Get(id)?.Name ?? $"0x{id:X4}";
        }
    }
}
