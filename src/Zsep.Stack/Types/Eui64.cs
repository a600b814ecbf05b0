using System;
using System.Globalization;

namespace Zsep.Stack.Types
{
    /// <summary>
    /// A 64-bit IEEE extended address (EUI-64). Displayed most significant byte first, as on device labels and in
    /// Wireshark ("00:0D:6F:00:0B:BC:AB:01"); transmitted little-endian.
    /// </summary>
    [Serializable]
    public readonly struct Eui64 : IEquatable<Eui64>, IComparable<Eui64>
    {
        public Eui64(ulong value) => Value = value;

        public ulong Value { get; }

        /// <summary>0xFFFFFFFFFFFFFFFF: "no address" / broadcast in several ZDO fields.</summary>
        public static Eui64 Unknown => new Eui64(ulong.MaxValue);

        /// <summary>A number is the address itself (0x000D6F000BBCAB01 typed without quotes arrives as a number).</summary>
        public static implicit operator Eui64(long value) => new Eui64(unchecked((ulong)value));

        /// <summary>Accepts "00:0D:6F:00:0B:BC:AB:01", "000D6F000BBCAB01", "0x000D6F000BBCAB01", dashes or spaces.</summary>
        public static Eui64 Parse(string text)
        {
            if (!TryParse(text, out Eui64 value))
            {
                throw new FormatException($"'{text}' is not an IEEE address: expected 16 hex digits such as 00:0D:6F:00:0B:BC:AB:01.");
            }

            return value;
        }

        public static bool TryParse(string? text, out Eui64 value)
        {
            value = default;
            if (!Hex.TryParse(text, out byte[] bytes, out _) || bytes.Length != 8)
            {
                return false;
            }

            ulong v = 0;
            foreach (byte b in bytes)
            {
                v = (v << 8) | b;
            }

            value = new Eui64(v);
            return true;
        }

        public override string ToString()
        {
            Span<char> chars = stackalloc char[23];
            for (int i = 0; i < 8; i++)
            {
                byte b = (byte)(Value >> (8 * (7 - i)));
                chars[3 * i] = HexDigit(b >> 4);
                chars[(3 * i) + 1] = HexDigit(b & 0xF);
                if (i < 7)
                {
                    chars[(3 * i) + 2] = ':';
                }
            }

            return chars.ToString();
        }

        /// <summary>16 hex digits with no separators, most significant first.</summary>
        public string ToCompactString() => Value.ToString("X16", CultureInfo.InvariantCulture);

        private static char HexDigit(int v) => (char)(v < 10 ? '0' + v : 'A' + v - 10);

        public bool Equals(Eui64 other) => Value == other.Value;

        public override bool Equals(object? obj) => obj is Eui64 other && Equals(other);

        public override int GetHashCode() => Value.GetHashCode();

        public int CompareTo(Eui64 other) => Value.CompareTo(other.Value);

        public static bool operator ==(Eui64 a, Eui64 b) => a.Value == b.Value;

        public static bool operator !=(Eui64 a, Eui64 b) => a.Value != b.Value;
    }
}
