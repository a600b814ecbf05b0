using System;
using System.Collections;
using System.Linq;
using System.Reflection;
using Zsep.Stack.Types;
using Xunit.Sdk;

namespace Zsep.Stack.Tests.Aps
{
    /// <summary>
    /// Field-by-field comparison of decoded values (records holding arrays and lists compare those by reference,
    /// so record equality is not enough): public properties recursively, sequences element by element.
    /// </summary>
    internal static class FieldEquality
    {
        public static void AssertEqual(object? expected, object? actual, string path = "value")
        {
            string? difference = Compare(expected, actual, path, 0);
            if (difference is not null)
            {
                throw new XunitException("Fields differ: " + difference);
            }
        }

        private static string? Compare(object? a, object? b, string path, int depth)
        {
            if (depth > 12)
            {
                return null;
            }

            if (a is null || b is null)
            {
                return a is null && b is null ? null : $"{path}: {a ?? "null"} vs {b ?? "null"}";
            }

            Type type = a.GetType();
            if (type != b.GetType())
            {
                return $"{path}: type {type.Name} vs {b.GetType().Name}";
            }

            if (type.IsPrimitive || type.IsEnum || a is string || a is Eui64 || a is NwkAddress || a is PanId || a is ZigbeeKey)
            {
                return a.Equals(b) ? null : $"{path}: {a} vs {b}";
            }

            if (a is IEnumerable ea && b is IEnumerable eb)
            {
                object?[] la = ea.Cast<object?>().ToArray();
                object?[] lb = eb.Cast<object?>().ToArray();
                if (la.Length != lb.Length)
                {
                    return $"{path}: {la.Length} vs {lb.Length} elements";
                }

                for (int i = 0; i < la.Length; i++)
                {
                    string? d = Compare(la[i], lb[i], $"{path}[{i}]", depth + 1);
                    if (d is not null)
                    {
                        return d;
                    }
                }

                return null;
            }

            foreach (PropertyInfo p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (p.GetIndexParameters().Length > 0)
                {
                    continue;
                }

                string? d = Compare(p.GetValue(a), p.GetValue(b), path + "." + p.Name, depth + 1);
                if (d is not null)
                {
                    return d;
                }
            }

            return null;
        }
    }
}
