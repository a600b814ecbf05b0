using System;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// The commonest frame a router hears in a dense mesh is a neighbor's relay of a broadcast it already holds: each
    /// broadcast is relayed by every router (05-3474 3.6.5) and heard by all of each relay's neighbors. Such a copy only
    /// counts as that neighbor's passive acknowledgement. This reads just the fields that tell so straight from the
    /// PSDU, without decoding the MAC frame and NWK header into objects. Plain data frames also skip the MAC frame
    /// object on the way to the NWK layer; anything else takes the full decode (<see cref="ZigbeeNode.OnRadioFrame"/>).
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        // IEEE 802.15.4-2006 7.2.1.1 Frame Control: frame type (bits 0-2), security enabled (3), PAN ID compression (6),
        // destination addressing mode (10-11), frame version (12-13), source addressing mode (14-15).
        private const int MacFcTypeMask = 0x0007;
        private const int MacFcSecurity = 0x0008;
        private const int MacFcPanIdCompression = 0x0040;
        private const int MacTypeData = 1;
        private const int MacModeShort = 2;

        /// <summary>Frame control, sequence number, destination PAN, short destination and source (PAN ID compressed).</summary>
        internal const int MacShortHeaderLength = 9;

        // 05-3474 3.3.1.1 NWK Frame Control: frame type (bits 0-1), multicast (8), security (9), source route (10),
        // destination IEEE address (11), source IEEE address (12).
        private const int NwkFcTypeMask = 0x0003;
        private const int NwkTypeInterPan = 3;
        private const int NwkFcMulticast = 0x0100;
        private const int NwkFcSecurity = 0x0200;
        private const int NwkFcSourceRoute = 0x0400;
        private const int NwkFcDestinationIeee = 0x0800;
        private const int NwkFcSourceIeee = 0x1000;

        /// <summary>
        /// True when <paramref name="psdu"/> (no FCS) is a plain data frame of IEEE 802.15.4-2003/2006 with PAN ID
        /// compression and short destination and source addresses and no MAC security: a 9-octet header, then the NWK
        /// frame (7.2.1.1.5, 7.2.2.2). Such a frame always decodes, to exactly these fields, so the NWK layer can take
        /// it without a <see cref="Mac.MacFrame"/>. 2015 frames, long addresses, MAC security: false (full decode).
        /// </summary>
        internal static bool IsShortAddressedDataFrame(byte[] psdu, out ushort macSource)
        {
            macSource = 0;
            if (psdu.Length < MacShortHeaderLength)
            {
                return false;
            }

            int fc = psdu[0] | (psdu[1] << 8);
            if ((fc & MacFcTypeMask) != MacTypeData || (fc & MacFcSecurity) != 0 || (fc & MacFcPanIdCompression) == 0 ||
                ((fc >> 12) & 0x3) > 1 || ((fc >> 10) & 0x3) != MacModeShort || ((fc >> 14) & 0x3) != MacModeShort)
            {
                return false;
            }

            macSource = (ushort)(psdu[7] | (psdu[8] << 8));
            return true;
        }

        /// <summary>
        /// True when <paramref name="nwk"/> (a NWK frame from MAC source <paramref name="macSource"/>) is a copy of a
        /// broadcast in our broadcast transaction table (3.6.5): it is noted as that neighbor's passive
        /// acknowledgement and needs nothing else - the decision OnMacData takes after decoding the header. False for
        /// every other frame, including malformed ones (the full path drops those).
        /// </summary>
        private bool TryNoteDuplicateBroadcast(ReadOnlySpan<byte> nwk, ushort macSource)
        {
            if (_broadcastTransactions.Count == 0 || nwk.Length < 8)
            {
                return false;
            }

            int nfc = nwk[0] | (nwk[1] << 8);
            ushort destination = (ushort)(nwk[2] | (nwk[3] << 8));
            if ((nfc & NwkFcTypeMask) == NwkTypeInterPan || destination < 0xFFF8)
            {
                return false;
            }

            if ((nfc & NwkFcSecurity) == 0 && State == NodeState.Joined)
            {
                // Unsecured after the join: the full path counts and drops it.
                return false;
            }

            // The rest of the NWK header must be there, as the full decode requires.
            int headerLength = 8 + ((nfc & NwkFcDestinationIeee) != 0 ? 8 : 0) + ((nfc & NwkFcSourceIeee) != 0 ? 8 : 0) +
                ((nfc & NwkFcMulticast) != 0 ? 1 : 0);
            if ((nfc & NwkFcSourceRoute) != 0)
            {
                if (nwk.Length < headerLength + 2)
                {
                    return false;
                }

                headerLength += 2 + (2 * nwk[headerLength]);
            }

            if (nwk.Length < headerLength)
            {
                return false;
            }

            ushort source = (ushort)(nwk[4] | (nwk[5] << 8));
            if (!_broadcastTransactions.TryGetValue(BroadcastKey(source, nwk[7]), out BroadcastRecord? seen))
            {
                return false;
            }

            seen.Heard?.Add(macSource);
            return true;
        }
    }
}
