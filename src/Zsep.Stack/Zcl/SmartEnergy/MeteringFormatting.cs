using System;
using System.Globalization;
using System.Text;

namespace Zsep.Stack.Zcl.SmartEnergy
{
    /// <summary>
    /// A Metering formatting bitmap: SummationFormatting (0x0303), DemandFormatting (0x0304) and the other
    /// *Formatting attributes, SE 1.4 (07-5356-19) D.3.2.2.4.4 / D.3.2.2.4.5: bits 0-2 digits to the right of the
    /// decimal point, bits 3-6 digits to the left, bit 7 suppress leading zeros.
    /// </summary>
    public readonly record struct MeteringFormatting(byte Value)
    {
        public static MeteringFormatting Create(int digitsLeft, int digitsRight, bool suppressLeadingZeros)
        {
            if (digitsLeft < 0 || digitsLeft > 15)
            {
                throw new ArgumentOutOfRangeException(nameof(digitsLeft), digitsLeft, "0-15 digits left of the decimal point.");
            }

            if (digitsRight < 0 || digitsRight > 7)
            {
                throw new ArgumentOutOfRangeException(nameof(digitsRight), digitsRight, "0-7 digits right of the decimal point.");
            }

            return new MeteringFormatting((byte)(digitsRight | (digitsLeft << 3) | (suppressLeadingZeros ? 0x80 : 0)));
        }

        /// <summary>Bits 0-2: digits to the right of the decimal point.</summary>
        public int DigitsRight => Value & 0x07;

        /// <summary>Bits 3-6: digits to the left of the decimal point.</summary>
        public int DigitsLeft => (Value >> 3) & 0x0F;

        /// <summary>Bit 7: suppress leading zeros.</summary>
        public bool SuppressLeadingZeros => (Value & 0x80) != 0;

        public override string ToString() =>
            $"{DigitsLeft}.{DigitsRight} digits{(SuppressLeadingZeros ? ", leading zeros suppressed" : string.Empty)} (0x{Value:X2})";
    }

    /// <summary>
    /// Turns raw Metering readings into display text, SE 1.4 (07-5356-19) D.3.2.2.4: value = raw x Multiplier /
    /// Divisor, in the UnitOfMeasure (D.3.2.2.4.1), with the digits of the formatting bitmap. Choices where the spec
    /// leaves room: a Multiplier or Divisor of 0 counts as 1; more integer digits than the bitmap's left digits are
    /// all shown (never cut off); extra fraction digits are truncated (a register never shows energy not yet used);
    /// at least one digit is shown left of the point. With a BCD unit (0x80-0x8D) the raw value's nibbles are decimal
    /// digits; a nibble above 9 makes the reading "invalid BCD".
    /// </summary>
    public static class MeteringDisplay
    {
        /// <summary>raw x multiplier / divisor, or null when a BCD unit's raw value has a nibble above 9.</summary>
        public static decimal? Scale(long raw, MeteringUnitOfMeasure unit, uint multiplier, uint divisor, int rawBytes = 6)
        {
            decimal value;
            if (MeteringUnits.IsBcd(unit))
            {
                if (!TryFromBcd(raw, rawBytes, out ulong digits))
                {
                    return null;
                }

                value = digits;
            }
            else
            {
                value = raw;
            }

            return value * (multiplier == 0 ? 1 : multiplier) / (divisor == 0 ? 1 : divisor);
        }

        /// <summary>
        /// A summation attribute (CurrentSummationDelivered and the other uint48 summations) as text, such as "12345.678 kWh".
        /// </summary>
        public static string FormatSummation(ulong raw, MeteringUnitOfMeasure unit, uint multiplier, uint divisor, MeteringFormatting formatting) =>
            Format(Scale((long)(raw & 0xFFFFFFFFFFFFUL), unit, multiplier, divisor, 6), formatting, MeteringUnits.SummationUnit(unit));

        /// <summary>
        /// A demand attribute (InstantaneousDemand int24, may be negative; CurrentMaxDemandDelivered uint48) as text,
        /// such as "1.500 kW".
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="raw"/> does not fit 48 bits.</exception>
        public static string FormatDemand(long raw, MeteringUnitOfMeasure unit, uint multiplier, uint divisor, MeteringFormatting formatting)
        {
            if (raw < -(1L << 47) || raw > (1L << 48) - 1)
            {
                throw new ArgumentOutOfRangeException(nameof(raw), raw, "A Metering demand value has at most 48 bits.");
            }

            return Format(Scale(raw, unit, multiplier, divisor, 6), formatting, MeteringUnits.DemandUnit(unit));
        }

        /// <summary>A scaled value with the formatting's digits and the unit text (no unit when it is empty).</summary>
        public static string Format(decimal? value, MeteringFormatting formatting, string unitText)
        {
            string number = value is decimal v ? FormatNumber(v, formatting) : "invalid BCD";
            return unitText.Length == 0 ? number : number + " " + unitText;
        }

        /// <summary>The number alone: truncated to the right digits, padded with zeros to the left digits unless suppressed.</summary>
        public static string FormatNumber(decimal value, MeteringFormatting formatting)
        {
            int right = formatting.DigitsRight;
            bool negative = value < 0;
            decimal magnitude = Math.Abs(value);
            decimal scale = Pow10(right);
            if (magnitude >= 7.9e21m)
            {
                // Above any 48-bit reading times a 24-bit multiplier: a decimal has no room left for the fraction digits.
                return value.ToString("0", CultureInfo.InvariantCulture);
            }

            decimal truncated = decimal.Truncate(magnitude * scale);
            decimal integer = decimal.Truncate(truncated / scale);
            decimal fraction = truncated - (integer * scale);

            string intText = integer.ToString("0", CultureInfo.InvariantCulture);
            if (!formatting.SuppressLeadingZeros && intText.Length < formatting.DigitsLeft)
            {
                intText = new string('0', formatting.DigitsLeft - intText.Length) + intText;
            }

            var sb = new StringBuilder();
            if (negative && truncated != 0)
            {
                sb.Append('-');
            }

            sb.Append(intText);
            if (right > 0)
            {
                sb.Append('.').Append(fraction.ToString(new string('0', right), CultureInfo.InvariantCulture));
            }

            return sb.ToString();
        }

        /// <summary>Reads the low <paramref name="bytes"/> bytes of <paramref name="raw"/> as BCD digits (most significant nibble first).</summary>
        public static bool TryFromBcd(long raw, int bytes, out ulong value)
        {
            value = 0;
            ulong bits = (ulong)raw;
            for (int shift = (8 * bytes) - 4; shift >= 0; shift -= 4)
            {
                ulong nibble = (bits >> shift) & 0x0F;
                if (nibble > 9)
                {
                    value = 0;
                    return false;
                }

                value = (value * 10) + nibble;
            }

            return true;
        }

        private static decimal Pow10(int n)
        {
            decimal p = 1;
            for (int i = 0; i < n; i++)
            {
                p *= 10;
            }

            return p;
        }
    }
}
