using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;

namespace Zsep.Stack.Zcl
{
    public sealed partial class ZclValue
    {
        // ------------------------------------------------------------------ decoding

        /// <summary>Decodes exactly one value of <paramref name="type"/> filling <paramref name="data"/>.</summary>
        public static ZclValue Decode(ZclDataType type, ReadOnlySpan<byte> data)
        {
            var r = new FrameReader(data, FrameLayer.Zcl);
            ZclValue v = Read(ref r, type, "Value");
            if (!r.IsAtEnd)
            {
                throw r.Error("Value", $"{r.Remaining} bytes after the {type} value");
            }

            return v;
        }

        /// <summary>Reads a value of a known type (no type octet), as in Read Attributes Response after its type field.</summary>
        public static ZclValue Read(ref FrameReader reader, ZclDataType type, string field) => Read(ref reader, type, field, 0);

        /// <summary>Reads a type octet and then the value (as in Report Attributes and structure elements).</summary>
        public static ZclValue ReadTyped(ref FrameReader reader, string field) =>
            Read(ref reader, (ZclDataType)reader.ReadByte(field + ".DataType"), field, 0);

        internal static ZclDataTypeInfo ReadTypeInfo(ref FrameReader reader, ZclDataType type, string field)
        {
            ZclDataTypeInfo? info = ZclDataTypes.Get(type);
            if (info is null)
            {
                throw reader.Error(field, $"Reserved ZCL data type 0x{(byte)type:X2}: the length of the value is unknown");
            }

            return info;
        }

        private static ZclValue Read(ref FrameReader r, ZclDataType type, string field, int depth)
        {
            ZclDataTypeInfo info = ReadTypeInfo(ref r, type, field);
            int n = info.Length;
            switch (info.Kind)
            {
                case ZclWireKind.None:
                    return type == ZclDataType.NoData ? NoData : new ZclValue(type, null, false, null);
                case ZclWireKind.Unsigned:
                    return FromUnsigned(info, r.ReadUIntN(n, field));
                case ZclWireKind.Signed:
                {
                    ulong raw = r.ReadUIntN(n, field);
                    int shift = 64 - (8 * n);
                    return FromSigned(info, unchecked((long)(raw << shift)) >> shift);
                }

                case ZclWireKind.Boolean:
                {
                    byte b = r.ReadByte(field);
                    return b == 0xFF ? new ZclValue(type, null, true, null) : new ZclValue(type, b != 0, false, null);
                }

                case ZclWireKind.Semi:
                {
                    float f = HalfFloat.ToSingle(r.ReadUInt16(field));
                    return float.IsNaN(f) ? new ZclValue(type, null, true, null) : new ZclValue(type, f, false, null);
                }

                case ZclWireKind.Single:
                {
                    float f = FloatBits.ToSingle(r.ReadUInt32(field));
                    return float.IsNaN(f) ? new ZclValue(type, null, true, null) : new ZclValue(type, f, false, null);
                }

                case ZclWireKind.Double:
                {
                    double d = BitConverter.Int64BitsToDouble(unchecked((long)r.ReadUInt64(field)));
                    return double.IsNaN(d) ? new ZclValue(type, null, true, null) : new ZclValue(type, d, false, null);
                }

                case ZclWireKind.OctetString:
                case ZclWireKind.CharString:
                case ZclWireKind.LongOctetString:
                case ZclWireKind.LongCharString:
                {
                    bool isLong = info.Kind == ZclWireKind.LongOctetString || info.Kind == ZclWireKind.LongCharString;
                    int len = isLong ? r.ReadUInt16(field + ".Length") : r.ReadByte(field + ".Length");
                    if (len == (isLong ? 0xFFFF : 0xFF))
                    {
                        return new ZclValue(type, null, true, null);
                    }

                    byte[] bytes = r.ReadArray(len, field);
                    return info.Kind == ZclWireKind.OctetString || info.Kind == ZclWireKind.LongOctetString
                        ? new ZclValue(type, bytes, false, null)
                        : new ZclValue(type, Encoding.UTF8.GetString(bytes), false, null, bytes);
                }

                case ZclWireKind.Collection:
                {
                    if (depth >= MaximumNesting)
                    {
                        throw r.Error(field, $"Arrays and structures nested deeper than {MaximumNesting}");
                    }

                    var elementType = (ZclDataType)r.ReadByte(field + ".ElementType");
                    ZclDataTypeInfo elementInfo = ReadTypeInfo(ref r, elementType, field + ".ElementType");
                    if (elementInfo.Kind == ZclWireKind.None)
                    {
                        throw r.Error(field + ".ElementType", $"A collection of {elementInfo.Name} elements has no data");
                    }

                    int count = r.ReadUInt16(field + ".Count");
                    if (count == 0xFFFF)
                    {
                        return new ZclValue(type, null, true, elementType);
                    }

                    if ((long)count * elementInfo.MinimumLength > r.Remaining)
                    {
                        throw r.Error(field, $"{count} {elementInfo.Name} elements cannot fit in the {r.Remaining} remaining bytes");
                    }

                    var items = new ZclValue[count];
                    for (int i = 0; i < count; i++)
                    {
                        items[i] = Read(ref r, elementType, field, depth + 1);
                    }

                    return new ZclValue(type, Array.AsReadOnly(items), false, elementType);
                }

                case ZclWireKind.Structure:
                {
                    if (depth >= MaximumNesting)
                    {
                        throw r.Error(field, $"Arrays and structures nested deeper than {MaximumNesting}");
                    }

                    int count = r.ReadUInt16(field + ".Count");
                    if (count == 0xFFFF)
                    {
                        return new ZclValue(type, null, true, null);
                    }

                    if (count > r.Remaining)
                    {
                        throw r.Error(field, $"{count} structure elements cannot fit in the {r.Remaining} remaining bytes");
                    }

                    var items = new ZclValue[count];
                    for (int i = 0; i < count; i++)
                    {
                        var elementType = (ZclDataType)r.ReadByte(field + ".DataType");
                        items[i] = Read(ref r, elementType, field, depth + 1);
                    }

                    return new ZclValue(type, Array.AsReadOnly(items), false, null);
                }

                case ZclWireKind.TimeOfDay:
                {
                    ReadOnlySpan<byte> b = r.ReadBytes(4, field);
                    var t = new ZclTimeOfDay(b[0], b[1], b[2], b[3]);
                    return t.IsAllInvalid ? new ZclValue(type, null, true, null) : new ZclValue(type, t, false, null);
                }

                case ZclWireKind.Date:
                {
                    ReadOnlySpan<byte> b = r.ReadBytes(4, field);
                    var d = new ZclDate(b[0], b[1], b[2], b[3]);
                    return d.IsAllInvalid ? new ZclValue(type, null, true, null) : new ZclValue(type, d, false, null);
                }

                case ZclWireKind.Utc:
                    return FromUtcSeconds(r.ReadUInt32(field));
                case ZclWireKind.Eui64:
                {
                    ulong raw = r.ReadUInt64(field);
                    return raw == ulong.MaxValue ? new ZclValue(type, null, true, null) : new ZclValue(type, new Eui64(raw), false, null);
                }

                case ZclWireKind.Key128:
                    return new ZclValue(type, new ZigbeeKey(r.ReadBytes(ZigbeeKey.Length, field)), false, null);
                default:
                    throw r.Error(field, $"Unsupported data type {info.Name}");
            }
        }

        // ------------------------------------------------------------------ encoding

        /// <summary>Bytes of the value on the wire (without a type octet).</summary>
        public int EncodedLength
        {
            get
            {
                ZclDataTypeInfo info = TypeInfo;
                switch (info.Kind)
                {
                    case ZclWireKind.OctetString:
                        return 1 + (IsInvalid ? 0 : ((byte[])Value!).Length);
                    case ZclWireKind.LongOctetString:
                        return 2 + (IsInvalid ? 0 : ((byte[])Value!).Length);
                    case ZclWireKind.CharString:
                        return 1 + (IsInvalid ? 0 : _utf8!.Length);
                    case ZclWireKind.LongCharString:
                        return 2 + (IsInvalid ? 0 : _utf8!.Length);
                    case ZclWireKind.Collection:
                    {
                        int total = 3;
                        if (!IsInvalid)
                        {
                            foreach (ZclValue e in Elements!)
                            {
                                total += e.EncodedLength;
                            }
                        }

                        return total;
                    }

                    case ZclWireKind.Structure:
                    {
                        int total = 2;
                        if (!IsInvalid)
                        {
                            foreach (ZclValue e in Elements!)
                            {
                                total += 1 + e.EncodedLength;
                            }
                        }

                        return total;
                    }

                    default:
                        return info.Length;
                }
            }
        }
    }
}
