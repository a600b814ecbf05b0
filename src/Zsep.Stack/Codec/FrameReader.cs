using System;
using System.Buffers.Binary;

namespace Zsep.Stack.Codec
{
    /// <summary>
    /// A bounds-checked little-endian cursor over a frame. Every read names the field it reads, so a short or
    /// inconsistent frame fails with a <see cref="FrameFormatException"/> that says which field at which offset.
    /// Zigbee and IEEE 802.15.4 are little-endian on the air throughout.
    /// </summary>
    public ref struct FrameReader
    {
        private readonly ReadOnlySpan<byte> _buffer;
        private readonly int _baseOffset;

        /// <param name="buffer">The bytes to read.</param>
        /// <param name="layer">The layer reported in errors.</param>
        /// <param name="baseOffset">Added to offsets in errors, when <paramref name="buffer"/> is a slice of a larger frame.</param>
        public FrameReader(ReadOnlySpan<byte> buffer, FrameLayer layer, int baseOffset = 0)
        {
            _buffer = buffer;
            Layer = layer;
            _baseOffset = baseOffset;
            Position = 0;
        }

        public FrameLayer Layer { get; }

        /// <summary>Bytes consumed so far.</summary>
        public int Position { get; private set; }

        public int Remaining => _buffer.Length - Position;

        public bool IsAtEnd => Position >= _buffer.Length;

        /// <summary>Everything not yet consumed.</summary>
        public ReadOnlySpan<byte> Rest => _buffer.Slice(Position);

        /// <summary>The absolute offset of the cursor, for error messages of callers.</summary>
        public int AbsoluteOffset => _baseOffset + Position;

        public FrameFormatException Error(string field, string message) =>
            new FrameFormatException(Layer, field, _baseOffset + Position, message);

        public void Require(int count, string field)
        {
            if (count < 0)
            {
                throw Error(field, $"Negative length {count}");
            }

            if (Remaining < count)
            {
                throw Error(field, $"Expected at least {count} bytes but there are only {Remaining}");
            }
        }

        public byte ReadByte(string field)
        {
            Require(1, field);
            return _buffer[Position++];
        }

        public sbyte ReadSByte(string field) => unchecked((sbyte)ReadByte(field));

        public ushort ReadUInt16(string field)
        {
            Require(2, field);
            ushort value = BinaryPrimitives.ReadUInt16LittleEndian(_buffer.Slice(Position));
            Position += 2;
            return value;
        }

        public uint ReadUInt24(string field)
        {
            Require(3, field);
            uint value = (uint)(_buffer[Position] | (_buffer[Position + 1] << 8) | (_buffer[Position + 2] << 16));
            Position += 3;
            return value;
        }

        public uint ReadUInt32(string field)
        {
            Require(4, field);
            uint value = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.Slice(Position));
            Position += 4;
            return value;
        }

        public ulong ReadUInt64(string field)
        {
            Require(8, field);
            ulong value = BinaryPrimitives.ReadUInt64LittleEndian(_buffer.Slice(Position));
            Position += 8;
            return value;
        }

        /// <summary>An unsigned little-endian integer of 1 to 8 bytes (ZCL uint24, uint40 ...).</summary>
        public ulong ReadUIntN(int bytes, string field)
        {
            if (bytes < 1 || bytes > 8)
            {
                throw Error(field, $"Unsupported integer width {bytes}");
            }

            Require(bytes, field);
            ulong value = 0;
            for (int i = bytes - 1; i >= 0; i--)
            {
                value = (value << 8) | _buffer[Position + i];
            }

            Position += bytes;
            return value;
        }

        public Types.Eui64 ReadEui64(string field) => new Types.Eui64(ReadUInt64(field));

        public Types.NwkAddress ReadNwkAddress(string field) => new Types.NwkAddress(ReadUInt16(field));

        public Types.PanId ReadPanId(string field) => new Types.PanId(ReadUInt16(field));

        public ReadOnlySpan<byte> ReadBytes(int count, string field)
        {
            Require(count, field);
            ReadOnlySpan<byte> slice = _buffer.Slice(Position, count);
            Position += count;
            return slice;
        }

        /// <summary>Reads <paramref name="count"/> bytes into a new array; the length is checked before allocating.</summary>
        public byte[] ReadArray(int count, string field) => ReadBytes(count, field).ToArray();

        public ReadOnlySpan<byte> ReadRest() => ReadBytes(Remaining, "Payload");

        public void Skip(int count, string field) => ReadBytes(count, field);
    }
}
