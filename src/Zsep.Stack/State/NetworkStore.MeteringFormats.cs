using System;
using System.Collections.Generic;
using Zsep.Stack.Types;

namespace Zsep.Stack.State
{
    /// <summary>
    /// A meter's Metering formatting attributes (SE 1.4 07-5356-21 D.3.2.2.4) as the store keeps them: a null field is
    /// one the meter did not give.
    /// </summary>
    public sealed record MeteringFormatRecord
    {
        public Eui64 Ieee { get; init; }

        /// <summary>The endpoint whose Metering server answered.</summary>
        public byte Endpoint { get; init; }

        /// <summary>UnitOfMeasure (0x0300, enum8).</summary>
        public byte UnitOfMeasure { get; init; }

        /// <summary>Multiplier (0x0301, uint24).</summary>
        public uint? Multiplier { get; init; }

        /// <summary>Divisor (0x0302, uint24).</summary>
        public uint? Divisor { get; init; }

        /// <summary>SummationFormatting (0x0303, bitmap8).</summary>
        public byte? SummationFormatting { get; init; }

        /// <summary>DemandFormatting (0x0304, bitmap8).</summary>
        public byte? DemandFormatting { get; init; }

        /// <summary>MeteringDeviceType (0x0306, bitmap8).</summary>
        public byte? MeteringDeviceType { get; init; }

        /// <summary>When the gateway read them (network time).</summary>
        public DateTimeOffset ReadAt { get; init; }
    }

    /// <summary>The meters' formatting attributes (node_metering_formats, schema version 6).</summary>
    public sealed partial class NetworkStore
    {
        private const string MeteringFormatColumns = "ieee, endpoint, unit_of_measure, multiplier, divisor, summation_formatting, demand_formatting, metering_device_type, read_at";

        /// <summary>Adds or replaces a meter's formatting.</summary>
        public void SaveMeteringFormat(MeteringFormatRecord format)
        {
            if (format is null)
            {
                throw new ArgumentNullException(nameof(format));
            }

            Write((c, tx) => NonQuery(c, tx,
                $"INSERT OR REPLACE INTO node_metering_formats ({MeteringFormatColumns}) VALUES ($i, $e, $u, $m, $d, $s, $f, $t, $r)",
                ("$i", Db(format.Ieee)), ("$e", (long)format.Endpoint), ("$u", (long)format.UnitOfMeasure), ("$m", (long?)format.Multiplier),
                ("$d", (long?)format.Divisor), ("$s", (long?)format.SummationFormatting), ("$f", (long?)format.DemandFormatting),
                ("$t", (long?)format.MeteringDeviceType), ("$r", Db(format.ReadAt))));
        }

        /// <summary>Every meter's stored formatting, by IEEE address.</summary>
        public IReadOnlyList<MeteringFormatRecord> GetMeteringFormats() =>
            Read(c => Query(c, null, r => new MeteringFormatRecord
            {
                Ieee = Ieee(r, 0),
                Endpoint = (byte)r.GetInt64(1),
                UnitOfMeasure = (byte)r.GetInt64(2),
                Multiplier = r.IsDBNull(3) ? null : (uint)r.GetInt64(3),
                Divisor = r.IsDBNull(4) ? null : (uint)r.GetInt64(4),
                SummationFormatting = r.IsDBNull(5) ? null : (byte)r.GetInt64(5),
                DemandFormatting = r.IsDBNull(6) ? null : (byte)r.GetInt64(6),
                MeteringDeviceType = r.IsDBNull(7) ? null : (byte)r.GetInt64(7),
                ReadAt = Time(r, 8),
            }, $"SELECT {MeteringFormatColumns} FROM node_metering_formats ORDER BY ieee"));

        /// <summary>Forgets a meter's formatting (the node was removed, or its formatting is to be read again).</summary>
        public bool RemoveMeteringFormat(Eui64 ieee) =>
            Write((c, tx) => NonQuery(c, tx, "DELETE FROM node_metering_formats WHERE ieee = $i", ("$i", Db(ieee))) > 0);
    }
}
