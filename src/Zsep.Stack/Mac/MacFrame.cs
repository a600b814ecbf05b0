using System;
using System.Text;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;

namespace Zsep.Stack.Mac
{
    /// <summary>
    /// An IEEE 802.15.4 MAC frame, IEEE 802.15.4-2006 7.2.1 "General MAC frame format" (Figure 41): MAC header
    /// (Frame Control 7.2.1.1, Sequence Number 7.2.1.2, Destination PAN / Address 7.2.1.3-4, Source PAN /
    /// Address 7.2.1.5-6, Auxiliary Security Header 7.2.1.7), MAC payload and FCS (7.2.1.9).
    /// Frame versions 0 and 1 are decoded fully; version 2 (IEEE 802.15.4-2015 7.2) decodes the basic header
    /// with its PAN ID Compression table (Table 7-2), Sequence Number Suppression, and the Header IE list kept
    /// raw; Payload IEs stay at the start of <see cref="Payload"/>.
    /// Beacon and command payloads are also exposed typed (<see cref="Beacon"/>, <see cref="Command"/>) when
    /// the frame is not secured. <see cref="Payload"/> is always the raw MAC payload and is what is encoded.
    /// </summary>
    public sealed class MacFrame
    {
        private const ushort FcSecurityEnabled = 0x0008;
        private const ushort FcFramePending = 0x0010;
        private const ushort FcAckRequest = 0x0020;
        private const ushort FcPanIdCompression = 0x0040;
        private const ushort FcSequenceNumberSuppression = 0x0100;
        private const ushort FcIePresent = 0x0200;

        private byte[] _payload = Array.Empty<byte>();
        private byte[] _headerIes = Array.Empty<byte>();
        private object? _body;
        private bool _bodyParsed;

        /// <summary>Frame Type, Frame Control bits 0-2.</summary>
        public MacFrameType FrameType { get; init; }

        /// <summary>Security Enabled, bit 3: true exactly when <see cref="AuxiliarySecurityHeader"/> is present.</summary>
        public bool SecurityEnabled => AuxiliarySecurityHeader is not null;

        /// <summary>Frame Pending, bit 4.</summary>
        public bool FramePending { get; init; }

        /// <summary>Acknowledgment Request, bit 5.</summary>
        public bool AckRequest { get; init; }

        /// <summary>PAN ID Compression (Intra-PAN in 2003), bit 6.</summary>
        public bool PanIdCompression { get; init; }

        /// <summary>Sequence Number Suppression, bit 8 (frame version 2 only): true when <see cref="SequenceNumber"/> is null.</summary>
        public bool SequenceNumberSuppression => SequenceNumber is null;

        /// <summary>IE Present, bit 9 (frame version 2 only).</summary>
        public bool IePresent { get; init; }

        /// <summary>Frame Version, bits 12-13.</summary>
        public MacFrameVersion FrameVersion { get; init; }

        /// <summary>Reserved Frame Control bits as received: bit 7, and bits 8-9 in frame versions 0 and 1.</summary>
        public ushort ReservedFrameControlBits { get; init; }

        /// <summary>Destination Addressing Mode, bits 10-11.</summary>
        public MacAddressingMode DestinationAddressingMode => DestinationAddress.Mode;

        /// <summary>Source Addressing Mode, bits 14-15.</summary>
        public MacAddressingMode SourceAddressingMode => SourceAddress.Mode;

        /// <summary>The 16-bit Frame Control field these properties make.</summary>
        public ushort FrameControl =>
            (ushort)((int)FrameType | (SecurityEnabled ? FcSecurityEnabled : 0) | (FramePending ? FcFramePending : 0) |
                     (AckRequest ? FcAckRequest : 0) | (PanIdCompression ? FcPanIdCompression : 0) |
                     (SequenceNumberSuppression ? FcSequenceNumberSuppression : 0) | (IePresent ? FcIePresent : 0) |
                     ((int)DestinationAddress.Mode << 10) | ((int)FrameVersion << 12) | ((int)SourceAddress.Mode << 14) |
                     ReservedFrameControlBits);

        /// <summary>Sequence Number (DSN or BSN); null only when suppressed in a version 2 frame.</summary>
        public byte? SequenceNumber { get; init; }

        /// <summary>Destination PAN Identifier, or null when the frame does not carry it.</summary>
        public PanId? DestinationPanId { get; init; }

        public MacAddress DestinationAddress { get; init; }

        /// <summary>Source PAN Identifier, or null when it is elided (PAN ID Compression) or there is no source address.</summary>
        public PanId? SourcePanId { get; init; }

        public MacAddress SourceAddress { get; init; }

        /// <summary>The source PAN: <see cref="SourcePanId"/>, or the destination PAN when compressed.</summary>
        public PanId? EffectiveSourcePanId => SourcePanId ?? (SourceAddress.IsNone ? null : DestinationPanId);

        /// <summary>Auxiliary Security Header, present when Security Enabled is set.</summary>
        public MacAuxiliarySecurityHeader? AuxiliarySecurityHeader { get; init; }

        /// <summary>Version 2 Header IEs, raw, including a terminating HT1/HT2 IE when there is one.</summary>
        public byte[] HeaderIes
        {
            get => _headerIes;
            init => _headerIes = value ?? Array.Empty<byte>();
        }

        /// <summary>The MAC payload: everything between the MAC header and the FCS (or the end of the input when there is no FCS).</summary>
        public byte[] Payload
        {
            get => _payload;
            init
            {
                _payload = value ?? Array.Empty<byte>();
                _body = null;
                _bodyParsed = false;
            }
        }

        /// <summary>True when the decoded input ended with a 2-byte FCS.</summary>
        public bool FcsPresent { get; init; }

        /// <summary>The received FCS value, when present.</summary>
        public ushort? Fcs { get; init; }

        /// <summary>True when the FCS was present and matched the frame.</summary>
        public bool FcsValid { get; init; }

        /// <summary>Length of the MAC header (MHR, without FCS): the payload starts at this offset.</summary>
        public int HeaderLength =>
            2 + (SequenceNumber.HasValue ? 1 : 0) +
            (DestinationPanId.HasValue ? 2 : 0) + DestinationAddress.Length +
            (SourcePanId.HasValue ? 2 : 0) + SourceAddress.Length +
            (AuxiliarySecurityHeader?.EncodedLength ?? 0) + _headerIes.Length;

        /// <summary>The typed beacon payload of an unsecured version 0/1 beacon frame, else null.</summary>
        public MacBeacon? Beacon => Body as MacBeacon;

        /// <summary>The typed command of an unsecured command frame without IEs, else null.</summary>
        public MacCommand? Command => Body as MacCommand;

        private object? Body
        {
            get
            {
                if (!_bodyParsed)
                {
                    try
                    {
                        _body = ParseBody(0);
                    }
                    catch (FrameFormatException)
                    {
                        _body = null;
                    }

                    _bodyParsed = true;
                }

                return _body;
            }
        }

        private object? ParseBody(int baseOffset)
        {
            if (SecurityEnabled)
            {
                return null;
            }

            if (FrameType == MacFrameType.Beacon && FrameVersion < MacFrameVersion.Ieee802154_2015)
            {
                return MacBeacon.Decode(_payload, baseOffset);
            }

            if (FrameType == MacFrameType.Command && !IePresent)
            {
                return MacCommand.Decode(_payload, baseOffset);
            }

            return null;
        }

        /// <summary>
        /// Which PAN identifiers are present: IEEE 802.15.4-2006 7.2.1.1.5 for frame versions 0 and 1 (destination PAN
        /// whenever there is a destination address; source PAN when there is a source address and PAN ID Compression
        /// is clear), IEEE 802.15.4-2015 Table 7-2 for version 2.
        /// </summary>
        public static void GetPanIdPresence(
            MacFrameVersion version, MacAddressingMode destination, MacAddressingMode source, bool panIdCompression,
            out bool destinationPanIdPresent, out bool sourcePanIdPresent)
        {
            bool dst = destination != MacAddressingMode.None;
            bool src = source != MacAddressingMode.None;
            if (version != MacFrameVersion.Ieee802154_2015)
            {
                destinationPanIdPresent = dst;
                sourcePanIdPresent = src && !panIdCompression;
                return;
            }

            if (!dst && !src)
            {
                destinationPanIdPresent = panIdCompression;
                sourcePanIdPresent = false;
            }
            else if (dst && !src)
            {
                destinationPanIdPresent = !panIdCompression;
                sourcePanIdPresent = false;
            }
            else if (!dst)
            {
                destinationPanIdPresent = false;
                sourcePanIdPresent = !panIdCompression;
            }
            else if (destination == MacAddressingMode.Extended && source == MacAddressingMode.Extended)
            {
                destinationPanIdPresent = !panIdCompression;
                sourcePanIdPresent = false;
            }
            else
            {
                destinationPanIdPresent = true;
                sourcePanIdPresent = !panIdCompression;
            }
        }

        /// <summary>Decodes a frame that ends with its 2-byte FCS (as a sniffer or an RCP hands it over).</summary>
        public static MacFrame Decode(ReadOnlySpan<byte> data) => Decode(data, hasFcs: true);

        /// <summary>
        /// Decodes a MAC frame (PSDU). With <paramref name="hasFcs"/> the last two bytes are the FCS, checked into
        /// <see cref="FcsValid"/> (a wrong FCS is reported, not thrown); without it every byte after the header is payload.
        /// </summary>
        public static MacFrame Decode(ReadOnlySpan<byte> data, bool hasFcs)
        {
            ReadOnlySpan<byte> body = data;
            ushort? fcs = null;
            bool fcsValid = false;
            if (hasFcs)
            {
                if (data.Length < MacFcs.Length)
                {
                    throw new FrameFormatException(FrameLayer.Mac, "Fcs", 0, $"Expected at least {MacFcs.Length} bytes for the FCS but there are only {data.Length}");
                }

                body = data.Slice(0, data.Length - MacFcs.Length);
                fcs = (ushort)(data[body.Length] | (data[body.Length + 1] << 8));
                fcsValid = MacFcs.Compute(body) == fcs.Value;
            }

            var r = new FrameReader(body, FrameLayer.Mac);
            ushort fc = r.ReadUInt16("FrameControl");
            var frameType = (MacFrameType)(fc & 0x7);
            if (frameType > MacFrameType.Command)
            {
                throw new FrameFormatException(FrameLayer.Mac, "FrameControl.FrameType", 0, $"Frame type {(int)frameType} ({frameType}) is reserved or not supported");
            }

            var version = (MacFrameVersion)((fc >> 12) & 0x3);
            if (version == MacFrameVersion.Reserved)
            {
                throw new FrameFormatException(FrameLayer.Mac, "FrameControl.FrameVersion", 0, "Frame version 3 is reserved");
            }

            var dstMode = (MacAddressingMode)((fc >> 10) & 0x3);
            var srcMode = (MacAddressingMode)((fc >> 14) & 0x3);
            if (dstMode == MacAddressingMode.Reserved)
            {
                throw new FrameFormatException(FrameLayer.Mac, "FrameControl.DestinationAddressingMode", 0, "Addressing mode 1 is reserved");
            }

            if (srcMode == MacAddressingMode.Reserved)
            {
                throw new FrameFormatException(FrameLayer.Mac, "FrameControl.SourceAddressingMode", 0, "Addressing mode 1 is reserved");
            }

            bool v2 = version == MacFrameVersion.Ieee802154_2015;
            bool compression = (fc & FcPanIdCompression) != 0;
            bool iePresent = v2 && (fc & FcIePresent) != 0;
            byte? sequence = v2 && (fc & FcSequenceNumberSuppression) != 0 ? (byte?)null : r.ReadByte("SequenceNumber");

            GetPanIdPresence(version, dstMode, srcMode, compression, out bool dstPanPresent, out bool srcPanPresent);
            PanId? dstPan = dstPanPresent ? r.ReadPanId("DestinationPanId") : (PanId?)null;
            MacAddress dst = ReadAddress(ref r, dstMode, "DestinationAddress");
            PanId? srcPan = srcPanPresent ? r.ReadPanId("SourcePanId") : (PanId?)null;
            MacAddress src = ReadAddress(ref r, srcMode, "SourceAddress");

            MacAuxiliarySecurityHeader? security = (fc & FcSecurityEnabled) != 0
                ? MacAuxiliarySecurityHeader.Read(ref r, version)
                : null;

            byte[] headerIes = Array.Empty<byte>();
            if (iePresent)
            {
                int start = r.Position;
                while (r.Remaining > 0)
                {
                    ushort descriptor = r.ReadUInt16("HeaderIe.Descriptor");
                    if ((descriptor & 0x8000) != 0)
                    {
                        throw new FrameFormatException(FrameLayer.Mac, "HeaderIe.Type", r.AbsoluteOffset - 2, "A payload IE where a header IE (or HT1) was expected");
                    }

                    r.Skip(descriptor & 0x7F, "HeaderIe.Content");
                    int elementId = (descriptor >> 7) & 0xFF;
                    if (elementId == 0x7E || elementId == 0x7F)
                    {
                        break;
                    }
                }

                headerIes = body.Slice(start, r.Position - start).ToArray();
            }

            int headerLength = r.Position;
            var frame = new MacFrame
            {
                FrameType = frameType,
                FramePending = (fc & FcFramePending) != 0,
                AckRequest = (fc & FcAckRequest) != 0,
                PanIdCompression = compression,
                IePresent = iePresent,
                FrameVersion = version,
                ReservedFrameControlBits = (ushort)(fc & (v2 ? 0x0080 : 0x0380)),
                SequenceNumber = sequence,
                DestinationPanId = dstPan,
                DestinationAddress = dst,
                SourcePanId = srcPan,
                SourceAddress = src,
                AuxiliarySecurityHeader = security,
                HeaderIes = headerIes,
                Payload = r.Remaining == 0 ? Array.Empty<byte>() : r.ReadArray(r.Remaining, "Payload"),
                FcsPresent = hasFcs,
                Fcs = fcs,
                FcsValid = fcsValid,
            };

            frame._body = frame.ParseBody(headerLength);
            frame._bodyParsed = true;
            return frame;
        }

        public static bool TryDecode(ReadOnlySpan<byte> data, bool hasFcs, out MacFrame? value, out FrameFormatException? error) =>
            FrameCodec.TryDecode(data, hasFcs, static (d, fcs) => Decode(d, fcs), out value, out error);

        private static MacAddress ReadAddress(ref FrameReader r, MacAddressingMode mode, string field) => mode switch
        {
            MacAddressingMode.Short => MacAddress.FromShort(r.ReadUInt16(field)),
            MacAddressingMode.Extended => MacAddress.FromExtended(r.ReadEui64(field)),
            _ => MacAddress.None,
        };

        /// <summary>Bytes <see cref="Encode"/> writes.</summary>
        public int GetEncodedLength(bool appendFcs = false) => HeaderLength + _payload.Length + (appendFcs ? MacFcs.Length : 0);

        /// <summary>
        /// Writes the frame (optionally followed by a freshly computed FCS). An inconsistent frame (a PAN ID present
        /// where the PAN ID Compression rules omit it or the reverse, version 2 features in older versions, reserved
        /// values) is an <see cref="InvalidOperationException"/>.
        /// </summary>
        public int Encode(Span<byte> destination, bool appendFcs = false)
        {
            Validate();
            var w = new FrameWriter(destination);
            w.WriteUInt16(FrameControl);
            if (SequenceNumber.HasValue)
            {
                w.WriteByte(SequenceNumber.Value);
            }

            if (DestinationPanId.HasValue)
            {
                w.WritePanId(DestinationPanId.Value);
            }

            WriteAddress(ref w, DestinationAddress);
            if (SourcePanId.HasValue)
            {
                w.WritePanId(SourcePanId.Value);
            }

            WriteAddress(ref w, SourceAddress);
            AuxiliarySecurityHeader?.Write(ref w, FrameVersion);
            w.WriteBytes(_headerIes);
            w.WriteBytes(_payload);
            if (appendFcs)
            {
                int at = w.Reserve(MacFcs.Length);
                MacFcs.Write(w.Written.Slice(0, at), w.Slice(at, MacFcs.Length));
            }

            return w.Position;
        }

        public byte[] ToArray(bool appendFcs = false)
        {
            var bytes = new byte[GetEncodedLength(appendFcs)];
            Encode(bytes, appendFcs);
            return bytes;
        }

        private static void WriteAddress(ref FrameWriter w, MacAddress address)
        {
            if (address.Mode == MacAddressingMode.Short)
            {
                w.WriteUInt16(address.ShortAddress);
            }
            else if (address.Mode == MacAddressingMode.Extended)
            {
                w.WriteEui64(address.ExtendedAddress);
            }
        }

        private void Validate()
        {
            if (FrameType > MacFrameType.Command)
            {
                throw new InvalidOperationException($"Frame type {FrameType} cannot be encoded.");
            }

            if (FrameVersion > MacFrameVersion.Ieee802154_2015 || DestinationAddress.Mode == MacAddressingMode.Reserved ||
                DestinationAddress.Mode > MacAddressingMode.Extended || SourceAddress.Mode == MacAddressingMode.Reserved ||
                SourceAddress.Mode > MacAddressingMode.Extended)
            {
                throw new InvalidOperationException("Reserved frame version or addressing mode.");
            }

            bool v2 = FrameVersion == MacFrameVersion.Ieee802154_2015;
            if ((ReservedFrameControlBits & ~(v2 ? 0x0080 : 0x0380)) != 0)
            {
                throw new InvalidOperationException($"0x{ReservedFrameControlBits:X4} are not reserved Frame Control bits of this frame version.");
            }

            if (!v2 && (SequenceNumber is null || IePresent))
            {
                throw new InvalidOperationException("Sequence number suppression and IEs exist only in IEEE 802.15.4-2015 (version 2) frames.");
            }

            if (!IePresent && _headerIes.Length > 0)
            {
                throw new InvalidOperationException("Header IEs are given but IE Present is clear.");
            }

            GetPanIdPresence(FrameVersion, DestinationAddress.Mode, SourceAddress.Mode, PanIdCompression, out bool dstPan, out bool srcPan);
            if (dstPan != DestinationPanId.HasValue || srcPan != SourcePanId.HasValue)
            {
                throw new InvalidOperationException(
                    $"With these addressing modes and PAN ID Compression={PanIdCompression}, the destination PAN ID must be {(dstPan ? "given" : "null")} and the source PAN ID {(srcPan ? "given" : "null")}.");
            }
        }

        /// <summary>The beacon request command an active scan broadcasts (IEEE 802.15.4-2006 7.3.7): to PAN 0xFFFF, address 0xFFFF, no source.</summary>
        public static MacFrame CreateBeaconRequest(byte sequenceNumber) => new MacFrame
        {
            FrameType = MacFrameType.Command,
            SequenceNumber = sequenceNumber,
            DestinationPanId = PanId.Broadcast,
            DestinationAddress = MacAddress.BroadcastShort,
            Payload = MacBeaconRequest.Instance.ToArray(),
        };

        /// <summary>A version 0 beacon frame (IEEE 802.15.4-2006 7.2.2.1): source PAN and address only.</summary>
        public static MacFrame CreateBeacon(byte sequenceNumber, PanId panId, MacAddress source, MacBeacon beacon) => new MacFrame
        {
            FrameType = MacFrameType.Beacon,
            SequenceNumber = sequenceNumber,
            SourcePanId = panId,
            SourceAddress = source,
            Payload = beacon.ToArray(),
        };

        /// <summary>A version 0 intra-PAN command frame (PAN ID Compression set) carrying <paramref name="command"/>.</summary>
        public static MacFrame CreateCommand(
            byte sequenceNumber, PanId panId, MacAddress destination, MacAddress source, MacCommand command, bool ackRequest = true)
        {
            bool compress = !destination.IsNone && !source.IsNone;
            GetPanIdPresence(MacFrameVersion.Ieee802154_2003, destination.Mode, source.Mode, compress, out bool dstPan, out bool srcPan);
            return new MacFrame
            {
                FrameType = MacFrameType.Command,
                AckRequest = ackRequest,
                PanIdCompression = compress,
                SequenceNumber = sequenceNumber,
                DestinationPanId = dstPan ? panId : (PanId?)null,
                DestinationAddress = destination,
                SourcePanId = srcPan ? panId : (PanId?)null,
                SourceAddress = source,
                Payload = command.ToArray(),
            };
        }

        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.Append(FrameType);
            if (SequenceNumber.HasValue)
            {
                sb.Append(" seq ").Append(SequenceNumber.Value);
            }

            sb.Append(' ').Append(EffectiveSourcePanId?.ToString() ?? "-").Append('/').Append(SourceAddress)
              .Append(" -> ").Append(DestinationPanId?.ToString() ?? "-").Append('/').Append(DestinationAddress);
            if (Command is MacCommand command)
            {
                sb.Append(' ').Append(command.CommandId);
            }

            sb.Append(", ").Append(_payload.Length).Append("-byte payload");
            if (FcsPresent)
            {
                sb.Append(FcsValid ? ", FCS ok" : ", FCS BAD");
            }

            return sb.ToString();
        }
    }
}
