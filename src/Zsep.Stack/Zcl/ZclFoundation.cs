using System;
using System.Collections.Generic;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Zcl
{
    /// <summary>Foundation ("global", "profile-wide") command identifiers, ZCL rev 7 (07-5123-07) 2.5 Table 2-3.</summary>
    public enum ZclGlobalCommand : byte
    {
        ReadAttributes = 0x00,
        ReadAttributesResponse = 0x01,
        WriteAttributes = 0x02,
        WriteAttributesUndivided = 0x03,
        WriteAttributesResponse = 0x04,
        WriteAttributesNoResponse = 0x05,
        ConfigureReporting = 0x06,
        ConfigureReportingResponse = 0x07,
        ReadReportingConfiguration = 0x08,
        ReadReportingConfigurationResponse = 0x09,
        ReportAttributes = 0x0A,
        DefaultResponse = 0x0B,
        DiscoverAttributes = 0x0C,
        DiscoverAttributesResponse = 0x0D,
        ReadAttributesStructured = 0x0E,
        WriteAttributesStructured = 0x0F,
        WriteAttributesStructuredResponse = 0x10,
        DiscoverCommandsReceived = 0x11,
        DiscoverCommandsReceivedResponse = 0x12,
        DiscoverCommandsGenerated = 0x13,
        DiscoverCommandsGeneratedResponse = 0x14,
        DiscoverAttributesExtended = 0x15,
        DiscoverAttributesExtendedResponse = 0x16,
    }

    /// <summary>Direction field of reporting configuration records, ZCL rev 7 2.5.7.1.1.</summary>
    public enum ZclReportingDirection : byte
    {
        /// <summary>0x00: the receiver of the command reports the attribute (min/max interval, reportable change follow).</summary>
        SendReports = 0x00,

        /// <summary>0x01: the receiver expects reports of the attribute (a timeout period follows).</summary>
        ReceiveReports = 0x01,
    }

    /// <summary>
    /// A decoded ZCL foundation command payload (ZCL rev 7 2.5). Subclasses are the typed records of each command;
    /// <see cref="ZclUnknownFoundationCommand"/> holds the raw payload of a command this codec does not type
    /// (the structured read/write commands 0x0E-0x10 and reserved ids).
    /// </summary>
    public abstract class ZclFoundationCommand : IEquatable<ZclFoundationCommand>
    {
        public abstract ZclGlobalCommand CommandId { get; }

        /// <summary>Length of the payload (after the ZCL header).</summary>
        public abstract int EncodedLength { get; }

        public abstract void Write(ref FrameWriter writer);

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

        /// <summary>Decodes the payload of foundation command <paramref name="commandId"/>.</summary>
        /// <param name="commandId">The command identifier from the ZCL header.</param>
        /// <param name="payload">The bytes after the ZCL header.</param>
        /// <param name="baseOffset">Offset of the payload within the whole frame, for error messages.</param>
        public static ZclFoundationCommand Decode(ZclGlobalCommand commandId, ReadOnlySpan<byte> payload, int baseOffset = 0)
        {
            var r = new FrameReader(payload, FrameLayer.Zcl, baseOffset);
            ZclFoundationCommand cmd = commandId switch
            {
                ZclGlobalCommand.ReadAttributes => ZclReadAttributes.Read(ref r),
                ZclGlobalCommand.ReadAttributesResponse => ZclReadAttributesResponse.Read(ref r),
                ZclGlobalCommand.WriteAttributes or ZclGlobalCommand.WriteAttributesUndivided or ZclGlobalCommand.WriteAttributesNoResponse
                    => ZclWriteAttributes.Read(ref r, commandId),
                ZclGlobalCommand.WriteAttributesResponse => ZclWriteAttributesResponse.Read(ref r),
                ZclGlobalCommand.ConfigureReporting => ZclConfigureReporting.Read(ref r),
                ZclGlobalCommand.ConfigureReportingResponse => ZclConfigureReportingResponse.Read(ref r),
                ZclGlobalCommand.ReadReportingConfiguration => ZclReadReportingConfiguration.Read(ref r),
                ZclGlobalCommand.ReadReportingConfigurationResponse => ZclReadReportingConfigurationResponse.Read(ref r),
                ZclGlobalCommand.ReportAttributes => ZclReportAttributes.Read(ref r),
                ZclGlobalCommand.DefaultResponse => ZclDefaultResponse.Read(ref r),
                ZclGlobalCommand.DiscoverAttributes or ZclGlobalCommand.DiscoverAttributesExtended => ZclDiscoverAttributes.Read(ref r, commandId),
                ZclGlobalCommand.DiscoverAttributesResponse => ZclDiscoverAttributesResponse.Read(ref r),
                ZclGlobalCommand.DiscoverCommandsReceived or ZclGlobalCommand.DiscoverCommandsGenerated => ZclDiscoverCommands.Read(ref r, commandId),
                ZclGlobalCommand.DiscoverCommandsReceivedResponse or ZclGlobalCommand.DiscoverCommandsGeneratedResponse => ZclDiscoverCommandsResponse.Read(ref r, commandId),
                ZclGlobalCommand.DiscoverAttributesExtendedResponse => ZclDiscoverAttributesExtendedResponse.Read(ref r),
                _ => new ZclUnknownFoundationCommand((byte)commandId, r.ReadRest().ToArray()),
            };
            if (!r.IsAtEnd)
            {
                throw r.Error("Payload", $"{r.Remaining} unexpected bytes after the {commandId} payload");
            }

            return cmd;
        }

        public static bool TryDecode(ZclGlobalCommand commandId, ReadOnlySpan<byte> payload, out ZclFoundationCommand? command, out FrameFormatException? error) =>
            FrameCodec.TryDecode(payload, commandId, static (d, id) => Decode(id, d), out command, out error);

        /// <summary>Equal when the command id and the encoded payload are equal (the encoding is canonical).</summary>
        public bool Equals(ZclFoundationCommand? other) =>
            other is not null && other.CommandId == CommandId && ((ReadOnlySpan<byte>)ToArray()).SequenceEqual(other.ToArray());

        public override bool Equals(object? obj) => Equals(obj as ZclFoundationCommand);

        public override int GetHashCode() => ((int)CommandId * 31) ^ EncodedLength;

        internal static ZclReportingDirection ReadDirection(ref FrameReader r, string field)
        {
            byte d = r.ReadByte(field);
            if (d > 1)
            {
                throw new FrameFormatException(FrameLayer.Zcl, field, r.AbsoluteOffset - 1, $"Reserved reporting direction 0x{d:X2}");
            }

            return (ZclReportingDirection)d;
        }

        internal static List<T> NewList<T>(ref FrameReader r, int recordLength) =>
            new List<T>(Math.Min(r.Remaining / Math.Max(1, recordLength), 64));
    }

    /// <summary>A foundation command this codec does not type (0x0E-0x10, reserved ids): the payload is kept raw.</summary>
    public sealed class ZclUnknownFoundationCommand : ZclFoundationCommand
    {
        public ZclUnknownFoundationCommand(byte commandId, byte[] payload)
        {
            RawCommandId = commandId;
            Payload = payload;
        }

        public byte RawCommandId { get; }

        public byte[] Payload { get; }

        public override ZclGlobalCommand CommandId => (ZclGlobalCommand)RawCommandId;

        public override int EncodedLength => Payload.Length;

        public override void Write(ref FrameWriter writer) => writer.WriteBytes(Payload);
    }

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

    /// <summary>Default Response, ZCL rev 7 2.5.12: the command identifier answered and a status.</summary>
    public sealed class ZclDefaultResponse : ZclFoundationCommand
    {
        public ZclDefaultResponse(byte commandIdentifier, ZclStatus status)
        {
            CommandIdentifier = commandIdentifier;
            Status = status;
        }

        /// <summary>The command being answered (2.5.12.2.1).</summary>
        public byte CommandIdentifier { get; }

        public ZclStatus Status { get; }

        public override ZclGlobalCommand CommandId => ZclGlobalCommand.DefaultResponse;

        public override int EncodedLength => 2;

        internal static ZclDefaultResponse Read(ref FrameReader r)
        {
            byte cmd = r.ReadByte("CommandIdentifier");
            return new ZclDefaultResponse(cmd, (ZclStatus)r.ReadByte("Status"));
        }

        public override void Write(ref FrameWriter w)
        {
            w.WriteByte(CommandIdentifier);
            w.WriteByte((byte)Status);
        }
    }

    /// <summary>
    /// Discover Attributes (0x0C, ZCL rev 7 2.5.13) and Discover Attributes Extended (0x15, 2.5.23):
    /// start attribute identifier and maximum attribute identifiers.
    /// </summary>
    public sealed class ZclDiscoverAttributes : ZclFoundationCommand
    {
        private readonly ZclGlobalCommand _id;

        public ZclDiscoverAttributes(ushort startAttributeId, byte maximumAttributeIds, bool extended = false)
        {
            StartAttributeId = startAttributeId;
            MaximumAttributeIds = maximumAttributeIds;
            _id = extended ? ZclGlobalCommand.DiscoverAttributesExtended : ZclGlobalCommand.DiscoverAttributes;
        }

        public ushort StartAttributeId { get; }

        public byte MaximumAttributeIds { get; }

        public bool Extended => _id == ZclGlobalCommand.DiscoverAttributesExtended;

        public override ZclGlobalCommand CommandId => _id;

        public override int EncodedLength => 3;

        internal static ZclDiscoverAttributes Read(ref FrameReader r, ZclGlobalCommand id)
        {
            ushort start = r.ReadUInt16("StartAttributeId");
            return new ZclDiscoverAttributes(start, r.ReadByte("MaximumAttributeIds"), id == ZclGlobalCommand.DiscoverAttributesExtended);
        }

        public override void Write(ref FrameWriter w)
        {
            w.WriteUInt16(StartAttributeId);
            w.WriteByte(MaximumAttributeIds);
        }
    }

    /// <summary>Attribute information record of Discover Attributes Response, ZCL rev 7 2.5.14.1.</summary>
    public sealed record ZclAttributeInformation(ushort AttributeId, ZclDataType DataType);

    /// <summary>Discover Attributes Response, ZCL rev 7 2.5.14.</summary>
    public sealed class ZclDiscoverAttributesResponse : ZclFoundationCommand
    {
        public ZclDiscoverAttributesResponse(bool discoveryComplete, IReadOnlyList<ZclAttributeInformation> attributes)
        {
            DiscoveryComplete = discoveryComplete;
            Attributes = attributes;
        }

        public bool DiscoveryComplete { get; }

        public IReadOnlyList<ZclAttributeInformation> Attributes { get; }

        public override ZclGlobalCommand CommandId => ZclGlobalCommand.DiscoverAttributesResponse;

        public override int EncodedLength => 1 + (3 * Attributes.Count);

        internal static ZclDiscoverAttributesResponse Read(ref FrameReader r)
        {
            bool complete = r.ReadByte("DiscoveryComplete") != 0;
            var list = NewList<ZclAttributeInformation>(ref r, 3);
            while (!r.IsAtEnd)
            {
                ushort id = r.ReadUInt16("Attributes.AttributeId");
                list.Add(new ZclAttributeInformation(id, (ZclDataType)r.ReadByte("Attributes.DataType")));
            }

            return new ZclDiscoverAttributesResponse(complete, list);
        }

        public override void Write(ref FrameWriter w)
        {
            w.WriteByte(DiscoveryComplete ? (byte)1 : (byte)0);
            foreach (ZclAttributeInformation a in Attributes)
            {
                w.WriteUInt16(a.AttributeId);
                w.WriteByte((byte)a.DataType);
            }
        }
    }

    /// <summary>
    /// Discover Commands Received (0x11, ZCL rev 7 2.5.19) and Discover Commands Generated (0x13, 2.5.21):
    /// start command identifier and maximum command identifiers.
    /// </summary>
    public sealed class ZclDiscoverCommands : ZclFoundationCommand
    {
        private readonly ZclGlobalCommand _id;

        public ZclDiscoverCommands(byte startCommandId, byte maximumCommandIds, bool generated = false)
        {
            StartCommandId = startCommandId;
            MaximumCommandIds = maximumCommandIds;
            _id = generated ? ZclGlobalCommand.DiscoverCommandsGenerated : ZclGlobalCommand.DiscoverCommandsReceived;
        }

        public byte StartCommandId { get; }

        public byte MaximumCommandIds { get; }

        public bool Generated => _id == ZclGlobalCommand.DiscoverCommandsGenerated;

        public override ZclGlobalCommand CommandId => _id;

        public override int EncodedLength => 2;

        internal static ZclDiscoverCommands Read(ref FrameReader r, ZclGlobalCommand id)
        {
            byte start = r.ReadByte("StartCommandId");
            return new ZclDiscoverCommands(start, r.ReadByte("MaximumCommandIds"), id == ZclGlobalCommand.DiscoverCommandsGenerated);
        }

        public override void Write(ref FrameWriter w)
        {
            w.WriteByte(StartCommandId);
            w.WriteByte(MaximumCommandIds);
        }
    }

    /// <summary>
    /// Discover Commands Received Response (0x12, ZCL rev 7 2.5.20) and Discover Commands Generated Response
    /// (0x14, 2.5.22): discovery complete and a list of command identifiers.
    /// </summary>
    public sealed class ZclDiscoverCommandsResponse : ZclFoundationCommand
    {
        private readonly ZclGlobalCommand _id;

        public ZclDiscoverCommandsResponse(bool discoveryComplete, IReadOnlyList<byte> commandIds, bool generated = false)
        {
            DiscoveryComplete = discoveryComplete;
            CommandIds = commandIds;
            _id = generated ? ZclGlobalCommand.DiscoverCommandsGeneratedResponse : ZclGlobalCommand.DiscoverCommandsReceivedResponse;
        }

        public bool DiscoveryComplete { get; }

        public IReadOnlyList<byte> CommandIds { get; }

        public bool Generated => _id == ZclGlobalCommand.DiscoverCommandsGeneratedResponse;

        public override ZclGlobalCommand CommandId => _id;

        public override int EncodedLength => 1 + CommandIds.Count;

        internal static ZclDiscoverCommandsResponse Read(ref FrameReader r, ZclGlobalCommand id)
        {
            bool complete = r.ReadByte("DiscoveryComplete") != 0;
            byte[] ids = r.ReadRest().ToArray();
            return new ZclDiscoverCommandsResponse(complete, ids, id == ZclGlobalCommand.DiscoverCommandsGeneratedResponse);
        }

        public override void Write(ref FrameWriter w)
        {
            w.WriteByte(DiscoveryComplete ? (byte)1 : (byte)0);
            foreach (byte id in CommandIds)
            {
                w.WriteByte(id);
            }
        }
    }

    /// <summary>Attribute access control bits of Discover Attributes Extended Response, ZCL rev 7 2.5.24.1.3.</summary>
    [Flags]
    public enum ZclAttributeAccess : byte
    {
        None = 0,
        Readable = 0x01,
        Writeable = 0x02,
        Reportable = 0x04,
    }

    /// <summary>Extended attribute information record, ZCL rev 7 2.5.24.1: id, type and access control.</summary>
    public sealed record ZclExtendedAttributeInformation(ushort AttributeId, ZclDataType DataType, ZclAttributeAccess AccessControl);

    /// <summary>Discover Attributes Extended Response, ZCL rev 7 2.5.24.</summary>
    public sealed class ZclDiscoverAttributesExtendedResponse : ZclFoundationCommand
    {
        public ZclDiscoverAttributesExtendedResponse(bool discoveryComplete, IReadOnlyList<ZclExtendedAttributeInformation> attributes)
        {
            DiscoveryComplete = discoveryComplete;
            Attributes = attributes;
        }

        public bool DiscoveryComplete { get; }

        public IReadOnlyList<ZclExtendedAttributeInformation> Attributes { get; }

        public override ZclGlobalCommand CommandId => ZclGlobalCommand.DiscoverAttributesExtendedResponse;

        public override int EncodedLength => 1 + (4 * Attributes.Count);

        internal static ZclDiscoverAttributesExtendedResponse Read(ref FrameReader r)
        {
            bool complete = r.ReadByte("DiscoveryComplete") != 0;
            var list = NewList<ZclExtendedAttributeInformation>(ref r, 4);
            while (!r.IsAtEnd)
            {
                ushort id = r.ReadUInt16("Attributes.AttributeId");
                var type = (ZclDataType)r.ReadByte("Attributes.DataType");
                list.Add(new ZclExtendedAttributeInformation(id, type, (ZclAttributeAccess)r.ReadByte("Attributes.AccessControl")));
            }

            return new ZclDiscoverAttributesExtendedResponse(complete, list);
        }

        public override void Write(ref FrameWriter w)
        {
            w.WriteByte(DiscoveryComplete ? (byte)1 : (byte)0);
            foreach (ZclExtendedAttributeInformation a in Attributes)
            {
                w.WriteUInt16(a.AttributeId);
                w.WriteByte((byte)a.DataType);
                w.WriteByte((byte)a.AccessControl);
            }
        }
    }
}
