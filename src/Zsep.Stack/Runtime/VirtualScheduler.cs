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

        /// <summary>
        /// The event queue: a binary min-heap of (due ticks, sequence number, item), the same total order as a sorted
        /// set of the items, so the order events run in is unchanged. The keys sit in the array, so sifting touches no
        /// item. A cancelled item stays in the heap, marked, until it reaches the top (or a compaction when cancelled
        /// items are more than half of a large heap).
        /// </summary>
        private Entry[] _heap = new Entry[256];
        private int _count;
        private int _cancelled;
        private long _sequence;

        // Every instant the loop reaches is start + a delay, so all share the start's offset: an item keeps only its UTC ticks.
        private readonly TimeSpan _offset;

        public VirtualScheduler(int seed, DateTimeOffset? start = null)
        {
            Seed = seed;
            Random = new Random(seed);
            Now = start ?? DefaultEpoch;
            _offset = Now.Offset;
        }

        public int Seed { get; }

        public DateTimeOffset Now { get; private set; }

        public Random Random { get; }

        /// <summary>Events waiting to run.</summary>
        public int Pending => _count - _cancelled;

        /// <summary>When the next event is due, or null when none is scheduled.</summary>
        public DateTimeOffset? NextDue
        {
            get
            {
                SkipCancelled();
                return _count == 0 ? null : ToInstant(_heap[0].Due);
            }
        }

        /// <summary>Events run so far.</summary>
        public long EventsRun { get; private set; }

        public IScheduledItem Schedule(TimeSpan delay, Action action)
        {
            if (action is null)
            {
                throw new ArgumentNullException(nameof(action));
            }

            long due = (Now + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay)).UtcTicks;
            var item = new Item(this, due, action);
            if (_count == _heap.Length)
            {
                Array.Resize(ref _heap, _heap.Length * 2);
            }

            SiftUp(_count++, new Entry(due, ++_sequence, item));
            return item;
        }

        public void Post(Action action) => Schedule(TimeSpan.Zero, action);

        /// <summary>Runs the next due event, advancing time to it. False when nothing is scheduled.</summary>
        public bool RunNext()
        {
            SkipCancelled();
            if (_count == 0)
            {
                return false;
            }

            Item next = _heap[0].Item;
            long due = _heap[0].Due;
            RemoveTop();
            Now = ToInstant(due);
            EventsRun++;
            Action action = next.Action!;
            next.MarkRan();
            action();
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
            long endTicks = end.UtcTicks;
            while (!condition())
            {
                cancellationToken.ThrowIfCancellationRequested();
                SkipCancelled();
                if (_count == 0 || _heap[0].Due > endTicks)
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

        private DateTimeOffset ToInstant(long utcTicks) => new DateTimeOffset(utcTicks + _offset.Ticks, _offset);

        private static bool Before(in Entry x, in Entry y) => x.Due < y.Due || (x.Due == y.Due && x.Sequence < y.Sequence);

        private void SiftUp(int index, Entry entry)
        {
            Entry[] heap = _heap;
            while (index > 0)
            {
                int parent = (index - 1) >> 1;
                if (!Before(entry, heap[parent]))
                {
                    break;
                }

                heap[index] = heap[parent];
                index = parent;
            }

            heap[index] = entry;
        }

        /// <summary>Removes the first entry: the last one takes its place and sinks to where it belongs.</summary>
        private void RemoveTop()
        {
            Entry[] heap = _heap;
            int count = --_count;
            Entry last = heap[count];
            heap[count] = default;
            if (count == 0)
            {
                return;
            }

            int index = 0;
            int half = count >> 1;
            while (index < half)
            {
                int child = (2 * index) + 1;
                int right = child + 1;
                if (right < count && Before(heap[right], heap[child]))
                {
                    child = right;
                }

                if (!Before(heap[child], last))
                {
                    break;
                }

                heap[index] = heap[child];
                index = child;
            }

            heap[index] = last;
        }

        private void SkipCancelled()
        {
            while (_count > 0 && _heap[0].Item.IsDone)
            {
                RemoveTop();
                _cancelled--;
            }
        }

        private void OnCancelled()
        {
            _cancelled++;
            if (_cancelled > 1024 && _cancelled * 2 > _count)
            {
                // Mostly cancelled timers far ahead: drop them and rebuild the heap (Floyd), keeping the same order.
                int kept = 0;
                for (int i = 0; i < _count; i++)
                {
                    if (!_heap[i].Item.IsDone)
                    {
                        _heap[kept++] = _heap[i];
                    }
                }

                Array.Clear(_heap, kept, _count - kept);
                _count = kept;
                _cancelled = 0;
                for (int i = (kept >> 1) - 1; i >= 0; i--)
                {
                    SiftDownFrom(i);
                }
            }
        }

        private void SiftDownFrom(int index)
        {
            Entry[] heap = _heap;
            Entry entry = heap[index];
            int half = _count >> 1;
            while (index < half)
            {
                int child = (2 * index) + 1;
                int right = child + 1;
                if (right < _count && Before(heap[right], heap[child]))
                {
                    child = right;
                }

                if (!Before(heap[child], entry))
                {
                    break;
                }

                heap[index] = heap[child];
                index = child;
            }

            heap[index] = entry;
        }

        private readonly struct Entry
        {
            public Entry(long due, long sequence, Item item)
            {
                Due = due;
                Sequence = sequence;
                Item = item;
            }

            public readonly long Due;
            public readonly long Sequence;
            public readonly Item Item;
        }

        /// <summary>A scheduled action: its key (due ticks, sequence) lives in the heap entry, so the item stays small.</summary>
        private sealed class Item : IScheduledItem
        {
            private readonly VirtualScheduler _owner;
            private readonly long _due;

            public Item(VirtualScheduler owner, long dueUtcTicks, Action action)
            {
                _owner = owner;
                _due = dueUtcTicks;
                Action = action;
            }

            public DateTimeOffset Due => _owner.ToInstant(_due);

            /// <summary>What to run; null once it ran or was cancelled.</summary>
            public Action? Action;

            public bool IsDone => Action is null;

            public void MarkRan() => Action = null;

            public void Cancel()
            {
                if (Action is not null)
                {
                    Action = null;
                    _owner.OnCancelled();
                }
            }
        }
    }
}
