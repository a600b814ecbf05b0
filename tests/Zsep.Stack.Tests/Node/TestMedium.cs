using System;
using System.Collections.Generic;
using Zsep.Stack.Mac;
using Zsep.Stack.Radio;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.Node
{
    /// <summary>
    /// A tiny in-memory 802.15.4 medium for the node tests: radios at integer grid positions, perfect links within
    /// a range, no collisions, address filtering, auto-ack of unicast frames with ack request (frame-pending bit
    /// from the receiver's source-match table for data requests). Rx-off radios listen only briefly after they
    /// transmit (longer when the ack said frame pending). The realistic medium lives in Zsep.Simulation.
    /// </summary>
    internal sealed class TestMedium
    {
        private readonly List<TestRadio> _radios = new List<TestRadio>();

        public TestMedium(VirtualScheduler scheduler, double range = 12)
        {
            Scheduler = scheduler;
            Range = range;
        }

        public VirtualScheduler Scheduler { get; }

        public double Range { get; }

        /// <summary>Frames this returns true for (sender, receiver, PSDU) do not reach that receiver: a loss on the air chosen by a test.</summary>
        public Func<TestRadio, TestRadio, byte[], bool>? Lose { get; set; }

        public TestRadio AddRadio(Eui64 ieee, int x, int y)
        {
            var radio = new TestRadio(this, ieee, x, y);
            _radios.Add(radio);
            return radio;
        }

        internal void Transmit(TestRadio sender, byte[] psdu, Action<RadioTransmitResult> completed)
        {
            TimeSpan airtime = TimeSpan.FromMilliseconds(1 + (psdu.Length * 0.032));
            Scheduler.Schedule(airtime, () =>
            {
                if (sender.Offline)
                {
                    completed(new RadioTransmitResult(RadioTransmitStatus.Aborted));
                    return;
                }

                MacFrame frame = MacFrame.Decode(psdu, hasFcs: false);
                bool addressedHeard = false;
                bool pending = false;
                foreach (TestRadio r in _radios.ToArray())
                {
                    if (r == sender || r.Offline || r.Configuration.Channel != sender.Configuration.Channel || !InRange(sender, r) ||
                        !r.IsListening(Scheduler.Now) || !Accepts(r, frame) || (Lose?.Invoke(sender, r, psdu) ?? false))
                    {
                        continue;
                    }

                    if (IsUnicastTo(r, frame))
                    {
                        addressedHeard = true;
                        pending = frame.Command is MacDataRequest && r.HasPending(frame.SourceAddress);
                    }

                    r.Deliver(psdu, Scheduler.Now);
                }

                bool ok = !frame.AckRequest || addressedHeard;
                sender.AwakeUntil = Scheduler.Now + TimeSpan.FromMilliseconds(pending ? 100 : 10);
                completed(new RadioTransmitResult(ok ? RadioTransmitStatus.Success : RadioTransmitStatus.NoAck, pending, (byte)(ok ? 0 : 3)));
            });
        }

        private bool InRange(TestRadio a, TestRadio b)
        {
            double dx = a.X - b.X;
            double dy = a.Y - b.Y;
            return (dx * dx) + (dy * dy) <= Range * Range;
        }

        private static bool IsUnicastTo(TestRadio r, MacFrame f) =>
            (f.DestinationAddress.Mode == MacAddressingMode.Short && f.DestinationAddress.ShortAddress != 0xFFFF &&
             f.DestinationAddress.ShortAddress == r.Configuration.ShortAddress) ||
            (f.DestinationAddress.Mode == MacAddressingMode.Extended && f.DestinationAddress.ExtendedAddress == r.ExtendedAddress);

        /// <summary>IEEE 802.15.4-2006 7.5.6.2 third-level filtering, simplified.</summary>
        private static bool Accepts(TestRadio r, MacFrame f)
        {
            RadioConfiguration c = r.Configuration;
            if (c.Promiscuous || f.FrameType == MacFrameType.Beacon)
            {
                return true;
            }

            if (f.DestinationAddress.IsNone)
            {
                return c.PanCoordinator && f.EffectiveSourcePanId == c.PanId;
            }

            if (f.DestinationPanId is PanId pan && pan != PanId.Broadcast && pan != c.PanId)
            {
                return false;
            }

            return f.DestinationAddress.Mode == MacAddressingMode.Short
                ? f.DestinationAddress.ShortAddress == 0xFFFF || f.DestinationAddress.ShortAddress == c.ShortAddress
                : f.DestinationAddress.ExtendedAddress == r.ExtendedAddress;
        }
    }

    internal sealed class TestRadio : IRadio
    {
        private readonly TestMedium _medium;
        private readonly HashSet<MacAddress> _pending = new HashSet<MacAddress>();

        public TestRadio(TestMedium medium, Eui64 ieee, int x, int y)
        {
            _medium = medium;
            ExtendedAddress = ieee;
            X = x;
            Y = y;
        }

        public string Name => "test://" + ExtendedAddress.ToCompactString();

        public Eui64 ExtendedAddress { get; }

        public int X { get; }

        public int Y { get; }

        /// <summary>Switched off: neither sends nor receives.</summary>
        public bool Offline { get; set; }

        public DateTimeOffset AwakeUntil { get; set; }

        /// <summary>Every PSDU delivered to this radio, in order.</summary>
        public List<byte[]> Received { get; } = new List<byte[]>();

        public event Action<RadioFrame>? FrameReceived;

        public RadioConfiguration Configuration { get; private set; } = new RadioConfiguration();

        public void Configure(RadioConfiguration configuration) => Configuration = configuration;

        public void Transmit(ReadOnlyMemory<byte> psdu, RadioTransmitOptions options, Action<RadioTransmitResult> completed) =>
            _medium.Transmit(this, psdu.ToArray(), completed);

        public void EnergyScan(uint channelMask, TimeSpan durationPerChannel, Action<IReadOnlyList<ChannelEnergy>> completed) =>
            _medium.Scheduler.Post(() => completed(Array.Empty<ChannelEnergy>()));

        public void SetFramePending(MacAddress device, bool pending)
        {
            if (pending)
            {
                _pending.Add(device);
            }
            else
            {
                _pending.Remove(device);
            }
        }

        public bool HasPending(MacAddress device) => _pending.Contains(device);

        public bool IsListening(DateTimeOffset now) => Configuration.RxOnWhenIdle || now <= AwakeUntil;

        public void Deliver(byte[] psdu, DateTimeOffset now)
        {
            byte[] copy = (byte[])psdu.Clone();
            Received.Add(copy);
            FrameReceived?.Invoke(new RadioFrame(copy, Configuration.Channel, -40, 255, now));
        }

        /// <summary>Hands a frame to the stack as if received (replay tests).</summary>
        public void Inject(byte[] psdu) => FrameReceived?.Invoke(new RadioFrame(psdu, Configuration.Channel, -40, 255, _medium.Scheduler.Now));

        public void Dispose()
        {
        }
    }
}
