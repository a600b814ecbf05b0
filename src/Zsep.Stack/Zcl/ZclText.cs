using System;
using System.Globalization;

namespace Zsep.Stack.Zcl
{
    internal static class ZclText
    {
        /// <summary>"0x0702" (hex) or "1794" (decimal), at most <paramref name="max"/>.</summary>
        public static bool TryParseNumber(string text, uint max, out uint value)
        {
            value = 0;
            string t = text.Trim();
            bool ok;
            if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                t = t.Substring(2);
                ok = t.Length > 0 && t.Length <= 8 && uint.TryParse(t, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
            }
            else
            {
                ok = t.Length > 0 && uint.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value);
            }

            return ok && value <= max;
        }

        /// <summary>Name comparison key: case-insensitive, ignoring spaces, dashes, underscores and slashes.</summary>
        public static string Key(string name)
        {
            var chars = new char[name.Length];
            int n = 0;
            foreach (char c in name)
            {
                if (c == ' ' || c == '-' || c == '_' || c == '/' || c == '\t')
                {
                    continue;
                }

                chars[n++] = char.ToUpperInvariant(c);
            }

            return new string(chars, 0, n);
        }
    }
}
