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

        private sealed class Entry
        {
            public Entry(ZigbeeKey key, byte[] frame, int headerLength, SecurityOutcome outcome, AuxiliarySecurityHeader aux, byte[] plaintext, int length)
            {
                Key = key;
                Frame = frame;
                HeaderLength = headerLength;
                Outcome = outcome;
                Aux = aux;
                Plaintext = plaintext;
                Length = length;
            }

            public ZigbeeKey Key { get; }

            public byte[] Frame { get; }

            public int HeaderLength { get; }

            public SecurityOutcome Outcome { get; }

            public AuxiliarySecurityHeader Aux { get; }

            public byte[] Plaintext { get; }

            public int Length { get; }
        }

        /// <summary>As <see cref="ZigbeeSecurity.Unsecure(ReadOnlySpan{byte}, int, ZigbeeKey, Eui64?, Span{byte}, out AuxiliarySecurityHeader, out int)"/> with no source override.</summary>
        public static SecurityOutcome Unsecure(ReadOnlySpan<byte> frame, int headerLength, ZigbeeKey key, Span<byte> plaintext,
            out AuxiliarySecurityHeader aux, out int plaintextLength)
        {
            Entry?[] entries = t_entries ??= new Entry?[Size];
            foreach (Entry? e in entries)
            {
                if (e is not null && e.HeaderLength == headerLength && e.Frame.Length == frame.Length && frame.SequenceEqual(e.Frame) &&
                    (ReferenceEquals(e.Key, key) || e.Key.Equals(key)))
                {
                    e.Plaintext.AsSpan().CopyTo(plaintext);
                    aux = e.Aux;
                    plaintextLength = e.Length;
                    return e.Outcome;
                }
            }

            SecurityOutcome outcome = ZigbeeSecurity.Unsecure(frame, headerLength, key, null, plaintext, out aux, out plaintextLength);
            int keep = Math.Min(plaintext.Length, frame.Length);
            entries[t_next] = new Entry(key, frame.ToArray(), headerLength, outcome, aux, plaintext.Slice(0, keep).ToArray(), plaintextLength);
            t_next = (t_next + 1) % Size;
            return outcome;
        }
    }
}
