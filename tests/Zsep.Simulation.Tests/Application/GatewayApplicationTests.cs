using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Zsep.Simulation.Devices;
using Zsep.Simulation.Medium;
using Zsep.Stack.Application;
using Zsep.Stack.Gateway;
using Zsep.Stack.Node;
using Zsep.Stack.Security;
using Zsep.Stack.State;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Xunit;

namespace Zsep.Simulation.Tests.Application
{
    /// <summary>The gateway's ESI and attribute API against simulated SE devices on the realistic medium.</summary>
    public sealed class GatewayApplicationTests : SimulatedNetworkTest
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

        public GatewayApplicationTests()
            : base("app", 2000)
        {
        }

        private static Eui64 IeeeFor(int i) => new Eui64(0x000D6F0000B00000UL + (ulong)i);

        private Gateway Form(int seed = 5) => Gateway.Create(new GatewayOptions
        {
            Name = "app",
            Channel = 20,
            StatePath = Path.Combine(Dir, "net"),
            Radio = Radio,
            Seed = seed,
        }, SimulatedRadioProvider.Instance);

        private SimulatedDevice Add(Gateway gw, int i, double x, double y, SimulatedDeviceKind kind = SimulatedDeviceKind.Meter, LoadProfile? profile = null)
        {
            gw.AddInstallCode(IeeeFor(i), CodeFor(i), force: false);
            return SimulationHost.Find(Radio)!.AddDevice(new SimulatedDeviceSpec
            {
                Kind = kind,
                Ieee = IeeeFor(i),
                InstallCode = CodeFor(i),
                Position = new Position(x, y),
                Channel = gw.Describe().Channel,
                ExtendedPanId = gw.Config.ExtendedPanId,
                Network = gw.Name,
                LoadProfile = profile,
            });
        }

        private static void JoinAll(Gateway gw, IReadOnlyList<SimulatedDevice> devices)
        {
            gw.PermitJoin(254);
            Assert.True(gw.RunUntil(() => devices.All(d => d.Node.State == NodeState.Joined) && gw.GetNodes().Count == devices.Count, TimeSpan.FromMinutes(15)),
                $"{devices.Count(d => d.Node.State == NodeState.Joined)} of {devices.Count} joined");
        }

        [Fact]
        public void AfterJoining_TheGatewayInterviewsTheMeter_AndTheMeterFindsTheEsi()
        {
            using Gateway gw = Form();
            SimulatedDevice meter = Add(gw, 1, 40, 0);
            SimulatedDevice ihd = Add(gw, 2, 0, 40, SimulatedDeviceKind.InHomeDisplay);
            JoinAll(gw, new[] { meter, ihd });

            Assert.True(gw.RunUntil(() => gw.GetInterview(meter.Ieee)?.Status == ZsepInterviewStatus.Complete &&
                                          gw.GetInterview(ihd.Ieee)?.Status == ZsepInterviewStatus.Complete &&
                                          meter.Application.EsiAddress is not null, TimeSpan.FromMinutes(2)));
            ZsepNodeInterview interview = gw.GetInterview(meter.Ieee)!;
            Assert.Equal("Zsep Simulated", interview.ManufacturerName);
            Assert.Equal("ZS-Meter-E1", interview.ModelIdentifier);
            ZsepEndpoint ep = Assert.Single(interview.Endpoints);
            Assert.Equal((ushort)0x0109, ep.ProfileId);
            Assert.Equal((ushort)0x0501, ep.DeviceId);
            Assert.Contains((ushort)0x0702, ep.InClusters);
            Assert.Equal("ZS-IHD-1", gw.GetInterview(ihd.Ieee)!.ModelIdentifier);

            Assert.Equal(NwkAddress.Coordinator, meter.Application.EsiAddress);
            Assert.Equal(Gateway.EsiEndpoint, meter.Application.EsiEndpoint);
        }

        [Fact]
        public void ReadAttributes_ThreeWithOneUnsupported_AndTheEsiTimeCluster()
        {
            using Gateway gw = Form();
            SimulatedDevice meter = Add(gw, 1, 40, 0);
            JoinAll(gw, new[] { meter });

            IReadOnlyList<ZsepAttributeValue> values = gw.ReadAttributes(meter.Ieee, null, 0x0702, new ushort[] { 0x0000, 0x0002, 0x0300 }, Timeout);

            Assert.Equal(new[] { "CurrentSummationDelivered", "CurrentMaxDemandDelivered", "UnitOfMeasure" }, values.Select(v => v.Name));
            Assert.Equal(new[] { ZclStatus.Success, ZclStatus.UnsupportedAttribute, ZclStatus.Success }, values.Select(v => v.Status));
            Assert.Equal((ulong)Math.Floor(meter.Application.KilowattHours * 1000), values[0].Value);
            Assert.Equal(ZclDataType.UInt48, values[0].DataType);
            Assert.Null(values[1].Value);
            Assert.Equal((byte)0, values[2].Value);

            // The meter reads the ESI's Time cluster: the gateway's clock.
            ZclResponse? time = null;
            meter.Application.Application.ReadAttributes(NwkAddress.Coordinator, Gateway.EsiEndpoint, 0x000A, new ushort[] { 0x0000, 0x0001 }, Timeout, r => time = r);
            Assert.True(gw.RunUntil(() => time is not null, TimeSpan.FromSeconds(30)));
            var records = Assert.IsType<ZclReadAttributesResponse>(time!.Frame!.Foundation).Records;
            var read = (DateTime)records[0].Value!.Value!;
            Assert.True(Math.Abs((read - gw.Scheduler.Now.UtcDateTime).TotalSeconds) < 5);
            Assert.Equal((byte)0x0D, records[1].Value!.Value);
        }

        [Fact]
        public void UnreachableNode_IsAnErrorNamingIt()
        {
            using Gateway gw = Form();
            SimulatedDevice meter = Add(gw, 1, 40, 0);
            JoinAll(gw, new[] { meter });
            meter.Offline = true;

            var ex = Assert.Throws<ZclRequestException>(() => gw.ReadAttributes(meter.Ieee, 1, 0x0702, new ushort[] { 0 }, TimeSpan.FromSeconds(10)));
            Assert.Equal(meter.Ieee, ex.Node);
            Assert.Contains(meter.Ieee.ToString(), ex.Message);
            Assert.Throws<ArgumentException>(() => gw.ReadAttributes(IeeeFor(99), 1, 0x0702, new ushort[] { 0 }, TimeSpan.FromSeconds(10)));
        }

        [Fact]
        public void WriteAndConfigureReporting_ReportsReachTheGateway()
        {
            using Gateway gw = Form();
            SimulatedDevice meter = Add(gw, 1, 40, 0);
            JoinAll(gw, new[] { meter });

            IReadOnlyList<ZsepAttributeStatus> written = gw.WriteAttributes(meter.Ieee, 1, 0x0003,
                new[] { new KeyValuePair<ushort, object>(0x0000, (ushort)30) }, Timeout);
            Assert.Equal(ZclStatus.Success, Assert.Single(written).Status);
            Assert.InRange((ushort)gw.ReadAttributes(meter.Ieee, 1, 0x0003, new ushort[] { 0 }, Timeout)[0].Value!, 25, 30);
            Assert.Equal(ZclStatus.ReadOnly, gw.WriteAttributes(meter.Ieee, 1, 0x0702, new[] { new KeyValuePair<ushort, object>(0x0300, (byte)1) }, Timeout)[0].Status);

            IReadOnlyList<ZsepAttributeStatus> configured = gw.ConfigureReporting(meter.Ieee, null, 0x0702, new[]
            {
                new ZsepReportingRequest(0x0000, 10, 60),
                new ZsepReportingRequest(0x0400, 10, 60, 50),
            }, Timeout);
            Assert.All(configured, c => Assert.Equal(ZclStatus.Success, c.Status));

            gw.RunFor(TimeSpan.FromMinutes(5));
            IReadOnlyList<ZsepAttributeReport> reports = gw.GetReports(meter.Ieee);
            Assert.True(reports.Count(r => r.Attribute == 0x0000) >= 5, $"{reports.Count} reports");
            ZsepAttributeReport last = reports.Last(r => r.Attribute == 0x0000);
            Assert.Equal("CurrentSummationDelivered", last.Name);
            Assert.True((ulong)last.Value! > (ulong)reports.First(r => r.Attribute == 0x0000).Value!);
            Assert.NotEmpty(gw.Trace.Read(Gateway.ZclReportTraceCode));
        }

        [Fact]
        public void HundredMeters_ReadInOneBatch_AndAnHourLaterSummationGrewByTheProfile()
        {
            using Gateway gw = Form();
            gw.AutoInterview = false;
            // 60 m apart: a 10 x 10 grid up to about 9 hops deep.
            var flat = new LoadProfile(Enumerable.Repeat(1.2, 24).ToArray());
            var meters = Enumerable.Range(1, 100).Select(i => Add(gw, i, 60 * ((i - 1) % 10), 60 * ((i - 1) / 10), profile: i % 2 == 0 ? flat : LoadProfile.Household)).ToList();
            JoinAll(gw, meters);
            gw.RunFor(TimeSpan.FromMinutes(1)); // the joins' own traffic (announcements, ESI discovery) settles
            List<Eui64> nodes = meters.Select(m => m.Ieee).ToList();

            Dictionary<Eui64, ulong> first = Read(gw, nodes);
            DateTimeOffset t0 = gw.Scheduler.Now;
            gw.RunFor(TimeSpan.FromHours(1));
            Dictionary<Eui64, ulong> second = Read(gw, nodes);
            DateTimeOffset t1 = gw.Scheduler.Now;

            foreach (SimulatedDevice m in meters)
            {
                double grew = (second[m.Ieee] - first[m.Ieee]) / 1000.0;
                // Each reading is taken when the meter answers, a few seconds around t0/t1; at most ~2.2 kW for ~1 min = 0.04 kWh.
                double expected = m.Application.LoadProfile.EnergyBetween(t0, t1);
                Assert.InRange(grew, expected - 0.05, expected + 0.05);
            }

            Assert.InRange((second[meters[1].Ieee] - first[meters[1].Ieee]) / 1000.0, 1.15, 1.25);
        }

        /// <summary>
        /// One batch read of every meter; a meter whose answers all met collisions (legitimate loss on the medium) is read
        /// once more on its own, as ReadHundredMeters.ps1 does. At least 95 must answer the batch, and all in the end.
        /// </summary>
        private static Dictionary<Eui64, ulong> Read(Gateway gw, IReadOnlyList<Eui64> nodes)
        {
            var result = new Dictionary<Eui64, ulong>();
            foreach (ZsepAttributeReadOutcome o in gw.ReadAttributesBatch(nodes, 1, 0x0702, new ushort[] { 0x0000 }, Timeout, 16))
            {
                if (o.Error is null)
                {
                    result[o.Node] = (ulong)Assert.Single(o.Values).Value!;
                }
            }

            Assert.InRange(result.Count, 95, nodes.Count);
            List<Eui64> missed = nodes.Where(n => !result.ContainsKey(n)).ToList();
            if (missed.Count > 0)
            {
                foreach (ZsepAttributeReadOutcome o in gw.ReadAttributesBatch(missed, 1, 0x0702, new ushort[] { 0x0000 }, Timeout, 1))
                {
                    Assert.True(o.Error is null, o.Error);
                    result[o.Node] = (ulong)Assert.Single(o.Values).Value!;
                }
            }

            Assert.Equal(nodes.Count, result.Count);
            return result;
        }
    }
}
