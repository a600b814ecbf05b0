using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using Xunit;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.Tests.Zcl
{
    /// <summary>Random valid values and frames built through the public API (seeded), and a seeded mutation run.</summary>
    public class ZclRandomTests
    {
        private static readonly ZclDataType[] ScalarTypes = BuildScalarTypes();

        private static ZclDataType[] BuildScalarTypes()
        {
            var list = new List<ZclDataType>();
            foreach (ZclDataTypeInfo info in ZclDataTypes.All)
            {
                if (info.Id != ZclDataType.Array && info.Id != ZclDataType.Set && info.Id != ZclDataType.Bag && info.Id != ZclDataType.Structure)
                {
                    list.Add(info.Id);
                }
            }

            return list.ToArray();
        }

        private static ulong NextULong(Random r)
        {
            byte[] b = new byte[8];
            r.NextBytes(b);
            return BitConverter.ToUInt64(b, 0);
        }

        internal static ZclValue RandomValue(Random r, int depth = 0)
        {
            int pick = r.Next(ScalarTypes.Length + (depth < 3 ? 4 : 0));
            if (pick >= ScalarTypes.Length)
            {
                int count = r.Next(4);
                if (pick - ScalarTypes.Length == 3)
                {
                    var items = new List<ZclValue>();
                    for (int i = 0; i < count; i++)
                    {
                        items.Add(RandomValue(r, depth + 1));
                    }

                    return r.Next(10) == 0 ? ZclValue.Invalid(ZclDataType.Structure) : ZclValue.CreateStructure(items);
                }

                ZclDataType kind = new[] { ZclDataType.Array, ZclDataType.Set, ZclDataType.Bag }[pick - ScalarTypes.Length];
                ZclValue first;
                do
                {
                    first = RandomOfType(r, ScalarTypes[r.Next(ScalarTypes.Length)], depth + 1);
                }
                while (first.DataType == ZclDataType.NoData || first.DataType == ZclDataType.Unknown);

                var elems = new List<ZclValue> { first };
                for (int i = 1; i < count; i++)
                {
                    elems.Add(RandomOfType(r, first.DataType, depth + 1));
                }

                return r.Next(10) == 0 ? ZclValue.Invalid(kind, first.DataType) : ZclValue.CreateCollection(kind, first.DataType, elems);
            }

            return RandomOfType(r, ScalarTypes[pick], depth);
        }

        private static ZclValue RandomOfType(Random r, ZclDataType type, int depth)
        {
            ZclDataTypeInfo info = ZclDataTypes.Get(type)!;
            if (info.InvalidValue is not null && r.Next(12) == 0 && info.Kind != ZclWireKind.Collection)
            {
                return ZclValue.Invalid(type);
            }

            int n = info.Length;
            switch (type)
            {
                case ZclDataType.NoData:
                case ZclDataType.Unknown:
                    return ZclValue.Create(type, null);
                case ZclDataType.Boolean:
                    return ZclValue.Create(type, r.Next(2) == 1);
                case ZclDataType.SemiPrecision:
                    return ZclValue.Create(type, HalfFloat.ToSingle((ushort)r.Next(0x10000)));
                case ZclDataType.SinglePrecision:
                    return ZclValue.Create(type, FloatBits.ToSingle((uint)NextULong(r)));
                case ZclDataType.DoublePrecision:
                    return ZclValue.Create(type, BitConverter.Int64BitsToDouble((long)NextULong(r)));
                case ZclDataType.OctetString:
                case ZclDataType.LongOctetString:
                {
                    byte[] b = new byte[r.Next(type == ZclDataType.OctetString ? 20 : 300)];
                    r.NextBytes(b);
                    return ZclValue.Create(type, b);
                }

                case ZclDataType.CharacterString:
                case ZclDataType.LongCharacterString:
                {
                    var sb = new StringBuilder();
                    int len = r.Next(16);
                    for (int i = 0; i < len; i++)
                    {
                        sb.Append(r.Next(5) == 0 ? (char)r.Next(0xA0, 0x3000) : (char)r.Next(0x20, 0x7F));
                    }

                    return ZclValue.Create(type, sb.ToString());
                }

                case ZclDataType.TimeOfDay:
                    return ZclValue.Create(type, new ZclTimeOfDay((byte)r.Next(24), (byte)r.Next(60), (byte)r.Next(60), (byte)r.Next(256)));
                case ZclDataType.Date:
                    return ZclValue.Create(type, new ZclDate((byte)r.Next(256), (byte)r.Next(1, 13), (byte)r.Next(1, 32), (byte)r.Next(1, 8)));
                case ZclDataType.UtcTime:
                    return ZclValue.Create(type, ZclValue.UtcEpoch.AddSeconds((uint)r.Next() * 2u));
                case ZclDataType.IeeeAddress:
                    return ZclValue.Create(type, new Eui64(NextULong(r)));
                case ZclDataType.SecurityKey128:
                {
                    byte[] k = new byte[16];
                    r.NextBytes(k);
                    return ZclValue.Create(type, new ZigbeeKey(k));
                }

                case ZclDataType.Array:
                case ZclDataType.Set:
                case ZclDataType.Bag:
                case ZclDataType.Structure:
                    return RandomValue(r, depth);
            }

            ulong raw = NextULong(r);
            if (n < 8)
            {
                raw &= (1UL << (8 * n)) - 1;
            }

            if (info.Kind == ZclWireKind.Signed)
            {
                int shift = 64 - (8 * n);
                return ZclValue.Create(type, (long)(raw << shift) >> shift);
            }

            return ZclValue.Create(type, raw);
        }

        private static ushort RandomId(Random r) => (ushort)r.Next(0x10000);

        private static ZclStatus RandomStatus(Random r) => r.Next(3) == 0 ? ZclStatus.Success : (ZclStatus)r.Next(0x70, 0xC4);

        private static ZclReportingConfigurationRecord RandomConfig(Random r)
        {
            if (r.Next(3) == 0)
            {
                return new ZclReportingConfigurationRecord { Direction = ZclReportingDirection.ReceiveReports, AttributeId = RandomId(r), TimeoutPeriod = RandomId(r) };
            }

            ZclDataType type = ScalarTypes[r.Next(ScalarTypes.Length)];
            return new ZclReportingConfigurationRecord
            {
                Direction = ZclReportingDirection.SendReports,
                AttributeId = RandomId(r),
                DataType = type,
                MinimumReportingInterval = RandomId(r),
                MaximumReportingInterval = RandomId(r),
                ReportableChange = ZclDataTypes.Get(type)!.IsAnalog ? RandomOfType(r, type, 0) : null,
            };
        }

        private static List<T> Many<T>(Random r, Func<T> make, int max = 4)
        {
            var list = new List<T>();
            int n = r.Next(max + 1);
            for (int i = 0; i < n; i++)
            {
                list.Add(make());
            }

            return list;
        }

        internal static ZclFoundationCommand RandomCommand(Random r)
        {
            switch (r.Next(17))
            {
                case 0: return new ZclReadAttributes(Many(r, () => RandomId(r)));
                case 1:
                    return new ZclReadAttributesResponse(Many(r, () =>
                    {
                        ZclStatus s = RandomStatus(r);
                        return new ZclReadAttributeStatusRecord(RandomId(r), s, s == ZclStatus.Success ? RandomValue(r) : null);
                    }));
                case 2:
                    return new ZclWriteAttributes(
                        Many(r, () => new ZclAttributeValueRecord(RandomId(r), RandomValue(r))),
                        new[] { ZclGlobalCommand.WriteAttributes, ZclGlobalCommand.WriteAttributesUndivided, ZclGlobalCommand.WriteAttributesNoResponse }[r.Next(3)]);
                case 3:
                    return r.Next(3) == 0
                        ? ZclWriteAttributesResponse.AllSuccess()
                        : new ZclWriteAttributesResponse(Many(r, () => new ZclWriteAttributeStatusRecord(RandomStatus(r), RandomId(r)), 4));
                case 4: return new ZclConfigureReporting(Many(r, () => RandomConfig(r)));
                case 5:
                    return r.Next(3) == 0
                        ? new ZclConfigureReportingResponse(new[] { new ZclConfigureReportingStatusRecord(ZclStatus.Success, null, null) })
                        : new ZclConfigureReportingResponse(Many(r, () => new ZclConfigureReportingStatusRecord(RandomStatus(r), (ZclReportingDirection)r.Next(2), RandomId(r))));
                case 6: return new ZclReadReportingConfiguration(Many(r, () => new ZclReportingAttributeRecord((ZclReportingDirection)r.Next(2), RandomId(r))));
                case 7:
                    return new ZclReadReportingConfigurationResponse(Many(r, () =>
                    {
                        ZclStatus s = RandomStatus(r);
                        ZclReportingConfigurationRecord c = RandomConfig(r);
                        return new ZclReadReportingConfigurationRecord(s, s == ZclStatus.Success ? c : new ZclReportingConfigurationRecord { Direction = c.Direction, AttributeId = c.AttributeId });
                    }));
                case 8: return new ZclReportAttributes(Many(r, () => new ZclAttributeValueRecord(RandomId(r), RandomValue(r))));
                case 9: return new ZclDefaultResponse((byte)r.Next(256), RandomStatus(r));
                case 10: return new ZclDiscoverAttributes(RandomId(r), (byte)r.Next(256), r.Next(2) == 0);
                case 11: return new ZclDiscoverAttributesResponse(r.Next(2) == 0, Many(r, () => new ZclAttributeInformation(RandomId(r), ScalarTypes[r.Next(ScalarTypes.Length)])));
                case 12: return new ZclDiscoverCommands((byte)r.Next(256), (byte)r.Next(256), r.Next(2) == 0);
                case 13: return new ZclDiscoverCommandsResponse(r.Next(2) == 0, Many(r, () => (byte)r.Next(256), 8), r.Next(2) == 0);
                case 14:
                    return new ZclDiscoverAttributesExtendedResponse(r.Next(2) == 0,
                        Many(r, () => new ZclExtendedAttributeInformation(RandomId(r), ScalarTypes[r.Next(ScalarTypes.Length)], (ZclAttributeAccess)r.Next(8))));
                case 15:
                {
                    byte[] p = new byte[r.Next(6)];
                    r.NextBytes(p);
                    return new ZclUnknownFoundationCommand((byte)r.Next(0x0E, 0x11), p);
                }

                default:
                    return new ZclReadAttributes(new ushort[0]);
            }
        }

        internal static ZclHeader RandomHeader(Random r, ZclFrameType type) => new ZclHeader
        {
            FrameType = type,
            Direction = (ZclDirection)r.Next(2),
            DisableDefaultResponse = r.Next(2) == 0,
            ManufacturerCode = r.Next(4) == 0 ? (ushort?)RandomId(r) : null,
            TransactionSequenceNumber = (byte)r.Next(256),
        };

        internal static ZclFrame RandomFrame(Random r)
        {
            ushort cluster = new ushort[] { 0x0000, 0x000A, 0x0700, 0x0701, 0x0702, 0x0703, 0x0800, 0xFC00 }[r.Next(8)];
            if (r.Next(4) == 0)
            {
                byte[] p = new byte[r.Next(12)];
                r.NextBytes(p);
                return ZclFrame.CreateRaw(cluster, RandomHeader(r, ZclFrameType.ClusterSpecific) with { CommandId = (byte)r.Next(256) }, p);
            }

            return ZclFrame.Create(cluster, RandomHeader(r, ZclFrameType.Global), RandomCommand(r));
        }

        [Fact]
        public void Zcl_2_6_2_values_round_trip()
        {
            var r = new Random(2602);
            for (int i = 0; i < 5000; i++)
            {
                ZclValue v = RandomValue(r);
                byte[] bytes = v.ToArray();
                Assert.Equal(v.EncodedLength, bytes.Length);
                ZclValue back = ZclValue.Decode(v.DataType, bytes);
                Assert.Equal(v, back);
                Assert.Equal(bytes, back.ToArray());
                _ = back.ToString();
            }
        }

        [Fact]
        public void Zcl_2_4_frames_and_foundation_commands_round_trip()
        {
            var r = new Random(2405);
            for (int i = 0; i < 5000; i++)
            {
                ZclFrame f = RandomFrame(r);
                byte[] bytes = f.ToArray();
                Assert.Equal(f.EncodedLength, bytes.Length);
                ZclFrame back = ZclFrame.Decode(f.ClusterId, bytes);
                Assert.Equal(f.Header, back.Header);
                Assert.Equal(f.Foundation, back.Foundation);
                Assert.Equal(f.Payload, back.Payload);
                Assert.Equal(f.CommandName, back.CommandName);
                Assert.Equal(bytes, back.ToArray());
                AssertRecordsEqual(f.Foundation, back.Foundation);
            }
        }

        private static void AssertRecordsEqual(ZclFoundationCommand? a, ZclFoundationCommand? b)
        {
            switch (a)
            {
                case ZclReadAttributesResponse x: Assert.Equal(x.Records, ((ZclReadAttributesResponse)b!).Records); break;
                case ZclWriteAttributes x: Assert.Equal(x.Records, ((ZclWriteAttributes)b!).Records); break;
                case ZclReportAttributes x: Assert.Equal(x.Records, ((ZclReportAttributes)b!).Records); break;
                case ZclConfigureReporting x: Assert.Equal(x.Records, ((ZclConfigureReporting)b!).Records); break;
                case ZclReadReportingConfigurationResponse x: Assert.Equal(x.Records, ((ZclReadReportingConfigurationResponse)b!).Records); break;
                case ZclWriteAttributesResponse x: Assert.Equal(x.Records, ((ZclWriteAttributesResponse)b!).Records); break;
                case ZclConfigureReportingResponse x: Assert.Equal(x.Records, ((ZclConfigureReportingResponse)b!).Records); break;
                case ZclDiscoverAttributesExtendedResponse x: Assert.Equal(x.Attributes, ((ZclDiscoverAttributesExtendedResponse)b!).Attributes); break;
            }
        }

        [Fact]
        public void Zcl_mutated_frames_only_ever_decode_or_throw_frame_format_exception()
        {
            var r = new Random(71234);
            var corpus = new List<byte[]>();
            for (int i = 0; i < 400; i++)
            {
                corpus.Add(RandomFrame(r).ToArray());
            }

            foreach (string hex in new[] { "184a01000000e2ea53da24", "184a0a55003900000000", "18040b0c82", "0801010100002003", "00 03 06 00 0004 2A 0100 3C00 0A0000 01 0000 2C01", "1804094C0200200521341248030020010203" })
            {
                corpus.Add(Hex.Parse(hex));
            }

            ushort[] clusters = { 0x0000, 0x0702, 0x0700, 0xFC00 };
            var sw = Stopwatch.StartNew();
            int decoded = 0;
            const int Iterations = 120_000;
            for (int i = 0; i < Iterations; i++)
            {
                byte[] m = Mutate(r, corpus[r.Next(corpus.Count)]);
                try
                {
                    ZclFrame f = ZclFrame.Decode(clusters[r.Next(clusters.Length)], m);
                    decoded++;
                    _ = f.ToString();
                    _ = f.ToArray();
                    if (m.Length > 3)
                    {
                        _ = ZclValue.Decode((ZclDataType)m[0], m.AsSpan(1));
                    }
                }
                catch (FrameFormatException e)
                {
                    Assert.Equal(FrameLayer.Zcl, e.Layer);
                    Assert.True(e.Offset >= 0 && e.Offset <= m.Length, $"offset {e.Offset} outside frame of {m.Length}");
                }
                catch (Exception e)
                {
                    Assert.Fail($"{e.GetType().Name} on {Hex.Format(m)}: {e}");
                }
            }

            Assert.True(decoded > Iterations / 20, $"only {decoded} mutated frames decoded");
        }

        private static byte[] Mutate(Random r, byte[] src)
        {
            var b = new List<byte>(src);
            int edits = 1 + r.Next(3);
            for (int e = 0; e < edits; e++)
            {
                switch (r.Next(5))
                {
                    case 0 when b.Count > 0:
                    {
                        int i = r.Next(b.Count);
                        b[i] ^= (byte)(1 << r.Next(8));
                        break;
                    }

                    case 1 when b.Count > 0:
                        if (r.Next(2) == 0)
                        {
                            int cut = r.Next(b.Count);
                            b.RemoveRange(cut, b.Count - cut);
                        }
                        else
                        {
                            b.RemoveAt(r.Next(b.Count));
                        }

                        break;
                    case 2:
                        b.Insert(r.Next(b.Count + 1), (byte)r.Next(256));
                        break;
                    case 3 when b.Count > 0:
                        b[r.Next(b.Count)] = 0xFF;
                        break;
                    default:
                        if (b.Count > 0)
                        {
                            b[r.Next(b.Count)] = (byte)r.Next(256);
                        }

                        break;
                }
            }

            return b.ToArray();
        }
    }
}
