using System;
using System.Globalization;
using Zsep.Stack.Types;

namespace Zsep.Stack.State
{
    /// <summary>
    /// An outgoing frame counter (NWK auxiliary header, Zigbee PRO 4.3.1.1 step 2; APS, 4.4.1.1) persisted ahead of
    /// use in blocks "so that a crash can never make it go backwards" (shared/design.md "State on disk"). Before the
    /// first counter of a block is handed out, the block's end (the reserved limit) is committed to the store with
    /// synchronous=FULL; counters below the limit are then used from memory. After a kill, a new reservation starts
    /// at the stored limit, which is strictly above every counter the old process could have sent. The price is a
    /// gap of at most <see cref="BlockSize"/> counters per restart (2^32 / 4096 is a million restarts). Nothing is
    /// written back on dispose: the stored limit is the only resume point, clean exit or not.
    /// <para>Not thread-safe: use it on the stack's loop, one object per key name.</para>
    /// </summary>
    public sealed class FrameCounterReservation
    {
        /// <summary>The default block: one store commit per 4096 secured frames.</summary>
        public const uint DefaultBlockSize = 4096;

        /// <summary>
        /// The last value a counter may take. A key whose counter reached 2^32 - 1 must not secure another frame
        /// (Zigbee PRO 4.3.1.1: FRAME_COUNTER_ERROR); the network key must be replaced.
        /// </summary>
        public const uint MaxCounter = uint.MaxValue - 1;

        private readonly NetworkStore _store;
        private long _next;
        private long _limit;

        /// <summary>Resumes the counter named <paramref name="keyName"/> at its stored limit (0 for a new key).</summary>
        public FrameCounterReservation(NetworkStore store, string keyName, uint blockSize = DefaultBlockSize)
        {
            _store = store ?? throw new ArgumentNullException(nameof(store));
            if (blockSize == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(blockSize), "A block holds at least one counter.");
            }

            KeyName = keyName;
            BlockSize = blockSize;
            _next = store.GetOutgoingFrameCounterLimit(keyName) ?? 0;
            _limit = _next;
        }

        /// <summary>The counter's name in the store, e.g. <see cref="NetworkKeyName"/>(0).</summary>
        public string KeyName { get; }

        public uint BlockSize { get; }

        /// <summary>The value <see cref="Next"/> returns next.</summary>
        public long Peek => _next;

        /// <summary>The committed limit: every counter handed out is below it.</summary>
        public long ReservedLimit => _limit;

        /// <summary>The name of the NWK outgoing counter under the network key with <paramref name="sequence"/>.</summary>
        public static string NetworkKeyName(byte sequence) => "nwk:" + sequence.ToString(CultureInfo.InvariantCulture);

        /// <summary>The name of the APS outgoing counter under the link key shared with <paramref name="partner"/>.</summary>
        public static string LinkKeyName(Eui64 partner) => "aps:" + partner.ToCompactString();

        /// <summary>
        /// The next outgoing counter. When it reaches the reserved limit, first commits limit + <see cref="BlockSize"/>
        /// (a NetworkStateException from the store propagates, and no counter is handed out).
        /// </summary>
        /// <exception cref="InvalidOperationException">The counter is exhausted: the key must be replaced.</exception>
        public uint Next()
        {
            if (_next > MaxCounter)
            {
                throw new InvalidOperationException($"The outgoing frame counter '{KeyName}' is exhausted (Zigbee PRO 4.3.1.1); the key must be replaced.");
            }

            if (_next >= _limit)
            {
                long wanted = Math.Min(_next + BlockSize, (long)MaxCounter + 1);
                long stored = _store.ReserveOutgoingFrameCounters(KeyName, wanted);
                if (stored != wanted)
                {
                    // A second reservation of the same name (one per name is the rule) got further: counters below
                    // its limit may be in use, so skip past them.
                    _next = stored;
                    if (_next > MaxCounter)
                    {
                        throw new InvalidOperationException($"The outgoing frame counter '{KeyName}' is exhausted (Zigbee PRO 4.3.1.1); the key must be replaced.");
                    }

                    stored = _store.ReserveOutgoingFrameCounters(KeyName, Math.Min(_next + BlockSize, (long)MaxCounter + 1));
                }

                _limit = stored;
            }

            return (uint)_next++;
        }
    }
}
