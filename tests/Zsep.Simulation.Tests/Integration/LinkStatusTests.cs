using System;
using System.Linq;
using Zsep.Stack.Node;
using Xunit;
using Xunit.Abstractions;

namespace Zsep.Simulation.Tests.Integration
{
    /// <summary>
    /// Link status in several frames (Zigbee PRO 05-3474 3.6.3.4.1): a router with more router neighbours than one
    /// frame holds (29) sends its list in slices with the first and last frame bits, instead of one frame too long
    /// for the MAC (dropped as MacFrameTooLong), and every neighbour still learns its outgoing cost.
    /// </summary>
    public class LinkStatusTests
    {
        private readonly ITestOutputHelper _output;

        public LinkStatusTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Dense_grid_link_status_is_split_and_every_router_learns_its_outgoing_costs()
        {
            // 10 x 10 cells 35 m apart: a frame carries ~166 m, so a router in the middle hears some 70 others.
            var h = new MeshHarness(seed: 5, deviceCount: 99, endDeviceEvery: 0, spacing: 35, centred: true);
            Assert.True(h.JoinAll(TimeSpan.FromMinutes(10)), "not every device joined");
            h.Scheduler.RunFor(TimeSpan.FromSeconds(50)); // three link status periods

            MeshDevice busiest = h.Devices.OrderByDescending(d => d.Node.Neighbors.Count(n => n.DeviceType != NodeDeviceType.EndDevice)).First();
            int routerNeighbours = busiest.Node.Neighbors.Count(n => n.DeviceType != NodeDeviceType.EndDevice);
            _output.WriteLine($"busiest {busiest}: {routerNeighbours} router neighbours; drops: {string.Join(", ", h.Drops.Select(d => d.Key + "=" + d.Value))}");
            Assert.True(routerNeighbours > 2 * ZigbeeNode.LinkStatusEntriesPerFrame, $"only {routerNeighbours} router neighbours");

            var frames = busiest.Node.BuildLinkStatus();
            Assert.True(frames.Count >= 3);
            Assert.True(frames[0].FirstFrame && !frames[0].LastFrame);
            Assert.True(frames[frames.Count - 1].LastFrame && !frames[frames.Count - 1].FirstFrame);
            Assert.All(frames, f => Assert.InRange(f.Entries.Count, 1, ZigbeeNode.LinkStatusEntriesPerFrame));
            Assert.Equal(routerNeighbours, frames.Sum(f => f.Entries.Count));
            var addresses = frames.SelectMany(f => f.Entries).Select(e => e.NeighborNetworkAddress.Value).ToList();
            Assert.Equal(addresses.OrderBy(a => a), addresses);

            Assert.False(h.Drops.ContainsKey("MacFrameTooLong"), "a link status frame was too long");
            Assert.False(h.Drops.ContainsKey("coordinator:MacFrameTooLong"), "a link status frame was too long");

            // Links the busiest router hears well: the neighbour's link status (whichever slice lists it) told it the cost back.
            var good = busiest.Node.Neighbors.Where(n => n.DeviceType != NodeDeviceType.EndDevice && n.Lqi >= 60 && n.Age < TimeSpan.FromSeconds(20)).ToList();
            Assert.NotEmpty(good);
            Assert.All(good, n => Assert.InRange(n.OutgoingCost, (byte)1, (byte)7));
        }
    }
}
