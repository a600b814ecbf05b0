using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;

namespace Zsep.Stack.Zcl
{
    /// <summary>
    /// ZCL date (ZCL rev 7 2.6.2.19, type 0xE1): year - 1900, month 1-12, day 1-31, day of week 1-7 (Monday = 1).
    /// A field of 0xFF means "don't care / unused"; all four 0xFF is the invalid value.
    /// </summary>
    public readonly record struct ZclDate(byte YearSince1900, byte Month, byte DayOfMonth, byte DayOfWeek)
    {
        /// <summary>The calendar year, or null when the field is 0xFF (unused).</summary>
        public int? Year => YearSince1900 == 0xFF ? null : 1900 + YearSince1900;

        internal bool IsAllInvalid => YearSince1900 == 0xFF && Month == 0xFF && DayOfMonth == 0xFF && DayOfWeek == 0xFF;

        public override string ToString() =>
            $"{(Year is int y ? y.ToString("D4", CultureInfo.InvariantCulture) : "****")}-{Part(Month)}-{Part(DayOfMonth)} (dow {Part(DayOfWeek)})";

        internal static string Part(byte b) => b == 0xFF ? "**" : b.ToString("D2", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// ZCL time of day (ZCL rev 7 2.6.2.18, type 0xE0): hours 0-23, minutes, seconds, hundredths.
    /// A field of 0xFF means "don't care / unused"; all four 0xFF is the invalid value.
    /// </summary>
    public readonly record struct ZclTimeOfDay(byte Hours, byte Minutes, byte Seconds, byte Hundredths)
    {
        internal bool IsAllInvalid => Hours == 0xFF && Minutes == 0xFF && Seconds == 0xFF && Hundredths == 0xFF;

        public override string ToString() =>
            $"{ZclDate.Part(Hours)}:{ZclDate.Part(Minutes)}:{ZclDate.Part(Seconds)}.{ZclDate.Part(Hundredths)}";
    }

    /// <summary>
    /// A typed ZCL attribute value of any type of ZCL rev 7 2.6.2 Table 2-10. The .NET type of <see cref="Value"/>:
    /// data/map/uint/enum/clusterId/attribId/bacOID of 1, 2, 3-4, 5-8 bytes: byte, ushort, uint, ulong;
    /// int of 1, 2, 3-4, 5-8 bytes: sbyte, short, int, long (sign-extended); bool; semi and single: float;
    /// double; octstr/octstr16: byte[]; string/string16: string (UTF-8); ToD: <see cref="ZclTimeOfDay"/>;
    /// date: <see cref="ZclDate"/>; UTC: DateTime (UTC, seconds since 2000-01-01); EUI64: <see cref="Eui64"/>;
    /// key128: <see cref="ZigbeeKey"/>; array/set/bag/struct: IReadOnlyList&lt;ZclValue&gt; (struct elements each carry their type);
    /// nodata/unknown: null. The type's invalid value (Table 2-10 "Invalid" column) decodes as <see cref="IsInvalid"/> with a null Value.
    /// </summary>
    public sealed partial class ZclValue : IEquatable<ZclValue>
    {
        /// <summary>ZCL UTCTime counts seconds from 2000-01-01 00:00:00 UTC (ZCL rev 7 2.6.2.20).</summary>
        public static readonly DateTime UtcEpoch = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>Deepest nesting of arrays and structures accepted by the decoder.</summary>
        public const int MaximumNesting = 8;

        private readonly byte[]? _utf8;

        private ZclValue(ZclDataType type, object? value, bool invalid, ZclDataType? elementType, byte[]? utf8 = null)
        {
            DataType = type;
            Value = value;
            IsInvalid = invalid;
            ElementType = elementType;
            _utf8 = utf8;
        }

        public ZclDataType DataType { get; }

        /// <summary>The typed value (see the class summary); null when invalid or for nodata.</summary>
        public object? Value { get; }

        /// <summary>True when the wire carried the type's invalid-value sentinel (e.g. uint8 0xFF, int16 0x8000, string length 0xFF).</summary>
        public bool IsInvalid { get; }

        /// <summary>For array, set and bag: the type of the elements.</summary>
        public ZclDataType? ElementType { get; }

        public ZclDataTypeInfo TypeInfo => ZclDataTypes.Get(DataType)!;

        /// <summary>The elements of an array, set, bag or structure; null otherwise.</summary>
        public IReadOnlyList<ZclValue>? Elements => Value as IReadOnlyList<ZclValue>;

        public static ZclValue NoData { get; } = new ZclValue(ZclDataType.NoData, null, false, null);

        // ------------------------------------------------------------------ construction

        /// <summary>The invalid value of a type (for array/set/bag give the element type).</summary>
        public static ZclValue Invalid(ZclDataType type, ZclDataType elementType = ZclDataType.UInt8)
        {
            ZclDataTypeInfo info = RequireInfo(type);
            if (info.InvalidValue is null)
            {
                throw new ArgumentException($"Data type {info.Name} has no invalid value.", nameof(type));
            }

            return new ZclValue(type, null, true, info.Kind == ZclWireKind.Collection ? elementType : null);
        }

        /// <summary>
        /// A value of a scalar or string type from a .NET value, converted to the canonical .NET type (integers
        /// of any width in range, enums, DateTime, byte[16] for keys ...). The type's invalid sentinel gives an invalid value.
        /// Throws ArgumentException when the value does not fit the type.
        /// </summary>
        public static ZclValue Create(ZclDataType type, object? value)
        {
            ZclDataTypeInfo info = RequireInfo(type);
            try
            {
                return CreateCore(info, value);
            }
            catch (Exception e) when (e is InvalidCastException || e is OverflowException || e is FormatException)
            {
                throw new ArgumentException($"{Describe(value)} is not a valid {info.Name} value: {e.Message}", nameof(value), e);
            }
        }

        /// <summary>An array (0x48), set (0x50) or bag (0x51) of elements of one type.</summary>
        public static ZclValue CreateCollection(ZclDataType collectionType, ZclDataType elementType, IEnumerable<ZclValue> elements)
        {
            ZclDataTypeInfo info = RequireInfo(collectionType);
            ZclDataTypeInfo elementInfo = RequireInfo(elementType);
            if (info.Kind != ZclWireKind.Collection)
            {
                throw new ArgumentException($"{info.Name} is not array, set or bag.", nameof(collectionType));
            }

            if (elementInfo.Kind == ZclWireKind.None)
            {
                throw new ArgumentException($"A collection cannot hold {elementInfo.Name} elements.", nameof(elementType));
            }

            var list = new List<ZclValue>(elements);
            foreach (ZclValue e in list)
            {
                if (e.DataType != elementType)
                {
                    throw new ArgumentException($"Element of type {e.DataType} in a collection of {elementType}.", nameof(elements));
                }
            }

            if (list.Count > 0xFFFE)
            {
                throw new ArgumentException("A ZCL collection holds at most 65534 elements.", nameof(elements));
            }

            return new ZclValue(collectionType, list.AsReadOnly(), false, elementType);
        }

        /// <summary>A structure (0x4C): an ordered list of elements, each with its own type.</summary>
        public static ZclValue CreateStructure(IEnumerable<ZclValue> elements)
        {
            var list = new List<ZclValue>(elements);
            if (list.Count > 0xFFFE)
            {
                throw new ArgumentException("A ZCL structure holds at most 65534 elements.", nameof(elements));
            }

            return new ZclValue(ZclDataType.Structure, list.AsReadOnly(), false, null);
        }

        private static ZclDataTypeInfo RequireInfo(ZclDataType type) =>
            ZclDataTypes.Get(type) ?? throw new ArgumentException($"0x{(byte)type:X2} is a reserved ZCL data type.", nameof(type));

        private static string Describe(object? value) => value is null ? "null" : $"'{value}' ({value.GetType().Name})";

        private static ZclValue CreateCore(ZclDataTypeInfo info, object? value)
        {
            ZclDataType type = info.Id;
            switch (info.Kind)
            {
                case ZclWireKind.None:
                    return new ZclValue(type, null, false, null);
                case ZclWireKind.Collection:
                case ZclWireKind.Structure:
                    if (value is IEnumerable<ZclValue> items)
                    {
                        if (info.Kind == ZclWireKind.Structure)
                        {
                            return CreateStructure(items);
                        }

                        var list = new List<ZclValue>(items);
                        return CreateCollection(type, list.Count > 0 ? list[0].DataType : ZclDataType.UInt8, list);
                    }

                    throw new InvalidCastException("expected a list of ZclValue");
            }

            if (value is null)
            {
                throw new InvalidCastException("null is not a value (use ZclValue.Invalid for the invalid value)");
            }

            int n = info.Length;
            switch (info.Kind)
            {
                case ZclWireKind.Unsigned:
                {
                    ulong raw = value switch
                    {
                        Eui64 e => e.Value,
                        Enum en => Convert.ToUInt64(en, CultureInfo.InvariantCulture),
                        _ => Convert.ToUInt64(value, CultureInfo.InvariantCulture),
                    };
                    ulong max = n == 8 ? ulong.MaxValue : (1UL << (8 * n)) - 1;
                    if (raw > max)
                    {
                        throw new OverflowException($"greater than 0x{max:X}");
                    }

                    return FromUnsigned(info, raw);
                }

                case ZclWireKind.Signed:
                {
                    long v = value is Enum en ? Convert.ToInt64(en, CultureInfo.InvariantCulture) : Convert.ToInt64(value, CultureInfo.InvariantCulture);
                    long min = n == 8 ? long.MinValue : -(1L << ((8 * n) - 1));
                    long max = n == 8 ? long.MaxValue : (1L << ((8 * n) - 1)) - 1;
                    if (v < min || v > max)
                    {
                        throw new OverflowException($"outside {min}..{max}");
                    }

                    return FromSigned(info, v);
                }

                case ZclWireKind.Boolean:
                    return new ZclValue(type, Convert.ToBoolean(value, CultureInfo.InvariantCulture), false, null);
                case ZclWireKind.Semi:
                {
                    float f = Convert.ToSingle(value, CultureInfo.InvariantCulture);
                    return float.IsNaN(f) ? new ZclValue(type, null, true, null) : new ZclValue(type, HalfFloat.ToSingle(HalfFloat.FromSingle(f)), false, null);
                }

                case ZclWireKind.Single:
                {
                    float f = Convert.ToSingle(value, CultureInfo.InvariantCulture);
                    return float.IsNaN(f) ? new ZclValue(type, null, true, null) : new ZclValue(type, f, false, null);
                }

                case ZclWireKind.Double:
                {
                    double d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    return double.IsNaN(d) ? new ZclValue(type, null, true, null) : new ZclValue(type, d, false, null);
                }

                case ZclWireKind.OctetString:
                case ZclWireKind.LongOctetString:
                {
                    byte[] bytes = value switch
                    {
                        byte[] b => (byte[])b.Clone(),
                        string s => Hex.Parse(s),
                        _ => throw new InvalidCastException("expected byte[] or hex text"),
                    };
                    int maxLen = info.Kind == ZclWireKind.OctetString ? 0xFE : 0xFFFE;
                    if (bytes.Length > maxLen)
                    {
                        throw new OverflowException($"longer than {maxLen} bytes");
                    }

                    return new ZclValue(type, bytes, false, null);
                }

                case ZclWireKind.CharString:
                case ZclWireKind.LongCharString:
                {
                    string s = value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
                    byte[] utf8 = Encoding.UTF8.GetBytes(s);
                    int maxLen = info.Kind == ZclWireKind.CharString ? 0xFE : 0xFFFE;
                    if (utf8.Length > maxLen)
                    {
                        throw new OverflowException($"longer than {maxLen} bytes in UTF-8");
                    }

                    return new ZclValue(type, s, false, null, utf8);
                }

                case ZclWireKind.TimeOfDay:
                {
                    var t = value is TimeSpan ts
                        ? new ZclTimeOfDay((byte)ts.Hours, (byte)ts.Minutes, (byte)ts.Seconds, (byte)(ts.Milliseconds / 10))
                        : (ZclTimeOfDay)value;
                    return t.IsAllInvalid ? new ZclValue(type, null, true, null) : new ZclValue(type, t, false, null);
                }

                case ZclWireKind.Date:
                {
                    ZclDate d;
                    if (value is DateTime dt)
                    {
                        if (dt.Year < 1900 || dt.Year > 2154)
                        {
                            throw new OverflowException("year outside 1900-2154");
                        }

                        d = new ZclDate((byte)(dt.Year - 1900), (byte)dt.Month, (byte)dt.Day, (byte)(dt.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)dt.DayOfWeek));
                    }
                    else
                    {
                        d = (ZclDate)value;
                    }

                    return d.IsAllInvalid ? new ZclValue(type, null, true, null) : new ZclValue(type, d, false, null);
                }

                case ZclWireKind.Utc:
                {
                    ulong seconds;
                    if (value is DateTime dt)
                    {
                        DateTime utc = dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : DateTime.SpecifyKind(dt, DateTimeKind.Utc);
                        if (utc < UtcEpoch)
                        {
                            throw new OverflowException("before 2000-01-01");
                        }

                        seconds = (ulong)((utc.Ticks - UtcEpoch.Ticks) / TimeSpan.TicksPerSecond);
                    }
                    else
                    {
                        seconds = Convert.ToUInt64(value, CultureInfo.InvariantCulture);
                    }

                    if (seconds > uint.MaxValue)
                    {
                        throw new OverflowException("after 2136-02-07");
                    }

                    return FromUtcSeconds((uint)seconds);
                }

                case ZclWireKind.Eui64:
                {
                    ulong raw = value switch
                    {
                        Eui64 e => e.Value,
                        string s => Eui64.Parse(s).Value,
                        _ => Convert.ToUInt64(value, CultureInfo.InvariantCulture),
                    };
                    return raw == ulong.MaxValue ? new ZclValue(type, null, true, null) : new ZclValue(type, new Eui64(raw), false, null);
                }

                case ZclWireKind.Key128:
                    return value switch
                    {
                        ZigbeeKey k => new ZclValue(type, k, false, null),
                        byte[] b when b.Length == ZigbeeKey.Length => new ZclValue(type, new ZigbeeKey(b), false, null),
                        _ => throw new InvalidCastException("expected a ZigbeeKey or 16 bytes"),
                    };
                default:
                    throw new InvalidCastException("unsupported type");
            }
        }

        private static bool HasSentinel(ZclDataTypeInfo info) => info.InvalidValue is not null;

        private static ZclValue FromUnsigned(ZclDataTypeInfo info, ulong raw)
        {
            int n = info.Length;
            ulong max = n == 8 ? ulong.MaxValue : (1UL << (8 * n)) - 1;
            if (raw == max && HasSentinel(info))
            {
                return new ZclValue(info.Id, null, true, null);
            }

            object boxed = n switch
            {
                1 => (object)(byte)raw,
                2 => (object)(ushort)raw,
                3 or 4 => (object)(uint)raw,
                _ => (object)raw,
            };
            return new ZclValue(info.Id, boxed, false, null);
        }

        private static ZclValue FromSigned(ZclDataTypeInfo info, long v)
        {
            int n = info.Length;
            long min = n == 8 ? long.MinValue : -(1L << ((8 * n) - 1));
            if (v == min)
            {
                return new ZclValue(info.Id, null, true, null);
            }

            object boxed = n switch
            {
                1 => (object)(sbyte)v,
                2 => (object)(short)v,
                3 or 4 => (object)(int)v,
                _ => (object)v,
            };
            return new ZclValue(info.Id, boxed, false, null);
        }

        private static ZclValue FromUtcSeconds(uint seconds) =>
            seconds == uint.MaxValue
                ? new ZclValue(ZclDataType.UtcTime, null, true, null)
                : new ZclValue(ZclDataType.UtcTime, UtcEpoch.AddSeconds(seconds), false, null);

        // ------------------------------------------------------------------ equality and display

        public bool Equals(ZclValue? other)
        {
            if (other is null)
            {
                return false;
            }

            if (ReferenceEquals(this, other))
            {
                return true;
            }

            if (DataType != other.DataType || IsInvalid != other.IsInvalid || ElementType != other.ElementType)
            {
                return false;
            }

            switch (Value)
            {
                case null:
                    return other.Value is null;
                case byte[] a:
                    return other.Value is byte[] b && ((ReadOnlySpan<byte>)a).SequenceEqual(b);
                case string s:
                    return other.Value is string t && s == t && ((ReadOnlySpan<byte>)_utf8).SequenceEqual(other._utf8);
                case IReadOnlyList<ZclValue> list:
                {
                    if (other.Value is not IReadOnlyList<ZclValue> list2 || list.Count != list2.Count)
                    {
                        return false;
                    }

                    for (int i = 0; i < list.Count; i++)
                    {
                        if (!list[i].Equals(list2[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                }

                default:
                    return Value.Equals(other.Value);
            }
        }

        public override bool Equals(object? obj) => Equals(obj as ZclValue);

        public override int GetHashCode()
        {
            int h = (int)DataType * 397;
            return Value switch
            {
                null => h ^ (IsInvalid ? 1 : 0),
                byte[] b => h ^ b.Length,
                IReadOnlyList<ZclValue> l => h ^ l.Count,
                _ => h ^ Value.GetHashCode(),
            };
        }

        /// <summary>The value as text for display ("3", "\"Philips\"", "0x01AB", "[1, 2]"); "invalid" for the sentinel. Keys stay redacted.</summary>
        public override string ToString()
        {
            if (IsInvalid)
            {
                return "invalid";
            }

            switch (Value)
            {
                case null:
                    return string.Empty;
                case string s:
                    return "\"" + s + "\"";
                case byte[] b:
                    return b.Length == 0 ? "(empty)" : Hex.Format(b, " ");
                case DateTime dt:
                    return dt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                case float f:
                    return f.ToString("R", CultureInfo.InvariantCulture);
                case double d:
                    return d.ToString("R", CultureInfo.InvariantCulture);
                case IReadOnlyList<ZclValue> list:
                {
                    var sb = new StringBuilder(DataType == ZclDataType.Structure ? "{" : "[");
                    for (int i = 0; i < list.Count; i++)
                    {
                        sb.Append(i == 0 ? string.Empty : ", ").Append(list[i]);
                    }

                    return sb.Append(DataType == ZclDataType.Structure ? "}" : "]").ToString();
                }

                case IFormattable fmt when TypeInfo.Class == ZclDataClass.Discrete && !(Value is bool):
                    int digits = 2 * TypeInfo.Length;
                    return "0x" + fmt.ToString("X" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                case IFormattable fmt:
                    return fmt.ToString(null, CultureInfo.InvariantCulture);
                default:
                    return Value.ToString() ?? string.Empty;
            }
        }
    }
}
