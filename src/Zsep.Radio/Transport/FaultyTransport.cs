using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;

namespace Zsep.Radio.Transport
{
    /// <summary>What a <see cref="FaultyTransport"/> does to the bytes, both ways.</summary>
    public sealed record LineFaults
    {
        /// <summary>Deliver and write in pieces of at most this many bytes (1: one byte at a time); 0 leaves chunks as they are.</summary>
        public int MaxChunk { get; init; }

        /// <summary>The share of bytes lost (0 to 1), drawn from <see cref="Seed"/>.</summary>
        public double DropRate { get; init; }

        public int Seed { get; init; } = 1;

        /// <summary>Extra latency on every chunk, each way (order kept).</summary>
        public TimeSpan Delay { get; init; }

        public override string ToString() =>
            $"chunk {(MaxChunk == 0 ? "any" : MaxChunk.ToString())}, drop {DropRate:P2} (seed {Seed}), delay {Delay.TotalMilliseconds} ms";
    }

    /// <summary>
    /// Wraps a transport and misbehaves like a real serial line (the bellows test_ash.py idea): pieces of one byte,
    /// a seeded share of lost bytes, added delay; and <see cref="InjectReceived"/> puts garbage on the line. Used
    /// between the driver and the RCP emulator in tests.
    /// </summary>
    public sealed class FaultyTransport : IByteTransport
    {
        private readonly IByteTransport _inner;
        private readonly Random _random;
        private readonly object _randomLock = new object();
        private readonly object _deliverLock = new object();
        private readonly DelayPump? _rxPump;
        private readonly DelayPump? _txPump;

        public FaultyTransport(IByteTransport inner, LineFaults faults)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
            Faults = faults ?? throw new ArgumentNullException(nameof(faults));
            _random = new Random(faults.Seed);
            if (faults.Delay > TimeSpan.Zero)
            {
                _rxPump = new DelayPump(faults.Delay, Deliver, "zsep-delay-rx");
                _txPump = new DelayPump(faults.Delay, d => _inner.Write(d), "zsep-delay-tx");
            }

            _inner.DataReceived += OnInnerData;
            _inner.Closed += e => Closed?.Invoke(e);
        }

        public LineFaults Faults { get; }

        public string Name => _inner.Name;

        public bool IsOpen => _inner.IsOpen;

        /// <summary>Bytes this wrapper dropped, both ways.</summary>
        public long BytesDropped => Interlocked.Read(ref _dropped);

        private long _dropped;

        public event Action<ReadOnlyMemory<byte>>? DataReceived;

        public event Action<Exception?>? Closed;

        public void Open()
        {
            _rxPump?.Start();
            _txPump?.Start();
            _inner.Open();
        }

        public void Write(ReadOnlySpan<byte> data)
        {
            if (!_inner.IsOpen)
            {
                _inner.Write(data); // throws the inner transport's RadioUnavailableException
            }

            byte[] kept = Drop(data);
            foreach (byte[] piece in Split(kept))
            {
                if (_txPump is not null)
                {
                    _txPump.Enqueue(piece);
                }
                else
                {
                    _inner.Write(piece);
                }
            }
        }

        /// <summary>Delivers <paramref name="garbage"/> to the reader as if it came from the line.</summary>
        public void InjectReceived(ReadOnlySpan<byte> garbage) => Deliver(garbage.ToArray());

        public void Dispose()
        {
            _rxPump?.Dispose();
            _txPump?.Dispose();
            _inner.Dispose();
        }

        private void OnInnerData(ReadOnlyMemory<byte> data)
        {
            byte[] kept = Drop(data.Span);
            foreach (byte[] piece in Split(kept))
            {
                if (_rxPump is not null)
                {
                    _rxPump.Enqueue(piece);
                }
                else
                {
                    Deliver(piece);
                }
            }
        }

        /// <summary>One delivery at a time: the reader's and <see cref="InjectReceived"/>'s never interleave, as on one line.</summary>
        private void Deliver(byte[] data)
        {
            lock (_deliverLock)
            {
                DataReceived?.Invoke(data);
            }
        }

        private byte[] Drop(ReadOnlySpan<byte> data)
        {
            if (Faults.DropRate <= 0)
            {
                return data.ToArray();
            }

            var kept = new byte[data.Length];
            int n = 0;
            lock (_randomLock)
            {
                foreach (byte b in data)
                {
                    if (_random.NextDouble() < Faults.DropRate)
                    {
                        Interlocked.Increment(ref _dropped);
                    }
                    else
                    {
                        kept[n++] = b;
                    }
                }
            }

            Array.Resize(ref kept, n);
            return kept;
        }

        private System.Collections.Generic.IEnumerable<byte[]> Split(byte[] data)
        {
            if (Faults.MaxChunk <= 0 || data.Length <= Faults.MaxChunk)
            {
                if (data.Length > 0)
                {
                    yield return data;
                }

                yield break;
            }

            for (int offset = 0; offset < data.Length; offset += Faults.MaxChunk)
            {
                int n = Math.Min(Faults.MaxChunk, data.Length - offset);
                byte[] piece = new byte[n];
                Array.Copy(data, offset, piece, 0, n);
                yield return piece;
            }
        }

        /// <summary>Hands chunks on in order once each is <see cref="LineFaults.Delay"/> old.</summary>
        private sealed class DelayPump : IDisposable
        {
            private readonly BlockingCollection<(long Due, byte[] Data)> _queue = new BlockingCollection<(long, byte[])>();
            private readonly ManualResetEventSlim _stop = new ManualResetEventSlim(false);
            private readonly long _delayTicks;
            private readonly Action<byte[]> _sink;
            private readonly Thread _thread;

            public DelayPump(TimeSpan delay, Action<byte[]> sink, string name)
            {
                _delayTicks = (long)(delay.TotalSeconds * Stopwatch.Frequency);
                _sink = sink;
                _thread = new Thread(Run) { IsBackground = true, Name = name };
            }

            public void Start() => _thread.Start();

            public void Enqueue(byte[] data)
            {
                try
                {
                    _queue.Add((Stopwatch.GetTimestamp() + _delayTicks, data));
                }
                catch (InvalidOperationException)
                {
                    // Disposed: the line is gone.
                }
            }

            public void Dispose()
            {
                _stop.Set();
                _queue.CompleteAdding();
            }

            private void Run()
            {
                try
                {
                    foreach ((long due, byte[] data) in _queue.GetConsumingEnumerable())
                    {
                        long wait = due - Stopwatch.GetTimestamp();
                        if (wait > 0 && _stop.Wait(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency)))
                        {
                            return;
                        }

                        try
                        {
                            _sink(data);
                        }
                        catch (RadioUnavailableException)
                        {
                            return;
                        }
                    }
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }
    }
}
