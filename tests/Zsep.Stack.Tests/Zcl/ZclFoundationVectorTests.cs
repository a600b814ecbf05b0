using System;
using Xunit;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.Tests.Zcl
{
    /// <summary>
    /// Hand-built vectors for the ZCL header and each foundation command, laid out from the command frame formats of
    /// ZCL rev 7 (07-5123-07) 2.4.1 and 2.5.1-2.5.24 (field order and widths from the spec figures); not device captures.
    /// </summary>
    public class ZclFoundationVectorTests
    {
        private const ushort Metering = 0x0702;

        private static T Global<T>(string hex, ZclGlobalCommand id, ushort cluster = Metering)
            where T : ZclFoundationCommand
        {
            byte[] bytes = Hex.Parse(hex);
            ZclFrame f = ZclFrame.Decode(cluster, bytes);
            Assert.Equal(ZclFrameType.Global, f.Header.FrameType);
            Assert.Equal((byte)id, f.Header.CommandId);
            Assert.Equal(id.ToString(), f.CommandName);
            Assert.Equal(bytes, f.ToArray());
            Assert.Equal(f.Foundation!, ZclFoundationCommand.Decode(id, bytes.AsSpan(f.Header.EncodedLength).ToArray()));
            return Assert.IsType<T>(f.Foundation);
        }

        [Fact]
        public void Zcl_2_4_1_header_fields()
        {
            ZclHeader h = ZclHeader.Decode(Hex.Parse("1D 5E10 0B 00"));
            Assert.Equal(ZclFrameType.ClusterSpecific, h.FrameType);
            Assert.True(h.ManufacturerSpecific);
            Assert.Equal((ushort)0x105E, h.ManufacturerCode);
            Assert.Equal(ZclDirection.ServerToClient, h.Direction);
            Assert.True(h.DisableDefaultResponse);
            Assert.Equal(0x0B, h.TransactionSequenceNumber);
            Assert.Equal(Hex.Parse("1D5E100B00"), h.ToArray());

            var built = new ZclHeader { FrameType = ZclFrameType.Global, Direction = ZclDirection.ClientToServer, TransactionSequenceNumber = 7, CommandId = 0 };
            Assert.Equal(Hex.Parse("000700"), built.ToArray());
            Assert.Throws<FrameFormatException>(() => ZclHeader.Decode(Hex.Parse("04 5E10 0B")));
            Assert.Throws<FrameFormatException>(() => ZclHeader.Decode(Hex.Parse("00 01")));
        }

        [Fact]
        public void Zcl_2_5_1_read_attributes()
        {
            ZclReadAttributes c = Global<ZclReadAttributes>("00 01 00 0000 0004", ZclGlobalCommand.ReadAttributes);
            Assert.Equal(new ushort[] { 0x0000, 0x0400 }, c.AttributeIds);
            Assert.Throws<FrameFormatException>(() => ZclFrame.Decode(Metering, Hex.Parse("00 01 00 0000 00")));
        }

        [Fact]
        public void Zcl_2_5_2_read_attributes_response_value_only_on_success()
        {
            ZclReadAttributesResponse c = Global<ZclReadAttributesResponse>("18 01 01 0000 00 25 102700000000 0100 86", ZclGlobalCommand.ReadAttributesResponse);
            Assert.Equal(2, c.Records.Count);
            Assert.Equal(10000UL, c.Records[0].Value!.Value);
            Assert.Equal(ZclDataType.UInt48, c.Records[0].DataType);
            Assert.Equal(ZclStatus.UnsupportedAttribute, c.Records[1].Status);
            Assert.Null(c.Records[1].Value);
        }

        [Theory]
        [InlineData("00 02 02 1000 42 05 48656C6C6F", ZclGlobalCommand.WriteAttributes)]
        [InlineData("00 02 03 1000 42 05 48656C6C6F", ZclGlobalCommand.WriteAttributesUndivided)]
        [InlineData("00 02 05 1000 42 05 48656C6C6F", ZclGlobalCommand.WriteAttributesNoResponse)]
        public void Zcl_2_5_3_write_attributes_and_variants(string hex, ZclGlobalCommand id)
        {
            ZclWriteAttributes c = Global<ZclWriteAttributes>(hex, id, 0x0000);
            Assert.Equal((ushort)0x0010, c.Records[0].AttributeId);
            Assert.Equal("Hello", c.Records[0].Value.Value);
            Assert.Equal(id == ZclGlobalCommand.WriteAttributesUndivided, c.Undivided);
            Assert.Equal(id == ZclGlobalCommand.WriteAttributesNoResponse, c.NoResponse);
            var built = new ZclWriteAttributes(new[] { new ZclAttributeValueRecord(0x0010, ZclValue.Create(ZclDataType.CharacterString, "Hello")) }, id);
            Assert.Equal(c, built);
        }

        [Fact]
        public void Zcl_2_5_5_write_attributes_response_both_forms()
        {
            ZclWriteAttributesResponse ok = Global<ZclWriteAttributesResponse>("18 02 04 00", ZclGlobalCommand.WriteAttributesResponse);
            Assert.True(ok.AllSucceeded);
            Assert.Null(ok.Records[0].AttributeId);
            Assert.Equal(ok, ZclWriteAttributesResponse.AllSuccess());

            ZclWriteAttributesResponse fail = Global<ZclWriteAttributesResponse>("18 02 04 88 0000 86 1000", ZclGlobalCommand.WriteAttributesResponse);
            Assert.False(fail.AllSucceeded);
            Assert.Equal(ZclStatus.ReadOnly, fail.Records[0].Status);
            Assert.Equal((ushort)0x0010, fail.Records[1].AttributeId);
            Assert.Throws<FrameFormatException>(() => ZclFrame.Decode(Metering, Hex.Parse("18 02 04 88 00")));
        }

        [Fact]
        public void Zcl_2_5_7_configure_reporting_change_only_for_analog_types()
        {
            // int24 InstantaneousDemand: min 1 s, max 60 s, change 10; map8 Status: no change field; direction 1: timeout 300 s.
            ZclConfigureReporting c = Global<ZclConfigureReporting>(
                "00 03 06 00 0004 2A 0100 3C00 0A0000 00 0002 18 0000 1000 01 0000 2C01", ZclGlobalCommand.ConfigureReporting);
            Assert.Equal(3, c.Records.Count);
            Assert.Equal(ZclReportingDirection.SendReports, c.Records[0].Direction);
            Assert.Equal(ZclDataType.Int24, c.Records[0].DataType);
            Assert.Equal((ushort)1, c.Records[0].MinimumReportingInterval);
            Assert.Equal((ushort)60, c.Records[0].MaximumReportingInterval);
            Assert.Equal(10, c.Records[0].ReportableChange!.Value);
            Assert.Null(c.Records[1].ReportableChange);
            Assert.Equal((ushort)16, c.Records[1].MaximumReportingInterval);
            Assert.Equal(ZclReportingDirection.ReceiveReports, c.Records[2].Direction);
            Assert.Equal((ushort)300, c.Records[2].TimeoutPeriod);
            Assert.Throws<FrameFormatException>(() => ZclFrame.Decode(Metering, Hex.Parse("00 03 06 02 0004")));
            Assert.Throws<FrameFormatException>(() => ZclFrame.Decode(Metering, Hex.Parse("00 03 06 00 0004 2A 0100 3C00 0A00")));
        }

        [Fact]
        public void Zcl_2_5_8_configure_reporting_response_both_forms()
        {
            ZclConfigureReportingResponse ok = Global<ZclConfigureReportingResponse>("18 03 07 00", ZclGlobalCommand.ConfigureReportingResponse);
            Assert.Equal(ZclStatus.Success, ok.Records[0].Status);
            Assert.Null(ok.Records[0].AttributeId);
            ZclConfigureReportingResponse fail = Global<ZclConfigureReportingResponse>("18 03 07 8C 00 0004 86 01 0100", ZclGlobalCommand.ConfigureReportingResponse);
            Assert.Equal(ZclStatus.UnreportableAttribute, fail.Records[0].Status);
            Assert.Equal((ushort)0x0400, fail.Records[0].AttributeId);
            Assert.Equal(ZclReportingDirection.ReceiveReports, fail.Records[1].Direction);
        }

        [Fact]
        public void Zcl_2_5_9_read_reporting_configuration()
        {
            ZclReadReportingConfiguration c = Global<ZclReadReportingConfiguration>("00 04 08 00 0004 01 0000", ZclGlobalCommand.ReadReportingConfiguration);
            Assert.Equal(new ZclReportingAttributeRecord(ZclReportingDirection.SendReports, 0x0400), c.Records[0]);
            Assert.Equal(new ZclReportingAttributeRecord(ZclReportingDirection.ReceiveReports, 0x0000), c.Records[1]);
        }

        [Fact]
        public void Zcl_2_5_10_read_reporting_configuration_response()
        {
            ZclReadReportingConfigurationResponse c = Global<ZclReadReportingConfigurationResponse>(
                "18 04 09 00 00 0004 2A 0100 3C00 0A0000 86 00 0500 00 01 0000 2C01", ZclGlobalCommand.ReadReportingConfigurationResponse);
            Assert.Equal(3, c.Records.Count);
            Assert.Equal(10, c.Records[0].Configuration.ReportableChange!.Value);
            Assert.Equal(ZclStatus.UnsupportedAttribute, c.Records[1].Status);
            Assert.Equal((ushort)0x0005, c.Records[1].AttributeId);
            Assert.Equal((ushort)300, c.Records[2].Configuration.TimeoutPeriod);
        }

        [Fact]
        public void Zcl_2_5_11_report_attributes()
        {
            ZclReportAttributes c = Global<ZclReportAttributes>("18 05 0A 0000 25 E80300000000 0004 2A FEFFFF", ZclGlobalCommand.ReportAttributes);
            Assert.Equal(1000UL, c.Records[0].Value.Value);
            Assert.Equal(-2, c.Records[1].Value.Value);
        }

        [Fact]
        public void Zcl_2_5_12_default_response()
        {
            ZclDefaultResponse c = Global<ZclDefaultResponse>("18 06 0B 00 81", ZclGlobalCommand.DefaultResponse);
            Assert.Equal(0x00, c.CommandIdentifier);
            Assert.Equal(ZclStatus.UnsupClusterCommand, c.Status);
            Assert.Throws<FrameFormatException>(() => ZclFrame.Decode(Metering, Hex.Parse("18 06 0B 00")));
        }

        [Fact]
        public void Zcl_2_5_13_discover_attributes_and_response()
        {
            ZclDiscoverAttributes q = Global<ZclDiscoverAttributes>("00 07 0C 0000 10", ZclGlobalCommand.DiscoverAttributes);
            Assert.Equal((ushort)0, q.StartAttributeId);
            Assert.Equal(16, q.MaximumAttributeIds);
            ZclDiscoverAttributesResponse r = Global<ZclDiscoverAttributesResponse>("18 07 0D 01 0000 25 0004 2A", ZclGlobalCommand.DiscoverAttributesResponse);
            Assert.True(r.DiscoveryComplete);
            Assert.Equal(new ZclAttributeInformation(0x0400, ZclDataType.Int24), r.Attributes[1]);
        }

        [Fact]
        public void Zcl_2_5_19_discover_commands_received_and_generated()
        {
            ZclDiscoverCommands q = Global<ZclDiscoverCommands>("00 08 11 00 FF", ZclGlobalCommand.DiscoverCommandsReceived);
            Assert.False(q.Generated);
            Assert.Equal(0xFF, q.MaximumCommandIds);
            ZclDiscoverCommandsResponse r = Global<ZclDiscoverCommandsResponse>("18 08 12 01 00 01 02 03", ZclGlobalCommand.DiscoverCommandsReceivedResponse);
            Assert.Equal(new byte[] { 0, 1, 2, 3 }, r.CommandIds);
            Assert.True(Global<ZclDiscoverCommands>("00 09 13 00 10", ZclGlobalCommand.DiscoverCommandsGenerated).Generated);
            ZclDiscoverCommandsResponse g = Global<ZclDiscoverCommandsResponse>("18 09 14 00 00 01", ZclGlobalCommand.DiscoverCommandsGeneratedResponse);
            Assert.True(g.Generated);
            Assert.False(g.DiscoveryComplete);
        }

        [Fact]
        public void Zcl_2_5_23_discover_attributes_extended()
        {
            ZclDiscoverAttributes q = Global<ZclDiscoverAttributes>("00 0A 15 0000 05", ZclGlobalCommand.DiscoverAttributesExtended);
            Assert.True(q.Extended);
            ZclDiscoverAttributesExtendedResponse r = Global<ZclDiscoverAttributesExtendedResponse>(
                "18 0A 16 01 0000 25 05 0003 18 01", ZclGlobalCommand.DiscoverAttributesExtendedResponse);
            Assert.Equal(ZclAttributeAccess.Readable | ZclAttributeAccess.Reportable, r.Attributes[0].AccessControl);
            Assert.Equal(ZclDataType.Map8, r.Attributes[1].DataType);
        }

        [Fact]
        public void Zcl_2_5_structured_commands_stay_raw()
        {
            ZclFrame f = ZclFrame.Decode(Metering, Hex.Parse("00 0B 0E 0000 00"));
            ZclUnknownFoundationCommand u = Assert.IsType<ZclUnknownFoundationCommand>(f.Foundation);
            Assert.Equal(Hex.Parse("000000"), u.Payload);
            Assert.Equal("ReadAttributesStructured", f.CommandName);
            Assert.Equal("GlobalCommand 0x40", ZclFrame.Decode(Metering, Hex.Parse("00 0B 40")).CommandName);
        }

        [Fact]
        public void Zcl_2_4_1_manufacturer_specific_global_frame()
        {
            ZclFrame f = ZclFrame.Decode(0x0000, Hex.Parse("04 5E10 0B 00 0000"));
            Assert.Equal((ushort)0x105E, f.Header.ManufacturerCode);
            Assert.Equal(new ushort[] { 0 }, Assert.IsType<ZclReadAttributes>(f.Foundation).AttributeIds);
        }

        [Fact]
        public void Zcl_2_4_1_cluster_specific_commands_named_from_the_cluster_table()
        {
            // SE 1.4 D.4.2.3.1 Get Current Price (client to server, command options 0x01).
            ZclFrame get = ZclFrame.Decode(0x0700, Hex.Parse("01 0C 00 01"));
            Assert.Null(get.Foundation);
            Assert.Equal("GetCurrentPrice", get.CommandName);
            Assert.Equal(new byte[] { 0x01 }, get.Payload);
            Assert.Equal(Hex.Parse("010C0001"), get.ToArray());

            Assert.Equal("PublishPrice", ZclFrame.Decode(0x0700, Hex.Parse("09 0D 00")).CommandName);
            Assert.Equal("LoadControlEvent", ZclFrame.Decode(0x0701, Hex.Parse("09 0D 00")).CommandName);
            Assert.Equal("ReportEventStatus", ZclFrame.Decode(0x0701, Hex.Parse("01 0D 00")).CommandName);
            Assert.Equal("GetProfile", ZclFrame.Decode(0x0702, Hex.Parse("01 0D 00")).CommandName);
            Assert.Equal("DisplayMessage", ZclFrame.Decode(0x0703, Hex.Parse("09 0D 00")).CommandName);
            Assert.Equal("InitiateKeyEstablishmentRequest", ZclFrame.Decode(0x0800, Hex.Parse("01 0D 00")).CommandName);
            Assert.Equal("Command 0x7F", ZclFrame.Decode(0x0702, Hex.Parse("01 0D 7F")).CommandName);
            Assert.Equal("ManufacturerCommand 0x00", ZclFrame.Decode(0x0702, Hex.Parse("05 5E10 0D 00")).CommandName);

            ZclFrame raw = ZclFrame.CreateRaw(0x0700, new ZclHeader { FrameType = ZclFrameType.ClusterSpecific, TransactionSequenceNumber = 0x0C }, new byte[] { 0x01 });
            Assert.Equal(Hex.Parse("010C0001"), raw.ToArray());
        }
    }

    /// <summary>Cluster table lookups (ZCL rev 7 chapter 3, SE 1.4 annexes C and D).</summary>
    public class ZclClusterRegistryTests
    {
        [Theory]
        [InlineData("Metering", 0x0702)]
        [InlineData("metering", 0x0702)]
        [InlineData("0x0702", 0x0702)]
        [InlineData("1794", 0x0702)]
        [InlineData("Demand Response and Load Control", 0x0701)]
        [InlineData("DRLC", 0x0701)]
        [InlineData("key establishment", 0x0800)]
        [InlineData("Price", 0x0700)]
        [InlineData("Basic", 0x0000)]
        [InlineData("Time", 0x000A)]
        [InlineData("0xFC00", 0xFC00)]
        public void Clusters_parse_by_name_hex_or_decimal(string text, int id)
        {
            Assert.True(ClusterRegistry.TryParseClusterId(text, out ushort parsed));
            Assert.Equal(id, parsed);
            Assert.Equal((ushort)id, ClusterRegistry.ParseClusterId(text));
        }

        [Theory]
        [InlineData("")]
        [InlineData("Nonsense")]
        [InlineData("0x10000")]
        [InlineData("70000")]
        public void Clusters_reject_unknown_text(string text)
        {
            Assert.False(ClusterRegistry.TryParseClusterId(text, out _));
            Assert.Throws<FormatException>(() => ClusterRegistry.ParseClusterId(text));
        }

        [Fact]
        public void Metering_attributes_follow_se_1_4_d_3()
        {
            ClusterDefinition m = ClusterRegistry.Get("Metering")!;
            Assert.Equal("SE 1.4 (07-5356-19) D.3", m.SpecSection);
            ZclAttributeDefinition csd = m.GetAttribute("currentsummationdelivered")!;
            Assert.Equal((ushort)0x0000, csd.Id);
            Assert.Equal(ZclDataType.UInt48, csd.DataType);
            Assert.True(csd.Mandatory && csd.Reportable);
            Assert.Equal(ZclDataType.Int24, m.GetAttribute(0x0400)!.DataType);
            Assert.Equal("InstantaneousDemand", m.GetAttribute("0x0400")!.Name);
            Assert.Equal(ZclDataType.Enum8, m.GetAttribute("UnitOfMeasure")!.DataType);
            Assert.Equal(ZclDataType.UInt24, m.GetAttribute("Multiplier")!.DataType);
            Assert.Equal(ZclDataType.UInt24, m.GetAttribute("Divisor")!.DataType);
            Assert.Equal(ZclDataType.Map8, m.GetAttribute("SummationFormatting")!.DataType);
            Assert.Equal((ushort)0x0306, m.GetAttribute("MeteringDeviceType")!.Id);
            Assert.Equal((ushort)0x0200, m.GetAttribute("Status")!.Id);
            Assert.Equal("GetProfile", m.GetCommand(ZclDirection.ClientToServer, 0)!.Name);
            Assert.Equal((byte)0, m.GetCommand("Get Profile Response", out ZclDirection d)!.Id);
            Assert.Equal(ZclDirection.ServerToClient, d);
        }

        [Fact]
        public void Every_cluster_has_unique_ids_and_names()
        {
            ushort[] expected = { 0x0000, 0x0001, 0x0003, 0x0004, 0x000A, 0x0019, 0x0700, 0x0701, 0x0702, 0x0703, 0x0800 };
            foreach (ushort id in expected)
            {
                Assert.NotNull(ClusterRegistry.Get(id));
            }

            foreach (ClusterDefinition c in ClusterRegistry.All)
            {
                Assert.Same(c, ClusterRegistry.Get(c.Name));
                foreach (ZclAttributeDefinition a in c.Attributes)
                {
                    Assert.NotNull(ZclDataTypes.Get(a.DataType));
                    Assert.Same(a, c.GetAttribute(a.Name));
                }

                Assert.Equal(c.CommandsReceived.Count, new System.Collections.Generic.HashSet<byte>(System.Linq.Enumerable.Select(c.CommandsReceived, x => x.Id)).Count);
                Assert.Equal(c.CommandsGenerated.Count, new System.Collections.Generic.HashSet<byte>(System.Linq.Enumerable.Select(c.CommandsGenerated, x => x.Id)).Count);
            }

            ClusterDefinition time = ClusterRegistry.Get(0x000A)!;
            string[] timeNames = { "Time", "TimeStatus", "TimeZone", "DstStart", "DstEnd", "DstShift", "StandardTime", "LocalTime", "LastSetTime", "ValidUntilTime" };
            for (int i = 0; i < timeNames.Length; i++)
            {
                Assert.Equal(timeNames[i], time.GetAttribute((ushort)i)!.Name);
            }

            Assert.Equal(ZclDataType.Map16, ClusterRegistry.Get(0x0800)!.GetAttribute("KeyEstablishmentSuite")!.DataType);
            Assert.Equal("DeviceClassValue", ClusterRegistry.Get("DRLC")!.GetAttribute(3)!.Name);
            Assert.Equal("Tier1PriceLabel", ClusterRegistry.Get("Price")!.GetAttribute(0)!.Name);
        }

        [Fact]
        public void Metering_units_of_measure_se_1_4_d_3_2_2_4_1()
        {
            Assert.Equal("kWh", MeteringUnits.SummationUnit(MeteringUnitOfMeasure.KilowattHours));
            Assert.Equal("kW", MeteringUnits.DemandUnit(MeteringUnitOfMeasure.KilowattHours));
            Assert.Equal("m³", MeteringUnits.SummationUnit(MeteringUnitOfMeasure.CubicMetersBcd));
            Assert.True(MeteringUnits.IsBcd(MeteringUnitOfMeasure.KilovarHoursBcd));
            Assert.Equal(0x8D, (int)MeteringUnitOfMeasure.KilovarHoursBcd);
            Assert.Equal("kVAr", MeteringUnits.DemandUnit(MeteringUnitOfMeasure.KilovarHours));
            Assert.Equal("unit 0x20", MeteringUnits.SummationUnit((MeteringUnitOfMeasure)0x20));
        }
    }
}
