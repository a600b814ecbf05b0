using System;
using System.Collections.Generic;
using System.Threading;

namespace Zsep.Stack.Runtime
{
    /// <summary>
    /// A discrete-event loop on virtual time. Nothing runs until the owner drives it (<see cref="RunUntil"/>,
    /// <see cref="RunFor"/>), on the owner's thread: a cmdlet that waits for the network drives the loop while
    /// it waits, so a 180-second permit-join window takes milliseconds. Deterministic: the same seed and the same
    /// calls give the same events in the same order.
    /// </summary>
    public sealed class VirtualScheduler : IStackScheduler, ILoopDriver
    {
        /// <summary>Virtual time starts here unless told otherwise (a fixed instant, for reproducible traces).</summary>
        public static readonly DateTimeOffset DefaultEpoch = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        private readonly SortedSet<Item> _queue = new SortedSet<Item>(ItemOrder.Instance);
        private long _sequence;

        public VirtualScheduler(int seed, DateTimeOffset? start = null)
        {
            Seed = seed;
            Random = new Random(seed);
            Now = start ?? DefaultEpoch;
        }

        public int Seed { get; }

        public DateTimeOffset Now { get; private set; }

        public Random Random { get; }

        /// <summary>Events waiting to run.</summary>
        public int Pending => _queue.Count;

        /// <summary>When the next event is due, or null when none is scheduled.</summary>
        public DateTimeOffset? NextDue => _queue.Count == 0 ? null : _queue.Min!.Due;

        /// <summary>Events run so far.</summary>
        public long EventsRun { get; private set; }

        public IScheduledItem Schedule(TimeSpan delay, Action action)
        {
            if (action is null)
            {
                throw new ArgumentNullException(nameof(action));
            }

            var item = new Item(this, Now + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay), ++_sequence, action);
            _queue.Add(item);
            return item;
        }

        public void Post(Action action) => Schedule(TimeSpan.Zero, action);

        /// <summary>Runs the next due event, advancing time to it. False when nothing is scheduled.</summary>
        public bool RunNext()
        {
            if (_queue.Count == 0)
            {
                return false;
            }

            Item next = _queue.Min!;
            _queue.Remove(next);
            Now = next.Due;
            next.Ran = true;
            EventsRun++;
            next.Action();
            return true;
        }

        /// <summary>
        /// Runs events until <paramref name="condition"/> holds (checked before each event) or virtual time would
        /// pass <paramref name="limit"/> from now. Returns whether the condition holds. Time stops at the last event
        /// run, or at the limit when the condition never held.
        /// </summary>
        public bool RunUntil(Func<bool> condition, TimeSpan limit, CancellationToken cancellationToken = default)
        {
            DateTimeOffset end = Now + limit;
            while (!condition())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_queue.Count == 0 || _queue.Min!.Due > end)
                {
                    Now = end;
                    return condition();
                }

                RunNext();
            }

            return true;
        }

        /// <summary>Runs every event due within <paramref name="duration"/> and leaves time at its end.</summary>
        public void RunFor(TimeSpan duration, CancellationToken cancellationToken = default) =>
            RunUntil(() => false, duration, cancellationToken);

        private sealed class Item : IScheduledItem
        {
            private readonly VirtualScheduler _owner;

            public Item(VirtualScheduler owner, DateTimeOffset due, long sequence, Action action)
            {
                _owner = owner;
                Due = due;
                Sequence = sequence;
                Action = action;
            }

            public DateTimeOffset Due { get; }

            public long Sequence { get; }

            public Action Action { get; }

            public bool Ran { get; set; }

            public bool IsDone => Ran || !_owner._queue.Contains(this);

            public void Cancel() => _owner._queue.Remove(this);
        }

        private sealed class ItemOrder : IComparer<Item>
        {
            public static readonly ItemOrder Instance = new ItemOrder();

            public int Compare(Item? x, Item? y)
            {
                int c = x!.Due.CompareTo(y!.Due);
                return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
            }
        }
    }
}
