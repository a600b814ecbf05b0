using System;
using System.Diagnostics;
using System.Text.Json;
using Zsep.Stack.Aps;
using Zsep.Stack.Codec;
using Zsep.Stack.Mac;
using Zsep.Stack.Tests.Aps;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;
using Xunit;

namespace Zsep.Stack.Tests.Zdo
{
    public class ZdoTests
    {
        private static T Decode<T>(ushort cluster, string hex)
            where T : ZdoMessage
        {
            byte[] bytes = Hex.Parse(hex);
            ZdoMessage message = ZdoMessage.Decode(cluster, bytes);
            Assert.Equal(cluster, message.ClusterId);
            Assert.Equal(bytes, message.ToArray());
            Assert.Empty(message.TrailingBytes);
            return Assert.IsType<T>(message);
        }

        // ---- published vectors ----

        /// <summary>zoh-captured-frames.json NET2_DEVICE_ANNOUNCE_BCAST: decrypted APS payload and cluster.</summary>
        [Fact]
        public void Zdo_2_4_3_1_11_device_annce_from_published_vector()
        {
            JsonElement expect = default;
            foreach (JsonElement f in Vectors.Load("from-public-tests/zoh-captured-frames.json").GetProperty("frames").EnumerateArray())
            {
                if (f.Str("name") == "NET2_DEVICE_ANNOUNCE_BCAST")
                {
                    expect = f.GetProperty("expect");
                }
            }

            ushort cluster = Convert.ToUInt16(expect.Str("aps.cluster"), 16);
            Assert.Equal("0x0000", expect.Str("aps.profile"));
            var annce = Decode<DeviceAnnounce>(cluster, expect.Str("aps.payloadHex"));
            Assert.Equal("Device_annce", annce.ClusterName);
            Assert.Equal((byte)0, annce.Tsn);
            Assert.Equal(new NwkAddress(0xA18F), annce.NwkAddr);
            Assert.Equal(Eui64.Parse("A4:C1:38:6D:9B:28:0F:DF"), annce.IeeeAddr);
            Assert.Equal(
                MacCapabilityInformation.DeviceTypeFfd | MacCapabilityInformation.PowerSourceMains | MacCapabilityInformation.ReceiverOnWhenIdle | MacCapabilityInformation.AllocateAddress,
                annce.Capability);
        }

        /// <summary>
        /// Node_Desc_rsp payloads from zsmartsystems/com.zsmartsystems.zigbee tests (NodeDescriptorResponseTest.java:
        /// manufacturer 43981, buffer 82, incoming transfer 128; ZDO_NODE_DESC_RSP_Test.java, a CC2531 coordinator).
        /// </summary>
        [Fact]
        public void Zdo_2_4_4_1_3_node_desc_rsp_from_public_test_payloads()
        {
            var rsp = Decode<NodeDescResponse>(0x8002, "00 00 00 00 00 40 8F CD AB 52 80 00 41 2A 80 00 00");
            Assert.Equal(ZdoStatus.SUCCESS, rsp.Status);
            NodeDescriptor d = rsp.NodeDescriptor!;
            Assert.Equal(LogicalType.Coordinator, d.LogicalType);
            Assert.Equal(FrequencyBands.Band2400MHz, d.FrequencyBand);
            Assert.Equal((MacCapabilityInformation)0x8F, d.MacCapabilityFlags);
            Assert.Equal((ushort)43981, d.ManufacturerCode);
            Assert.Equal((byte)82, d.MaximumBufferSize);
            Assert.Equal((ushort)128, d.MaximumIncomingTransferSize);
            Assert.Equal((ushort)128, d.MaximumOutgoingTransferSize);
            Assert.True(d.ServerMask.HasFlag(ServerMask.PrimaryTrustCenter));
            Assert.True(d.ServerMask.HasFlag(ServerMask.NetworkManager));
            Assert.Equal(21, d.StackComplianceRevision);

            var cc2531 = Decode<NodeDescResponse>(0x8002, "00 00 00 00 00 40 0F 00 00 50 A0 00 01 00 A0 00 00");
            Assert.Equal((byte)0x50, cc2531.NodeDescriptor!.MaximumBufferSize);
            Assert.Equal((ushort)0xA0, cc2531.NodeDescriptor.MaximumIncomingTransferSize);
            Assert.Equal(ServerMask.PrimaryTrustCenter, cc2531.NodeDescriptor.ServerMask);
        }

        [Fact]
        public void Zdo_2_4_2_8_zdp_in_an_aps_frame_decodes_with_frame_offsets()
        {
            // Hand-built: APS data frame, broadcast (FC 0x08), dst ep 0, cluster 0x0013, profile 0, src ep 0, counter 0x7B,
            // then the Device_annce payload of NET2_DEVICE_ANNOUNCE_BCAST.
            ApsFrame frame = ApsFrame.Decode(Hex.Parse("08 00 1300 0000 00 7B 008fa1df0f289b6d38c1a48e"));
            Assert.True(ZdoMessage.IsZdpFrame(frame.Header));
            Assert.IsType<DeviceAnnounce>(ZdoMessage.Decode(frame));

            ApsFrame shortFrame = ApsFrame.Decode(Hex.Parse("08 00 1300 0000 00 7B 00 8fa1"));
            var e = Assert.Throws<FrameFormatException>(() => ZdoMessage.Decode(shortFrame));
            Assert.Equal("IEEEAddr", e.Field);
            Assert.Equal(11, e.Offset);

            ApsFrame zcl = ApsFrame.Decode(Hex.Parse("000100EF0401013F095025AF00"));
            Assert.False(ZdoMessage.IsZdpFrame(zcl.Header));
            Assert.Throws<ArgumentException>(() => ZdoMessage.Decode(zcl));
        }

        // ---- hand-built from the spec's field tables (2.3.2, 2.4.3, 2.4.4) ----

        [Fact]
        public void Zdo_2_4_4_1_3_node_desc_rsp_error_has_no_descriptor_and_a_router_descriptor_decodes()
        {
            var error = Decode<NodeDescResponse>(0x8002, "07 89 3412");
            Assert.Equal(ZdoStatus.NO_DESCRIPTOR, error.Status);
            Assert.Null(error.NodeDescriptor);

            // Hand-built 2.3.2.3: end device, 2.4 GHz, allocate address, manufacturer 0x1135, R22 server mask 0x2C00.
            NodeDescriptor d = NodeDescriptor.Decode(Hex.Parse("02 40 80 35 11 52 52 00 00 2C 52 00 00"));
            Assert.Equal(LogicalType.EndDevice, d.LogicalType);
            Assert.Equal((ushort)0x1135, d.ManufacturerCode);
            Assert.Equal(22, d.StackComplianceRevision);
            Assert.Equal(Hex.Parse("02 40 80 35 11 52 52 00 00 2C 52 00 00"), d.ToArray());
        }

        [Fact]
        public void Zdo_2_4_4_1_power_simple_active_match_responses()
        {
            // 2.3.2.4: receiver on when idle, mains + rechargeable available, mains current, 100 %.
            var power = Decode<PowerDescResponse>(0x8003, "01 00 3412 30 C1");
            Assert.Equal(PowerMode.ReceiverOnWhenIdle, power.PowerDescriptor!.CurrentPowerMode);
            Assert.Equal(PowerSources.ConstantMains | PowerSources.RechargeableBattery, power.PowerDescriptor.AvailablePowerSources);
            Assert.Equal(PowerSources.ConstantMains, power.PowerDescriptor.CurrentPowerSource);
            Assert.Equal(PowerSourceLevel.Percent100, power.PowerDescriptor.CurrentPowerSourceLevel);

            // 2.3.2.5: ep 1, HA profile, device 0x0100, version 1, in 0x0000/0x0003/0x0006, out 0x0019; length 16.
            var simple = Decode<SimpleDescResponse>(0x8004, "02 00 3412 10 01 0401 0001 01 03 0000 0300 0600 01 1900");
            SimpleDescriptor s = simple.SimpleDescriptor!;
            Assert.Equal((byte)1, s.Endpoint);
            Assert.Equal((ushort)0x0104, s.ApplicationProfileIdentifier);
            Assert.Equal((ushort)0x0100, s.ApplicationDeviceIdentifier);
            Assert.Equal(new ushort[] { 0x0000, 0x0003, 0x0006 }, s.ApplicationInputClusterList);
            Assert.Equal(new ushort[] { 0x0019 }, s.ApplicationOutputClusterList);

            var noSimple = Decode<SimpleDescResponse>(0x8004, "02 82 3412 00");
            Assert.Equal(ZdoStatus.INVALID_EP, noSimple.Status);
            Assert.Null(noSimple.SimpleDescriptor);

            var active = Decode<ActiveEpResponse>(0x8005, "03 00 3412 02 01 F2");
            Assert.Equal(new byte[] { 0x01, 0xF2 }, active.ActiveEpList);

            var match = Decode<MatchDescResponse>(0x8006, "04 00 3412 01 0B");
            Assert.Equal(new byte[] { 0x0B }, match.MatchList);

            var matchReq = Decode<MatchDescRequest>(0x0006, "05 FDFF 0401 01 0600 00");
            Assert.Equal(new NwkAddress(0xFFFD), matchReq.NwkAddrOfInterest);
            Assert.Equal(new ushort[] { 0x0006 }, matchReq.InClusterList);
            Assert.Empty(matchReq.OutClusterList);
        }

        [Fact]
        public void Zdo_2_4_4_1_1_nwk_and_ieee_addr_rsp_single_and_extended()
        {
            var single = Decode<NwkAddrResponse>(0x8000, "01 00 0807060504030201 3412");
            Assert.Equal(new Eui64(0x0102030405060708), single.IeeeAddrRemoteDev);
            Assert.Equal(new NwkAddress(0x1234), single.NwkAddrRemoteDev);
            Assert.Null(single.NwkAddrAssocDevList);

            var extended = Decode<IeeeAddrResponse>(0x8001, "02 00 0807060504030201 0000 02 00 7856 BC9A");
            Assert.Equal(new[] { new NwkAddress(0x5678), new NwkAddress(0x9ABC) }, extended.NwkAddrAssocDevList);

            var none = Decode<IeeeAddrResponse>(0x8001, "03 00 0807060504030201 0000 00");
            Assert.Empty(none.NwkAddrAssocDevList!);

            var request = Decode<NwkAddrRequest>(0x0000, "04 0807060504030201 01 00");
            Assert.Equal(ZdoAddressRequestType.ExtendedResponse, request.RequestType);
            var ieeeReq = Decode<IeeeAddrRequest>(0x0001, "05 3412 00 00");
            Assert.Equal(new NwkAddress(0x1234), ieeeReq.NwkAddrOfInterest);
        }

        [Fact]
        public void Zdo_2_4_3_2_bind_req_group_and_extended_and_reserved_mode()
        {
            var group = Decode<BindRequest>(0x0021, "10 0807060504030201 01 0600 01 3412");
            Assert.Equal(ZdoAddressMode.Group, group.Binding.DestinationAddressMode);
            Assert.Equal((ushort)0x1234, group.Binding.DestinationGroupAddress);
            Assert.Null(group.Binding.DestinationEndpoint);

            var unbind = Decode<UnbindRequest>(0x0022, "11 0807060504030201 01 0600 03 1111111111111111 02");
            Assert.Equal(new Eui64(0x1111111111111111), unbind.Binding.DestinationAddress);
            Assert.Equal((byte)2, unbind.Binding.DestinationEndpoint);
            Assert.Equal((ushort)0x0006, unbind.Binding.ClusterId);

            var e = Assert.Throws<FrameFormatException>(() => ZdoMessage.Decode(0x0021, Hex.Parse("10 0807060504030201 01 0600 02 3412")));
            Assert.Equal("DstAddrMode", e.Field);
            Assert.Equal(12, e.Offset);

            Assert.Equal(ZdoStatus.TABLE_FULL, Decode<BindResponse>(0x8021, "12 8C").Status);
            Assert.Equal(ZdoStatus.NO_ENTRY, Decode<UnbindResponse>(0x8022, "13 88").Status);
        }

        [Fact]
        public void Zdo_2_4_4_3_2_mgmt_lqi_rsp_neighbor_entry_bits()
        {
            var lqi = Decode<MgmtLqiResponse>(0x8031, "02 00 05 00 01 DDDDDDDDDDDDDDDD 0807060504030201 3412 15 02 01 FF");
            Assert.Equal((byte)5, lqi.NeighborTableEntries);
            NeighborTableEntry n = Assert.Single(lqi.NeighborTableList);
            Assert.Equal(0xDDDDDDDDDDDDDDDDUL, n.ExtendedPanId);
            Assert.Equal(new Eui64(0x0102030405060708), n.ExtendedAddress);
            Assert.Equal(new NwkAddress(0x1234), n.NetworkAddress);
            Assert.Equal(NeighborDeviceType.Router, n.DeviceType);
            Assert.Equal(NeighborRxOnWhenIdle.On, n.RxOnWhenIdle);
            Assert.Equal(NeighborRelationship.Child, n.Relationship);
            Assert.Equal(NeighborPermitJoining.Unknown, n.PermitJoining);
            Assert.Equal((byte)1, n.Depth);
            Assert.Equal((byte)255, n.Lqi);

            Assert.Empty(Decode<MgmtLqiResponse>(0x8031, "03 84").NeighborTableList);
            Assert.Equal((byte)4, Decode<MgmtLqiRequest>(0x0031, "04 04").StartIndex);
        }

        [Fact]
        public void Zdo_2_4_4_3_3_and_4_mgmt_rtg_and_bind_rsp()
        {
            var rtg = Decode<MgmtRtgResponse>(0x8032, "01 00 0A 00 02 3412 10 7856 CDAB 02 CDAB");
            Assert.Equal(2, rtg.RoutingTableList.Count);
            Assert.Equal(RouteStatus.Active, rtg.RoutingTableList[0].Status);
            Assert.True(rtg.RoutingTableList[0].ManyToOne);
            Assert.Equal(new NwkAddress(0x5678), rtg.RoutingTableList[0].NextHopAddress);
            Assert.Equal(RouteStatus.DiscoveryFailed, rtg.RoutingTableList[1].Status);

            var bind = Decode<MgmtBindResponse>(0x8033, "02 00 02 00 02 0807060504030201 01 0600 01 3412 0807060504030201 01 0800 03 1111111111111111 05");
            Assert.Equal(ZdoAddressMode.Group, bind.BindingTableList[0].DestinationAddressMode);
            Assert.Equal(ZdoAddressMode.Extended, bind.BindingTableList[1].DestinationAddressMode);
            Assert.Equal((byte)5, bind.BindingTableList[1].DestinationEndpoint);
        }

        [Fact]
        public void Zdo_2_4_3_3_mgmt_leave_permit_joining_and_nwk_update()
        {
            var leave = Decode<MgmtLeaveRequest>(0x0034, "01 0807060504030201 40");
            Assert.True(leave.RemoveChildren);
            Assert.False(leave.Rejoin);
            Assert.True(Decode<MgmtLeaveRequest>(0x0034, "01 0807060504030201 80").Rejoin);

            var permit = Decode<MgmtPermitJoiningRequest>(0x0036, "02 B4 01");
            Assert.Equal((byte)180, permit.PermitDuration);
            Assert.True(permit.TcSignificance);

            var scan = Decode<MgmtNwkUpdateRequest>(0x0038, "03 0000FF07 03 01");
            Assert.Equal(0x07FF0000u, scan.ScanChannels);
            Assert.Equal((byte)1, scan.ScanCount);
            Assert.Null(scan.NwkUpdateId);

            var change = Decode<MgmtNwkUpdateRequest>(0x0038, "04 00800000 FE 05");
            Assert.Equal((byte)5, change.NwkUpdateId);
            Assert.Null(change.ScanCount);

            var parameters = Decode<MgmtNwkUpdateRequest>(0x0038, "05 00800000 FF 06 0000");
            Assert.Equal(new NwkAddress(0x0000), parameters.NwkManagerAddr);

            var notify = Decode<MgmtNwkUpdateNotify>(0x8038, "06 00 0000FF07 E803 0500 03 10 20 30");
            Assert.Equal((ushort)1000, notify.TotalTransmissions);
            Assert.Equal((ushort)5, notify.TransmissionFailures);
            Assert.Equal(new byte[] { 0x10, 0x20, 0x30 }, notify.EnergyValues);
        }

        [Fact]
        public void Zdo_2_4_unknown_clusters_are_raw_and_trailing_bytes_are_kept()
        {
            ZdoMessage parent = ZdoMessage.Decode(0x001F, Hex.Parse("07 01 0807060504030201"));
            var raw = Assert.IsType<ZdoUnknownMessage>(parent);
            Assert.Equal("Parent_annce", raw.ClusterName);
            Assert.Equal((byte)7, raw.Tsn);
            Assert.Equal(9, raw.Payload.Length);

            byte[] withTlv = Hex.Parse("08 00 AABB01");
            ZdoMessage leave = ZdoMessage.Decode(0x8034, withTlv);
            Assert.Equal(Hex.Parse("AABB01"), leave.TrailingBytes);
            Assert.Equal(withTlv, leave.ToArray());
        }

        [Fact]
        public void Zdo_2_4_5_status_codes_and_cluster_names()
        {
            // Table 2-139: TABLE_FULL is 0x8C (0x87 is reserved).
            Assert.Equal(0x80, (int)ZdoStatus.INV_REQUESTTYPE);
            Assert.Equal(0x86, (int)ZdoStatus.NO_MATCH);
            Assert.Equal(0x88, (int)ZdoStatus.NO_ENTRY);
            Assert.Equal(0x8C, (int)ZdoStatus.TABLE_FULL);
            Assert.Equal(0x8E, (int)ZdoStatus.DEVICE_BINDING_TABLE_FULL);
            Assert.False(Enum.IsDefined(typeof(ZdoStatus), (byte)0x87));

            Assert.Equal("Node_Desc_req", ZdoClusters.GetName(0x0002));
            Assert.Equal("Node_Desc_rsp", ZdoClusters.GetName(0x8002));
            Assert.Equal("Mgmt_NWK_Update_notify", ZdoClusters.GetName(0x8038));
            Assert.Equal("Mgmt_Permit_Joining_req", ZdoClusters.GetName(0x0036));
            Assert.Equal("ZDO_0x7777", ZdoClusters.GetName(0x7777));
            foreach (ushort cluster in ZdoRandom.Clusters)
            {
                Assert.True(ZdoClusters.TryGetName(cluster, out _), $"0x{cluster:X4} has no name");
            }
        }

        [Theory]
        [InlineData(0x0002, "", "TransactionSequenceNumber", 0)]
        [InlineData(0x0006, "05 FDFF 0401 FF 0600", "InClusterList", 6)]
        [InlineData(0x8031, "02 00 05 00 FF 00", "NeighborTableList", 5)]
        [InlineData(0x8033, "02 00 05 00 FF 00", "BindingTableList", 5)]
        [InlineData(0x8032, "02 00 05 00 03 3412 10 7856", "RoutingTableList", 5)]
        [InlineData(0x8005, "03 00 3412 FF 01", "ActiveEPList", 5)]
        [InlineData(0x8004, "02 00 3412 FF 01", "SimpleDescriptor", 5)]
        [InlineData(0x8004, "02 00 3412 0B 01 0401 0001 01 01 0000 00 00", "Length", 4)]
        [InlineData(0x8000, "01 00 0807060504030201 3412 FF 00 0000", "NWKAddrAssocDevList", 14)]
        [InlineData(0x8002, "00 00 0000 00 40", "NodeDescriptor", 4)]
        public void Zdo_2_4_counts_are_bounded_by_the_bytes_left(ushort cluster, string hex, string field, int offset)
        {
            var e = Assert.Throws<FrameFormatException>(() => ZdoMessage.Decode(cluster, Hex.Parse(hex)));
            Assert.Equal(FrameLayer.Zdo, e.Layer);
            Assert.Equal(field, e.Field);
            Assert.Equal(offset, e.Offset);
        }

        // ---- round trip and mutation ----

        [Fact]
        public void Zdo_2_4_round_trip_of_random_messages_of_every_cluster()
        {
            var rng = new Random(20260526);
            for (int i = 0; i < 150; i++)
            {
                foreach (ushort cluster in ZdoRandom.Clusters)
                {
                    ZdoMessage message = ZdoRandom.Message(rng, cluster);
                    byte[] bytes = message.ToArray();
                    Assert.Equal(message.EncodedLength, bytes.Length);
                    ZdoMessage decoded = ZdoMessage.Decode(cluster, bytes);
                    Assert.Equal(message.GetType(), decoded.GetType());
                    FieldEquality.AssertEqual(message, decoded);
                    Assert.Equal(bytes, decoded.ToArray());
                }

                ZdoMessage unknown = ZdoRandom.Message(rng, 0x7000);
                FieldEquality.AssertEqual(unknown, ZdoMessage.Decode(0x7000, unknown.ToArray()));
            }
        }

        [Fact]
        public void Zdo_2_4_mutation_run_only_returns_a_value_or_throws_FrameFormatException()
        {
            var rng = new Random(777);
            var corpus = new (ushort Cluster, byte[] Bytes)[1000];
            for (int i = 0; i < corpus.Length; i++)
            {
                ushort cluster = ZdoRandom.Clusters[rng.Next(ZdoRandom.Clusters.Length)];
                corpus[i] = (cluster, ZdoRandom.Message(rng, cluster).ToArray());
            }

            var watch = Stopwatch.StartNew();
            int decoded = 0;
            for (int i = 0; i < 120_000; i++)
            {
                (ushort cluster, byte[] source) = corpus[rng.Next(corpus.Length)];
                if (rng.Next(10) == 0)
                {
                    cluster = ZdoRandom.Clusters[rng.Next(ZdoRandom.Clusters.Length)];
                }

                byte[] input = Mutator.Mutate(rng, source);
                try
                {
                    ZdoMessage message = ZdoMessage.Decode(cluster, input);
                    byte[] again = message.ToArray();
                    Assert.Equal(again, ZdoMessage.Decode(cluster, again).ToArray());
                    decoded++;
                }
                catch (FrameFormatException)
                {
                }
                catch (Exception e)
                {
                    Assert.Fail($"ZdoMessage.Decode(0x{cluster:X4}, {Hex.Format(input)}) threw {e}");
                }
            }

            Assert.True(decoded > 1000);
        }
    }
}
