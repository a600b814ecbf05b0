using System;
using System.Buffers;
using Zsep.Stack.Aps;
using Zsep.Stack.Codec;
using Zsep.Stack.Mac;
using Zsep.Stack.Nwk;
using Zsep.Stack.Security;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
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
            keys ??= FrameKeys.None;
            var frame = new DecodedFrame(bytes.ToArray());
            switch (startLayer)
            {
                case FrameLayer.Mac:
                    DecodeMac(frame, bytes, fcs, keys);
                    break;
                case FrameLayer.Nwk:
                    DecodeNwk(frame, bytes, 0, keys);
                    break;
                case FrameLayer.Aps:
                    DecodeAps(frame, bytes, 0, keys);
                    break;
                default:
                    throw new ArgumentException($"Frames can be decoded from the MAC, NWK or APS layer, not {startLayer}.", nameof(startLayer));
            }

            return frame;
        }

        private static void DecodeMac(DecodedFrame frame, ReadOnlySpan<byte> bytes, FcsMode fcs, FrameKeys keys)
        {
            bool hasFcs = fcs switch
            {
                FcsMode.Present => true,
                FcsMode.Absent => false,
                _ => bytes.Length >= 5 && MacFcs.IsValid(bytes),
            };

            MacFrame mac = MacFrame.Decode(bytes, hasFcs);
            frame.Mac = mac;
            frame.Layer = FrameLayer.Mac;
            frame.FcsValid = hasFcs ? mac.FcsValid : null;
            frame.Source = mac.SourceAddress.ToString();
            frame.Destination = mac.DestinationAddress.ToString();
            switch (mac.FrameType)
            {
                case MacFrameType.Beacon:
                    frame.Command = "Beacon";
                    frame.Summary = mac.Beacon is { } b ? "Beacon: " + b : "Beacon";
                    return;
                case MacFrameType.Acknowledgment:
                    frame.Command = "Ack";
                    frame.Summary = $"MAC ack, sequence {mac.SequenceNumber}" + (mac.FramePending ? ", frame pending" : string.Empty);
                    return;
                case MacFrameType.Command:
                    frame.Command = mac.Command?.CommandId.ToString() ?? "MacCommand";
                    frame.Summary = "MAC " + (mac.Command?.ToString() ?? "command (secured)");
                    return;
                case MacFrameType.Data when mac.AuxiliarySecurityHeader is null:
                    int payloadLength = bytes.Length - mac.HeaderLength - (hasFcs ? 2 : 0);
                    if (payloadLength == 0)
                    {
                        frame.Summary = "MAC data frame, empty";
                        return;
                    }

                    DecodeNwk(frame, bytes.Slice(mac.HeaderLength, payloadLength), mac.HeaderLength, keys);
                    return;
                default:
                    frame.UndecodedPayload = Hex.Format(mac.Payload);
                    frame.Summary = $"MAC {mac.FrameType} frame" + (mac.AuxiliarySecurityHeader is null ? string.Empty : " (MAC-secured)");
                    return;
            }
        }

        private static void DecodeNwk(DecodedFrame frame, ReadOnlySpan<byte> nwkBytes, int offset, FrameKeys keys)
        {
            NwkHeader nwk = Rebased(nwkBytes, offset, static b => NwkHeader.Decode(b));
            frame.Nwk = nwk;
            frame.Layer = FrameLayer.Nwk;
            frame.Source = nwk.SourceAddress.ToString();
            frame.Destination = nwk.DestinationAddress.ToString();
            frame.SourceIeee = nwk.SourceIeeeAddress;
            int headerLength = nwk.HeaderLength;
            ReadOnlySpan<byte> payload = nwkBytes.Slice(headerLength);
            byte[]? rented = null;
            try
            {
                if (nwk.IsSecured)
                {
                    AuxiliarySecurityHeader aux = Rebased(nwkBytes, offset, b => ZigbeeSecurity.ReadAuxiliaryHeader(b, headerLength));
                    frame.NwkAuxiliaryHeader = aux;
                    frame.NwkMic = MicOf(nwkBytes, offset);
                    frame.SourceIeee ??= aux.SourceAddress;
                    if (keys.NetworkKey is null)
                    {
                        frame.NwkSecurity = SecurityOutcome.NoKey;
                        frame.UndecodedPayload = Hex.Format(nwkBytes.Slice(headerLength));
                        frame.Summary = $"NWK {nwk.FrameType}, secured, frame counter {aux.FrameCounter}: no network key";
                        return;
                    }

                    rented = ArrayPool<byte>.Shared.Rent(nwkBytes.Length);
                    SecurityOutcome outcome = Rebased(nwkBytes, offset, b =>
                        ZigbeeSecurity.Unsecure(b, headerLength, keys.NetworkKey, nwk.SourceIeeeAddress, rented, out _, out int n) == SecurityOutcome.Decrypted ? n : -1) is int length && length >= 0
                        ? SecurityOutcome.Decrypted
                        : SecurityOutcome.MicFailed;
                    frame.NwkSecurity = outcome;
                    if (outcome != SecurityOutcome.Decrypted)
                    {
                        frame.UndecodedPayload = Hex.Format(nwkBytes.Slice(headerLength));
                        frame.Summary = $"NWK {nwk.FrameType}, secured, frame counter {aux.FrameCounter}: MIC check failed (wrong network key?)";
                        return;
                    }

                    int plainLength = nwkBytes.Length - headerLength - aux.Length - ZigbeeSecurity.MicLength;
                    payload = rented.AsSpan(0, plainLength);
                    offset += aux.Length;
                }

                int payloadOffset = offset + headerLength;
                switch (nwk.FrameType)
                {
                    case NwkFrameType.Command:
                        NwkCommand command = Rebased(payload, payloadOffset, static b => NwkCommand.Decode(b));
                        frame.NwkCommand = command;
                        frame.Command = command.CommandId.ToString();
                        frame.Summary = $"NWK {command.CommandId}";
                        return;
                    case NwkFrameType.Data:
                        DecodeAps(frame, payload, payloadOffset, keys);
                        return;
                    default:
                        frame.UndecodedPayload = Hex.Format(payload);
                        frame.Summary = $"NWK {nwk.FrameType} frame";
                        return;
                }
            }
            finally
            {
                if (rented is not null)
                {
                    Array.Clear(rented, 0, rented.Length);
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }

        private static void DecodeAps(DecodedFrame frame, ReadOnlySpan<byte> apsBytes, int offset, FrameKeys keys)
        {
            ApsHeader aps = Rebased(apsBytes, offset, static b => ApsHeader.Decode(b));
            frame.Aps = aps;
            frame.Layer = FrameLayer.Aps;
            int headerLength = aps.HeaderLength;
            ReadOnlySpan<byte> payload = apsBytes.Slice(headerLength);
            byte[]? plain = null;
            if (aps.IsSecured)
            {
                AuxiliarySecurityHeader aux = Rebased(apsBytes, offset, b => ZigbeeSecurity.ReadAuxiliaryHeader(b, headerLength));
                frame.ApsAuxiliaryHeader = aux;
                frame.ApsMic = MicOf(apsBytes, offset);
                Eui64? source = aux.SourceAddress ?? frame.SourceIeee;
                Eui64? destination = frame.Nwk?.DestinationIeeeAddress;
                plain = new byte[apsBytes.Length];
                SecurityOutcome outcome = SecurityOutcome.NoKey;
                int plainLength = 0;
                foreach (ZigbeeKey key in keys.LinkKeysFor(source, destination))
                {
                    ZigbeeKey candidate = key;
                    int n = Rebased(apsBytes, offset, b =>
                        ZigbeeSecurity.Unsecure(b, headerLength, aux.KeyIdentifier == KeyIdentifier.Network ? keys.NetworkKey : null, _ => candidate, source, plain, out _, out int len) switch
                        {
                            SecurityOutcome.Decrypted => len,
                            SecurityOutcome.MicFailed => -1,
                            _ => -2,
                        });
                    if (n >= 0)
                    {
                        outcome = SecurityOutcome.Decrypted;
                        plainLength = n;
                        break;
                    }

                    if (n == -1)
                    {
                        outcome = SecurityOutcome.MicFailed;
                    }
                }

                frame.ApsSecurity = outcome;
                if (outcome != SecurityOutcome.Decrypted)
                {
                    frame.UndecodedPayload = Hex.Format(payload);
                    frame.Cluster = ClusterName(aps);
                    frame.Summary = $"APS {aps.FrameType}, secured ({aux.KeyIdentifier} key), counter {aps.Counter}: " +
                                    (outcome == SecurityOutcome.NoKey ? "no link key" : "MIC check failed with every link key given");
                    return;
                }

                payload = plain.AsSpan(0, plainLength);
                offset += aux.Length;
            }

            int payloadOffset = offset + headerLength;
            frame.Cluster = ClusterName(aps);
            switch (aps.FrameType)
            {
                case ApsFrameType.Command:
                    ApsCommand command = ApsCommand.Decode(payload, payloadOffset);
                    frame.ApsCommand = command;
                    frame.Command = CommandName(command);
                    frame.Summary = $"APS {frame.Command}" + (aps.IsSecured ? $" ({frame.ApsAuxiliaryHeader?.KeyIdentifier} key)" : string.Empty);
                    break;
                case ApsFrameType.Ack:
                    frame.Command = "Ack";
                    frame.Summary = $"APS ack, counter {aps.Counter}" + (aps.ClusterId is { } c ? $", cluster {frame.Cluster}" : string.Empty);
                    break;
                case ApsFrameType.Data when ZdoMessage.IsZdpFrame(aps):
                    ZdoMessage zdo = ZdoMessage.Decode(aps.ClusterId ?? 0, payload, payloadOffset);
                    frame.Zdo = zdo;
                    frame.Layer = FrameLayer.Zdo;
                    frame.Command = zdo.ClusterName;
                    frame.Summary = $"ZDO {zdo.ClusterName}, TSN {zdo.Tsn}";
                    break;
                case ApsFrameType.Data:
                    ushort cluster = aps.ClusterId ?? 0;
                    ZclFrame zcl = Rebased(payload, payloadOffset, b => ZclFrame.Decode(cluster, b));
                    frame.Zcl = zcl;
                    frame.Layer = FrameLayer.Zcl;
                    frame.Command = zcl.CommandName;
                    frame.Attributes = ZclAttributeField.Of(zcl);
                    frame.Summary = $"ZCL {frame.Cluster} {zcl.CommandName}, TSN {zcl.Header.TransactionSequenceNumber}, {zcl.Header.Direction}" +
                                    (frame.Attributes is { Count: > 0 } a ? ": " + string.Join(", ", a) : string.Empty);
                    break;
                default:
                    frame.UndecodedPayload = Hex.Format(payload);
                    frame.Summary = $"APS {aps.FrameType} frame";
                    break;
            }

            if (plain is not null)
            {
                Array.Clear(plain, 0, plain.Length);
            }
        }

        private static string MicOf(ReadOnlySpan<byte> securedFrame, int offset)
        {
            if (securedFrame.Length < ZigbeeSecurity.MicLength)
            {
                throw new FrameFormatException(FrameLayer.Security, "MIC", offset, $"Expected at least {ZigbeeSecurity.MicLength} bytes of MIC but there are only {securedFrame.Length}");
            }

            return Hex.Format(securedFrame.Slice(securedFrame.Length - ZigbeeSecurity.MicLength));
        }

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

        private delegate T SpanFunc<T>(ReadOnlySpan<byte> bytes);

        /// <summary>Runs a layer decoder and moves its error offset from the layer's slice to the whole frame.</summary>
        private static T Rebased<T>(ReadOnlySpan<byte> bytes, int offset, SpanFunc<T> decode)
        {
            try
            {
                return decode(bytes);
            }
            catch (FrameFormatException e) when (offset != 0)
            {
                throw new FrameFormatException(e.Layer, e.Field, e.Offset + offset, e.Reason);
            }
        }
    }
}
