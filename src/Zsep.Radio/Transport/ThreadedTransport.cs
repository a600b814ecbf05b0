using System;
using System.Threading;

namespace Zsep.Radio.Transport
{
    /// <summary>
    /// The common part of the stream transports: a reader thread that reads chunks and raises
    /// <see cref="DataReceived"/>, a write lock, and one <see cref="Closed"/> event whether the line was closed here
    /// or failed (a read or write error, end of stream). Nothing here waits without a bound: a write that the line
    /// does not take in time fails the line, and closing gives up on a <see cref="CloseCore"/> that does not return
    /// within <see cref="CloseLimit"/> (the stuck close is left to a background thread), so <see cref="Closed"/> is
    /// always raised and whoever waits on the radio gets a clear error instead of a hang.
    /// </summary>
    public abstract class ThreadedTransport : IByteTransport
    {
        /// <summary>How long <see cref="Dispose"/> waits for the line to close (and for the reader thread to end).</summary>
        public static readonly TimeSpan CloseLimit = TimeSpan.FromSeconds(3);

        private readonly object _writeLock = new object();
        private Thread? _reader;
        private int _closed;
        private volatile bool _open;

        protected ThreadedTransport(string name)
        {
            Name = name;
        }

        public string Name { get; }

        public bool IsOpen => _open;

        /// <summary>Why the line ended (null while open or when closed here).</summary>
        public Exception? Failure { get; private set; }

        public event Action<ReadOnlyMemory<byte>>? DataReceived;

        public event Action<Exception?>? Closed;

        public void Open()
        {
            if (_open || _closed != 0)
            {
                throw new InvalidOperationException($"{Name} was opened already.");
            }

            try
            {
                OpenCore();
            }
            catch (Exception ex) when (!(ex is RadioUnavailableException))
            {
                throw new RadioUnavailableException(Name, $"Cannot open {Name}: {ex.Message}", ex);
            }

            _open = true;
            _reader = new Thread(ReadLoop) { IsBackground = true, Name = "zsep-rx " + Name };
            _reader.Start();
        }

        public void Write(ReadOnlySpan<byte> data)
        {
            if (!_open)
            {
                throw new RadioUnavailableException(Name, Failure is null
                    ? $"{Name} is closed."
                    : $"{Name} is gone: {Failure.Message}", Failure);
            }

            byte[] copy = data.ToArray();
            lock (_writeLock)
            {
                try
                {
                    WriteCore(copy);
                }
                catch (TimeoutException ex)
                {
                    // The line did not take the bytes in time (a serial port's write timeout): a radio that stops
                    // reading, or a port whose I/O has died. Either way the line is unusable.
                    Fail(ex);
                    throw new RadioUnavailableException(Name, $"{Name} did not take the bytes in time: {ex.Message}", ex);
                }
                catch (Exception ex) when (ex is System.IO.IOException || ex is InvalidOperationException || ex is UnauthorizedAccessException || ex is ObjectDisposedException || ex is System.Net.Sockets.SocketException)
                {
                    Fail(ex);
                    throw new RadioUnavailableException(Name, $"Writing to {Name} failed: {ex.Message}", ex);
                }
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0)
            {
                return;
            }

            _open = false;
            if (!CloseWithin(CloseLimit))
            {
                // Closing hangs in the OS or the port library (System.IO.Ports' SerialPort.Dispose can wait forever
                // for writes queued after its I/O loop ended). The close carries on in the background; callers go on.
                Failure ??= new System.IO.IOException($"{Name} did not close within {CloseLimit.TotalSeconds} s.");
            }

            if (_reader is not null && _reader != Thread.CurrentThread)
            {
                _reader.Join(CloseLimit);
            }

            Closed?.Invoke(Failure);
        }

        /// <summary>Runs <see cref="CloseCore"/> on a helper thread and waits at most <paramref name="limit"/> for it.</summary>
        private bool CloseWithin(TimeSpan limit)
        {
            var closer = new Thread(() =>
            {
                try
                {
                    CloseCore();
                }
                catch (Exception ex) when (!(ex is OutOfMemoryException))
                {
                    // Closing a line that already failed.
                }
            })
            {
                IsBackground = true,
                Name = "zsep-close " + Name,
            };
            closer.Start();
            return closer.Join(limit);
        }

        /// <summary>Opens the line (throws on failure).</summary>
        protected abstract void OpenCore();

        /// <summary>Reads into <paramref name="buffer"/>: the count (0 when a read timed out and nothing came), or -1 at end of stream.</summary>
        protected abstract int ReadCore(byte[] buffer);

        protected abstract void WriteCore(byte[] data);

        /// <summary>Closes the line (on a helper thread, bounded by <see cref="CloseLimit"/>); a blocked <see cref="ReadCore"/> must return or throw soon after.</summary>
        protected abstract void CloseCore();

        private void ReadLoop()
        {
            byte[] buffer = new byte[4096];
            while (_open)
            {
                int n;
                try
                {
                    n = ReadCore(buffer);
                }
                catch (Exception ex) when (!(ex is OutOfMemoryException))
                {
                    if (_open)
                    {
                        Fail(ex);
                    }

                    return;
                }

                if (n < 0)
                {
                    if (_open)
                    {
                        Fail(new System.IO.EndOfStreamException($"{Name} closed by the other end."));
                    }

                    return;
                }

                if (n > 0 && _open)
                {
                    DataReceived?.Invoke(new ReadOnlyMemory<byte>(buffer, 0, n));
                }
            }
        }

        private void Fail(Exception error)
        {
            if (Failure is null)
            {
                Failure = error;
            }

            // Closed on a thread of its own: the failing reader or writer goes on at once, and a starved thread pool
            // cannot delay the news that the line is gone.
            new Thread(Dispose) { IsBackground = true, Name = "zsep-fail " + Name }.Start();
        }
    }
}
