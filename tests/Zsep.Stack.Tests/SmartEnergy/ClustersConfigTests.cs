using System;
using System.IO;
using Xunit;
using Zsep.Stack.State;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.Tests.SmartEnergy
{
    /// <summary>clusters.conf: the gateway's ESI endpoint (issue 4 section 1), parsing, errors with lines, round trip and atomic save.</summary>
    public class ClustersConfigTests
    {
        private const string Sample =
            "# endpoint 1, profile 0x0109 (Smart Energy), device 0x0500 (ESI)\n" +
            "endpoint 1 profile 0x0109 device 0x0500\n" +
            "server Basic            ManufacturerName=\"Zsep\" ModelIdentifier=\"ESI\"\n" +
            "server 0x000A           # Time\n" +
            "\n" +
            "client Metering\r\n" +
            "server drlc\n";

        [Fact]
        public void The_issue_example_parses_by_name_id_and_alias()
        {
            ClustersConfig c = ClustersConfig.Parse(Sample, "test.conf");
            ClustersConfigEndpoint e = Assert.Single(c.Endpoints);
            Assert.Equal(1, e.Endpoint);
            Assert.Equal(0x0109, e.ProfileId);
            Assert.Equal(0x0500, e.DeviceId);
            Assert.Equal(new ushort[] { 0x0000, 0x000A, 0x0701 }, e.ServerClusterIds);
            Assert.Equal(new ushort[] { 0x0702 }, e.ClientClusterIds);
            ClustersConfigCluster basic = e.Clusters[0];
            Assert.Equal("Zsep", basic.GetDefault("ManufacturerName")!.Value);
            Assert.Equal(ZclDataType.CharacterString, basic.GetDefault("0x0005")!.DataType);
            Assert.Equal("Time", e.Clusters[1].Name);
        }

        [Fact]
        public void Default_is_the_issue_esi()
        {
            ClustersConfigEndpoint e = Assert.Single(ClustersConfig.Default.Endpoints);
            Assert.Equal(ClustersConfig.SmartEnergyProfile, e.ProfileId);
            Assert.Equal(ClustersConfig.EsiDevice, e.DeviceId);
            Assert.Equal(new ushort[] { 0x0000, 0x0003, 0x000A, 0x0700, 0x0701, 0x0703, 0x0800 }, e.ServerClusterIds);
            Assert.Equal(new ushort[] { 0x0702 }, e.ClientClusterIds);
            Assert.Equal("ESI", e.Find(ClusterSide.Server, 0x0000)!.GetDefault("ModelIdentifier")!.Value);
        }

        [Fact]
        public void Typed_values_of_every_supported_kind_round_trip_through_text()
        {
            string text =
                "endpoint 2 profile 0x0104 device 0x0051 version 3\n" +
                "server Basic ZCLVersion=8 PowerSource=0x04 DeviceEnabled=false ProductCode=0x0A0B LocationDescription=\"a \\\"quoted\\\" \\\\ room\"\n" +
                "server Time Time=2026-01-01T00:00:00Z TimeZone=-3600\n" +
                "server Metering Multiplier=1 Divisor=1000 SummationFormatting=0x2B InstantaneousDemand=invalid\n" +
                "server OtaUpgrade UpgradeServerID=00:0D:6F:00:00:00:00:01\n" +
                "server AnalogInput PresentValue=1.5\n" +
                "client 0x0B05\n";
            ClustersConfig c = ClustersConfig.Parse(text, "types.conf");
            ClustersConfigEndpoint e = c.Endpoints[0];
            Assert.Equal(3, e.DeviceVersion);
            Assert.Equal("a \"quoted\" \\ room", e.Clusters[0].GetDefault("LocationDescription")!.Value);
            Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), e.Clusters[1].GetDefault("Time")!.Value);
            Assert.True(e.Clusters[2].GetDefault("InstantaneousDemand")!.IsInvalid);
            Assert.Equal("0x0B05", e.Clusters[5].Name);

            string canonical = c.ToText();
            ClustersConfig again = ClustersConfig.Parse(canonical, "again.conf");
            Assert.Equal(canonical, again.ToText());
            for (int i = 0; i < e.Clusters.Count; i++)
            {
                Assert.Equal(e.Clusters[i].Attributes, again.Endpoints[0].Clusters[i].Attributes);
            }

            Assert.Equal(ClustersConfig.Default.ToText(), ClustersConfig.Parse(ClustersConfig.Default.ToText()).ToText());
        }

        [Theory]
        [InlineData("endpoint 1 profile 0x0109 device 0x0500\nserver Meterng\n", ClustersConfigError.UnknownCluster, 2, "unknown cluster 'Meterng'")]
        [InlineData("endpoint 1 profile 0x0109 device 0x0500\nserver 0x10000\n", ClustersConfigError.UnknownCluster, 2, "0x10000")]
        [InlineData("endpoint 1 profile 0x0109 device 0x0500\n\nserver Basic Manufacturer=\"x\"\n", ClustersConfigError.UnknownAttribute, 3, "no attribute 'Manufacturer'")]
        [InlineData("endpoint 1 profile 0x0109 device 0x0500\nserver 0x0B05 Foo=1\n", ClustersConfigError.UnknownAttribute, 2, "not in the cluster table")]
        [InlineData("endpoint 1 profile 0x0109 device 0x0500\nserver Basic ZCLVersion=256\n", ClustersConfigError.BadValue, 2, "Basic.ZCLVersion")]
        [InlineData("endpoint 1 profile 0x0109 device 0x0500\nserver Basic ManufacturerName=Zsep\n", ClustersConfigError.BadValue, 2, "double quotes")]
        [InlineData("endpoint 1 profile 0x0109 device 0x0500\nserver Basic DeviceEnabled=maybe\n", ClustersConfigError.BadValue, 2, "true or false")]
        [InlineData("endpoint 1 profile 0x0109 device 0x0500\nserver Time Time=yesterday\n", ClustersConfigError.BadValue, 2, "Time.Time")]
        [InlineData("endpoint 1 profile 0x0109 device 0x0500\nserver Basic\nserver basic\n", ClustersConfigError.DuplicateCluster, 3, "listed twice")]
        [InlineData("endpoint 1 profile 0x0109 device 0x0500\nserver Basic ZCLVersion=1 ZCLVersion=2\n", ClustersConfigError.Duplicate, 2, "given twice")]
        [InlineData("endpoint 1 profile 0x0109 device 0x0500\nendpoint 2 profile 0x0109 device 0x0500\nendpoint 1 profile 0x0109 device 0x0500\n", ClustersConfigError.Duplicate, 3, "endpoint 1")]
        [InlineData("endpoint 1 profile 0x0109 device 0x0500\nsrever Basic\n", ClustersConfigError.UnknownKeyword, 2, "unknown keyword 'srever'")]
        [InlineData("endpoint 1 profile 0x0109 devise 0x0500\n", ClustersConfigError.UnknownKeyword, 1, "'devise'")]
        [InlineData("server Basic\n", ClustersConfigError.Syntax, 1, "before any 'endpoint'")]
        [InlineData("endpoint 0 profile 0x0109 device 0x0500\n", ClustersConfigError.Syntax, 1, "endpoint number")]
        [InlineData("endpoint 1 profile 0x0109\n", ClustersConfigError.Syntax, 1, "device")]
        [InlineData("endpoint 1 profile 0x0109 device 0x0500\nserver Basic ManufacturerName=\"Zsep\n", ClustersConfigError.Syntax, 2, "not closed")]
        [InlineData("endpoint 1 profile 0x0109 device 0x0500\nserver Basic Zsep\n", ClustersConfigError.Syntax, 2, "Name=value")]
        public void Every_error_names_the_file_the_line_and_the_problem(string text, ClustersConfigError error, int line, string fragment)
        {
            ClustersConfigException e = Assert.Throws<ClustersConfigException>(() => ClustersConfig.Parse(text, "my.conf"));
            Assert.Equal(error, e.Error);
            Assert.Equal(line, e.LineNumber);
            Assert.Equal("my.conf", e.SourceName);
            Assert.StartsWith($"my.conf line {line}: ", e.Message);
            Assert.Contains(fragment, e.Message);
        }

        [Fact]
        public void Load_save_and_edit_a_file_atomically()
        {
            string dir = Path.Combine(Path.GetTempPath(), "zsep-clusters-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                string path = Path.Combine(dir, ClustersConfig.FileName);
                ClustersConfigException missing = Assert.Throws<ClustersConfigException>(() => ClustersConfig.Load(path));
                Assert.Equal(ClustersConfigError.NotFound, missing.Error);
                Assert.Null(missing.LineNumber);

                File.WriteAllText(path, "\uFEFF" + Sample);
                ClustersConfig loaded = ClustersConfig.Load(path);
                ClustersConfigEndpoint ep = loaded.Endpoints[0]
                    .Without(ClusterSide.Server, 0x000A)
                    .With(new ClustersConfigCluster(ClusterSide.Server, 0x0700));
                ClustersConfig edited = loaded.With(ep);
                edited.Save(path);
                Assert.False(File.Exists(path + ".tmp"));
                ClustersConfig reloaded = ClustersConfig.Load(path);
                Assert.Equal(edited.ToText(), reloaded.ToText());
                Assert.Equal(new ushort[] { 0x0000, 0x0701, 0x0700 }, reloaded.Endpoints[0].ServerClusterIds);

                File.WriteAllText(path, Sample + "server Prise\n");
                ClustersConfigException bad = Assert.Throws<ClustersConfigException>(() => ClustersConfig.Load(path));
                Assert.Equal(8, bad.LineNumber);
                Assert.StartsWith(path + " line 8: unknown cluster 'Prise'", bad.Message);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void The_model_refuses_duplicates_and_bad_numbers()
        {
            Assert.Throws<ArgumentException>(() => new ClustersConfigEndpoint(1, 0x0109, 0x0500, 0,
                new[] { new ClustersConfigCluster(ClusterSide.Server, 0), new ClustersConfigCluster(ClusterSide.Server, 0) }));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ClustersConfigEndpoint(241, 0x0109, 0x0500, 0, Array.Empty<ClustersConfigCluster>()));
            var e = new ClustersConfigEndpoint(1, 0x0109, 0x0500, 0, Array.Empty<ClustersConfigCluster>());
            Assert.Throws<ArgumentException>(() => new ClustersConfig(new[] { e, e }));

            // The same cluster on both sides is fine.
            var both = new ClustersConfigEndpoint(1, 0x0109, 0x0500, 0,
                new[] { new ClustersConfigCluster(ClusterSide.Server, 0x0702), new ClustersConfigCluster(ClusterSide.Client, 0x0702) });
            Assert.Equal("server Metering", both.Clusters[0].ToString());
        }
    }
}
