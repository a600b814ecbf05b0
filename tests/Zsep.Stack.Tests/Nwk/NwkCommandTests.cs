using System;
using Xunit;
using Zsep.Stack.Codec;
using Zsep.Stack.Mac;
using Zsep.Stack.Nwk;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.Nwk
{
    /// <summary>
    /// NWK command payloads. The captured commands are encrypted, so these vectors are hand-built from the field
    /// tables of Zigbee PRO 2015 (05-3474-21) 3.4.1-3.4.12 (and 05-3474-22 3.4.13 for link power delta): each hex
    /// string below is assembled octet by octet from the spec's frame format figure, little-endian.
    /// </summary>
    public class NwkCommandTests
    {
        private static readonly Eui64 Ieee1 = Eui64.Parse("00:12:4B:00:24:C3:4D:A0");
        private static readonly Eui64 Ieee2 = Eui64.Parse("80:4B:50:FF:FE:A4:B9:73");

        private static T RoundTrip<T>(string hex)
            where T : NwkCommand
        {
            byte[] bytes = Hex.Parse(hex);
            T cmd = Assert.IsType<T>(NwkCommand.Decode(bytes));
            Assert.Equal(Hex.Format(bytes), Hex.Format(cmd.ToArray()));
            Assert.Equal(bytes.Length, cmd.Length);
            Assert.Equal(cmd, NwkCommand.Decode(cmd.ToArray()));
            return cmd;
        }

        [Fact]
        public void Nwk_3_4_1_route_request_many_to_one()
        {
            // id 01, options 0x08 (many-to-one, route record table), request id 5, destination 0xFFFC, path cost 0.
            NwkRouteRequest rreq = RoundTrip<NwkRouteRequest>("01 08 05 FCFF 00");
            Assert.Equal(NwkManyToOne.RouteRecordTableSupported, rreq.ManyToOne);
            Assert.False(rreq.Multicast);
            Assert.Equal(5, rreq.RouteRequestIdentifier);
            Assert.Equal(NwkAddress.BroadcastRouters, rreq.DestinationAddress);
            Assert.Equal(0, rreq.PathCost);
            Assert.Null(rreq.DestinationIeeeAddress);
        }

        [Fact]
        public void Nwk_3_4_1_route_request_with_destination_ieee()
        {
            // options 0x20 (destination IEEE address present), id 0x11, destination 0x1234, path cost 3, IEEE LE.
            NwkRouteRequest rreq = RoundTrip<NwkRouteRequest>("01 20 11 3412 03 A04DC324004B1200");
            Assert.Equal(NwkManyToOne.NotManyToOne, rreq.ManyToOne);
            Assert.Equal(new NwkAddress(0x1234), rreq.DestinationAddress);
            Assert.Equal(3, rreq.PathCost);
            Assert.Equal(Ieee1, rreq.DestinationIeeeAddress);
            Assert.Equal(0x20, rreq.CommandOptions);
        }

        [Fact]
        public void Nwk_3_4_1_route_request_multicast_without_route_record_table()
        {
            NwkRouteRequest rreq = RoundTrip<NwkRouteRequest>("01 50 01 0100 07");
            Assert.True(rreq.Multicast);
            Assert.Equal(NwkManyToOne.RouteRecordTableNotSupported, rreq.ManyToOne);
        }

        [Fact]
        public void Nwk_3_4_2_route_reply_with_both_ieee_addresses()
        {
            // options 0x30, id 0x11, originator 0x0000, responder 0x1234, path cost 5, originator IEEE, responder IEEE.
            NwkRouteReply rrep = RoundTrip<NwkRouteReply>("02 30 11 0000 3412 05 73B9A4FEFF504B80 A04DC324004B1200");
            Assert.Equal(NwkAddress.Coordinator, rrep.OriginatorAddress);
            Assert.Equal(new NwkAddress(0x1234), rrep.ResponderAddress);
            Assert.Equal(5, rrep.PathCost);
            Assert.Equal(Ieee2, rrep.OriginatorIeeeAddress);
            Assert.Equal(Ieee1, rrep.ResponderIeeeAddress);
            Assert.False(rrep.Multicast);

            NwkRouteReply onlyResponder = RoundTrip<NwkRouteReply>("02 60 11 0000 3412 05 A04DC324004B1200");
            Assert.True(onlyResponder.Multicast);
            Assert.Null(onlyResponder.OriginatorIeeeAddress);
            Assert.Equal(Ieee1, onlyResponder.ResponderIeeeAddress);
        }

        [Fact]
        public void Nwk_3_4_3_network_status()
        {
            NwkNetworkStatus st = RoundTrip<NwkNetworkStatus>("03 0B 3412");
            Assert.Equal(NwkStatusCode.SourceRouteFailure, st.StatusCode);
            Assert.Equal(new NwkAddress(0x1234), st.DestinationAddress);
            Assert.Null(st.UnknownCommandIdentifier);

            NwkNetworkStatus unknown = RoundTrip<NwkNetworkStatus>("03 13 3412 0E");
            Assert.Equal(NwkStatusCode.UnknownCommand, unknown.StatusCode);
            Assert.Equal((byte)0x0E, unknown.UnknownCommandIdentifier);

            var ex = Assert.Throws<FrameFormatException>(() => NwkCommand.Decode(Hex.Parse("03 13 3412")));
            Assert.Equal("NetworkStatus.UnknownCommandIdentifier", ex.Field);
            Assert.Equal(4, ex.Offset);

            Assert.Throws<InvalidOperationException>(() => new NwkNetworkStatus { StatusCode = NwkStatusCode.UnknownCommand }.ToArray());
        }

        [Theory]
        [InlineData("04 40", false, true, false)]
        [InlineData("04 20", true, false, false)]
        [InlineData("04 60", true, true, false)]
        [InlineData("04 80", false, false, true)]
        public void Nwk_3_4_4_leave_options(string hex, bool rejoin, bool request, bool removeChildren)
        {
            NwkLeave leave = RoundTrip<NwkLeave>(hex);
            Assert.Equal(rejoin, leave.Rejoin);
            Assert.Equal(request, leave.Request);
            Assert.Equal(removeChildren, leave.RemoveChildren);
        }

        [Fact]
        public void Nwk_3_4_5_route_record()
        {
            NwkRouteRecord rr = RoundTrip<NwkRouteRecord>("05 03 3412 7856 BC9A");
            Assert.Equal(3, rr.RelayCount);
            Assert.Equal(new[] { new NwkAddress(0x1234), new NwkAddress(0x5678), new NwkAddress(0x9ABC) }, rr.RelayList);
            RoundTrip<NwkRouteRecord>("05 00");

            var ex = Assert.Throws<FrameFormatException>(() => NwkCommand.Decode(Hex.Parse("05 FF 3412")));
            Assert.Equal("RouteRecord.RelayList", ex.Field);
            Assert.Equal(2, ex.Offset);
        }

        [Fact]
        public void Nwk_3_4_6_rejoin_request_capability_information()
        {
            NwkRejoinRequest req = RoundTrip<NwkRejoinRequest>("06 8E");
            Assert.Equal(
                MacCapabilityInformation.AllocateAddress | MacCapabilityInformation.ReceiverOnWhenIdle |
                MacCapabilityInformation.PowerSourceMains | MacCapabilityInformation.DeviceTypeFfd,
                req.CapabilityInformation);
            Assert.Equal(MacCapabilityInformation.AllocateAddress, RoundTrip<NwkRejoinRequest>("06 80").CapabilityInformation);
        }

        [Fact]
        public void Nwk_3_4_7_rejoin_response()
        {
            NwkRejoinResponse rsp = RoundTrip<NwkRejoinResponse>("07 3AAC 00");
            Assert.Equal(new NwkAddress(0xAC3A), rsp.NetworkAddress);
            Assert.Equal(NwkRejoinStatus.Success, rsp.RejoinStatus);
            Assert.Equal(NwkRejoinStatus.PanAccessDenied, RoundTrip<NwkRejoinResponse>("07 3AAC 02").RejoinStatus);
        }

        [Fact]
        public void Nwk_3_4_8_link_status()
        {
            // options 0x62: 2 entries, first frame, last frame; 0x1234 in 1 out 7; 0x5678 in 3 out 3.
            NwkLinkStatus ls = RoundTrip<NwkLinkStatus>("08 62 3412 71 7856 33");
            Assert.True(ls.FirstFrame);
            Assert.True(ls.LastFrame);
            Assert.Equal(2, ls.EntryCount);
            Assert.Equal(new NwkLinkStatusEntry(new NwkAddress(0x1234), 1, 7), ls.Entries[0]);
            Assert.Equal(new NwkLinkStatusEntry(new NwkAddress(0x5678), 3, 3), ls.Entries[1]);

            var ex = Assert.Throws<FrameFormatException>(() => NwkCommand.Decode(Hex.Parse("08 7F 3412 71")));
            Assert.Equal("LinkStatus.LinkStatusList", ex.Field);

            Assert.Throws<InvalidOperationException>(() => new NwkLinkStatus
            {
                Entries = new[] { new NwkLinkStatusEntry(NwkAddress.Coordinator, 8, 1) },
            }.ToArray());
            Assert.Throws<InvalidOperationException>(() => new NwkLinkStatus { Entries = new NwkLinkStatusEntry[32] }.ToArray());
        }

        [Fact]
        public void Nwk_3_4_9_network_report_pan_identifier_conflict()
        {
            // options 0x02: 2 PAN ids, report type 0 (PAN identifier conflict); EPID; PAN ids 0x1A62 0x1A63.
            NwkNetworkReport rep = RoundTrip<NwkNetworkReport>("09 02 DD DD DD DD DD DD DD DD 621A 631A");
            Assert.Equal(NwkReportType.PanIdentifierConflict, rep.ReportType);
            Assert.Equal(0xDDDDDDDDDDDDDDDDUL, rep.ExtendedPanId.Value);
            Assert.Equal(new[] { new PanId(0x1A62), new PanId(0x1A63) }, rep.PanIds);

            var ex = Assert.Throws<FrameFormatException>(() => NwkCommand.Decode(Hex.Parse("09 22 DDDDDDDDDDDDDDDD 621A 631A")));
            Assert.Equal("NetworkReport.CommandOptions", ex.Field);
            Assert.Equal(1, ex.Offset);
        }

        [Fact]
        public void Nwk_3_4_10_network_update_pan_identifier()
        {
            NwkNetworkUpdate up = RoundTrip<NwkNetworkUpdate>("0A 01 0807060504030201 05 641A");
            Assert.Equal(NwkUpdateType.PanIdentifierUpdate, up.UpdateType);
            Assert.Equal(0x0102030405060708UL, up.ExtendedPanId.Value);
            Assert.Equal(5, up.UpdateIdentifier);
            Assert.Equal(new PanId(0x1A64), up.NewPanId);

            Assert.Equal("NetworkUpdate.CommandOptions",
                Assert.Throws<FrameFormatException>(() => NwkCommand.Decode(Hex.Parse("0A 02 0807060504030201 05 641A"))).Field);
        }

        [Fact]
        public void Nwk_3_4_11_end_device_timeout_request()
        {
            NwkEndDeviceTimeoutRequest req = RoundTrip<NwkEndDeviceTimeoutRequest>("0B 08 00");
            Assert.Equal(NwkEndDeviceTimeout.Minutes256, req.RequestedTimeout);
            Assert.Equal(TimeSpan.FromMinutes(256), req.RequestedTimeout.ToTimeSpan());
            Assert.Equal(TimeSpan.FromSeconds(10), NwkEndDeviceTimeout.Seconds10.ToTimeSpan());
            Assert.Equal(TimeSpan.FromMinutes(16384), NwkEndDeviceTimeout.Minutes16384.ToTimeSpan());
            Assert.Null(((NwkEndDeviceTimeout)15).ToTimeSpan());
            Assert.Equal((NwkEndDeviceTimeout)15, RoundTrip<NwkEndDeviceTimeoutRequest>("0B 0F 00").RequestedTimeout);
        }

        [Fact]
        public void Nwk_3_4_12_end_device_timeout_response()
        {
            NwkEndDeviceTimeoutResponse rsp = RoundTrip<NwkEndDeviceTimeoutResponse>("0C 00 03");
            Assert.Equal(NwkEndDeviceTimeoutStatus.Success, rsp.Status);
            Assert.Equal(
                NwkParentInformation.MacDataPollKeepaliveSupported | NwkParentInformation.EndDeviceTimeoutRequestKeepaliveSupported,
                rsp.ParentInformation);
            Assert.Equal(NwkEndDeviceTimeoutStatus.IncorrectValue, RoundTrip<NwkEndDeviceTimeoutResponse>("0C 01 00").Status);
        }

        [Fact]
        public void Nwk_3_4_13_link_power_delta()
        {
            NwkLinkPowerDelta lpd = RoundTrip<NwkLinkPowerDelta>("0D 01 02 3412 FD 7856 05");
            Assert.Equal(NwkLinkPowerDeltaType.Request, lpd.Type);
            Assert.Equal(new NwkLinkPowerDeltaEntry(new NwkAddress(0x1234), -3), lpd.PowerList[0]);
            Assert.Equal(new NwkLinkPowerDeltaEntry(new NwkAddress(0x5678), 5), lpd.PowerList[1]);
        }

        [Fact]
        public void Nwk_3_4_unknown_command_ids_decode_raw()
        {
            NwkRawCommand raw = RoundTrip<NwkRawCommand>("0E 010203");
            Assert.Equal(NwkCommandId.NetworkCommissioningRequest, raw.CommandId);
            Assert.Equal("010203", Hex.Format(raw.Payload.Span));
            Assert.Equal((byte)0xEE, RoundTrip<NwkRawCommand>("EE").CommandIdentifier);
            RoundTrip<NwkRawCommand>("00 FF");
        }

        [Fact]
        public void Nwk_3_4_octets_after_the_fixed_fields_are_kept()
        {
            NwkLeave leave = RoundTrip<NwkLeave>("04 40 AABB");
            Assert.True(leave.Request);
            Assert.Equal("AABB", Hex.Format(leave.TrailingData.Span));
            Assert.NotEqual(leave, NwkCommand.Decode(Hex.Parse("04 40")));
        }

        [Fact]
        public void Nwk_3_4_empty_payload_names_the_command_identifier()
        {
            var ex = Assert.Throws<FrameFormatException>(() => NwkCommand.Decode(ReadOnlySpan<byte>.Empty));
            Assert.Equal(FrameLayer.Nwk, ex.Layer);
            Assert.Equal("CommandIdentifier", ex.Field);
            Assert.Equal(0, ex.Offset);
            Assert.False(NwkCommand.TryDecode(Hex.Parse("01 08"), out NwkCommand? cmd, out FrameFormatException? error));
            Assert.Null(cmd);
            Assert.Equal("RouteRequest.RouteRequestIdentifier", error!.Field);
        }

        [Fact]
        public void Nwk_3_4_command_in_an_unsecured_frame_reports_offsets_from_the_frame_start()
        {
            // Unsecured command frame: FC 0x0009, dst 0x0000, src 0x1234, radius 1, seq 7; link status, truncated.
            NwkFrame frame = NwkFrame.Decode(Hex.Parse("0900 0000 3412 01 07 08 62 3412 71"));
            var ex = Assert.Throws<FrameFormatException>(() => frame.DecodeCommand());
            Assert.Equal(8 + 2, ex.Offset); // the relay list check, after command id and options

            NwkFrame ok = NwkFrame.Decode(Hex.Parse("0900 0000 3412 01 07 04 40"));
            Assert.IsType<NwkLeave>(ok.DecodeCommand());
        }
    }
}
