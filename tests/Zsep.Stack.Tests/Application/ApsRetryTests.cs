using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Aps;
using Zsep.Stack.Node;
using Zsep.Stack.Security;
using Zsep.Stack.Tests.Node;
using Xunit;

namespace Zsep.Stack.Tests.Application
{
    /// <summary>
    /// APS retries that must succeed: a resent APS-secured frame or block takes a fresh frame counter (05-3474
    /// 4.4.1.1, so the receiver's freshness check of 4.4.1.2 lets it through), and a fragment acknowledgement counts
    /// only for the blocks of its window (2.2.8.4.5.2). Each test loses one chosen frame on the air.
    /// </summary>
    public class ApsRetryTests
    {
        private static byte[] Pattern(int length) => Enumerable.Range(0, length).Select(i => (byte)((i * 5) + 1)).ToArray();

        /// <summary>The APS header of a NWK data frame on the air, or null (not data, or not NWK-decryptable).</summary>
        private static ApsHeader? Aps(byte[] psdu) =>
            AppHarness.ApsFrames(new[] { psdu }).Select(f => ApsHeader.Decode(f)).FirstOrDefault();

        /// <summary>The APS frame counter of an APS-secured data frame on the air.</summary>
        private static uint ApsFrameCounter(byte[] psdu)
        {
            byte[] aps = AppHarness.ApsFrames(new[] { psdu }).Single();
            ApsHeader.Decode(aps, out int length);
            return ZigbeeSecurity.ReadAuxiliaryHeader(aps, length).FrameCounter;
        }

        [Fact]
        public void FragmentAckLost_WindowOfOne_TheRepeatedAckDoesNotCoverTheNextBlock()
        {
            var a = new AppHarness(1, o => o with { ApsAckWaitDuration = TimeSpan.FromSeconds(1) });
            ZigbeeNode meter = a.Routers[0];
            var got = new List<byte[]>();
            meter.DataReceived += (_, e) => { if (e.ClusterId == 0x0700) got.Add(e.Payload); };
            var acks = new List<ApsHeader>();
            bool lost = false;
            a.H.Medium.Lose = (from, to, psdu) =>
            {
                if (from != a.Radios[0] || Aps(psdu) is not { FrameType: ApsFrameType.Ack, ExtendedHeaderPresent: true } ack)
                {
                    return false;
                }

                acks.Add(ack);
                if (lost || ack.BlockNumber != 0)
                {
                    return false;
                }

                lost = true; // the acknowledgement of block 0 does not reach the coordinator
                return true;
            };
            byte[] payload = Pattern(60); // two blocks of 48
            ApsDeliveryStatus? status = null;

            a.H.Coordinator.SendData(meter.NwkAddress, 1, 0x0700, 0x0109, 1, payload, s => status = s);
            Assert.True(a.H.Scheduler.RunUntil(() => status.HasValue, TimeSpan.FromSeconds(60)));

            Assert.Equal(ApsDeliveryStatus.Success, status);
            Assert.Equal(payload, Assert.Single(got));
            // Block 0 was acknowledged twice (the second time for the repeated block, every bit set), then block 1 went and was acknowledged.
            Assert.Equal(new byte?[] { 0, 0, 1 }, acks.Select(h => h.BlockNumber).ToArray());
            Assert.Equal((byte)0xFF, acks[1].AckBitfield);
        }

        [Fact]
        public void FirstBlockLost_WindowOfFour_ItsRetryIsAcceptedAfterTheLaterBlocks()
        {
            var a = new AppHarness(1, o => o with { ApsAckWaitDuration = TimeSpan.FromSeconds(1) });
            ZigbeeNode meter = a.Routers[0];
            a.H.Coordinator.StackOptions.MaxWindowSize = 4;
            meter.StackOptions.MaxWindowSize = 4;
            var got = new List<byte[]>();
            meter.DataReceived += (_, e) => { if (e.ClusterId == 0x0700) got.Add(e.Payload); };
            List<string> drops = AppHarness.Drops(meter);
            var firstBlockCounters = new List<uint>();
            a.H.Medium.Lose = (from, to, psdu) =>
            {
                if (from != a.H.CoordinatorRadio || Aps(psdu) is not { FrameType: ApsFrameType.Data, Fragmentation: ApsFragmentation.FirstFragment })
                {
                    return false;
                }

                firstBlockCounters.Add(ApsFrameCounter(psdu));
                return firstBlockCounters.Count == 1; // the first copy of block 0 is lost; blocks 1 and 2 arrive
            };
            byte[] payload = Pattern(130); // three blocks
            ApsDeliveryStatus? status = null;

            a.H.Coordinator.SendData(meter.NwkAddress, 1, 0x0700, 0x0109, 1, payload, s => status = s);
            Assert.True(a.H.Scheduler.RunUntil(() => status.HasValue, TimeSpan.FromSeconds(60)));

            Assert.Equal(ApsDeliveryStatus.Success, status);
            Assert.Equal(payload, Assert.Single(got));
            Assert.DoesNotContain("ApsFrameCounterReplay", drops);
            // The retry of block 0 was secured again, with a counter above those of blocks 1 and 2.
            Assert.Equal(2, firstBlockCounters.Count);
            Assert.True(firstBlockCounters[1] > firstBlockCounters[0] + 2, string.Join(", ", firstBlockCounters));
        }

        [Fact]
        public void SecuredFrameLost_WhileALaterOneArrives_ItsRetryIsAccepted()
        {
            var a = new AppHarness(1, o => o with { ApsAckWaitDuration = TimeSpan.FromSeconds(1) });
            ZigbeeNode meter = a.Routers[0];
            var got = new List<byte>();
            meter.DataReceived += (_, e) => { if (e.ClusterId == 0x0700) got.Add(e.Payload[0]); };
            List<string> drops = AppHarness.Drops(meter);
            bool lost = false;
            a.H.Medium.Lose = (from, to, psdu) =>
            {
                if (lost || from != a.H.CoordinatorRadio || Aps(psdu) is not { FrameType: ApsFrameType.Data, ClusterId: 0x0700 })
                {
                    return false;
                }

                lost = true; // the first copy of the first command is lost; the second command, secured after it, arrives
                return true;
            };
            ApsDeliveryStatus? first = null, second = null;

            a.H.Coordinator.SendData(meter.NwkAddress, 1, 0x0700, 0x0109, 1, new byte[] { 1 }, s => first = s);
            a.H.Coordinator.SendData(meter.NwkAddress, 1, 0x0700, 0x0109, 1, new byte[] { 2 }, s => second = s);
            Assert.True(a.H.Scheduler.RunUntil(() => first.HasValue && second.HasValue, TimeSpan.FromSeconds(60)));

            Assert.Equal(ApsDeliveryStatus.Success, second);
            Assert.Equal(ApsDeliveryStatus.Success, first);
            Assert.Equal(new byte[] { 2, 1 }, got);
            Assert.DoesNotContain("ApsFrameCounterReplay", drops);
        }
    }
}
