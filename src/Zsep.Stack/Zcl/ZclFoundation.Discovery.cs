using System;
using System.Collections.Generic;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Zcl
{
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
