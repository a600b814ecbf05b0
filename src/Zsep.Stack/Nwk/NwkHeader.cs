using System;
using System.Collections.Generic;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;

namespace Zsep.Stack.Nwk
{
    /// <summary>
    /// Multicast control field (present when the frame control multicast flag is set).
    /// Zigbee PRO 2015 (05-3474-21) 3.3.1.8 Multicast Control Field: bits 0-1 multicast mode, bits 2-4 non-member
    /// radius, bits 5-7 max non-member radius.
    /// </summary>
    public readonly record struct NwkMulticastControl(NwkMulticastMode MulticastMode, byte NonMemberRadius, byte MaxNonMemberRadius)
    {
        public static NwkMulticastControl FromByte(byte value) =>
            new NwkMulticastControl((NwkMulticastMode)(value & 0x03), (byte)((value >> 2) & 0x07), (byte)(value >> 5));

        /// <summary>The field as transmitted; throws <see cref="InvalidOperationException"/> when a sub-field is out of range.</summary>
        public byte ToByte()
        {
            if ((byte)MulticastMode > 3 || NonMemberRadius > 7 || MaxNonMemberRadius > 7)
            {
                throw new InvalidOperationException(
                    $"Multicast control out of range: mode {(byte)MulticastMode} (0-3), non-member radius {NonMemberRadius} (0-7), max non-member radius {MaxNonMemberRadius} (0-7).");
            }

            return (byte)((byte)MulticastMode | (NonMemberRadius << 2) | (MaxNonMemberRadius << 5));
        }
    }

    /// <summary>
    /// Source route subframe (present when the frame control source route flag is set).
    /// Zigbee PRO 2015 (05-3474-21) 3.3.1.9 Source Route Subframe Field: relay count, relay index, relay list.
    /// </summary>
    public sealed record NwkSourceRoute
    {
        public NwkSourceRoute()
        {
        }

        public NwkSourceRoute(byte relayIndex, IReadOnlyList<NwkAddress> relayList)
        {
            RelayIndex = relayIndex;
            RelayList = relayList ?? throw new ArgumentNullException(nameof(relayList));
        }

        /// <summary>Number of relays: the length of <see cref="RelayList"/>.</summary>
        public int RelayCount => RelayList.Count;

        /// <summary>Index into the relay list of the next relay; decremented by each relay.</summary>
        public byte RelayIndex { get; init; }

        /// <summary>The relays, the one closest to the destination first.</summary>
        public IReadOnlyList<NwkAddress> RelayList { get; init; } = Array.Empty<NwkAddress>();

        /// <summary>Encoded length: relay count and relay index octets plus two octets per relay.</summary>
        public int Length => 2 + (2 * RelayList.Count);

        public bool Equals(NwkSourceRoute? other) =>
            other is not null && RelayIndex == other.RelayIndex && NwkEquality.ListEqual(RelayList, other.RelayList);

        public override int GetHashCode() => (RelayIndex * 397) ^ NwkEquality.ListHash(RelayList);
    }

    /// <summary>
    /// The NWK header, up to but not including the auxiliary security header.
    /// Zigbee PRO 2015 (05-3474-21) 3.3.1 General NPDU Frame Format (frame control 3.3.1.1, destination address 3.3.1.2,
    /// source address 3.3.1.3, radius 3.3.1.4, sequence number 3.3.1.5, destination IEEE address 3.3.1.6, source
    /// IEEE address 3.3.1.7, multicast control 3.3.1.8, source route subframe 3.3.1.9). An inter-PAN frame
    /// (frame type 0b11) has only the frame control field (stub NWK header).
    /// The presence flags of the frame control field follow the optional fields: a flag is set exactly when its field
    /// is non-null, so a header cannot be inconsistent.
    /// </summary>
    public sealed record NwkHeader
    {
        private const ushort FrameTypeMask = 0x0003;
        private const ushort MulticastBit = 0x0100;
        private const ushort SecurityBit = 0x0200;
        private const ushort SourceRouteBit = 0x0400;
        private const ushort DestinationIeeeBit = 0x0800;
        private const ushort SourceIeeeBit = 0x1000;
        private const ushort EndDeviceInitiatorBit = 0x2000;

        /// <summary>The smallest header: frame control, destination, source, radius, sequence number.</summary>
        public const int MinimumLength = 8;

        /// <summary>Frame control bits 0-1.</summary>
        public NwkFrameType FrameType { get; init; }

        /// <summary>Frame control bits 2-5: 2 for Zigbee 2007 / Zigbee PRO.</summary>
        public byte ProtocolVersion { get; init; } = 2;

        /// <summary>Frame control bits 6-7.</summary>
        public NwkDiscoverRoute DiscoverRoute { get; init; }

        /// <summary>Frame control bit 8: a multicast control field follows.</summary>
        public bool MulticastFlag => MulticastControl.HasValue;

        /// <summary>Frame control bit 9: an auxiliary security header follows the NWK header and the payload is encrypted.</summary>
        public bool Security { get; init; }

        /// <summary>Frame control bit 10: a source route subframe is present.</summary>
        public bool SourceRouteFlag => SourceRoute is not null;

        /// <summary>Frame control bit 11.</summary>
        public bool DestinationIeeeAddressPresent => DestinationIeeeAddress.HasValue;

        /// <summary>Frame control bit 12.</summary>
        public bool SourceIeeeAddressPresent => SourceIeeeAddress.HasValue;

        /// <summary>Frame control bit 13 (Zigbee PRO 2015): the frame was originated by an end device.</summary>
        public bool EndDeviceInitiator { get; init; }

        public NwkAddress DestinationAddress { get; init; }

        public NwkAddress SourceAddress { get; init; }

        public byte Radius { get; init; }

        public byte SequenceNumber { get; init; }

        public Eui64? DestinationIeeeAddress { get; init; }

        public Eui64? SourceIeeeAddress { get; init; }

        public NwkMulticastControl? MulticastControl { get; init; }

        public NwkSourceRoute? SourceRoute { get; init; }

        /// <summary>Same as <see cref="Security"/>: the payload is aux header + ciphertext + MIC.</summary>
        public bool IsSecured => Security;

        public bool IsInterPan => FrameType == NwkFrameType.InterPan;

        /// <summary>The 16-bit frame control field as transmitted.</summary>
        public ushort FrameControl
        {
            get
            {
                int fc = ((byte)FrameType & FrameTypeMask) | ((ProtocolVersion & 0x0F) << 2) | (((byte)DiscoverRoute & 0x03) << 6);
                if (MulticastFlag)
                {
                    fc |= MulticastBit;
                }

                if (Security)
                {
                    fc |= SecurityBit;
                }

                if (SourceRouteFlag)
                {
                    fc |= SourceRouteBit;
                }

                if (DestinationIeeeAddressPresent)
                {
                    fc |= DestinationIeeeBit;
                }

                if (SourceIeeeAddressPresent)
                {
                    fc |= SourceIeeeBit;
                }

                if (EndDeviceInitiator)
                {
                    fc |= EndDeviceInitiatorBit;
                }

                return (ushort)fc;
            }
        }

        /// <summary>Octets of the NWK header, up to but not including the auxiliary security header.</summary>
        public int HeaderLength
        {
            get
            {
                if (IsInterPan)
                {
                    return 2;
                }

                int n = MinimumLength;
                if (DestinationIeeeAddress.HasValue)
                {
                    n += 8;
                }

                if (SourceIeeeAddress.HasValue)
                {
                    n += 8;
                }

                if (MulticastControl.HasValue)
                {
                    n += 1;
                }

                if (SourceRoute is not null)
                {
                    n += SourceRoute.Length;
                }

                return n;
            }
        }

        /// <summary>Decodes the NWK header at the start of <paramref name="data"/>; the rest is not looked at.</summary>
        /// <exception cref="FrameFormatException">The header is truncated.</exception>
        public static NwkHeader Decode(ReadOnlySpan<byte> data)
        {
            var reader = new FrameReader(data, FrameLayer.Nwk);
            return Read(ref reader);
        }

        public static bool TryDecode(ReadOnlySpan<byte> data, out NwkHeader? header, out FrameFormatException? error) =>
            FrameCodec.TryDecode(data, static d => Decode(d), out header, out error);

        internal static NwkHeader Read(ref FrameReader r)
        {
            ushort fc = r.ReadUInt16("FrameControl");
            var frameType = (NwkFrameType)(fc & FrameTypeMask);
            byte version = (byte)((fc >> 2) & 0x0F);
            var discover = (NwkDiscoverRoute)((fc >> 6) & 0x03);
            bool security = (fc & SecurityBit) != 0;
            bool endDeviceInitiator = (fc & EndDeviceInitiatorBit) != 0;
            if (frameType == NwkFrameType.InterPan)
            {
                return new NwkHeader
                {
                    FrameType = frameType,
                    ProtocolVersion = version,
                    DiscoverRoute = discover,
                    Security = security,
                    EndDeviceInitiator = endDeviceInitiator,
                };
            }

            NwkAddress destination = r.ReadNwkAddress("DestinationAddress");
            NwkAddress source = r.ReadNwkAddress("SourceAddress");
            byte radius = r.ReadByte("Radius");
            byte sequence = r.ReadByte("SequenceNumber");
            Eui64? destinationIeee = (fc & DestinationIeeeBit) != 0 ? r.ReadEui64("DestinationIeeeAddress") : (Eui64?)null;
            Eui64? sourceIeee = (fc & SourceIeeeBit) != 0 ? r.ReadEui64("SourceIeeeAddress") : (Eui64?)null;
            NwkMulticastControl? multicast = (fc & MulticastBit) != 0
                ? NwkMulticastControl.FromByte(r.ReadByte("MulticastControl"))
                : (NwkMulticastControl?)null;
            NwkSourceRoute? sourceRoute = null;
            if ((fc & SourceRouteBit) != 0)
            {
                byte relayCount = r.ReadByte("SourceRoute.RelayCount");
                byte relayIndex = r.ReadByte("SourceRoute.RelayIndex");
                r.Require(relayCount * 2, "SourceRoute.RelayList");
                var relays = relayCount == 0 ? Array.Empty<NwkAddress>() : new NwkAddress[relayCount];
                for (int i = 0; i < relays.Length; i++)
                {
                    relays[i] = r.ReadNwkAddress("SourceRoute.RelayList");
                }

                sourceRoute = new NwkSourceRoute(relayIndex, relays);
            }

            return new NwkHeader
            {
                FrameType = frameType,
                ProtocolVersion = version,
                DiscoverRoute = discover,
                Security = security,
                EndDeviceInitiator = endDeviceInitiator,
                DestinationAddress = destination,
                SourceAddress = source,
                Radius = radius,
                SequenceNumber = sequence,
                DestinationIeeeAddress = destinationIeee,
                SourceIeeeAddress = sourceIeee,
                MulticastControl = multicast,
                SourceRoute = sourceRoute,
            };
        }

        /// <summary>Writes the header; returns <see cref="HeaderLength"/>.</summary>
        /// <exception cref="InvalidOperationException">A field is out of range (protocol version over 15, more than 255 relays ...).</exception>
        /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="HeaderLength"/>.</exception>
        public int Encode(Span<byte> destination)
        {
            var w = new FrameWriter(destination);
            Write(ref w);
            return w.Position;
        }

        public byte[] ToArray()
        {
            var bytes = new byte[HeaderLength];
            Encode(bytes);
            return bytes;
        }

        internal void Write(ref FrameWriter w)
        {
            if (ProtocolVersion > 15 || (byte)FrameType > 3 || (byte)DiscoverRoute > 3)
            {
                throw new InvalidOperationException(
                    $"NWK frame control out of range: frame type {(byte)FrameType} (0-3), protocol version {ProtocolVersion} (0-15), discover route {(byte)DiscoverRoute} (0-3).");
            }

            if (SourceRoute is not null && SourceRoute.RelayList.Count > 255)
            {
                throw new InvalidOperationException($"A source route holds at most 255 relays; this one has {SourceRoute.RelayList.Count}.");
            }

            w.WriteUInt16(FrameControl);
            if (IsInterPan)
            {
                return;
            }

            w.WriteNwkAddress(DestinationAddress);
            w.WriteNwkAddress(SourceAddress);
            w.WriteByte(Radius);
            w.WriteByte(SequenceNumber);
            if (DestinationIeeeAddress.HasValue)
            {
                w.WriteEui64(DestinationIeeeAddress.Value);
            }

            if (SourceIeeeAddress.HasValue)
            {
                w.WriteEui64(SourceIeeeAddress.Value);
            }

            if (MulticastControl.HasValue)
            {
                w.WriteByte(MulticastControl.Value.ToByte());
            }

            if (SourceRoute is not null)
            {
                w.WriteByte((byte)SourceRoute.RelayList.Count);
                w.WriteByte(SourceRoute.RelayIndex);
                IReadOnlyList<NwkAddress> relays = SourceRoute.RelayList;
                for (int i = 0; i < relays.Count; i++)
                {
                    w.WriteNwkAddress(relays[i]);
                }
            }
        }
    }
}
