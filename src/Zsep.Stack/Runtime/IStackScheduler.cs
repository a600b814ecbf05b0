using System;

namespace Zsep.Stack.Runtime
{
    /// <summary>
    /// The one event loop a stack runs on (shared/design.md "Time"). Every timer and every callback of the stack,
    /// its radio and (in simulation) its medium goes through it, and all of them run on the loop, one at a time,
    /// so stack code needs no locks. The simulated medium runs on virtual time (<see cref="VirtualScheduler"/>):
    /// deterministic for a seed, and as fast as the CPU allows. A serial radio runs on real time.
    /// </summary>
    public interface IStackScheduler
    {
        /// <summary>The current time: virtual in simulation, the wall clock otherwise.</summary>
        DateTimeOffset Now { get; }

        /// <summary>The loop's random source (seeded in simulation). Use only on the loop.</summary>
        Random Random { get; }

        /// <summary>Runs <paramref name="action"/> on the loop after <paramref name="delay"/>; events due at the same time run in the order scheduled.</summary>
        IScheduledItem Schedule(TimeSpan delay, Action action);

        /// <summary>Runs <paramref name="action"/> on the loop as soon as possible, after what is already due now.</summary>
        void Post(Action action);
    }

    /// <summary>A scheduled event that has not run yet.</summary>
    public interface IScheduledItem
    {
        /// <summary>When it is due.</summary>
        DateTimeOffset Due { get; }

        /// <summary>Whether it was cancelled or has run.</summary>
        bool IsDone { get; }

        /// <summary>Keeps it from running (no effect once it ran).</summary>
        void Cancel();
    }
}
