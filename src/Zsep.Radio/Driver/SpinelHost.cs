using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Zsep.Radio.Hdlc;
using Zsep.Radio.Spinel;
using Zsep.Radio.Transport;
using Zsep.Stack.Codec;

namespace Zsep.Radio.Driver
{
    /// <summary>Counters of the Spinel link (both directions).</summary>
    public sealed class SpinelLinkCounters
    {
        private long _framesSent, _framesReceived, _malformed, _timeouts, _unmatched;

        public long FramesSent => Interlocked.Read(ref _framesSent);

        public long FramesReceived => Interlocked.Read(ref _framesReceived);

        /// <summary>HDLC frames whose FCS was wrong (dropped).</summary>
        public long FcsErrors { get; internal set; }

        /// <summary>HDLC frames too long, too short or badly escaped (dropped).</summary>
        public long InvalidFrames { get; internal set; }

        /// <summary>Frames with a good FCS that were not Spinel (dropped).</summary>
        public long Malformed => Interlocked.Read(ref _malformed);

        /// <summary>Requests the radio did not answer in time.</summary>
        public long Timeouts => Interlocked.Read(ref _timeouts);

        /// <summary>Replies with a TID nobody waits for (a late answer after a timeout).</summary>
        public long UnmatchedReplies => Interlocked.Read(ref _unmatched);

        internal void Sent() => Interlocked.Increment(ref _framesSent);

        internal void Received() => Interlocked.Increment(ref _framesReceived);

        internal void MalformedFrame() => Interlocked.Increment(ref _malformed);

        internal void Timeout() => Interlocked.Increment(ref _timeouts);

        internal void Unmatched() => Interlocked.Increment(ref _unmatched);
    }

    /// <summary>
    /// The host side of a Spinel link (draft-rquattle-spinel-unified; OpenThread's spinel_driver / radio_spinel does
    /// the same): HDLC-lite framing on the byte stream (garbage before a flag skipped, split and merged reads
    /// joined, a bad FCS counted and dropped), commands sent with a transaction id 1-15 and matched to the reply
    /// carrying it (section 2.1.3), with a timeout; TID 0 frames (unsolicited: received radio frames, reset
    /// notifications, scan results) raised through <see cref="Unsolicited"/>. Events run on the transport's reader
    /// thread; the radio above posts them into the stack's loop.
    /// </summary>
    public sealed class SpinelHost : IDisposable
    {
        /// <summary>The default time the radio has to answer a command (OpenThread's host waits 2 s).</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

        private readonly IByteTransport _transport;
        private readonly HdlcDecoder _decoder = new HdlcDecoder();
        private readonly List<byte[]> _decoded = new List<byte[]>();
        private readonly object _lock = new object();
        private readonly Pending?[] _pending = new Pending?[16];
        private readonly SemaphoreSlim _tids = new SemaphoreSlim(15, 15);
        private byte _nextTid = 1;
        private Exception? _fault;
        private bool _disposed;

        public SpinelHost(IByteTransport transport)
        {
            _transport = transport ?? throw new ArgumentNullException(nameof(transport));
            _transport.DataReceived += OnData;
            _transport.Closed += OnClosed;
        }

        public string Name => _transport.Name;

        public SpinelLinkCounters Counters { get; } = new SpinelLinkCounters();

        /// <summary>The transport underneath.</summary>
        public IByteTransport Transport => _transport;

        /// <summary>Why the link ended, or null while it is up.</summary>
        public Exception? Fault => _fault;

        /// <summary>Frames with TID 0 (unsolicited), on the reader thread.</summary>
        public event Action<SpinelFrame>? Unsolicited;

        /// <summary>Raised once when the transport fails or closes (the argument is the failure, or null when closed here).</summary>
        public event Action<Exception?>? Faulted;

        /// <summary>Opens the transport.</summary>
        public void Open() => _transport.Open();

        /// <summary>Sends a frame without waiting for an answer (its TID as given, normally 0).</summary>
        public void Send(SpinelFrame frame)
        {
            ThrowIfDown();
            _transport.Write(frame.ToHdlc());
            Counters.Sent();
        }

        /// <summary>
        /// Sends <paramref name="frame"/> with a free TID (1-15; at most 15 outstanding, further requests wait for one)
        /// and completes with the radio's reply carrying it. Fails with <see cref="TimeoutException"/> after
        /// <paramref name="timeout"/>, and with RadioUnavailableException when the link goes down.
        /// </summary>
        public async Task<SpinelFrame> RequestAsync(SpinelFrame frame, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            ThrowIfDown();
            TimeSpan wait = timeout ?? DefaultTimeout;
            if (!await _tids.WaitAsync(wait, cancellationToken).ConfigureAwait(false))
            {
                Counters.Timeout();
                throw new TimeoutException($"{Name}: 15 commands are waiting for answers; no transaction id came free within {wait.TotalMilliseconds} ms.");
            }

            var pending = new Pending(new TaskCompletionSource<SpinelFrame>(TaskCreationOptions.RunContinuationsAsynchronously));
            byte tid;
            lock (_lock)
            {
                tid = _nextTid;
                while (_pending[tid] is not null)
                {
                    tid = (byte)(tid % 15 + 1);
                }

                _nextTid = (byte)(tid % 15 + 1);
                _pending[tid] = pending;
            }

            var timer = new CancellationTokenSource(wait);
            using CancellationTokenRegistration onTimeout = timer.Token.Register(() =>
            {
                if (Complete(tid, pending))
                {
                    Counters.Timeout();
                    pending.Source.TrySetException(new TimeoutException($"{Name} did not answer {frame.CommandId} {frame.PropertyId} within {wait.TotalMilliseconds} ms."));
                }
            });
            using CancellationTokenRegistration onCancel = cancellationToken.Register(() =>
            {
                if (Complete(tid, pending))
                {
                    pending.Source.TrySetCanceled();
                }
            });
            try
            {
                _transport.Write((frame with { Tid = tid }).ToHdlc());
                Counters.Sent();
            }
            catch (Exception ex)
            {
                Complete(tid, pending);
                pending.Source.TrySetException(ex);
            }

            try
            {
                return await pending.Source.Task.ConfigureAwait(false);
            }
            finally
            {
                timer.Dispose();
            }
        }

        /// <summary>
        /// PROP_VALUE_GET/SET/INSERT/REMOVE and the matching reply: the value of PROP_VALUE_IS/INSERTED/REMOVED for the
        /// property, or a <see cref="SpinelStatusException"/> when the radio answers LAST_STATUS with an error.
        /// </summary>
        public async Task<byte[]> PropertyAsync(SpinelCommandId command, SpinelPropertyId property, byte[]? value = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            var request = new SpinelFrame { CommandId = command, PropertyId = property, Value = value ?? Array.Empty<byte>() };
            SpinelFrame reply = await RequestAsync(request, timeout, cancellationToken).ConfigureAwait(false);
            if (reply.PropertyId == property && reply.CommandId >= SpinelCommandId.PropValueIs && reply.CommandId <= SpinelCommandId.PropValueRemoved)
            {
                return reply.Value;
            }

            if (reply.CommandId == SpinelCommandId.PropValueIs && reply.PropertyId == SpinelPropertyId.LastStatus)
            {
                SpinelStatus status = SpinelValue.DecodeStatus(reply.Value);
                if (status == SpinelStatus.Ok)
                {
                    return Array.Empty<byte>();
                }

                throw new SpinelStatusException(Name, command, property, status);
            }

            throw new FrameFormatException(FrameLayer.Spinel, "Reply", 0, $"{Name} answered {command} {property} with {reply.CommandId} {reply.PropertyId}.");
        }

        /// <summary>Blocking form of <see cref="PropertyAsync"/> for start-up (never on the stack's loop).</summary>
        public byte[] Property(SpinelCommandId command, SpinelPropertyId property, byte[]? value = null, TimeSpan? timeout = null)
        {
            TimeSpan wait = timeout ?? DefaultTimeout;
            Task<byte[]> reply = PropertyAsync(command, property, value, wait);
            // The request times itself out; this bound is the guard in case that never happens (a starved thread
            // pool delays timers and continuations): the caller gets an error, never a hang.
            bool done;
            try
            {
                done = reply.Wait(wait + wait + TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                done = true; // failed: GetResult below throws what it failed with
            }

            if (!done)
            {
                Counters.Timeout();
                throw new RadioUnavailableException(Name, $"The radio on {Name} did not answer {command} {property}, and the request did not time out either, within {(wait + wait).TotalSeconds + 5} s.");
            }

            try
            {
                return reply.GetAwaiter().GetResult();
            }
            catch (TimeoutException ex)
            {
                throw new RadioUnavailableException(Name, $"The radio on {Name} does not answer ({ex.Message}). Is it an OpenThread RCP, at the right baud rate?", ex);
            }
        }

        /// <summary>Fails every outstanding request (the radio reset and will never answer them).</summary>
        public void AbortPending(Exception reason)
        {
            for (byte tid = 1; tid < 16; tid++)
            {
                Pending? p;
                lock (_lock)
                {
                    p = _pending[tid];
                }

                if (p is not null && Complete(tid, p))
                {
                    p.Source.TrySetException(reason);
                }
            }
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _transport.Dispose();
        }

        private void OnData(ReadOnlyMemory<byte> data)
        {
            _decoded.Clear();
            _decoder.Feed(data.Span, _decoded);
            Counters.FcsErrors = _decoder.FcsErrors;
            Counters.InvalidFrames = _decoder.InvalidFrames + _decoder.Overflows;
            foreach (byte[] raw in _decoded)
            {
                if (!SpinelFrame.TryDecode(raw, out SpinelFrame? frame, out _) || frame is null)
                {
                    Counters.MalformedFrame();
                    continue;
                }

                Counters.Received();
                if (frame.Tid == 0)
                {
                    Unsolicited?.Invoke(frame);
                    continue;
                }

                Pending? p;
                lock (_lock)
                {
                    p = _pending[frame.Tid];
                }

                if (p is not null && Complete(frame.Tid, p))
                {
                    p.Source.TrySetResult(frame);
                }
                else
                {
                    Counters.Unmatched();
                }
            }
        }

        private void OnClosed(Exception? error)
        {
            _fault = error ?? new ObjectDisposedException(Name, $"{Name} was closed.");
            AbortPending(new RadioUnavailableException(Name, error is null ? $"{Name} was closed." : $"{Name} is gone: {error.Message}", error));
            Faulted?.Invoke(error);
        }

        /// <summary>Frees the TID if <paramref name="p"/> still holds it; true for the one caller that did.</summary>
        private bool Complete(byte tid, Pending p)
        {
            lock (_lock)
            {
                if (_pending[tid] != p)
                {
                    return false;
                }

                _pending[tid] = null;
            }

            _tids.Release();
            return true;
        }

        private void ThrowIfDown()
        {
            if (_fault is not null || _disposed)
            {
                throw new RadioUnavailableException(Name, _fault is ObjectDisposedException || _fault is null
                    ? $"{Name} is closed."
                    : $"{Name} is gone: {_fault.Message}", _fault);
            }
        }

        private sealed class Pending
        {
            public Pending(TaskCompletionSource<SpinelFrame> source) => Source = source;

            public TaskCompletionSource<SpinelFrame> Source { get; }
        }
    }

    /// <summary>The radio answered a command with LAST_STATUS other than OK.</summary>
    public sealed class SpinelStatusException : Exception
    {
        public SpinelStatusException(string radio, SpinelCommandId command, SpinelPropertyId property, SpinelStatus status)
            : base($"{radio} refused {command} {property}: {status} ({(uint)status}).")
        {
            Command = command;
            Property = property;
            Status = status;
        }

        public SpinelCommandId Command { get; }

        public SpinelPropertyId Property { get; }

        public SpinelStatus Status { get; }
    }
}
