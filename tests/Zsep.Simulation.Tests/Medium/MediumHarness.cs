using System;
using System.Collections.Generic;
using Zsep.Simulation.Medium;
using Zsep.Stack.Mac;
using Zsep.Stack.Radio;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;

namespace Zsep.Simulation.Tests.Medium
{
    /// <summary>A virtual-time medium with helpers to place radios, build frames and collect what happens.</summary>
    internal sealed class MediumHarness
    {
        public static readonly PanId Pan = new PanId(0x1A62);

        public MediumHarness(int seed = 1, MediumOptions? options = null)
        {
            Scheduler = new VirtualScheduler(seed);
            Medium = new SimulatedMedium(Scheduler, options ?? new MediumOptions { Name = "test" });
            Medium.FrameOnAir += f => OnAir.Add(f);
        }

        public VirtualScheduler Scheduler { get; }

        public SimulatedMedium Medium { get; }

        public List<FrameOnAir> OnAir { get; } = new List<FrameOnAir>();

        public Dictionary<SimulatedRadio, List<RadioFrame>> Received { get; } = new Dictionary<SimulatedRadio, List<RadioFrame>>();

        /// <summary>A radio on channel 15 in <see cref="Pan"/> with short address <paramref name="shortAddress"/>, recording what it receives.</summary>
        public SimulatedRadio Radio(ushort shortAddress, double x, double y = 0, double z = 0,
            byte channel = 15, bool rxOnWhenIdle = true, bool promiscuous = false, bool panCoordinator = false, sbyte txPower = 0, PanId? pan = null)
        {
            var radio = Medium.CreateRadio("r" + shortAddress.ToString("X4"), Ieee(shortAddress), new Position(x, y, z));
            radio.Configure(new RadioConfiguration
            {
                Channel = channel,
                PanId = pan ?? Pan,
                ShortAddress = shortAddress,
                RxOnWhenIdle = rxOnWhenIdle,
                Promiscuous = promiscuous,
                PanCoordinator = panCoordinator,
                TxPowerDbm = txPower,
            });
            var list = new List<RadioFrame>();
            Received[radio] = list;
            radio.FrameReceived += f => list.Add(f);
            return radio;
        }

        public static Eui64 Ieee(ushort n) => new Eui64(0x000D6F0000000000UL | n);

        public static byte[] Data(byte seq, ushort dst, ushort src, bool ackRequest, int payloadLength = 10, PanId? pan = null) =>
            Data(seq, MacAddress.FromShort(dst), MacAddress.FromShort(src), ackRequest, payloadLength, pan);

        public static byte[] Data(byte seq, MacAddress dst, MacAddress src, bool ackRequest, int payloadLength = 10, PanId? pan = null)
        {
            var payload = new byte[payloadLength];
            for (int i = 0; i < payload.Length; i++)
            {
                payload[i] = (byte)(seq + i);
            }

            return new MacFrame
            {
                FrameType = MacFrameType.Data,
                AckRequest = ackRequest,
                PanIdCompression = !dst.IsNone,
                SequenceNumber = seq,
                DestinationPanId = dst.IsNone ? (PanId?)null : pan ?? Pan,
                DestinationAddress = dst,
                SourcePanId = dst.IsNone ? pan ?? Pan : (PanId?)null,
                SourceAddress = src,
                Payload = payload,
            }.ToArray();
        }

        public static byte[] DataRequest(byte seq, ushort dst, Eui64 src) =>
            MacFrame.CreateCommand(seq, Pan, MacAddress.FromShort(dst), MacAddress.FromExtended(src), MacDataRequest.Instance).ToArray();

        /// <summary>Transmits and returns a box that holds the result once it completes.</summary>
        public Result Send(SimulatedRadio radio, byte[] psdu, RadioTransmitOptions? options = null)
        {
            var result = new Result();
            radio.Transmit(psdu, options ?? RadioTransmitOptions.Default, r =>
            {
                result.Value = r;
                result.At = Scheduler.Now;
            });
            return result;
        }

        public void Run(TimeSpan? duration = null) => Scheduler.RunFor(duration ?? TimeSpan.FromSeconds(1));

        public sealed class Result
        {
            public RadioTransmitResult? Value { get; set; }

            public DateTimeOffset At { get; set; }

            public RadioTransmitStatus Status => Value?.Status ?? throw new InvalidOperationException("The transmission has not completed.");
        }
    }
}
