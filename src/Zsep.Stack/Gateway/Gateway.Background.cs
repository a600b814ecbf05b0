using System;
using System.Threading;
using Zsep.Stack.Runtime;
using Zsep.Stack.State;

namespace Zsep.Stack.Gateway
{
    public sealed partial class Gateway
    {
        private readonly object _gateSync = new object();
        private Thread? _gateOwner;
        private int _gateCount;
        private int _foregroundWaiting;
        private Thread? _pump;
        private volatile bool _pumpStop;

        /// <summary>Whether a background thread keeps the network running between commands (real-time radios).</summary>
        public bool RunsInBackground => _pump is not null;

        /// <summary>
        /// On a real-time radio (a Spinel RCP), keeps the network running between commands: a background thread drives
        /// the loop whenever no caller holds the gateway (<see cref="EnterForeground"/>), so devices join, routes are
        /// kept and frames are answered while the session is idle. The stack stays single-threaded: the pump and a
        /// foreground caller never drive the loop at the same time. Virtual time needs none of this (nothing happens
        /// between commands there); the call does nothing on a virtual-time network.
        /// </summary>
        public void StartBackgroundLoop()
        {
            if (_pump is not null || _disposed || Scheduler is not RealTimeScheduler loop)
            {
                return;
            }

            _pump = new Thread(() => Pump(loop)) { IsBackground = true, Name = "zsep-gateway " + Name };
            _pump.Start();
        }

        /// <summary>
        /// Takes the gateway for the calling thread (re-entrant) until the token is disposed: the background loop pauses,
        /// so the caller may read and change the stack, and drives the loop itself while it waits (<see cref="RunUntil"/>).
        /// A cmdlet holds it from the moment it resolves its network until it is disposed.
        /// </summary>
        public IDisposable EnterForeground()
        {
            Interlocked.Increment(ref _foregroundWaiting);
            try
            {
                (Scheduler as RealTimeScheduler)?.Post(() => { }); // wake the pump so it yields at once
                lock (_gateSync)
                {
                    var waited = System.Diagnostics.Stopwatch.StartNew(); // wall time: a guard, not stack timing
                    while (_gateOwner is not null && _gateOwner != Thread.CurrentThread)
                    {
                        if (!Monitor.Wait(_gateSync, 1000) && waited.Elapsed > TimeSpan.FromSeconds(60))
                        {
                            throw new TimeoutException($"The network {Name} stayed busy for a minute (its background loop did not yield).");
                        }
                    }

                    _gateOwner = Thread.CurrentThread;
                    _gateCount++;
                }
            }
            finally
            {
                Interlocked.Decrement(ref _foregroundWaiting);
            }

            return new Foreground(this);
        }

        private void ExitForeground()
        {
            lock (_gateSync)
            {
                if (_gateCount > 0 && --_gateCount == 0)
                {
                    _gateOwner = null;
                    Monitor.PulseAll(_gateSync);
                }
            }
        }

        private bool TryEnterPump()
        {
            lock (_gateSync)
            {
                if (_gateOwner is not null || Volatile.Read(ref _foregroundWaiting) > 0)
                {
                    Monitor.Wait(_gateSync, 50);
                    return false;
                }

                _gateOwner = Thread.CurrentThread;
                _gateCount = 1;
                return true;
            }
        }

        private void Pump(RealTimeScheduler loop)
        {
            while (!_pumpStop)
            {
                if (!TryEnterPump())
                {
                    continue;
                }

                try
                {
                    loop.RunUntil(() => _pumpStop || Volatile.Read(ref _foregroundWaiting) > 0, TimeSpan.FromSeconds(1));
                }
                catch (Exception ex) when (!(ex is OutOfMemoryException))
                {
                    // The radio is gone (or the stack failed): stop pumping and hand the error to the next command,
                    // which gets it from its own RunUntil as a clear terminating error.
                    try
                    {
                        Trace.Error(TraceCodes.RadioLost, "background loop stopped: " + ex.Message);
                    }
                    catch (NetworkStateException)
                    {
                    }

                    loop.Fault(ex);
                    _pumpStop = true;
                }
                finally
                {
                    ExitForeground();
                }
            }
        }

        private void StopBackgroundLoop()
        {
            Thread? pump = _pump;
            if (pump is null)
            {
                return;
            }

            _pumpStop = true;
            (Scheduler as RealTimeScheduler)?.Post(() => { });
            lock (_gateSync)
            {
                Monitor.PulseAll(_gateSync);
            }

            if (pump != Thread.CurrentThread)
            {
                pump.Join(TimeSpan.FromSeconds(10));
            }

            _pump = null;
        }

        private sealed class Foreground : IDisposable
        {
            private Gateway? _gateway;

            public Foreground(Gateway gateway) => _gateway = gateway;

            public void Dispose() => Interlocked.Exchange(ref _gateway, null)?.ExitForeground();
        }
    }
}
