using System;
using System.Collections.Generic;
using Zsep.Stack.Mac;
using Zsep.Stack.Node;
using Zsep.Stack.Types;
using Xunit;

namespace Zsep.Stack.Tests.Node
{
    /// <summary>
    /// The node reads plain short-addressed data frames without a MacFrame (ZigbeeNode.IsShortAddressedDataFrame):
    /// whenever it says yes, the full decoder must agree on every field the NWK layer uses.
    /// </summary>
    public class MacFastPathTests
    {
        private static MacFrame Data(MacAddress src, bool compression = true, MacFrameVersion version = MacFrameVersion.Ieee802154_2003,
            MacAddress? dst = null) => new MacFrame
        {
            FrameType = MacFrameType.Data,
            FrameVersion = version,
            AckRequest = true,
            PanIdCompression = compression,
            SequenceNumber = 7,
            DestinationPanId = new PanId(0x1A2B),
            DestinationAddress = dst ?? MacAddress.FromShort(0x1234),
            SourcePanId = compression ? null : new PanId(0x1A2B),
            SourceAddress = src,
            Payload = new byte[] { 0x08, 0x02, 0xFC, 0xFF, 0x00, 0x00, 0x1E, 0x42, 0xAA },
        };

        private static MacCommand MacDataRequestCommand() => MacDataRequest.Instance;

        [Fact]
        public void A_plain_data_frame_is_read_the_same_way_as_by_the_decoder()
        {
            foreach (MacFrameVersion version in new[] { MacFrameVersion.Ieee802154_2003, MacFrameVersion.Ieee802154_2006 })
            {
                byte[] psdu = Data(MacAddress.FromShort(0xBEEF), version: version).ToArray();
                Assert.True(ZigbeeNode.IsShortAddressedDataFrame(psdu, out ushort source));
                Assert.Equal(0xBEEF, source);
                MacFrame full = MacFrame.Decode(psdu, hasFcs: false);
                Assert.Equal(full.Payload, psdu.AsSpan(ZigbeeNode.MacShortHeaderLength).ToArray());
                Assert.Equal(MacAddress.FromShort(source), full.SourceAddress);
            }
        }

        [Theory]
        [InlineData(0xFFFF, false)]
        [InlineData(0x1234, false)]
        [InlineData(0x0000, true)]
        [InlineData(0xFFFD, false)]
        public void The_written_data_psdu_is_what_the_encoder_makes(int destination, bool framePending)
        {
            var payload = new byte[] { 0x08, 0x02, 0xFC, 0xFF, 0x00, 0x00, 0x1E, 0x42, 0xAA };
            var frame = new MacFrame
            {
                FrameType = MacFrameType.Data,
                AckRequest = destination != 0xFFFF,
                FramePending = framePending,
                PanIdCompression = true,
                SequenceNumber = 0xC3,
                DestinationPanId = new PanId(0x1A2B),
                DestinationAddress = MacAddress.FromShort((ushort)destination),
                SourceAddress = MacAddress.FromShort(0xBEEF),
                Payload = payload,
            };
            byte[] written = ZigbeeNode.WriteMacDataPsdu(0xC3, new PanId(0x1A2B), 0xBEEF, (ushort)destination, payload, framePending);
            Assert.Equal(frame.ToArray(), written);
            Assert.True(ZigbeeNode.IsShortAddressedDataFrame(written, out ushort source));
            Assert.Equal(0xBEEF, source);
        }

        [Fact]
        public void Other_frames_take_the_full_decode()
        {
            var others = new List<byte[]>
            {
                Data(MacAddress.FromExtended(new Eui64(0x00124B0000000001UL))).ToArray(),
                Data(MacAddress.FromShort(1), compression: false).ToArray(),
                Data(MacAddress.FromShort(1), dst: MacAddress.FromExtended(new Eui64(0x00124B0000000002UL))).ToArray(),
                MacFrame.CreateCommand(1, new PanId(0x1A2B), MacAddress.FromShort(0), MacAddress.FromShort(0x1234), MacDataRequestCommand()).ToArray(),
                new byte[] { 0x41, 0x88, 0x01, 0x2B, 0x1A, 0x34, 0x12, 0x01 }, // 8 octets: shorter than the header
            };
            foreach (byte[] psdu in others)
            {
                Assert.False(ZigbeeNode.IsShortAddressedDataFrame(psdu, out _));
            }
        }

        [Fact]
        public void Whenever_random_bytes_pass_the_decoder_agrees()
        {
            var rnd = new Random(3);
            int passed = 0;
            for (int i = 0; i < 20000; i++)
            {
                var psdu = new byte[rnd.Next(0, 30)];
                rnd.NextBytes(psdu);
                if (psdu.Length >= 2 && (i & 1) == 0)
                {
                    // Half of them with the frame control of a plain data frame, reserved bits and all at random.
                    psdu[0] = (byte)((psdu[0] & 0xB0) | 0x41);
                    psdu[1] = (byte)((psdu[1] & 0x33) | 0x88);
                }

                if (!ZigbeeNode.IsShortAddressedDataFrame(psdu, out ushort source))
                {
                    continue;
                }

                passed++;
                Assert.True(MacFrame.TryDecode(psdu, false, out MacFrame? full, out _));
                Assert.Equal(MacFrameType.Data, full!.FrameType);
                Assert.False(full.SecurityEnabled);
                Assert.Equal(MacAddress.FromShort(source), full.SourceAddress);
                Assert.Equal(full.Payload, psdu.AsSpan(ZigbeeNode.MacShortHeaderLength).ToArray());
            }

            Assert.True(passed > 1000, $"only {passed} frames took the fast path");
        }
    }
}
