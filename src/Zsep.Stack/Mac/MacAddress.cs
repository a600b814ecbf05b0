using System;
using System.Globalization;
using Zsep.Stack.Types;

namespace Zsep.Stack.Mac
{
    /// <summary>
    /// A MAC address field: its addressing mode and either a 16-bit short address or a 64-bit extended address,
    /// IEEE 802.15.4-2006 7.2.1.4 / 7.2.1.6 (Destination/Source Address fields).
    /// </summary>
    [Serializable]
    public readonly struct MacAddress : IEquatable<MacAddress>
    {
        private MacAddress(MacAddressingMode mode, ushort shortAddress, Eui64 extendedAddress)
        {
            Mode = mode;
            ShortAddress = shortAddress;
            ExtendedAddress = extendedAddress;
        }

        /// <summary>No address (addressing mode 0b00).</summary>
        public static MacAddress None => default;

        /// <summary>The broadcast short address 0xFFFF.</summary>
        public static MacAddress BroadcastShort => FromShort(0xFFFF);

        public static MacAddress FromShort(ushort shortAddress) =>
            new MacAddress(MacAddressingMode.Short, shortAddress, default);

        public static MacAddress FromExtended(Eui64 extendedAddress) =>
            new MacAddress(MacAddressingMode.Extended, 0, extendedAddress);

        public MacAddressingMode Mode { get; }

        /// <summary>The 16-bit short address; 0 unless <see cref="Mode"/> is Short.</summary>
        public ushort ShortAddress { get; }

        /// <summary>The 64-bit extended address; 0 unless <see cref="Mode"/> is Extended.</summary>
        public Eui64 ExtendedAddress { get; }

        /// <summary>Bytes the address occupies on the air: 0, 2 or 8.</summary>
        public int Length => LengthOf(Mode);

        public bool IsNone => Mode == MacAddressingMode.None;

        internal static int LengthOf(MacAddressingMode mode) =>
            mode == MacAddressingMode.Short ? 2 : mode == MacAddressingMode.Extended ? 8 : 0;

        public override string ToString() => Mode switch
        {
            MacAddressingMode.Short => "0x" + ShortAddress.ToString("X4", CultureInfo.InvariantCulture),
            MacAddressingMode.Extended => ExtendedAddress.ToString(),
            _ => "None",
        };

        public bool Equals(MacAddress other) =>
            Mode == other.Mode && ShortAddress == other.ShortAddress && ExtendedAddress == other.ExtendedAddress;

        public override bool Equals(object? obj) => obj is MacAddress other && Equals(other);

        public override int GetHashCode() => ((int)Mode << 16) ^ ShortAddress ^ ExtendedAddress.GetHashCode();

        public static bool operator ==(MacAddress a, MacAddress b) => a.Equals(b);

        public static bool operator !=(MacAddress a, MacAddress b) => !a.Equals(b);
    }
}
