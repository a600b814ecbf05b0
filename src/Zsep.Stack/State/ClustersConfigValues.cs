using System;
using System.Globalization;
using System.Text;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.State
{
    /// <summary>Attribute values as clusters.conf writes them, typed by the attribute's ZCL data type (ZCL rev 7 2.6.2).</summary>
    internal static class ClustersConfigValues
    {
        /// <summary>Parses <paramref name="text"/> as a value of <paramref name="type"/> ("invalid" gives the type's invalid value); false with the problem otherwise.</summary>
        public static bool TryParse(ZclDataType type, string text, out ZclValue? value, out string? problem)
        {
            value = null;
            ZclDataTypeInfo? info = ZclDataTypes.Get(type);
            if (info is null)
            {
                problem = $"data type 0x{(byte)type:X2} is reserved.";
                return false;
            }

            if (text == "invalid" && info.InvalidValue is not null)
            {
                value = ZclValue.Invalid(type);
                problem = null;
                return true;
            }

            bool quoted = text.Length >= 2 && text[0] == '"' && text[text.Length - 1] == '"';
            try
            {
                object? raw;
                switch (info.Kind)
                {
                    case ZclWireKind.Unsigned:
                        raw = ParseUnsigned(text);
                        break;
                    case ZclWireKind.Signed:
                        raw = ParseSigned(text);
                        break;
                    case ZclWireKind.Boolean:
                        raw = text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1" ? true
                            : text.Equals("false", StringComparison.OrdinalIgnoreCase) || text == "0" ? (object)false
                            : throw new FormatException("expected true or false");
                        break;
                    case ZclWireKind.Semi:
                    case ZclWireKind.Single:
                    case ZclWireKind.Double:
                        raw = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                        break;
                    case ZclWireKind.CharString:
                    case ZclWireKind.LongCharString:
                        raw = quoted ? Unescape(text.Substring(1, text.Length - 2)) : throw new FormatException("text goes in double quotes, as in \"Zsep\"");
                        break;
                    case ZclWireKind.OctetString:
                    case ZclWireKind.LongOctetString:
                        raw = quoted ? Encoding.UTF8.GetBytes(Unescape(text.Substring(1, text.Length - 2)))
                            : text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? Hex.Parse(text.Substring(2))
                            : throw new FormatException("expected 0x hex bytes or \"text\"");
                        break;
                    case ZclWireKind.Utc:
                        raw = ZclText.TryParseNumber(text, uint.MaxValue, out uint seconds) ? seconds
                            : (object)DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                        break;
                    case ZclWireKind.Eui64:
                        raw = Eui64.Parse(text);
                        break;
                    default:
                        problem = $"values of type {info.Name} cannot be given in clusters.conf.";
                        return false;
                }

                value = ZclValue.Create(type, raw);
                problem = null;
                return true;
            }
            catch (Exception e) when (e is FormatException || e is ArgumentException || e is OverflowException)
            {
                problem = $"'{text}' is not a {info.Name} value: {e.Message}";
                return false;
            }
        }

        /// <summary>The value as clusters.conf writes it; <see cref="TryParse"/> reads it back to an equal value.</summary>
        public static string Format(ZclValue value)
        {
            if (value.IsInvalid)
            {
                return "invalid";
            }

            switch (value.Value)
            {
                case string s:
                    return "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
                case byte[] b:
                    return "0x" + Hex.Format(b);
                case bool flag:
                    return flag ? "true" : "false";
                case DateTime dt:
                    return dt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                case float f:
                    return f.ToString("R", CultureInfo.InvariantCulture);
                case double d:
                    return d.ToString("R", CultureInfo.InvariantCulture);
                default:
                    return value.ToString();
            }
        }

        private static ulong ParseUnsigned(string text) =>
            text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? ulong.Parse(text.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
                : ulong.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

        private static long ParseSigned(string text) =>
            text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? throw new FormatException("a signed value is written in decimal, as in -20")
                : long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        private static string Unescape(string s)
        {
            var sb = new StringBuilder(s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] == '\\' && i + 1 < s.Length)
                {
                    sb.Append(s[++i]);
                }
                else if (s[i] == '"')
                {
                    throw new FormatException("a double quote inside text is written \\\"");
                }
                else
                {
                    sb.Append(s[i]);
                }
            }

            return sb.ToString();
        }
    }
}
