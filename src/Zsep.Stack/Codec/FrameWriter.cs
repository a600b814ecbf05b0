using System;
using System.Buffers.Binary;

namespace Zsep.Stack.Codec
{
    /// <summary>
    /// A little-endian cursor that writes a frame into a caller's span. Running out of room is a programming
    /// error of the caller (the span was sized too small), reported as <see cref="ArgumentException"/>.
    /// </summary>
    public ref struct FrameWriter
    {
        private readonly Span<byte> _buffer;

        public FrameWriter(Span<byte> buffer)
        {
            _buffer = buffer;
            Position = 0;
        }

        public int Position { get; private set; }

        public Span<byte> Written => _buffer.Slice(0, Position);

        private Span<byte> Take(int count)
        {
            if (_buffer.Length - Position < count)
            {
                throw new ArgumentException($"Destination too small: need {Position + count} bytes, have {_buffer.Length}.");
            }

            Span<byte> slice = _buffer.Slice(Position, count);
            Position += count;
            return slice;
        }

        public void WriteByte(byte value) => Take(1)[0] = value;

        public void WriteSByte(sbyte value) => WriteByte(unchecked((byte)value));

        public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Take(2), value);

        public void WriteUInt24(uint value)
        {
            Span<byte> s = Take(3);
            s[0] = (byte)value;
            s[1] = (byte)(value >> 8);
            s[2] = (byte)(value >> 16);
        }

        public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Take(4), value);

        public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Take(8), value);

        public void WriteUIntN(ulong value, int bytes)
        {
            Span<byte> s = Take(bytes);
            for (int i = 0; i < bytes; i++)
            {
                s[i] = (byte)(value >> (8 * i));
            }
        }

        public void WriteEui64(Types.Eui64 value) => WriteUInt64(value.Value);

        public void WriteNwkAddress(Types.NwkAddress value) => WriteUInt16(value.Value);

        public void WritePanId(Types.PanId value) => WriteUInt16(value.Value);

        public void WriteBytes(ReadOnlySpan<byte> value) => value.CopyTo(Take(value.Length));

        /// <summary>Reserves room to be filled later (a length or a checksum); returns its offset.</summary>
        public int Reserve(int count)
        {
            int at = Position;
            Take(count).Clear();
            return at;
        }

        public Span<byte> Slice(int offset, int count) => _buffer.Slice(offset, count);
    }
}
