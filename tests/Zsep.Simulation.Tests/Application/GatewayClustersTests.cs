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
    /// <summary>clusters.conf wired into the gateway, interview results kept in the store, stack options that survive a reconnect, Metering display values.</summary>
    public sealed class GatewayClustersTests : SimulatedNetworkTest
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

        public GatewayClustersTests()
            : base("attr", 0)
        {
        }

        private string StatePath => Path.Combine(Dir, "net");

        private Gateway Form() => Gateway.Create(new GatewayOptions { Name = "attr", Channel = 15, StatePath = StatePath, Radio = Radio, Seed = 11 }, SimulatedRadioProvider.Instance);

        private Gateway Reopen() => Gateway.Open(StatePath, SimulatedRadioProvider.Instance);

        [Fact]
        public void FormingWritesTheDefaultClustersConf_AndTheEsiServesItsDefaults()
        {
            using Gateway gw = Form();
            Assert.True(File.Exists(gw.ClustersConfigPath));
            Assert.Equal(ClustersConfig.Default.ToText(), ClustersConfig.Load(gw.ClustersConfigPath).ToText());
            IReadOnlyList<ZsepCluster> clusters = gw.GetClusters();
            Assert.Equal(7, clusters.Count(c => c.Role == ClusterSide.Server));
            // Client side: Metering from clusters.conf, and Key Establishment, which the gateway adds itself so that it
            // can initiate key establishment with a device (Start-ZsepKeyEstablishment).
            Assert.Equal(new[] { StandardClusters.Metering, StandardClusters.KeyEstablishment },
                clusters.Where(c => c.Role == ClusterSide.Client).Select(c => c.Cluster).OrderBy(c => c).ToArray());
            Assert.Equal("Zsep", gw.Esi.GetServer(StandardClusters.Basic)!.GetAttribute(0x0004)!.Value.Value);
            Assert.Equal("ESI", gw.Esi.GetServer(StandardClusters.Basic)!.GetAttribute(0x0005)!.Value.Value);
            Assert.Equal("Zsep", clusters.Single(c => c.Cluster == StandardClusters.Basic).Defaults["ManufacturerName"]);
        }

        [Fact]
        public void SetCluster_EditsTheFile_AppliesLive_KeepsHandlers_AndSurvivesAReconnect()
        {
            using (Gateway gw = Form())
            {
                ZclClusterServer price = gw.Esi.GetServer(StandardClusters.Price)!;
                price.Handle(0x00, _ => ZclStatus.Success);
                gw.SetCluster(StandardClusters.Basic, ClusterSide.Server, attributes: new Dictionary<string, object?> { ["ManufacturerName"] = "Northwind", ["PowerSource"] = "0x04" });
                Assert.Equal("Northwind", gw.Esi.GetServer(StandardClusters.Basic)!.GetAttribute(0x0004)!.Value.Value);
                Assert.Equal((byte)4, gw.Esi.GetServer(StandardClusters.Basic)!.GetAttribute(0x0007)!.Value.Value);
                Assert.Same(price, gw.Esi.GetServer(StandardClusters.Price));

                gw.SetCluster(StandardClusters.Messaging, ClusterSide.Server, remove: true);
                Assert.Null(gw.Esi.GetServer(StandardClusters.Messaging));
                Assert.DoesNotContain(StandardClusters.Messaging, gw.Coordinator.Endpoints.Single(e => e.Endpoint == Gateway.EsiEndpoint).ApplicationInputClusterList);
                gw.SetCluster(StandardClusters.Metering, ClusterSide.Server);
                Assert.NotNull(gw.Esi.GetServer(StandardClusters.Metering));
                Assert.Contains("ManufacturerName=\"Northwind\"", File.ReadAllText(gw.ClustersConfigPath));

                Assert.Throws<ArgumentException>(() => gw.SetCluster(StandardClusters.Messaging, ClusterSide.Server, remove: true));
                Assert.Throws<ArgumentException>(() => gw.SetCluster(StandardClusters.Basic, ClusterSide.Server, attributes: new Dictionary<string, object?> { ["NoSuchAttribute"] = 1 }));
                Assert.Throws<ArgumentException>(() => gw.SetCluster(StandardClusters.Basic, ClusterSide.Server, attributes: new Dictionary<string, object?> { ["PowerSource"] = "lots" }));
            }

            using (Gateway gw = Reopen())
            {
                Assert.Equal("Northwind", gw.Esi.GetServer(StandardClusters.Basic)!.GetAttribute(0x0004)!.Value.Value);
                Assert.Null(gw.Esi.GetServer(StandardClusters.Messaging));
                Assert.NotNull(gw.Esi.GetServer(StandardClusters.Metering));
            }
        }

        [Fact]
        public void MalformedClustersConf_StopsTheReconnect_NamingFileAndLine_AndAMissingOneIsTheDefault()
        {
            string path;
            using (Gateway gw = Form())
            {
                path = gw.ClustersConfigPath;
            }

            File.WriteAllText(path, "endpoint 1 profile 0x0109 device 0x0500\nserver Basic\nserver Meterng\n");
            var ex = Assert.Throws<ClustersConfigException>(() => Reopen());
            Assert.Equal(3, ex.LineNumber);
            Assert.Contains(path, ex.Message);
            Assert.Equal(ClustersConfigError.UnknownCluster, ex.Error);

            File.Delete(path);
            using (Gateway gw = Reopen())
            {
                Assert.True(File.Exists(path));
                Assert.Equal(9, gw.GetClusters().Count); // the default's eight, and the Key Establishment client
            }
        }

        [Fact]
        public void StackOptions_AreSetAllOrNothing_AndSurviveAReconnect()
        {
            using (Gateway gw = Form())
            {
                Assert.Equal(TimeSpan.FromSeconds(3), gw.GetStackOptions().ApsAckWaitDuration);
                gw.SetStackOptions(apsAckWaitDuration: TimeSpan.FromSeconds(5), apsMaxFrameRetries: 5, maxWindowSize: 4, fragmentBlockSize: 40);
                Assert.Throws<ArgumentOutOfRangeException>(() => gw.SetStackOptions(apsMaxFrameRetries: 2, fragmentBlockSize: 200));
                Assert.Equal(5, gw.Coordinator.StackOptions.MaxFrameRetries);
                Assert.Equal(40, gw.Coordinator.StackOptions.FragmentBlockSize);
            }

            using (Gateway gw = Reopen())
            {
                ZsepStackOptions o = gw.GetStackOptions();
                Assert.Equal(TimeSpan.FromSeconds(5), o.ApsAckWaitDuration);
                Assert.Equal(5, o.ApsMaxFrameRetries);
                Assert.Equal(4, o.MaxWindowSize);
                Assert.Equal(40, o.FragmentBlockSize);
            }
        }

        [Fact]
        public void InterviewIsKeptInTheStore_AndMeteringReadingsHaveDisplayValues()
        {
            Eui64 ieee = new Eui64(0x000D6F0000E00001UL);
            byte[] bytes = new byte[16];
            new Random(77).NextBytes(bytes);
            InstallCode code = InstallCode.FromBytes(bytes);
            using (Gateway gw = Form())
            {
                gw.AddInstallCode(ieee, code, force: false);
                SimulatedDevice meter = SimulationHost.Find(Radio)!.AddDevice(new SimulatedDeviceSpec
                {
                    Kind = SimulatedDeviceKind.Meter, Ieee = ieee, InstallCode = code, Position = new Position(30, 0),
                    Channel = 15, ExtendedPanId = gw.Config.ExtendedPanId, Network = gw.Name,
                });
                gw.PermitJoin(120);
                Assert.True(gw.RunUntil(() => gw.GetInterview(ieee)?.Status == ZsepInterviewStatus.Complete, TimeSpan.FromMinutes(3)));
                ZsepNode node = gw.GetNodes().Single();
                Assert.Equal(SeDeviceApplication.Manufacturer, node.Manufacturer);
                Assert.NotNull(node.Model);
                Assert.Contains(node.Endpoints, e => e.InClusters.Contains(StandardClusters.Metering));

                IReadOnlyList<ZsepAttributeValue> values = gw.ReadAttributes(ieee, null, StandardClusters.Metering, new ushort[] { 0x0000, 0x0400, 0x0306 }, Timeout);
                Assert.Equal(new ushort[] { 0x0000, 0x0400, 0x0306 }, values.Select(v => v.Attribute));
                double kwh = meter.Application.KilowattHours;
                Assert.Matches(@"^\d+\.\d{3} kWh$", values[0].DisplayValue);
                Assert.InRange(double.Parse(values[0].DisplayValue!.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture), kwh - 0.01, kwh + 0.001);
                Assert.EndsWith(" kW", values[1].DisplayValue);
                Assert.Equal(ZclStatus.Success, values[2].Status);
                Assert.DoesNotContain("kW", values[2].DisplayValue!);
            }

            using (Gateway gw = Reopen())
            {
                ZsepNode node = gw.GetNodes().Single();
                Assert.Equal(SeDeviceApplication.Manufacturer, node.Manufacturer);
                Assert.Contains(node.Endpoints, e => e.InClusters.Contains(StandardClusters.Metering));
                gw.RemoveNode(ieee, keepInstallCode: false);
                Assert.Empty(gw.Store.GetInterviews());
            }
        }
    }
}
