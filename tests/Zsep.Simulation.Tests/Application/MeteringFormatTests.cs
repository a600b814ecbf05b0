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
    /// <summary>
    /// The interview keeps each meter's Metering formatting (SE 1.4 D.3.2.2.4) in memory and in the store, so a reading's
    /// display value needs no extra request; -Refresh and a changed formatting attribute update it; batch reads over
    /// several networks sharing one medium run together.
    /// </summary>
    public sealed class MeteringFormatTests : SimulatedNetworkTest
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
        private static readonly ushort[] Summation = { 0x0000 };

        public MeteringFormatTests()
            : base("fmt", 3000)
        {
        }

        private static Eui64 IeeeFor(int net, int i) => new Eui64(0x000D6F0000D00000UL + (ulong)(net * 1000) + (ulong)i);

        private Gateway Form(int net, byte channel) => Gateway.Create(new GatewayOptions
        {
            Name = "fmt" + net,
            Channel = channel,
            StatePath = Path.Combine(Dir, "net" + net),
            Radio = Radio,
            Seed = 11 + net,
        }, SimulatedRadioProvider.Instance);

        private SimulatedDevice Add(Gateway gw, int net, int i, double x, double y)
        {
            gw.AddInstallCode(IeeeFor(net, i), CodeFor((net * 100) + i), force: false);
            return SimulationHost.Find(Radio)!.AddDevice(new SimulatedDeviceSpec
            {
                Kind = SimulatedDeviceKind.Meter,
                Ieee = IeeeFor(net, i),
                InstallCode = CodeFor((net * 100) + i),
                Position = new Position(x, y),
                Channel = gw.Describe().Channel,
                ExtendedPanId = gw.Config.ExtendedPanId,
                Network = gw.Name,
            });
        }

        private static void JoinAndInterview(Gateway gw, IReadOnlyList<SimulatedDevice> devices)
        {
            gw.PermitJoin(254);
            Assert.True(gw.RunUntil(() => devices.All(d => d.Node.State == NodeState.Joined && gw.GetInterview(d.Ieee)?.Status == ZsepInterviewStatus.Complete),
                TimeSpan.FromMinutes(10)), $"{devices.Count(d => gw.GetInterview(d.Ieee)?.Status == ZsepInterviewStatus.Complete)} of {devices.Count} interviewed");
        }

        /// <summary>Digits right of the decimal point in a display value such as "12.345 kWh".</summary>
        private static int Decimals(string display)
        {
            string number = display.Split(' ')[0];
            int dot = number.IndexOf('.');
            return dot < 0 ? 0 : number.Length - dot - 1;
        }

        [Fact]
        public void TheInterviewKeepsTheFormatting_AReadingUsesItWithoutAsking_RefreshAsksAgain()
        {
            string state = Path.Combine(Dir, "net0");
            SimulatedDevice meter;
            using (Gateway gw = Form(0, 20))
            {
                meter = Add(gw, 0, 1, 40, 0);
                JoinAndInterview(gw, new[] { meter });

                ZsepMeteringFormat format = gw.GetMeteringFormat(meter.Ieee) ?? throw new Xunit.Sdk.XunitException("no formatting after the interview");
                Assert.Equal(MeteringUnitOfMeasure.KilowattHours, format.UnitOfMeasure);
                Assert.Equal((byte)0x33, format.SummationFormatting.Value);
                Assert.Equal((byte)0x23, format.DemandFormatting.Value);
                Assert.Equal((byte)0x00, format.MeteringDeviceType);
                Assert.Equal(Gateway.EsiEndpoint, format.Endpoint);
                Assert.Equal((byte?)0x33, Assert.Single(gw.Store.GetMeteringFormats()).SummationFormatting);

                // The meter now shows one decimal. The gateway does not ask again for a plain reading: three decimals still.
                meter.Application.Endpoint.GetServer(StandardClusters.Metering)!.Set(0x0303, (byte)0x31);
                ZsepAttributeValue plain = Assert.Single(gw.ReadAttributes(meter.Ieee, null, StandardClusters.Metering, Summation, Timeout));
                Assert.EndsWith(" kWh", plain.DisplayValue);
                Assert.Equal(3, Decimals(plain.DisplayValue!));

                // Refresh reads the formatting again, keeps it, and the display follows.
                ZsepAttributeValue refreshed = Assert.Single(gw.ReadAttributes(meter.Ieee, null, StandardClusters.Metering, Summation, Timeout, refreshFormatting: true));
                Assert.Equal(1, Decimals(refreshed.DisplayValue!));
                Assert.Equal((byte)0x31, gw.GetMeteringFormat(meter.Ieee)!.SummationFormatting.Value);
                Assert.Equal((byte?)0x31, Assert.Single(gw.Store.GetMeteringFormats()).SummationFormatting);
            }

            // Kept across a reconnect: the display still needs no request.
            using (Gateway again = Gateway.Open(state, SimulatedRadioProvider.Instance))
            {
                Assert.Equal((byte)0x31, again.GetMeteringFormat(meter.Ieee)!.SummationFormatting.Value);
                Assert.Equal(MeteringUnitOfMeasure.KilowattHours, again.GetMeteringFormat(meter.Ieee)!.UnitOfMeasure);
            }
        }

        [Fact]
        public void AReadThatReturnsAChangedFormattingAttribute_UpdatesTheKeptOne_AndARemovedNodeForgetsIt()
        {
            using Gateway gw = Form(0, 20);
            SimulatedDevice meter = Add(gw, 0, 1, 40, 0);
            JoinAndInterview(gw, new[] { meter });
            Assert.Equal((byte)0x23, gw.GetMeteringFormat(meter.Ieee)!.DemandFormatting.Value);

            meter.Application.Endpoint.GetServer(StandardClusters.Metering)!.Set(0x0304, (byte)0x22);
            IReadOnlyList<ZsepAttributeValue> values = gw.ReadAttributes(meter.Ieee, null, StandardClusters.Metering, new ushort[] { 0x0400, 0x0304 }, Timeout);
            Assert.All(values, v => Assert.Equal(ZclStatus.Success, v.Status));
            Assert.Equal((byte)0x22, gw.GetMeteringFormat(meter.Ieee)!.DemandFormatting.Value);
            Assert.Equal((byte)0x33, gw.GetMeteringFormat(meter.Ieee)!.SummationFormatting.Value); // the others are kept
            Assert.Equal((byte?)0x22, Assert.Single(gw.Store.GetMeteringFormats()).DemandFormatting);
            Assert.Equal(2, Decimals(values[0].DisplayValue!)); // InstantaneousDemand shown with the new formatting

            gw.RemoveNode(meter.Ieee, keepInstallCode: false);
            gw.RunFor(TimeSpan.FromSeconds(10));
            Assert.Null(gw.GetMeteringFormat(meter.Ieee));
            Assert.Empty(gw.Store.GetMeteringFormats());
        }

        [Fact]
        public void WithoutAnInterview_AReadOfTheUnitAloneKeepsNothing_AReadOfUnitScaleAndFormattingIsKept()
        {
            using Gateway gw = Form(0, 20);
            gw.AutoInterview = false;
            SimulatedDevice meter = Add(gw, 0, 1, 40, 0);
            gw.PermitJoin(254);
            Assert.True(gw.RunUntil(() => meter.Node.State == NodeState.Joined && gw.GetNodes().Count == 1, TimeSpan.FromMinutes(5)));
            gw.RunFor(TimeSpan.FromSeconds(10));
            Assert.Null(gw.GetMeteringFormat(meter.Ieee));

            gw.ReadAttributes(meter.Ieee, 1, StandardClusters.Metering, new ushort[] { 0x0300 }, Timeout);
            Assert.Null(gw.GetMeteringFormat(meter.Ieee)); // a unit without its divisor would show wrong numbers

            gw.ReadAttributes(meter.Ieee, 1, StandardClusters.Metering, new ushort[] { 0x0300, 0x0301, 0x0302, 0x0303 }, Timeout);
            ZsepMeteringFormat kept = gw.GetMeteringFormat(meter.Ieee) ?? throw new Xunit.Sdk.XunitException("not kept");
            Assert.Equal(MeteringUnitOfMeasure.KilowattHours, kept.UnitOfMeasure);
            Assert.Equal((byte)0x33, kept.SummationFormatting.Value);
            Assert.Single(gw.Store.GetMeteringFormats());
        }

        [Fact]
        public void BatchReadOverTwoNetworksOnOneMedium_RunsThemTogether_AndAnswersEveryMeter()
        {
            using Gateway a = Form(0, 15);
            using Gateway b = Form(1, 25);
            List<SimulatedDevice> ma = Enumerable.Range(1, 12).Select(i => Add(a, 0, i, 40 * (i % 4), 40 * (i / 4))).ToList();
            List<SimulatedDevice> mb = Enumerable.Range(1, 12).Select(i => Add(b, 1, i, -40 * (i % 4), 40 * (i / 4))).ToList();
            JoinAndInterview(a, ma);
            JoinAndInterview(b, mb);

            DateTimeOffset start = a.Scheduler.Now;
            var order = new List<string>();
            var answered = new Dictionary<Eui64, ZsepAttributeReadOutcome>();
            foreach (ZsepAttributeReadOutcome o in Gateway.ReadAttributesBatch(new (Gateway, IReadOnlyList<Eui64>)[]
            {
                (a, ma.Select(m => m.Ieee).ToList()), (b, mb.Select(m => m.Ieee).ToList()),
            }, null, StandardClusters.Metering, Summation, Timeout, maxConcurrencyPerNetwork: 4))
            {
                Assert.True(o.Error is null, o.Error);
                answered[o.Node] = o;
                order.Add(Assert.Single(o.Values).Network);
            }

            Assert.Equal(24, answered.Count);
            Assert.All(answered.Values, o => Assert.EndsWith(" kWh", Assert.Single(o.Values).DisplayValue));
            // Together, not one network after the other: the second network's first answer comes before the first network's last.
            Assert.True(order.IndexOf("fmt1") < order.LastIndexOf("fmt0"), string.Join(",", order));
            // Twelve requests per network, 25 ms apart, four in flight: both networks in well under two sequential batches' time.
            Assert.True(a.Scheduler.Now - start < TimeSpan.FromSeconds(10), $"{(a.Scheduler.Now - start).TotalSeconds} s");
        }
    }
}
