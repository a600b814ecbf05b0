using System;
using Zsep.Stack.Types;

namespace Zsep.Stack.Security
{
    /// <summary>
    /// Recent NWK unsecure results on this thread, keyed by the exact secured frame and key. Unsecuring is a pure
    /// function of those, so a repeat gets the same outcome and plaintext without running AES-CCM* again. It matters
    /// where one loop runs many nodes that hear the same transmission - a simulated medium, where a broadcast is
    /// received (and decrypted) by every neighbour in range - and costs a few byte comparisons elsewhere. A frame this
    /// thread has just secured is remembered too (<see cref="RememberSecured"/>): unsecuring those exact bytes with that
    /// key can only give back its payload, so its receivers on the same loop need no AES either. Frame counters and
    /// replay checks are the caller's, after this, as before; any byte or key that differs is computed afresh.
    /// </summary>
    internal static class UnsecureMemo
    {
        /// <summary>Slots, chosen by the MIC (the last 4 octets, pseudo-random per frame) and the length.</summary>
        private const int Size = 256;

        [ThreadStatic]
        private static Entry?[]? t_entries;

        /// <summary>One remembered result; its buffers are reused, so a miss allocates nothing once they are grown.</summary>
        private sealed class Entry
        {
            public ZigbeeKey? Key;
            public byte[] Frame = new byte[128];
            public int FrameLength = -1;
            public int HeaderLength;
            public SecurityOutcome Outcome;
            public AuxiliarySecurityHeader Aux;
            public byte[] Plaintext = new byte[128];
            public int PlaintextKept;
            public int Length;

            public bool Matches(ReadOnlySpan<byte> frame, int headerLength, ZigbeeKey key) =>
                FrameLength == frame.Length && HeaderLength == headerLength && frame.SequenceEqual(Frame.AsSpan(0, FrameLength)) &&
                (ReferenceEquals(Key, key) || key.Equals(Key));
        }

        /// <summary>As <see cref="ZigbeeSecurity.Unsecure(ReadOnlySpan{byte}, int, ZigbeeKey, Eui64?, Span{byte}, out AuxiliarySecurityHeader, out int)"/> with no source override.</summary>
        public static SecurityOutcome Unsecure(ReadOnlySpan<byte> frame, int headerLength, ZigbeeKey key, Span<byte> plaintext,
            out AuxiliarySecurityHeader aux, out int plaintextLength)
        {
            Entry?[] entries = t_entries ??= new Entry?[Size];
            int slot = SlotOf(frame);
            Entry? e = entries[slot];
            if (e is not null && e.Matches(frame, headerLength, key))
            {
                e.Plaintext.AsSpan(0, e.PlaintextKept).CopyTo(plaintext);
                aux = e.Aux;
                plaintextLength = e.Length;
                return e.Outcome;
            }

            SecurityOutcome outcome = ZigbeeSecurity.Unsecure(frame, headerLength, key, null, plaintext, out aux, out plaintextLength);
            Store(entries, slot, frame, headerLength, key, outcome, aux, plaintext.Slice(0, Math.Min(plaintext.Length, frame.Length)), plaintextLength);
            return outcome;
        }

        /// <summary>
        /// Remembers a frame just secured (<see cref="ZigbeeSecurity.Secure(ReadOnlySpan{byte}, in AuxiliarySecurityHeader, ReadOnlySpan{byte}, ZigbeeKey, Eui64?, Span{byte})"/>
        /// with the source address in its auxiliary header) as unsecuring with <paramref name="key"/> to
        /// <paramref name="payload"/>: what CCM* decryption of those bytes gives (4.3.1.2), the auxiliary header read
        /// back from the frame as a receiver reads it.
        /// </summary>
        public static void RememberSecured(ReadOnlySpan<byte> secured, int headerLength, ZigbeeKey key, ReadOnlySpan<byte> payload)
        {
            Entry?[] entries = t_entries ??= new Entry?[Size];
            AuxiliarySecurityHeader aux = ZigbeeSecurity.ReadAuxiliaryHeader(secured, headerLength);
            Store(entries, SlotOf(secured), secured, headerLength, key, SecurityOutcome.Decrypted, aux, payload, payload.Length);
        }

        private static int SlotOf(ReadOnlySpan<byte> frame)
        {
            int n = frame.Length;
            if (n < 4)
            {
                return 0;
            }

            uint h = (uint)(frame[n - 1] | (frame[n - 2] << 8) | (frame[n - 3] << 16) | (frame[n - 4] << 24)) ^ (uint)n;
            h ^= h >> 16;
            h ^= h >> 8;
            return (int)(h & (Size - 1));
        }

        private static void Store(Entry?[] entries, int slot, ReadOnlySpan<byte> frame, int headerLength, ZigbeeKey key,
            SecurityOutcome outcome, in AuxiliarySecurityHeader aux, ReadOnlySpan<byte> plaintext, int plaintextLength)
        {
            Entry e = entries[slot] ??= new Entry();
            if (e.Frame.Length < frame.Length)
            {
                e.Frame = new byte[frame.Length];
            }

            if (e.Plaintext.Length < plaintext.Length)
            {
                e.Plaintext = new byte[plaintext.Length];
            }

            frame.CopyTo(e.Frame);
            plaintext.CopyTo(e.Plaintext);
            e.Key = key;
            e.FrameLength = frame.Length;
            e.HeaderLength = headerLength;
            e.Outcome = outcome;
            e.Aux = aux;
            e.PlaintextKept = plaintext.Length;
            e.Length = plaintextLength;
        }
    }
}
