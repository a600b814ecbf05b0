using System;
using Zsep.Radio.Transport;
using Zsep.Simulation.Devices;
using Zsep.Simulation.Medium;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;

namespace Zsep.Simulation.Rcp
{
    /// <summary>
    /// An RCP emulator standing on a simulated medium, with the medium driven in step with the wall clock: the
    /// medium and its devices keep their <see cref="VirtualScheduler"/> (so <see cref="SimulationHost.AddDevice"/> and
    /// everything else on the medium works unchanged) and a <see cref="RealTimeScheduler"/> paces it on a background
    /// thread at <see cref="TimeScale"/> times the wall clock. The gateway at the other end of the line runs on a
    /// <see cref="RealTimeScheduler"/> with the same scale, so both sides agree how long a second is; at 10x, a
    /// 20-device join that takes half a minute of network time takes a few seconds of wall time, while the serial
    /// line's latency stays real (and so counts ten times more in network time: a scale of 10 or less keeps it
    /// well inside the stack's timeouts). Call <see cref="Invoke"/> to touch the medium while it runs.
    /// </summary>
    public sealed class EmulatedRcp : IDisposable
    {
        private EmulatedRcp(SimulationHost host, RealTimeScheduler loop, RcpEmulator emulator)
        {
            Host = host;
            Loop = loop;
            Emulator = emulator;
        }

        /// <summary>The medium and its devices.</summary>
        public SimulationHost Host { get; }

        /// <summary>The loop pacing the medium.</summary>
        public RealTimeScheduler Loop { get; }

        public RcpEmulator Emulator { get; }

        public double TimeScale => Loop.TimeScale;

        /// <summary>
        /// Puts an RCP (EUI-64 <paramref name="ieee"/>, at the origin) on the medium "sim://<paramref name="medium"/>"
        /// (created with <paramref name="seed"/> if new), serves Spinel on <paramref name="transport"/> and starts
        /// pacing the medium.
        /// </summary>
        public static EmulatedRcp Start(IByteTransport transport, string medium, int seed, Eui64 ieee, double timeScale = 1.0, RcpEmulatorOptions? options = null)
        {
            SimulationHost host = SimulationHost.GetOrCreate("sim://" + medium, seed);
            SimulatedRadio radio = host.Medium.CreateRadio("RCP " + ieee, ieee, new Position(0, 0, 0));
            var loop = new RealTimeScheduler(host.Scheduler, timeScale);
            var emulator = new RcpEmulator(transport, radio, loop, options);
            emulator.Start();
            loop.Start("zsep-rcp-emulator");
            return new EmulatedRcp(host, loop, emulator);
        }

        /// <summary>Runs <paramref name="action"/> on the medium's loop and waits for it.</summary>
        public T Invoke<T>(Func<T> action) => Loop.Invoke(action);

        public void Invoke(Action action) => Loop.Invoke(() =>
        {
            action();
            return true;
        });

        /// <summary>Stops pacing, closes the line, takes the RCP off the medium and forgets the medium.</summary>
        public void Dispose()
        {
            Loop.Stop();
            Emulator.Dispose();
            Emulator.Radio.Dispose();
            foreach (SimulatedDevice d in Host.Devices)
            {
                Host.RemoveDevice(d.Ieee);
            }

            SimulationHost.Drop(Host);
        }
    }
}
