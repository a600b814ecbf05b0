using System;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;

namespace Zsep.Stack.Mac
{
    /// <summary>
    /// The MAC payload of a MAC command frame, IEEE 802.15.4-2006 7.3 (Figure 55): a Command Frame Identifier
    /// (Table 82) and the command payload. Unknown identifiers decode as <see cref="MacUnknownCommand"/> with the
    /// raw payload; a known command with a short or over-long payload is a <see cref="FrameFormatException"/>.
    /// </summary>
    public abstract record MacCommand
    {
        private protected MacCommand()
        {
        }

        /// <summary>The Command Frame Identifier.</summary>
        public abstract MacCommandId CommandId { get; }

        /// <summary>Bytes after the command identifier.</summary>
        public abstract int PayloadLength { get; }

        /// <summary>Bytes of the whole command: identifier and payload.</summary>
        public int EncodedLength => 1 + PayloadLength;

        private protected abstract void WritePayload(ref FrameWriter w);

        public static MacCommand Decode(ReadOnlySpan<byte> data) => Decode(data, 0);

        public static bool TryDecode(ReadOnlySpan<byte> data, out MacCommand? value, out FrameFormatException? error) =>
            FrameCodec.TryDecode(data, static d => Decode(d), out value, out error);

        internal static MacCommand Decode(ReadOnlySpan<byte> data, int baseOffset)
        {
            var r = new FrameReader(data, FrameLayer.Mac, baseOffset);
            byte id = r.ReadByte("Command.CommandFrameIdentifier");
            MacCommand command;
            switch ((MacCommandId)id)
            {
                case MacCommandId.AssociationRequest:
                    command = new MacAssociationRequest((MacCapabilityInformation)r.ReadByte("AssociationRequest.CapabilityInformation"));
                    break;
                case MacCommandId.AssociationResponse:
                    ushort shortAddress = r.ReadUInt16("AssociationResponse.ShortAddress");
                    command = new MacAssociationResponse(shortAddress, (MacAssociationStatus)r.ReadByte("AssociationResponse.AssociationStatus"));
                    break;
                case MacCommandId.DisassociationNotification:
                    command = new MacDisassociationNotification((MacDisassociationReason)r.ReadByte("DisassociationNotification.DisassociationReason"));
                    break;
                case MacCommandId.DataRequest:
                    command = MacDataRequest.Instance;
                    break;
                case MacCommandId.PanIdConflictNotification:
                    command = MacPanIdConflictNotification.Instance;
                    break;
                case MacCommandId.OrphanNotification:
                    command = MacOrphanNotification.Instance;
                    break;
                case MacCommandId.BeaconRequest:
                    command = MacBeaconRequest.Instance;
                    break;
                case MacCommandId.CoordinatorRealignment:
                    PanId panId = r.ReadPanId("CoordinatorRealignment.PanIdentifier");
                    ushort coordinator = r.ReadUInt16("CoordinatorRealignment.CoordinatorShortAddress");
                    byte channel = r.ReadByte("CoordinatorRealignment.ChannelNumber");
                    ushort assigned = r.ReadUInt16("CoordinatorRealignment.ShortAddress");
                    byte? page = r.Remaining > 0 ? r.ReadByte("CoordinatorRealignment.ChannelPage") : (byte?)null;
                    command = new MacCoordinatorRealignment(panId, coordinator, channel, assigned, page);
                    break;
                case MacCommandId.GtsRequest:
                    command = new MacGtsRequest(r.ReadByte("GtsRequest.GtsCharacteristics"));
                    break;
                default:
                    return new MacUnknownCommand(id, r.ReadArray(r.Remaining, "Command.Payload"));
            }

            if (r.Remaining != 0)
            {
                throw r.Error("Command.Payload", $"{r.Remaining} unexpected bytes after the {(MacCommandId)id} command");
            }

            return command;
        }

        public int Encode(Span<byte> destination)
        {
            var w = new FrameWriter(destination);
            w.WriteByte((byte)CommandId);
            WritePayload(ref w);
            return w.Position;
        }

        public byte[] ToArray()
        {
            var bytes = new byte[EncodedLength];
            Encode(bytes);
            return bytes;
        }
    }

    /// <summary>Association request command, IEEE 802.15.4-2006 7.3.1.</summary>
    public sealed record MacAssociationRequest(MacCapabilityInformation CapabilityInformation) : MacCommand
    {
        public override MacCommandId CommandId => MacCommandId.AssociationRequest;

        public override int PayloadLength => 1;

        private protected override void WritePayload(ref FrameWriter w) => w.WriteByte((byte)CapabilityInformation);
    }

    /// <summary>
    /// Association response command, IEEE 802.15.4-2006 7.3.2: the allocated Short Address (0xFFFF on failure,
    /// 0xFFFE when the device is to use its extended address) and the Association Status (Table 83).
    /// </summary>
    public sealed record MacAssociationResponse(ushort ShortAddress, MacAssociationStatus AssociationStatus) : MacCommand
    {
        public override MacCommandId CommandId => MacCommandId.AssociationResponse;

        public override int PayloadLength => 3;

        private protected override void WritePayload(ref FrameWriter w)
        {
            w.WriteUInt16(ShortAddress);
            w.WriteByte((byte)AssociationStatus);
        }
    }

    /// <summary>Disassociation notification command, IEEE 802.15.4-2006 7.3.3 (reason: Table 84).</summary>
    public sealed record MacDisassociationNotification(MacDisassociationReason DisassociationReason) : MacCommand
    {
        public override MacCommandId CommandId => MacCommandId.DisassociationNotification;

        public override int PayloadLength => 1;

        private protected override void WritePayload(ref FrameWriter w) => w.WriteByte((byte)DisassociationReason);
    }

    /// <summary>Data request command, IEEE 802.15.4-2006 7.3.4 (no payload): an end device polling its parent.</summary>
    public sealed record MacDataRequest : MacCommand
    {
        public static MacDataRequest Instance { get; } = new MacDataRequest();

        public override MacCommandId CommandId => MacCommandId.DataRequest;

        public override int PayloadLength => 0;

        private protected override void WritePayload(ref FrameWriter w)
        {
        }
    }

    /// <summary>PAN ID conflict notification command, IEEE 802.15.4-2006 7.3.5 (no payload).</summary>
    public sealed record MacPanIdConflictNotification : MacCommand
    {
        public static MacPanIdConflictNotification Instance { get; } = new MacPanIdConflictNotification();

        public override MacCommandId CommandId => MacCommandId.PanIdConflictNotification;

        public override int PayloadLength => 0;

        private protected override void WritePayload(ref FrameWriter w)
        {
        }
    }

    /// <summary>Orphan notification command, IEEE 802.15.4-2006 7.3.6 (no payload).</summary>
    public sealed record MacOrphanNotification : MacCommand
    {
        public static MacOrphanNotification Instance { get; } = new MacOrphanNotification();

        public override MacCommandId CommandId => MacCommandId.OrphanNotification;

        public override int PayloadLength => 0;

        private protected override void WritePayload(ref FrameWriter w)
        {
        }
    }

    /// <summary>Beacon request command, IEEE 802.15.4-2006 7.3.7 (no payload): the active scan probe.</summary>
    public sealed record MacBeaconRequest : MacCommand
    {
        public static MacBeaconRequest Instance { get; } = new MacBeaconRequest();

        public override MacCommandId CommandId => MacCommandId.BeaconRequest;

        public override int PayloadLength => 0;

        private protected override void WritePayload(ref FrameWriter w)
        {
        }
    }

    /// <summary>
    /// Coordinator realignment command, IEEE 802.15.4-2006 7.3.8 (Figure 61): PAN Identifier, Coordinator Short
    /// Address, Channel Number, Short Address, and the Channel Page (present only when it is given, as in frame version 1).
    /// </summary>
    public sealed record MacCoordinatorRealignment(
        PanId PanIdentifier,
        ushort CoordinatorShortAddress,
        byte ChannelNumber,
        ushort ShortAddress,
        byte? ChannelPage = null) : MacCommand
    {
        public override MacCommandId CommandId => MacCommandId.CoordinatorRealignment;

        public override int PayloadLength => ChannelPage.HasValue ? 8 : 7;

        private protected override void WritePayload(ref FrameWriter w)
        {
            w.WritePanId(PanIdentifier);
            w.WriteUInt16(CoordinatorShortAddress);
            w.WriteByte(ChannelNumber);
            w.WriteUInt16(ShortAddress);
            if (ChannelPage.HasValue)
            {
                w.WriteByte(ChannelPage.Value);
            }
        }
    }

    /// <summary>
    /// GTS request command, IEEE 802.15.4-2006 7.3.9: the GTS Characteristics field (Figure 63): GTS Length
    /// bits 0-3, GTS Direction bit 4, Characteristics Type bit 5; reserved bits 6-7 are kept as received.
    /// </summary>
    public sealed record MacGtsRequest(byte GtsCharacteristics) : MacCommand
    {
        public MacGtsRequest(int gtsLength, MacGtsDirection direction, MacGtsCharacteristicsType characteristicsType)
            : this((byte)((gtsLength & 0x0F) | (((int)direction & 1) << 4) | (((int)characteristicsType & 1) << 5)))
        {
        }

        public int GtsLength => GtsCharacteristics & 0x0F;

        public MacGtsDirection GtsDirection => (MacGtsDirection)((GtsCharacteristics >> 4) & 1);

        public MacGtsCharacteristicsType CharacteristicsType => (MacGtsCharacteristicsType)((GtsCharacteristics >> 5) & 1);

        public override MacCommandId CommandId => MacCommandId.GtsRequest;

        public override int PayloadLength => 1;

        private protected override void WritePayload(ref FrameWriter w) => w.WriteByte(GtsCharacteristics);
    }

    /// <summary>A command whose identifier this codec does not know (reserved in 2006, or later revisions): kept raw.</summary>
    public sealed record MacUnknownCommand(byte CommandFrameIdentifier, byte[] Payload) : MacCommand
    {
        public override MacCommandId CommandId => (MacCommandId)CommandFrameIdentifier;

        public override int PayloadLength => Payload.Length;

        private protected override void WritePayload(ref FrameWriter w) => w.WriteBytes(Payload);
    }
}
