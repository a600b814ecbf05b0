using System;
using System.Collections.Generic;
using Zsep.Stack.Codec;
using Zsep.Stack.Mac;
using Zsep.Stack.Types;

namespace Zsep.Stack.Zdo
{
    /// <summary>NWK_addr_req (0x0000). Zigbee PRO (05-3474) 2.4.3.1.1: IEEEAddr, RequestType, StartIndex.</summary>
    public sealed record NwkAddrRequest : ZdoMessage
    {
        public override ushort ClusterId => ZdoClusterIds.NwkAddrReq;

        public Eui64 IeeeAddr { get; init; }

        public ZdoAddressRequestType RequestType { get; init; }

        public byte StartIndex { get; init; }

        private protected override int BodyLength => 10;

        internal static NwkAddrRequest ReadBody(ref FrameReader r, byte tsn) => new NwkAddrRequest
        {
            Tsn = tsn,
            IeeeAddr = r.ReadEui64("IEEEAddr"),
            RequestType = (ZdoAddressRequestType)r.ReadByte("RequestType"),
            StartIndex = r.ReadByte("StartIndex"),
        };

        private protected override void WriteBody(ref FrameWriter w)
        {
            w.WriteEui64(IeeeAddr);
            w.WriteByte((byte)RequestType);
            w.WriteByte(StartIndex);
        }
    }

    /// <summary>IEEE_addr_req (0x0001). Zigbee PRO (05-3474) 2.4.3.1.2: NWKAddrOfInterest, RequestType, StartIndex.</summary>
    public sealed record IeeeAddrRequest : ZdoMessage
    {
        public override ushort ClusterId => ZdoClusterIds.IeeeAddrReq;

        public NwkAddress NwkAddrOfInterest { get; init; }

        public ZdoAddressRequestType RequestType { get; init; }

        public byte StartIndex { get; init; }

        private protected override int BodyLength => 4;

        internal static IeeeAddrRequest ReadBody(ref FrameReader r, byte tsn) => new IeeeAddrRequest
        {
            Tsn = tsn,
            NwkAddrOfInterest = r.ReadNwkAddress("NWKAddrOfInterest"),
            RequestType = (ZdoAddressRequestType)r.ReadByte("RequestType"),
            StartIndex = r.ReadByte("StartIndex"),
        };

        private protected override void WriteBody(ref FrameWriter w)
        {
            w.WriteNwkAddress(NwkAddrOfInterest);
            w.WriteByte((byte)RequestType);
            w.WriteByte(StartIndex);
        }
    }

    /// <summary>A request whose only field is NWKAddrOfInterest (Node_Desc_req, Power_Desc_req, Active_EP_req).</summary>
    public abstract record ZdoNwkAddrOfInterestRequest : ZdoMessage
    {
        private protected ZdoNwkAddrOfInterestRequest()
        {
        }

        public NwkAddress NwkAddrOfInterest { get; init; }

        private protected override int BodyLength => 2;

        private protected override void WriteBody(ref FrameWriter w) => w.WriteNwkAddress(NwkAddrOfInterest);
    }

    /// <summary>Node_Desc_req (0x0002). Zigbee PRO (05-3474) 2.4.3.1.3.</summary>
    public sealed record NodeDescRequest : ZdoNwkAddrOfInterestRequest
    {
        public override ushort ClusterId => ZdoClusterIds.NodeDescReq;
    }

    /// <summary>Power_Desc_req (0x0003). Zigbee PRO (05-3474) 2.4.3.1.4.</summary>
    public sealed record PowerDescRequest : ZdoNwkAddrOfInterestRequest
    {
        public override ushort ClusterId => ZdoClusterIds.PowerDescReq;
    }

    /// <summary>Active_EP_req (0x0005). Zigbee PRO (05-3474) 2.4.3.1.6.</summary>
    public sealed record ActiveEpRequest : ZdoNwkAddrOfInterestRequest
    {
        public override ushort ClusterId => ZdoClusterIds.ActiveEpReq;
    }

    /// <summary>Simple_Desc_req (0x0004). Zigbee PRO (05-3474) 2.4.3.1.5: NWKAddrOfInterest, EndPoint.</summary>
    public sealed record SimpleDescRequest : ZdoMessage
    {
        public override ushort ClusterId => ZdoClusterIds.SimpleDescReq;

        public NwkAddress NwkAddrOfInterest { get; init; }

        public byte Endpoint { get; init; }

        private protected override int BodyLength => 3;

        internal static SimpleDescRequest ReadBody(ref FrameReader r, byte tsn) => new SimpleDescRequest
        {
            Tsn = tsn,
            NwkAddrOfInterest = r.ReadNwkAddress("NWKAddrOfInterest"),
            Endpoint = r.ReadByte("EndPoint"),
        };

        private protected override void WriteBody(ref FrameWriter w)
        {
            w.WriteNwkAddress(NwkAddrOfInterest);
            w.WriteByte(Endpoint);
        }
    }

    /// <summary>
    /// Match_Desc_req (0x0006). Zigbee PRO (05-3474) 2.4.3.1.7: NWKAddrOfInterest, ProfileID, NumInClusters,
    /// InClusterList, NumOutClusters, OutClusterList.
    /// </summary>
    public sealed record MatchDescRequest : ZdoMessage
    {
        public override ushort ClusterId => ZdoClusterIds.MatchDescReq;

        public NwkAddress NwkAddrOfInterest { get; init; }

        public ushort ProfileId { get; init; }

        public IReadOnlyList<ushort> InClusterList { get; init; } = Array.Empty<ushort>();

        public IReadOnlyList<ushort> OutClusterList { get; init; } = Array.Empty<ushort>();

        private protected override int BodyLength => 6 + (2 * InClusterList.Count) + (2 * OutClusterList.Count);

        internal static MatchDescRequest ReadBody(ref FrameReader r, byte tsn)
        {
            NwkAddress nwk = r.ReadNwkAddress("NWKAddrOfInterest");
            ushort profile = r.ReadUInt16("ProfileID");
            ushort[] inputs = ZdoWire.ReadUInt16List(ref r, "NumInClusters", "InClusterList");
            ushort[] outputs = ZdoWire.ReadUInt16List(ref r, "NumOutClusters", "OutClusterList");
            return new MatchDescRequest { Tsn = tsn, NwkAddrOfInterest = nwk, ProfileId = profile, InClusterList = inputs, OutClusterList = outputs };
        }

        private protected override void WriteBody(ref FrameWriter w)
        {
            w.WriteNwkAddress(NwkAddrOfInterest);
            w.WriteUInt16(ProfileId);
            ZdoWire.WriteUInt16List(ref w, InClusterList, nameof(InClusterList));
            ZdoWire.WriteUInt16List(ref w, OutClusterList, nameof(OutClusterList));
        }
    }

    /// <summary>Device_annce (0x0013). Zigbee PRO (05-3474) 2.4.3.1.11: NWKAddr, IEEEAddr, Capability.</summary>
    public sealed record DeviceAnnounce : ZdoMessage
    {
        public override ushort ClusterId => ZdoClusterIds.DeviceAnnce;

        public NwkAddress NwkAddr { get; init; }

        public Eui64 IeeeAddr { get; init; }

        public MacCapabilityInformation Capability { get; init; }

        private protected override int BodyLength => 11;

        internal static DeviceAnnounce ReadBody(ref FrameReader r, byte tsn) => new DeviceAnnounce
        {
            Tsn = tsn,
            NwkAddr = r.ReadNwkAddress("NWKAddr"),
            IeeeAddr = r.ReadEui64("IEEEAddr"),
            Capability = (MacCapabilityInformation)r.ReadByte("Capability"),
        };

        private protected override void WriteBody(ref FrameWriter w)
        {
            w.WriteNwkAddress(NwkAddr);
            w.WriteEui64(IeeeAddr);
            w.WriteByte((byte)Capability);
        }
    }

    /// <summary>
    /// The body of Bind_req and Unbind_req: SrcAddress, SrcEndp, ClusterID, DstAddrMode, DstAddress, DstEndp
    /// (present for the extended mode 0x03). Zigbee PRO (05-3474) 2.4.3.2.2 / 2.4.3.2.3.
    /// </summary>
    public abstract record ZdoBindingRequest : ZdoMessage
    {
        private protected ZdoBindingRequest()
        {
        }

        public BindingTableEntry Binding { get; init; } = new BindingTableEntry();

        private protected override int BodyLength => Binding.EncodedLength;

        private protected override void WriteBody(ref FrameWriter w) => Binding.Write(ref w);
    }

    /// <summary>Bind_req (0x0021). Zigbee PRO (05-3474) 2.4.3.2.2.</summary>
    public sealed record BindRequest : ZdoBindingRequest
    {
        public override ushort ClusterId => ZdoClusterIds.BindReq;
    }

    /// <summary>Unbind_req (0x0022). Zigbee PRO (05-3474) 2.4.3.2.3.</summary>
    public sealed record UnbindRequest : ZdoBindingRequest
    {
        public override ushort ClusterId => ZdoClusterIds.UnbindReq;
    }

    /// <summary>A management request whose only field is StartIndex (Mgmt_Lqi_req, Mgmt_Rtg_req, Mgmt_Bind_req).</summary>
    public abstract record ZdoStartIndexRequest : ZdoMessage
    {
        private protected ZdoStartIndexRequest()
        {
        }

        public byte StartIndex { get; init; }

        private protected override int BodyLength => 1;

        private protected override void WriteBody(ref FrameWriter w) => w.WriteByte(StartIndex);
    }

    /// <summary>Mgmt_Lqi_req (0x0031). Zigbee PRO (05-3474) 2.4.3.3.2.</summary>
    public sealed record MgmtLqiRequest : ZdoStartIndexRequest
    {
        public override ushort ClusterId => ZdoClusterIds.MgmtLqiReq;
    }

    /// <summary>Mgmt_Rtg_req (0x0032). Zigbee PRO (05-3474) 2.4.3.3.3.</summary>
    public sealed record MgmtRtgRequest : ZdoStartIndexRequest
    {
        public override ushort ClusterId => ZdoClusterIds.MgmtRtgReq;
    }

    /// <summary>Mgmt_Bind_req (0x0033). Zigbee PRO (05-3474) 2.4.3.3.4.</summary>
    public sealed record MgmtBindRequest : ZdoStartIndexRequest
    {
        public override ushort ClusterId => ZdoClusterIds.MgmtBindReq;
    }

    /// <summary>
    /// Mgmt_Leave_req (0x0034). Zigbee PRO (05-3474) 2.4.3.3.5: DeviceAddress, then a byte with Remove Children
    /// (bit 6) and Rejoin (bit 7); bits 0-5 reserved and not kept.
    /// </summary>
    public sealed record MgmtLeaveRequest : ZdoMessage
    {
        private const byte RemoveChildrenBit = 0x40;
        private const byte RejoinBit = 0x80;

        public override ushort ClusterId => ZdoClusterIds.MgmtLeaveReq;

        public Eui64 DeviceAddress { get; init; }

        public bool RemoveChildren { get; init; }

        public bool Rejoin { get; init; }

        private protected override int BodyLength => 9;

        internal static MgmtLeaveRequest ReadBody(ref FrameReader r, byte tsn)
        {
            Eui64 device = r.ReadEui64("DeviceAddress");
            byte flags = r.ReadByte("Flags");
            return new MgmtLeaveRequest
            {
                Tsn = tsn,
                DeviceAddress = device,
                RemoveChildren = (flags & RemoveChildrenBit) != 0,
                Rejoin = (flags & RejoinBit) != 0,
            };
        }

        private protected override void WriteBody(ref FrameWriter w)
        {
            w.WriteEui64(DeviceAddress);
            w.WriteByte((byte)((RemoveChildren ? RemoveChildrenBit : 0) | (Rejoin ? RejoinBit : 0)));
        }
    }

    /// <summary>Mgmt_Permit_Joining_req (0x0036). Zigbee PRO (05-3474) 2.4.3.3.7: PermitDuration, TC_Significance.</summary>
    public sealed record MgmtPermitJoiningRequest : ZdoMessage
    {
        public override ushort ClusterId => ZdoClusterIds.MgmtPermitJoiningReq;

        /// <summary>Seconds; 0x00 closes, 0xFF (deprecated) opens without limit.</summary>
        public byte PermitDuration { get; init; }

        public bool TcSignificance { get; init; }

        private protected override int BodyLength => 2;

        internal static MgmtPermitJoiningRequest ReadBody(ref FrameReader r, byte tsn) => new MgmtPermitJoiningRequest
        {
            Tsn = tsn,
            PermitDuration = r.ReadByte("PermitDuration"),
            TcSignificance = r.ReadByte("TC_Significance") != 0,
        };

        private protected override void WriteBody(ref FrameWriter w)
        {
            w.WriteByte(PermitDuration);
            w.WriteByte((byte)(TcSignificance ? 1 : 0));
        }
    }

    /// <summary>
    /// Mgmt_NWK_Update_req (0x0038). Zigbee PRO (05-3474) 2.4.3.3.9: ScanChannels, ScanDuration, then ScanCount
    /// (duration 0x00-0x05: energy scan), nwkUpdateId (0xFE: channel change; 0xFF: parameter change) and
    /// nwkManagerAddr (0xFF only). Reserved durations 0x06-0xFD carry neither, as Wireshark decodes them.
    /// </summary>
    public sealed record MgmtNwkUpdateRequest : ZdoMessage
    {
        public const byte ScanDurationMax = 0x05;
        public const byte ChannelChange = 0xFE;
        public const byte ParameterChange = 0xFF;

        public override ushort ClusterId => ZdoClusterIds.MgmtNwkUpdateReq;

        /// <summary>Channel bitmask, bit n = channel n.</summary>
        public uint ScanChannels { get; init; }

        public byte ScanDuration { get; init; }

        /// <summary>Present for scan durations 0x00-0x05.</summary>
        public byte? ScanCount { get; init; }

        /// <summary>Present for durations 0xFE and 0xFF.</summary>
        public byte? NwkUpdateId { get; init; }

        /// <summary>Present for duration 0xFF.</summary>
        public NwkAddress? NwkManagerAddr { get; init; }

        private protected override int BodyLength =>
            5 + (ScanDuration <= ScanDurationMax ? 1 : 0) + (ScanDuration >= ChannelChange ? 1 : 0) + (ScanDuration == ParameterChange ? 2 : 0);

        internal static MgmtNwkUpdateRequest ReadBody(ref FrameReader r, byte tsn)
        {
            uint channels = r.ReadUInt32("ScanChannels");
            byte duration = r.ReadByte("ScanDuration");
            byte? count = null;
            byte? updateId = null;
            NwkAddress? manager = null;
            if (duration <= ScanDurationMax)
            {
                count = r.ReadByte("ScanCount");
            }
            else if (duration >= ChannelChange)
            {
                updateId = r.ReadByte("nwkUpdateId");
                if (duration == ParameterChange)
                {
                    manager = r.ReadNwkAddress("nwkManagerAddr");
                }
            }

            return new MgmtNwkUpdateRequest
            {
                Tsn = tsn,
                ScanChannels = channels,
                ScanDuration = duration,
                ScanCount = count,
                NwkUpdateId = updateId,
                NwkManagerAddr = manager,
            };
        }

        private protected override void WriteBody(ref FrameWriter w)
        {
            w.WriteUInt32(ScanChannels);
            w.WriteByte(ScanDuration);
            if (ScanDuration <= ScanDurationMax)
            {
                w.WriteByte(ScanCount ?? throw new InvalidOperationException("A scan needs ScanCount."));
            }
            else if (ScanDuration >= ChannelChange)
            {
                w.WriteByte(NwkUpdateId ?? throw new InvalidOperationException("A channel or parameter change needs NwkUpdateId."));
                if (ScanDuration == ParameterChange)
                {
                    w.WriteNwkAddress(NwkManagerAddr ?? throw new InvalidOperationException("A parameter change needs NwkManagerAddr."));
                }
            }
        }
    }
}
