using System;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Zcl.SmartEnergy
{
    /// <summary>Messaging cluster (0x0703) command ids, SE 1.4 (07-5356-19) D.5.2.3 / D.5.3.3, and the dispatch.</summary>
    public static class MessagingCommands
    {
        public const ushort ClusterId = 0x0703;

        // Server to client (D.5.2.3).
        public const byte DisplayMessage = 0x00;
        public const byte CancelMessage = 0x01;
        public const byte DisplayProtectedMessage = 0x02;
        public const byte CancelAllMessages = 0x03;

        // Client to server (D.5.3.3).
        public const byte GetLastMessage = 0x00;
        public const byte MessageConfirmation = 0x01;
        public const byte GetMessageCancellation = 0x02;

        internal static SmartEnergyCommand? ReadServerToClient(ref FrameReader r, byte commandId) => commandId switch
        {
            DisplayMessage or DisplayProtectedMessage => SmartEnergy.DisplayMessage.Read(ref r, commandId == DisplayProtectedMessage),
            CancelMessage => SmartEnergy.CancelMessage.Read(ref r),
            CancelAllMessages => SmartEnergy.CancelAllMessages.Read(ref r),
            _ => null,
        };

        internal static SmartEnergyCommand? ReadClientToServer(ref FrameReader r, byte commandId) => commandId switch
        {
            GetLastMessage => new GetLastMessage(),
            MessageConfirmation => SmartEnergy.MessageConfirmation.Read(ref r),
            GetMessageCancellation => SmartEnergy.GetMessageCancellation.Read(ref r),
            _ => null,
        };
    }

    /// <summary>
    /// Display Message (Messaging 0x0703, server to client, 0x00) and Display Protected Message (0x02, same layout),
    /// SE 1.4 (07-5356-19) D.5.2.3.1, Figure D-150:
    /// <code>
    /// off len field
    ///   0   4 Message ID (uint32)
    ///   4   1 Message Control (map8, see <see cref="MessageControl"/>)
    ///   5   4 Start Time (UTCTime, 0 = now)
    ///   9   2 Duration In Minutes (uint16, 0xFFFF = until changed)
    ///  11 1+n Message (character string, UTF-8)
    ///       1 Extended Message Control (map8, optional, SE 1.2+: bit 0 message confirmed)
    /// </code>
    /// </summary>
    public sealed record DisplayMessage(
        uint MessageId,
        MessageControl MessageControl,
        ZclUtcTime StartTime,
        ushort DurationInMinutes,
        string Message,
        byte? ExtendedMessageControl = null) : SmartEnergyCommand
    {
        /// <summary>Duration In Minutes 0xFFFF: until changed.</summary>
        public const ushort UntilChanged = 0xFFFF;

        /// <summary>True for Display Protected Message (0x02), false for Display Message (0x00).</summary>
        public bool Protected { get; init; }

        public override ushort ClusterId => MessagingCommands.ClusterId;

        public override byte CommandId => Protected ? MessagingCommands.DisplayProtectedMessage : MessagingCommands.DisplayMessage;

        public override ZclDirection Direction => ZclDirection.ServerToClient;

        public override int EncodedLength => 11 + SeField.TextLength(Message) + (ExtendedMessageControl.HasValue ? 1 : 0);

        public static DisplayMessage Decode(ReadOnlySpan<byte> payload) => DecodeWhole(payload, static (ref FrameReader r) => Read(ref r, false));

        public static bool TryDecode(ReadOnlySpan<byte> payload, out DisplayMessage? command, out FrameFormatException? error) =>
            FrameCodec.TryDecode(payload, static p => Decode(p), out command, out error);

        internal static DisplayMessage Read(ref FrameReader r, bool isProtected)
        {
            uint id = r.ReadUInt32(nameof(MessageId));
            var control = new MessageControl(r.ReadByte(nameof(MessageControl)));
            ZclUtcTime start = SeField.ReadTime(ref r, nameof(StartTime));
            ushort duration = r.ReadUInt16(nameof(DurationInMinutes));
            string text = SeField.ReadText(ref r, nameof(Message));
            byte? extended = r.IsAtEnd ? null : r.ReadByte(nameof(ExtendedMessageControl));
            return new DisplayMessage(id, control, start, duration, text, extended) { Protected = isProtected };
        }

        public override void Write(ref FrameWriter w)
        {
            w.WriteUInt32(MessageId);
            w.WriteByte(MessageControl.Value);
            SeField.WriteTime(ref w, StartTime);
            w.WriteUInt16(DurationInMinutes);
            SeField.WriteText(ref w, Message, nameof(Message));
            if (ExtendedMessageControl is byte e)
            {
                w.WriteByte(e);
            }
        }
    }

    /// <summary>Cancel Message (Messaging, server to client, 0x01), SE 1.4 D.5.2.3.2: Message ID (uint32), Message Control (map8).</summary>
    public sealed record CancelMessage(uint MessageId, MessageControl MessageControl) : SmartEnergyCommand
    {
        public override ushort ClusterId => MessagingCommands.ClusterId;

        public override byte CommandId => MessagingCommands.CancelMessage;

        public override ZclDirection Direction => ZclDirection.ServerToClient;

        public override int EncodedLength => 5;

        public static CancelMessage Decode(ReadOnlySpan<byte> payload) => DecodeWhole(payload, Read);

        internal static CancelMessage Read(ref FrameReader r) =>
            new CancelMessage(r.ReadUInt32(nameof(MessageId)), new MessageControl(r.ReadByte(nameof(MessageControl))));

        public override void Write(ref FrameWriter w)
        {
            w.WriteUInt32(MessageId);
            w.WriteByte(MessageControl.Value);
        }
    }

    /// <summary>Cancel All Messages (Messaging, server to client, 0x03), SE 1.4 D.5.2.3.4: Implementation Date/Time (UTCTime, 0 = now).</summary>
    public sealed record CancelAllMessages(ZclUtcTime ImplementationTime) : SmartEnergyCommand
    {
        public override ushort ClusterId => MessagingCommands.ClusterId;

        public override byte CommandId => MessagingCommands.CancelAllMessages;

        public override ZclDirection Direction => ZclDirection.ServerToClient;

        public override int EncodedLength => 4;

        public static CancelAllMessages Decode(ReadOnlySpan<byte> payload) => DecodeWhole(payload, Read);

        internal static CancelAllMessages Read(ref FrameReader r) => new CancelAllMessages(SeField.ReadTime(ref r, nameof(ImplementationTime)));

        public override void Write(ref FrameWriter w) => SeField.WriteTime(ref w, ImplementationTime);
    }

    /// <summary>Get Last Message (Messaging, client to server, 0x00), SE 1.4 D.5.3.3.1: no payload.</summary>
    public sealed record GetLastMessage : SmartEnergyCommand
    {
        public override ushort ClusterId => MessagingCommands.ClusterId;

        public override byte CommandId => MessagingCommands.GetLastMessage;

        public override ZclDirection Direction => ZclDirection.ClientToServer;

        public override int EncodedLength => 0;

        public static GetLastMessage Decode(ReadOnlySpan<byte> payload) => DecodeWhole(payload, static (ref FrameReader _) => new GetLastMessage());

        public override void Write(ref FrameWriter w)
        {
        }
    }

    /// <summary>Message Confirmation Control (map8) of Message Confirmation, SE 1.4 D.5.3.3.2.</summary>
    [Flags]
    public enum MessageConfirmationControl : byte
    {
        None = 0x00,

        /// <summary>Bit 0: the user answered "No".</summary>
        NoReturned = 0x01,

        /// <summary>Bit 1: the user answered "Yes".</summary>
        YesReturned = 0x02,
    }

    /// <summary>
    /// Message Confirmation (Messaging, client to server, 0x01), SE 1.4 D.5.3.3.2, Figure D-156: Message ID (uint32),
    /// Confirmation Time (UTCTime), then optionally Message Confirmation Control (map8) and Message Confirmation
    /// Response (octet string, up to 20 bytes; only after the control). When only the response is set, the control
    /// goes out as 0x00.
    /// </summary>
    public sealed record MessageConfirmation(
        uint MessageId,
        ZclUtcTime ConfirmationTime,
        MessageConfirmationControl? MessageConfirmationControl = null,
        ZclOctets? MessageConfirmationResponse = null) : SmartEnergyCommand
    {
        public override ushort ClusterId => MessagingCommands.ClusterId;

        public override byte CommandId => MessagingCommands.MessageConfirmation;

        public override ZclDirection Direction => ZclDirection.ClientToServer;

        public override int EncodedLength =>
            8 + (MessageConfirmationControl.HasValue || MessageConfirmationResponse.HasValue ? 1 : 0) +
            (MessageConfirmationResponse is ZclOctets o ? SeField.OctetsLength(o) : 0);

        public static MessageConfirmation Decode(ReadOnlySpan<byte> payload) => DecodeWhole(payload, Read);

        internal static MessageConfirmation Read(ref FrameReader r)
        {
            uint id = r.ReadUInt32(nameof(MessageId));
            ZclUtcTime time = SeField.ReadTime(ref r, nameof(ConfirmationTime));
            MessageConfirmationControl? control = null;
            ZclOctets? response = null;
            if (!r.IsAtEnd)
            {
                control = (SmartEnergy.MessageConfirmationControl)r.ReadByte(nameof(MessageConfirmationControl));
            }

            if (!r.IsAtEnd)
            {
                response = SeField.ReadOctets(ref r, nameof(MessageConfirmationResponse));
            }

            return new MessageConfirmation(id, time, control, response);
        }

        public override void Write(ref FrameWriter w)
        {
            w.WriteUInt32(MessageId);
            SeField.WriteTime(ref w, ConfirmationTime);
            if (MessageConfirmationControl.HasValue || MessageConfirmationResponse.HasValue)
            {
                w.WriteByte((byte)(MessageConfirmationControl ?? SmartEnergy.MessageConfirmationControl.None));
            }

            if (MessageConfirmationResponse is ZclOctets o)
            {
                SeField.WriteOctets(ref w, o, nameof(MessageConfirmationResponse));
            }
        }
    }

    /// <summary>Get Message Cancellation (Messaging, client to server, 0x02), SE 1.4 D.5.3.3.3: Earliest Implementation Time (UTCTime).</summary>
    public sealed record GetMessageCancellation(ZclUtcTime EarliestImplementationTime) : SmartEnergyCommand
    {
        public override ushort ClusterId => MessagingCommands.ClusterId;

        public override byte CommandId => MessagingCommands.GetMessageCancellation;

        public override ZclDirection Direction => ZclDirection.ClientToServer;

        public override int EncodedLength => 4;

        public static GetMessageCancellation Decode(ReadOnlySpan<byte> payload) => DecodeWhole(payload, Read);

        internal static GetMessageCancellation Read(ref FrameReader r) => new GetMessageCancellation(SeField.ReadTime(ref r, nameof(EarliestImplementationTime)));

        public override void Write(ref FrameWriter w) => SeField.WriteTime(ref w, EarliestImplementationTime);
    }
}
