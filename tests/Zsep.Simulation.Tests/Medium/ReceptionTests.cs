using System;
using System.Linq;
using Zsep.Simulation.Medium;
using Zsep.Stack.Mac;
using Zsep.Stack.Radio;
using Xunit;

namespace Zsep.Simulation.Tests.Medium
{
    /// <summary>Range, broadcast, IEEE 802.15.4-2006 7.5.6.2 third-level filtering, promiscuous mode, sleepy receivers.</summary>
    public class ReceptionTests
    {
        private static readonly RadioTransmitOptions NoCsma = new RadioTransmitOptions { Csma = false };

        [Fact]
        public void OutOfRange_FrameIsNotHeard_CountedBelowSensitivity()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            SimulatedRadio far = h.Radio(2, 300); // PL 106.9 dB: -106.9 dBm
            MediumHarness.Result r = h.Send(a, MediumHarness.Data(1, 0xFFFF, 1, ackRequest: false));
            h.Run();
            Assert.Equal(RadioTransmitStatus.Success, r.Status);
            Assert.Empty(h.Received[far]);
            Assert.Equal(1, far.Counters.DroppedBelowSensitivity);
        }

        [Fact]
        public void Broadcast_ReachesEveryoneInRange_NoOneOutOfRange_WithRssiLqiAndSfdTimestamp()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            SimulatedRadio[] near = { h.Radio(2, 10), h.Radio(3, 0, 30), h.Radio(4, -20, -20, -3) };
            SimulatedRadio[] far = { h.Radio(5, 400), h.Radio(6, 0, -250) };
            byte[] psdu = MediumHarness.Data(7, 0xFFFF, 1, ackRequest: false);
            h.Send(a, psdu, NoCsma);
            h.Run();

            FrameOnAir sent = Assert.Single(h.OnAir);
            Assert.Equal(psdu.Length + 2, sent.Psdu.Length);
            Assert.True(MacFcs.IsValid(sent.Psdu));
            Assert.Equal(Stack.Runtime.VirtualScheduler.DefaultEpoch + PhyTiming.Turnaround, sent.Timestamp);
            foreach (SimulatedRadio r in near)
            {
                RadioFrame f = Assert.Single(h.Received[r]);
                Assert.Equal(psdu, f.Psdu);
                Assert.Equal(15, f.Channel);
                LinkQuality link = h.Medium.Link(a, r);
                Assert.Equal((sbyte)Math.Round(link.RssiDbm), f.Rssi);
                Assert.Equal(link.Lqi, f.Lqi);
                Assert.Equal(sent.Timestamp, f.Timestamp);
            }

            Assert.All(far, r => Assert.Empty(h.Received[r]));
        }

        [Theory]
        [InlineData(2.0, 0.40, 0.60)]
        [InlineData(10.0, 0.97, 1.0)]
        [InlineData(0.5, 0.15, 0.35)]
        public void LossDraw_FollowsTheSuccessCurve_AtAGivenMargin(double marginDb, double min, double max)
        {
            var h = new MediumHarness(seed: 11);
            SimulatedRadio a = h.Radio(1, 0);
            // Place b where RSSI = sensitivity + margin: PL = 100 - margin = 40 + 27·log10(d).
            double d = Math.Pow(10, (60 - marginDb) / 27);
            SimulatedRadio b = h.Radio(2, d);
            Assert.Equal(-100 + marginDb, h.Medium.Link(a, b).RssiDbm, 6);
            const int n = 400;
            for (int i = 0; i < n; i++)
            {
                h.Send(a, MediumHarness.Data((byte)i, 0xFFFF, 1, false));
                h.Run(TimeSpan.FromMilliseconds(10));
            }

            double rate = h.Received[b].Count / (double)n;
            Assert.InRange(rate, min, max);
            Assert.Equal(n - h.Received[b].Count, b.Counters.DroppedByLoss);
        }

        [Fact]
        public void OtherChannel_IsNotHeard()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            SimulatedRadio b = h.Radio(2, 5, channel: 20);
            h.Send(a, MediumHarness.Data(1, 0xFFFF, 1, false));
            h.Run();
            Assert.Empty(h.Received[b]);
            b.Configure(b.Configuration with { Channel = 15 });
            h.Send(a, MediumHarness.Data(2, 0xFFFF, 1, false));
            h.Run();
            Assert.Single(h.Received[b]);
        }

        [Fact]
        public void Filter_7_5_6_2_DestinationPanAndAddress()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            SimulatedRadio b = h.Radio(2, 5);
            var otherPan = new Stack.Types.PanId(0x2222);
            byte[][] rejected =
            {
                MediumHarness.Data(1, 0x0003, 1, false), // someone else's short address
                MediumHarness.Data(2, 0x0002, 1, false, pan: otherPan), // right address, wrong PAN
                MediumHarness.Data(3, MacAddress.FromExtended(MediumHarness.Ieee(3)), MacAddress.FromShort(1), false), // someone else's EUI-64
                MediumHarness.Data(4, MacAddress.None, MacAddress.FromShort(1), false), // no destination, b is not PAN coordinator
            };
            byte[][] accepted =
            {
                MediumHarness.Data(5, 0x0002, 1, false),
                MediumHarness.Data(6, 0xFFFF, 1, false),
                MediumHarness.Data(7, 0xFFFF, 1, false, pan: Stack.Types.PanId.Broadcast),
                MediumHarness.Data(8, MacAddress.FromExtended(b.ExtendedAddress), MacAddress.FromShort(1), false),
            };
            foreach (byte[] f in rejected.Concat(accepted))
            {
                h.Send(a, f);
                h.Run(TimeSpan.FromMilliseconds(20));
            }

            Assert.Equal(new byte[] { 5, 6, 7, 8 }, h.Received[b].Select(f => f.Psdu[2]));
            Assert.Equal(4, b.Counters.DroppedByFilter);

            // A PAN coordinator takes a frame with only a source address in its own PAN (7.5.6.2, third-level filtering).
            b.Configure(b.Configuration with { PanCoordinator = true });
            h.Send(a, MediumHarness.Data(9, MacAddress.None, MacAddress.FromShort(1), false));
            h.Send(a, MediumHarness.Data(10, MacAddress.None, MacAddress.FromShort(1), false, pan: otherPan));
            h.Run();
            Assert.Equal(new byte[] { 5, 6, 7, 8, 9 }, h.Received[b].Select(f => f.Psdu[2]));
        }

        [Fact]
        public void Filter_Beacon_PassesWhenScanningWithPan0xFFFF_OrFromOwnPan()
        {
            var h = new MediumHarness();
            SimulatedRadio coordinator = h.Radio(0, 0, panCoordinator: true);
            SimulatedRadio scanner = h.Radio(0xFFFF, 5, pan: Stack.Types.PanId.Broadcast);
            SimulatedRadio member = h.Radio(2, 0, 5);
            SimulatedRadio stranger = h.Radio(3, 5, 5, pan: new Stack.Types.PanId(0x3333));
            byte[] beacon = MacFrame.CreateBeacon(1, MediumHarness.Pan, MacAddress.FromShort(0), new MacBeacon()).ToArray();
            h.Send(coordinator, beacon);
            h.Run();
            Assert.Single(h.Received[scanner]);
            Assert.Single(h.Received[member]);
            Assert.Empty(h.Received[stranger]);
        }

        [Fact]
        public void Promiscuous_ReceivesEverything_IncludingOtherPansAndAcks()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            SimulatedRadio b = h.Radio(2, 5);
            SimulatedRadio sniffer = h.Radio(0x7777, 0, 5, promiscuous: true, pan: new Stack.Types.PanId(0x0001));
            h.Send(a, MediumHarness.Data(1, 0x0002, 1, ackRequest: true));
            h.Send(a, MediumHarness.Data(2, 0x0009, 1, ackRequest: false, pan: new Stack.Types.PanId(0x4444)));
            h.Run();
            Assert.Equal(3, h.Received[sniffer].Count);
            Assert.Equal(MacFrameType.Acknowledgment, (MacFrameType)(h.Received[sniffer][1].Psdu[0] & 7));
            Assert.Equal(0, sniffer.Counters.AcksSent);
            Assert.Single(h.Received[b]);
        }

        [Fact]
        public void SleepyReceiver_HearsNothingWhenIdle_ButListensAfterItsOwnTransmission()
        {
            var options = new MediumOptions { Name = "sleepy", SleepyReceiveWindow = TimeSpan.FromMilliseconds(5) };
            var h = new MediumHarness(options: options);
            SimulatedRadio parent = h.Radio(1, 0);
            SimulatedRadio sed = h.Radio(0x0042, 5, rxOnWhenIdle: false);
            h.Send(parent, MediumHarness.Data(1, 0xFFFF, 1, false));
            h.Run(TimeSpan.FromMilliseconds(50));
            Assert.Empty(h.Received[sed]);

            // The end device sends; the parent answers at once (inside the window), then again 20 ms later (outside).
            h.Send(sed, MediumHarness.Data(2, 0x0001, 0x0042, ackRequest: true));
            h.Scheduler.RunUntil(() => sed.PendingTransmissions == 0, TimeSpan.FromSeconds(1));
            h.Send(parent, MediumHarness.Data(3, 0x0042, 1, ackRequest: false), NoCsma);
            h.Run(TimeSpan.FromMilliseconds(20));
            h.Send(parent, MediumHarness.Data(4, 0x0042, 1, ackRequest: false), NoCsma);
            h.Run(TimeSpan.FromMilliseconds(20));
            Assert.Equal(new byte[] { 3 }, h.Received[sed].Select(f => f.Psdu[2]));
        }

        [Fact]
        public void MovingARadio_AndWalls_ChangeWhatItHears()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            SimulatedRadio b = h.Radio(2, 500);
            h.Send(a, MediumHarness.Data(1, 0xFFFF, 1, false));
            h.Run();
            Assert.Empty(h.Received[b]);

            b.Position = new Position(10, 0);
            h.Send(a, MediumHarness.Data(2, 0xFFFF, 1, false));
            h.Run();
            Assert.Single(h.Received[b]);

            h.Medium.SetLinkAttenuation(a, b, 50); // -117 dBm
            h.Send(a, MediumHarness.Data(3, 0xFFFF, 1, false));
            h.Run();
            Assert.Single(h.Received[b]);

            h.Medium.RemoveRadio(b);
            Assert.Null(h.Medium.FindRadio(b.ExtendedAddress));
            Assert.True(b.Offline);
        }
    }
}
