using System;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Zcl.SmartEnergy
{
    /// <summary>
    /// A typed cluster-specific command payload of a Smart Energy cluster (SE 1.4 07-5356-19 Annex D): Price
    /// (0x0700, D.4), Demand Response and Load Control (0x0701, D.2) and Messaging (0x0703, D.5). Each record knows
    /// its cluster, command id and direction, encodes itself, and has a static Decode of the payload that follows
    /// the ZCL header. <see cref="Decode(ushort, byte, ZclDirection, ReadOnlySpan{byte}, int)"/> dispatches by
    /// cluster, direction and id. Malformed payloads (short, a partial optional field) throw
    /// <see cref="FrameFormatException"/> naming the field and offset; nothing else is thrown for bad bytes.
    /// </summary>
    public abstract record SmartEnergyCommand
    {
        public abstract ushort ClusterId { get; }

        public abstract byte CommandId { get; }

        public abstract ZclDirection Direction { get; }

        /// <summary>The command's name from the cluster table ("PublishPrice").</summary>
        public string CommandName => ClusterRegistry.Get(ClusterId)?.GetCommand(Direction, CommandId)?.Name ?? GetType().Name;

        /// <summary>Length of the encoded payload.</summary>
        public abstract int EncodedLength { get; }

        /// <summary>Writes the payload. Throws ArgumentException for a field that does not fit (a nibble above 15, a wrong-length signature).</summary>
        public abstract void Write(ref FrameWriter writer);

        public int Encode(Span<byte> destination)
        {
            var w = new FrameWriter(destination);
            Write(ref w);
            return w.Position;
        }

        public byte[] ToArray()
        {
            byte[] bytes = new byte[EncodedLength];
            int n = Encode(bytes);
            return n == bytes.Length ? bytes : throw new InvalidOperationException($"{GetType().Name}: EncodedLength {bytes.Length} but {n} bytes written.");
        }

        /// <summary>
        /// Decodes the payload of cluster-specific command <paramref name="commandId"/> of <paramref name="clusterId"/>
        /// sent in <paramref name="direction"/>. Returns null when this codec does not type that command (another
        /// cluster, or a command outside the ones listed in <see cref="SmartEnergyCommand"/>).
        /// </summary>
        /// <exception cref="FrameFormatException">The payload is malformed.</exception>
        public static SmartEnergyCommand? Decode(ushort clusterId, byte commandId, ZclDirection direction, ReadOnlySpan<byte> payload, int baseOffset = 0)
        {
            var r = new FrameReader(payload, FrameLayer.Zcl, baseOffset);
            SmartEnergyCommand? cmd = (clusterId, direction) switch
            {
                (PriceCommands.ClusterId, ZclDirection.ServerToClient) => PriceCommands.ReadServerToClient(ref r, commandId),
                (PriceCommands.ClusterId, ZclDirection.ClientToServer) => PriceCommands.ReadClientToServer(ref r, commandId),
                (DrlcCommands.ClusterId, ZclDirection.ServerToClient) => DrlcCommands.ReadServerToClient(ref r, commandId),
                (DrlcCommands.ClusterId, ZclDirection.ClientToServer) => DrlcCommands.ReadClientToServer(ref r, commandId),
                (MessagingCommands.ClusterId, ZclDirection.ServerToClient) => MessagingCommands.ReadServerToClient(ref r, commandId),
                (MessagingCommands.ClusterId, ZclDirection.ClientToServer) => MessagingCommands.ReadClientToServer(ref r, commandId),
                _ => null,
            };
            if (cmd is not null && !r.IsAtEnd)
            {
                throw r.Error("Payload", $"{r.Remaining} unexpected bytes after the {cmd.CommandName} payload");
            }

            return cmd;
        }

        /// <summary>
        /// As <see cref="Decode(ushort, byte, ZclDirection, ReadOnlySpan{byte}, int)"/> without throwing: true with the
        /// command when it is typed and well formed; false with <paramref name="error"/> set when malformed, and false
        /// with a null error when the command is not one this codec types.
        /// </summary>
        public static bool TryDecode(ushort clusterId, byte commandId, ZclDirection direction, ReadOnlySpan<byte> payload, out SmartEnergyCommand? command, out FrameFormatException? error)
        {
            try
            {
                command = Decode(clusterId, commandId, direction, payload);
                error = null;
                return command is not null;
            }
            catch (FrameFormatException e)
            {
                command = null;
                error = e;
                return false;
            }
        }

        /// <summary>The typed command of a cluster-specific, non-manufacturer-specific ZCL frame, or null.</summary>
        /// <exception cref="FrameFormatException">The payload is malformed.</exception>
        public static SmartEnergyCommand? Decode(ZclFrame frame) =>
            frame.Header.FrameType == ZclFrameType.ClusterSpecific && !frame.Header.ManufacturerSpecific
                ? Decode(frame.ClusterId, frame.Header.CommandId, frame.Header.Direction, frame.Payload)
                : null;

        /// <summary>
        /// Decodes <paramref name="payload"/> with <paramref name="read"/>. Bytes after the last field this codec knows
        /// are ignored, as ZCL's forward-compatibility rule asks of a receiver (07-5123 2.4: a later revision of the
        /// cluster may append fields); a field cut short is still an error.
        /// </summary>
        internal static T DecodeWhole<T>(ReadOnlySpan<byte> payload, SeRead<T> read)
            where T : SmartEnergyCommand
        {
            var r = new FrameReader(payload, FrameLayer.Zcl);
            return read(ref r);
        }
    }

    internal delegate T SeRead<out T>(ref FrameReader reader);

    /// <summary>Field helpers shared by the SE command codecs.</summary>
    internal static class SeField
    {
        public static ZclUtcTime ReadTime(ref FrameReader r, string field) => new ZclUtcTime(r.ReadUInt32(field));

        public static void WriteTime(ref FrameWriter w, ZclUtcTime t) => w.WriteUInt32(t.Seconds);

        /// <summary>An octet string (length octet, 0xFF = invalid) through the ZclValue reader.</summary>
        public static ZclOctets ReadOctets(ref FrameReader r, string field)
        {
            ZclValue v = ZclValue.Read(ref r, ZclDataType.OctetString, field);
            return v.IsInvalid ? ZclOctets.Invalid : new ZclOctets((byte[])v.Value!);
        }

        public static void WriteOctets(ref FrameWriter w, ZclOctets value, string field)
        {
            if (value.IsInvalid)
            {
                w.WriteByte(0xFF);
                return;
            }

            if (value.Length > 0xFE)
            {
                throw new ArgumentException($"{field} is {value.Length} bytes; an octet string holds at most 254.", field);
            }

            w.WriteByte((byte)value.Length);
            w.WriteBytes(value.Span);
        }

        public static int OctetsLength(ZclOctets value) => 1 + value.Length;

        /// <summary>A character string (ZCL rev 7 2.6.2.14) as UTF-8 text; the invalid string (length 0xFF) reads as empty.</summary>
        public static string ReadText(ref FrameReader r, string field)
        {
            ZclValue v = ZclValue.Read(ref r, ZclDataType.CharacterString, field);
            return v.IsInvalid ? string.Empty : (string)v.Value!;
        }

        public static void WriteText(ref FrameWriter w, string text, string field)
        {
            ZclValue v;
            try
            {
                v = ZclValue.Create(ZclDataType.CharacterString, text ?? string.Empty);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{field}: {e.Message}", field, e);
            }

            v.Write(ref w);
        }

        public static int TextLength(string text) => 1 + System.Text.Encoding.UTF8.GetByteCount(text ?? string.Empty);

        /// <summary>Two 4-bit values in one octet: <paramref name="high"/> in bits 4-7, <paramref name="low"/> in bits 0-3.</summary>
        public static byte Nibbles(byte high, byte low, string highField, string lowField)
        {
            if (high > 0x0F)
            {
                throw new ArgumentException($"{highField} is {high}; it is a 4-bit field (0-15).", highField);
            }

            if (low > 0x0F)
            {
                throw new ArgumentException($"{lowField} is {low}; it is a 4-bit field (0-15).", lowField);
            }

            return (byte)((high << 4) | low);
        }
    }
}
