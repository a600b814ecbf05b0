using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;

namespace Zsep.Stack.Runtime
{
    /// <summary>
    /// A scheduler loop on the wall clock (shared/design.md "Time": serial radios run on real time), optionally
    /// scaled: with <see cref="TimeScale"/> 10, ten seconds of loop time pass in one second of wall time. It is a
    /// discrete-event queue (a <see cref="VirtualScheduler"/>) whose time is advanced in step with the clock: an
    /// item runs when the scaled clock reaches it. Everything runs on one thread, the one that drives it
    /// (<see cref="RunUntil"/>, or <see cref="Start"/>'s background thread), so stack code stays lock-free.
    /// <see cref="Post"/> is thread-safe (I/O threads hand received bytes to the loop with it); <see cref="Schedule"/>,
    /// <see cref="Now"/> and <see cref="Random"/> belong to the loop thread, or to any thread while the loop is not
    /// running. An I/O thread that finds the radio gone calls <see cref="Fault"/>: the loop throws that exception
    /// to its driver at once, so a cmdlet waiting on a dead port gets a clear error instead of a hang.
    /// </summary>
    public sealed class RealTimeScheduler : IStackScheduler, ILoopDriver, IDisposable
    {
        /// <summary>Waits are cut into slices at most this long, so cancellation is seen promptly.</summary>
        private static readonly TimeSpan MaxWaitSlice = TimeSpan.FromMilliseconds(100);

        private readonly VirtualScheduler _queue;
        private readonly ConcurrentQueue<Action> _inbox = new ConcurrentQueue<Action>();
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly DateTimeOffset _epoch;
        private Exception? _fault;
        private Thread? _thread;
        private volatile bool _stopping;
        private int _loopThreadId = -1;

        /// <summary>A loop on the wall clock starting now (or at <paramref name="start"/>), scaled by <paramref name="timeScale"/>.</summary>
        public RealTimeScheduler(int seed, double timeScale = 1.0, DateTimeOffset? start = null)
            : this(new VirtualScheduler(seed, start ?? DateTimeOffset.UtcNow), timeScale)
        {
        }

        /// <summary>
        /// Paces an existing virtual-time queue by the wall clock: a simulated medium and its devices, built on a
        /// <see cref="VirtualScheduler"/>, then run in step with a real-time gateway (the RCP emulator does this).
        /// The queue must not be driven by anyone else meanwhile.
        /// </summary>
        public RealTimeScheduler(VirtualScheduler queue, double timeScale = 1.0)
        {
            if (!(timeScale > 0) || double.IsInfinity(timeScale))
            {
                throw new ArgumentOutOfRangeException(nameof(timeScale), timeScale, "The time scale must be a positive number.");
            }

            _queue = queue ?? throw new ArgumentNullException(nameof(queue));
            _epoch = queue.Now;
            TimeScale = timeScale;
        }

        /// <summary>Loop time per wall time: 1 is real time, 10 runs ten times faster.</summary>
        public double TimeScale { get; }

        /// <summary>The loop's time: where the queue stands (it is moved to the scaled clock each time the loop wakes).</summary>
        public DateTimeOffset Now => _queue.Now;

        public Random Random => _queue.Random;

        /// <summary>The underlying event queue.</summary>
        public VirtualScheduler Queue => _queue;

        /// <summary>Whether <see cref="Start"/>'s background thread is driving the loop.</summary>
        public bool IsRunningInBackground => _thread is not null;

        /// <summary>The scaled wall clock: where loop time should stand now.</summary>
        public DateTimeOffset ClockNow => _epoch + TimeSpan.FromTicks((long)(_clock.Elapsed.Ticks * TimeScale));

        public IScheduledItem Schedule(TimeSpan delay, Action action)
        {
            IScheduledItem item = _queue.Schedule(delay, action);
            if (_loopThreadId != -1 && _loopThreadId != Environment.CurrentManagedThreadId)
            {
                _wake.Set();
            }

            return item;
        }

        /// <summary>Thread-safe: runs <paramref name="action"/> on the loop as soon as it wakes.</summary>
        public void Post(Action action)
        {
            if (action is null)
            {
                throw new ArgumentNullException(nameof(action));
            }

            _inbox.Enqueue(action);
            _wake.Set();
        }

        /// <summary>
        /// Thread-safe: the loop's driver gets <paramref name="error"/> thrown from <see cref="RunUntil"/> (once; the
        /// first fault reported wins until it is thrown).
        /// </summary>
        public void Fault(Exception error)
        {
            Interlocked.CompareExchange(ref _fault, error ?? throw new ArgumentNullException(nameof(error)), null);
            _wake.Set();
        }

        /// <summary>
        /// Drives the loop on the calling thread until <paramref name="condition"/> holds or <paramref name="limit"/>
        /// of loop time passes, waiting in (scaled) real time between events. Throws what <see cref="Fault"/> reported
        /// and <see cref="OperationCanceledException"/> when cancelled.
        /// </summary>
        public bool RunUntil(Func<bool> condition, TimeSpan limit, CancellationToken cancellationToken = default)
        {
            if (condition is null)
            {
                throw new ArgumentNullException(nameof(condition));
            }

            int me = Environment.CurrentManagedThreadId;
            if (Interlocked.CompareExchange(ref _loopThreadId, me, -1) != -1)
            {
                throw new InvalidOperationException("The loop is already being driven by another thread.");
            }

            try
            {
                DateTimeOffset end = Now + limit;
                while (true)
                {
                    ThrowIfFaulted();
                    cancellationToken.ThrowIfCancellationRequested();
                    DrainInbox(condition, end);
                    if (condition())
                    {
                        return true;
                    }

                    DateTimeOffset target = ClockNow;
                    if (target > end)
                    {
                        target = end;
                    }

                    if (target > _queue.Now && _queue.RunUntil(condition, target - _queue.Now, cancellationToken))
                    {
                        return true;
                    }

                    if (_queue.Now >= end)
                    {
                        ThrowIfFaulted();
                        return condition();
                    }

                    Wait(end, cancellationToken);
                }
            }
            finally
            {
                Volatile.Write(ref _loopThreadId, -1);
            }
        }

        /// <summary>Drives the loop for <paramref name="duration"/> of loop time.</summary>
        public void RunFor(TimeSpan duration, CancellationToken cancellationToken = default) =>
            RunUntil(() => false, duration, cancellationToken);

        /// <summary>Drives the loop on a background thread until <see cref="Stop"/> (a simulated medium behind an RCP emulator).</summary>
        public void Start(string name = "zsep-loop")
        {
            if (_thread is not null)
            {
                return;
            }

            _stopping = false;
            _thread = new Thread(() =>
            {
                try
                {
                    RunUntil(() => _stopping, TimeSpan.FromDays(36500));
                }
                catch (Exception ex) when (!(ex is OutOfMemoryException))
                {
                    BackgroundError = ex;
                }
            })
            {
                IsBackground = true,
                Name = name,
            };
            _thread.Start();
        }

        /// <summary>What ended the background thread, if an exception did.</summary>
        public Exception? BackgroundError { get; private set; }

        /// <summary>Stops the background thread and waits for it.</summary>
        public void Stop()
        {
            Thread? t = _thread;
            if (t is null)
            {
                return;
            }

            _stopping = true;
            _wake.Set();
            if (t != Thread.CurrentThread && !t.Join(TimeSpan.FromSeconds(10)))
            {
                // The loop is stuck inside an item (a blocked write to a dead line, say). It is a background thread:
                // leave it rather than hang the caller; it ends with the process.
                BackgroundError ??= new TimeoutException($"The loop thread '{t.Name}' did not stop within 10 s.");
            }

            _thread = null;
        }

        /// <summary>
        /// Runs <paramref name="action"/> on the loop and waits for it (for callers outside the loop while it runs in
        /// the background; called with no background thread it runs at once on the caller).
        /// </summary>
        public T Invoke<T>(Func<T> action, TimeSpan? timeout = null)
        {
            if (_thread is null || _loopThreadId == Environment.CurrentManagedThreadId)
            {
                return action();
            }

            T result = default!;
            Exception? error = null;
            using var done = new ManualResetEventSlim(false);
            Post(() =>
            {
                try
                {
                    result = action();
                }
                catch (Exception ex)
                {
                    error = ex;
                }
                finally
                {
                    done.Set();
                }
            });
            if (!done.Wait(timeout ?? TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException("The loop did not run the call in time.");
            }

            if (error is not null)
            {
                throw new InvalidOperationException("The call on the loop failed: " + error.Message, error);
            }

            return result;
        }

        public void Dispose()
        {
            Stop();
            _wake.Dispose();
        }

        private void DrainInbox(Func<bool> condition, DateTimeOffset end)
        {
            // Posted work runs at the clock's time (never past the driver's limit), after the timers already due:
            // move the queue up first.
            DateTimeOffset target = ClockNow < end ? ClockNow : end;
            if (target > _queue.Now)
            {
                _queue.RunUntil(condition, target - _queue.Now);
            }

            while (_inbox.TryDequeue(out Action? action))
            {
                action();
            }
        }

        private void Wait(DateTimeOffset end, CancellationToken cancellationToken)
        {
            DateTimeOffset until = end;
            if (_queue.NextDue is DateTimeOffset due && due < until)
            {
                until = due;
            }

            TimeSpan wall = TimeSpan.FromTicks((long)((until - ClockNow).Ticks / TimeScale));
            if (wall <= TimeSpan.Zero)
            {
                return;
            }

            if (wall > MaxWaitSlice)
            {
                wall = MaxWaitSlice;
            }

            if (cancellationToken.CanBeCanceled)
            {
                WaitHandle.WaitAny(new[] { _wake, cancellationToken.WaitHandle }, wall);
            }
            else
            {
                _wake.WaitOne(wall);
            }
        }

        private void ThrowIfFaulted()
        {
            Exception? fault = Interlocked.Exchange(ref _fault, null);
            if (fault is not null)
            {
                throw fault;
            }
        }
    }
}
