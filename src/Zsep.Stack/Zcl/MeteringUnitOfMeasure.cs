using System.Globalization;

namespace Zsep.Stack.Zcl
{
    /// <summary>
    /// Metering UnitOfMeasure attribute values, SE 1.4 (07-5356-19) D.3.2.2.4.1 Table D-25. Values 0x80 and up are the
    /// same units with the summation/demand in binary-coded decimal.
    /// </summary>
    public enum MeteringUnitOfMeasure : byte
    {
        /// <summary>kWh (kilowatt-hours) and kW (kilowatts).</summary>
        KilowattHours = 0x00,

        /// <summary>m³ (cubic meters) and m³/h.</summary>
        CubicMeters = 0x01,

        /// <summary>ft³ (cubic feet) and ft³/h.</summary>
        CubicFeet = 0x02,

        /// <summary>ccf (hundred cubic feet) and ccf/h.</summary>
        HundredCubicFeet = 0x03,

        /// <summary>US gallons and US gl/h.</summary>
        UsGallons = 0x04,

        /// <summary>Imperial gallons and IMP gl/h.</summary>
        ImperialGallons = 0x05,

        /// <summary>BTUs and BTU/h.</summary>
        Btus = 0x06,

        /// <summary>Liters and l/h.</summary>
        Liters = 0x07,

        /// <summary>kPa (gauge).</summary>
        KilopascalsGauge = 0x08,

        /// <summary>kPa (absolute).</summary>
        KilopascalsAbsolute = 0x09,

        /// <summary>mcf (thousand cubic feet) and mcf/h.</summary>
        ThousandCubicFeet = 0x0A,

        /// <summary>Unitless.</summary>
        Unitless = 0x0B,

        /// <summary>MJ (megajoules) and MJ/s.</summary>
        Megajoules = 0x0C,

        /// <summary>kVArh and kVAr (reactive).</summary>
        KilovarHours = 0x0D,

        KilowattHoursBcd = 0x80,
        CubicMetersBcd = 0x81,
        CubicFeetBcd = 0x82,
        HundredCubicFeetBcd = 0x83,
        UsGallonsBcd = 0x84,
        ImperialGallonsBcd = 0x85,
        BtusBcd = 0x86,
        LitersBcd = 0x87,
        KilopascalsGaugeBcd = 0x88,
        KilopascalsAbsoluteBcd = 0x89,
        ThousandCubicFeetBcd = 0x8A,
        UnitlessBcd = 0x8B,
        MegajoulesBcd = 0x8C,
        KilovarHoursBcd = 0x8D,
    }

    /// <summary>Display text of <see cref="MeteringUnitOfMeasure"/> (SE 1.4 D.3.2.2.4.1), for summation and for demand.</summary>
    public static class MeteringUnits
    {
        private static readonly string[] Summation = { "kWh", "m³", "ft³", "ccf", "US gl", "IMP gl", "BTU", "l", "kPa (gauge)", "kPa (absolute)", "mcf", "", "MJ", "kVArh" };
        private static readonly string[] Demand = { "kW", "m³/h", "ft³/h", "ccf/h", "US gl/h", "IMP gl/h", "BTU/h", "l/h", "kPa (gauge)", "kPa (absolute)", "mcf/h", "", "MJ/s", "kVAr" };

        public static bool IsBcd(MeteringUnitOfMeasure unit) => ((byte)unit & 0x80) != 0;

        /// <summary>Unit of a summation ("kWh"), or "unit 0xNN" for a reserved value.</summary>
        public static string SummationUnit(MeteringUnitOfMeasure unit) => Text(Summation, unit);

        /// <summary>Unit of a demand ("kW").</summary>
        public static string DemandUnit(MeteringUnitOfMeasure unit) => Text(Demand, unit);

        private static string Text(string[] table, MeteringUnitOfMeasure unit)
        {
            int i = (byte)unit & 0x7F;
            return i < table.Length ? table[i] : "unit 0x" + ((byte)unit).ToString("X2", CultureInfo.InvariantCulture);
        }
    }
}
