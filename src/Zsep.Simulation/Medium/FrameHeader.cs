using Zsep.Stack.Mac;
using Zsep.Stack.Types;

namespace Zsep.Simulation.Medium
{
    /// <summary>
    /// What the radio's filter and auto-ack need from a MAC header (IEEE 802.15.4-2006 7.2.1), read once per frame
    /// with <see cref="MacFrame.Decode(System.ReadOnlySpan{byte}, bool)"/>. A frame that does not decode is
    /// <see cref="Valid"/> = false: only promiscuous radios take it.
    /// </summary>
    internal readonly struct FrameHeader
    {
        public FrameHeader(MacFrameType type, bool ackRequest, bool framePending, byte sequence, PanId? destinationPan,
            MacAddress destination, PanId? sourcePan, MacAddress source, bool isDataRequest)
        {
            Valid = true;
            Type = type;
            AckRequest = ackRequest;
            FramePending = framePending;
            Sequence = sequence;
            DestinationPan = destinationPan;
            Destination = destination;
            SourcePan = sourcePan;
            Source = source;
            IsDataRequest = isDataRequest;
        }

        public bool Valid { get; }

        public MacFrameType Type { get; }

        public bool AckRequest { get; }

        public bool FramePending { get; }

        public byte Sequence { get; }

        public PanId? DestinationPan { get; }

        public MacAddress Destination { get; }

        /// <summary>The source PAN, the destination PAN standing in when PAN ID Compression elides it.</summary>
        public PanId? SourcePan { get; }

        public MacAddress Source { get; }

        /// <summary>A MAC Data Request command (7.3.4): the poll whose ack carries frame pending.</summary>
        public bool IsDataRequest { get; }

        /// <summary>A unicast destination: a short address other than 0xFFFF, or an extended address.</summary>
        public bool IsUnicast =>
            Destination.Mode == MacAddressingMode.Extended ||
            (Destination.Mode == MacAddressingMode.Short && Destination.ShortAddress != 0xFFFF);

        public static FrameHeader Parse(System.ReadOnlySpan<byte> psduWithoutFcs)
        {
            if (!MacFrame.TryDecode(psduWithoutFcs, hasFcs: false, out MacFrame? frame, out _) || frame is null)
            {
                return default;
            }

            return new FrameHeader(frame.FrameType, frame.AckRequest, frame.FramePending, frame.SequenceNumber ?? 0,
                frame.DestinationPanId, frame.DestinationAddress, frame.EffectiveSourcePanId, frame.SourceAddress,
                frame.Command is MacDataRequest);
        }

        /// <summary>An immediate acknowledgement (7.2.2.3): Frame Control and sequence number only.</summary>
        public static FrameHeader Ack(byte sequence, bool framePending) =>
            new FrameHeader(MacFrameType.Acknowledgment, false, framePending, sequence, null, MacAddress.None, null, MacAddress.None, false);
    }
}
