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
        /// <summary>Writes the value (without a type octet); an invalid value writes the type's sentinel.</summary>
        public void Write(ref FrameWriter w)
        {
            ZclDataTypeInfo info = TypeInfo;
            int n = info.Length;
            switch (info.Kind)
            {
                case ZclWireKind.None:
                    return;
                case ZclWireKind.Unsigned:
                    w.WriteUIntN(IsInvalid ? ulong.MaxValue : Convert.ToUInt64(Value, CultureInfo.InvariantCulture), n);
                    return;
                case ZclWireKind.Signed:
                    w.WriteUIntN(IsInvalid ? 1UL << ((8 * n) - 1) : unchecked((ulong)Convert.ToInt64(Value, CultureInfo.InvariantCulture)), n);
                    return;
                case ZclWireKind.Boolean:
                    w.WriteByte(IsInvalid ? (byte)0xFF : (bool)Value! ? (byte)1 : (byte)0);
                    return;
                case ZclWireKind.Semi:
                    w.WriteUInt16(IsInvalid ? (ushort)0x7E00 : HalfFloat.FromSingle((float)Value!));
                    return;
                case ZclWireKind.Single:
                    w.WriteUInt32(IsInvalid ? 0x7FC00000u : FloatBits.ToBits((float)Value!));
                    return;
                case ZclWireKind.Double:
                    w.WriteUInt64(IsInvalid ? 0x7FF8000000000000UL : unchecked((ulong)BitConverter.DoubleToInt64Bits((double)Value!)));
                    return;
                case ZclWireKind.OctetString:
                case ZclWireKind.CharString:
                case ZclWireKind.LongOctetString:
                case ZclWireKind.LongCharString:
                {
                    bool isLong = info.Kind == ZclWireKind.LongOctetString || info.Kind == ZclWireKind.LongCharString;
                    byte[]? bytes = IsInvalid ? null : _utf8 ?? (byte[])Value!;
                    int len = bytes?.Length ?? (isLong ? 0xFFFF : 0xFF);
                    if (isLong)
                    {
                        w.WriteUInt16((ushort)len);
                    }
                    else
                    {
                        w.WriteByte((byte)len);
                    }

                    if (bytes is not null)
                    {
                        w.WriteBytes(bytes);
                    }

                    return;
                }

                case ZclWireKind.Collection:
                    w.WriteByte((byte)ElementType!.Value);
                    if (IsInvalid)
                    {
                        w.WriteUInt16(0xFFFF);
                        return;
                    }

                    w.WriteUInt16((ushort)Elements!.Count);
                    foreach (ZclValue e in Elements)
                    {
                        e.Write(ref w);
                    }

                    return;
                case ZclWireKind.Structure:
                    if (IsInvalid)
                    {
                        w.WriteUInt16(0xFFFF);
                        return;
                    }

                    w.WriteUInt16((ushort)Elements!.Count);
                    foreach (ZclValue e in Elements)
                    {
                        w.WriteByte((byte)e.DataType);
                        e.Write(ref w);
                    }

                    return;
                case ZclWireKind.TimeOfDay:
                {
                    ZclTimeOfDay t = IsInvalid ? new ZclTimeOfDay(0xFF, 0xFF, 0xFF, 0xFF) : (ZclTimeOfDay)Value!;
                    w.WriteByte(t.Hours);
                    w.WriteByte(t.Minutes);
                    w.WriteByte(t.Seconds);
                    w.WriteByte(t.Hundredths);
                    return;
                }

                case ZclWireKind.Date:
                {
                    ZclDate d = IsInvalid ? new ZclDate(0xFF, 0xFF, 0xFF, 0xFF) : (ZclDate)Value!;
                    w.WriteByte(d.YearSince1900);
                    w.WriteByte(d.Month);
                    w.WriteByte(d.DayOfMonth);
                    w.WriteByte(d.DayOfWeek);
                    return;
                }

                case ZclWireKind.Utc:
                    w.WriteUInt32(IsInvalid ? uint.MaxValue : UtcSeconds);
                    return;
                case ZclWireKind.Eui64:
                    w.WriteUInt64(IsInvalid ? ulong.MaxValue : ((Eui64)Value!).Value);
                    return;
                case ZclWireKind.Key128:
                    w.WriteBytes(((ZigbeeKey)Value!).Span);
                    return;
            }
        }

        /// <summary>Writes the type octet and then the value (Report Attributes, Write Attributes records).</summary>
        public void WriteTyped(ref FrameWriter w)
        {
            w.WriteByte((byte)DataType);
            Write(ref w);
        }

        public int Encode(Span<byte> destination)
        {
            var w = new FrameWriter(destination);
            Write(ref w);
            return w.Position;
        }

        public byte[] ToArray()
        {
            byte[] bytes = new byte[EncodedLength];
            Encode(bytes);
            return bytes;
        }

        /// <summary>For a UTC time value: the seconds since 2000-01-01 UTC as on the wire.</summary>
        public uint UtcSeconds => DataType == ZclDataType.UtcTime && !IsInvalid
            ? (uint)((((DateTime)Value!).Ticks - UtcEpoch.Ticks) / TimeSpan.TicksPerSecond)
            : uint.MaxValue;
    }
}
