using System;
using System.Linq;
using Zsep.Simulation.Medium;
using Zsep.Stack.Mac;
using Zsep.Stack.Radio;
using Xunit;

namespace Zsep.Simulation.Tests.Medium
{
    /// <summary>Acknowledgements and retransmissions, IEEE 802.15.4-2006 7.5.6.4; frame pending, 7.2.1.1.3 and 7.5.6.3.</summary>
    public class AckTests
    {
        [Fact]
        public void AckedUnicast_PerfectLink_DeliversExactlyOnce_SuccessWithoutRetries()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            SimulatedRadio b = h.Radio(2, 5);
            MediumHarness.Result r = h.Send(a, MediumHarness.Data(9, 0x0002, 1, ackRequest: true));
            h.Run();
            Assert.Equal(new RadioTransmitResult(RadioTransmitStatus.Success, false, 0), r.Value);
            Assert.Single(h.Received[b]);
            Assert.Equal(1, b.Counters.AcksSent);
            Assert.Equal(1, a.Counters.AcksReceived);
            Assert.Equal(1, a.Counters.FramesSent);

            // On the air: the frame, then the ack after aTurnaroundTime, with the same sequence number.
            Assert.Equal(2, h.OnAir.Count);
            FrameOnAir frame = h.OnAir[0], ack = h.OnAir[1];
            Assert.True(ack.IsAck);
            Assert.Equal(new byte[] { 0x02, 0x00, 9 }, ack.Psdu.Take(3));
            Assert.True(MacFcs.IsValid(ack.Psdu));
            Assert.Equal(frame.Timestamp + frame.Airtime + PhyTiming.Turnaround, ack.Timestamp);
            Assert.Equal(ack.Timestamp + ack.Airtime, r.At);
        }

        [Fact]
        public void ImmediateReplyFromTheReceivingStack_FollowsItsOwnAck()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            SimulatedRadio b = h.Radio(2, 5);
            MediumHarness.Result? reply = null;
            b.FrameReceived += _ => reply ??= h.Send(b, MediumHarness.Data(50, 0x0001, 2, ackRequest: true), new RadioTransmitOptions { Csma = false });
            MediumHarness.Result r = h.Send(a, MediumHarness.Data(9, 0x0002, 1, ackRequest: true));
            h.Run();
            Assert.Equal(RadioTransmitStatus.Success, r.Status);
            Assert.Equal(RadioTransmitStatus.Success, reply!.Status);
            Assert.Equal(4, h.OnAir.Count); // frame, b's ack, b's reply, a's ack
            Assert.True(h.OnAir[1].IsAck && !h.OnAir[2].IsAck);
            Assert.Equal(h.OnAir[1].Timestamp + h.OnAir[1].Airtime + PhyTiming.Turnaround, h.OnAir[2].Timestamp);
            Assert.Single(h.Received[a]);
        }

        [Fact]
        public void ReceiverOffline_RetriesMacMaxFrameRetries_ThenNoAck()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            SimulatedRadio b = h.Radio(2, 5);
            b.Offline = true;
            MediumHarness.Result r = h.Send(a, MediumHarness.Data(1, 0x0002, 1, ackRequest: true));
            h.Run();
            Assert.Equal(new RadioTransmitResult(RadioTransmitStatus.NoAck, false, 3), r.Value);
            Assert.Equal(4, a.Counters.FramesSent);
            Assert.Equal(3, a.Counters.Retries);
            Assert.Equal(1, a.Counters.NoAck);
            Assert.Empty(h.Received[b]);

            var once = new RadioTransmitOptions { MaxFrameRetries = 0 };
            MediumHarness.Result r2 = h.Send(a, MediumHarness.Data(2, 0x0002, 1, ackRequest: true), once);
            h.Run();
            Assert.Equal(RadioTransmitStatus.NoAck, r2.Status);
            Assert.Equal(5, a.Counters.FramesSent);
        }

        [Fact]
        public void ReceiverTooFar_NoAck()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            SimulatedRadio b = h.Radio(2, 300); // -106.9 dBm
            MediumHarness.Result r = h.Send(a, MediumHarness.Data(1, 0x0002, 1, ackRequest: true));
            h.Run();
            Assert.Equal(RadioTransmitStatus.NoAck, r.Status);
            Assert.Equal(4, b.Counters.DroppedBelowSensitivity);
        }

        [Fact]
        public void AckLost_SenderRetries_ReceiverGetsEveryCopy()
        {
            // Asymmetric link: a shouts (+20 dBm), b whispers (-40 dBm): every frame arrives, no ack does.
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0, txPower: 20);
            SimulatedRadio b = h.Radio(2, 50, txPower: -40);
            MediumHarness.Result r = h.Send(a, MediumHarness.Data(5, 0x0002, 1, ackRequest: true));
            h.Run();
            Assert.Equal(RadioTransmitStatus.NoAck, r.Status);
            Assert.Equal(4, h.Received[b].Count);
            Assert.All(h.Received[b], f => Assert.Equal(5, f.Psdu[2]));
            Assert.Equal(4, b.Counters.AcksSent);
            Assert.Equal(0, a.Counters.AcksReceived);
        }

        [Fact]
        public void BroadcastAndOtherAddresses_AreNotAcked()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            SimulatedRadio b = h.Radio(2, 5);
            h.Send(a, MediumHarness.Data(1, 0xFFFF, 1, ackRequest: false));
            h.Send(a, MediumHarness.Data(2, 0x0003, 1, ackRequest: true));
            h.Run();
            Assert.Equal(0, b.Counters.AcksSent);
        }

        [Fact]
        public void FramePending_FromSourceMatchTable_ReachesTheSender_ForDataRequestsOnly()
        {
            var h = new MediumHarness();
            SimulatedRadio parent = h.Radio(0, 0, panCoordinator: true);
            SimulatedRadio child = h.Radio(0x0042, 8, rxOnWhenIdle: false);
            MediumHarness.Result before = h.Send(child, MediumHarness.DataRequest(1, 0x0000, child.ExtendedAddress));
            h.Run();
            Assert.Equal(new RadioTransmitResult(RadioTransmitStatus.Success, false, 0), before.Value);

            parent.SetFramePending(MacAddress.FromExtended(child.ExtendedAddress), true);
            Assert.True(parent.IsFramePending(MacAddress.FromExtended(child.ExtendedAddress)));
            MediumHarness.Result pending = h.Send(child, MediumHarness.DataRequest(2, 0x0000, child.ExtendedAddress));
            MediumHarness.Result data = h.Send(child, MediumHarness.Data(3, MacAddress.FromShort(0), MacAddress.FromExtended(child.ExtendedAddress), true));
            h.Run();
            Assert.Equal(new RadioTransmitResult(RadioTransmitStatus.Success, true, 0), pending.Value);
            Assert.Equal(new RadioTransmitResult(RadioTransmitStatus.Success, false, 0), data.Value);

            parent.SetFramePending(MacAddress.FromExtended(child.ExtendedAddress), false);
            MediumHarness.Result after = h.Send(child, MediumHarness.DataRequest(4, 0x0000, child.ExtendedAddress));
            h.Run();
            Assert.False(after.Value!.Value.FramePending);
        }

        [Fact]
        public void SleepyChild_AfterFramePendingAck_ListensForMacMaxFrameTotalWaitTime()
        {
            var h = new MediumHarness();
            SimulatedRadio parent = h.Radio(0, 0, panCoordinator: true);
            SimulatedRadio child = h.Radio(0x0042, 8, rxOnWhenIdle: false);
            parent.SetFramePending(MacAddress.FromShort(0x0042), true);
            byte[] poll = MacFrame.CreateCommand(1, MediumHarness.Pan, MacAddress.FromShort(0), MacAddress.FromShort(0x0042), MacDataRequest.Instance).ToArray();
            MediumHarness.Result r = h.Send(child, poll);
            h.Scheduler.RunUntil(() => r.Value.HasValue, TimeSpan.FromSeconds(1));
            Assert.True(r.Value!.Value.FramePending);

            // The parent's indirect frame 20 ms later (after its own CSMA) still finds the child listening (5 ms would not).
            h.Scheduler.RunFor(TimeSpan.FromMilliseconds(20));
            MediumHarness.Result indirect = h.Send(parent, MediumHarness.Data(2, 0x0042, 0, ackRequest: true));
            h.Run();
            Assert.Equal(RadioTransmitStatus.Success, indirect.Status);
            Assert.Single(h.Received[child]);
        }

        [Fact]
        public void Offline_AbortsPendingTransmissions_AndTransmitCompletesAborted()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            h.Radio(2, 5);
            MediumHarness.Result first = h.Send(a, MediumHarness.Data(1, 0x0002, 1, true));
            MediumHarness.Result second = h.Send(a, MediumHarness.Data(2, 0x0002, 1, true));
            a.Offline = true;
            MediumHarness.Result third = h.Send(a, MediumHarness.Data(3, 0x0002, 1, true));
            h.Run();
            Assert.Equal(RadioTransmitStatus.Aborted, first.Status);
            Assert.Equal(RadioTransmitStatus.Aborted, second.Status);
            Assert.Equal(RadioTransmitStatus.Aborted, third.Status);
            Assert.Empty(h.OnAir);

            a.Offline = false;
            MediumHarness.Result fourth = h.Send(a, MediumHarness.Data(4, 0x0002, 1, true));
            h.Run();
            Assert.Equal(RadioTransmitStatus.Success, fourth.Status);
        }

        [Fact]
        public void GoingOfflineMidFrame_CutsTheFrame_NoOneReceivesIt()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            SimulatedRadio b = h.Radio(2, 5);
            MediumHarness.Result r = h.Send(a, MediumHarness.Data(1, 0xFFFF, 1, false, payloadLength: 100), new RadioTransmitOptions { Csma = false });
            h.Scheduler.RunFor(TimeSpan.FromMilliseconds(1));
            Assert.Equal(1, h.Medium.FramesOnAir(15));
            a.Offline = true;
            Assert.Equal(0, h.Medium.FramesOnAir(15));
            h.Run();
            Assert.Equal(RadioTransmitStatus.Aborted, r.Status);
            Assert.Empty(h.Received[b]);
        }

        [Fact]
        public void Transmit_RejectsPsduLongerThanAMaxPhyPacketSizeLessFcs()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            Assert.Throws<ArgumentException>(() => a.Transmit(new byte[126], RadioTransmitOptions.Default, _ => { }));
            Assert.Throws<ArgumentException>(() => a.Transmit(Array.Empty<byte>(), RadioTransmitOptions.Default, _ => { }));
            a.Transmit(new byte[125], RadioTransmitOptions.Default, _ => { });
        }

        [Fact]
        public void Radio_NameAndIdentity()
        {
            var h = new MediumHarness();
            SimulatedRadio a = h.Radio(1, 0);
            Assert.Equal("sim://test/000D6F0000000001", a.Name);
            Assert.Equal(MediumHarness.Ieee(1), a.ExtendedAddress);
            Assert.Throws<ArgumentException>(() => h.Medium.CreateRadio("dup", MediumHarness.Ieee(1), new Position(1, 1)));
            Assert.Throws<ArgumentOutOfRangeException>(() => a.Configure(a.Configuration with { Channel = 27 }));
            Assert.Same(a, h.Medium.FindRadio(MediumHarness.Ieee(1)));
        }
    }
}
