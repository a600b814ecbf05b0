using System;
using Xunit;
using Zsep.Stack.Codec;
using Zsep.Stack.Mac;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.Mac
{
    public class MacRoundTripTests
    {
        [Fact]
        public void Mac_7_2_1_random_frames_round_trip_exactly()
        {
            var rng = new Random(802154);
            for (int i = 0; i < 5000; i++)
            {
                MacFrame frame = MacRandom.Frame(rng);
                bool fcs = rng.Next(2) == 0;
                byte[] bytes = frame.ToArray(fcs);
                Assert.Equal(frame.GetEncodedLength(fcs), bytes.Length);

                MacFrame decoded = MacFrame.Decode(bytes, fcs);
                MacRandom.AssertSameFields(frame, decoded);
                Assert.Equal(fcs, decoded.FcsPresent);
                Assert.Equal(fcs, decoded.FcsValid);
                Assert.Equal(bytes, decoded.ToArray(fcs));
                Assert.Equal(frame.Payload, bytes.AsSpan(decoded.HeaderLength, decoded.Payload.Length).ToArray());
                Assert.NotNull(decoded.ToString());
            }
        }

        [Fact]
        public void Mac_7_2_2_random_beacons_and_zigbee_payloads_round_trip()
        {
            var rng = new Random(36761);
            for (int i = 0; i < 3000; i++)
            {
                MacBeacon beacon = MacRandom.Beacon(rng);
                byte[] bytes = beacon.ToArray();
                Assert.Equal(beacon.EncodedLength, bytes.Length);
                MacBeacon back = MacBeacon.Decode(bytes);
                Assert.Equal(bytes, back.ToArray());
                Assert.Equal(beacon.GtsDescriptors, back.GtsDescriptors);
                Assert.Equal(beacon.PendingShortAddresses, back.PendingShortAddresses);
                Assert.Equal(beacon.PendingExtendedAddresses, back.PendingExtendedAddresses);
                Assert.Equal(beacon.SuperframeSpecification, back.SuperframeSpecification);

                ZigbeeBeaconPayload z = MacRandom.ZigbeeBeacon(rng);
                byte[] zb = z.ToArray();
                Assert.Equal(z, ZigbeeBeaconPayload.Decode(zb));
            }
        }

        [Fact]
        public void Mac_7_3_random_commands_round_trip()
        {
            var rng = new Random(7300);
            for (int i = 0; i < 3000; i++)
            {
                MacCommand c = MacRandom.Command(rng);
                byte[] bytes = c.ToArray();
                MacCommand back = MacCommand.Decode(bytes);
                Assert.Equal(c.GetType(), back.GetType());
                Assert.Equal(bytes, back.ToArray());
                if (c is not MacUnknownCommand)
                {
                    Assert.Equal(c, back);
                }
            }
        }

        public static TheoryData<int, int, int, bool> AddressingCombinations()
        {
            var data = new TheoryData<int, int, int, bool>();
            foreach (int version in new[] { 0, 1, 2 })
            {
                foreach (int dst in new[] { 0, 2, 3 })
                {
                    foreach (int src in new[] { 0, 2, 3 })
                    {
                        data.Add(version, dst, src, false);
                        data.Add(version, dst, src, true);
                    }
                }
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(AddressingCombinations))]
        public void Mac_7_2_1_1_every_addressing_mode_combination(int version, int dstMode, int srcMode, bool compression)
        {
            var v = (MacFrameVersion)version;
            var dm = (MacAddressingMode)dstMode;
            var sm = (MacAddressingMode)srcMode;
            MacFrame.GetPanIdPresence(v, dm, sm, compression, out bool dstPan, out bool srcPan);

            // IEEE 802.15.4-2006 7.2.1.1.5 for versions 0/1; IEEE 802.15.4-2015 Table 7-2 for version 2.
            if (v != MacFrameVersion.Ieee802154_2015)
            {
                Assert.Equal(dm != MacAddressingMode.None, dstPan);
                Assert.Equal(sm != MacAddressingMode.None && !compression, srcPan);
            }

            var frame = new MacFrame
            {
                FrameType = MacFrameType.Data,
                FrameVersion = v,
                PanIdCompression = compression,
                SequenceNumber = 0x42,
                DestinationPanId = dstPan ? new PanId(0x1A62) : null,
                DestinationAddress = dm == MacAddressingMode.Short ? MacAddress.FromShort(0x1234) : dm == MacAddressingMode.Extended ? MacAddress.FromExtended(new Eui64(0x00124B0001020304)) : MacAddress.None,
                SourcePanId = srcPan ? new PanId(0xABCD) : null,
                SourceAddress = sm == MacAddressingMode.Short ? MacAddress.FromShort(0x5678) : sm == MacAddressingMode.Extended ? MacAddress.FromExtended(new Eui64(0x000D6F0005060708)) : MacAddress.None,
                Payload = new byte[] { 0xAA, 0xBB },
            };

            byte[] bytes = frame.ToArray(appendFcs: true);
            int expectedHeader = 3 + (dstPan ? 2 : 0) + MacAddress.LengthOf(dm) + (srcPan ? 2 : 0) + MacAddress.LengthOf(sm);
            Assert.Equal(expectedHeader, frame.HeaderLength);
            Assert.Equal(expectedHeader + 2 + 2, bytes.Length);

            ushort fc = (ushort)(bytes[0] | (bytes[1] << 8));
            Assert.Equal(dstMode, (fc >> 10) & 3);
            Assert.Equal(srcMode, (fc >> 14) & 3);
            Assert.Equal(version, (fc >> 12) & 3);
            Assert.Equal(compression, (fc & 0x40) != 0);

            MacFrame back = MacFrame.Decode(bytes);
            Assert.True(back.FcsValid);
            MacRandom.AssertSameFields(frame, back);
            Assert.Equal(new byte[] { 0xAA, 0xBB }, back.Payload);
        }

        [Fact]
        public void Mac_7_2_1_version2_sequence_suppression_and_header_ies()
        {
            // 802.15.4-2015 7.2.1.5 / 7.4.2: a version 2 frame, sequence number suppressed, one header IE (id 0x1A,
            // 2 bytes) then HT1 (0x7E, length 0: descriptor 0x3F00), then payload.
            var frame = new MacFrame
            {
                FrameType = MacFrameType.Data,
                FrameVersion = MacFrameVersion.Ieee802154_2015,
                IePresent = true,
                DestinationPanId = new PanId(0x1A62),
                DestinationAddress = MacAddress.FromShort(0x0001),
                SourcePanId = null,
                SourceAddress = MacAddress.FromShort(0x0002),
                PanIdCompression = true,
                HeaderIes = new byte[] { 0x02, 0x0D, 0x11, 0x22, 0x00, 0x3F },
                Payload = new byte[] { 0x99 },
            };
            byte[] bytes = frame.ToArray();
            Assert.Equal(Hex.Parse("41 AB 62 1A 01 00 02 00 02 0D 11 22 00 3F 99"), bytes);
            MacFrame back = MacFrame.Decode(bytes, hasFcs: false);
            Assert.True(back.SequenceNumberSuppression);
            Assert.Equal(14, back.HeaderLength);
            MacRandom.AssertSameFields(frame, back);
        }

        [Fact]
        public void Mac_7_6_2_auxiliary_security_header_lengths()
        {
            // Security level 5, key identifier mode 1 (Key Index): control 0x0D, counter, key index.
            var frame = new MacFrame
            {
                FrameType = MacFrameType.Data,
                FrameVersion = MacFrameVersion.Ieee802154_2006,
                SequenceNumber = 1,
                DestinationPanId = new PanId(0x1234),
                DestinationAddress = MacAddress.FromShort(0xFFFF),
                AuxiliarySecurityHeader = new MacAuxiliarySecurityHeader { SecurityControl = 0x0D, FrameCounter = 0x01020304, KeyIndex = 7 },
                Payload = new byte[] { 1, 2, 3, 4 },
            };
            byte[] bytes = frame.ToArray();
            Assert.Equal(Hex.Parse("09 18 01 34 12 FF FF 0D 04 03 02 01 07 01 02 03 04"), bytes);
            MacFrame back = MacFrame.Decode(bytes, hasFcs: false);
            Assert.True(back.SecurityEnabled);
            Assert.Equal(5, back.AuxiliarySecurityHeader!.SecurityLevel);
            Assert.Equal(MacKeyIdentifierMode.KeyIndex, back.AuxiliarySecurityHeader.KeyIdentifierMode);
            Assert.Equal(13, back.HeaderLength);
        }

        [Fact]
        public void Mac_7_2_1_inconsistent_frames_are_refused_on_encode()
        {
            var noDstPan = new MacFrame { FrameType = MacFrameType.Data, SequenceNumber = 1, DestinationAddress = MacAddress.FromShort(1) };
            Assert.Throws<InvalidOperationException>(() => noDstPan.ToArray());
            var suppressedV0 = new MacFrame { FrameType = MacFrameType.Acknowledgment };
            Assert.Throws<InvalidOperationException>(() => suppressedV0.ToArray());
            var ack = new MacFrame { FrameType = MacFrameType.Acknowledgment, SequenceNumber = 9 };
            Assert.Equal(Hex.Parse("02 00 09"), ack.ToArray());
        }

        [Theory]
        [InlineData("", "Fcs")]
        [InlineData("01", "Fcs")]
        [InlineData("01000000", "SequenceNumber")]
        [InlineData("04000100", "FrameControl.FrameType")]
        [InlineData("0130010000", "FrameControl.FrameVersion")]
        [InlineData("01040100", "FrameControl.DestinationAddressingMode")]
        [InlineData("0188016200", "DestinationPanId")]
        [InlineData("00800100000000ffcf0000", "Beacon.GtsSpecification")]
        [InlineData("03080aFFFFFFFF083412010000", "CoordinatorRealignment.CoordinatorShortAddress")]
        [InlineData("03080aFFFFFFFF04000000", "Command.Payload")]
        public void Mac_7_2_1_malformed_frames_name_the_field(string hex, string field)
        {
            // These inputs carry a dummy 2-byte "FCS" at the end.
            byte[] bytes = Hex.Parse(hex);
            FrameFormatException e = Assert.Throws<FrameFormatException>(() => MacFrame.Decode(bytes, hasFcs: true));
            Assert.Equal(field, e.Field);
            Assert.Equal(FrameLayer.Mac, e.Layer);
            Assert.False(MacFrame.TryDecode(bytes, true, out MacFrame? value, out FrameFormatException? error));
            Assert.Null(value);
            Assert.NotNull(error);
        }
    }
}
