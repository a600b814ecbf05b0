using System;

namespace Zsep.Simulation.Medium
{
    /// <summary>
    /// The medium's radio model: log-distance path loss with optional shadowing, RSSI to LQI, and the chance that a
    /// frame arrives given its margin above sensitivity. Pure functions of <see cref="MediumOptions"/>.
    /// </summary>
    public sealed class Propagation
    {
        private readonly MediumOptions _options;
        private readonly double _logisticSlope;
        private readonly double _lqiScale;

        public Propagation(MediumOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            double spread = options.NearLosslessMarginDb - options.HalfLossMarginDb;
            if (!(spread > 0))
            {
                throw new ArgumentException("NearLosslessMarginDb must be above HalfLossMarginDb.", nameof(options));
            }

            // p(m) = 1 / (1 + e^(-k (m - m50))); p(m99) = 0.99 gives k = ln(99) / (m99 - m50).
            _logisticSlope = Math.Log(99.0) / spread;
            double lqiSpan = options.LqiSaturationDbm - options.SensitivityDbm;
            _lqiScale = lqiSpan > 0 ? 255.0 / lqiSpan : 0;
        }

        public MediumOptions Options => _options;

        /// <summary>Log-distance path loss PL(d) = PL(d0) + 10·n·log10(d / d0) in dB; d below d0 counts as d0.</summary>
        public double PathLossDb(double distanceMetres)
        {
            double d0 = _options.ReferenceDistanceMetres;
            double d = distanceMetres < d0 ? d0 : distanceMetres;
            return _options.ReferenceLossDb + (10.0 * _options.PathLossExponent * Math.Log10(d / d0));
        }

        /// <summary>
        /// Chance that a frame received <paramref name="marginDb"/> above sensitivity is decoded: a logistic curve,
        /// 50 % at <see cref="MediumOptions.HalfLossMarginDb"/> (2 dB) and 99 % at
        /// <see cref="MediumOptions.NearLosslessMarginDb"/> (10 dB); 0 below sensitivity. It is a stand-in for the
        /// packet-reception-rate curves measured on CC2420 links (a sharp "transitional region" a few dB wide), and
        /// does not depend on the frame length.
        /// </summary>
        public double SuccessProbability(double marginDb)
        {
            if (marginDb < 0)
            {
                return 0;
            }

            return 1.0 / (1.0 + Math.Exp(-_logisticSlope * (marginDb - _options.HalfLossMarginDb)));
        }

        /// <summary>LQI 0-255: linear from sensitivity (0) to <see cref="MediumOptions.LqiSaturationDbm"/> (255), clamped.</summary>
        public byte Lqi(double rssiDbm)
        {
            double v = (rssiDbm - _options.SensitivityDbm) * _lqiScale;
            return v <= 0 ? (byte)0 : v >= 255 ? (byte)255 : (byte)Math.Round(v);
        }

        /// <summary>
        /// The log-normal shadowing of the link between two EUI-64s in dB: a normal draw with standard deviation
        /// <see cref="MediumOptions.ShadowingSigmaDb"/> from a hash of the seed and the two addresses (symmetric, fixed).
        /// </summary>
        public double ShadowingDb(ulong a, ulong b)
        {
            double sigma = _options.ShadowingSigmaDb;
            if (sigma == 0)
            {
                return 0;
            }

            ulong lo = a < b ? a : b, hi = a < b ? b : a;
            ulong state = ((ulong)(uint)_options.ShadowingSeed * 0x9E3779B97F4A7C15UL) ^ lo ^ ((hi << 31) | (hi >> 33));
            double u1 = ToUnit(SplitMix64(ref state));
            double u2 = ToUnit(SplitMix64(ref state));
            double z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            return sigma * z;
        }

        /// <summary>An RSSI in dBm as a radio reports it: rounded and clamped to a signed byte.</summary>
        public static sbyte ToReportedRssi(double dbm)
        {
            double r = Math.Round(dbm);
            return r <= sbyte.MinValue ? sbyte.MinValue : r >= sbyte.MaxValue ? sbyte.MaxValue : (sbyte)r;
        }

        private static double ToUnit(ulong x) => ((x >> 11) + 0.5) / (1UL << 53); // (0, 1): never 0, so Log is finite

        private static ulong SplitMix64(ref ulong state)
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
