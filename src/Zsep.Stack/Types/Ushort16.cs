using System;
using System.Globalization;

namespace Zsep.Stack.Types
{
    internal static class UShortText
    {
        /// <summary>Accepts "0x1A62", "1A62" (hex), or a decimal number with a "#" or "d" marker is not needed: bare digits are hex.</summary>
        public static bool TryParse(string? text, out ushort value)
        {
            value = 0;
            if (text is null)
            {
                return false;
            }

            string t = text.Trim();
            if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                t = t.Substring(2);
            }

            return t.Length > 0 && t.Length <= 4 &&
                   ushort.TryParse(t, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }
    }

    /// <summary>A 16-bit network (short) address. 0x0000 is the coordinator; 0xFFFC-0xFFFF are broadcasts (Zigbee 3.6.5).</summary>
    [Serializable]
    public readonly struct NwkAddress : IEquatable<NwkAddress>
    {
        public NwkAddress(ushort value) => Value = value;

        public ushort Value { get; }

        public static NwkAddress Coordinator => new NwkAddress(0x0000);

        /// <summary>0xFFFF: all devices in PAN.</summary>
        public static NwkAddress BroadcastAll => new NwkAddress(0xFFFF);

        /// <summary>0xFFFD: macRxOnWhenIdle = TRUE.</summary>
        public static NwkAddress BroadcastRxOnWhenIdle => new NwkAddress(0xFFFD);

        /// <summary>0xFFFC: all routers and the coordinator.</summary>
        public static NwkAddress BroadcastRouters => new NwkAddress(0xFFFC);

        public bool IsBroadcast => Value >= 0xFFF8;

        /// <summary>
        /// A number is the value itself: PowerShell passes 0x1A62 typed without quotes as the number 6754, which
        /// must not be read again as hex text.
        /// </summary>
        public static implicit operator NwkAddress(int value) =>
            value >= 0 && value <= 0xFFFF ? new NwkAddress((ushort)value) : throw new System.OverflowException($"{value} is not a 16-bit network address.");

        public static NwkAddress Parse(string text) =>
            UShortText.TryParse(text, out ushort v)
                ? new NwkAddress(v)
                : throw new FormatException($"'{text}' is not a network address: expected 4 hex digits such as 0x1A2B.");

        public static bool TryParse(string? text, out NwkAddress value)
        {
            bool ok = UShortText.TryParse(text, out ushort v);
            value = new NwkAddress(v);
            return ok;
        }

        public override string ToString() => "0x" + Value.ToString("X4", CultureInfo.InvariantCulture);

        public bool Equals(NwkAddress other) => Value == other.Value;

        public override bool Equals(object? obj) => obj is NwkAddress other && Equals(other);

        public override int GetHashCode() => Value;

        public static bool operator ==(NwkAddress a, NwkAddress b) => a.Value == b.Value;

        public static bool operator !=(NwkAddress a, NwkAddress b) => a.Value != b.Value;
    }

    /// <summary>A 16-bit PAN identifier (IEEE 802.15.4). 0xFFFF is the broadcast PAN.</summary>
    [Serializable]
    public readonly struct PanId : IEquatable<PanId>
    {
        public PanId(ushort value) => Value = value;

        public ushort Value { get; }

        public static PanId Broadcast => new PanId(0xFFFF);

        /// <summary>
        /// A number is the value itself: PowerShell passes 0x1A62 typed without quotes as the number 6754, which
        /// must not be read again as hex text.
        /// </summary>
        public static implicit operator PanId(int value) =>
            value >= 0 && value <= 0xFFFF ? new PanId((ushort)value) : throw new System.OverflowException($"{value} is not a 16-bit PAN ID.");

        public static PanId Parse(string text) =>
            UShortText.TryParse(text, out ushort v)
                ? new PanId(v)
                : throw new FormatException($"'{text}' is not a PAN ID: expected 4 hex digits such as 0x1A62.");

        public static bool TryParse(string? text, out PanId value)
        {
            bool ok = UShortText.TryParse(text, out ushort v);
            value = new PanId(v);
            return ok;
        }

        public override string ToString() => "0x" + Value.ToString("X4", CultureInfo.InvariantCulture);

        public bool Equals(PanId other) => Value == other.Value;

        public override bool Equals(object? obj) => obj is PanId other && Equals(other);

        public override int GetHashCode() => Value;

        public static bool operator ==(PanId a, PanId b) => a.Value == b.Value;

        public static bool operator !=(PanId a, PanId b) => a.Value != b.Value;
    }
}
