using System;
using System.Collections.Generic;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;

namespace Zsep.Stack.Zdo
{
    /// <summary>
    /// The body of NWK_addr_rsp and IEEE_addr_rsp. Zigbee PRO (05-3474) 2.4.4.1.1 / 2.4.4.1.2: Status,
    /// IEEEAddrRemoteDev, NWKAddrRemoteDev, then for an extended response NumAssocDev and, when it is not 0,
    /// StartIndex and NWKAddrAssocDevList. A null list means the extended fields are absent.
    /// </summary>
    public abstract record ZdoAddressResponse : ZdoMessage
    {
        private protected ZdoAddressResponse()
        {
        }

        public ZdoStatus Status { get; init; }

        public Eui64 IeeeAddrRemoteDev { get; init; }

        public NwkAddress NwkAddrRemoteDev { get; init; }

        /// <summary>Index of the first associated device in the list; sent only with a non-empty list.</summary>
        public byte StartIndex { get; init; }

        /// <summary>The associated devices of an extended response (NumAssocDev is its count); null when absent.</summary>
        public IReadOnlyList<NwkAddress>? NwkAddrAssocDevList { get; init; }

        private protected override int BodyLength =>
            11 + (NwkAddrAssocDevList is null ? 0 : 1 + (NwkAddrAssocDevList.Count == 0 ? 0 : 1 + (2 * NwkAddrAssocDevList.Count)));

        private protected static T ReadBody<T>(ref FrameReader r, T message)
            where T : ZdoAddressResponse
        {
            ZdoStatus status = ReadStatus(ref r);
            Eui64 ieee = r.ReadEui64("IEEEAddrRemoteDev");
            NwkAddress nwk = r.ReadNwkAddress("NWKAddrRemoteDev");
            byte startIndex = 0;
            NwkAddress[]? list = null;
            if (!r.IsAtEnd)
            {
                int count = r.ReadByte("NumAssocDev");
                list = count == 0 ? Array.Empty<NwkAddress>() : null;
                if (count > 0)
                {
                    startIndex = r.ReadByte("StartIndex");
                    r.Require(2 * count, "NWKAddrAssocDevList");
                    list = new NwkAddress[count];
                    for (int i = 0; i < count; i++)
                    {
                        list[i] = r.ReadNwkAddress("NWKAddrAssocDevList");
                    }
                }
            }

            return message with
            {
                Status = status,
                IeeeAddrRemoteDev = ieee,
                NwkAddrRemoteDev = nwk,
                StartIndex = startIndex,
                NwkAddrAssocDevList = list,
            };
        }

        private protected override void WriteBody(ref FrameWriter w)
        {
            w.WriteByte((byte)Status);
            w.WriteEui64(IeeeAddrRemoteDev);
            w.WriteNwkAddress(NwkAddrRemoteDev);
            if (NwkAddrAssocDevList is not null)
            {
                w.WriteByte(ZdoWire.CountByte(NwkAddrAssocDevList.Count, nameof(NwkAddrAssocDevList)));
                if (NwkAddrAssocDevList.Count > 0)
                {
                    w.WriteByte(StartIndex);
                    for (int i = 0; i < NwkAddrAssocDevList.Count; i++)
                    {
                        w.WriteNwkAddress(NwkAddrAssocDevList[i]);
                    }
                }
            }
        }
    }

    /// <summary>NWK_addr_rsp (0x8000). Zigbee PRO (05-3474) 2.4.4.1.1.</summary>
    public sealed record NwkAddrResponse : ZdoAddressResponse
    {
        public override ushort ClusterId => ZdoClusterIds.NwkAddrRsp;

        internal static NwkAddrResponse ReadBody(ref FrameReader r, byte tsn) => ReadBody(ref r, new NwkAddrResponse { Tsn = tsn });
    }

    /// <summary>IEEE_addr_rsp (0x8001). Zigbee PRO (05-3474) 2.4.4.1.2.</summary>
    public sealed record IeeeAddrResponse : ZdoAddressResponse
    {
        public override ushort ClusterId => ZdoClusterIds.IeeeAddrRsp;

        internal static IeeeAddrResponse ReadBody(ref FrameReader r, byte tsn) => ReadBody(ref r, new IeeeAddrResponse { Tsn = tsn });
    }

    /// <summary>
    /// Node_Desc_rsp (0x8002). Zigbee PRO (05-3474) 2.4.4.1.3: Status, NWKAddrOfInterest, NodeDescriptor (only
    /// with status SUCCESS).
    /// </summary>
    public sealed record NodeDescResponse : ZdoMessage
    {
        public override ushort ClusterId => ZdoClusterIds.NodeDescRsp;

        public ZdoStatus Status { get; init; }

        public NwkAddress NwkAddrOfInterest { get; init; }

        public NodeDescriptor? NodeDescriptor { get; init; }

        private protected override int BodyLength => 3 + (Status == ZdoStatus.SUCCESS ? NodeDescriptor.Length : 0);

        internal static NodeDescResponse ReadBody(ref FrameReader r, byte tsn)
        {
            ZdoStatus status = ReadStatus(ref r);
            NwkAddress nwk = r.ReadNwkAddress("NWKAddrOfInterest");
            NodeDescriptor? descriptor = status == ZdoStatus.SUCCESS ? NodeDescriptor.Read(ref r) : null;
            return new NodeDescResponse { Tsn = tsn, Status = status, NwkAddrOfInterest = nwk, NodeDescriptor = descriptor };
        }

        private protected override void WriteBody(ref FrameWriter w)
        {
            w.WriteByte((byte)Status);
            w.WriteNwkAddress(NwkAddrOfInterest);
            if (Status == ZdoStatus.SUCCESS)
            {
                (NodeDescriptor ?? throw new InvalidOperationException("A successful Node_Desc_rsp needs its NodeDescriptor.")).Write(ref w);
            }
        }
    }

    /// <summary>
    /// Power_Desc_rsp (0x8003). Zigbee PRO (05-3474) 2.4.4.1.4: Status, NWKAddrOfInterest, PowerDescriptor (only
    /// with status SUCCESS).
    /// </summary>
    public sealed record PowerDescResponse : ZdoMessage
    {
        public override ushort ClusterId => ZdoClusterIds.PowerDescRsp;

        public ZdoStatus Status { get; init; }

        public NwkAddress NwkAddrOfInterest { get; init; }

        public PowerDescriptor? PowerDescriptor { get; init; }

        private protected override int BodyLength => 3 + (Status == ZdoStatus.SUCCESS ? PowerDescriptor.Length : 0);

        internal static PowerDescResponse ReadBody(ref FrameReader r, byte tsn)
        {
            ZdoStatus status = ReadStatus(ref r);
            NwkAddress nwk = r.ReadNwkAddress("NWKAddrOfInterest");
            PowerDescriptor? descriptor = status == ZdoStatus.SUCCESS ? PowerDescriptor.Read(ref r) : null;
            return new PowerDescResponse { Tsn = tsn, Status = status, NwkAddrOfInterest = nwk, PowerDescriptor = descriptor };
        }

        private protected override void WriteBody(ref FrameWriter w)
        {
            w.WriteByte((byte)Status);
            w.WriteNwkAddress(NwkAddrOfInterest);
            if (Status == ZdoStatus.SUCCESS)
            {
                (PowerDescriptor ?? throw new InvalidOperationException("A successful Power_Desc_rsp needs its PowerDescriptor.")).Write(ref w);
            }
        }
    }

    /// <summary>
    /// Simple_Desc_rsp (0x8004). Zigbee PRO (05-3474) 2.4.4.1.5: Status, NWKAddrOfInterest, Length, SimpleDescriptor
    /// (Length bytes; absent when Length is 0). The descriptor must fill exactly Length bytes.
    /// </summary>
    public sealed record SimpleDescResponse : ZdoMessage
    {
        public override ushort ClusterId => ZdoClusterIds.SimpleDescRsp;

        public ZdoStatus Status { get; init; }

        public NwkAddress NwkAddrOfInterest { get; init; }

        public SimpleDescriptor? SimpleDescriptor { get; init; }

        private protected override int BodyLength => 4 + (SimpleDescriptor?.EncodedLength ?? 0);

        internal static SimpleDescResponse ReadBody(ref FrameReader r, byte tsn)
        {
            ZdoStatus status = ReadStatus(ref r);
            NwkAddress nwk = r.ReadNwkAddress("NWKAddrOfInterest");
            int lengthOffset = r.AbsoluteOffset;
            int length = r.ReadByte("Length");
            SimpleDescriptor? descriptor = null;
            if (length > 0)
            {
                int start = r.AbsoluteOffset;
                var inner = new FrameReader(r.ReadBytes(length, "SimpleDescriptor"), FrameLayer.Zdo, start);
                descriptor = SimpleDescriptor.Read(ref inner);
                if (!inner.IsAtEnd)
                {
                    throw new FrameFormatException(FrameLayer.Zdo, "Length", lengthOffset, $"Length says {length} bytes but the simple descriptor takes {inner.Position}");
                }
            }

            return new SimpleDescResponse { Tsn = tsn, Status = status, NwkAddrOfInterest = nwk, SimpleDescriptor = descriptor };
        }

        private protected override void WriteBody(ref FrameWriter w)
        {
            w.WriteByte((byte)Status);
            w.WriteNwkAddress(NwkAddrOfInterest);
            int length = SimpleDescriptor?.EncodedLength ?? 0;
            w.WriteByte(ZdoWire.CountByte(length, "SimpleDescriptor length"));
            SimpleDescriptor?.Write(ref w);
        }
    }

    /// <summary>Active_EP_rsp (0x8005). Zigbee PRO (05-3474) 2.4.4.1.6: Status, NWKAddrOfInterest, ActiveEPCount, ActiveEPList.</summary>
    public sealed record ActiveEpResponse : ZdoMessage
    {
        public override ushort ClusterId => ZdoClusterIds.ActiveEpRsp;

        public ZdoStatus Status { get; init; }

        public NwkAddress NwkAddrOfInterest { get; init; }

        public IReadOnlyList<byte> ActiveEpList { get; init; } = Array.Empty<byte>();

        private protected override int BodyLength => 4 + ActiveEpList.Count;

        internal static ActiveEpResponse ReadBody(ref FrameReader r, byte tsn)
        {
            ZdoStatus status = ReadStatus(ref r);
            NwkAddress nwk = r.ReadNwkAddress("NWKAddrOfInterest");
            int count = r.ReadByte("ActiveEPCount");
            return new ActiveEpResponse { Tsn = tsn, Status = status, NwkAddrOfInterest = nwk, ActiveEpList = r.ReadArray(count, "ActiveEPList") };
        }

        private protected override void WriteBody(ref FrameWriter w)
        {
            w.WriteByte((byte)Status);
            w.WriteNwkAddress(NwkAddrOfInterest);
            w.WriteByte(ZdoWire.CountByte(ActiveEpList.Count, nameof(ActiveEpList)));
            for (int i = 0; i < ActiveEpList.Count; i++)
            {
                w.WriteByte(ActiveEpList[i]);
            }
        }
    }

    /// <summary>Match_Desc_rsp (0x8006). Zigbee PRO (05-3474) 2.4.4.1.7: Status, NWKAddrOfInterest, MatchLength, MatchList.</summary>
    public sealed record MatchDescResponse : ZdoMessage
    {
        public override ushort ClusterId => ZdoClusterIds.MatchDescRsp;

        public ZdoStatus Status { get; init; }

        public NwkAddress NwkAddrOfInterest { get; init; }

        public IReadOnlyList<byte> MatchList { get; init; } = Array.Empty<byte>();

        private protected override int BodyLength => 4 + MatchList.Count;

        internal static MatchDescResponse ReadBody(ref FrameReader r, byte tsn)
        {
            ZdoStatus status = ReadStatus(ref r);
            NwkAddress nwk = r.ReadNwkAddress("NWKAddrOfInterest");
            int count = r.ReadByte("MatchLength");
            return new MatchDescResponse { Tsn = tsn, Status = status, NwkAddrOfInterest = nwk, MatchList = r.ReadArray(count, "MatchList") };
        }

        private protected override void WriteBody(ref FrameWriter w)
        {
            w.WriteByte((byte)Status);
            w.WriteNwkAddress(NwkAddrOfInterest);
            w.WriteByte(ZdoWire.CountByte(MatchList.Count, nameof(MatchList)));
            for (int i = 0; i < MatchList.Count; i++)
            {
                w.WriteByte(MatchList[i]);
            }
        }
    }

    /// <summary>A response whose only field is Status (Bind_rsp, Unbind_rsp, Mgmt_Leave_rsp, Mgmt_Permit_Joining_rsp).</summary>
    public abstract record ZdoStatusResponse : ZdoMessage
    {
        private protected ZdoStatusResponse()
        {
        }

        public ZdoStatus Status { get; init; }

        private protected override int BodyLength => 1;

        private protected override void WriteBody(ref FrameWriter w) => w.WriteByte((byte)Status);
    }

    /// <summary>Bind_rsp (0x8021). Zigbee PRO (05-3474) 2.4.4.2.2.</summary>
    public sealed record BindResponse : ZdoStatusResponse
    {
        public override ushort ClusterId => ZdoClusterIds.BindRsp;
    }

    /// <summary>Unbind_rsp (0x8022). Zigbee PRO (05-3474) 2.4.4.2.3.</summary>
    public sealed record UnbindResponse : ZdoStatusResponse
    {
        public override ushort ClusterId => ZdoClusterIds.UnbindRsp;
    }

    /// <summary>Mgmt_Leave_rsp (0x8034). Zigbee PRO (05-3474) 2.4.4.3.5.</summary>
    public sealed record MgmtLeaveResponse : ZdoStatusResponse
    {
        public override ushort ClusterId => ZdoClusterIds.MgmtLeaveRsp;
    }

    /// <summary>Mgmt_Permit_Joining_rsp (0x8036). Zigbee PRO (05-3474) 2.4.4.3.7.</summary>
    public sealed record MgmtPermitJoiningResponse : ZdoStatusResponse
    {
        public override ushort ClusterId => ZdoClusterIds.MgmtPermitJoiningRsp;
    }

    /// <summary>
    /// Mgmt_Lqi_rsp (0x8031). Zigbee PRO (05-3474) 2.4.4.3.2: Status, then with SUCCESS NeighborTableEntries (the
    /// table's total), StartIndex, NeighborTableListCount and that many 22-byte records.
    /// </summary>
    public sealed record MgmtLqiResponse : ZdoMessage
    {
        public override ushort ClusterId => ZdoClusterIds.MgmtLqiRsp;

        public ZdoStatus Status { get; init; }

        public byte NeighborTableEntries { get; init; }

        public byte StartIndex { get; init; }

        public IReadOnlyList<NeighborTableEntry> NeighborTableList { get; init; } = Array.Empty<NeighborTableEntry>();

        private protected override int BodyLength => 1 + (Status == ZdoStatus.SUCCESS ? 3 + (NeighborTableEntry.Length * NeighborTableList.Count) : 0);

        internal static MgmtLqiResponse ReadBody(ref FrameReader r, byte tsn)
        {
            ZdoStatus status = ReadStatus(ref r);
            if (status != ZdoStatus.SUCCESS)
            {
                return new MgmtLqiResponse { Tsn = tsn, Status = status };
            }

            byte total = r.ReadByte("NeighborTableEntries");
            byte start = r.ReadByte("StartIndex");
            NeighborTableEntry[] list = ZdoWire.ReadEntries(ref r, "NeighborTableListCount", NeighborTableEntry.Length, "NeighborTableList", NeighborTableEntry.Read);

            return new MgmtLqiResponse { Tsn = tsn, Status = status, NeighborTableEntries = total, StartIndex = start, NeighborTableList = list };
        }

        private protected override void WriteBody(ref FrameWriter w)
        {
            w.WriteByte((byte)Status);
            if (Status == ZdoStatus.SUCCESS)
            {
                w.WriteByte(NeighborTableEntries);
                w.WriteByte(StartIndex);
                ZdoWire.WriteEntries(ref w, NeighborTableList, nameof(NeighborTableList), static (ref FrameWriter to, NeighborTableEntry e) => e.Write(ref to));
            }
        }
    }

    /// <summary>
    /// Mgmt_Rtg_rsp (0x8032). Zigbee PRO (05-3474) 2.4.4.3.3: Status, then with SUCCESS RoutingTableEntries,
    /// StartIndex, RoutingTableListCount and that many 5-byte records.
    /// </summary>
    public sealed record MgmtRtgResponse : ZdoMessage
    {
        public override ushort ClusterId => ZdoClusterIds.MgmtRtgRsp;

        public ZdoStatus Status { get; init; }

        public byte RoutingTableEntries { get; init; }

        public byte StartIndex { get; init; }

        public IReadOnlyList<RoutingTableEntry> RoutingTableList { get; init; } = Array.Empty<RoutingTableEntry>();

        private protected override int BodyLength => 1 + (Status == ZdoStatus.SUCCESS ? 3 + (RoutingTableEntry.Length * RoutingTableList.Count) : 0);

        internal static MgmtRtgResponse ReadBody(ref FrameReader r, byte tsn)
        {
            ZdoStatus status = ReadStatus(ref r);
            if (status != ZdoStatus.SUCCESS)
            {
                return new MgmtRtgResponse { Tsn = tsn, Status = status };
            }

            byte total = r.ReadByte("RoutingTableEntries");
            byte start = r.ReadByte("StartIndex");
            RoutingTableEntry[] list = ZdoWire.ReadEntries(ref r, "RoutingTableListCount", RoutingTableEntry.Length, "RoutingTableList", RoutingTableEntry.Read);

            return new MgmtRtgResponse { Tsn = tsn, Status = status, RoutingTableEntries = total, StartIndex = start, RoutingTableList = list };
        }

        private protected override void WriteBody(ref FrameWriter w)
        {
            w.WriteByte((byte)Status);
            if (Status == ZdoStatus.SUCCESS)
            {
                w.WriteByte(RoutingTableEntries);
                w.WriteByte(StartIndex);
                ZdoWire.WriteEntries(ref w, RoutingTableList, nameof(RoutingTableList), static (ref FrameWriter to, RoutingTableEntry e) => e.Write(ref to));
            }
        }
    }

    /// <summary>
    /// Mgmt_Bind_rsp (0x8033). Zigbee PRO (05-3474) 2.4.4.3.4: Status, then with SUCCESS BindingTableEntries,
    /// StartIndex, BindingTableListCount and that many binding records (14 bytes for group, 21 for extended).
    /// </summary>
    public sealed record MgmtBindResponse : ZdoMessage
    {
        public override ushort ClusterId => ZdoClusterIds.MgmtBindRsp;

        public ZdoStatus Status { get; init; }

        public byte BindingTableEntries { get; init; }

        public byte StartIndex { get; init; }

        public IReadOnlyList<BindingTableEntry> BindingTableList { get; init; } = Array.Empty<BindingTableEntry>();

        private protected override int BodyLength
        {
            get
            {
                if (Status != ZdoStatus.SUCCESS)
                {
                    return 1;
                }

                int n = 4;
                for (int i = 0; i < BindingTableList.Count; i++)
                {
                    n += BindingTableList[i].EncodedLength;
                }

                return n;
            }
        }

        internal static MgmtBindResponse ReadBody(ref FrameReader r, byte tsn)
        {
            ZdoStatus status = ReadStatus(ref r);
            if (status != ZdoStatus.SUCCESS)
            {
                return new MgmtBindResponse { Tsn = tsn, Status = status };
            }

            byte total = r.ReadByte("BindingTableEntries");
            byte start = r.ReadByte("StartIndex");
            BindingTableEntry[] list = ZdoWire.ReadEntries(ref r, "BindingTableListCount", BindingTableEntry.MinLength, "BindingTableList", static (ref FrameReader e) => BindingTableEntry.Read(ref e, "BindingTableList."));

            return new MgmtBindResponse { Tsn = tsn, Status = status, BindingTableEntries = total, StartIndex = start, BindingTableList = list };
        }

        private protected override void WriteBody(ref FrameWriter w)
        {
            w.WriteByte((byte)Status);
            if (Status == ZdoStatus.SUCCESS)
            {
                w.WriteByte(BindingTableEntries);
                w.WriteByte(StartIndex);
                ZdoWire.WriteEntries(ref w, BindingTableList, nameof(BindingTableList), static (ref FrameWriter to, BindingTableEntry e) => e.Write(ref to));
            }
        }
    }

    /// <summary>
    /// Mgmt_NWK_Update_notify (0x8038). Zigbee PRO (05-3474) 2.4.4.3.9: Status, ScannedChannels,
    /// TotalTransmissions, TransmissionFailures, ScannedChannelsListCount, EnergyValues.
    /// </summary>
    public sealed record MgmtNwkUpdateNotify : ZdoMessage
    {
        public override ushort ClusterId => ZdoClusterIds.MgmtNwkUpdateNotify;

        public ZdoStatus Status { get; init; }

        public uint ScannedChannels { get; init; }

        public ushort TotalTransmissions { get; init; }

        public ushort TransmissionFailures { get; init; }

        /// <summary>One energy measurement per scanned channel.</summary>
        public IReadOnlyList<byte> EnergyValues { get; init; } = Array.Empty<byte>();

        private protected override int BodyLength => 10 + EnergyValues.Count;

        internal static MgmtNwkUpdateNotify ReadBody(ref FrameReader r, byte tsn)
        {
            ZdoStatus status = ReadStatus(ref r);
            uint channels = r.ReadUInt32("ScannedChannels");
            ushort total = r.ReadUInt16("TotalTransmissions");
            ushort failures = r.ReadUInt16("TransmissionFailures");
            int count = r.ReadByte("ScannedChannelsListCount");
            return new MgmtNwkUpdateNotify
            {
                Tsn = tsn,
                Status = status,
                ScannedChannels = channels,
                TotalTransmissions = total,
                TransmissionFailures = failures,
                EnergyValues = r.ReadArray(count, "EnergyValues"),
            };
        }

        private protected override void WriteBody(ref FrameWriter w)
        {
            w.WriteByte((byte)Status);
            w.WriteUInt32(ScannedChannels);
            w.WriteUInt16(TotalTransmissions);
            w.WriteUInt16(TransmissionFailures);
            w.WriteByte(ZdoWire.CountByte(EnergyValues.Count, nameof(EnergyValues)));
            for (int i = 0; i < EnergyValues.Count; i++)
            {
                w.WriteByte(EnergyValues[i]);
            }
        }
    }
}
