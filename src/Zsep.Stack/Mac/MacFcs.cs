using System;

namespace Zsep.Stack.Mac
{
    /// <summary>
    /// The MAC frame check sequence, IEEE 802.15.4-2006 7.2.1.9: ITU-T CRC-16 (x^16 + x^12 + x^5 + 1) computed
    /// bit-reflected with initial value 0 and no final XOR (the catalogue's CRC-16/KERMIT), sent least significant
    /// byte first.
    /// </summary>
    public static class MacFcs
    {
        /// <summary>Length of the FCS field in bytes.</summary>
        public const int Length = 2;

        private static readonly ushort[] Table = BuildTable();

        private static ushort[] BuildTable()
        {
            var table = new ushort[256];
            for (int i = 0; i < 256; i++)
            {
                int crc = i;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1;
                }

                table[i] = (ushort)crc;
            }

            return table;
        }

        /// <summary>The FCS of <paramref name="data"/> (the MHR and MAC payload, without an FCS).</summary>
        public static ushort Compute(ReadOnlySpan<byte> data)
        {
            ushort[] table = Table;
            int crc = 0;
            for (int i = 0; i < data.Length; i++)
            {
                crc = (crc >> 8) ^ table[(crc ^ data[i]) & 0xFF];
            }

            return (ushort)crc;
        }

        /// <summary>True when the last two bytes of <paramref name="frame"/> are the valid FCS of the bytes before them.</summary>
        public static bool IsValid(ReadOnlySpan<byte> frame)
        {
            if (frame.Length < Length)
            {
                return false;
            }

            int body = frame.Length - Length;
            ushort fcs = (ushort)(frame[body] | (frame[body + 1] << 8));
            return Compute(frame.Slice(0, body)) == fcs;
        }

        /// <summary>Writes the FCS of <paramref name="data"/> little-endian into <paramref name="destination"/>.</summary>
        public static void Write(ReadOnlySpan<byte> data, Span<byte> destination)
        {
            if (destination.Length < Length)
            {
                throw new ArgumentException("Destination too small for the FCS.", nameof(destination));
            }

            ushort fcs = Compute(data);
            destination[0] = (byte)fcs;
            destination[1] = (byte)(fcs >> 8);
        }
    }
}
