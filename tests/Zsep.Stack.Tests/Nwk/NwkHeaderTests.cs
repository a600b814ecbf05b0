using System;
using Xunit;
using Zsep.Stack.Codec;
using Zsep.Stack.Nwk;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.Nwk
{
    /// <summary>
    /// NWK header layout, Zigbee PRO 2015 (05-3474-21) 3.3.1. Hex strings here are hand-built from the spec's
    /// general NPDU frame format figure (little-endian fields in the order of 3.3.1.1-3.3.1.9).
    /// </summary>
    public class NwkHeaderTests
    {
        private static readonly Eui64 Ieee1 = Eui64.Parse("00:12:4B:00:24:C3:4D:A0");
        private static readonly Eui64 Ieee2 = Eui64.Parse("80:4B:50:FF:FE:A4:B9:73");

        [Fact]
        public void Nwk_3_3_1_1_frame_control_every_sub_field()
        {
            var h = new NwkHeader
            {
                FrameType = NwkFrameType.Command,
                ProtocolVersion = 2,
                DiscoverRoute = NwkDiscoverRoute.EnableRouteDiscovery,
                Security = true,
                EndDeviceInitiator = true,
                DestinationIeeeAddress = Ieee1,
                SourceIeeeAddress = Ieee2,
                MulticastControl = new NwkMulticastControl(NwkMulticastMode.MemberMode, 3, 7),
                SourceRoute = new NwkSourceRoute(1, new[] { new NwkAddress(0x1111), new NwkAddress(0x2222) }),
            };

            // type 01 | version 0010 | discover 01 | multicast | security | source route | dst IEEE | src IEEE | ED initiator
            Assert.Equal(0x3F49, h.FrameControl);
            Assert.Equal(8 + 8 + 8 + 1 + 2 + 4, h.HeaderLength);
            byte[] bytes = h.ToArray();
            Assert.Equal(h.HeaderLength, bytes.Length);
            Assert.Equal("493F", Hex.Format(bytes.AsSpan(0, 2)));
            Assert.Equal("ED", Hex.Format(bytes.AsSpan(24, 1))); // mode 1 | radius 3 << 2 | max 7 << 5
            Assert.Equal("0201" + "1111" + "2222", Hex.Format(bytes.AsSpan(25)));

            NwkHeader d = NwkHeader.Decode(bytes);
            Assert.Equal(h, d);
            Assert.True(d.MulticastFlag && d.SourceRouteFlag && d.DestinationIeeeAddressPresent && d.SourceIeeeAddressPresent);
            Assert.True(d.IsSecured);
            Assert.Equal(2, d.SourceRoute!.RelayCount);
        }

        [Theory]
        [InlineData("0800", NwkFrameType.Data, NwkDiscoverRoute.SuppressRouteDiscovery)]
        [InlineData("4900", NwkFrameType.Command, NwkDiscoverRoute.EnableRouteDiscovery)]
        [InlineData("8A00", NwkFrameType.Reserved, NwkDiscoverRoute.Reserved)]
        [InlineData("C800", NwkFrameType.Data, NwkDiscoverRoute.ForceRouteDiscovery)]
        public void Nwk_3_3_1_1_frame_type_and_discover_route(string fc, NwkFrameType type, NwkDiscoverRoute discover)
        {
            NwkHeader h = NwkHeader.Decode(Hex.Parse(fc + "FFFF 0000 1E 01"));
            Assert.Equal(type, h.FrameType);
            Assert.Equal(discover, h.DiscoverRoute);
            Assert.Equal(2, h.ProtocolVersion);
            Assert.Equal(NwkAddress.BroadcastAll, h.DestinationAddress);
            Assert.Equal(8, h.HeaderLength);
        }

        [Fact]
        public void Nwk_3_3_1_1_inter_pan_stub_header_is_the_frame_control_only()
        {
            NwkFrame f = NwkFrame.Decode(Hex.Parse("0B00 0C 0100 0109"));
            Assert.True(f.Header.IsInterPan);
            Assert.Equal(2, f.Header.HeaderLength);
            Assert.Equal("0C01000109", Hex.Format(f.Payload.Span));
            Assert.Equal("0B000C01000109", Hex.Format(f.ToArray()));
        }

        [Fact]
        public void Nwk_3_3_1_8_multicast_control_sub_fields()
        {
            NwkHeader h = NwkHeader.Decode(Hex.Parse("0801 0100 3412 05 09 B5"));
            Assert.Equal(new NwkMulticastControl(NwkMulticastMode.MemberMode, 5, 5), h.MulticastControl);
            Assert.Equal(9, h.HeaderLength);
            Assert.Throws<InvalidOperationException>(() => new NwkMulticastControl(NwkMulticastMode.MemberMode, 8, 0).ToByte());
        }

        [Fact]
        public void Nwk_3_3_1_9_source_route_subframe()
        {
            // FC 0x0408 (data, version 2, source route), dst 0x5678, src 0x0000, radius 30, seq 9, 2 relays, index 1.
            byte[] bytes = Hex.Parse("0804 7856 0000 1E 09 02 01 3412 BC9A 00");
            NwkFrame f = NwkFrame.Decode(bytes);
            Assert.Equal(new NwkAddress(0x5678), f.Header.DestinationAddress);
            Assert.Equal(1, f.Header.SourceRoute!.RelayIndex);
            Assert.Equal(new[] { new NwkAddress(0x1234), new NwkAddress(0x9ABC) }, f.Header.SourceRoute.RelayList);
            Assert.Equal(14, f.Header.HeaderLength);
            Assert.Equal("00", Hex.Format(f.Payload.Span));
            Assert.Equal(bytes, f.ToArray());
        }

        [Fact]
        public void Nwk_3_3_1_9_relay_count_beyond_the_frame_is_a_frame_format_error()
        {
            var ex = Assert.Throws<FrameFormatException>(() => NwkHeader.Decode(Hex.Parse("0804 7856 0000 1E 09 FF 01 3412")));
            Assert.Equal(FrameLayer.Nwk, ex.Layer);
            Assert.Equal("SourceRoute.RelayList", ex.Field);
            Assert.Equal(10, ex.Offset);
        }

        [Theory]
        [InlineData("", "FrameControl", 0)]
        [InlineData("48", "FrameControl", 0)]
        [InlineData("4802 00", "DestinationAddress", 2)]
        [InlineData("4802 0000 38AA", "Radius", 6)]
        [InlineData("4802 0000 38AA 1E", "SequenceNumber", 7)]
        [InlineData("4812 0000 38AA 1E 01 A04DC3", "SourceIeeeAddress", 8)]
        [InlineData("4818 0000 38AA 1E 01 A04DC324004B1200", "SourceIeeeAddress", 16)]
        [InlineData("4803 0000 38AA 1E 01", "MulticastControl", 8)]
        [InlineData("4806 0000 38AA 1E 01 01", "SourceRoute.RelayIndex", 9)]
        public void Nwk_3_3_1_truncated_header_names_field_and_offset(string hex, string field, int offset)
        {
            var ex = Assert.Throws<FrameFormatException>(() => NwkFrame.Decode(Hex.Parse(hex)));
            Assert.Equal(field, ex.Field);
            Assert.Equal(offset, ex.Offset);
            Assert.False(NwkHeader.TryDecode(Hex.Parse(hex), out NwkHeader? h, out FrameFormatException? err));
            Assert.Null(h);
            Assert.Equal(field, err!.Field);
        }

        [Fact]
        public void Nwk_3_3_1_header_decode_ignores_what_follows()
        {
            NwkHeader h = NwkHeader.Decode(Hex.Parse("4802 0000 38AA 1E 80 28 2E2F9A02"));
            Assert.Equal(8, h.HeaderLength);
            Assert.True(NwkFrame.TryDecode(Hex.Parse("4802 0000 38AA 1E 80"), out NwkFrame? f, out _));
            Assert.Equal(0, f!.Payload.Length);
        }

        [Fact]
        public void Nwk_3_3_1_encode_rejects_out_of_range_fields()
        {
            Assert.Throws<InvalidOperationException>(() => new NwkHeader { ProtocolVersion = 16 }.ToArray());
            Assert.Throws<InvalidOperationException>(() => new NwkHeader
            {
                SourceRoute = new NwkSourceRoute(0, new NwkAddress[256]),
            }.ToArray());
            Assert.Throws<ArgumentException>(() => new NwkHeader().Encode(new byte[7]));
        }

        [Fact]
        public void Nwk_3_7_status_enums_have_the_spec_values()
        {
            Assert.Equal(0x00, (int)NwkStatusCode.NoRouteAvailable);
            Assert.Equal(0x0B, (int)NwkStatusCode.SourceRouteFailure);
            Assert.Equal(0x0D, (int)NwkStatusCode.AddressConflict);
            Assert.Equal(0x13, (int)NwkStatusCode.UnknownCommand);
            Assert.Equal(21, Enum.GetValues(typeof(NwkStatusCode)).Length);
            Assert.Equal(0xC1, (int)NlmeStatus.InvalidParameter);
            Assert.Equal(0xCA, (int)NlmeStatus.NoNetworks);
            Assert.Equal(0xCC, (int)NlmeStatus.MaxFrameCounter);
            Assert.Equal(0xD0, (int)NlmeStatus.RouteDiscoveryFailed);
            Assert.Equal(0xD3, (int)NlmeStatus.FrameNotBuffered);
            Assert.Equal(0x02, (int)NwkRejoinStatus.PanAccessDenied);
        }
    }
}
