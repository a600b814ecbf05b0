using System;
using System.Collections.Generic;
using Zsep.Stack.Mac;
using Zsep.Stack.Radio;
using Zsep.Stack.Runtime;

namespace Zsep.Simulation.Medium
{
    /// <summary>
    /// Transmission as an RCP does it: one frame at a time from a FIFO queue; unslotted CSMA-CA (IEEE 802.15.4-2006
    /// 7.5.1.4, Figure 68); on the air; then, when the frame asks for it, macAckWaitDuration for the ack and up to
    /// macMaxFrameRetries retransmissions, each with CSMA-CA again (7.5.6.4.2).
    /// </summary>
    public sealed partial class SimulatedRadio
    {
        private readonly Queue<TxRequest> _queue = new Queue<TxRequest>();
        private readonly Stack<TxRequest> _txPool = new Stack<TxRequest>();
        private readonly Action _onBackoffDone;
        private readonly Action _onGoOnAir;
        private readonly Action _onAckTimeout;
        private TxRequest? _current;
        private TxPhase _phase;
        private IScheduledItem? _timer;
        private Transmission? _sendingFrame;
        private Transmission? _sendingAck;
        private DateTimeOffset _receiveUntil;

        private enum TxPhase : byte
        {
            Idle,
            Backoff,
            Turnaround,
            OnAir,
            AckWait,
        }

        // Phase and the frame/ack on the air decide IsTransmitting: each change refreshes the medium's receive state.
        private TxPhase Phase
        {
            get => _phase;
            set
            {
                _phase = value;
                UpdateRxState();
            }
        }

        private Transmission? SendingFrame
        {
            get => _sendingFrame;
            set
            {
                _sendingFrame = value;
                UpdateRxState();
            }
        }

        private Transmission? SendingAck
        {
            get => _sendingAck;
            set
            {
                _sendingAck = value;
                UpdateRxState();
            }
        }

        /// <summary>Frames waiting to be sent, the one in progress included.</summary>
        public int PendingTransmissions => _queue.Count + (_current is null ? 0 : 1);

        public void Transmit(ReadOnlyMemory<byte> psdu, RadioTransmitOptions options, Action<RadioTransmitResult> completed)
        {
            if (completed is null)
            {
                throw new ArgumentNullException(nameof(completed));
            }

            if (psdu.Length < 1 || psdu.Length > PhyTiming.MaxPsduOctets - MacFcs.Length)
            {
                throw new ArgumentException(
                    $"A PSDU without FCS is 1 to {PhyTiming.MaxPsduOctets - MacFcs.Length} bytes (aMaxPHYPacketSize {PhyTiming.MaxPsduOctets}); got {psdu.Length}.",
                    nameof(psdu));
            }

            if (Offline)
            {
                Medium.Scheduler.Post(() => completed(new RadioTransmitResult(RadioTransmitStatus.Aborted)));
                return;
            }

            ReadOnlySpan<byte> body = psdu.Span;
            var withFcs = new byte[body.Length + MacFcs.Length];
            body.CopyTo(withFcs);
            MacFcs.Write(body, withFcs.AsSpan(body.Length));
            TxRequest request = _txPool.Count > 0 ? _txPool.Pop() : new TxRequest();
            request.Reset(withFcs, FrameHeader.Parse(body), options ?? RadioTransmitOptions.Default, completed);
            _queue.Enqueue(request);
            if (_current is null)
            {
                StartNext();
            }
        }

        /// <summary>Whether a frame or an ack of this radio is on the air, or it is turning around to send one.</summary>
        internal bool IsTransmitting => SendingFrame != null || SendingAck != null || Phase == TxPhase.Turnaround;

        /// <summary>
        /// Whether the receiver is on: always for RxOnWhenIdle radios (unless sending or scanning); for sleepy ones only
        /// while waiting for an ack and for a short window after a transmission (<see cref="MediumOptions.SleepyReceiveWindow"/>,
        /// or <see cref="MediumOptions.FramePendingReceiveWindow"/> after a data request acked with frame pending).
        /// </summary>
        internal bool IsListening =>
            !Offline && ScanChannel == 0 && !IsTransmitting &&
            (_configuration.RxOnWhenIdle || Phase == TxPhase.AckWait || Medium.Scheduler.Now < _receiveUntil);

        private void StartNext()
        {
            while (_current is null && _queue.Count > 0 && !Offline)
            {
                _current = _queue.Dequeue();
                BeginAttempt();
            }
        }

        private void BeginAttempt()
        {
            TxRequest req = _current!;
            if (req.Options.Csma)
            {
                req.Nb = 0;
                req.Be = PhyTiming.MinBe;
                ScheduleBackoff(req);
            }
            else
            {
                // No CSMA-CA (a frame timed by the stack): on the air after aTurnaroundTime.
                Phase = TxPhase.Turnaround;
                _timer = Medium.Scheduler.Schedule(PhyTiming.Turnaround, _onGoOnAir);
            }
        }

        private void ScheduleBackoff(TxRequest req)
        {
            Phase = TxPhase.Backoff;
            int periods = Medium.Scheduler.Random.Next(1 << req.Be);
            _timer = Medium.Scheduler.Schedule(TimeSpan.FromTicks(PhyTiming.UnitBackoffPeriod.Ticks * periods), _onBackoffDone);
        }

        /// <summary>
        /// End of the random backoff: CCA in the medium's <see cref="MediumOptions.CcaMode"/> (by default carrier
        /// sense or energy above threshold, see <see cref="SimulatedMedium.IsChannelBusy"/>). The channel is judged at this instant for
        /// the whole 8-symbol CCA; when idle, the frame goes on the air after CCA plus aTurnaroundTime (20 symbols),
        /// the window in which two senders that cannot yet hear each other collide.
        /// </summary>
        private void OnBackoffDone()
        {
            _timer = null;
            TxRequest req = _current!;
            if (Medium.IsChannelBusy(this, _configuration.Channel))
            {
                Counters.BusyCca++;
                req.Nb++;
                req.Be = Math.Min(req.Be + 1, PhyTiming.MaxBe);
                if (req.Nb > req.Options.MaxCsmaBackoffs)
                {
                    Counters.ChannelAccessFailures++;
                    Finish(RadioTransmitStatus.ChannelAccessFailure, false);
                }
                else
                {
                    ScheduleBackoff(req);
                }

                return;
            }

            Phase = TxPhase.Turnaround;
            _timer = Medium.Scheduler.Schedule(PhyTiming.CcaDuration + PhyTiming.Turnaround, _onGoOnAir);
        }

        private void GoOnAir()
        {
            _timer = null;
            if (SendingAck != null)
            {
                // The radio is sending an automatic ack (hardware-timed, it goes first): the frame follows it.
                TimeSpan wait = SendingAck.Start + PhyTiming.Airtime(SendingAck.Psdu.Length) + PhyTiming.Turnaround - Medium.Scheduler.Now;
                _timer = Medium.Scheduler.Schedule(wait, _onGoOnAir);
                return;
            }

            TxRequest req = _current!;
            Phase = TxPhase.OnAir;
            Counters.FramesSent++;
            SendingFrame = Medium.StartTransmission(this, _configuration.Channel, req.Psdu, req.Header, isAck: false);
        }

        internal void ClearOnAir(Transmission t)
        {
            if (SendingFrame == t)
            {
                SendingFrame = null;
            }
            else if (SendingAck == t)
            {
                SendingAck = null;
            }
        }

        internal void OnTransmissionEnded(bool isAck)
        {
            if (isAck || Phase != TxPhase.OnAir || _current is null)
            {
                return;
            }

            if (_current.Header.Valid && _current.Header.AckRequest)
            {
                Phase = TxPhase.AckWait;
                _timer = Medium.Scheduler.Schedule(PhyTiming.AckWaitDuration, _onAckTimeout);
            }
            else
            {
                Finish(RadioTransmitStatus.Success, false);
            }
        }

        /// <summary>An ack arrived while waiting; true when it is the one for the frame in flight (same sequence number).</summary>
        private bool TryTakeAck(byte sequence, bool framePending)
        {
            if (Phase != TxPhase.AckWait || _current is null || _current.Header.Sequence != sequence)
            {
                return false;
            }

            _timer?.Cancel();
            _timer = null;
            Counters.AcksReceived++;
            Finish(RadioTransmitStatus.Success, framePending);
            return true;
        }

        private bool IsWaitingForAck(byte sequence) =>
            Phase == TxPhase.AckWait && _current is not null && _current.Header.Sequence == sequence;

        private void OnAckTimeout()
        {
            _timer = null;
            TxRequest req = _current!;
            if (req.Retries < req.Options.MaxFrameRetries)
            {
                req.Retries++;
                Counters.Retries++;
                BeginAttempt();
            }
            else
            {
                Counters.NoAck++;
                Finish(RadioTransmitStatus.NoAck, false);
            }
        }

        private void Finish(RadioTransmitStatus status, bool framePending)
        {
            TxRequest req = _current!;
            _current = null;
            Phase = TxPhase.Idle;
            if (!_configuration.RxOnWhenIdle)
            {
                TimeSpan window = status == RadioTransmitStatus.Success && framePending && req.Header.IsDataRequest
                    ? Medium.Options.FramePendingReceiveWindow
                    : Medium.Options.SleepyReceiveWindow;
                _receiveUntil = Medium.Scheduler.Now + window;
            }

            req.Completed(new RadioTransmitResult(status, framePending, (byte)req.Retries));
            req.Reset(Array.Empty<byte>(), default, RadioTransmitOptions.Default, null!);
            _txPool.Push(req);
            StartNext();
        }

        /// <summary>Going offline: the frame on the air is cut, and everything pending completes Aborted (posted).</summary>
        private void AbortTransmissions()
        {
            _timer?.Cancel();
            _timer = null;
            _ackItem?.Cancel();
            _ackItem = null;
            if (SendingFrame != null)
            {
                Medium.AbortTransmission(SendingFrame);
                SendingFrame = null;
            }

            if (SendingAck != null)
            {
                Medium.AbortTransmission(SendingAck);
                SendingAck = null;
            }

            Phase = TxPhase.Idle;
            var aborted = new List<TxRequest>();
            if (_current != null)
            {
                aborted.Add(_current);
                _current = null;
            }

            aborted.AddRange(_queue);
            _queue.Clear();
            foreach (TxRequest req in aborted)
            {
                byte retries = (byte)req.Retries;
                Medium.Scheduler.Post(() => req.Completed(new RadioTransmitResult(RadioTransmitStatus.Aborted, false, retries)));
            }
        }

        /// <summary>A frame to send; recycled once completed (an aborted one is not: its completion is posted).</summary>
        private sealed class TxRequest
        {
            public byte[] Psdu { get; private set; } = Array.Empty<byte>();

            public FrameHeader Header { get; private set; }

            public RadioTransmitOptions Options { get; private set; } = RadioTransmitOptions.Default;

            public Action<RadioTransmitResult> Completed { get; private set; } = null!;

            /// <summary>NB of CSMA-CA: busy CCAs so far in this attempt.</summary>
            public int Nb { get; set; }

            /// <summary>BE of CSMA-CA: the backoff exponent.</summary>
            public int Be { get; set; }

            public int Retries { get; set; }

            public void Reset(byte[] psdu, FrameHeader header, RadioTransmitOptions options, Action<RadioTransmitResult> completed)
            {
                Psdu = psdu;
                Header = header;
                Options = options;
                Completed = completed;
                Nb = 0;
                Be = 0;
                Retries = 0;
            }
        }
    }
}
