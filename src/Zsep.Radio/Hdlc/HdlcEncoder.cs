using System;
using System.Buffers;

namespace Zsep.Radio.Hdlc
{
    /// <summary>
    /// HDLC-lite framing of Spinel frames (draft-rquattle-spinel-unified Appendix A "Framing Protocol", HDLC-Lite, after RFC 1662
    /// section 4 "Octet-stuffed framing"), as OpenThread's src/lib/hdlc implements it: each frame is
    /// <c>0x7E | escaped(frame | FCS little-endian) | 0x7E</c>, where escaping replaces each of 0x7E (flag),
    /// 0x7D (escape), 0x11 (XON), 0x13 (XOFF) and 0xF8 (OpenThread's "special" byte) by 0x7D followed by the byte
    /// XOR 0x20. The FCS is CRC-16/X-25 (<see cref="HdlcFcs"/>) over the unescaped frame.
    /// </summary>
    public static class HdlcEncoder
    {
        /// <summary>The flag byte that opens and closes every frame.</summary>
        public const byte Flag = 0x7E;

        /// <summary>The control-escape byte: the next byte is XORed with <see cref="EscapeXor"/>.</summary>
        public const byte Escape = 0x7D;

        /// <summary>The value an escaped byte is XORed with.</summary>
        public const byte EscapeXor = 0x20;

        /// <summary>True for the bytes the encoder escapes: 0x7E, 0x7D, 0x11 (XON), 0x13 (XOFF), 0xF8.</summary>
        public static bool NeedsEscape(byte value) =>
            value == Flag || value == Escape || value == 0x11 || value == 0x13 || value == 0xF8;

        /// <summary>The largest encoding a frame of <paramref name="frameLength"/> bytes can take (every byte escaped).</summary>
        public static int GetMaxEncodedLength(int frameLength)
        {
            if (frameLength < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(frameLength));
            }

            return 2 + (2 * (frameLength + HdlcFcs.Size));
        }

        /// <summary>The exact length of the encoding of <paramref name="frame"/>.</summary>
        public static int GetEncodedLength(ReadOnlySpan<byte> frame)
        {
            int length = 2;
            foreach (byte b in frame)
            {
                length += NeedsEscape(b) ? 2 : 1;
            }

            ushort fcs = HdlcFcs.Compute(frame);
            length += NeedsEscape((byte)fcs) ? 2 : 1;
            length += NeedsEscape((byte)(fcs >> 8)) ? 2 : 1;
            return length;
        }

        /// <summary>
        /// Writes the framed, escaped form of <paramref name="frame"/> into <paramref name="destination"/> and returns
        /// the number of bytes written. A destination shorter than <see cref="GetEncodedLength"/> is a caller error
        /// (<see cref="ArgumentException"/>); <see cref="GetMaxEncodedLength"/> is always enough.
        /// </summary>
        public static int Encode(ReadOnlySpan<byte> frame, Span<byte> destination)
        {
            int needed = GetEncodedLength(frame);
            if (destination.Length < needed)
            {
                throw new ArgumentException($"Destination too small: need {needed} bytes, have {destination.Length}.", nameof(destination));
            }

            int at = 0;
            destination[at++] = Flag;
            ushort register = HdlcFcs.InitialValue;
            foreach (byte b in frame)
            {
                register = HdlcFcs.Update(register, b);
                at = Put(destination, at, b);
            }

            ushort fcs = (ushort)(register ^ 0xFFFF);
            at = Put(destination, at, (byte)fcs);
            at = Put(destination, at, (byte)(fcs >> 8));
            destination[at++] = Flag;
            return at;
        }

        /// <summary>Appends the framed, escaped form of <paramref name="frame"/> to <paramref name="writer"/>; returns the bytes written.</summary>
        public static int Encode(ReadOnlySpan<byte> frame, IBufferWriter<byte> writer)
        {
            if (writer == null)
            {
                throw new ArgumentNullException(nameof(writer));
            }

            int length = GetEncodedLength(frame);
            int written = Encode(frame, writer.GetSpan(length));
            writer.Advance(written);
            return written;
        }

        /// <summary>The framed, escaped form of <paramref name="frame"/> in a new array.</summary>
        public static byte[] Encode(ReadOnlySpan<byte> frame)
        {
            var result = new byte[GetEncodedLength(frame)];
            Encode(frame, result);
            return result;
        }

        private static int Put(Span<byte> destination, int at, byte value)
        {
            if (NeedsEscape(value))
            {
                destination[at++] = Escape;
                destination[at++] = (byte)(value ^ EscapeXor);
            }
            else
            {
                destination[at++] = value;
            }

            return at;
        }
    }
}
