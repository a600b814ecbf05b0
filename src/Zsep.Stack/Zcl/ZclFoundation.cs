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
}
