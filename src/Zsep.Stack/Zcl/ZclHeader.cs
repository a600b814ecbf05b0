using System;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Zcl
{
    /// <summary>Frame type sub-field, ZCL rev 7 (07-5123-07) 2.4.1.1.1. Values 2 and 3 are reserved.</summary>
    public enum ZclFrameType : byte
    {
        /// <summary>Command acts across the entire profile (foundation / "global" command, 2.5).</summary>
        Global = 0,

        /// <summary>Command is specific to the cluster.</summary>
        ClusterSpecific = 1,
    }

    /// <summary>Direction sub-field, ZCL rev 7 2.4.1.1.3.</summary>
    public enum ZclDirection : byte
    {
        /// <summary>Sent from the client side of the cluster to the server side.</summary>
        ClientToServer = 0,

        /// <summary>Sent from the server side of the cluster to the client side.</summary>
        ServerToClient = 1,
    }

    /// <summary>
    /// The ZCL frame header, ZCL rev 7 (07-5123-07) 2.4.1 "General ZCL Frame Format": frame control (2.4.1.1),
    /// manufacturer code when the manufacturer-specific bit is set (2.4.1.2), transaction sequence number (2.4.1.3)
    /// and command identifier (2.4.1.4).
    /// </summary>
    public sealed record ZclHeader
    {
        public ZclFrameType FrameType { get; init; }

        /// <summary>Frame control bit 2; set exactly when <see cref="ManufacturerCode"/> is present.</summary>
        public bool ManufacturerSpecific => ManufacturerCode.HasValue;

        public ZclDirection Direction { get; init; }

        /// <summary>Frame control bit 4: the receiver shall not send a Default Response unless there is an error.</summary>
        public bool DisableDefaultResponse { get; init; }

        /// <summary>Frame control bits 5-7, reserved (kept so a frame re-encodes exactly).</summary>
        public byte Reserved { get; init; }

        /// <summary>The manufacturer code (2.4.1.2), present when the manufacturer-specific bit is set.</summary>
        public ushort? ManufacturerCode { get; init; }

        public byte TransactionSequenceNumber { get; init; }

        public byte CommandId { get; init; }

        public bool IsGlobal => FrameType == ZclFrameType.Global;

        /// <summary>The frame control octet.</summary>
        public byte FrameControl =>
            (byte)(((byte)FrameType & 0x03) | (ManufacturerSpecific ? 0x04 : 0) | ((byte)Direction << 3) |
                   (DisableDefaultResponse ? 0x10 : 0) | ((Reserved & 0x07) << 5));

        public int EncodedLength => ManufacturerSpecific ? 5 : 3;

        public static ZclHeader Decode(ReadOnlySpan<byte> data)
        {
            var r = new FrameReader(data, FrameLayer.Zcl);
            return Read(ref r);
        }

        public static ZclHeader Read(ref FrameReader r)
        {
            byte fc = r.ReadByte("FrameControl");
            ushort? mfr = (fc & 0x04) != 0 ? r.ReadUInt16("ManufacturerCode") : null;
            byte tsn = r.ReadByte("TransactionSequenceNumber");
            byte cmd = r.ReadByte("CommandId");
            return new ZclHeader
            {
                FrameType = (ZclFrameType)(fc & 0x03),
                Direction = (ZclDirection)((fc >> 3) & 1),
                DisableDefaultResponse = (fc & 0x10) != 0,
                Reserved = (byte)(fc >> 5),
                ManufacturerCode = mfr,
                TransactionSequenceNumber = tsn,
                CommandId = cmd,
            };
        }

        public void Write(ref FrameWriter w)
        {
            w.WriteByte(FrameControl);
            if (ManufacturerCode is ushort m)
            {
                w.WriteUInt16(m);
            }

            w.WriteByte(TransactionSequenceNumber);
            w.WriteByte(CommandId);
        }

        public int Encode(Span<byte> destination)
        {
            var w = new FrameWriter(destination);
            Write(ref w);
            return w.Position;
        }

        public byte[] ToArray()
        {
            byte[] b = new byte[EncodedLength];
            Encode(b);
            return b;
        }
    }
}
