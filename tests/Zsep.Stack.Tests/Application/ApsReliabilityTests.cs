using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Application;
using Zsep.Stack.Aps;
using Zsep.Stack.Node;
using Zsep.Stack.Zcl;
using Xunit;

namespace Zsep.Stack.Tests.Application
{
    /// <summary>APS fragmentation (05-3474 2.2.8.4.5), retries and duplicate rejection (2.2.8.4.2), run-time APS options.</summary>
    public class ApsReliabilityTests
    {
        private static byte[] Pattern(int length) => Enumerable.Range(0, length).Select(i => (byte)((i * 7) + (i >> 8))).ToArray();

        [Theory]
        [InlineData(1, 1200)]
        [InlineData(4, 2000)]
        public void FragmentedPayload_CrossesThreeHopsWhole(byte window, int length)
        {
            var a = new AppHarness(3);
            ZigbeeNode far = a.Routers[2];
            a.H.Coordinator.StackOptions.MaxWindowSize = window;
            far.StackOptions.MaxWindowSize = window;
            var got = new List<ApsDataIndicationEventArgs>();
            far.DataReceived += (_, e) => { if (e.ClusterId == 0x0700) got.Add(e); };
            byte[] payload = Pattern(length);
            ApsDeliveryStatus? status = null;

            a.H.Coordinator.SendData(far.NwkAddress, 1, 0x0700, 0x0109, 1, payload, s => status = s);
            Assert.True(a.H.Scheduler.RunUntil(() => status.HasValue, TimeSpan.FromSeconds(120)));

            Assert.Equal(ApsDeliveryStatus.Success, status);
            ApsDataIndicationEventArgs e = Assert.Single(got);
            Assert.Equal(payload, e.Payload);
            Assert.True(e.ApsSecured);
            Assert.Equal(3, a.H.Coordinator.GetHopCount(far.NwkAddress));

            // Blocks of at most the block size, each with an extended header, each APS-secured, all with one APS counter.
            List<ApsHeader> blocks = AppHarness.ApsFrames(a.Radios[2].Received).Select(f => ApsHeader.Decode(f))
                .Where(h => h.FrameType == ApsFrameType.Data && h.ClusterId == 0x0700).ToList();
            int expected = (length + 47) / 48;
            Assert.True(blocks.Count >= expected);
            Assert.Equal((byte)expected, blocks.First(h => h.Fragmentation == ApsFragmentation.FirstFragment).BlockNumber);
            Assert.All(blocks, h => Assert.True(h.Security && h.ExtendedHeaderPresent));
            Assert.Single(blocks.Select(h => h.Counter).Distinct());
        }

        [Fact]
        public void FragmentedPayload_WithALostBlock_IsCompletedByTheRetry()
        {
            var a = new AppHarness(1, o => o with { ApsAckWaitDuration = TimeSpan.FromSeconds(1) });
            ZigbeeNode meter = a.Routers[0];
            var got = new List<byte[]>();
            meter.DataReceived += (_, e) => { if (e.ClusterId == 0x0700) got.Add(e.Payload); };
            byte[] payload = Pattern(300);
            ApsDeliveryStatus? status = null;

            a.H.Coordinator.SendData(meter.NwkAddress, 1, 0x0700, 0x0109, 1, payload, s => status = s);
            a.H.Scheduler.RunFor(TimeSpan.FromMilliseconds(4)); // the first block is out ...
            a.Radios[0].Offline = true;                            // ... and the next ones are lost
            a.H.Scheduler.RunFor(TimeSpan.FromMilliseconds(1500));
            a.Radios[0].Offline = false;
            Assert.True(a.H.Scheduler.RunUntil(() => status.HasValue, TimeSpan.FromSeconds(60)));

            Assert.Equal(ApsDeliveryStatus.Success, status);
            Assert.Equal(payload, Assert.Single(got));
            Assert.True(a.H.Coordinator.Counters.ApsRetries >= 1);
        }

        [Fact]
        public void CommandWhoseAckIsLost_IsRetriedAndAppliedOnce()
        {
            var a = new AppHarness(1);
            ZigbeeNode meter = a.Routers[0];
            int applied = 0;
            a.Apps[0].GetEndpoint(1)!.GetServer(0x0702)!.Handle(0x05, ctx =>
            {
                applied++;
                // The acknowledgement (and anything else) to the coordinator is lost for a while.
                a.H.CoordinatorRadio.Offline = true;
                a.H.Scheduler.Schedule(TimeSpan.FromMilliseconds(500), () => a.H.CoordinatorRadio.Offline = false);
                return ZclStatus.Success;
            });
            byte[] takeSnapshot = ZclFrame.CreateRaw(0x0702, new ZclHeader
            {
                FrameType = ZclFrameType.ClusterSpecific, DisableDefaultResponse = true, TransactionSequenceNumber = 9, CommandId = 0x05,
            }, Array.Empty<byte>()).ToArray();
            ApsDeliveryStatus? status = null;

            a.H.Coordinator.SendData(meter.NwkAddress, 1, 0x0702, 0x0109, 1, takeSnapshot, s => status = s);
            Assert.True(a.H.Scheduler.RunUntil(() => status.HasValue, TimeSpan.FromSeconds(30)));

            Assert.Equal(ApsDeliveryStatus.Success, status);
            Assert.True(a.H.Coordinator.Counters.ApsRetries >= 1);
            Assert.True(meter.Counters.ApsDuplicates >= 1);
            Assert.Equal(1, applied);
        }

        [Fact]
        public void StackOptions_AreReadAndSetAtRunTime()
        {
            var a = new AppHarness(1);
            ApsStackOptions o = a.H.Coordinator.StackOptions;
            Assert.Equal(TimeSpan.FromSeconds(3), o.AckWaitDuration);
            Assert.Equal(3, o.MaxFrameRetries);
            Assert.Throws<ArgumentOutOfRangeException>(() => o.MaxWindowSize = 9);
            Assert.Throws<ArgumentOutOfRangeException>(() => o.FragmentBlockSize = 100);

            o.AckWaitDuration = TimeSpan.FromMilliseconds(500);
            o.MaxFrameRetries = 5;
            a.Radios[0].Offline = true;
            ApsDeliveryStatus? status = null;
            DateTimeOffset start = a.H.Scheduler.Now;
            a.H.Coordinator.SendData(a.Routers[0].NwkAddress, 1, 0x0702, 0x0109, 1, new byte[] { 1 }, s => status = s);
            Assert.True(a.H.Scheduler.RunUntil(() => status.HasValue, TimeSpan.FromSeconds(60)));

            Assert.Equal(ApsDeliveryStatus.NoAck, status);
            Assert.Equal(5, a.H.Coordinator.Counters.ApsRetries);
            Assert.True(a.H.Scheduler.Now - start < TimeSpan.FromSeconds(5), $"gave up after {a.H.Scheduler.Now - start}");
        }
    }
}
