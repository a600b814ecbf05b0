using System;
using System.Text;
using Zsep.Stack.Types;

namespace Zsep.Stack.Zcl.SmartEnergy
{
    /// <summary>
    /// The bytes of a ZCL octet string field (ZCL rev 7 2.6.2.13, type 0x41) of a Smart Energy command, with value
    /// equality so that command records compare by content. SE uses octet strings for UTF-8 labels (Rate Label,
    /// Tier Label: SE 1.4 D.4.2.4.1); <see cref="Text"/> decodes them. A length octet of 0xFF on the wire is the
    /// invalid octet string (<see cref="IsInvalid"/>), kept so that re-encoding gives the same bytes.
    /// </summary>
    public readonly struct ZclOctets : IEquatable<ZclOctets>
    {
        private readonly byte[]? _bytes;
        private readonly bool _invalid;

        public ZclOctets(ReadOnlySpan<byte> bytes)
        {
            _bytes = bytes.ToArray();
            _invalid = false;
        }

        private ZclOctets(bool invalid)
        {
            _bytes = null;
            _invalid = invalid;
        }

        public static ZclOctets Empty => default;

        /// <summary>The invalid octet string (length octet 0xFF).</summary>
        public static ZclOctets Invalid => new ZclOctets(true);

        /// <summary>The UTF-8 bytes of <paramref name="text"/>.</summary>
        public static ZclOctets FromText(string text) => new ZclOctets(Encoding.UTF8.GetBytes(text ?? string.Empty));

        public bool IsInvalid => _invalid;

        public int Length => _bytes?.Length ?? 0;

        public ReadOnlySpan<byte> Span => _bytes;

        public byte[] ToArray() => _bytes is null ? new byte[0] : (byte[])_bytes.Clone();

        /// <summary>The bytes read as UTF-8 (invalid sequences become U+FFFD).</summary>
        public string Text => _bytes is null ? string.Empty : Encoding.UTF8.GetString(_bytes);

        public bool Equals(ZclOctets other) => _invalid == other._invalid && Span.SequenceEqual(other.Span);

        public override bool Equals(object? obj) => obj is ZclOctets o && Equals(o);

        public override int GetHashCode()
        {
            int h = _invalid ? 1 : 17;
            foreach (byte b in Span)
            {
                h = (h * 31) + b;
            }

            return h;
        }

        public static bool operator ==(ZclOctets a, ZclOctets b) => a.Equals(b);

        public static bool operator !=(ZclOctets a, ZclOctets b) => !a.Equals(b);

        /// <summary>The text in quotes when the bytes are printable UTF-8, else hex; "invalid" for the invalid string.</summary>
        public override string ToString()
        {
            if (_invalid)
            {
                return "invalid";
            }

            string text = Text;
            foreach (char c in text)
            {
                if (char.IsControl(c) || c == '\uFFFD')
                {
                    return Hex.Format(_bytes!, " ");
                }
            }

            return "\"" + text + "\"";
        }
    }
}
