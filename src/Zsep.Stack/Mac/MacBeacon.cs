using System;
using System.Collections.Generic;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;

namespace Zsep.Stack.Mac
{
    /// <summary>
    /// The MAC payload of a beacon frame (frame versions 0 and 1), IEEE 802.15.4-2006 7.2.2.1 (Figure 44):
    /// Superframe Specification, GTS fields (7.2.2.1.3-7.2.2.1.7), Pending Address fields (7.2.2.1.8-7.2.2.1.9)
    /// and the Beacon Payload (7.2.2.1.10), which in a Zigbee network holds a <see cref="ZigbeeBeaconPayload"/>.
    /// Reserved bits of the GTS Specification, GTS Directions and Pending Address Specification are not kept.
    /// </summary>
    public sealed class MacBeacon
    {
        private static readonly MacGtsDescriptor[] NoGts = new MacGtsDescriptor[0];
        private static readonly ushort[] NoShort = new ushort[0];
        private static readonly Eui64[] NoExtended = new Eui64[0];

        /// <summary>At most 7 GTS descriptors and 7 pending addresses of each kind (3-bit counts).</summary>
        public const int MaxListCount = 7;

        private byte[] _beaconPayload = Array.Empty<byte>();
        private ZigbeeBeaconPayload? _zigbee;
        private bool _zigbeeParsed;

        public MacSuperframeSpecification SuperframeSpecification { get; init; }

        /// <summary>GTS Permit, bit 7 of the GTS Specification.</summary>
        public bool GtsPermit { get; init; }

        /// <summary>The GTS List (descriptor count is bits 0-2 of the GTS Specification), each with its GTS Directions bit.</summary>
        public IReadOnlyList<MacGtsDescriptor> GtsDescriptors { get; init; } = NoGts;

        /// <summary>Short addresses of devices with pending data (Pending Address List).</summary>
        public IReadOnlyList<ushort> PendingShortAddresses { get; init; } = NoShort;

        /// <summary>Extended addresses of devices with pending data (Pending Address List).</summary>
        public IReadOnlyList<Eui64> PendingExtendedAddresses { get; init; } = NoExtended;

        /// <summary>The beacon payload (macBeaconPayload) as raw bytes.</summary>
        public byte[] BeaconPayload
        {
            get => _beaconPayload;
            init
            {
                _beaconPayload = value ?? Array.Empty<byte>();
                _zigbee = null;
                _zigbeeParsed = false;
            }
        }

        /// <summary>The beacon payload read as Zigbee NWK information (Zigbee 3.6.7), or null when it is not one (protocol ID not 0, wrong length).</summary>
        public ZigbeeBeaconPayload? ZigbeeBeacon
        {
            get
            {
                if (!_zigbeeParsed)
                {
                    _zigbee = _beaconPayload.Length > 0 && _beaconPayload[0] == 0 &&
                              ZigbeeBeaconPayload.TryDecode(_beaconPayload, out ZigbeeBeaconPayload? z, out _)
                        ? z
                        : null;
                    _zigbeeParsed = true;
                }

                return _zigbee;
            }
        }

        public int EncodedLength =>
            2 + 1 + (GtsDescriptors.Count > 0 ? 1 + (3 * GtsDescriptors.Count) : 0) +
            1 + (2 * PendingShortAddresses.Count) + (8 * PendingExtendedAddresses.Count) + _beaconPayload.Length;

        public static MacBeacon Decode(ReadOnlySpan<byte> data) => Decode(data, 0);

        internal static MacBeacon Decode(ReadOnlySpan<byte> data, int baseOffset)
        {
            var r = new FrameReader(data, FrameLayer.Mac, baseOffset);
            var superframe = new MacSuperframeSpecification(r.ReadUInt16("Beacon.SuperframeSpecification"));
            byte gtsSpec = r.ReadByte("Beacon.GtsSpecification");
            int gtsCount = gtsSpec & 0x07;
            MacGtsDescriptor[] gts = NoGts;
            if (gtsCount > 0)
            {
                byte directions = r.ReadByte("Beacon.GtsDirections");
                r.Require(3 * gtsCount, "Beacon.GtsList");
                gts = new MacGtsDescriptor[gtsCount];
                for (int i = 0; i < gtsCount; i++)
                {
                    ushort address = r.ReadUInt16("Beacon.GtsList.DeviceShortAddress");
                    byte slot = r.ReadByte("Beacon.GtsList.StartingSlot");
                    gts[i] = new MacGtsDescriptor(address, slot & 0x0F, slot >> 4, (MacGtsDirection)((directions >> i) & 1));
                }
            }

            byte pendingSpec = r.ReadByte("Beacon.PendingAddressSpecification");
            int shortCount = pendingSpec & 0x07;
            int extendedCount = (pendingSpec >> 4) & 0x07;
            r.Require((2 * shortCount) + (8 * extendedCount), "Beacon.AddressList");
            ushort[] shorts = shortCount == 0 ? NoShort : new ushort[shortCount];
            for (int i = 0; i < shortCount; i++)
            {
                shorts[i] = r.ReadUInt16("Beacon.AddressList.Short");
            }

            Eui64[] extended = extendedCount == 0 ? NoExtended : new Eui64[extendedCount];
            for (int i = 0; i < extendedCount; i++)
            {
                extended[i] = r.ReadEui64("Beacon.AddressList.Extended");
            }

            return new MacBeacon
            {
                SuperframeSpecification = superframe,
                GtsPermit = (gtsSpec & 0x80) != 0,
                GtsDescriptors = gts,
                PendingShortAddresses = shorts,
                PendingExtendedAddresses = extended,
                BeaconPayload = r.Remaining == 0 ? Array.Empty<byte>() : r.ReadArray(r.Remaining, "Beacon.BeaconPayload"),
            };
        }

        public int Encode(Span<byte> destination)
        {
            if (GtsDescriptors.Count > MaxListCount || PendingShortAddresses.Count > MaxListCount || PendingExtendedAddresses.Count > MaxListCount)
            {
                throw new InvalidOperationException($"A beacon holds at most {MaxListCount} GTS descriptors and {MaxListCount} pending addresses of each kind.");
            }

            var w = new FrameWriter(destination);
            w.WriteUInt16(SuperframeSpecification.Value);
            w.WriteByte((byte)(GtsDescriptors.Count | (GtsPermit ? 0x80 : 0)));
            if (GtsDescriptors.Count > 0)
            {
                int directions = 0;
                for (int i = 0; i < GtsDescriptors.Count; i++)
                {
                    directions |= ((int)GtsDescriptors[i].Direction & 1) << i;
                }

                w.WriteByte((byte)directions);
                for (int i = 0; i < GtsDescriptors.Count; i++)
                {
                    MacGtsDescriptor d = GtsDescriptors[i];
                    w.WriteUInt16(d.DeviceShortAddress);
                    w.WriteByte((byte)(d.GtsStartingSlot | (d.GtsLength << 4)));
                }
            }

            w.WriteByte((byte)(PendingShortAddresses.Count | (PendingExtendedAddresses.Count << 4)));
            for (int i = 0; i < PendingShortAddresses.Count; i++)
            {
                w.WriteUInt16(PendingShortAddresses[i]);
            }

            for (int i = 0; i < PendingExtendedAddresses.Count; i++)
            {
                w.WriteEui64(PendingExtendedAddresses[i]);
            }

            w.WriteBytes(_beaconPayload);
            return w.Position;
        }

        public byte[] ToArray()
        {
            var bytes = new byte[EncodedLength];
            Encode(bytes);
            return bytes;
        }

        public override string ToString() =>
            $"Beacon {SuperframeSpecification}, {GtsDescriptors.Count} GTS, {PendingShortAddresses.Count + PendingExtendedAddresses.Count} pending, payload {_beaconPayload.Length} bytes";
    }
}
