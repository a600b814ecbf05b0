using System;
using Zsep.Stack.Types;

namespace Zsep.Stack.Security
{
    /// <summary>
    /// A small cache of ready <see cref="AesBlock"/> ciphers keyed by the key bytes and by the Zigbee key derivation
    /// applied to them (none, key-transport key, key-load key: Zigbee PRO 2015 (05-3474-21) 4.5.3), so a frame is
    /// unsecured without creating a cipher or re-hashing a link key. A lookup compares 16 bytes per entry and
    /// allocates nothing once the key is cached; a miss replaces the least recently used entry.
    /// </summary>
    /// <remarks>
    /// Not thread-safe (it hands out <see cref="AesBlock"/>s, which are not). <see cref="ForCurrentThread"/> is a
    /// per-thread instance used by the static helpers.
    /// </remarks>
    public sealed class KeyCipherCache : IDisposable
    {
        [ThreadStatic]
        private static KeyCipherCache? t_current;

        private readonly Entry?[] _entries;
        private long _clock;

        public KeyCipherCache(int capacity = 8)
        {
            if (capacity < 1 || capacity > 1024)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity), "Capacity must be 1..1024.");
            }

            _entries = new Entry?[capacity];
        }

        /// <summary>The cache of the calling thread (32 entries, created on first use).</summary>
        public static KeyCipherCache ForCurrentThread => t_current ??= new KeyCipherCache(32);

        public int Capacity => _entries.Length;

        /// <summary>The cipher of the key itself.</summary>
        public AesBlock Get(ZigbeeKey key) => Get(key.Span, KeyDerivation.None);

        /// <summary>The cipher of <paramref name="key"/> after <paramref name="derivation"/>.</summary>
        public AesBlock Get(ZigbeeKey key, KeyDerivation derivation) => Get(key.Span, derivation);

        public AesBlock Get(ReadOnlySpan<byte> key, KeyDerivation derivation)
        {
            if (key.Length != AesBlock.KeyLength)
            {
                throw new ArgumentException($"A Zigbee key is 16 bytes; {key.Length} were given.", nameof(key));
            }

            _clock++;
            int victim = 0;
            long oldest = long.MaxValue;
            for (int i = 0; i < _entries.Length; i++)
            {
                Entry? e = _entries[i];
                if (e is null)
                {
                    victim = i;
                    oldest = long.MinValue;
                    continue;
                }

                if (e.Derivation == derivation && key.SequenceEqual(e.SourceKey))
                {
                    e.LastUse = _clock;
                    return e.Cipher;
                }

                if (e.LastUse < oldest)
                {
                    oldest = e.LastUse;
                    victim = i;
                }
            }

            Span<byte> effective = stackalloc byte[AesBlock.KeyLength];
            switch (derivation)
            {
                case KeyDerivation.None:
                    key.CopyTo(effective);
                    break;
                case KeyDerivation.KeyTransportKey:
                    HmacMmo.Compute(key, ZigbeeKeyDerivation.KeyTransportInput, effective);
                    break;
                case KeyDerivation.KeyLoadKey:
                    HmacMmo.Compute(key, ZigbeeKeyDerivation.KeyLoadInput, effective);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(derivation));
            }

            _entries[victim]?.Dispose();
            var entry = new Entry(key.ToArray(), derivation, new AesBlock(effective)) { LastUse = _clock };
            effective.Clear();
            _entries[victim] = entry;
            return entry.Cipher;
        }

        /// <summary>Forgets and disposes every cipher (after a key change, say).</summary>
        public void Clear()
        {
            for (int i = 0; i < _entries.Length; i++)
            {
                _entries[i]?.Dispose();
                _entries[i] = null;
            }
        }

        public void Dispose() => Clear();

        private sealed class Entry : IDisposable
        {
            public Entry(byte[] sourceKey, KeyDerivation derivation, AesBlock cipher)
            {
                SourceKey = sourceKey;
                Derivation = derivation;
                Cipher = cipher;
            }

            public byte[] SourceKey { get; }

            public KeyDerivation Derivation { get; }

            public AesBlock Cipher { get; }

            public long LastUse { get; set; }

            public void Dispose()
            {
                Array.Clear(SourceKey, 0, SourceKey.Length);
                Cipher.Dispose();
            }
        }
    }

    /// <summary>Which key the cipher uses, derived from the given key by the keyed hash of Zigbee PRO 2015 4.5.3.</summary>
    public enum KeyDerivation
    {
        /// <summary>The key as given (network key, data/link key).</summary>
        None = 0,

        /// <summary>HMAC-MMO(key, 0x00): protects Transport-Key of a network key (key identifier 2).</summary>
        KeyTransportKey = 1,

        /// <summary>HMAC-MMO(key, 0x02): protects Transport-Key of a link key (key identifier 3).</summary>
        KeyLoadKey = 2,
    }
}
