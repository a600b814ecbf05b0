using System;

namespace Zsep.Simulation.Medium
{
    /// <summary>
    /// Timing of the 2.4 GHz O-QPSK PHY and the unslotted MAC, IEEE 802.15.4-2006 6.5 and 7.4 (Tables 85-86, 22):
    /// 62.5 ksymbol/s, 4 bits a symbol, so 16 µs a symbol and 32 µs an octet.
    /// </summary>
    public static class PhyTiming
    {
        /// <summary>One symbol: 16 µs (6.5.1, 62.5 ksymbol/s).</summary>
        public static readonly TimeSpan Symbol = TimeSpan.FromTicks(160);

        /// <summary>One octet: 2 symbols, 32 µs.</summary>
        public static readonly TimeSpan Octet = TimeSpan.FromTicks(320);

        /// <summary>Synchronisation header (4-octet preamble + 1-octet SFD) and the 1-octet PHR: 6 octets before the PSDU.</summary>
        public const int PhyOverheadOctets = 6;

        /// <summary>aMaxPHYPacketSize (6.4.1): the longest PSDU, FCS included.</summary>
        public const int MaxPsduOctets = 127;

        /// <summary>aTurnaroundTime (6.4.1): 12 symbols, RX to TX or TX to RX.</summary>
        public static readonly TimeSpan Turnaround = TimeSpan.FromTicks(12 * 160);

        /// <summary>aUnitBackoffPeriod (7.4.1): 20 symbols.</summary>
        public static readonly TimeSpan UnitBackoffPeriod = TimeSpan.FromTicks(20 * 160);

        /// <summary>CCA detection time (6.9.9): 8 symbols.</summary>
        public static readonly TimeSpan CcaDuration = TimeSpan.FromTicks(8 * 160);

        /// <summary>
        /// macAckWaitDuration (7.4.2): aUnitBackoffPeriod + aTurnaroundTime + phySHRDuration + ceil(6 ×
        /// phySymbolsPerOctet) = 20 + 12 + 10 + 12 = 54 symbols, 864 µs.
        /// </summary>
        public static readonly TimeSpan AckWaitDuration = TimeSpan.FromTicks(54 * 160);

        /// <summary>
        /// macMaxFrameTotalWaitTime (7.4.2) with the PIB defaults (macMinBE 3, macMaxBE 5, macMaxCSMABackoffs 4):
        /// m = min(macMaxBE - macMinBE, macMaxCSMABackoffs) = 2, so (2^3 + 2^4 + (2^5 - 1) × (4 - 2)) × 20 = 1720 symbols,
        /// plus phyMaxFrameDuration (6.4.2: phySHRDuration 10 + ceil((aMaxPHYPacketSize + 1) × 2) = 266): 1986 symbols, 31.776 ms.
        /// </summary>
        public static readonly TimeSpan MaxFrameTotalWaitTime = TimeSpan.FromTicks(1986 * 160);

        /// <summary>macMinBE default (7.4.2).</summary>
        public const int MinBe = 3;

        /// <summary>macMaxBE default (7.4.2).</summary>
        public const int MaxBe = 5;

        /// <summary>Time on air of a PSDU of <paramref name="psduOctetsWithFcs"/> octets: (4 + 1 + 1 + PSDU) × 32 µs.</summary>
        public static TimeSpan Airtime(int psduOctetsWithFcs) =>
            TimeSpan.FromTicks((PhyOverheadOctets + psduOctetsWithFcs) * Octet.Ticks);
    }
}
