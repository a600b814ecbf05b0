using System;
using Xunit;
using Zsep.Stack.Zcl;
using Zsep.Stack.Zcl.SmartEnergy;

namespace Zsep.Stack.Tests.SmartEnergy
{
    /// <summary>Metering display formatting, SE 1.4 (07-5356-19) D.3.2.2.4 (UnitOfMeasure, Multiplier, Divisor, *Formatting).</summary>
    public class MeteringDisplayTests
    {
        [Fact]
        public void D_3_2_2_4_formatting_bitmap_fields()
        {
            // 0x2B = 0 0101 011: suppress off, 5 digits left, 3 right.
            var f = new MeteringFormatting(0x2B);
            Assert.Equal(5, f.DigitsLeft);
            Assert.Equal(3, f.DigitsRight);
            Assert.False(f.SuppressLeadingZeros);
            Assert.Equal(0xAB, MeteringFormatting.Create(5, 3, true).Value);
            Assert.Throws<ArgumentOutOfRangeException>(() => MeteringFormatting.Create(16, 0, false));
            Assert.Throws<ArgumentOutOfRangeException>(() => MeteringFormatting.Create(1, 8, false));
        }

        [Theory]
        // The example: CurrentSummationDelivered 12345678 Wh-units with divisor 1000 -> 12345.678 kWh.
        [InlineData(12345678UL, 0x00, 1u, 1000u, 0x2B, "12345.678 kWh")]
        // Leading zeros: padded to 5 digits unless bit 7 suppresses them.
        [InlineData(1234UL, 0x00, 1u, 1000u, 0x2B, "00001.234 kWh")]
        [InlineData(1234UL, 0x00, 1u, 1000u, 0xAB, "1.234 kWh")]
        // More integer digits than the bitmap's left digits: all are shown.
        [InlineData(123456789UL, 0x00, 1u, 1000u, 0x2B, "123456.789 kWh")]
        // Extra fraction digits are truncated, missing ones are zero-filled.
        [InlineData(1999UL, 0x00, 1u, 1000u, 0x8A, "1.99 kWh")]
        [InlineData(5UL, 0x00, 1u, 1u, 0x8B, "5.000 kWh")]
        // Multiplier: 10 units of 0.1 m3 each (multiplier 1, divisor 10) and multiplier 3.
        [InlineData(125UL, 0x01, 1u, 10u, 0x89, "12.5 m³")]
        [InlineData(125UL, 0x01, 3u, 10u, 0x89, "37.5 m³")]
        // Divisor 0 and multiplier 0 count as 1.
        [InlineData(42UL, 0x00, 0u, 0u, 0x80, "42 kWh")]
        // No right digits: no decimal point; zero still shows one digit.
        [InlineData(0UL, 0x00, 1u, 1000u, 0x80, "0 kWh")]
        [InlineData(0UL, 0x00, 1u, 1000u, 0x18, "000 kWh")]
        // Unitless (0x0B) has no unit text; a reserved unit names its value.
        [InlineData(7UL, 0x0B, 1u, 1u, 0x80, "7")]
        [InlineData(7UL, 0x42, 1u, 1u, 0x80, "7 unit 0x42")]
        // BCD units (0x80-0x8D): the nibbles are decimal digits.
        [InlineData(0x12345678UL, 0x80, 1u, 1000u, 0x2B, "12345.678 kWh")]
        [InlineData(0x000000001234UL, 0x87, 1u, 100u, 0x92, "12.34 l")]
        [InlineData(0x00000000123AUL, 0x80, 1u, 1u, 0x80, "invalid BCD kWh")]
        // The largest uint48 summation with a 24-bit multiplier keeps all digits: (2^48 - 1) x (2^24 - 1).
        [InlineData(0xFFFFFFFFFFFFUL, 0x00, 0xFFFFFFu, 1u, 0x87, "4722366201394651725825.0000000 kWh")]
        public void D_3_2_2_4_summation_display(ulong raw, byte unit, uint multiplier, uint divisor, byte formatting, string expected) =>
            Assert.Equal(expected, MeteringDisplay.FormatSummation(raw, (MeteringUnitOfMeasure)unit, multiplier, divisor, new MeteringFormatting(formatting)));

        [Theory]
        [InlineData(1500L, 0x00, 1u, 1000u, 0x1B, "001.500 kW")]
        [InlineData(-1500L, 0x00, 1u, 1000u, 0x9B, "-1.500 kW")]
        [InlineData(-1L, 0x00, 1u, 1000u, 0x82, "0.00 kW")]
        [InlineData(300L, 0x01, 1u, 100u, 0x92, "3.00 m³/h")]
        [InlineData(0x001500L, 0x80, 1u, 1000u, 0x9B, "1.500 kW")]
        public void D_3_2_2_4_demand_display(long raw, byte unit, uint multiplier, uint divisor, byte formatting, string expected) =>
            Assert.Equal(expected, MeteringDisplay.FormatDemand(raw, (MeteringUnitOfMeasure)unit, multiplier, divisor, new MeteringFormatting(formatting)));

        [Fact]
        public void Demand_outside_48_bits_is_refused_and_scale_reports_bad_bcd_as_null()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => MeteringDisplay.FormatDemand(1L << 48, MeteringUnitOfMeasure.KilowattHours, 1, 1, default));
            Assert.Null(MeteringDisplay.Scale(0xA, MeteringUnitOfMeasure.KilowattHoursBcd, 1, 1));
            Assert.Equal(12.5m, MeteringDisplay.Scale(125, MeteringUnitOfMeasure.KilowattHours, 1, 10));
            Assert.True(MeteringDisplay.TryFromBcd(0x987654321098, 6, out ulong v));
            Assert.Equal(987654321098UL, v);
        }
    }
}
