using System;
using System.Text;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;

namespace Zsep.Radio.Spinel
{
    /// <summary>
    /// One Spinel frame (draft-rquattle-spinel-unified section 2 "Frame Format"): a header byte, a command id (packed
    /// unsigned integer, section 2.2) and the command payload (section 2.3). For the property commands
    /// (PROP_VALUE_GET .. PROP_VALUE_REMOVED, section 4) the payload starts with the property id (packed unsigned
    /// integer), which is decoded into <see cref="PropertyId"/>; <see cref="Value"/> is the rest of the payload.
    /// <code>
    ///   header:  FLG (bits 7-6, always 0b10) | NLI/IID (bits 5-4) | TID (bits 3-0)
    /// </code>
    /// </summary>
    public sealed record SpinelFrame
    {
        /// <summary>The two header flag bits every Spinel frame carries (section 2.1.1).</summary>
        public const byte HeaderFlag = 0b10;

        private byte _tid;
        private byte _nli;

        /// <summary>Transaction identifier 0-15 (section 2.1.3): a reply carries the TID of its command; 0 is unsolicited.</summary>
        public byte Tid
        {
            get => _tid;
            init => _tid = value <= 15 ? value : throw new ArgumentOutOfRangeException(nameof(Tid), value, "The TID is 0 to 15.");
        }

        /// <summary>Network link identifier 0-3 (section 2.1.2; OpenThread calls it the interface identifier, IID).</summary>
        public byte Nli
        {
            get => _nli;
            init => _nli = value <= 3 ? value : throw new ArgumentOutOfRangeException(nameof(Nli), value, "The NLI is 0 to 3.");
        }

        /// <summary>The command (section 2.2).</summary>
        public SpinelCommandId CommandId { get; init; }

        /// <summary>The property of a PROP_VALUE_* command, null for the other commands.</summary>
        public SpinelPropertyId? PropertyId { get; init; }

        /// <summary>The property value (property commands) or the whole command payload (other commands).</summary>
        public byte[] Value { get; init; } = Array.Empty<byte>();

        /// <summary>True for the commands whose payload starts with a property id: PROP_VALUE_GET (2) to PROP_VALUE_REMOVED (8).</summary>
        public static bool HasPropertyId(SpinelCommandId command) =>
            command >= SpinelCommandId.PropValueGet && command <= SpinelCommandId.PropValueRemoved;

        /// <summary>The header byte: 0x80 | NLI &lt;&lt; 4 | TID.</summary>
        public byte Header => (byte)((HeaderFlag << 6) | (_nli << 4) | _tid);

        /// <summary>A PROP_VALUE_GET of <paramref name="property"/>.</summary>
        public static SpinelFrame PropertyGet(SpinelPropertyId property, byte tid = 0) =>
            new SpinelFrame { Tid = tid, CommandId = SpinelCommandId.PropValueGet, PropertyId = property };

        /// <summary>A PROP_VALUE_SET of <paramref name="property"/> to <paramref name="value"/> (already packed).</summary>
        public static SpinelFrame PropertySet(SpinelPropertyId property, byte[] value, byte tid = 0) =>
            new SpinelFrame { Tid = tid, CommandId = SpinelCommandId.PropValueSet, PropertyId = property, Value = value };

        /// <summary>A command without a property (NOOP, RESET ...) with an optional payload.</summary>
        public static SpinelFrame Command(SpinelCommandId command, byte tid = 0, byte[]? payload = null)
        {
            if (HasPropertyId(command))
            {
                throw new ArgumentException($"{command} needs a property: use PropertyGet/PropertySet or set PropertyId.", nameof(command));
            }

            return new SpinelFrame { Tid = tid, CommandId = command, Value = payload ?? Array.Empty<byte>() };
        }

        /// <summary>Decodes one Spinel frame (the content of one HDLC frame).</summary>
        public static SpinelFrame Decode(ReadOnlySpan<byte> data)
        {
            var reader = new FrameReader(data, FrameLayer.Spinel);
            byte header = reader.ReadByte("Header");
            if (header >> 6 != HeaderFlag)
            {
                throw new FrameFormatException(FrameLayer.Spinel, "Header.Flag", 0, $"Header flag bits are {header >> 6} instead of 0b10: not a Spinel frame");
            }

            var command = (SpinelCommandId)SpinelPackedUInt.Read(ref reader, "CommandId");
            SpinelPropertyId? property = null;
            if (HasPropertyId(command))
            {
                property = (SpinelPropertyId)SpinelPackedUInt.Read(ref reader, "PropertyId");
            }

            return new SpinelFrame
            {
                Tid = (byte)(header & 0x0F),
                Nli = (byte)((header >> 4) & 0x03),
                CommandId = command,
                PropertyId = property,
                Value = reader.ReadRest().ToArray(),
            };
        }

        /// <summary>As <see cref="Decode"/>, returning false with the error instead of throwing.</summary>
        public static bool TryDecode(ReadOnlySpan<byte> data, out SpinelFrame? frame, out FrameFormatException? error) =>
            FrameCodec.TryDecode(data, Decode, out frame, out error);

        /// <summary>The encoded length in bytes.</summary>
        public int EncodedLength
        {
            get
            {
                Validate();
                return 1 + SpinelPackedUInt.GetEncodedLength((uint)CommandId)
                    + (PropertyId.HasValue ? SpinelPackedUInt.GetEncodedLength((uint)PropertyId.Value) : 0)
                    + Value.Length;
            }
        }

        /// <summary>Writes the frame and returns the bytes written.</summary>
        public int Encode(Span<byte> destination)
        {
            Validate();
            var writer = new FrameWriter(destination);
            writer.WriteByte(Header);
            SpinelPackedUInt.Write(ref writer, (uint)CommandId);
            if (PropertyId.HasValue)
            {
                SpinelPackedUInt.Write(ref writer, (uint)PropertyId.Value);
            }

            writer.WriteBytes(Value);
            return writer.Position;
        }

        /// <summary>The encoded frame in a new array.</summary>
        public byte[] ToArray()
        {
            var result = new byte[EncodedLength];
            Encode(result);
            return result;
        }

        /// <summary>The frame wrapped in HDLC-lite framing, ready for the serial line.</summary>
        public byte[] ToHdlc() => Hdlc.HdlcEncoder.Encode(ToArray());

        public bool Equals(SpinelFrame? other) =>
            other is not null && _tid == other._tid && _nli == other._nli && CommandId == other.CommandId
            && PropertyId == other.PropertyId && Value.AsSpan().SequenceEqual(other.Value);

        public override int GetHashCode()
        {
            int hash = (int)CommandId * 31 + (_tid << 4 | _nli);
            hash = hash * 31 + (int)(PropertyId ?? 0);
            foreach (byte b in Value)
            {
                hash = hash * 31 + b;
            }

            return hash;
        }

        public override string ToString()
        {
            var text = new StringBuilder();
            text.Append(CommandId).Append(" tid=").Append(_tid);
            if (_nli != 0)
            {
                text.Append(" nli=").Append(_nli);
            }

            if (PropertyId.HasValue)
            {
                text.Append(' ').Append(PropertyId.Value);
            }

            if (Value.Length > 0)
            {
                text.Append(' ').Append(Hex.Format(Value));
            }

            return text.ToString();
        }

        private void Validate()
        {
            SpinelPackedUInt.CheckRange((uint)CommandId);
            if (HasPropertyId(CommandId) != PropertyId.HasValue)
            {
                throw new InvalidOperationException(PropertyId.HasValue
                    ? $"{CommandId} carries no property id."
                    : $"{CommandId} needs a property id.");
            }

            if (PropertyId.HasValue)
            {
                SpinelPackedUInt.CheckRange((uint)PropertyId.Value);
            }

            if (Value == null)
            {
                throw new InvalidOperationException("Value is null.");
            }
        }
    }
}
