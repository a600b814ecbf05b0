using System;
using System.Diagnostics;
using System.Text.Json;
using Zsep.Stack.Aps;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;
using Xunit;

namespace Zsep.Stack.Tests.Aps
{
    public class ApsTests
    {
        private const string ZohFrames = "from-public-tests/zoh-captured-frames.json";

        private static JsonElement Frame(string name)
        {
            foreach (JsonElement f in Vectors.Load(ZohFrames).GetProperty("frames").EnumerateArray())
            {
                if (f.Str("name") == name)
                {
                    return f;
                }
            }

            throw new InvalidOperationException("No vector " + name);
        }

        private static ushort HexU16(string text) => Convert.ToUInt16(text, 16);

        /// <summary>EUI-64 as Nerivec's expectations write it: MSB first without separators.</summary>
        private static Eui64 Eui(string msbFirst) => Eui64.Parse(msbFirst);

        // ---- 2.2.5.1 header, published vectors ----

        /// <summary>
        /// tests/vectors/ccm-star.json "nwkFrame" gives the decrypted NWK payload of zoh-captured-frames.json
        /// NETDEF_ZCL_FRAME_CMD_TO_COORD; its APS fields must be the ones that vector expects.
        /// </summary>
        [Fact]
        public void Aps_2_2_5_1_data_frame_matches_the_decrypted_published_vector()
        {
            JsonElement nwk = Vectors.Load("ccm-star.json").GetProperty("nwkFrame");
            Assert.Equal("Nerivec/zigbee-on-host test/data.ts NETDEF_ZCL_FRAME_CMD_TO_COORD", nwk.Str("source"));
            byte[] plaintext = nwk.Bytes("plaintextApsAndZcl");
            JsonElement expect = Frame("NETDEF_ZCL_FRAME_CMD_TO_COORD").GetProperty("expect");

            ApsFrame frame = ApsFrame.Decode(plaintext);
            Assert.Equal(expect.GetProperty("aps.frameType").GetInt32(), (int)frame.Header.FrameType);
            Assert.Equal(expect.GetProperty("aps.dstEp").GetInt32(), (int)frame.Header.DestinationEndpoint!);
            Assert.Equal(HexU16(expect.Str("aps.cluster")), frame.Header.ClusterId);
            Assert.Equal(HexU16(expect.Str("aps.profile")), frame.Header.ProfileId);
            Assert.Equal(expect.GetProperty("aps.srcEp").GetInt32(), (int)frame.Header.SourceEndpoint!);
            Assert.Equal(expect.GetProperty("aps.counter").GetInt32(), (int)frame.Header.Counter!);
            Assert.Equal(ApsDeliveryMode.Unicast, frame.Header.DeliveryMode);
            Assert.False(frame.IsSecured);
            Assert.Equal(8, frame.HeaderLength);
            Assert.Equal(Hex.Parse("095025AF00"), frame.Payload); // the ZCL frame
            Assert.Equal(plaintext, frame.ToArray());
        }

        /// <summary>
        /// zoh-captured-frames.json NET2_TRANSPORT_KEY_NWK_FROM_COORD has no NWK security, so its APS header is in
        /// the clear: MAC header 9 bytes (FCF 0x8861, PAN id compression, short addresses), NWK header 8 bytes (FCF
        /// 0x0008), APS from byte 17; the last 2 bytes are radio metadata.
        /// </summary>
        [Fact]
        public void Aps_2_2_5_1_secured_command_frame_in_the_clear_from_published_vector()
        {
            JsonElement vector = Frame("NET2_TRANSPORT_KEY_NWK_FROM_COORD");
            JsonElement expect = vector.GetProperty("expect");
            Assert.False(expect.GetProperty("nwk.security").GetBoolean());
            byte[] raw = vector.Bytes("hex");
            byte[] aps = raw.AsSpan(17, raw.Length - 17 - 2).ToArray();

            ApsFrame frame = ApsFrame.Decode(aps);
            Assert.Equal(expect.GetProperty("aps.frameType").GetInt32(), (int)frame.FrameType);
            Assert.Equal(expect.GetProperty("aps.counter").GetInt32(), (int)frame.Header.Counter!);
            Assert.True(frame.IsSecured);
            Assert.Null(frame.Command); // encrypted: the security layer decrypts
            Assert.Equal(2, frame.HeaderLength);
            Assert.Null(frame.Header.ClusterId);
            Assert.Null(frame.Header.DestinationEndpoint);

            // The payload is left raw: aux header first (security control), MIC last.
            Assert.Equal(HexU16(expect.Str("aps.sec.control")), frame.Payload[0]);
            Assert.Equal(Hex.Parse(expect.Str("aps.sec.mic")), frame.Payload.AsSpan(frame.Payload.Length - 4).ToArray());
            Assert.Equal(aps, frame.ToArray());
        }

        // ---- 2.2.5.1 header, hand-built from the spec's field tables ----

        [Fact]
        public void Aps_2_2_5_1_group_data_frame_has_group_address_and_no_destination_endpoint()
        {
            // Hand-built from 2.2.5.1: FC 0x0C (data, group delivery), group 0x1234, cluster 0x0006, profile 0x0104,
            // src ep 1, counter 0x55 (9 header bytes), payload.
            byte[] bytes = Hex.Parse("0C 3412 0600 0401 01 55 11 22");
            ApsHeader h = ApsHeader.Decode(bytes, out int length);
            Assert.Equal(9, length);
            Assert.Equal(ApsDeliveryMode.Group, h.DeliveryMode);
            Assert.Null(h.DestinationEndpoint);
            Assert.Equal((ushort)0x1234, h.GroupAddress);
            Assert.Equal((ushort)0x0006, h.ClusterId);
            Assert.Equal((byte)1, h.SourceEndpoint);
            Assert.Equal((byte)0x55, h.Counter);
            Assert.Equal(bytes, ApsFrame.Decode(bytes).ToArray());
        }

        [Fact]
        public void Aps_2_2_5_2_3_acks_data_ack_has_endpoints_command_ack_has_none()
        {
            // Hand-built from 2.2.5.2.3: data ack FC 0x02, dst ep 1, cluster 0x0006, profile 0x0104, src ep 2, counter 7.
            ApsHeader data = ApsHeader.Decode(Hex.Parse("02 01 0600 0401 02 07"), out int dataLength);
            Assert.Equal(ApsFrameType.Ack, data.FrameType);
            Assert.False(data.AckFormat);
            Assert.Equal(8, dataLength);
            Assert.Equal((byte)2, data.SourceEndpoint);

            // Command ack FC 0x12 (ack format set): counter only.
            ApsHeader command = ApsHeader.Decode(Hex.Parse("12 09"), out int commandLength);
            Assert.True(command.AckFormat);
            Assert.Equal(2, commandLength);
            Assert.Null(command.ClusterId);
            Assert.Null(command.SourceEndpoint);
            Assert.Equal((byte)9, command.Counter);
        }

        [Fact]
        public void Aps_2_2_5_1_8_extended_header_fragmentation_block_and_ack_bitfield()
        {
            // Hand-built from 2.2.5.1.8: data frame with extended header, first fragment, block 0.
            ApsHeader data = ApsHeader.Decode(Hex.Parse("80 01 0000 0000 01 10 01 00"), out int n);
            Assert.Equal(10, n);
            Assert.True(data.ExtendedHeaderPresent);
            Assert.Equal(ApsFragmentation.FirstFragment, data.Fragmentation);
            Assert.Equal((byte)0, data.BlockNumber);
            Assert.Null(data.AckBitfield);

            // Data ack of a fragment: block 3, ack bitfield 0x0F.
            ApsHeader ack = ApsHeader.Decode(Hex.Parse("82 01 0000 0000 01 10 02 03 0F"), out int m);
            Assert.Equal(11, m);
            Assert.Equal(ApsFragmentation.PartOfFragmentedFrame, ack.Fragmentation);
            Assert.Equal((byte)3, ack.BlockNumber);
            Assert.Equal((byte)0x0F, ack.AckBitfield);

            // Not fragmented: extended frame control only.
            ApsHeader plain = ApsHeader.Decode(Hex.Parse("81 22 00"), out int k);
            Assert.Equal(3, k);
            Assert.Null(plain.BlockNumber);
        }

        [Fact]
        public void Aps_2_2_5_1_inter_pan_stub_header_has_no_counter()
        {
            // Hand-built inter-PAN stub APS header (Zigbee 2015 B.4): FC 0x03, cluster 0x0704, profile 0x0109.
            ApsHeader h = ApsHeader.Decode(Hex.Parse("03 0407 0901 AA"), out int n);
            Assert.Equal(5, n);
            Assert.Equal(ApsFrameType.InterPan, h.FrameType);
            Assert.Null(h.Counter);
            Assert.Equal((ushort)0x0109, h.ProfileId);
        }

        [Theory]
        [InlineData("", "FrameControl", 0)]
        [InlineData("00 01 0600", "ProfileId", 4)]
        [InlineData("0C 34", "GroupAddress", 1)]
        [InlineData("00 01 0600 0401 01", "Counter", 7)]
        [InlineData("80 01 0600 0401 01 22 01", "BlockNumber", 9)]
        [InlineData("01 22", "CommandId", 2)]
        public void Aps_2_2_5_1_truncated_frames_name_field_and_offset(string hex, string field, int offset)
        {
            var e = Assert.Throws<FrameFormatException>(() => ApsFrame.Decode(Hex.Parse(hex)));
            Assert.Equal(FrameLayer.Aps, e.Layer);
            Assert.Equal(field, e.Field);
            Assert.Equal(offset, e.Offset);
        }

        [Fact]
        public void Aps_status_codes_table_2_27()
        {
            Assert.Equal(0xA0, (int)ApsStatus.ASDU_TOO_LONG);
            Assert.Equal(0xA7, (int)ApsStatus.NO_ACK);
            Assert.Equal(0xAD, (int)ApsStatus.SECURITY_FAIL);
            Assert.Equal(0xB0, (int)ApsStatus.UNSUPPORTED_ATTRIBUTE);
            Assert.Equal(18, Enum.GetValues(typeof(ApsStatus)).Length);
        }

        // ---- 4.4.10 commands, decrypted payloads from the published vectors ----

        [Fact]
        public void Aps_4_4_10_1_transport_network_key_from_published_vector()
        {
            JsonElement vector = Frame("NET2_TRANSPORT_KEY_NWK_FROM_COORD");
            JsonElement expect = vector.GetProperty("expect");
            byte[] payload = Hex.Parse(expect.Str("aps.payloadHex"));

            ApsCommand command = ApsCommand.Decode(payload);
            Assert.Equal(expect.GetProperty("aps.cmdId").GetInt32(), (int)command.CommandId);
            var tk = Assert.IsType<ApsTransportNetworkKey>(command);
            Assert.Equal(ApsKeyType.StandardNetworkKey, tk.KeyType);
            Assert.Equal(ZigbeeKey.Parse(vector.Str("nwkKey")), tk.Key);
            Assert.Equal((byte)0, tk.KeySequenceNumber);
            Assert.Equal(Eui("A4C1386D9B280FDF"), tk.DestinationAddress);
            Assert.Equal(Eui(expect.Str("aps.sec.src64")), tk.SourceAddress);
            Assert.Equal(payload, command.ToArray());
            Assert.DoesNotContain("0103050709", command.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.Contains("redacted", command.ToString());
        }

        [Fact]
        public void Aps_4_4_10_1_transport_trust_center_link_key_from_published_vector()
        {
            JsonElement vector = Frame("NET2_TRANSPORT_KEY_TC_FROM_COORD");
            byte[] payload = Hex.Parse(vector.GetProperty("expect").Str("aps.payloadHex"));
            var tk = Assert.IsType<ApsTransportTrustCenterLinkKey>(ApsCommand.Decode(payload));
            Assert.Equal(ApsKeyType.TrustCenterLinkKey, tk.KeyType);
            Assert.Equal(ZigbeeKey.Parse(vector.GetProperty("linkKeys")[0].GetString()!), tk.Key);
            Assert.Equal(ZigbeeKey.DefaultTrustCenterLinkKey, tk.Key);
            Assert.Equal(Eui("A4C1386D9B280FDF"), tk.DestinationAddress);
            Assert.Equal(Eui("804B50FFFE0599F9"), tk.SourceAddress);
            Assert.Equal(payload, tk.ToArray());
        }

        [Fact]
        public void Aps_4_4_10_7_verify_key_from_published_vector()
        {
            JsonElement expect = Frame("NET2_VERIFY_KEY_TC_FROM_DEVICE").GetProperty("expect");
            byte[] payload = Hex.Parse(expect.Str("aps.payloadHex"));
            var vk = Assert.IsType<ApsVerifyKeyCommand>(ApsCommand.Decode(payload));
            Assert.Equal(expect.GetProperty("aps.cmdId").GetInt32(), (int)vk.CommandId);
            Assert.Equal(ApsKeyType.TrustCenterLinkKey, vk.KeyType);
            Assert.Equal(Eui("A4C1386D9B280FDF"), vk.SourceAddress);
            Assert.Equal(Hex.Parse("1AB128DF1639A1246AABA72A6A559124"), vk.InitiatorVerifyKeyHashValue);
            Assert.Equal(payload, vk.ToArray());
        }

        [Fact]
        public void Aps_4_4_10_8_confirm_key_from_published_vector()
        {
            JsonElement expect = Frame("NET2_CONFIRM_KEY_TC_SUCCESS").GetProperty("expect");
            byte[] payload = Hex.Parse(expect.Str("aps.payloadHex"));
            var ck = Assert.IsType<ApsConfirmKeyCommand>(ApsCommand.Decode(payload));
            Assert.Equal(expect.GetProperty("aps.cmdId").GetInt32(), (int)ck.CommandId);
            Assert.Equal(ApsStatus.SUCCESS, ck.Status);
            Assert.Equal(ApsKeyType.TrustCenterLinkKey, ck.KeyType);
            Assert.Equal(Eui("A4C1386D9B280FDF"), ck.DestinationAddress);
            Assert.Equal(payload, ck.ToArray());
        }

        // ---- 4.4.10 commands, hand-built from the spec's field layouts ----

        [Fact]
        public void Aps_4_4_10_1_transport_application_link_key_hand_built()
        {
            byte[] payload = Hex.Parse("05 03 000102030405060708090A0B0C0D0E0F 0807060504030201 01");
            var tk = Assert.IsType<ApsTransportApplicationLinkKey>(ApsCommand.Decode(payload));
            Assert.Equal(new Eui64(0x0102030405060708), tk.PartnerAddress);
            Assert.True(tk.Initiator);
            Assert.Equal(payload, tk.ToArray());
        }

        [Fact]
        public void Aps_4_4_10_2_to_6_update_remove_request_switch_tunnel_hand_built()
        {
            var ud = Assert.IsType<ApsUpdateDeviceCommand>(ApsCommand.Decode(Hex.Parse("06 0807060504030201 3412 01")));
            Assert.Equal(new Eui64(0x0102030405060708), ud.DeviceAddress);
            Assert.Equal(new NwkAddress(0x1234), ud.DeviceShortAddress);
            Assert.Equal(ApsUpdateDeviceStatus.StandardDeviceUnsecuredJoin, ud.Status);

            var rd = Assert.IsType<ApsRemoveDeviceCommand>(ApsCommand.Decode(Hex.Parse("07 0807060504030201")));
            Assert.Equal(new Eui64(0x0102030405060708), rd.TargetAddress);

            var tc = Assert.IsType<ApsRequestKeyCommand>(ApsCommand.Decode(Hex.Parse("08 04")));
            Assert.Null(tc.PartnerAddress);
            var app = Assert.IsType<ApsRequestKeyCommand>(ApsCommand.Decode(Hex.Parse("08 02 0807060504030201")));
            Assert.Equal(new Eui64(0x0102030405060708), app.PartnerAddress);

            var sk = Assert.IsType<ApsSwitchKeyCommand>(ApsCommand.Decode(Hex.Parse("09 07")));
            Assert.Equal((byte)7, sk.KeySequenceNumber);

            byte[] tunnel = Hex.Parse("0E 0807060504030201 21 6A 30 01020304");
            var tu = Assert.IsType<ApsTunnelCommand>(ApsCommand.Decode(tunnel));
            Assert.Equal(Hex.Parse("21 6A 30 01020304"), tu.TunneledFrame);
            Assert.True(ApsFrame.Decode(tu.TunneledFrame).IsSecured);
            Assert.Equal(tunnel, tu.ToArray());
        }

        [Fact]
        public void Aps_4_4_10_unknown_command_is_raw_and_unsecured_command_frame_decodes_its_command()
        {
            var unknown = Assert.IsType<ApsUnknownCommand>(ApsCommand.Decode(Hex.Parse("11 AABB")));
            Assert.Equal(ApsCommandId.RelayMessageDownstream, unknown.CommandId);
            Assert.Equal(new byte[] { 0xAA, 0xBB }, unknown.Payload);

            // Unsecured command frame (FC 0x01, counter 0x10) carrying Switch-Key.
            ApsFrame frame = ApsFrame.Decode(Hex.Parse("01 10 09 03"));
            Assert.IsType<ApsSwitchKeyCommand>(frame.Command);
        }

        [Theory]
        [InlineData("05 06 00", "StandardKeyType", 1)]
        [InlineData("05 04 0001", "Key", 2)]
        [InlineData("09 01 02", "Payload", 2)]
        [InlineData("0F 04 0102030405060708 0102", "InitiatorVerifyKeyHashValue", 10)]
        public void Aps_4_4_10_malformed_commands_name_field_and_offset(string hex, string field, int offset)
        {
            var e = Assert.Throws<FrameFormatException>(() => ApsCommand.Decode(Hex.Parse(hex)));
            Assert.Equal(field, e.Field);
            Assert.Equal(offset, e.Offset);
        }

        // ---- round trip and mutation ----

        [Fact]
        public void Aps_2_2_5_round_trip_of_random_frames_and_commands()
        {
            var rng = new Random(20260525);
            for (int i = 0; i < 4000; i++)
            {
                ApsHeader header = ApsRandom.Header(rng);
                byte[] hb = header.ToArray();
                Assert.Equal(header.HeaderLength, hb.Length);
                ApsHeader h2 = ApsHeader.Decode(hb, out int length);
                Assert.Equal(hb.Length, length);
                Assert.Equal(header, h2);
                Assert.Equal(hb, h2.ToArray());

                ApsFrame frame = ApsRandom.Frame(rng);
                byte[] fb = frame.ToArray();
                ApsFrame f2 = ApsFrame.Decode(fb);
                FieldEquality.AssertEqual(frame.Header, f2.Header);
                Assert.Equal(frame.Payload, f2.Payload);
                FieldEquality.AssertEqual(frame.Command, f2.Command);
                Assert.Equal(fb, f2.ToArray());

                ApsCommand command = ApsRandom.Command(rng);
                byte[] cb = command.ToArray();
                Assert.Equal(command.EncodedLength, cb.Length);
                ApsCommand c2 = ApsCommand.Decode(cb);
                FieldEquality.AssertEqual(command, c2);
                Assert.Equal(cb, c2.ToArray());
            }
        }

        [Fact]
        public void Aps_2_2_5_mutation_run_only_returns_a_value_or_throws_FrameFormatException()
        {
            var rng = new Random(424242);
            var corpus = new byte[600][];
            for (int i = 0; i < corpus.Length; i++)
            {
                corpus[i] = i % 2 == 0 ? ApsRandom.Frame(rng).ToArray() : ApsRandom.Command(rng).ToArray();
            }

            var watch = Stopwatch.StartNew();
            int decoded = 0;
            for (int i = 0; i < 110_000; i++)
            {
                byte[] input = Mutator.Mutate(rng, corpus[rng.Next(corpus.Length)]);
                try
                {
                    ApsFrame frame = ApsFrame.Decode(input);
                    byte[] again = frame.ToArray();
                    Assert.Equal(again, ApsFrame.Decode(again).ToArray());
                    decoded++;
                }
                catch (FrameFormatException)
                {
                }
                catch (Exception e)
                {
                    Assert.Fail($"ApsFrame.Decode({Hex.Format(input)}) threw {e}");
                }

                try
                {
                    ApsCommand command = ApsCommand.Decode(input);
                    byte[] again = command.ToArray();
                    Assert.Equal(again, ApsCommand.Decode(again).ToArray());
                }
                catch (FrameFormatException)
                {
                }
                catch (Exception e)
                {
                    Assert.Fail($"ApsCommand.Decode({Hex.Format(input)}) threw {e}");
                }
            }

            Assert.True(decoded > 1000);
        }
    }

    /// <summary>Corruptions for the mutation runs: bit flips, truncations, insertions, bytes set to 0xFF.</summary>
    internal static class Mutator
    {
        public static byte[] Mutate(Random rng, byte[] source)
        {
            byte[] data = (byte[])source.Clone();
            int rounds = 1 + rng.Next(3);
            for (int k = 0; k < rounds; k++)
            {
                switch (rng.Next(5))
                {
                    case 0:
                        if (data.Length > 0)
                        {
                            data[rng.Next(data.Length)] ^= (byte)(1 << rng.Next(8));
                        }

                        break;
                    case 1:
                        Array.Resize(ref data, rng.Next(data.Length + 1));
                        break;
                    case 2:
                        {
                            int at = rng.Next(data.Length + 1);
                            var bigger = new byte[data.Length + 1];
                            Array.Copy(data, 0, bigger, 0, at);
                            bigger[at] = (byte)rng.Next(256);
                            Array.Copy(data, at, bigger, at + 1, data.Length - at);
                            data = bigger;
                            break;
                        }

                    case 3:
                        if (data.Length > 0)
                        {
                            data[rng.Next(data.Length)] = 0xFF;
                        }

                        break;
                    default:
                        if (data.Length > 0)
                        {
                            data[rng.Next(data.Length)] = (byte)rng.Next(256);
                        }

                        break;
                }
            }

            return data;
        }
    }
}
