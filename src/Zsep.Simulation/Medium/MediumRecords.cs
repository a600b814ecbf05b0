using System;

namespace Zsep.Simulation.Medium
{
    /// <summary>The link budget from one radio to another (the sender's transmit power minus the path loss).</summary>
    /// <param name="PathLossDb">Total loss: distance, walls and the radios' extra attenuation, shadowing.</param>
    /// <param name="RssiDbm">What the receiver measures.</param>
    /// <param name="Lqi">LQI 0-255 the receiver reports.</param>
    /// <param name="SuccessProbability">Chance that a frame arrives when nothing else is on the air.</param>
    public readonly record struct LinkQuality(double PathLossDb, double RssiDbm, byte Lqi, double SuccessProbability)
    {
        /// <summary>Whether the receiver can hear the sender at all (RSSI at or above sensitivity).</summary>
        public bool InRange => SuccessProbability > 0;
    }

    /// <summary>
    /// One frame as it went on the air, for capture (pcap) and traces: the channel, the PSDU with its FCS as sent,
    /// the sender, when its SFD went out, how long it was on the air, and whether it is an ack the radio sent on its own.
    /// The PSDU array is shared with the medium: do not change it.
    /// </summary>
    public sealed record FrameOnAir(byte Channel, byte[] Psdu, SimulatedRadio Sender, DateTimeOffset Timestamp, TimeSpan Airtime, bool IsAck);

    /// <summary>Per-radio counters (they only grow; read them from the loop).</summary>
    public sealed class RadioCounters
    {
        private readonly SimulatedMedium _medium;
        private readonly int _slot;

        internal RadioCounters(SimulatedMedium medium, int slot)
        {
            _medium = medium;
            _slot = slot;
        }

        /// <summary>Frames put on the air, retries included, acks not.</summary>
        public long FramesSent { get; internal set; }

        /// <summary>Frames delivered to the stack (each copy, duplicates included).</summary>
        public long FramesReceived { get; internal set; }

        /// <summary>Acknowledgements this radio sent.</summary>
        public long AcksSent { get; internal set; }

        /// <summary>Acknowledgements this radio received for its own frames.</summary>
        public long AcksReceived { get; internal set; }

        /// <summary>Retransmissions after an ack did not come.</summary>
        public long Retries { get; internal set; }

        /// <summary>Transmissions that ended MAC_NO_ACK.</summary>
        public long NoAck { get; internal set; }

        /// <summary>Transmissions that ended CHANNEL_ACCESS_FAILURE.</summary>
        public long ChannelAccessFailures { get; internal set; }

        /// <summary>Busy CCAs (each one a deferral).</summary>
        public long BusyCca { get; internal set; }

        /// <summary>Frames lost at this radio because another transmission overlapped them without capture.</summary>
        public long Collisions { get; internal set; }

        /// <summary>Frames on this radio's channel that arrived below sensitivity (within the medium's fringe).</summary>
        /// <remarks>Kept by the medium (it counts them without touching the radio).</remarks>
        public long DroppedBelowSensitivity => _medium.BelowSensitivityCount(_slot);

        /// <summary>Frames heard above sensitivity that the loss draw dropped.</summary>
        public long DroppedByLoss { get; internal set; }

        /// <summary>Frames received intact that the PAN/address filter rejected.</summary>
        public long DroppedByFilter { get; internal set; }

        public override string ToString() =>
            $"sent {FramesSent}, received {FramesReceived}, acks {AcksSent}/{AcksReceived}, retries {Retries}, no-ack {NoAck}, " +
            $"CAF {ChannelAccessFailures}, collisions {Collisions}, below sensitivity {DroppedBelowSensitivity}, lost {DroppedByLoss}";
    }
}
