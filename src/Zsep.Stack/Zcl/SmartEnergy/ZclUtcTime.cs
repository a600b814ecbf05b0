using System;
using System.Globalization;

namespace Zsep.Stack.Zcl.SmartEnergy
{
    /// <summary>
    /// A ZCL UTCTime (ZCL rev 7 2.6.2.20, type 0xE2) as Smart Energy commands carry it: seconds since 2000-01-01
    /// 00:00:00 UTC, little-endian uint32. In SE start-time fields 0x00000000 means "now" (SE 1.4 07-5356-19 D.2.2.3.1,
    /// D.4.2.3.1, D.5.2.3.1) and 0xFFFFFFFF is the invalid value (in Publish Block Period: "cancel").
    /// </summary>
    public readonly record struct ZclUtcTime(uint Seconds) : IComparable<ZclUtcTime>
    {
        /// <summary>0x00000000: "now" in start-time fields.</summary>
        public static ZclUtcTime Now => default;

        /// <summary>0xFFFFFFFF: the invalid value.</summary>
        public static ZclUtcTime Invalid => new ZclUtcTime(uint.MaxValue);

        public bool IsNow => Seconds == 0;

        public bool IsInvalid => Seconds == uint.MaxValue;

        /// <summary>The time as a UTC DateTime (2000-01-01 for "now"); null for the invalid value.</summary>
        public DateTime? ToDateTime() => IsInvalid ? null : ZclValue.UtcEpoch.AddSeconds(Seconds);

        /// <summary>From a DateTime (local times are converted to UTC), truncated to whole seconds.</summary>
        /// <exception cref="ArgumentOutOfRangeException">Before 2000-01-01 or at/after 2136-02-07 06:28:15 UTC.</exception>
        public static ZclUtcTime FromDateTime(DateTime time)
        {
            DateTime utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
            long seconds = (utc.Ticks - ZclValue.UtcEpoch.Ticks) / TimeSpan.TicksPerSecond;
            if (utc < ZclValue.UtcEpoch || seconds >= uint.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(time), time, "A ZCL UTCTime lies between 2000-01-01 and 2136-02-07 (UTC).");
            }

            return new ZclUtcTime((uint)seconds);
        }

        public static implicit operator ZclUtcTime(DateTime time) => FromDateTime(time);

        public int CompareTo(ZclUtcTime other) => Seconds.CompareTo(other.Seconds);

        /// <summary>"now", "invalid", or "2026-01-01T12:00:00Z".</summary>
        public override string ToString() =>
            IsNow ? "now" : IsInvalid ? "invalid" : ZclValue.UtcEpoch.AddSeconds(Seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
