using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Simulation.Medium;
using Zsep.Stack.Radio;
using Xunit;

namespace Zsep.Simulation.Tests.Medium
{
    /// <summary>Collisions and capture; unslotted CSMA-CA, IEEE 802.15.4-2006 7.5.1.4; energy detection scan, 7.5.2.1.1.</summary>
    public class ChannelAccessTests
    {
        private static readonly RadioTransmitOptions NoCsma = new RadioTransmitOptions { Csma = false };

        [Fact]
        public void HiddenNodes_OverlappingFramesOfSimilarStrength_BothLostAtTheReceiver()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, -100);
            SimulatedRadio b = h.Radio(2, 0);
            SimulatedRadio c = h.Radio(3, 100);
            Assert.False(h.Medium.Link(a, c).InRange); // a and c cannot hear each other; b hears both at -94 dBm

            // Longest frames, CSMA on: neither hears the other, and backoffs (at most 7 × 320 µs) are shorter than a frame.
            h.Send(a, MediumHarness.Data(1, 0xFFFF, 1, false, payloadLength: 110));
            h.Send(c, MediumHarness.Data(2, 0xFFFF, 3, false, payloadLength: 110));
            h.Run();
            Assert.Empty(h.Received[b]);
            Assert.Equal(2, b.Counters.Collisions);
            Assert.Equal(0, a.Counters.BusyCca + c.Counters.BusyCca);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Capture_AFrameTenDbStronger_Survives_WhicheverStartedFirst(bool strongFirst)
        {
            var h = new MediumHarness();
            SimulatedRadio near = h.Radio(1, -5);
            SimulatedRadio b = h.Radio(2, 0);
            SimulatedRadio far = h.Radio(3, 60);
            (SimulatedRadio first, SimulatedRadio second) = strongFirst ? (near, far) : (far, near);
            h.Send(first, MediumHarness.Data(first == near ? (byte)1 : (byte)2, 0xFFFF, 7, false, payloadLength: 50), NoCsma);
            h.Scheduler.RunFor(TimeSpan.FromMilliseconds(0.5));
            h.Send(second, MediumHarness.Data(second == near ? (byte)1 : (byte)2, 0xFFFF, 7, false, payloadLength: 50), NoCsma);
            h.Run();
            RadioFrame f = Assert.Single(h.Received[b]);
            Assert.Equal(1, f.Psdu[2]);
            Assert.Equal(1, b.Counters.Collisions);
        }

        [Fact]
        public void Capture_NineDbIsNotEnough_BothLost()
        {
            var h = new MediumHarness();
            SimulatedRadio x = h.Radio(1, -10);
            SimulatedRadio b = h.Radio(2, 0);
            SimulatedRadio y = h.Radio(3, 21.5); // 27·log10(2.15) = 8.98 dB weaker than x
            Assert.InRange(h.Medium.Link(x, b).RssiDbm - h.Medium.Link(y, b).RssiDbm, 8.9, 9.0);
            h.Send(x, MediumHarness.Data(1, 0xFFFF, 1, false, payloadLength: 50), NoCsma);
            h.Scheduler.RunFor(TimeSpan.FromMilliseconds(0.5));
            h.Send(y, MediumHarness.Data(2, 0xFFFF, 3, false, payloadLength: 50), NoCsma);
            h.Run();
            Assert.Empty(h.Received[b]);
            Assert.Equal(2, b.Counters.Collisions);
        }

        [Fact]
        public void Csma_DefersWhileTheChannelIsBusy_ThenSends()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            SimulatedRadio b = h.Radio(2, 10);
            SimulatedRadio c = h.Radio(3, 5, 5);
            h.Send(a, MediumHarness.Data(1, 0xFFFF, 1, false, payloadLength: 110), NoCsma); // 4.1 ms on air
            h.Scheduler.RunFor(TimeSpan.FromMilliseconds(0.5));
            MediumHarness.Result r = h.Send(b, MediumHarness.Data(2, 0xFFFF, 2, false));
            h.Run();
            Assert.Equal(RadioTransmitStatus.Success, r.Status);
            Assert.True(b.Counters.BusyCca >= 1);
            Assert.Equal(2, h.OnAir.Count);
            Assert.True(h.OnAir[1].Timestamp >= h.OnAir[0].Timestamp + h.OnAir[0].Airtime);
            Assert.Equal(new byte[] { 1, 2 }, h.Received[c].Select(f => f.Psdu[2]));
            Assert.Equal(0, c.Counters.Collisions);
        }

        [Theory]
        [InlineData(4)]
        [InlineData(2)]
        [InlineData(0)]
        public void Csma_UnderAJammer_FailsAfterMacMaxCsmaBackoffs(byte maxBackoffs)
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            h.Medium.SetChannelInterference(15, -60);
            MediumHarness.Result r = h.Send(a, MediumHarness.Data(1, 0xFFFF, 1, false), new RadioTransmitOptions { MaxCsmaBackoffs = maxBackoffs });
            h.Run();
            Assert.Equal(RadioTransmitStatus.ChannelAccessFailure, r.Status);
            Assert.Equal(maxBackoffs + 1, a.Counters.BusyCca);
            Assert.Equal(1, a.Counters.ChannelAccessFailures);
            Assert.Equal(0, a.Counters.FramesSent);
            Assert.Empty(h.OnAir);

            // Below the CCA threshold (-85 dBm) the same interference does not block the channel.
            h.Medium.SetChannelInterference(15, -90);
            MediumHarness.Result quiet = h.Send(a, MediumHarness.Data(2, 0xFFFF, 1, false));
            h.Run();
            Assert.Equal(RadioTransmitStatus.Success, quiet.Status);
        }

        [Fact]
        public void Csma_ARadioJammer_CausesChannelAccessFailure()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 10);
            // Two jammers sending back-to-back longest frames without CSMA for 60 ms, out of step so that their
            // turnaround gaps never meet: the channel is never idle at a CCA.
            foreach ((ushort id, double startMs) in new[] { ((ushort)8, 0.0), ((ushort)9, 2.0) })
            {
                SimulatedRadio jammer = h.Radio(id, 0, id);
                void Jam(RadioTransmitResult _)
                {
                    if (h.Scheduler.Now < Stack.Runtime.VirtualScheduler.DefaultEpoch + TimeSpan.FromMilliseconds(60))
                    {
                        jammer.Transmit(new byte[125], NoCsma, Jam);
                    }
                }

                h.Scheduler.Schedule(TimeSpan.FromMilliseconds(startMs), () => jammer.Transmit(new byte[125], NoCsma, Jam));
            }

            h.Scheduler.RunFor(TimeSpan.FromMilliseconds(3));
            MediumHarness.Result r = h.Send(a, MediumHarness.Data(1, 0xFFFF, 1, false));
            h.Run();
            Assert.Equal(RadioTransmitStatus.ChannelAccessFailure, r.Status);
            Assert.Equal(5, a.Counters.BusyCca);
        }

        [Fact]
        public void EnergyScan_ReportsNoiseFloor_Interference_AndFramesHeard_AfterTheScanDuration()
        {
            var h = new MediumHarness();
            SimulatedRadio scanner = h.Radio(1, 0);
            SimulatedRadio talker = h.Radio(2, 10, channel: 20);
            h.Medium.SetChannelInterference(25, -55);
            IReadOnlyList<ChannelEnergy>? result = null;
            DateTimeOffset start = h.Scheduler.Now;
            DateTimeOffset end = default;
            uint mask = (1u << 11) | (1u << 15) | (1u << 20) | (1u << 25);
            scanner.EnergyScan(mask, TimeSpan.FromMilliseconds(100), r =>
            {
                result = r;
                end = h.Scheduler.Now;
            });
            h.Scheduler.RunFor(TimeSpan.FromMilliseconds(230)); // the scanner is on channel 20 from 200 to 300 ms
            h.Send(talker, MediumHarness.Data(1, 0xFFFF, 2, false), NoCsma);
            h.Run();

            Assert.NotNull(result);
            Assert.Equal(new byte[] { 11, 15, 20, 25 }, result!.Select(e => e.Channel));
            Assert.Equal(new sbyte[] { -100, -100, -67, -55 }, result.Select(e => e.MaxRssi));
            Assert.Equal(start + TimeSpan.FromMilliseconds(400), end);
        }
    }
}
