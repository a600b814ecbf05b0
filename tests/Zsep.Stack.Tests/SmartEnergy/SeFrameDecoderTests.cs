using Xunit;
using Zsep.Stack.Codec;
using Zsep.Stack.Frames;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl.SmartEnergy;

namespace Zsep.Stack.Tests.SmartEnergy
{
    /// <summary>The frame decoder types Smart Energy cluster commands for display.</summary>
    public class SeFrameDecoderTests
    {
        // Unsecured APS data frame (fc 0x00), endpoint 1 -> 1, cluster 0x0701 (DRLC), profile 0x0109, counter 7; then
        // ZCL fc 0x09 (cluster-specific, server to client), TSN 0x10, command 0x00 Load Control Event (D.2.2.3.1).
        private const string Aps = "00 01 0107 0901 01 07";
        private const string Lce = "09 10 00" + "04030201 0500 00 00000000 1E00 02 FF FF 0080 0080 EC FF 01";

        [Fact]
        public void A_load_control_event_is_typed_in_the_decoded_frame()
        {
            DecodedFrame d = FrameDecoder.Decode(Hex.Parse(Aps + Lce), startLayer: FrameLayer.Aps);
            Assert.Equal(FrameLayer.Zcl, d.Layer);
            Assert.Equal("LoadControlEvent", d.Command);
            var e = Assert.IsType<LoadControlEvent>(d.SmartEnergy);
            Assert.Equal(0x01020304u, e.IssuerEventId);
            Assert.Equal(LoadControlDeviceClass.HVAC | LoadControlDeviceClass.WaterHeater, e.DeviceClass);
        }

        [Fact]
        public void A_truncated_command_still_decodes_at_the_zcl_layer_without_a_typed_command()
        {
            DecodedFrame d = FrameDecoder.Decode(Hex.Parse(Aps + "09 10 00 0403"), startLayer: FrameLayer.Aps);
            Assert.Equal(FrameLayer.Zcl, d.Layer);
            Assert.Null(d.SmartEnergy);
        }
    }
}
