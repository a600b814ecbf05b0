using System;
using System.Collections.Generic;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Zcl
{
    /// <summary>
    /// Attribute reporting configuration record, ZCL rev 7 2.5.7.1. Direction 0 (<see cref="ZclReportingDirection.SendReports"/>):
    /// data type, minimum and maximum reporting interval, and the reportable change only for analog types (Table 2-10 class).
    /// Direction 1: the timeout period only.
    /// </summary>
    public sealed record ZclReportingConfigurationRecord
    {
        public ZclReportingDirection Direction { get; init; }

        public ushort AttributeId { get; init; }

        public ZclDataType DataType { get; init; }

        /// <summary>Seconds.</summary>
        public ushort MinimumReportingInterval { get; init; }

        /// <summary>Seconds; 0xFFFF disables periodic reports (and with minimum 0x0000... see 2.5.7.1.6).</summary>
        public ushort MaximumReportingInterval { get; init; }

        /// <summary>Present only for analog data types, of the attribute's own type.</summary>
        public ZclValue? ReportableChange { get; init; }

        /// <summary>Seconds, direction 1 only; 0 = no timeout.</summary>
        public ushort TimeoutPeriod { get; init; }

        internal int Length
        {
            get
            {
                if (Direction == ZclReportingDirection.ReceiveReports)
                {
                    return 5;
                }

                return 8 + (HasChange(DataType) ? ZclDataTypes.Get(DataType)!.Length : 0);
            }
        }

        internal static bool HasChange(ZclDataType type) => ZclDataTypes.Get(type)?.IsAnalog == true;

        /// <summary>Reads the fields after the direction and attribute id.</summary>
        internal static ZclReportingConfigurationRecord ReadBody(ref FrameReader r, ZclReportingDirection direction, ushort attributeId)
        {
            if (direction == ZclReportingDirection.ReceiveReports)
            {
                return new ZclReportingConfigurationRecord { Direction = direction, AttributeId = attributeId, TimeoutPeriod = r.ReadUInt16("Records.TimeoutPeriod") };
            }

            var type = (ZclDataType)r.ReadByte("Records.DataType");
            ZclDataTypeInfo info = ZclValue.ReadTypeInfo(ref r, type, "Records.DataType");
            ushort min = r.ReadUInt16("Records.MinimumReportingInterval");
            ushort max = r.ReadUInt16("Records.MaximumReportingInterval");
            ZclValue? change = info.IsAnalog ? ZclValue.Read(ref r, type, "Records.ReportableChange") : null;
            return new ZclReportingConfigurationRecord
            {
                Direction = direction,
                AttributeId = attributeId,
                DataType = type,
                MinimumReportingInterval = min,
                MaximumReportingInterval = max,
                ReportableChange = change,
            };
        }

        internal void Write(ref FrameWriter w)
        {
            w.WriteByte((byte)Direction);
            w.WriteUInt16(AttributeId);
            if (Direction == ZclReportingDirection.ReceiveReports)
            {
                w.WriteUInt16(TimeoutPeriod);
                return;
            }

            w.WriteByte((byte)DataType);
            w.WriteUInt16(MinimumReportingInterval);
            w.WriteUInt16(MaximumReportingInterval);
            if (HasChange(DataType))
            {
                ZclValue change = ReportableChange ?? throw new ArgumentException($"Attribute 0x{AttributeId:X4} of analog type {DataType} needs a reportable change.");
                if (change.DataType != DataType)
                {
                    throw new ArgumentException($"Reportable change of type {change.DataType} for an attribute of type {DataType}.");
                }

                change.Write(ref w);
            }
        }
    }

    /// <summary>Configure Reporting, ZCL rev 7 2.5.7.</summary>
    public sealed class ZclConfigureReporting : ZclFoundationCommand
    {
        public ZclConfigureReporting(IReadOnlyList<ZclReportingConfigurationRecord> records) => Records = records;

        public IReadOnlyList<ZclReportingConfigurationRecord> Records { get; }

        public override ZclGlobalCommand CommandId => ZclGlobalCommand.ConfigureReporting;

        public override int EncodedLength
        {
            get
            {
                int n = 0;
                foreach (ZclReportingConfigurationRecord rec in Records)
                {
                    n += rec.Length;
                }

                return n;
            }
        }

        internal static ZclConfigureReporting Read(ref FrameReader r)
        {
            var list = NewList<ZclReportingConfigurationRecord>(ref r, 5);
            while (!r.IsAtEnd)
            {
                ZclReportingDirection d = ReadDirection(ref r, "Records.Direction");
                ushort id = r.ReadUInt16("Records.AttributeId");
                list.Add(ZclReportingConfigurationRecord.ReadBody(ref r, d, id));
            }

            return new ZclConfigureReporting(list);
        }

        public override void Write(ref FrameWriter w)
        {
            foreach (ZclReportingConfigurationRecord rec in Records)
            {
                rec.Write(ref w);
            }
        }
    }

    /// <summary>
    /// Attribute status record of Configure Reporting Response, ZCL rev 7 2.5.8.1. Direction and attribute id are
    /// null in the single-status form (one SUCCESS octet when every record was accepted).
    /// </summary>
    public sealed record ZclConfigureReportingStatusRecord(ZclStatus Status, ZclReportingDirection? Direction, ushort? AttributeId);

    /// <summary>Configure Reporting Response, ZCL rev 7 2.5.8.</summary>
    public sealed class ZclConfigureReportingResponse : ZclFoundationCommand
    {
        public ZclConfigureReportingResponse(IReadOnlyList<ZclConfigureReportingStatusRecord> records) => Records = records;

        public IReadOnlyList<ZclConfigureReportingStatusRecord> Records { get; }

        public override ZclGlobalCommand CommandId => ZclGlobalCommand.ConfigureReportingResponse;

        public override int EncodedLength
        {
            get
            {
                int n = 0;
                foreach (ZclConfigureReportingStatusRecord rec in Records)
                {
                    n += rec.AttributeId.HasValue ? 4 : 1;
                }

                return n;
            }
        }

        internal static ZclConfigureReportingResponse Read(ref FrameReader r)
        {
            var list = NewList<ZclConfigureReportingStatusRecord>(ref r, 4);
            if (r.Remaining == 1)
            {
                list.Add(new ZclConfigureReportingStatusRecord((ZclStatus)r.ReadByte("Status"), null, null));
                return new ZclConfigureReportingResponse(list);
            }

            while (!r.IsAtEnd)
            {
                var status = (ZclStatus)r.ReadByte("Records.Status");
                ZclReportingDirection d = ReadDirection(ref r, "Records.Direction");
                list.Add(new ZclConfigureReportingStatusRecord(status, d, r.ReadUInt16("Records.AttributeId")));
            }

            return new ZclConfigureReportingResponse(list);
        }

        public override void Write(ref FrameWriter w)
        {
            foreach (ZclConfigureReportingStatusRecord rec in Records)
            {
                w.WriteByte((byte)rec.Status);
                if (rec.AttributeId is ushort id)
                {
                    w.WriteByte((byte)(rec.Direction ?? ZclReportingDirection.SendReports));
                    w.WriteUInt16(id);
                }
            }
        }
    }

    /// <summary>Attribute record of Read Reporting Configuration, ZCL rev 7 2.5.9.1: direction and attribute id.</summary>
    public sealed record ZclReportingAttributeRecord(ZclReportingDirection Direction, ushort AttributeId);

    /// <summary>Read Reporting Configuration, ZCL rev 7 2.5.9.</summary>
    public sealed class ZclReadReportingConfiguration : ZclFoundationCommand
    {
        public ZclReadReportingConfiguration(IReadOnlyList<ZclReportingAttributeRecord> records) => Records = records;

        public IReadOnlyList<ZclReportingAttributeRecord> Records { get; }

        public override ZclGlobalCommand CommandId => ZclGlobalCommand.ReadReportingConfiguration;

        public override int EncodedLength => 3 * Records.Count;

        internal static ZclReadReportingConfiguration Read(ref FrameReader r)
        {
            var list = NewList<ZclReportingAttributeRecord>(ref r, 3);
            while (!r.IsAtEnd)
            {
                ZclReportingDirection d = ReadDirection(ref r, "Records.Direction");
                list.Add(new ZclReportingAttributeRecord(d, r.ReadUInt16("Records.AttributeId")));
            }

            return new ZclReadReportingConfiguration(list);
        }

        public override void Write(ref FrameWriter w)
        {
            foreach (ZclReportingAttributeRecord rec in Records)
            {
                w.WriteByte((byte)rec.Direction);
                w.WriteUInt16(rec.AttributeId);
            }
        }
    }

    /// <summary>
    /// Attribute reporting configuration record of Read Reporting Configuration Response, ZCL rev 7 2.5.10.1:
    /// status, direction, attribute id, and the configuration fields only when the status is SUCCESS.
    /// </summary>
    public sealed record ZclReadReportingConfigurationRecord(ZclStatus Status, ZclReportingConfigurationRecord Configuration)
    {
        public ZclReportingDirection Direction => Configuration.Direction;

        public ushort AttributeId => Configuration.AttributeId;
    }

    /// <summary>Read Reporting Configuration Response, ZCL rev 7 2.5.10.</summary>
    public sealed class ZclReadReportingConfigurationResponse : ZclFoundationCommand
    {
        public ZclReadReportingConfigurationResponse(IReadOnlyList<ZclReadReportingConfigurationRecord> records) => Records = records;

        public IReadOnlyList<ZclReadReportingConfigurationRecord> Records { get; }

        public override ZclGlobalCommand CommandId => ZclGlobalCommand.ReadReportingConfigurationResponse;

        public override int EncodedLength
        {
            get
            {
                int n = 0;
                foreach (ZclReadReportingConfigurationRecord rec in Records)
                {
                    n += rec.Status == ZclStatus.Success ? 1 + rec.Configuration.Length : 4;
                }

                return n;
            }
        }

        internal static ZclReadReportingConfigurationResponse Read(ref FrameReader r)
        {
            var list = NewList<ZclReadReportingConfigurationRecord>(ref r, 4);
            while (!r.IsAtEnd)
            {
                var status = (ZclStatus)r.ReadByte("Records.Status");
                ZclReportingDirection d = ReadDirection(ref r, "Records.Direction");
                ushort id = r.ReadUInt16("Records.AttributeId");
                ZclReportingConfigurationRecord config = status == ZclStatus.Success
                    ? ZclReportingConfigurationRecord.ReadBody(ref r, d, id)
                    : new ZclReportingConfigurationRecord { Direction = d, AttributeId = id };
                list.Add(new ZclReadReportingConfigurationRecord(status, config));
            }

            return new ZclReadReportingConfigurationResponse(list);
        }

        public override void Write(ref FrameWriter w)
        {
            foreach (ZclReadReportingConfigurationRecord rec in Records)
            {
                w.WriteByte((byte)rec.Status);
                if (rec.Status == ZclStatus.Success)
                {
                    rec.Configuration.Write(ref w);
                }
                else
                {
                    w.WriteByte((byte)rec.Direction);
                    w.WriteUInt16(rec.AttributeId);
                }
            }
        }
    }
}
