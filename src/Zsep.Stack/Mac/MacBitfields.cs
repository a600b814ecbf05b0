using System;

namespace Zsep.Stack.Mac
{
    /// <summary>
    /// Superframe Specification field of a beacon, IEEE 802.15.4-2006 7.2.2.1.2 (Figure 47).
    /// Bit 13 is reserved and kept as received.
    /// </summary>
    [Serializable]
    public readonly struct MacSuperframeSpecification : IEquatable<MacSuperframeSpecification>
    {
        public MacSuperframeSpecification(ushort value) => Value = value;

        public MacSuperframeSpecification(
            int beaconOrder,
            int superframeOrder,
            int finalCapSlot,
            bool batteryLifeExtension,
            bool panCoordinator,
            bool associationPermit)
        {
            if ((uint)beaconOrder > 15 || (uint)superframeOrder > 15 || (uint)finalCapSlot > 15)
            {
                throw new ArgumentOutOfRangeException(nameof(beaconOrder), "Beacon order, superframe order and final CAP slot are 4-bit values (0-15).");
            }

            Value = (ushort)(beaconOrder | (superframeOrder << 4) | (finalCapSlot << 8) |
                             (batteryLifeExtension ? 0x1000 : 0) | (panCoordinator ? 0x4000 : 0) | (associationPermit ? 0x8000 : 0));
        }

        /// <summary>The raw 16-bit field.</summary>
        public ushort Value { get; }

        /// <summary>BO, bits 0-3 (15 = non-beacon-enabled PAN, as in Zigbee).</summary>
        public int BeaconOrder => Value & 0xF;

        /// <summary>SO, bits 4-7.</summary>
        public int SuperframeOrder => (Value >> 4) & 0xF;

        /// <summary>Final CAP Slot, bits 8-11.</summary>
        public int FinalCapSlot => (Value >> 8) & 0xF;

        /// <summary>Battery Life Extension (BLE), bit 12.</summary>
        public bool BatteryLifeExtension => (Value & 0x1000) != 0;

        /// <summary>PAN Coordinator, bit 14.</summary>
        public bool PanCoordinator => (Value & 0x4000) != 0;

        /// <summary>Association Permit, bit 15.</summary>
        public bool AssociationPermit => (Value & 0x8000) != 0;

        public override string ToString() =>
            $"BO={BeaconOrder} SO={SuperframeOrder} FinalCapSlot={FinalCapSlot} BLE={BatteryLifeExtension} PanCoordinator={PanCoordinator} AssociationPermit={AssociationPermit}";

        public bool Equals(MacSuperframeSpecification other) => Value == other.Value;

        public override bool Equals(object? obj) => obj is MacSuperframeSpecification other && Equals(other);

        public override int GetHashCode() => Value;
    }

    /// <summary>
    /// One GTS descriptor of a beacon's GTS List, IEEE 802.15.4-2006 7.2.2.1.7 (Figure 50), with its bit of the
    /// GTS Directions mask (7.2.2.1.6).
    /// </summary>
    [Serializable]
    public readonly struct MacGtsDescriptor : IEquatable<MacGtsDescriptor>
    {
        public MacGtsDescriptor(ushort deviceShortAddress, int gtsStartingSlot, int gtsLength, MacGtsDirection direction)
        {
            if ((uint)gtsStartingSlot > 15 || (uint)gtsLength > 15)
            {
                throw new ArgumentOutOfRangeException(nameof(gtsStartingSlot), "GTS starting slot and length are 4-bit values (0-15).");
            }

            DeviceShortAddress = deviceShortAddress;
            GtsStartingSlot = (byte)gtsStartingSlot;
            GtsLength = (byte)gtsLength;
            Direction = direction;
        }

        public ushort DeviceShortAddress { get; }

        public byte GtsStartingSlot { get; }

        public byte GtsLength { get; }

        public MacGtsDirection Direction { get; }

        public override string ToString() => $"0x{DeviceShortAddress:X4} slot {GtsStartingSlot} length {GtsLength} {Direction}";

        public bool Equals(MacGtsDescriptor other) =>
            DeviceShortAddress == other.DeviceShortAddress && GtsStartingSlot == other.GtsStartingSlot &&
            GtsLength == other.GtsLength && Direction == other.Direction;

        public override bool Equals(object? obj) => obj is MacGtsDescriptor other && Equals(other);

        public override int GetHashCode() => DeviceShortAddress ^ (GtsStartingSlot << 16) ^ (GtsLength << 20) ^ ((int)Direction << 24);
    }
}
