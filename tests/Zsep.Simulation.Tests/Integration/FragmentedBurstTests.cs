using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Node;
using Zsep.Stack.Types;
using Xunit;
using Xunit.Abstractions;

namespace Zsep.Simulation.Tests.Integration
{
    /// <summary>
    /// Many devices send an APS-fragmented frame (05-3474 2.2.8.4.5) to the coordinator at the same instant, with no
    /// jitter, over the realistic medium (CSMA-CA, collisions, MAC retries): every frame must arrive whole, once -
    /// losses on the air are the APS retries' to recover (apsMaxFrameRetries, the ack bitfield). Before the fixes in
    /// ApsFragmentation / ApsLayer, 2 or 3 of the 30 ended ApsNoAck: a resent block kept its APS frame counter and
    /// was refused as a replay (05-3474 4.4.1.2) when anything later from the sender had got through, and a repeated
    /// acknowledgement of block 0 (bitfield 0xFF) was taken for one of block 1 too, so block 1 was never sent.
    /// </summary>
    public class FragmentedBurstTests
    {
        private readonly ITestOutputHelper _output;

        public FragmentedBurstTests(ITestOutputHelper output) => _output = output;

        /// <summary>60 octets as a Report Event Status with its signature (SE 1.4 D.2.3.3.1) is: two blocks of 48.</summary>
        private static byte[] Report(int device) => Enumerable.Range(0, 60).Select(i => (byte)(device + (i * 3))).ToArray();


        [Theory]
        [InlineData(1, 21)]
        [InlineData(4, 21)]
        [InlineData(1, 5)]
        [InlineData(2, 8)]
        public void ThirtyDevices_SendAFragmentedFrameAtOnce_AllArriveWholeAndOnce(byte window, int seed)
        {
            var h = new MeshHarness(seed: seed, deviceCount: 30, endDeviceEvery: 0, spacing: 35, centred: true);
            Assert.True(h.JoinAll(TimeSpan.FromMinutes(10)), "not every device joined");
            h.Scheduler.RunFor(TimeSpan.FromSeconds(30));
            h.Coordinator.StackOptions.MaxWindowSize = window;
            h.Drops.Clear();

            var received = new Dictionary<ushort, List<byte[]>>();
            h.Coordinator.DataReceived += (_, e) =>
            {
                if (e.ClusterId == 0x0701)
                {
                    (received.TryGetValue(e.Source.Value, out List<byte[]>? l) ? l : received[e.Source.Value] = new List<byte[]>()).Add(e.Payload);
                }
            };
            var statuses = new Dictionary<ushort, ApsDeliveryStatus>();
            foreach (MeshDevice d in h.Devices)
            {
                ZigbeeNode node = d.Node;
                node.StackOptions.MaxWindowSize = window;
                ushort me = node.NwkAddress.Value;
                int index = h.Devices.IndexOf(d);
                node.SendData(new NwkAddress(0x0000), 1, 0x0701, 0x0109, 1, Report(index), s => statuses[me] = s);
            }

            Assert.True(h.Scheduler.RunUntil(() => statuses.Count == h.Devices.Count, TimeSpan.FromMinutes(2)));
            h.Scheduler.RunFor(TimeSpan.FromSeconds(5));
            _output.WriteLine($"window {window}: {statuses.Count(s => s.Value == ApsDeliveryStatus.Success)} of {h.Devices.Count} acknowledged, " +
                              $"{received.Count} delivered; coordinator retries {h.Coordinator.Counters.ApsRetries}, device retries " +
                              $"{h.Devices.Sum(d => d.Node.Counters.ApsRetries)}; drops: {string.Join(", ", h.Drops.Select(p => p.Key + "=" + p.Value))}");

            foreach (MeshDevice d in h.Devices)
            {
                ushort me = d.Node.NwkAddress.Value;
                Assert.True(statuses[me] == ApsDeliveryStatus.Success, $"{d}: {statuses[me]}");
                Assert.True(received.TryGetValue(me, out List<byte[]>? got), $"{d}: nothing delivered");
                Assert.Equal(Report(h.Devices.IndexOf(d)), Assert.Single(got!));
            }
        }
    }
}
