using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit;
using Zsep.Radio.Hdlc;
using Zsep.Radio.Spinel;
using Zsep.Stack.Types;

namespace Zsep.Radio.Tests
{
    /// <summary>
    /// The published vectors: tests/vectors/spinel-hdlc.json and tests/vectors/from-public-tests/spinel-hdlc.json
    /// (both from Nerivec/zigbee-on-host test/spinel/spinel.test.ts and test/drivers/ot-rcp-driver.test.ts, citing
    /// draft-rquattle-spinel-unified Appendix B and frames recorded from Silicon Labs RCPs).
    /// </summary>
    public class SpinelVectorTests
    {
        public static IEnumerable<object[]> Files() => new[]
        {
            new object[] { "spinel-hdlc.json" },
            new object[] { "from-public-tests/spinel-hdlc.json" },
        };

        [Theory]
        [MemberData(nameof(Files))]
        public void Spinel_3_2_packed_uint_vectors_both_ways(string file)
        {
            JsonElement root = Vectors.Load(file);
            int count = 0;
            foreach (JsonElement pair in root.GetProperty("packedUint").EnumerateArray())
            {
                uint value = pair[0].GetUInt32();
                byte[] bytes = Hex.Parse(pair[1].GetString()!);
                Assert.Equal(bytes, SpinelPackedUInt.Encode(value));
                Assert.Equal(bytes.Length, SpinelPackedUInt.GetEncodedLength(value));
                Assert.Equal(value, SpinelPackedUInt.Decode(bytes));
                count++;
            }

            Assert.Equal(10, count);
        }

        [Theory]
        [MemberData(nameof(Files))]
        public void Spinel_AppB_frames_decode_through_the_stream_and_encode_back(string file)
        {
            JsonElement root = Vectors.Load(file);
            var allHdlc = new List<byte>();
            var allSpinel = new List<byte[]>();
            foreach (JsonElement f in root.GetProperty("frames").EnumerateArray())
            {
                string name = f.Str("name");
                byte[] hdlc = f.Bytes("hdlc");

                // Whole, then one byte at a time.
                var decoder = new HdlcDecoder();
                byte[] spinelBytes = Assert.Single(decoder.Feed(hdlc));
                var slow = new HdlcDecoder();
                var got = new List<byte[]>();
                foreach (byte b in hdlc)
                {
                    slow.Feed(new[] { b }, got);
                }

                Assert.Equal(spinelBytes, Assert.Single(got));
                Assert.Equal(0, decoder.FcsErrors + slow.FcsErrors + slow.BytesDiscarded);
                allHdlc.AddRange(hdlc);
                allSpinel.Add(spinelBytes);

                if (f.TryGetProperty("spinel", out _))
                {
                    Assert.Equal(f.Bytes("spinel"), spinelBytes);
                }

                SpinelFrame frame = SpinelFrame.Decode(spinelBytes);
                if (f.TryGetProperty("tid", out JsonElement tid))
                {
                    Assert.Equal(tid.GetInt32(), frame.Tid);
                }

                if (f.TryGetProperty("nli", out JsonElement nli))
                {
                    Assert.Equal(nli.GetInt32(), frame.Nli);
                }

                if (f.TryGetProperty("flg", out JsonElement flg))
                {
                    Assert.Equal(flg.GetInt32(), frame.Header >> 6);
                }

                if (f.TryGetProperty("commandId", out JsonElement command))
                {
                    Assert.Equal(command.GetUInt32(), (uint)frame.CommandId);
                }
                else
                {
                    Assert.Equal(SpinelCommandId.PropValueIs, frame.CommandId);
                }
                if (f.TryGetProperty("propId", out JsonElement prop))
                {
                    Assert.Equal(prop.GetUInt32(), (uint)frame.PropertyId!.Value);
                }

                if (f.TryGetProperty("payload", out _))
                {
                    int commandLength = SpinelPackedUInt.GetEncodedLength((uint)frame.CommandId);
                    Assert.Equal(f.Bytes("payload"), spinelBytes.AsSpan(1 + commandLength).ToArray());
                }

                if (f.TryGetProperty("macFrame", out _))
                {
                    SpinelStreamRawReceived raw = SpinelStreamRawReceived.Decode(frame.Value);
                    Assert.Equal(f.Bytes("macFrame"), raw.MacFrame);
                    JsonElement md = f.GetProperty("metadata");
                    Assert.Equal(md.GetProperty("rssi").GetInt32(), raw.Rssi);
                    Assert.Equal(md.GetProperty("noiseFloor").GetInt32(), raw.NoiseFloor);
                    Assert.Equal(md.GetProperty("flags").GetInt32(), (int)raw.Flags);
                    Assert.Equal(frame.Value, raw.ToArray());
                }

                // Encode back to the same bytes, Spinel and HDLC.
                Assert.Equal(spinelBytes, frame.ToArray());
                Assert.Equal(hdlc, frame.ToHdlc());
                Assert.True(name.Length > 0);
            }

            // All frames of the file in one read.
            IReadOnlyList<byte[]> merged = new HdlcDecoder().Feed(allHdlc.ToArray());
            Assert.Equal(allSpinel.Count, merged.Count);
            for (int i = 0; i < merged.Count; i++)
            {
                Assert.Equal(allSpinel[i], merged[i]);
            }
        }

        private static SpinelFrame Named(string nameContains)
        {
            JsonElement f = Vectors.Load("spinel-hdlc.json").GetProperty("frames").EnumerateArray()
                .Single(e => e.Str("name").Contains(nameContains, StringComparison.Ordinal));
            return SpinelFrame.Decode(Assert.Single(new HdlcDecoder().Feed(f.Bytes("hdlc"))));
        }

        [Fact]
        public void Spinel_5_core_protocol_version_4_3()
        {
            SpinelFrame frame = Named("PROTOCOL_VERSION 4.3");
            Assert.Equal(SpinelCommandId.PropValueIs, frame.CommandId);
            Assert.Equal(SpinelPropertyId.ProtocolVersion, frame.PropertyId);
            Assert.Equal(1, frame.Tid);
            SpinelProtocolVersion version = SpinelProtocolVersion.Decode(frame.Value);
            Assert.Equal(new SpinelProtocolVersion(4, 3), version);
            Assert.Equal("4.3", version.ToString());
            Assert.Equal(frame.Value, version.ToArray());
        }

        [Fact]
        public void Spinel_rcp_api_version_10_and_min_host_api_version_4()
        {
            SpinelFrame api = Named("RCP_API_VERSION 10");
            Assert.Equal(SpinelPropertyId.RcpApiVersion, api.PropertyId);
            Assert.Equal(0xB0u, (uint)api.PropertyId!.Value);
            Assert.Equal(10u, SpinelValue.DecodePackedUInt(api.Value));
            Assert.Equal(4, api.Tid);

            SpinelFrame min = Named("RCP_MIN_HOST_API_VERSION 4");
            Assert.Equal(SpinelPropertyId.RcpMinHostApiVersion, min.PropertyId);
            Assert.Equal(4u, SpinelValue.DecodePackedUInt(min.Value));
            Assert.Equal(5, min.Tid);
        }

        [Fact]
        public void Spinel_5_core_interface_type_3_is_thread()
        {
            SpinelFrame frame = Named("INTERFACE_TYPE 3");
            Assert.Equal(SpinelPropertyId.InterfaceType, frame.PropertyId);
            Assert.Equal(SpinelProtocolType.Thread, (SpinelProtocolType)SpinelValue.DecodePackedUInt(frame.Value));
            Assert.Equal(3, frame.Tid);
        }

        [Fact]
        public void Spinel_6_last_status_reset_reasons()
        {
            SpinelFrame software = Named("RESET_SOFTWARE");
            Assert.Equal(SpinelPropertyId.LastStatus, software.PropertyId);
            Assert.Equal(SpinelStatus.ResetSoftware, SpinelValue.DecodeStatus(software.Value));
            Assert.Equal(0x72u, (uint)SpinelStatus.ResetSoftware);

            SpinelFrame powerOn = Named("RESET_POWER_ON");
            Assert.Equal(SpinelStatus.ResetPowerOn, SpinelValue.DecodeStatus(powerOn.Value));
            Assert.True(SpinelValue.DecodeStatus(powerOn.Value).IsResetReason());
            Assert.False(SpinelStatus.Ok.IsResetReason());
        }

        [Fact]
        public void Spinel_4_reset_command()
        {
            SpinelFrame reset = Named("RESET command");
            Assert.Equal(SpinelCommandId.Reset, reset.CommandId);
            Assert.Null(reset.PropertyId);
            Assert.Empty(reset.Value);
            Assert.Equal(reset, SpinelFrame.Command(SpinelCommandId.Reset));
        }

        [Fact]
        public void Spinel_5_stream_raw_metadata_of_the_recorded_frame()
        {
            // Fields after rssi/noiseFloor/flags read from the vector's bytes with OpenThread's layout
            // (NcpBase::PackRadioFrame): t(C channel, C LQI, X timestamp) t(i receive error) t(C key id, L counter).
            SpinelFrame frame = Named("STREAM_RAW");
            Assert.Equal(SpinelPropertyId.StreamRaw, frame.PropertyId);
            SpinelStreamRawReceived raw = SpinelStreamRawReceived.Decode(frame.Value);
            Assert.Equal(Hex.Parse("0308d0ffffffff07ffcc"), raw.MacFrame);
            Assert.Equal(-41, raw.Rssi);
            Assert.Equal(-128, raw.NoiseFloor);
            Assert.Equal(SpinelMetadataFlags.None, raw.Flags);
            Assert.Equal((byte)25, raw.Channel);
            Assert.Equal((byte)255, raw.Lqi);
            Assert.Equal(0x02C70CC3UL, raw.Timestamp);
            Assert.Equal(0u, raw.ReceiveError);
            Assert.Equal((byte)0, raw.AckKeyId);
            Assert.Equal(0u, raw.AckFrameCounter);

            SpinelStreamRawReceived rebuilt = SpinelStreamRawReceived.Create(
                raw.MacFrame, -41, -128, SpinelMetadataFlags.None, 25, 255, 0x02C70CC3UL, 0, 0, 0);
            Assert.Equal(frame.Value, rebuilt.ToArray());
            Assert.Equal(frame, rebuilt.ToFrame());
        }
    }
}
