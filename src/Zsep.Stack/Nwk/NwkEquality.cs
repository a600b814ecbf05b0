using System;
using System.Collections.Generic;

namespace Zsep.Stack.Nwk
{
    /// <summary>Value equality for the lists and byte blocks inside NWK records (records compare references by default).</summary>
    internal static class NwkEquality
    {
        public static bool ListEqual<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b)
            where T : IEquatable<T>
        {
            if (ReferenceEquals(a, b))
            {
                return true;
            }

            if (a is null || b is null || a.Count != b.Count)
            {
                return false;
            }

            for (int i = 0; i < a.Count; i++)
            {
                if (!a[i].Equals(b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public static int ListHash<T>(IReadOnlyList<T>? list)
        {
            if (list is null)
            {
                return 0;
            }

            int h = list.Count;
            for (int i = 0; i < list.Count; i++)
            {
                h = unchecked((h * 31) + (list[i]?.GetHashCode() ?? 0));
            }

            return h;
        }

        public static bool BytesEqual(ReadOnlyMemory<byte> a, ReadOnlyMemory<byte> b) => a.Span.SequenceEqual(b.Span);

        public static int BytesHash(ReadOnlyMemory<byte> bytes)
        {
            ReadOnlySpan<byte> s = bytes.Span;
            int h = s.Length;
            for (int i = 0; i < s.Length; i++)
            {
                h = unchecked((h * 31) + s[i]);
            }

            return h;
        }
    }
}
