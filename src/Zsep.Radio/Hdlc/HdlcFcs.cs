using System;

namespace Zsep.Radio.Hdlc
{
    /// <summary>
    /// The HDLC frame check sequence: CRC-16/X-25 (RFC 1662 Appendix C "16-bit FCS Computation Method"):
    /// reflected polynomial 0x1021 (0x8408 bit-reversed), initial value 0xFFFF, final XOR 0xFFFF, appended to the
    /// frame least significant byte first. Running the register over a frame plus its FCS leaves the constant
    /// <see cref="GoodResidue"/> (0xF0B8), which is how a receiver checks a frame without locating its FCS.
    /// </summary>
    public static class HdlcFcs
    {
        /// <summary>Initial value of the FCS register (RFC 1662 "PPPINITFCS16").</summary>
        public const ushort InitialValue = 0xFFFF;

        /// <summary>The register after a frame and its own FCS were run through it (RFC 1662 "PPPGOODFCS16").</summary>
        public const ushort GoodResidue = 0xF0B8;

        /// <summary>Size of the FCS on the wire.</summary>
        public const int Size = 2;

        private static readonly ushort[] Table = BuildTable();

        private static ushort[] BuildTable()
        {
            var table = new ushort[256];
            for (int n = 0; n < 256; n++)
            {
                int v = n;
                for (int bit = 0; bit < 8; bit++)
                {
                    v = (v & 1) != 0 ? (v >> 1) ^ 0x8408 : v >> 1;
                }

                table[n] = (ushort)v;
            }

            return table;
        }

        /// <summary>Runs one byte through the FCS register (no final XOR).</summary>
        public static ushort Update(ushort register, byte value) =>
            (ushort)((register >> 8) ^ Table[(register ^ value) & 0xFF]);

        /// <summary>Runs bytes through the FCS register (no final XOR).</summary>
        public static ushort Update(ushort register, ReadOnlySpan<byte> data)
        {
            foreach (byte b in data)
            {
                register = (ushort)((register >> 8) ^ Table[(register ^ b) & 0xFF]);
            }

            return register;
        }

        /// <summary>The FCS of <paramref name="data"/> as transmitted (after the final XOR); "123456789" gives 0x906E.</summary>
        public static ushort Compute(ReadOnlySpan<byte> data) => (ushort)(Update(InitialValue, data) ^ 0xFFFF);
    }
}
