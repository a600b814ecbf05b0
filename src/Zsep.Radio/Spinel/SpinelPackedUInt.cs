using System;
using Zsep.Stack.Codec;

namespace Zsep.Radio.Spinel
{
    /// <summary>
    /// The Spinel packed unsigned integer (draft-rquattle-spinel-unified section 3.2 "Packed Unsigned Integer",
    /// datatype <c>i</c>; from EXI): 7-bit groups least significant first, the high bit of each byte set when another
    /// byte follows, at most three bytes, so at most 2,097,151. 1337 is <c>B9 0A</c>.
    /// The decoder accepts only the shortest encoding of each value (what every encoder produces), so that a decoded
    /// frame re-encodes to the same bytes: a fourth byte, a continuation bit on the third byte or a redundant zero
    /// last group is a <see cref="FrameFormatException"/>.
    /// </summary>
    public static class SpinelPackedUInt
    {
        /// <summary>The largest value three 7-bit groups hold: 2,097,151.</summary>
        public const uint MaxValue = (1u << 21) - 1;

        /// <summary>The most bytes an encoding takes.</summary>
        public const int MaxLength = 3;

        /// <summary>1, 2 or 3.</summary>
        public static int GetEncodedLength(uint value)
        {
            CheckRange(value);
            return value < 0x80 ? 1 : value < 0x4000 ? 2 : 3;
        }

        /// <summary>Writes <paramref name="value"/> and returns the bytes written.</summary>
        public static int Write(uint value, Span<byte> destination)
        {
            int length = GetEncodedLength(value);
            if (destination.Length < length)
            {
                throw new ArgumentException($"Destination too small: need {length} bytes, have {destination.Length}.", nameof(destination));
            }

            for (int i = 0; i < length; i++)
            {
                byte group = (byte)(value & 0x7F);
                value >>= 7;
                destination[i] = i < length - 1 ? (byte)(group | 0x80) : group;
            }

            return length;
        }

        /// <summary>Writes <paramref name="value"/> at the cursor of <paramref name="writer"/>.</summary>
        public static void Write(ref FrameWriter writer, uint value)
        {
            int length = GetEncodedLength(value);
            for (int i = 0; i < length; i++)
            {
                byte group = (byte)(value & 0x7F);
                value >>= 7;
                writer.WriteByte(i < length - 1 ? (byte)(group | 0x80) : group);
            }
        }

        /// <summary>The encoding of <paramref name="value"/> in a new array.</summary>
        public static byte[] Encode(uint value)
        {
            var result = new byte[GetEncodedLength(value)];
            Write(value, result);
            return result;
        }

        /// <summary>Decodes a packed unsigned integer that makes up the whole of <paramref name="data"/>.</summary>
        public static uint Decode(ReadOnlySpan<byte> data)
        {
            var reader = new FrameReader(data, FrameLayer.Spinel);
            uint value = Read(ref reader, "PackedUInt");
            if (!reader.IsAtEnd)
            {
                throw reader.Error("PackedUInt", $"{reader.Remaining} unexpected bytes after the value");
            }

            return value;
        }

        /// <summary>Reads a packed unsigned integer at the cursor of <paramref name="reader"/>; errors name <paramref name="field"/>.</summary>
        public static uint Read(ref FrameReader reader, string field)
        {
            int start = reader.AbsoluteOffset;
            uint value = 0;
            for (int i = 0; i < MaxLength; i++)
            {
                if (reader.IsAtEnd)
                {
                    throw new FrameFormatException(FrameLayer.Spinel, field, start, i == 0
                        ? "Expected a packed unsigned integer but there are no bytes left"
                        : $"Packed unsigned integer truncated after {i} byte(s)");
                }

                byte b = reader.ReadByte(field);
                value |= (uint)(b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0)
                {
                    if (i > 0 && b == 0)
                    {
                        throw new FrameFormatException(FrameLayer.Spinel, field, start, "Packed unsigned integer is not in its shortest form");
                    }

                    return value;
                }
            }

            throw new FrameFormatException(FrameLayer.Spinel, field, start, "Packed unsigned integer longer than 3 bytes (above 2097151)");
        }

        internal static void CheckRange(uint value)
        {
            if (value > MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A Spinel packed unsigned integer holds at most 2097151.");
            }
        }
    }
}
