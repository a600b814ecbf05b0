using System;
using System.Text;

namespace Zsep.Stack.Types
{
    /// <summary>Hex text as people paste it: spaces, colons, dashes, "0x" prefixes and line breaks are ignored.</summary>
    public static class Hex
    {
        public static byte[] Parse(string text)
        {
            if (!TryParse(text, out byte[] bytes, out string? error))
            {
                throw new FormatException(error);
            }

            return bytes;
        }

        public static bool TryParse(string? text, out byte[] bytes, out string? error)
        {
            bytes = Array.Empty<byte>();
            error = null;
            if (text is null)
            {
                error = "No hex text was given.";
                return false;
            }

            var digits = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '0' && i + 1 < text.Length && (text[i + 1] == 'x' || text[i + 1] == 'X'))
                {
                    i++;
                    continue;
                }

                if (Uri.IsHexDigit(c))
                {
                    digits.Append(c);
                }
                else if (c == ' ' || c == ':' || c == '-' || c == '\t' || c == '\r' || c == '\n' || c == ',')
                {
                    continue;
                }
                else
                {
                    error = $"'{c}' at position {i} is not a hex digit.";
                    return false;
                }
            }

            if (digits.Length % 2 != 0)
            {
                error = $"Hex text has an odd number of digits ({digits.Length}).";
                return false;
            }

            bytes = new byte[digits.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((HexValue(digits[2 * i]) << 4) | HexValue(digits[(2 * i) + 1]));
            }

            return true;
        }

        public static string Format(ReadOnlySpan<byte> bytes, string separator = "")
        {
            var sb = new StringBuilder(bytes.Length * (2 + separator.Length));
            for (int i = 0; i < bytes.Length; i++)
            {
                if (i > 0)
                {
                    sb.Append(separator);
                }

                sb.Append(bytes[i].ToString("X2"));
            }

            return sb.ToString();
        }

        private static int HexValue(char c) =>
            c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}
