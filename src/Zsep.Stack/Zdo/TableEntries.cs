using System;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;

namespace Zsep.Stack.Zdo
{
    /// <summary>
    /// One neighbor table list record of Mgmt_Lqi_rsp (22 bytes). Zigbee PRO (05-3474) 2.4.4.3.2: extended PAN id,
    /// extended address, network address, device type / RxOnWhenIdle / relationship bits, permit joining, depth, LQI.
    /// Reserved bits are not kept.
    /// </summary>
    public sealed record NeighborTableEntry
    {
        public const int Length = 22;

        public ulong ExtendedPanId { get; init; }

        public Eui64 ExtendedAddress { get; init; }

        public NwkAddress NetworkAddress { get; init; }

        /// <summary>Bits 0-1 of byte 18.</summary>
        public NeighborDeviceType DeviceType { get; init; }

        /// <summary>Bits 2-3 of byte 18.</summary>
        public NeighborRxOnWhenIdle RxOnWhenIdle { get; init; }

        /// <summary>Bits 4-6 of byte 18.</summary>
        public NeighborRelationship Relationship { get; init; }

        /// <summary>Bits 0-1 of byte 19.</summary>
        public NeighborPermitJoining PermitJoining { get; init; }

        public byte Depth { get; init; }

        public byte Lqi { get; init; }

        internal static NeighborTableEntry Read(ref FrameReader r)
        {
            r.Require(Length, "NeighborTableList");
            ulong epid = r.ReadUInt64("NeighborTableList.ExtendedPanId");
            Eui64 ieee = r.ReadEui64("NeighborTableList.ExtendedAddress");
            NwkAddress nwk = r.ReadNwkAddress("NeighborTableList.NetworkAddress");
            byte bits = r.ReadByte("NeighborTableList.DeviceType");
            byte permit = r.ReadByte("NeighborTableList.PermitJoining");
            return new NeighborTableEntry
            {
                ExtendedPanId = epid,
                ExtendedAddress = ieee,
                NetworkAddress = nwk,
                DeviceType = (NeighborDeviceType)(bits & 0x03),
                RxOnWhenIdle = (NeighborRxOnWhenIdle)((bits >> 2) & 0x03),
                Relationship = (NeighborRelationship)((bits >> 4) & 0x07),
                PermitJoining = (NeighborPermitJoining)(permit & 0x03),
                Depth = r.ReadByte("NeighborTableList.Depth"),
                Lqi = r.ReadByte("NeighborTableList.Lqi"),
            };
        }

        internal void Write(ref FrameWriter w)
        {
            w.WriteUInt64(ExtendedPanId);
            w.WriteEui64(ExtendedAddress);
            w.WriteNwkAddress(NetworkAddress);
            w.WriteByte((byte)(((byte)DeviceType & 0x03) | (((byte)RxOnWhenIdle & 0x03) << 2) | (((byte)Relationship & 0x07) << 4)));
            w.WriteByte((byte)((byte)PermitJoining & 0x03));
            w.WriteByte(Depth);
            w.WriteByte(Lqi);
        }
    }

    /// <summary>
    /// One routing table list record of Mgmt_Rtg_rsp (5 bytes). Zigbee PRO (05-3474) 2.4.4.3.3: destination
    /// address, status (3 bits), memory constrained, many-to-one, route record required, next-hop address.
    /// </summary>
    public sealed record RoutingTableEntry
    {
        public const int Length = 5;

        public NwkAddress DestinationAddress { get; init; }

        public RouteStatus Status { get; init; }

        public bool MemoryConstrained { get; init; }

        public bool ManyToOne { get; init; }

        public bool RouteRecordRequired { get; init; }

        public NwkAddress NextHopAddress { get; init; }

        internal static RoutingTableEntry Read(ref FrameReader r)
        {
            NwkAddress dst = r.ReadNwkAddress("RoutingTableList.DestinationAddress");
            byte bits = r.ReadByte("RoutingTableList.Status");
            return new RoutingTableEntry
            {
                DestinationAddress = dst,
                Status = (RouteStatus)(bits & 0x07),
                MemoryConstrained = (bits & 0x08) != 0,
                ManyToOne = (bits & 0x10) != 0,
                RouteRecordRequired = (bits & 0x20) != 0,
                NextHopAddress = r.ReadNwkAddress("RoutingTableList.NextHopAddress"),
            };
        }

        internal void Write(ref FrameWriter w)
        {
            w.WriteNwkAddress(DestinationAddress);
            w.WriteByte((byte)(((byte)Status & 0x07) | (MemoryConstrained ? 0x08 : 0) | (ManyToOne ? 0x10 : 0) | (RouteRecordRequired ? 0x20 : 0)));
            w.WriteNwkAddress(NextHopAddress);
        }
    }

    /// <summary>
    /// A binding: source address and endpoint, cluster, and a group (mode 0x01) or extended address and endpoint
    /// (mode 0x03) destination. The body of Bind_req/Unbind_req (Zigbee PRO (05-3474) 2.4.3.2.2/2.4.3.2.3) and a
    /// binding table list record of Mgmt_Bind_rsp (2.4.4.3.4). Other address modes are reserved and undecodable.
    /// </summary>
    public sealed record BindingTableEntry
    {
        /// <summary>Smallest record: the group form.</summary>
        internal const int MinLength = 14;

        public Eui64 SourceAddress { get; init; }

        public byte SourceEndpoint { get; init; }

        public ushort ClusterId { get; init; }

        public ZdoAddressMode DestinationAddressMode { get; init; } = ZdoAddressMode.Extended;

        /// <summary>The group address when the mode is Group.</summary>
        public ushort? DestinationGroupAddress { get; init; }

        /// <summary>The extended address when the mode is Extended.</summary>
        public Eui64? DestinationAddress { get; init; }

        /// <summary>The destination endpoint when the mode is Extended.</summary>
        public byte? DestinationEndpoint { get; init; }

        public int EncodedLength => DestinationAddressMode == ZdoAddressMode.Group ? 14 : 21;

        internal static BindingTableEntry Read(ref FrameReader r, string prefix)
        {
            Eui64 src = r.ReadEui64(prefix + "SrcAddress");
            byte srcEp = r.ReadByte(prefix + "SrcEndp");
            ushort cluster = r.ReadUInt16(prefix + "ClusterId");
            byte mode = r.ReadByte(prefix + "DstAddrMode");
            switch ((ZdoAddressMode)mode)
            {
                case ZdoAddressMode.Group:
                    return new BindingTableEntry
                    {
                        SourceAddress = src,
                        SourceEndpoint = srcEp,
                        ClusterId = cluster,
                        DestinationAddressMode = ZdoAddressMode.Group,
                        DestinationGroupAddress = r.ReadUInt16(prefix + "DstAddress"),
                    };
                case ZdoAddressMode.Extended:
                    {
                        Eui64 dst = r.ReadEui64(prefix + "DstAddress");
                        return new BindingTableEntry
                        {
                            SourceAddress = src,
                            SourceEndpoint = srcEp,
                            ClusterId = cluster,
                            DestinationAddressMode = ZdoAddressMode.Extended,
                            DestinationAddress = dst,
                            DestinationEndpoint = r.ReadByte(prefix + "DstEndp"),
                        };
                    }

                default:
                    throw new FrameFormatException(r.Layer, prefix + "DstAddrMode", r.AbsoluteOffset - 1, $"Reserved destination address mode 0x{mode:X2}");
            }
        }

        internal void Write(ref FrameWriter w)
        {
            w.WriteEui64(SourceAddress);
            w.WriteByte(SourceEndpoint);
            w.WriteUInt16(ClusterId);
            w.WriteByte((byte)DestinationAddressMode);
            switch (DestinationAddressMode)
            {
                case ZdoAddressMode.Group:
                    w.WriteUInt16(DestinationGroupAddress ?? throw new InvalidOperationException("A group binding needs DestinationGroupAddress."));
                    break;
                case ZdoAddressMode.Extended:
                    w.WriteEui64(DestinationAddress ?? throw new InvalidOperationException("An extended binding needs DestinationAddress."));
                    w.WriteByte(DestinationEndpoint ?? throw new InvalidOperationException("An extended binding needs DestinationEndpoint."));
                    break;
                default:
                    throw new InvalidOperationException($"Destination address mode {DestinationAddressMode} is reserved.");
            }
        }
    }
}
