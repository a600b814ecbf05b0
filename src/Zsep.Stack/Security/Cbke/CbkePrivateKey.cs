using System;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Zsep.Stack.Types;

namespace Zsep.Stack.Security.Cbke
{
    /// <summary>
    /// A device's static private key for key establishment (07-5356 Annex C.4: an integer modulo the curve order,
    /// 21 bytes for suite 1 and 36 for suite 2, big-endian). A secret: ToString is redacted and no message of this
    /// library ever shows its bytes; they are available only through the explicit <see cref="ExportHex"/> and
    /// <see cref="CopyTo"/>.
    /// </summary>
    public sealed class CbkePrivateKey : IEquatable<CbkePrivateKey>
    {
        private readonly byte[] _bytes;
        private ECPoint? _publicPoint;

        /// <exception cref="ArgumentException">The length is not that of the suite (the message never shows the bytes).</exception>
        public CbkePrivateKey(CryptoSuite suite, ReadOnlySpan<byte> bytes)
        {
            int expected = CryptoSuites.PrivateKeyLength(suite);
            if (bytes.Length != expected)
            {
                throw new ArgumentException($"A suite {(int)suite} private key is {expected} bytes; {bytes.Length} were given.", nameof(bytes));
            }

            Suite = suite;
            _bytes = bytes.ToArray();
        }

        public CryptoSuite Suite { get; }

        public int Length => _bytes.Length;

        /// <summary>Parses hex (separators allowed). The message of a failure never repeats the text.</summary>
        public static CbkePrivateKey Parse(CryptoSuite suite, string text)
        {
            if (!TryParse(suite, text, out CbkePrivateKey? key))
            {
                throw new FormatException($"A suite {(int)suite} private key is {CryptoSuites.PrivateKeyLength(suite)} bytes written as hex digits (separators allowed).");
            }

            return key!;
        }

        public static bool TryParse(CryptoSuite suite, string? text, out CbkePrivateKey? key)
        {
            key = null;
            if (!CryptoSuites.IsDefined(suite) || !Hex.TryParse(text, out byte[] bytes, out _))
            {
                return false;
            }

            if (bytes.Length == CryptoSuites.PrivateKeyLength(suite))
            {
                key = new CbkePrivateKey(suite, bytes);
            }

            Array.Clear(bytes, 0, bytes.Length);
            return key is not null;
        }

        /// <summary>The key as hex digits: an explicit export of a secret.</summary>
        public string ExportHex() => Hex.Format(_bytes);

        public void CopyTo(Span<byte> destination) => _bytes.CopyTo(destination);

        /// <summary>Redacted: a private key is never displayed.</summary>
        public override string ToString() => $"<suite {(int)Suite} private key redacted>";

        /// <summary>The key as an integer d.</summary>
        internal BigInteger Value => new BigInteger(1, _bytes);

        /// <summary>True when 1 &lt;= d &lt; n (the curve order); other values are no private key.</summary>
        public bool IsInRange
        {
            get
            {
                BigInteger d = Value;
                return d.SignValue > 0 && d.CompareTo(CryptoSuites.Curve(Suite).N) < 0;
            }
        }

        /// <summary>d*G, computed once. Null when the key is out of range.</summary>
        internal ECPoint? PublicPoint
        {
            get
            {
                if (_publicPoint is null && IsInRange)
                {
                    _publicPoint = CryptoSuites.Curve(Suite).G.Multiply(Value).Normalize();
                }

                return _publicPoint;
            }
        }

        /// <summary>The public key d*G in compressed form (22 or 37 bytes); null when the key is out of range.</summary>
        public byte[]? GetPublicKey() => PublicPoint?.GetEncoded(true);

        public bool Equals(CbkePrivateKey? other) =>
            other is not null && Suite == other.Suite && ((ReadOnlySpan<byte>)_bytes).SequenceEqual(other._bytes);

        public override bool Equals(object? obj) => Equals(obj as CbkePrivateKey);

        public override int GetHashCode() => ((int)Suite * 397) ^ _bytes[_bytes.Length - 1] ^ (_bytes[_bytes.Length - 2] << 8);
    }
}
