using System;
using System.Collections.Generic;
using Zsep.Simulation.Medium;
using Zsep.Stack.Radio;
using Xunit;

namespace Zsep.Simulation.Tests.Medium
{
    /// <summary>
    /// The medium's per-sender fan-out (receivers at or above sensitivity, the fringe below it): it follows the radios'
    /// state (offline, channel, sleepy windows, sending, scanning) and is rebuilt when a radio moves, a link's
    /// attenuation or the sender's power changes. Debug builds also check the cached receive state at every frame.
    /// </summary>
    public class FanoutTests
    {
        private static readonly RadioTransmitOptions NoCsma = new RadioTransmitOptions { Csma = false };

        [Fact]
        public void Fringe_CountsOnlyWhileListeningOnTheChannel()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            SimulatedRadio far = h.Radio(2, 300); // -106.9 dBm: in the fringe (down to -110)
            byte seq = 0;
            void Broadcast()
            {
                h.Send(a, MediumHarness.Data(++seq, 0xFFFF, 1, ackRequest: false), NoCsma);
                h.Run();
            }

            Broadcast();
            Assert.Equal(1, far.Counters.DroppedBelowSensitivity);
            far.Offline = true;
            Broadcast();
            Assert.Equal(1, far.Counters.DroppedBelowSensitivity);
            far.Offline = false;
            Broadcast();
            Assert.Equal(2, far.Counters.DroppedBelowSensitivity);
            far.Configure(new RadioConfiguration { Channel = 20, PanId = MediumHarness.Pan, ShortAddress = 2 });
            Broadcast();
            Assert.Equal(2, far.Counters.DroppedBelowSensitivity);
            far.Configure(new RadioConfiguration { Channel = 15, PanId = MediumHarness.Pan, ShortAddress = 2, RxOnWhenIdle = false });
            Broadcast();
            Assert.Equal(2, far.Counters.DroppedBelowSensitivity); // asleep
            Assert.Empty(h.Received[far]);
            Assert.Equal(0, a.Counters.DroppedBelowSensitivity);
        }

        [Fact]
        public void Fringe_SleepyReceiverInItsWindow_Counts()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            SimulatedRadio far = h.Radio(2, 300, rxOnWhenIdle: false);
            h.Send(far, MediumHarness.Data(1, 0xFFFF, 2, ackRequest: false), NoCsma);
            h.Scheduler.RunFor(PhyTiming.Turnaround + PhyTiming.Airtime(MediumHarness.Data(1, 0xFFFF, 2, false).Length + 2) + TimeSpan.FromMilliseconds(1));
            h.Send(a, MediumHarness.Data(2, 0xFFFF, 1, ackRequest: false), NoCsma); // on the air 192 us later, inside the 5 ms window
            h.Run();
            Assert.Equal(1, far.Counters.DroppedBelowSensitivity);
        }

        [Fact]
        public void Moving_Attenuating_OrPoweringUp_RebuildsTheSplit()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            SimulatedRadio b = h.Radio(2, 300);
            byte seq = 0;
            void Broadcast()
            {
                h.Send(a, MediumHarness.Data(++seq, 0xFFFF, 1, ackRequest: false), NoCsma);
                h.Run();
            }

            Broadcast();
            Assert.Empty(h.Received[b]);
            b.Position = new Position(50, 0); // -85.9 dBm
            Broadcast();
            Assert.Single(h.Received[b]);
            h.Medium.SetLinkAttenuation(a, b, 20); // -105.9 dBm: back in the fringe
            Broadcast();
            Assert.Single(h.Received[b]);
            Assert.Equal(2, b.Counters.DroppedBelowSensitivity);
            a.Configure(new RadioConfiguration { Channel = 15, PanId = MediumHarness.Pan, ShortAddress = 1, TxPowerDbm = 8 }); // -97.9 dBm
            Broadcast();
            Assert.Equal(2, b.Counters.DroppedBelowSensitivity);
            Assert.Equal(LinkRssi(h, a, b), Assert.Single(h.Received[b], f => f.Psdu[2] == seq).Rssi);
            SimulatedRadio c = h.Radio(3, 400); // -102.3 dBm at 8 dBm; created after a's split was built: a's next frame counts at c
            Broadcast();
            Assert.Equal(1, c.Counters.DroppedBelowSensitivity);
            c.Dispose();
            Broadcast();
            Assert.Equal(1, c.Counters.DroppedBelowSensitivity);
        }

        [Fact]
        public void Fringe_FrameRaisesAScannersEnergy_BelowTheNoiseFloor()
        {
            var h = new MediumHarness(options: new MediumOptions { NoiseFloorDbm = -120 });
            SimulatedRadio talker = h.Radio(1, 0);
            SimulatedRadio scanner = h.Radio(2, 300); // -106.9 dBm
            IReadOnlyList<ChannelEnergy>? result = null;
            scanner.EnergyScan(1u << 15, TimeSpan.FromMilliseconds(100), r => result = r);
            h.Scheduler.RunFor(TimeSpan.FromMilliseconds(30));
            h.Send(talker, MediumHarness.Data(1, 0xFFFF, 1, false), NoCsma);
            h.Run();
            ChannelEnergy e = Assert.Single(result!);
            Assert.Equal(LinkRssi(h, talker, scanner), e.MaxRssi);
            Assert.Equal(-107, e.MaxRssi);
            Assert.Equal(0, scanner.Counters.DroppedBelowSensitivity);
        }

        private static sbyte LinkRssi(MediumHarness h, SimulatedRadio from, SimulatedRadio to) =>
            Propagation.ToReportedRssi(h.Medium.Link(from, to).RssiDbm);
    }
}
