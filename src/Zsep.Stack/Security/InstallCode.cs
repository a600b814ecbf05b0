using System;
using System.Globalization;
using Zsep.Stack.Types;

namespace Zsep.Stack.Security
{
    /// <summary>Why an install code was rejected.</summary>
    public enum InstallCodeError
    {
        /// <summary>Not 6, 8, 12 or 16 code bytes (with or without the 2 CRC bytes).</summary>
        BadLength = 1,

        /// <summary>Something other than hex digits and the separators of a label.</summary>
        BadCharacters = 2,

        /// <summary>The 2 CRC bytes after the code are not its CRC-16/X-25.</summary>
        CrcMismatch = 3,
    }

    /// <summary>A rejected install code. The message never contains a derived key.</summary>
    [Serializable]
    public sealed class InstallCodeException : FormatException
    {
        public InstallCodeException(InstallCodeError reason, string message, ushort? expectedCrc = null, ushort? actualCrc = null)
            : base(message)
        {
            Reason = reason;
            ExpectedCrc = expectedCrc;
            ActualCrc = actualCrc;
        }

        public InstallCodeError Reason { get; }

        /// <summary>For <see cref="InstallCodeError.CrcMismatch"/>: the CRC-16/X-25 value the code needs (e.g. 0xB5C3, printed "C3B5").</summary>
        public ushort? ExpectedCrc { get; }

        /// <summary>For <see cref="InstallCodeError.CrcMismatch"/>: the value of the 2 bytes that were given.</summary>
        public ushort? ActualCrc { get; }

        /// <summary>The expected CRC as it is printed after the code (low byte first), e.g. "C3B5".</summary>
        public string? ExpectedCrcAsPrinted => ExpectedCrc.HasValue ? InstallCode.CrcAsPrinted(ExpectedCrc.Value) : null;
    }

    /// <summary>
    /// An install code (Zigbee Base Device Behavior 13-0402 10.1 "Install codes"; Zigbee PRO 4.6.3.4): 6, 8, 12 or
    /// 16 bytes followed by their CRC-16/X-25 (polynomial 0x1021 reflected, init 0xFFFF, xorout 0xFFFF), stored
    /// little-endian. The link key is the AES-MMO hash (B.6) of code || CRC.
    /// </summary>
    public sealed class InstallCode : IEquatable<InstallCode>
    {
        private readonly byte[] _code;

        private InstallCode(byte[] code, Eui64? ieee, bool crcPrinted)
        {
            _code = code;
            CrcPrinted = crcPrinted;
            Crc = ComputeCrc(code);
            Ieee = ieee;
        }

        /// <summary>The code bytes without the CRC.</summary>
        public ReadOnlySpan<byte> Code => _code;

        /// <summary>Length of the code without CRC: 6, 8, 12 or 16.</summary>
        public int Length => _code.Length;

        /// <summary>The CRC-16/X-25 of the code (transmitted and printed low byte first).</summary>
        public ushort Crc { get; }

        /// <summary>
        /// True when the text or bytes carried the 2-byte CRC (and it was checked); false for a bare code, which
        /// cannot be checked. Labels always print the CRC, so a tool that checks labels should require it.
        /// </summary>
        public bool CrcPrinted { get; }

        /// <summary>The device IEEE address when the label carried one (QR "Z:" or Hue "M:" field).</summary>
        public Eui64? Ieee { get; }

        public static bool IsValidCodeLength(int length) => length == 6 || length == 8 || length == 12 || length == 16;

        /// <summary>CRC-16/X-25 (reflected 0x1021 = 0x8408, init 0xFFFF, xorout 0xFFFF).</summary>
        public static ushort ComputeCrc(ReadOnlySpan<byte> data)
        {
            int crc = 0xFFFF;
            foreach (byte b in data)
            {
                crc ^= b;
                for (int i = 0; i < 8; i++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1;
                }
            }

            return (ushort)(crc ^ 0xFFFF);
        }

        /// <summary>The CRC as printed after the code: low byte first, e.g. 0xB5C3 -> "C3B5".</summary>
        public static string CrcAsPrinted(ushort crc) =>
            ((byte)crc).ToString("X2", CultureInfo.InvariantCulture) + ((byte)(crc >> 8)).ToString("X2", CultureInfo.InvariantCulture);

        /// <summary>
        /// Parses a label: hex with or without dashes, spaces or colons, with or without the 2 CRC bytes; the QR
        /// form "Z:&lt;IEEE&gt;$I:&lt;code+CRC&gt;[$X:...]" (other fields ignored); the Hue form "HUE:Z:&lt;code+CRC&gt; M:&lt;IEEE&gt; ...".
        /// A CRC that is present must be right.
        /// </summary>
        /// <exception cref="InstallCodeException">Bad length, bad characters or a CRC mismatch.</exception>
        public static InstallCode Parse(string text) => Parse(text, correctCrc: false);

        /// <param name="text">The label text.</param>
        /// <param name="correctCrc">
        /// Replace a wrong printed CRC by the right one instead of failing (some vendors print wrong CRCs; the code
        /// bytes themselves cannot be checked then).
        /// </param>
        public static InstallCode Parse(string text, bool correctCrc)
        {
            InstallCodeException? error = TryParseCore(text, correctCrc, out InstallCode? code);
            if (error is not null)
            {
                throw error;
            }

            return code!;
        }

        public static bool TryParse(string? text, out InstallCode? code) => TryParseCore(text, false, out code) is null;

        public static bool TryParse(string? text, out InstallCode? code, out InstallCodeException? error)
        {
            error = TryParseCore(text, false, out code);
            return error is null;
        }

        /// <summary>From bytes: a code of 6/8/12/16 bytes, or code + CRC (8/10/14/18 bytes, the CRC checked).</summary>
        public static InstallCode FromBytes(ReadOnlySpan<byte> bytes, Eui64? ieee = null)
        {
            InstallCodeException? error = FromBytesCore(bytes, false, ieee, out InstallCode? code);
            if (error is not null)
            {
                throw error;
            }

            return code!;
        }

        /// <summary>Code || CRC (little-endian), as given to a trust center or a radio's key table.</summary>
        public byte[] ToArrayWithCrc()
        {
            var bytes = new byte[_code.Length + 2];
            _code.CopyTo(bytes, 0);
            bytes[_code.Length] = (byte)Crc;
            bytes[_code.Length + 1] = (byte)(Crc >> 8);
            return bytes;
        }

        /// <summary>The link key: AES-MMO hash of code || CRC (BDB 10.1.1).</summary>
        public ZigbeeKey DeriveLinkKey()
        {
            byte[] withCrc = ToArrayWithCrc();
            Span<byte> hash = stackalloc byte[AesMmo.HashLength];
            AesMmo.Hash(withCrc, hash);
            var key = new ZigbeeKey(hash);
            hash.Clear();
            return key;
        }

        /// <summary>The code and its CRC in hex (an install code is not a long-lived secret; the derived key is never shown).</summary>
        public override string ToString() => Hex.Format(ToArrayWithCrc());

        public bool Equals(InstallCode? other) => other is not null && Code.SequenceEqual(other.Code);

        public override bool Equals(object? obj) => Equals(obj as InstallCode);

        public override int GetHashCode() => Crc;

        private static InstallCodeException? TryParseCore(string? text, bool correctCrc, out InstallCode? code)
        {
            code = null;
            if (text is null || text.Trim().Length == 0)
            {
                return new InstallCodeException(InstallCodeError.BadLength, "No install code was given.");
            }

            string t = text.Trim();
            string codeText = t;
            Eui64? ieee = null;
            if (t.IndexOf("$I:", StringComparison.OrdinalIgnoreCase) >= 0 || t.StartsWith("Z:", StringComparison.OrdinalIgnoreCase) && t.IndexOf('$') >= 0)
            {
                // QR: Z:<IEEE>$I:<code+CRC>[$X:...] (fields separated by '$', also '%' in some generators).
                string? z = null, i = null;
                foreach (string field in t.Split('$', '%'))
                {
                    string f = field.Trim();
                    if (f.StartsWith("Z:", StringComparison.OrdinalIgnoreCase))
                    {
                        z = f.Substring(2);
                    }
                    else if (f.StartsWith("I:", StringComparison.OrdinalIgnoreCase))
                    {
                        i = f.Substring(2);
                    }
                }

                if (i is null)
                {
                    return new InstallCodeException(InstallCodeError.BadCharacters, "The QR text has no '$I:' install code field.");
                }

                if (z is not null)
                {
                    if (!Eui64.TryParse(z, out Eui64 address))
                    {
                        return new InstallCodeException(InstallCodeError.BadCharacters, "The 'Z:' field of the QR text is not a 16-hex-digit IEEE address.");
                    }

                    ieee = address;
                }

                codeText = i;
            }
            else if (t.StartsWith("HUE:", StringComparison.OrdinalIgnoreCase) || t.StartsWith("Z:", StringComparison.OrdinalIgnoreCase))
            {
                // Hue: HUE:Z:<code+CRC> M:<IEEE> D:<...> A:<...> (space separated).
                string? z = null, m = null;
                string body = t.StartsWith("HUE:", StringComparison.OrdinalIgnoreCase) ? t.Substring(4) : t;
                foreach (string field in body.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (field.StartsWith("Z:", StringComparison.OrdinalIgnoreCase))
                    {
                        z = field.Substring(2);
                    }
                    else if (field.StartsWith("M:", StringComparison.OrdinalIgnoreCase))
                    {
                        m = field.Substring(2);
                    }
                }

                if (z is null)
                {
                    return new InstallCodeException(InstallCodeError.BadCharacters, "The label has no 'Z:' install code field.");
                }

                if (m is not null)
                {
                    if (!Eui64.TryParse(m, out Eui64 address))
                    {
                        return new InstallCodeException(InstallCodeError.BadCharacters, "The 'M:' field of the label is not a 16-hex-digit IEEE address.");
                    }

                    ieee = address;
                }

                codeText = z;
            }

            codeText = codeText.Trim();
            if (codeText.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                codeText = codeText.Substring(2);
            }

            if (!TryParseHex(codeText, out byte[] bytes, out InstallCodeError reason, out string? bad))
            {
                return new InstallCodeException(reason, bad!);
            }

            return FromBytesCore(bytes, correctCrc, ieee, out code);
        }

        private static InstallCodeException? FromBytesCore(ReadOnlySpan<byte> bytes, bool correctCrc, Eui64? ieee, out InstallCode? code)
        {
            code = null;
            int n = bytes.Length;
            if (n == 8)
            {
                // Ambiguous: a 6-byte code + CRC, or an 8-byte code without CRC. A matching CRC decides.
                if (CrcOf(bytes, 6) == ComputeCrc(bytes.Slice(0, 6)))
                {
                    code = new InstallCode(bytes.Slice(0, 6).ToArray(), ieee, crcPrinted: true);
                }
                else
                {
                    code = new InstallCode(bytes.ToArray(), ieee, crcPrinted: false);
                }

                return null;
            }

            if (IsValidCodeLength(n))
            {
                code = new InstallCode(bytes.ToArray(), ieee, crcPrinted: false);
                return null;
            }

            if (n == 10 || n == 14 || n == 18)
            {
                ReadOnlySpan<byte> body = bytes.Slice(0, n - 2);
                ushort expected = ComputeCrc(body);
                ushort actual = CrcOf(bytes, n - 2);
                if (expected != actual && !correctCrc)
                {
                    return new InstallCodeException(InstallCodeError.CrcMismatch,
                        $"The install code's CRC is wrong: the code needs CRC {CrcAsPrinted(expected)} (as printed, low byte first; " +
                        $"CRC-16/X-25 value 0x{expected:X4} over the {n - 2} code bytes) but the label has {CrcAsPrinted(actual)}. Check the code for a typo.",
                        expected, actual);
                }

                code = new InstallCode(body.ToArray(), ieee, crcPrinted: true);
                return null;
            }

            return new InstallCodeException(InstallCodeError.BadLength,
                $"An install code is 6, 8, 12 or 16 bytes, optionally followed by its 2 CRC bytes; {n} bytes were given.");
        }

        private static ushort CrcOf(ReadOnlySpan<byte> bytes, int at) => (ushort)(bytes[at] | (bytes[at + 1] << 8));

        private static bool TryParseHex(string text, out byte[] bytes, out InstallCodeError reason, out string? error)
        {
            bytes = Array.Empty<byte>();
            error = null;
            reason = InstallCodeError.BadCharacters;
            Span<byte> nibbles = text.Length <= 256 ? stackalloc byte[text.Length] : new byte[text.Length];
            int count = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c >= '0' && c <= '9')
                {
                    nibbles[count++] = (byte)(c - '0');
                }
                else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
                {
                    nibbles[count++] = (byte)((c | 0x20) - 'a' + 10);
                }
                else if (c == ' ' || c == '-' || c == ':' || c == '\t' || c == '.' || c == '_')
                {
                    continue;
                }
                else
                {
                    error = $"Character '{c}' at position {i} is not a hex digit or a separator (space, '-', ':').";
                    return false;
                }
            }

            if (count % 2 != 0)
            {
                reason = InstallCodeError.BadLength;
                error = $"An install code has an even number of hex digits; {count} were given.";
                return false;
            }

            bytes = new byte[count / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((nibbles[2 * i] << 4) | nibbles[(2 * i) + 1]);
            }

            return true;
        }
    }
}
