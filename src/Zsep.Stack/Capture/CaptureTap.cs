using System;
using System.Collections.Generic;
using Zsep.Stack.Mac;
using Zsep.Stack.Radio;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;

namespace Zsep.Stack.Capture
{
    /// <summary>
    /// A pass-through <see cref="IRadio"/> that shows every frame the stack hands to the radio, and every frame the
    /// radio delivers, to a <see cref="Sink"/> (a capture file) when one is set. The stack runs on the tap exactly as
    /// on the radio beneath; with no sink it costs one null check per frame.
    /// </summary>
    public sealed class CaptureTap : IRadio
    {
        private readonly IRadio _radio;
        private readonly IStackScheduler _scheduler;

        public CaptureTap(IRadio radio, IStackScheduler scheduler)
        {
            _radio = radio ?? throw new ArgumentNullException(nameof(radio));
            _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
            _radio.FrameReceived += OnFrameReceived;
        }

        /// <summary>Receives (time, PSDU without FCS, channel, RSSI or null for a sent frame, LQI or null, direction).</summary>
        public Action<CapturedFrame>? Sink { get; set; }

        /// <summary>
        /// Called, during the radio's completion, with the PSDU of a frame that asked for an acknowledgement and whether it
        /// got one (false: NoAck after macMaxFrameRetries): the gateway marks that neighbour unreachable on a NoAck, and
        /// counts an acknowledgement as hearing from it. The PSDU is valid only during the call. Null: transmissions are
        /// passed through untouched.
        /// </summary>
        public Action<ReadOnlyMemory<byte>, bool>? TransmitDone { get; set; }

        public string Name => _radio.Name;

        public Eui64 ExtendedAddress => _radio.ExtendedAddress;

        public RadioConfiguration Configuration => _radio.Configuration;

        public event Action<RadioFrame>? FrameReceived;

        public void Configure(RadioConfiguration configuration) => _radio.Configure(configuration);

        public void Transmit(ReadOnlyMemory<byte> psdu, RadioTransmitOptions options, Action<RadioTransmitResult> completed)
        {
            Sink?.Invoke(new CapturedFrame
            {
                Time = _scheduler.Now,
                Psdu = psdu.ToArray(),
                Channel = _radio.Configuration.Channel,
                Direction = CaptureDirection.Sent,
            });
            Action<ReadOnlyMemory<byte>, bool>? done = TransmitDone;
            if (done is null || psdu.Length == 0 || (psdu.Span[0] & 0x20) == 0) // frame control: acknowledgement request (IEEE 802.15.4 7.2.1.1.4)
            {
                _radio.Transmit(psdu, options, completed);
                return;
            }

            _radio.Transmit(psdu, options, result =>
            {
                if (result.Status == RadioTransmitStatus.Success || result.Status == RadioTransmitStatus.NoAck)
                {
                    done(psdu, result.Status == RadioTransmitStatus.Success);
                }

                completed(result);
            });
        }

        public void EnergyScan(uint channelMask, TimeSpan durationPerChannel, Action<IReadOnlyList<ChannelEnergy>> completed) =>
            _radio.EnergyScan(channelMask, durationPerChannel, completed);

        public void SetFramePending(MacAddress device, bool pending) => _radio.SetFramePending(device, pending);

        public void Dispose()
        {
            _radio.FrameReceived -= OnFrameReceived;
            Sink = null;
            TransmitDone = null;
        }

        private void OnFrameReceived(RadioFrame frame)
        {
            Sink?.Invoke(FromRadio(frame, CaptureDirection.Received));
            FrameReceived?.Invoke(frame);
        }

        /// <summary>A frame a radio delivered, as a capture record.</summary>
        public static CapturedFrame FromRadio(RadioFrame frame, CaptureDirection direction) => new CapturedFrame
        {
            Time = frame.Timestamp,
            Psdu = frame.Psdu,
            Channel = frame.Channel,
            Rssi = frame.Rssi,
            Lqi = frame.Lqi,
            Direction = direction,
        };
    }
}
