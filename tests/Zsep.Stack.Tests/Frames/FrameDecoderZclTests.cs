using System.Linq;
using Zsep.Stack.Codec;
using Zsep.Stack.Frames;
using Zsep.Stack.Security;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Xunit;

namespace Zsep.Stack.Tests.Frames
{
    /// <summary>ZCL through the decoder: cluster and attribute names come from the definition tables.</summary>
    public class FrameDecoderZclTests
    {
        // Hand-built from ZCL 2.5.2 (Read Attributes Response) and SE 1.4 D.3 (Metering attributes):
        // CurrentSummationDelivered uint48 12345, InstantaneousDemand int24 1000, UnitOfMeasure enum8 kWh (0),
        // SummationFormatting map8 0x2B, Status map8 0, and an unsupported attribute 0x0001 (status 0x86).
        internal const string MeteringReadResponse = "18 2A 01" + "0000 00 25 393000000000" + "0004 00 2A E80300" + "0003 00 30 00" + "0303 00 18 2B" + "0002 00 18 00" + "0100 86";

        // APS data frame, secured with a link key (frame control 0x20), endpoints 1 -> 1, cluster 0x0702, SE profile 0x0109, counter 7.
        internal const string ApsHeader = "20 01 0207 0901 01 07";

        internal static readonly ZigbeeKey LinkKey = ZigbeeKey.Parse("66B6900981E1EE3CA4206B6B861C02BB");
        internal static readonly Eui64 Meter = Eui64.Parse("00:0D:6F:00:0B:BC:AB:01");

        internal static byte[] SecuredApsFrame()
        {
            byte[] header = Hex.Parse(ApsHeader);
            byte[] zcl = Hex.Parse(MeteringReadResponse);
            var aux = new AuxiliarySecurityHeader(SecurityLevel.EncMic32, KeyIdentifier.Data, 0x1234, Meter, null);
            byte[] frame = new byte[ZigbeeSecurity.SecuredLength(header.Length, aux, zcl.Length)];
            ZigbeeSecurity.Secure(header, aux, zcl, LinkKey, null, frame);
            return frame;
        }

        [Fact]
        public void Read_attributes_response_names_each_metering_attribute_after_aps_decryption()
        {
            var keys = new FrameKeys().AddLinkKey(LinkKey, Meter);
            DecodedFrame d = FrameDecoder.Decode(SecuredApsFrame(), keys: keys, startLayer: FrameLayer.Aps);
            Assert.Equal(SecurityOutcome.Decrypted, d.ApsSecurity);
            Assert.Equal("Metering", d.Cluster);
            Assert.Equal(FrameLayer.Zcl, d.Layer);
            var a = d.Attributes!;
            Assert.Equal(new[] { "CurrentSummationDelivered", "InstantaneousDemand", "UnitOfMeasure", "SummationFormatting", "Status", "CurrentSummationReceived" }, a.Select(x => x.Name));
            Assert.Equal(12345UL, a[0].Value);
            Assert.Equal(ZclDataType.UInt48, a[0].DataType);
            Assert.Equal(1000L, System.Convert.ToInt64(a[1].Value));
            Assert.Equal(ZclStatus.UnsupportedAttribute, a[5].Status);
            Assert.Contains("CurrentSummationDelivered=12345", d.Summary);
            Assert.Contains("CurrentSummationReceived: UnsupportedAttribute", d.Summary);
        }

        [Fact]
        public void Without_the_link_key_the_aps_payload_stays_encrypted()
        {
            DecodedFrame d = FrameDecoder.Decode(SecuredApsFrame(), keys: new FrameKeys(), startLayer: FrameLayer.Aps);
            Assert.Equal(SecurityOutcome.MicFailed, d.ApsSecurity); // ZigBeeAlliance09 was tried and failed
            d = FrameDecoder.Decode(SecuredApsFrame(), keys: new FrameKeys { TryDefaultTrustCenterLinkKey = false }, startLayer: FrameLayer.Aps);
            Assert.Equal(SecurityOutcome.NoKey, d.ApsSecurity);
            Assert.Equal("Metering", d.Cluster);
            Assert.Null(d.Attributes);
        }

        /// <summary>The acceptance scenario DecodeCapturedFrames.ps1 uses this frame as hex; it must be what Secure builds.</summary>
        [Fact]
        public void The_scenario_frame_is_the_secured_metering_response()
        {
            string scenario = System.IO.File.ReadAllText(System.IO.Path.Combine(System.AppContext.BaseDirectory, "scenarios", "DecodeCapturedFrames.ps1"));
            Assert.Contains(Hex.Format(SecuredApsFrame()), scenario, System.StringComparison.OrdinalIgnoreCase);
        }
    }
}
