using System;
using Zsep.Simulation.Medium;
using Zsep.Stack.Radio;
using Xunit;

namespace Zsep.Simulation.Tests.Medium
{
    public class PropagationTests
    {
        private static readonly Propagation Model = new Propagation(MediumOptions.Default);

        [Theory]
        [InlineData(1.0, 40.0)]
        [InlineData(0.2, 40.0)] // closer than d0 counts as d0
        [InlineData(10.0, 67.0)]
        [InlineData(100.0, 94.0)]
        [InlineData(1000.0, 121.0)]
        public void LogDistancePathLoss_PL0_40dB_n2_7(double metres, double expectedDb) =>
            Assert.Equal(expectedDb, Model.PathLossDb(metres), 9);

        [Theory]
        [InlineData(-100.0, 0)]
        [InlineData(-120.0, 0)]
        [InlineData(-40.0, 255)]
        [InlineData(-10.0, 255)]
        [InlineData(-70.0, 128)]
        [InlineData(-67.0, 140)]
        public void Lqi_LinearFromSensitivityToMinus40_Clamped(double rssi, int expected) =>
            Assert.Equal(expected, Model.Lqi(rssi));

        [Fact]
        public void SuccessProbability_LogisticHalfAt2dB_99PercentAt10dB_ZeroBelowSensitivity()
        {
            Assert.Equal(0.5, Model.SuccessProbability(2), 9);
            Assert.Equal(0.99, Model.SuccessProbability(10), 9);
            Assert.Equal(0.0, Model.SuccessProbability(-0.1));
            Assert.True(Model.SuccessProbability(6) is > 0.85 and < 0.95);
            Assert.True(Model.SuccessProbability(30) > 0.9999);
        }

        [Fact]
        public void Shadowing_OffByDefault_FixedAndSymmetricPerLink_SigmaAsConfigured()
        {
            Assert.Equal(0.0, Model.ShadowingDb(1, 2));
            var shadowed = new Propagation(new MediumOptions { ShadowingSigmaDb = 6, ShadowingSeed = 42 });
            Assert.Equal(shadowed.ShadowingDb(10, 20), shadowed.ShadowingDb(20, 10));
            Assert.Equal(shadowed.ShadowingDb(10, 20), new Propagation(new MediumOptions { ShadowingSigmaDb = 6, ShadowingSeed = 42 }).ShadowingDb(10, 20));
            Assert.NotEqual(shadowed.ShadowingDb(10, 20), new Propagation(new MediumOptions { ShadowingSigmaDb = 6, ShadowingSeed = 43 }).ShadowingDb(10, 20));

            double sum = 0, sumSq = 0;
            const int n = 4000;
            for (ulong i = 0; i < n; i++)
            {
                double s = shadowed.ShadowingDb(0x000D6F0000000000UL + i, 0x000D6F0000100000UL + (i * 7));
                sum += s;
                sumSq += s * s;
            }

            double mean = sum / n, sd = Math.Sqrt((sumSq / n) - (mean * mean));
            Assert.InRange(mean, -0.5, 0.5);
            Assert.InRange(sd, 5.5, 6.5);
        }

        [Fact]
        public void Airtime_SixOctetsOfPhyOverheadPlusPsdu_32usPerOctet()
        {
            Assert.Equal(TimeSpan.FromMilliseconds(0.576), PhyTiming.Airtime(12)); // 10-byte PSDU + FCS
            Assert.Equal(TimeSpan.FromMilliseconds(0.352), PhyTiming.Airtime(5)); // an ack
            Assert.Equal(TimeSpan.FromMilliseconds(4.256), PhyTiming.Airtime(127)); // the longest frame
            Assert.Equal(TimeSpan.FromMilliseconds(0.864), PhyTiming.AckWaitDuration);
            Assert.Equal(TimeSpan.FromMilliseconds(0.192), PhyTiming.Turnaround);
            Assert.Equal(TimeSpan.FromMilliseconds(0.320), PhyTiming.UnitBackoffPeriod);
        }

        [Fact]
        public void Link_Reports_RssiLqiAndSuccess_FromTxPowerAndPathLoss_WithSymmetricWalls()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            SimulatedRadio b = h.Radio(2, 10);
            LinkQuality ab = h.Medium.Link(a, b);
            Assert.Equal(67.0, ab.PathLossDb, 9);
            Assert.Equal(-67.0, ab.RssiDbm, 9);
            Assert.Equal(140, ab.Lqi);
            Assert.True(ab.SuccessProbability > 0.9999);

            a.Configure(a.Configuration with { TxPowerDbm = 8 });
            Assert.Equal(-59.0, h.Medium.Link(a, b).RssiDbm, 9);
            Assert.Equal(-67.0, h.Medium.Link(b, a).RssiDbm, 9);

            h.Medium.SetLinkAttenuation(b, a, 20);
            Assert.Equal(-79.0, h.Medium.Link(a, b).RssiDbm, 9);
            Assert.Equal(-87.0, h.Medium.Link(b, a).RssiDbm, 9);
            Assert.Equal(20.0, h.Medium.GetLinkAttenuation(a, b));

            h.Medium.SetLinkAttenuation(a, b, 0);
            b.ExtraAttenuationDb = 15; // a basement: every link of b
            Assert.Equal(-82.0, h.Medium.Link(b, a).RssiDbm, 9);

            b.Position = new Position(300, 0);
            LinkQuality far = h.Medium.Link(a, b);
            Assert.False(far.InRange);
            Assert.Equal(0, far.Lqi);
        }
    }
}
