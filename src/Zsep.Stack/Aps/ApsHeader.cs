using System;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Aps
{
    /// <summary>
    /// The APS header. Zigbee PRO (05-3474) 2.2.5.1 General APDU Frame Format: frame control (2.2.5.1.1),
    /// destination endpoint (2.2.5.1.2), group address (2.2.5.1.3), cluster identifier (2.2.5.1.4), profile
    /// identifier (2.2.5.1.5), source endpoint (2.2.5.1.6), APS counter (2.2.5.1.7) and extended header (2.2.5.1.8).
    /// Which fields are present follows from the frame control (2.2.5.2): data frames and data acknowledgements
    /// (ack format 0) carry endpoint addressing, command frames and command acknowledgements carry only the
    /// counter, and inter-PAN frames (Zigbee 2015 B.4 stub APS) carry group/cluster/profile with no counter.
    /// Absent fields are null.
    /// </summary>
    public sealed record ApsHeader
    {
        private const byte FrameTypeMask = 0x03;
        private const byte DeliveryModeShift = 2;
        private const byte AckFormatBit = 0x10;
        private const byte SecurityBit = 0x20;
        private const byte AckRequestBit = 0x40;
        private const byte ExtendedHeaderBit = 0x80;

        /// <summary>Frame control bits 0-1 (2.2.5.1.1.1).</summary>
        public ApsFrameType FrameType { get; init; }

        /// <summary>Frame control bits 2-3 (2.2.5.1.1.2).</summary>
        public ApsDeliveryMode DeliveryMode { get; init; }

        /// <summary>Frame control bit 4 (2.2.5.1.1.3): on an acknowledgement, true for a command ack (no endpoint fields).</summary>
        public bool AckFormat { get; init; }

        /// <summary>Frame control bit 5 (2.2.5.1.1.4): the payload is APS-secured (auxiliary header + ciphertext + MIC).</summary>
        public bool Security { get; init; }

        /// <summary>Frame control bit 6 (2.2.5.1.1.5).</summary>
        public bool AckRequest { get; init; }

        /// <summary>Frame control bit 7 (2.2.5.1.1.6).</summary>
        public bool ExtendedHeaderPresent { get; init; }

        /// <summary>2.2.5.1.2: present on data frames and data acks with unicast or broadcast delivery.</summary>
        public byte? DestinationEndpoint { get; init; }

        /// <summary>2.2.5.1.3: present with group delivery mode.</summary>
        public ushort? GroupAddress { get; init; }

        /// <summary>2.2.5.1.4: present on data frames, data acks and inter-PAN frames.</summary>
        public ushort? ClusterId { get; init; }

        /// <summary>2.2.5.1.5: present on data frames, data acks and inter-PAN frames.</summary>
        public ushort? ProfileId { get; init; }

        /// <summary>2.2.5.1.6: present on data frames and data acks.</summary>
        public byte? SourceEndpoint { get; init; }

        /// <summary>2.2.5.1.7 APS counter; null only on inter-PAN frames.</summary>
        public byte? Counter { get; init; }

        /// <summary>Extended frame control fragmentation subfield (2.2.5.1.8.1.1); NotFragmented without an extended header.</summary>
        public ApsFragmentation Fragmentation { get; init; }

        /// <summary>2.2.5.1.8.2: present when the frame is fragmented.</summary>
        public byte? BlockNumber { get; init; }

        /// <summary>2.2.5.1.8.3: present on acknowledgements of fragmented frames.</summary>
        public byte? AckBitfield { get; init; }

        /// <summary>True when the payload after the header is secured (aux header + ciphertext + MIC), left raw here.</summary>
        public bool IsSecured => Security;

        private bool HasEndpointAddressing => FrameType == ApsFrameType.Data || (FrameType == ApsFrameType.Ack && !AckFormat);

        private bool HasDestinationEndpointField =>
            HasEndpointAddressing && (DeliveryMode == ApsDeliveryMode.Unicast || DeliveryMode == ApsDeliveryMode.Broadcast);

        private bool HasGroupAddressField =>
            (HasEndpointAddressing || FrameType == ApsFrameType.InterPan) && DeliveryMode == ApsDeliveryMode.Group;

        private bool HasClusterAndProfileFields => HasEndpointAddressing || FrameType == ApsFrameType.InterPan;

        private bool HasCounterField => FrameType != ApsFrameType.InterPan;

        private bool HasExtendedHeaderField => ExtendedHeaderPresent && FrameType != ApsFrameType.InterPan;

        /// <summary>The frame control byte as transmitted.</summary>
        public byte FrameControl =>
            (byte)(((byte)FrameType & FrameTypeMask) | (((byte)DeliveryMode & 0x03) << DeliveryModeShift) |
                   (AckFormat ? AckFormatBit : 0) | (Security ? SecurityBit : 0) | (AckRequest ? AckRequestBit : 0) |
                   (ExtendedHeaderPresent ? ExtendedHeaderBit : 0));

        /// <summary>Length in bytes of this header on the air (frame control through extended header).</summary>
        public int HeaderLength
        {
            get
            {
                int n = 1;
                if (HasDestinationEndpointField)
                {
                    n++;
                }

                if (HasGroupAddressField)
                {
                    n += 2;
                }

                if (HasClusterAndProfileFields)
                {
                    n += 4;
                }

                if (HasEndpointAddressing)
                {
                    n++;
                }

                if (HasCounterField)
                {
                    n++;
                }

                if (HasExtendedHeaderField)
                {
                    n++;
                    if (Fragmentation != ApsFragmentation.NotFragmented)
                    {
                        n++;
                        if (FrameType == ApsFrameType.Ack)
                        {
                            n++;
                        }
                    }
                }

                return n;
            }
        }

        /// <summary>Decodes the header at the start of <paramref name="data"/>; bytes after it are ignored.</summary>
        public static ApsHeader Decode(ReadOnlySpan<byte> data) => Decode(data, out _);

        /// <summary>Decodes the header at the start of <paramref name="data"/> and tells its length.</summary>
        public static ApsHeader Decode(ReadOnlySpan<byte> data, out int headerLength)
        {
            var reader = new FrameReader(data, FrameLayer.Aps);
            ApsHeader header = Read(ref reader);
            headerLength = reader.Position;
            return header;
        }

        public static bool TryDecode(ReadOnlySpan<byte> data, out ApsHeader? value, out FrameFormatException? error) =>
            FrameCodec.TryDecode(data, static d => Decode(d), out value, out error);

        internal static ApsHeader Read(ref FrameReader r)
        {
            byte fc = r.ReadByte("FrameControl");
            var type = (ApsFrameType)(fc & FrameTypeMask);
            var mode = (ApsDeliveryMode)((fc >> DeliveryModeShift) & 0x03);
            bool ackFormat = (fc & AckFormatBit) != 0;
            bool extended = (fc & ExtendedHeaderBit) != 0;
            bool endpointAddressing = type == ApsFrameType.Data || (type == ApsFrameType.Ack && !ackFormat);

            byte? dstEp = null;
            ushort? group = null;
            ushort? cluster = null;
            ushort? profile = null;
            byte? srcEp = null;
            byte? counter = null;
            var fragmentation = ApsFragmentation.NotFragmented;
            byte? block = null;
            byte? ackBits = null;

            if (endpointAddressing && (mode == ApsDeliveryMode.Unicast || mode == ApsDeliveryMode.Broadcast))
            {
                dstEp = r.ReadByte("DestinationEndpoint");
            }

            if ((endpointAddressing || type == ApsFrameType.InterPan) && mode == ApsDeliveryMode.Group)
            {
                group = r.ReadUInt16("GroupAddress");
            }

            if (endpointAddressing || type == ApsFrameType.InterPan)
            {
                cluster = r.ReadUInt16("ClusterId");
                profile = r.ReadUInt16("ProfileId");
            }

            if (endpointAddressing)
            {
                srcEp = r.ReadByte("SourceEndpoint");
            }

            if (type != ApsFrameType.InterPan)
            {
                counter = r.ReadByte("Counter");
                if (extended)
                {
                    byte efc = r.ReadByte("ExtendedFrameControl");
                    fragmentation = (ApsFragmentation)(efc & 0x03);
                    if (fragmentation != ApsFragmentation.NotFragmented)
                    {
                        block = r.ReadByte("BlockNumber");
                        if (type == ApsFrameType.Ack)
                        {
                            ackBits = r.ReadByte("AckBitfield");
                        }
                    }
                }
            }

            return new ApsHeader
            {
                FrameType = type,
                DeliveryMode = mode,
                AckFormat = ackFormat,
                Security = (fc & SecurityBit) != 0,
                AckRequest = (fc & AckRequestBit) != 0,
                ExtendedHeaderPresent = extended,
                DestinationEndpoint = dstEp,
                GroupAddress = group,
                ClusterId = cluster,
                ProfileId = profile,
                SourceEndpoint = srcEp,
                Counter = counter,
                Fragmentation = fragmentation,
                BlockNumber = block,
                AckBitfield = ackBits,
            };
        }

        /// <summary>
        /// Writes the header. Fields are written as the frame control requires; a required field left null is a
        /// caller error (<see cref="InvalidOperationException"/>).
        /// </summary>
        public int Encode(Span<byte> destination)
        {
            var w = new FrameWriter(destination);
            Write(ref w);
            return w.Position;
        }

        public byte[] ToArray()
        {
            byte[] bytes = new byte[HeaderLength];
            Encode(bytes);
            return bytes;
        }

        internal void Write(ref FrameWriter w)
        {
            w.WriteByte(FrameControl);
            if (HasDestinationEndpointField)
            {
                w.WriteByte(Need(DestinationEndpoint, nameof(DestinationEndpoint)));
            }

            if (HasGroupAddressField)
            {
                w.WriteUInt16(Need(GroupAddress, nameof(GroupAddress)));
            }

            if (HasClusterAndProfileFields)
            {
                w.WriteUInt16(Need(ClusterId, nameof(ClusterId)));
                w.WriteUInt16(Need(ProfileId, nameof(ProfileId)));
            }

            if (HasEndpointAddressing)
            {
                w.WriteByte(Need(SourceEndpoint, nameof(SourceEndpoint)));
            }

            if (HasCounterField)
            {
                w.WriteByte(Need(Counter, nameof(Counter)));
            }

            if (HasExtendedHeaderField)
            {
                w.WriteByte((byte)((byte)Fragmentation & 0x03));
                if (Fragmentation != ApsFragmentation.NotFragmented)
                {
                    w.WriteByte(Need(BlockNumber, nameof(BlockNumber)));
                    if (FrameType == ApsFrameType.Ack)
                    {
                        w.WriteByte(Need(AckBitfield, nameof(AckBitfield)));
                    }
                }
            }
        }

        private static T Need<T>(T? value, string field)
            where T : struct =>
            value ?? throw new InvalidOperationException($"The APS header needs {field} for its frame control.");
    }
}
