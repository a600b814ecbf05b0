using System;

namespace Zsep.Stack.Types
{
    /// <summary>
    /// A 128-bit key (network key, link key, install-code derived key). A secret: ToString never shows it, so it
    /// cannot leak into default output, traces, verbose streams or exception messages. The bytes are available
    /// only through the explicit <see cref="ExportHex"/> and <see cref="CopyTo"/>.
    /// </summary>
    [Serializable]
    public sealed class ZigbeeKey : IEquatable<ZigbeeKey>
    {
        public const int Length = 16;
        private readonly byte[] _bytes;

        public ZigbeeKey(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length != Length)
            {
                throw new ArgumentException($"A Zigbee key is 16 bytes; {bytes.Length} were given.", nameof(bytes));
            }

            _bytes = bytes.ToArray();
        }

        /// <summary>The well-known default Trust Center link key "ZigBeeAlliance09" (Zigbee spec 4.6.3.2).</summary>
        public static ZigbeeKey DefaultTrustCenterLinkKey { get; } = new ZigbeeKey(System.Text.Encoding.ASCII.GetBytes("ZigBeeAlliance09"));

        /// <summary>Parses 32 hex digits (separators allowed). The message of a failure never repeats the text.</summary>
        public static ZigbeeKey Parse(string text)
        {
            if (!TryParse(text, out ZigbeeKey? key))
            {
                throw new FormatException("A key must be 16 bytes written as 32 hex digits (separators allowed).");
            }

            return key!;
        }

        public static bool TryParse(string? text, out ZigbeeKey? key)
        {
            key = null;
            if (!Hex.TryParse(text, out byte[] bytes, out _) || bytes.Length != Length)
            {
                return false;
            }

            key = new ZigbeeKey(bytes);
            Array.Clear(bytes, 0, bytes.Length);
            return true;
        }

        public ReadOnlySpan<byte> Span => _bytes;

        public void CopyTo(Span<byte> destination) => _bytes.CopyTo(destination);

        /// <summary>The key as 32 hex digits: an explicit export of a secret.</summary>
        public string ExportHex() => Hex.Format(_bytes);

        /// <summary>Redacted: a key is never displayed.</summary>
        public override string ToString() => "<key redacted>";

        public bool Equals(ZigbeeKey? other) =>
            other is not null && ((ReadOnlySpan<byte>)_bytes).SequenceEqual(other._bytes);

        public override bool Equals(object? obj) => Equals(obj as ZigbeeKey);

        public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);
    }
}
