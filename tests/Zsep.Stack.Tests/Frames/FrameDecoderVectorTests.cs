using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Zsep.Stack.Codec;
using Zsep.Stack.Frames;
using Zsep.Stack.Security;
using Zsep.Stack.Types;
using Xunit;

namespace Zsep.Stack.Tests.Frames
{
    /// <summary>
    /// The layered decoder on real captured frames: tests/vectors/from-public-tests/zoh-captured-frames.json
    /// (Nerivec/zigbee-on-host test/data.ts; expected fields from the Wireshark dissections noted there). Every
    /// field listed under "expect" is checked; an expectation this test does not know fails it.
    /// </summary>
    public class FrameDecoderVectorTests
    {
        public static IEnumerable<object[]> Frames() =>
            Vectors.Load("from-public-tests/zoh-captured-frames.json").GetProperty("frames").EnumerateArray()
                .Select(f => new object[] { f.Str("name") });

        private static JsonElement Frame(string name) =>
            Vectors.Load("from-public-tests/zoh-captured-frames.json").GetProperty("frames").EnumerateArray().First(f => f.Str("name") == name);

        private static FrameKeys KeysOf(JsonElement f)
        {
            var keys = new FrameKeys { NetworkKey = ZigbeeKey.Parse(f.Str("nwkKey")), TryDefaultTrustCenterLinkKey = false };
            foreach (JsonElement k in f.GetProperty("linkKeys").EnumerateArray())
            {
                keys.AddLinkKey(ZigbeeKey.Parse(k.GetString()!));
            }

            return keys;
        }

        private static long Number(string text) =>
            text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? long.Parse(text.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : long.Parse(text, CultureInfo.InvariantCulture);

        private static long Expected(JsonElement value) =>
            value.ValueKind == JsonValueKind.Number ? value.GetInt64() : Number(value.GetString()!);

        [Theory]
        [MemberData(nameof(Frames))]
        public void Captured_frame_decodes_through_every_layer(string name)
        {
            JsonElement f = Frame(name);
            // The captures end with 2 bytes of radio metadata where the FCS would be.
            DecodedFrame d = FrameDecoder.Decode(f.Bytes("hex"), FcsMode.Present, KeysOf(f));
            Assert.False(d.FcsValid);

            foreach (JsonProperty e in f.GetProperty("expect").EnumerateObject())
            {
                JsonElement v = e.Value;
                string field = e.Name;
                object? actual = field switch
                {
                    "mac.seq" => (long?)d.Mac!.SequenceNumber,
                    "mac.dstPan" => (long?)d.Mac!.DestinationPanId!.Value.Value,
                    "mac.dst16" => (long?)d.Mac!.DestinationAddress.ShortAddress,
                    "mac.src16" => (long?)d.Mac!.SourceAddress.ShortAddress,
                    "nwk.frameType" => (long)d.Nwk!.FrameType,
                    "nwk.dst" => (long)d.Nwk!.DestinationAddress.Value,
                    "nwk.src" => (long)d.Nwk!.SourceAddress.Value,
                    "nwk.radius" => (long)d.Nwk!.Radius,
                    "nwk.seq" => (long)d.Nwk!.SequenceNumber,
                    "nwk.security" => d.Nwk!.IsSecured,
                    "nwk.src64" => d.Nwk!.SourceIeeeAddress!.Value.ToCompactString(),
                    "nwk.sec.control" => (long)d.NwkAuxiliaryHeader!.Value.SecurityControl,
                    "nwk.sec.frameCounter" => (long)d.NwkAuxiliaryHeader!.Value.FrameCounter,
                    "nwk.sec.src64" => d.NwkAuxiliaryHeader!.Value.SourceAddress!.Value.ToCompactString(),
                    "nwk.sec.keySeq" => (long?)d.NwkAuxiliaryHeader!.Value.KeySequenceNumber,
                    "nwk.sec.mic" => d.NwkMic,
                    "nwk.decrypted" => d.NwkSecurity == SecurityOutcome.Decrypted,
                    "nwk.cmdId" => (long)d.NwkCommand!.CommandId,
                    "nwk.cmdPayloadHex" => Hex.Format(d.NwkCommand!.ToArray()),
                    "aps.frameType" => (long)d.Aps!.FrameType,
                    "aps.dstEp" => (long?)d.Aps!.DestinationEndpoint,
                    "aps.cluster" => (long?)d.Aps!.ClusterId,
                    "aps.profile" => (long?)d.Aps!.ProfileId,
                    "aps.srcEp" => (long?)d.Aps!.SourceEndpoint,
                    "aps.counter" => (long?)d.Aps!.Counter,
                    "aps.security" => d.Aps!.IsSecured,
                    "aps.sec.control" => (long)d.ApsAuxiliaryHeader!.Value.SecurityControl,
                    "aps.sec.keyId" => (long)d.ApsAuxiliaryHeader!.Value.KeyIdentifier,
                    "aps.sec.frameCounter" => (long)d.ApsAuxiliaryHeader!.Value.FrameCounter,
                    "aps.sec.src64" => d.ApsAuxiliaryHeader!.Value.SourceAddress!.Value.ToCompactString(),
                    "aps.sec.mic" => d.ApsMic,
                    "aps.decrypted" => d.ApsSecurity == SecurityOutcome.Decrypted,
                    "aps.cmdId" => (long)d.ApsCommand!.CommandId,
                    "aps.payloadHex" => Hex.Format(d.ApsCommand?.ToArray() ?? d.Zdo!.ToArray()),
                    "zcl.frameType" => (long)d.Zcl!.Header.FrameType,
                    "zcl.tsn" => (long)d.Zcl!.Header.TransactionSequenceNumber,
                    "zcl.cmdId" => (long)d.Zcl!.Header.CommandId,
                    "zcl.payloadHex" => Hex.Format(d.Zcl!.Payload),
                    _ => throw new Xunit.Sdk.XunitException($"{name}: unknown expectation {field}"),
                };

                object expected = v.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.String when field.EndsWith("Hex", StringComparison.Ordinal) || field.EndsWith("mic", StringComparison.Ordinal) || field.EndsWith("64", StringComparison.Ordinal)
                        => v.GetString()!.ToUpperInvariant(),
                    _ => Expected(v),
                };

                if (actual is long? || actual is long)
                {
                    Assert.True(Equals(expected, actual), $"{name}: {field} is {actual}, expected {expected}");
                }
                else
                {
                    Assert.True(Equals(expected, actual), $"{name}: {field} is '{actual}', expected '{expected}'");
                }
            }
        }

        [Fact]
        public void Every_secured_capture_decrypts_to_its_top_layer_and_names_its_command()
        {
            foreach (object[] row in Frames())
            {
                JsonElement f = Frame((string)row[0]);
                DecodedFrame d = FrameDecoder.Decode(f.Bytes("hex"), FcsMode.Present, KeysOf(f));
                Assert.NotEqual(SecurityOutcome.MicFailed, d.NwkSecurity);
                Assert.NotEqual(SecurityOutcome.MicFailed, d.ApsSecurity);
                Assert.Null(d.UndecodedPayload);
                Assert.False(string.IsNullOrEmpty(d.Command), d.Summary);
            }
        }

        [Fact]
        public void Wrong_network_key_is_MicFailed_and_no_key_is_NoKey()
        {
            JsonElement f = Frame("NETDEF_ZCL_FRAME_CMD_TO_COORD");
            byte[] bytes = f.Bytes("hex");
            DecodedFrame wrong = FrameDecoder.Decode(bytes, FcsMode.Present, new FrameKeys { NetworkKey = ZigbeeKey.Parse("000102030405060708090A0B0C0D0E0F") });
            Assert.Equal(SecurityOutcome.MicFailed, wrong.NwkSecurity);
            Assert.Equal(FrameLayer.Nwk, wrong.Layer);
            Assert.NotNull(wrong.UndecodedPayload);

            DecodedFrame none = FrameDecoder.Decode(bytes, FcsMode.Present);
            Assert.Equal(SecurityOutcome.NoKey, none.NwkSecurity);
            Assert.Equal(43659054u, none.NwkAuxiliaryHeader!.Value.FrameCounter);
        }

        [Fact]
        public void Transport_key_is_decrypted_with_the_default_TC_link_key_and_never_displayed()
        {
            JsonElement f = Frame("NET2_TRANSPORT_KEY_NWK_FROM_COORD");
            DecodedFrame d = FrameDecoder.Decode(f.Bytes("hex"), FcsMode.Present, new FrameKeys());
            Assert.Equal(SecurityOutcome.Decrypted, d.ApsSecurity);
            var tk = Assert.IsType<Zsep.Stack.Aps.ApsTransportNetworkKey>(d.ApsCommand);
            Assert.Equal("01030507090B0D0F00020406080A0C0D", tk.Key.ExportHex());
            foreach (string text in new[] { d.ToString(), d.Summary, tk.ToString(), d.ApsCommand!.ToString() })
            {
                Assert.DoesNotContain("01030507090B0D0F", text, StringComparison.OrdinalIgnoreCase);
            }
        }

        [Fact]
        public void Fcs_auto_strips_only_a_valid_fcs()
        {
            JsonElement f = Frame("NETDEF_ZCL_FRAME_CMD_TO_COORD");
            byte[] captured = f.Bytes("hex");
            byte[] withFcs = captured.ToArray();
            Zsep.Stack.Mac.MacFcs.Write(withFcs.AsSpan(0, withFcs.Length - 2), withFcs.AsSpan(withFcs.Length - 2));
            DecodedFrame d = FrameDecoder.Decode(withFcs, FcsMode.Auto, KeysOf(f));
            Assert.True(d.FcsValid);
            Assert.Equal(SecurityOutcome.Decrypted, d.NwkSecurity);

            // Without a valid FCS, Auto keeps the two bytes as payload, so the MIC no longer checks.
            DecodedFrame raw = FrameDecoder.Decode(captured, FcsMode.Auto, KeysOf(f));
            Assert.Null(raw.FcsValid);
            Assert.Equal(SecurityOutcome.MicFailed, raw.NwkSecurity);
        }

        [Fact]
        public void Decoding_can_start_at_the_nwk_layer()
        {
            JsonElement v = Vectors.Load("ccm-star.json").GetProperty("nwkFrame");
            byte[] nwk = v.Bytes("nwkHeader").Concat(v.Bytes("auxHeaderOnAir")).Concat(v.Bytes("ciphertextAndMic")).ToArray();
            DecodedFrame d = FrameDecoder.Decode(nwk, keys: new FrameKeys { NetworkKey = ZigbeeKey.Parse(v.Str("networkKey")) }, startLayer: FrameLayer.Nwk);
            Assert.Equal(SecurityOutcome.Decrypted, d.NwkSecurity);
            Assert.Equal(FrameLayer.Zcl, d.Layer);
            Assert.Null(d.Mac);
        }

        [Fact]
        public void Errors_name_the_field_and_the_offset_in_the_whole_frame()
        {
            JsonElement f = Frame("NET2_TRANSPORT_KEY_NWK_FROM_COORD");
            byte[] bytes = f.Bytes("hex");
            // Cut inside the APS auxiliary header: MAC 9 + NWK 8 + APS header 2 = offset 19 starts the aux header.
            var e = Assert.Throws<FrameFormatException>(() => FrameDecoder.Decode(bytes.AsSpan(0, 22).ToArray(), FcsMode.Absent));
            Assert.Equal(FrameLayer.Security, e.Layer);
            Assert.InRange(e.Offset, 19, 22);
        }
    }
}
