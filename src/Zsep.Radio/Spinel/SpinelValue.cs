using System;
using System.Collections.Generic;
using System.Text;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;

namespace Zsep.Radio.Spinel
{
    /// <summary>
    /// Decoders and encoders of the simple property values (draft-rquattle-spinel-unified section 3.1 "Primitive
    /// Types"): <c>b</c> bool, <c>C</c> uint8, <c>c</c> int8, <c>S</c> uint16, <c>s</c> int16, <c>L</c> uint32,
    /// <c>i</c> packed uint, <c>E</c> EUI-64 (big-endian, unlike the 802.15.4 air format), <c>U</c> UTF-8 string.
    /// Multi-byte integers are little-endian. Following the Spinel rule that fields may be appended to a value,
    /// bytes after the decoded value are ignored; a value too short is a <see cref="FrameFormatException"/>.
    /// </summary>
    public static class SpinelValue
    {
        public static bool DecodeBool(ReadOnlySpan<byte> value)
        {
            var reader = new FrameReader(value, FrameLayer.Spinel);
            return ReadBool(ref reader, "Bool");
        }

        public static byte DecodeUInt8(ReadOnlySpan<byte> value) => new FrameReader(value, FrameLayer.Spinel).ReadByte("UInt8");

        public static sbyte DecodeInt8(ReadOnlySpan<byte> value) => new FrameReader(value, FrameLayer.Spinel).ReadSByte("Int8");

        public static ushort DecodeUInt16(ReadOnlySpan<byte> value) => new FrameReader(value, FrameLayer.Spinel).ReadUInt16("UInt16");

        public static short DecodeInt16(ReadOnlySpan<byte> value) => unchecked((short)new FrameReader(value, FrameLayer.Spinel).ReadUInt16("Int16"));

        public static uint DecodeUInt32(ReadOnlySpan<byte> value) => new FrameReader(value, FrameLayer.Spinel).ReadUInt32("UInt32");

        public static ulong DecodeUInt64(ReadOnlySpan<byte> value) => new FrameReader(value, FrameLayer.Spinel).ReadUInt64("UInt64");

        public static uint DecodePackedUInt(ReadOnlySpan<byte> value)
        {
            var reader = new FrameReader(value, FrameLayer.Spinel);
            return SpinelPackedUInt.Read(ref reader, "PackedUInt");
        }

        /// <summary>An <c>E</c> value: 8 bytes, most significant first (PROP_HWADDR, PROP_MAC_15_4_LADDR).</summary>
        public static Eui64 DecodeEui64(ReadOnlySpan<byte> value)
        {
            var reader = new FrameReader(value, FrameLayer.Spinel);
            return ReadEui64(ref reader, "Eui64");
        }

        /// <summary>A <c>U</c> value: UTF-8 up to a zero byte (or to the end when the terminator is missing).</summary>
        public static string DecodeUtf8(ReadOnlySpan<byte> value)
        {
            int end = value.IndexOf((byte)0);
            ReadOnlySpan<byte> text = end < 0 ? value : value.Slice(0, end);
            return text.Length == 0 ? string.Empty : Encoding.UTF8.GetString(text.ToArray());
        }

        /// <summary>An <c>A(i)</c> value such as PROP_CAPS: packed unsigned integers to the end.</summary>
        public static uint[] DecodePackedUIntArray(ReadOnlySpan<byte> value)
        {
            var reader = new FrameReader(value, FrameLayer.Spinel);
            var items = new List<uint>();
            while (!reader.IsAtEnd)
            {
                items.Add(SpinelPackedUInt.Read(ref reader, "Array.Item"));
            }

            return items.ToArray();
        }

        /// <summary>PROP_LAST_STATUS (<c>i</c>).</summary>
        public static SpinelStatus DecodeStatus(ReadOnlySpan<byte> value) => (SpinelStatus)DecodePackedUInt(value);

        public static byte[] EncodeBool(bool value) => new[] { value ? (byte)1 : (byte)0 };

        public static byte[] EncodeUInt8(byte value) => new[] { value };

        public static byte[] EncodeInt8(sbyte value) => new[] { unchecked((byte)value) };

        public static byte[] EncodeUInt16(ushort value) => new[] { (byte)value, (byte)(value >> 8) };

        public static byte[] EncodeInt16(short value) => EncodeUInt16(unchecked((ushort)value));

        public static byte[] EncodeUInt32(uint value) => new[] { (byte)value, (byte)(value >> 8), (byte)(value >> 16), (byte)(value >> 24) };

        public static byte[] EncodePackedUInt(uint value) => SpinelPackedUInt.Encode(value);

        public static byte[] EncodeEui64(Eui64 value)
        {
            var result = new byte[8];
            for (int i = 0; i < 8; i++)
            {
                result[i] = (byte)(value.Value >> (8 * (7 - i)));
            }

            return result;
        }

        /// <summary>A <c>U</c> value with its zero terminator.</summary>
        public static byte[] EncodeUtf8(string value)
        {
            byte[] text = Encoding.UTF8.GetBytes(value ?? throw new ArgumentNullException(nameof(value)));
            var result = new byte[text.Length + 1];
            text.CopyTo(result, 0);
            return result;
        }

        public static byte[] EncodePackedUIntArray(IEnumerable<uint> values)
        {
            var result = new List<byte>();
            foreach (uint v in values)
            {
                result.AddRange(SpinelPackedUInt.Encode(v));
            }

            return result.ToArray();
        }

        internal static bool ReadBool(ref FrameReader reader, string field)
        {
            int at = reader.AbsoluteOffset;
            byte b = reader.ReadByte(field);
            return b switch
            {
                0 => false,
                1 => true,
                _ => throw new FrameFormatException(FrameLayer.Spinel, field, at, $"Boolean is 0x{b:X2}; only 0 and 1 are legal"),
            };
        }

        internal static Eui64 ReadEui64(ref FrameReader reader, string field)
        {
            ReadOnlySpan<byte> bytes = reader.ReadBytes(8, field);
            ulong v = 0;
            foreach (byte b in bytes)
            {
                v = (v << 8) | b;
            }

            return new Eui64(v);
        }
    }

    /// <summary>PROP_PROTOCOL_VERSION (<c>ii</c>): the Spinel protocol major and minor version (draft-rquattle-spinel-unified section 5 "Properties", core properties).</summary>
    public sealed record SpinelProtocolVersion(uint Major, uint Minor)
    {
        public static SpinelProtocolVersion Decode(ReadOnlySpan<byte> value)
        {
            var reader = new FrameReader(value, FrameLayer.Spinel);
            uint major = SpinelPackedUInt.Read(ref reader, "ProtocolVersion.Major");
            uint minor = SpinelPackedUInt.Read(ref reader, "ProtocolVersion.Minor");
            return new SpinelProtocolVersion(major, minor);
        }

        public byte[] ToArray()
        {
            byte[] major = SpinelPackedUInt.Encode(Major);
            byte[] minor = SpinelPackedUInt.Encode(Minor);
            var result = new byte[major.Length + minor.Length];
            major.CopyTo(result, 0);
            minor.CopyTo(result, major.Length);
            return result;
        }

        public override string ToString() => $"{Major}.{Minor}";
    }
}
