using System;

namespace Zsep.Stack.Tests.Security
{
    /// <summary>
    /// Hand-computed header lengths for the captured test frames only (the real NWK/APS codecs live elsewhere):
    /// MAC header 9 bytes (short/short addressing with PAN ID compression), NWK header of Zigbee PRO 3.3.1,
    /// APS header of 2.2.5.1 without extended header.
    /// </summary>
    internal static class HandSlicing
    {
        public const int MacHeaderLength = 9;

        public static int NwkHeaderLength(ReadOnlySpan<byte> nwk)
        {
            ushort fc = (ushort)(nwk[0] | (nwk[1] << 8));
            int length = 8; // frame control, destination, source, radius, sequence
            bool multicast = (fc & 0x0100) != 0;
            bool sourceRoute = (fc & 0x0400) != 0;
            if ((fc & 0x0800) != 0)
            {
                length += 8;
            }

            if ((fc & 0x1000) != 0)
            {
                length += 8;
            }

            if (multicast)
            {
                length += 1;
            }

            if (sourceRoute)
            {
                int relayCount = nwk[length];
                length += 2 + (2 * relayCount);
            }

            return length;
        }

        public static bool NwkSecurity(ReadOnlySpan<byte> nwk) => (nwk[1] & 0x02) != 0;

        public static int ApsHeaderLength(ReadOnlySpan<byte> aps)
        {
            byte fc = aps[0];
            int frameType = fc & 0x03;
            int delivery = (fc >> 2) & 0x03;
            int length = 1;
            if (frameType == 0 || (frameType == 2 && (fc & 0x10) == 0))
            {
                length += delivery == 3 ? 2 : 1; // group address or destination endpoint
                length += 2 + 2 + 1; // cluster, profile, source endpoint
            }

            return length + 1; // APS counter
        }

        public static bool ApsSecurity(ReadOnlySpan<byte> aps) => (aps[0] & 0x20) != 0;
    }
}
