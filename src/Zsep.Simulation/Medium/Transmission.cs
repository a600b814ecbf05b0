using System;
using System.Collections.Generic;
using Zsep.Stack.Runtime;

namespace Zsep.Simulation.Medium
{
    /// <summary>A frame on the air: who sends it, on which channel, until when, and who is receiving it.</summary>
    internal sealed class Transmission
    {
        public readonly List<Reception> Receptions = new List<Reception>();
        public readonly Action EndAction;

        public Transmission(SimulatedMedium medium) => EndAction = () => medium.EndTransmission(this);

        public SimulatedRadio Sender = null!;
        public byte Channel;
        public byte[] Psdu = Array.Empty<byte>();

        /// <summary>The PSDU without FCS handed to receivers, made on the first delivery and shared by all of them.</summary>
        public byte[]? Delivered;
        public FrameHeader Header;
        public bool IsAck;
        public double TxPowerDbm;
        public DateTimeOffset Start;
        public IScheduledItem? EndItem;
    }

    /// <summary>Why a reception failed before its end.</summary>
    internal enum ReceptionState : byte
    {
        Ok,
        Collided,
        Aborted,
    }

    /// <summary>One radio receiving one transmission.</summary>
    internal sealed class Reception
    {
        public Transmission Transmission = null!;
        public SimulatedRadio Receiver = null!;
        public double RssiDbm;
        public ReceptionState State;
    }
}
