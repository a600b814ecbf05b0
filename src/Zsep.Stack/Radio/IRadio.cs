using System;
using System.Collections.Generic;
using Zsep.Stack.Mac;
using Zsep.Stack.Types;

namespace Zsep.Stack.Radio
{
    /// <summary>
    /// The one seam between the stack and a radio (shared/design.md): transmit a raw IEEE 802.15.4 frame on a
    /// channel, receive frames with LQI and RSSI. Behind it sits either the simulated medium or a Spinel RCP; the
    /// stack neither knows nor cares which. Like an RCP's firmware, the radio does CSMA-CA, waits for the MAC
    /// acknowledgement, retries up to macMaxFrameRetries, answers acknowledgements itself (with the frame-pending
    /// bit from its source-match table), and filters received frames by PAN and address unless promiscuous.
    /// Every callback runs on the stack's scheduler loop.
    /// </summary>
    public interface IRadio : IDisposable
    {
        /// <summary>The radio string: "sim://name", "/dev/ttyACM0", "COM5", "tcp://host:port".</summary>
        string Name { get; }

        /// <summary>The radio's own IEEE address (its factory EUI-64, or the simulated device's).</summary>
        Eui64 ExtendedAddress { get; }

        /// <summary>Frames the radio received and accepted (FCS verified; the PSDU is given without it).</summary>
        event Action<RadioFrame>? FrameReceived;

        /// <summary>Applies channel, PAN ID, addresses and receiver settings (takes effect at once).</summary>
        void Configure(RadioConfiguration configuration);

        /// <summary>The settings last applied.</summary>
        RadioConfiguration Configuration { get; }

        /// <summary>
        /// Sends one frame (PSDU without FCS; the radio appends it) with CSMA-CA and, when the frame's
        /// acknowledgement-request bit is set, waits for the ack and retries. <paramref name="completed"/> runs on
        /// the loop once the outcome is known.
        /// </summary>
        void Transmit(ReadOnlyMemory<byte> psdu, RadioTransmitOptions options, Action<RadioTransmitResult> completed);

        /// <summary>Measures the peak energy on each channel of <paramref name="channelMask"/> (bit n = channel n).</summary>
        void EnergyScan(uint channelMask, TimeSpan durationPerChannel, Action<IReadOnlyList<ChannelEnergy>> completed);

        /// <summary>
        /// Source-match table: whether the radio sets frame-pending in the ack of a data request from this
        /// device, so that a sleepy end device stays awake for its indirect frame.
        /// </summary>
        void SetFramePending(MacAddress device, bool pending);
    }

    /// <summary>Radio settings (802.15.4 MAC PIB values the radio filters and acks with).</summary>
    public sealed record RadioConfiguration
    {
        /// <summary>2.4 GHz channel 11 to 26.</summary>
        public byte Channel { get; init; } = 11;

        public PanId PanId { get; init; } = PanId.Broadcast;

        /// <summary>macShortAddress; 0xFFFE/0xFFFF until the device has one.</summary>
        public ushort ShortAddress { get; init; } = 0xFFFF;

        /// <summary>Whether the receiver stays on when idle (routers, coordinator); sleepy end devices poll.</summary>
        public bool RxOnWhenIdle { get; init; } = true;

        /// <summary>Receive every frame on the channel, whatever its addresses (capture).</summary>
        public bool Promiscuous { get; init; }

        /// <summary>Whether this radio is the PAN coordinator (accepts frames with no destination address).</summary>
        public bool PanCoordinator { get; init; }

        /// <summary>Transmit power in dBm.</summary>
        public sbyte TxPowerDbm { get; init; }
    }

    /// <summary>CSMA-CA and retry settings of one transmission (IEEE 802.15.4-2006 7.4.2 PIB defaults).</summary>
    public sealed record RadioTransmitOptions
    {
        public static RadioTransmitOptions Default { get; } = new RadioTransmitOptions();

        /// <summary>macMaxFrameRetries.</summary>
        public byte MaxFrameRetries { get; init; } = 3;

        /// <summary>macMaxCSMABackoffs.</summary>
        public byte MaxCsmaBackoffs { get; init; } = 4;

        /// <summary>Whether to do CSMA-CA (false for an immediate transmission, such as an ack-timed reply).</summary>
        public bool Csma { get; init; } = true;
    }

    /// <summary>The outcome of a transmission, in the MAC status names of 802.15.4.</summary>
    public enum RadioTransmitStatus
    {
        /// <summary>Sent, and acknowledged when an ack was requested.</summary>
        Success,

        /// <summary>MAC_NO_ACK: no acknowledgement after macMaxFrameRetries retries.</summary>
        NoAck,

        /// <summary>CHANNEL_ACCESS_FAILURE: CSMA-CA found the channel busy macMaxCSMABackoffs times.</summary>
        ChannelAccessFailure,

        /// <summary>The radio is gone or was reset before the frame went out.</summary>
        Aborted,
    }

    /// <summary>The outcome of a transmission; <see cref="FramePending"/> is the ack's frame-pending bit.</summary>
    public readonly record struct RadioTransmitResult(RadioTransmitStatus Status, bool FramePending = false, byte Retries = 0);

    /// <summary>A received frame: the PSDU without FCS, the channel, and the link quality the radio measured.</summary>
    public sealed record RadioFrame(byte[] Psdu, byte Channel, sbyte Rssi, byte Lqi, DateTimeOffset Timestamp);

    /// <summary>One channel's result of an energy scan.</summary>
    public readonly record struct ChannelEnergy(byte Channel, sbyte MaxRssi);
}
