using System;
using System.Collections.Generic;
using System.Text.Json;
using Xunit;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.Tests.Zcl
{
    /// <summary>Published vectors: tests/vectors/from-public-tests/zcl-herdsman.json (zigbee-herdsman test/zcl.test.ts).</summary>
    public class ZclPublishedVectorTests
    {
        public static IEnumerable<object[]> HerdsmanVectors()
        {
            JsonElement root = Vectors.Load("from-public-tests/zcl-herdsman.json");
            foreach (JsonElement v in root.GetProperty("herdsman").GetProperty("vectors").EnumerateArray())
            {
                yield return new object[] { v.Str("name") };
            }
        }

        private static JsonElement Find(string name)
        {
            JsonElement root = Vectors.Load("from-public-tests/zcl-herdsman.json");
            foreach (JsonElement v in root.GetProperty("herdsman").GetProperty("vectors").EnumerateArray())
            {
                if (v.Str("name") == name)
                {
                    return v;
                }
            }

            throw new InvalidOperationException(name);
        }

        [Theory]
        [MemberData(nameof(HerdsmanVectors))]
        public void Zcl_2_4_1_herdsman_vectors_decode_and_reencode(string name)
        {
            JsonElement v = Find(name);
            byte[] bytes = v.Bytes("hex");
            ushort cluster = (ushort)v.GetProperty("clusterId").GetInt32();
            JsonElement expect = v.GetProperty("expect");

            ZclFrame frame = ZclFrame.Decode(cluster, bytes);
            Assert.Equal(expect.GetProperty("frameType").GetInt32(), (int)frame.Header.FrameType);
            Assert.Equal(expect.GetProperty("direction").GetInt32(), (int)frame.Header.Direction);
            Assert.Equal(expect.GetProperty("disableDefaultResponse").GetBoolean(), frame.Header.DisableDefaultResponse);
            Assert.Equal(expect.GetProperty("tsn").GetInt32(), frame.Header.TransactionSequenceNumber);
            Assert.Equal(expect.GetProperty("commandId").GetInt32(), frame.Header.CommandId);
            Assert.False(frame.Header.ManufacturerSpecific);

            JsonElement payload = expect.GetProperty("payload");
            switch (frame.Foundation)
            {
                case ZclReadAttributesResponse rsp:
                {
                    Assert.Equal(payload.GetArrayLength(), rsp.Records.Count);
                    int i = 0;
                    foreach (JsonElement rec in payload.EnumerateArray())
                    {
                        ZclReadAttributeStatusRecord r = rsp.Records[i++];
                        Assert.Equal(rec.GetProperty("attrId").GetInt32(), r.AttributeId);
                        Assert.Equal(rec.GetProperty("status").GetInt32(), (int)r.Status);
                        Assert.Equal(rec.GetProperty("dataType").GetInt32(), (int)r.DataType!.Value);
                        AssertAttrData(rec.GetProperty("attrData"), r.Value!);
                    }

                    break;
                }

                case ZclReportAttributes rep:
                {
                    Assert.Equal(payload.GetArrayLength(), rep.Records.Count);
                    int i = 0;
                    foreach (JsonElement rec in payload.EnumerateArray())
                    {
                        ZclAttributeValueRecord r = rep.Records[i++];
                        Assert.Equal(rec.GetProperty("attrId").GetInt32(), r.AttributeId);
                        Assert.Equal(rec.GetProperty("dataType").GetInt32(), (int)r.DataType);
                        AssertAttrData(rec.GetProperty("attrData"), r.Value);
                    }

                    break;
                }

                case ZclDefaultResponse dr:
                    Assert.Equal(payload.GetProperty("cmdId").GetInt32(), dr.CommandIdentifier);
                    Assert.Equal(payload.GetProperty("statusCode").GetInt32(), (int)dr.Status);
                    Assert.Equal(ZclStatus.UnsupGeneralCommand, dr.Status);
                    break;
                default:
                    Assert.Fail($"unexpected payload {frame.Foundation}");
                    break;
            }

            Assert.Equal(bytes, frame.ToArray());
        }

        private static void AssertAttrData(JsonElement expected, ZclValue value)
        {
            Assert.False(value.IsInvalid);
            double want = expected.GetDouble();
            if (value.DataType == ZclDataType.UtcTime)
            {
                Assert.Equal((uint)want, value.UtcSeconds);
                Assert.Equal(ZclValue.UtcEpoch.AddSeconds(want), (DateTime)value.Value!);
                Assert.Equal(DateTimeKind.Utc, ((DateTime)value.Value!).Kind);
            }
            else
            {
                Assert.Equal(want, Convert.ToDouble(value.Value));
            }
        }
    }

    /// <summary>
    /// Hand-built vectors: each data type of ZCL rev 7 (07-5123-07) 2.6.2 Table 2-10, built from the table's length,
    /// byte order (little-endian) and invalid-value column; not captured from a device.
    /// </summary>
    public class ZclDataTypeVectorTests
    {
        private static readonly object Invalid = new object();

        public static IEnumerable<object[]> Cases()
        {
            yield return Row(ZclDataType.NoData, "", null);
            yield return Row(ZclDataType.Data8, "A5", (byte)0xA5);
            yield return Row(ZclDataType.Data16, "3412", (ushort)0x1234);
            yield return Row(ZclDataType.Data24, "563412", 0x123456u);
            yield return Row(ZclDataType.Data32, "78563412", 0x12345678u);
            yield return Row(ZclDataType.Data40, "9A78563412", 0x123456789AUL);
            yield return Row(ZclDataType.Data48, "BC9A78563412", 0x123456789ABCUL);
            yield return Row(ZclDataType.Data56, "DEBC9A78563412", 0x123456789ABCDEUL);
            yield return Row(ZclDataType.Data64, "F0DEBC9A78563412", 0x123456789ABCDEF0UL);
            yield return Row(ZclDataType.Data8, "FF", (byte)0xFF); // data types have no invalid value
            yield return Row(ZclDataType.Boolean, "00", false);
            yield return Row(ZclDataType.Boolean, "01", true);
            yield return Row(ZclDataType.Boolean, "FF", Invalid);
            yield return Row(ZclDataType.Map8, "81", (byte)0x81);
            yield return Row(ZclDataType.Map16, "FFFF", (ushort)0xFFFF);
            yield return Row(ZclDataType.Map24, "010203", 0x030201u);
            yield return Row(ZclDataType.Map32, "01020304", 0x04030201u);
            yield return Row(ZclDataType.Map40, "0102030405", 0x0504030201UL);
            yield return Row(ZclDataType.Map48, "010203040506", 0x060504030201UL);
            yield return Row(ZclDataType.Map56, "01020304050607", 0x07060504030201UL);
            yield return Row(ZclDataType.Map64, "FFFFFFFFFFFFFFFF", ulong.MaxValue);
            yield return Row(ZclDataType.UInt8, "03", (byte)3);
            yield return Row(ZclDataType.UInt8, "FF", Invalid);
            yield return Row(ZclDataType.UInt8, "FE", (byte)0xFE);
            yield return Row(ZclDataType.UInt16, "FFFF", Invalid);
            yield return Row(ZclDataType.UInt16, "E803", (ushort)1000);
            yield return Row(ZclDataType.UInt24, "FEFFFF", 0xFFFFFEu);
            yield return Row(ZclDataType.UInt24, "FFFFFF", Invalid);
            yield return Row(ZclDataType.UInt32, "FFFFFFFF", Invalid);
            yield return Row(ZclDataType.UInt32, "01000000", 1u);
            yield return Row(ZclDataType.UInt40, "FFFFFFFFFF", Invalid);
            yield return Row(ZclDataType.UInt40, "0000000001", 0x0100000000UL);
            yield return Row(ZclDataType.UInt48, "102700000000", 10000UL);
            yield return Row(ZclDataType.UInt48, "FFFFFFFFFFFF", Invalid);
            yield return Row(ZclDataType.UInt56, "FFFFFFFFFFFFFF", Invalid);
            yield return Row(ZclDataType.UInt56, "01000000000000", 1UL);
            yield return Row(ZclDataType.UInt64, "FFFFFFFFFFFFFFFF", Invalid);
            yield return Row(ZclDataType.UInt64, "FEFFFFFFFFFFFFFF", ulong.MaxValue - 1);
            yield return Row(ZclDataType.Int8, "FF", (sbyte)-1);
            yield return Row(ZclDataType.Int8, "80", Invalid);
            yield return Row(ZclDataType.Int8, "7F", (sbyte)127);
            yield return Row(ZclDataType.Int16, "0080", Invalid);
            yield return Row(ZclDataType.Int16, "0180", (short)-32767);
            yield return Row(ZclDataType.Int24, "FFFFFF", -1);
            yield return Row(ZclDataType.Int24, "FEFFFF", -2);
            yield return Row(ZclDataType.Int24, "000080", Invalid);
            yield return Row(ZclDataType.Int24, "FFFF7F", 8388607);
            yield return Row(ZclDataType.Int32, "00000080", Invalid);
            yield return Row(ZclDataType.Int32, "F6FFFFFF", -10);
            yield return Row(ZclDataType.Int40, "FBFFFFFFFF", -5L);
            yield return Row(ZclDataType.Int40, "0000000080", Invalid);
            yield return Row(ZclDataType.Int48, "000000000080", Invalid);
            yield return Row(ZclDataType.Int48, "FFFFFFFFFF7F", 0x7FFFFFFFFFFFL);
            yield return Row(ZclDataType.Int56, "FFFFFFFFFFFFFF", -1L);
            yield return Row(ZclDataType.Int56, "00000000000080", Invalid);
            yield return Row(ZclDataType.Int64, "0000000000000080", Invalid);
            yield return Row(ZclDataType.Int64, "0100000000000080", long.MinValue + 1);
            yield return Row(ZclDataType.Enum8, "01", (byte)1);
            yield return Row(ZclDataType.Enum8, "FF", Invalid);
            yield return Row(ZclDataType.Enum16, "FFFF", Invalid);
            yield return Row(ZclDataType.Enum16, "0100", (ushort)1);
            yield return Row(ZclDataType.SemiPrecision, "003C", 1.0f);
            yield return Row(ZclDataType.SemiPrecision, "00C0", -2.0f);
            yield return Row(ZclDataType.SemiPrecision, "0100", 5.96046448e-8f); // smallest subnormal 2^-24
            yield return Row(ZclDataType.SemiPrecision, "FF7B", 65504f);
            yield return Row(ZclDataType.SemiPrecision, "007C", float.PositiveInfinity);
            yield return Row(ZclDataType.SemiPrecision, "007E", Invalid);
            yield return Row(ZclDataType.SinglePrecision, "0000803F", 1.0f);
            yield return Row(ZclDataType.SinglePrecision, "0000C07F", Invalid);
            yield return Row(ZclDataType.DoublePrecision, "000000000000F03F", 1.0);
            yield return Row(ZclDataType.DoublePrecision, "000000000000F87F", Invalid);
            yield return Row(ZclDataType.OctetString, "03010203", new byte[] { 1, 2, 3 });
            yield return Row(ZclDataType.OctetString, "00", new byte[0]);
            yield return Row(ZclDataType.OctetString, "FF", Invalid);
            yield return Row(ZclDataType.CharacterString, "0548656C6C6F", "Hello");
            yield return Row(ZclDataType.CharacterString, "02C3A9", "\u00e9");
            yield return Row(ZclDataType.CharacterString, "FF", Invalid);
            yield return Row(ZclDataType.LongOctetString, "0300010203", new byte[] { 1, 2, 3 });
            yield return Row(ZclDataType.LongOctetString, "FFFF", Invalid);
            yield return Row(ZclDataType.LongCharacterString, "050048656C6C6F", "Hello");
            yield return Row(ZclDataType.LongCharacterString, "FFFF", Invalid);
            yield return Row(ZclDataType.TimeOfDay, "0C1E2D32", new ZclTimeOfDay(12, 30, 45, 50));
            yield return Row(ZclDataType.TimeOfDay, "FFFFFFFF", Invalid);
            yield return Row(ZclDataType.Date, "7D0C0F01", new ZclDate(125, 12, 15, 1));
            yield return Row(ZclDataType.Date, "FFFFFFFF", Invalid);
            yield return Row(ZclDataType.UtcTime, "EA53DA24", new DateTime(2019, 8, 5, 2, 41, 46, DateTimeKind.Utc));
            yield return Row(ZclDataType.UtcTime, "00000000", ZclValue.UtcEpoch);
            yield return Row(ZclDataType.UtcTime, "FFFFFFFF", Invalid);
            yield return Row(ZclDataType.ClusterId, "0207", (ushort)0x0702);
            yield return Row(ZclDataType.ClusterId, "FFFF", Invalid);
            yield return Row(ZclDataType.AttributeId, "0004", (ushort)0x0400);
            yield return Row(ZclDataType.AttributeId, "FFFF", Invalid);
            yield return Row(ZclDataType.BacnetOid, "78563412", 0x12345678u);
            yield return Row(ZclDataType.BacnetOid, "FFFFFFFF", Invalid);
            yield return Row(ZclDataType.IeeeAddress, "01ABBC0B006F0D00", Eui64.Parse("00:0D:6F:00:0B:BC:AB:01"));
            yield return Row(ZclDataType.IeeeAddress, "FFFFFFFFFFFFFFFF", Invalid);
            yield return Row(ZclDataType.SecurityKey128, "5A6967426565416C6C69616E63653039", ZigbeeKey.DefaultTrustCenterLinkKey);
            yield return Row(ZclDataType.Unknown, "", null);
        }

        private static object[] Row(ZclDataType type, string hex, object? value) => new object[] { type, hex, value! };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Zcl_2_6_2_data_type_vector(ZclDataType type, string hex, object? expected)
        {
            byte[] bytes = Hex.Parse(hex);
            ZclValue v = ZclValue.Decode(type, bytes);
            Assert.Equal(type, v.DataType);
            if (ReferenceEquals(expected, Invalid))
            {
                Assert.True(v.IsInvalid);
                Assert.Null(v.Value);
                Assert.Equal(ZclValue.Invalid(type), v);
            }
            else
            {
                Assert.False(v.IsInvalid);
                if (expected is byte[] b)
                {
                    Assert.Equal(b, (byte[])v.Value!);
                }
                else
                {
                    Assert.Equal(expected, v.Value);
                    if (expected is not null)
                    {
                        Assert.Equal(expected.GetType(), v.Value!.GetType());
                    }
                }

                if (type != ZclDataType.NoData && type != ZclDataType.Unknown)
                {
                    Assert.Equal(v, ZclValue.Create(type, expected));
                }
            }

            Assert.Equal(bytes.Length, v.EncodedLength);
            Assert.Equal(bytes, v.ToArray());
            Assert.NotNull(ZclDataTypes.Get(type));
        }

        [Fact]
        public void Zcl_2_6_2_collections_and_structures()
        {
            // array of uint8 [1, 2, 3]: element type, count (2 octets), elements.
            ZclValue arr = ZclValue.Decode(ZclDataType.Array, Hex.Parse("20 0300 010203"));
            Assert.Equal(ZclDataType.UInt8, arr.ElementType);
            Assert.Equal(new object[] { (byte)1, (byte)2, (byte)3 }, new List<ZclValue>(arr.Elements!).ConvertAll(e => e.Value!));
            Assert.Equal("[1, 2, 3]", arr.ToString());

            ZclValue invalidArr = ZclValue.Decode(ZclDataType.Array, Hex.Parse("20 FFFF"));
            Assert.True(invalidArr.IsInvalid);
            Assert.Equal(Hex.Parse("20FFFF"), invalidArr.ToArray());

            // structure {uint8 5, uint16 0x1234}: count then (type, value) elements.
            ZclValue st = ZclValue.Decode(ZclDataType.Structure, Hex.Parse("0200 20 05 21 3412"));
            Assert.Equal(2, st.Elements!.Count);
            Assert.Equal(ZclDataType.UInt16, st.Elements[1].DataType);
            Assert.Equal((ushort)0x1234, st.Elements[1].Value);
            Assert.Equal(Hex.Parse("0200200521 3412"), st.ToArray());
            Assert.True(ZclValue.Decode(ZclDataType.Structure, Hex.Parse("FFFF")).IsInvalid);

            ZclValue set = ZclValue.Decode(ZclDataType.Set, Hex.Parse("21 0100 3412"));
            Assert.Equal((ushort)0x1234, set.Elements![0].Value);
            ZclValue bag = ZclValue.Decode(ZclDataType.Bag, Hex.Parse("10 0200 0100"));
            Assert.Equal(new object[] { true, false }, new List<ZclValue>(bag.Elements!).ConvertAll(e => e.Value!));

            // nested: array of structures of a string
            ZclValue nested = ZclValue.Decode(ZclDataType.Array, Hex.Parse("4C 0100 0100 42 02 4142"));
            Assert.Equal("AB", nested.Elements![0].Elements![0].Value);

            var built = ZclValue.CreateCollection(ZclDataType.Array, ZclDataType.UInt8,
                new[] { ZclValue.Create(ZclDataType.UInt8, 1), ZclValue.Create(ZclDataType.UInt8, 2), ZclValue.Create(ZclDataType.UInt8, 3) });
            Assert.Equal(arr, built);
        }

        [Theory]
        [InlineData("01", "00")] // reserved data type 0x01
        [InlineData("48", "01 0100 00")] // array of reserved element type
        [InlineData("48", "00 0500")] // array of nodata elements
        [InlineData("48", "20 0500 0102")] // count larger than the data
        [InlineData("4C", "0300 2001")] // structure count larger than the data
        [InlineData("42", "05 4142")] // string length larger than the data
        [InlineData("44", "0001 41")] // long string length larger than the data
        [InlineData("23", "010203")] // truncated uint32
        [InlineData("F1", "0102")] // truncated key
        public void Zcl_2_6_2_malformed_values_throw_frame_format_exception(string type, string hex)
        {
            var t = (ZclDataType)Hex.Parse(type)[0];
            FrameFormatException e = Assert.Throws<FrameFormatException>(() => ZclValue.Decode(t, Hex.Parse(hex)));
            Assert.Equal(FrameLayer.Zcl, e.Layer);
        }

        [Fact]
        public void Zcl_2_6_2_nesting_is_bounded()
        {
            // 20 levels of array-of-array: rejected past MaximumNesting with a FrameFormatException.
            var bytes = new List<byte>();
            for (int i = 0; i < 20; i++)
            {
                bytes.AddRange(new byte[] { 0x48, 0x01, 0x00 });
            }

            bytes.AddRange(new byte[] { 0x20, 0x00, 0x00 });
            Assert.Throws<FrameFormatException>(() => ZclValue.Decode(ZclDataType.Array, bytes.ToArray()));
        }

        [Fact]
        public void Zcl_2_6_2_table_covers_every_listed_type()
        {
            byte[] ids =
            {
                0x00, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F,
                0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x31,
                0x38, 0x39, 0x3A, 0x41, 0x42, 0x43, 0x44, 0x48, 0x4C, 0x50, 0x51, 0xE0, 0xE1, 0xE2, 0xE8, 0xE9, 0xEA, 0xF0, 0xF1, 0xFF,
            };
            Assert.Equal(ids.Length, ZclDataTypes.All.Count);
            foreach (byte id in ids)
            {
                Assert.NotNull(ZclDataTypes.Get((ZclDataType)id));
            }

            Assert.Equal(ZclDataClass.Analog, ZclDataTypes.Get(ZclDataType.Int24)!.Class);
            Assert.Equal(ZclDataClass.Discrete, ZclDataTypes.Get(ZclDataType.Map8)!.Class);
            Assert.Equal(6, ZclDataTypes.Get(ZclDataType.UInt48)!.Length);
            Assert.True(ZclDataTypes.Get(ZclDataType.CharacterString)!.IsVariableLength);
            Assert.Equal("0x8000", ZclDataTypes.Get(ZclDataType.Int16)!.InvalidValue);
            Assert.True(ZclDataTypes.TryParse("uint24", out ZclDataTypeInfo? u24) && u24!.Id == ZclDataType.UInt24);
            Assert.True(ZclDataTypes.TryParse("0x42", out ZclDataTypeInfo? s) && s!.Id == ZclDataType.CharacterString);
            Assert.False(ZclDataTypes.Get((ZclDataType)0x01) is not null);
        }

        [Fact]
        public void Zcl_2_6_2_create_converts_and_checks_ranges()
        {
            Assert.Equal((uint)0x123456, ZclValue.Create(ZclDataType.UInt24, 0x123456).Value);
            Assert.Equal(-5, ZclValue.Create(ZclDataType.Int24, -5L).Value);
            Assert.True(ZclValue.Create(ZclDataType.UInt8, 255).IsInvalid);
            Assert.Throws<ArgumentException>(() => ZclValue.Create(ZclDataType.UInt8, 256));
            Assert.Throws<ArgumentException>(() => ZclValue.Create(ZclDataType.Int24, 1 << 23));
            Assert.Throws<ArgumentException>(() => ZclValue.Create(ZclDataType.UInt16, -1));
            Assert.Equal(new byte[] { 0x3C, 0x00 }, Reverse(ZclValue.Create(ZclDataType.SemiPrecision, 1.0).ToArray()));
            Assert.Equal(Hex.Parse("EA53DA24"), ZclValue.Create(ZclDataType.UtcTime, new DateTime(2019, 8, 5, 2, 41, 46, DateTimeKind.Utc)).ToArray());
            Assert.Equal("<key redacted>", ZclValue.Create(ZclDataType.SecurityKey128, ZigbeeKey.DefaultTrustCenterLinkKey).ToString());
            Assert.Throws<ArgumentException>(() => ZclValue.Create(ZclDataType.CharacterString, new string('a', 255)));
        }

        private static byte[] Reverse(byte[] b)
        {
            Array.Reverse(b);
            return b;
        }
    }
}
