using System;
using System.Collections.Generic;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Zcl
{
    /// <summary>Read Attributes, ZCL rev 7 2.5.1: a list of attribute identifiers.</summary>
    public sealed class ZclReadAttributes : ZclFoundationCommand
    {
        public ZclReadAttributes(IReadOnlyList<ushort> attributeIds) => AttributeIds = attributeIds;

        public IReadOnlyList<ushort> AttributeIds { get; }

        public override ZclGlobalCommand CommandId => ZclGlobalCommand.ReadAttributes;

        public override int EncodedLength => 2 * AttributeIds.Count;

        internal static ZclReadAttributes Read(ref FrameReader r)
        {
            var ids = NewList<ushort>(ref r, 2);
            while (!r.IsAtEnd)
            {
                ids.Add(r.ReadUInt16("AttributeId"));
            }

            return new ZclReadAttributes(ids);
        }

        public override void Write(ref FrameWriter w)
        {
            foreach (ushort id in AttributeIds)
            {
                w.WriteUInt16(id);
            }
        }
    }

    /// <summary>Read attribute status record, ZCL rev 7 2.5.2.1: attribute id, status, and type + value only when the status is SUCCESS.</summary>
    public sealed record ZclReadAttributeStatusRecord(ushort AttributeId, ZclStatus Status, ZclValue? Value)
    {
        public ZclDataType? DataType => Value?.DataType;
    }

    /// <summary>Read Attributes Response, ZCL rev 7 2.5.2.</summary>
    public sealed class ZclReadAttributesResponse : ZclFoundationCommand
    {
        public ZclReadAttributesResponse(IReadOnlyList<ZclReadAttributeStatusRecord> records) => Records = records;

        public IReadOnlyList<ZclReadAttributeStatusRecord> Records { get; }

        public override ZclGlobalCommand CommandId => ZclGlobalCommand.ReadAttributesResponse;

        public override int EncodedLength
        {
            get
            {
                int n = 0;
                foreach (ZclReadAttributeStatusRecord rec in Records)
                {
                    n += 3 + (rec.Status == ZclStatus.Success && rec.Value is not null ? 1 + rec.Value.EncodedLength : 0);
                }

                return n;
            }
        }

        internal static ZclReadAttributesResponse Read(ref FrameReader r)
        {
            var list = NewList<ZclReadAttributeStatusRecord>(ref r, 3);
            while (!r.IsAtEnd)
            {
                ushort id = r.ReadUInt16("Records.AttributeId");
                var status = (ZclStatus)r.ReadByte("Records.Status");
                ZclValue? value = status == ZclStatus.Success ? ZclValue.ReadTyped(ref r, "Records.Value") : null;
                list.Add(new ZclReadAttributeStatusRecord(id, status, value));
            }

            return new ZclReadAttributesResponse(list);
        }

        public override void Write(ref FrameWriter w)
        {
            foreach (ZclReadAttributeStatusRecord rec in Records)
            {
                w.WriteUInt16(rec.AttributeId);
                w.WriteByte((byte)rec.Status);
                if (rec.Status == ZclStatus.Success)
                {
                    (rec.Value ?? throw new ArgumentException($"Attribute 0x{rec.AttributeId:X4} has status SUCCESS but no value.")).WriteTyped(ref w);
                }
            }
        }
    }

    /// <summary>An attribute id with a typed value: write attribute record (ZCL rev 7 2.5.3.1) and attribute report (2.5.11.1).</summary>
    public sealed record ZclAttributeValueRecord(ushort AttributeId, ZclValue Value)
    {
        public ZclDataType DataType => Value.DataType;
    }

    /// <summary>
    /// Write Attributes (0x02, ZCL rev 7 2.5.3), Write Attributes Undivided (0x03, 2.5.4) and Write Attributes
    /// No Response (0x05, 2.5.6): the same list of write attribute records under three command ids.
    /// </summary>
    public sealed class ZclWriteAttributes : ZclFoundationCommand
    {
        private readonly ZclGlobalCommand _id;

        public ZclWriteAttributes(IReadOnlyList<ZclAttributeValueRecord> records, ZclGlobalCommand commandId = ZclGlobalCommand.WriteAttributes)
        {
            if (commandId != ZclGlobalCommand.WriteAttributes && commandId != ZclGlobalCommand.WriteAttributesUndivided && commandId != ZclGlobalCommand.WriteAttributesNoResponse)
            {
                throw new ArgumentException($"{commandId} is not a write attributes command.", nameof(commandId));
            }

            _id = commandId;
            Records = records;
        }

        public IReadOnlyList<ZclAttributeValueRecord> Records { get; }

        public override ZclGlobalCommand CommandId => _id;

        public bool Undivided => _id == ZclGlobalCommand.WriteAttributesUndivided;

        public bool NoResponse => _id == ZclGlobalCommand.WriteAttributesNoResponse;

        public override int EncodedLength => ZclReportAttributes.Length(Records);

        internal static ZclWriteAttributes Read(ref FrameReader r, ZclGlobalCommand id) =>
            new ZclWriteAttributes(ZclReportAttributes.ReadRecords(ref r), id);

        public override void Write(ref FrameWriter w) => ZclReportAttributes.WriteRecords(ref w, Records);
    }

    /// <summary>Report Attributes, ZCL rev 7 2.5.11: attribute reporting records (id, type, value).</summary>
    public sealed class ZclReportAttributes : ZclFoundationCommand
    {
        public ZclReportAttributes(IReadOnlyList<ZclAttributeValueRecord> records) => Records = records;

        public IReadOnlyList<ZclAttributeValueRecord> Records { get; }

        public override ZclGlobalCommand CommandId => ZclGlobalCommand.ReportAttributes;

        public override int EncodedLength => Length(Records);

        internal static ZclReportAttributes Read(ref FrameReader r) => new ZclReportAttributes(ReadRecords(ref r));

        public override void Write(ref FrameWriter w) => WriteRecords(ref w, Records);

        internal static List<ZclAttributeValueRecord> ReadRecords(ref FrameReader r)
        {
            var list = NewList<ZclAttributeValueRecord>(ref r, 4);
            while (!r.IsAtEnd)
            {
                ushort id = r.ReadUInt16("Records.AttributeId");
                list.Add(new ZclAttributeValueRecord(id, ZclValue.ReadTyped(ref r, "Records.Value")));
            }

            return list;
        }

        internal static int Length(IReadOnlyList<ZclAttributeValueRecord> records)
        {
            int n = 0;
            foreach (ZclAttributeValueRecord rec in records)
            {
                n += 3 + rec.Value.EncodedLength;
            }

            return n;
        }

        internal static void WriteRecords(ref FrameWriter w, IReadOnlyList<ZclAttributeValueRecord> records)
        {
            foreach (ZclAttributeValueRecord rec in records)
            {
                w.WriteUInt16(rec.AttributeId);
                rec.Value.WriteTyped(ref w);
            }
        }
    }

    /// <summary>
    /// Write attribute status record, ZCL rev 7 2.5.5.1. <see cref="AttributeId"/> is null in the single-status form
    /// (one SUCCESS octet when every write succeeded).
    /// </summary>
    public sealed record ZclWriteAttributeStatusRecord(ZclStatus Status, ushort? AttributeId);

    /// <summary>Write Attributes Response, ZCL rev 7 2.5.5: one SUCCESS octet, or a status record per failed attribute.</summary>
    public sealed class ZclWriteAttributesResponse : ZclFoundationCommand
    {
        public ZclWriteAttributesResponse(IReadOnlyList<ZclWriteAttributeStatusRecord> records) => Records = records;

        /// <summary>The single-octet form: every attribute was written.</summary>
        public static ZclWriteAttributesResponse AllSuccess() =>
            new ZclWriteAttributesResponse(new[] { new ZclWriteAttributeStatusRecord(ZclStatus.Success, null) });

        public IReadOnlyList<ZclWriteAttributeStatusRecord> Records { get; }

        public bool AllSucceeded
        {
            get
            {
                foreach (ZclWriteAttributeStatusRecord rec in Records)
                {
                    if (rec.Status != ZclStatus.Success)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        public override ZclGlobalCommand CommandId => ZclGlobalCommand.WriteAttributesResponse;

        public override int EncodedLength
        {
            get
            {
                int n = 0;
                foreach (ZclWriteAttributeStatusRecord rec in Records)
                {
                    n += rec.AttributeId.HasValue ? 3 : 1;
                }

                return n;
            }
        }

        internal static ZclWriteAttributesResponse Read(ref FrameReader r)
        {
            var list = NewList<ZclWriteAttributeStatusRecord>(ref r, 3);
            if (r.Remaining == 1)
            {
                list.Add(new ZclWriteAttributeStatusRecord((ZclStatus)r.ReadByte("Status"), null));
                return new ZclWriteAttributesResponse(list);
            }

            while (!r.IsAtEnd)
            {
                var status = (ZclStatus)r.ReadByte("Records.Status");
                list.Add(new ZclWriteAttributeStatusRecord(status, r.ReadUInt16("Records.AttributeId")));
            }

            return new ZclWriteAttributesResponse(list);
        }

        public override void Write(ref FrameWriter w)
        {
            foreach (ZclWriteAttributeStatusRecord rec in Records)
            {
                w.WriteByte((byte)rec.Status);
                if (rec.AttributeId is ushort id)
                {
                    w.WriteUInt16(id);
                }
            }
        }
    }
}
