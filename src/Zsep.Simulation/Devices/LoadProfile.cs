using System;
using System.Collections.Generic;
using System.Linq;

namespace Zsep.Simulation.Devices
{
    /// <summary>
    /// A daily load curve: the average demand in kW for each hour of the day (UTC), constant within the hour. A
    /// simulated meter's instantaneous demand follows it and its summation is its integral, exactly.
    /// </summary>
    public sealed class LoadProfile
    {
        /// <summary>A household curve (kW by hour): low at night, a morning peak, an evening peak.</summary>
        public static readonly LoadProfile Household = new LoadProfile(new[]
        {
            0.30, 0.25, 0.25, 0.25, 0.30, 0.50, 1.20, 1.50, 1.00, 0.80, 0.70, 0.70,
            0.80, 0.70, 0.60, 0.70, 1.00, 1.80, 2.20, 2.00, 1.50, 1.00, 0.60, 0.40,
        });

        private readonly double[] _hourlyKw;

        public LoadProfile(IReadOnlyList<double> hourlyKilowatts)
        {
            if (hourlyKilowatts is null || hourlyKilowatts.Count != 24)
            {
                throw new ArgumentException("A daily load profile has 24 hourly values (kW).", nameof(hourlyKilowatts));
            }

            if (hourlyKilowatts.Any(v => v < 0 || double.IsNaN(v) || v > 10000))
            {
                throw new ArgumentOutOfRangeException(nameof(hourlyKilowatts), "Hourly demand is 0 to 10000 kW.");
            }

            _hourlyKw = hourlyKilowatts.ToArray();
        }

        public IReadOnlyList<double> HourlyKilowatts => _hourlyKw;

        /// <summary>The same curve times <paramref name="factor"/>.</summary>
        public LoadProfile Scale(double factor) => new LoadProfile(_hourlyKw.Select(v => v * factor).ToArray());

        /// <summary>The demand in kW at <paramref name="time"/>.</summary>
        public double DemandAt(DateTimeOffset time) => _hourlyKw[time.UtcDateTime.Hour];

        /// <summary>The energy in kWh drawn from <paramref name="from"/> to <paramref name="to"/>: the integral of the curve.</summary>
        public double EnergyBetween(DateTimeOffset from, DateTimeOffset to)
        {
            if (to <= from)
            {
                return 0;
            }

            double kwh = 0;
            DateTime t = from.UtcDateTime;
            DateTime end = to.UtcDateTime;
            while (t < end)
            {
                DateTime nextHour = new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc).AddHours(1);
                DateTime stop = nextHour < end ? nextHour : end;
                kwh += _hourlyKw[t.Hour] * (stop - t).TotalHours;
                t = stop;
            }

            return kwh;
        }
    }
}
