using System;
using Zsep.Stack.Types;

namespace Zsep.Stack.Security
{
    /// <summary>
    /// The last few NWK unsecure results on this thread, keyed by the exact secured frame and key. Unsecuring is a pure
    /// function of those, so a repeat gets the same outcome and plaintext without running AES-CCM* again. It matters
    /// where one loop runs many nodes that hear the same transmission - a simulated medium, where a broadcast is
    /// received (and decrypted) by every neighbour in range - and costs a few byte comparisons elsewhere. Frame
    /// counters and replay checks are the caller's, after this, as before.
    /// </summary>
    internal static class UnsecureMemo
    {
        private const int Size = 8;

        [ThreadStatic]
        private static Entry?[]? t_entries;

        [ThreadStatic]
        private static int t_next;

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
            foreach (Entry? e in entries)
            {
                if (e is not null && e.Matches(frame, headerLength, key))
                {
                    e.Plaintext.AsSpan(0, e.PlaintextKept).CopyTo(plaintext);
                    aux = e.Aux;
                    plaintextLength = e.Length;
                    return e.Outcome;
                }
            }

            SecurityOutcome outcome = ZigbeeSecurity.Unsecure(frame, headerLength, key, null, plaintext, out aux, out plaintextLength);
            Entry slot = entries[t_next] ??= new Entry();
            t_next = (t_next + 1) % Size;
            int keep = Math.Min(plaintext.Length, frame.Length);
            if (slot.Frame.Length < frame.Length)
            {
                slot.Frame = new byte[frame.Length];
            }

            if (slot.Plaintext.Length < keep)
            {
                slot.Plaintext = new byte[keep];
            }

            frame.CopyTo(slot.Frame);
            plaintext.Slice(0, keep).CopyTo(slot.Plaintext);
            slot.Key = key;
            slot.FrameLength = frame.Length;
            slot.HeaderLength = headerLength;
            slot.Outcome = outcome;
            slot.Aux = aux;
            slot.PlaintextKept = keep;
            slot.Length = plaintextLength;
            return outcome;
        }
    }
}
