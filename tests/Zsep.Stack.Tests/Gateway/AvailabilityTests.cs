using System;
using Xunit;
using Zsep.Stack.Gateway;
using Zsep.Stack.Mac;
using Zsep.Stack.Node;
using Zsep.Stack.Tests.Node;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.Gateway
{
    /// <summary>
    /// Node availability: the destination of an acknowledged (or unacknowledged) MAC data frame is read from its header
    /// as the decoder reads it; only short, non-broadcast destinations of data frames count.
    /// </summary>
    public class AvailabilityTests
    {
        private static byte[] Frame(MacFrameType type, MacAddress destination, MacAddress source, bool compression) => new MacFrame
        {
            FrameType = type,
            AckRequest = true,
            PanIdCompression = compression,
            SequenceNumber = 9,
            DestinationPanId = new PanId(0x1A2B),
            DestinationAddress = destination,
            SourcePanId = compression ? null : new PanId(0x1A2B),
            SourceAddress = source,
            Payload = new byte[] { 0x08, 0x02, 0x34, 0x12, 0x00, 0x00, 0x1E, 0x42 },
        }.ToArray();

        [Theory]
        [InlineData(0x1234, true)]
        [InlineData(0x0001, false)]
        [InlineData(0xFFF7, true)]
        public void A_data_frame_to_a_short_address_gives_the_decoders_destination(int destination, bool compression)
        {
            foreach (MacAddress source in new[] { MacAddress.FromShort(0x0000), MacAddress.FromExtended(new Eui64(0x00124B0001020304UL)) })
            {
                byte[] psdu = Frame(MacFrameType.Data, MacAddress.FromShort((ushort)destination), source, compression);
                Assert.True(Zsep.Stack.Gateway.Gateway.TryShortDataDestination(psdu, out ushort read));
                Assert.Equal(MacFrame.Decode(psdu, hasFcs: false).DestinationAddress, MacAddress.FromShort(read));
            }
        }

        [Fact]
        public void Broadcasts_extended_destinations_commands_and_short_frames_are_not_counted()
        {
            Assert.False(Zsep.Stack.Gateway.Gateway.TryShortDataDestination(Frame(MacFrameType.Data, MacAddress.FromShort(0xFFFF), MacAddress.FromShort(0), true), out _));
            Assert.False(Zsep.Stack.Gateway.Gateway.TryShortDataDestination(Frame(MacFrameType.Data, MacAddress.FromShort(0xFFFC), MacAddress.FromShort(0), true), out _));
            Assert.False(Zsep.Stack.Gateway.Gateway.TryShortDataDestination(Frame(MacFrameType.Data, MacAddress.FromExtended(new Eui64(0x00124B0001020304UL)), MacAddress.FromShort(0), true), out _));
            Assert.False(Zsep.Stack.Gateway.Gateway.TryShortDataDestination(Frame(MacFrameType.Command, MacAddress.FromShort(0x1234), MacAddress.FromShort(0), true), out _));
            Assert.False(Zsep.Stack.Gateway.Gateway.TryShortDataDestination(new byte[] { 0x61, 0x88, 0x01, 0x2B, 0x1A, 0x34 }, out _));
        }
        [Fact]
        public void A_frame_refused_before_it_was_sent_says_nothing_about_its_destination()
        {
            var h = new NodeTestHarness();
            var failed = new System.Collections.Generic.List<DeliveryFailedEventArgs>();
            h.Coordinator.DeliveryFailed += (_, e) => failed.Add(e);

            // Not formed yet: the frame never goes on the air.
            ApsDeliveryStatus? status = null;
            h.Coordinator.SendData(new NwkAddress(0x1234), 1, 0x0702, 0x0109, 1, new byte[] { 0x00, 0x01, 0x00, 0x00, 0x00 }, s => status = s);
            h.Scheduler.RunFor(TimeSpan.FromSeconds(1));
            Assert.Equal(ApsDeliveryStatus.NotSent, status);
            h.Coordinator.ReportDeliveryFailure(new NwkAddress(0x1234), ApsDeliveryStatus.NotSent);
            Assert.Empty(failed);

            // A frame that went out and failed is reported.
            h.Coordinator.ReportDeliveryFailure(new NwkAddress(0x1234), ApsDeliveryStatus.NoAck);
            Assert.Equal(0x1234, Assert.Single(failed).Destination.Value);
        }
    }
}
