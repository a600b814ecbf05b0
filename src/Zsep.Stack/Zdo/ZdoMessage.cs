using System;
using Zsep.Stack.Aps;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Zdo
{
    /// <summary>
    /// A ZDP message: the APS payload of a frame to or from endpoint 0 with profile 0x0000. Zigbee PRO (05-3474)
    /// 2.4.2.8: the payload starts with the transaction sequence number, then the fields of the request (2.4.3)
    /// or response (2.4.4) named by the APS cluster id. One subclass per message; clusters this codec does not
    /// know decode as <see cref="ZdoUnknownMessage"/>. Bytes after the known fields (such as R23 TLVs) are kept in
    /// <see cref="TrailingBytes"/> and re-encoded.
    /// </summary>
    public abstract record ZdoMessage
    {
        private protected ZdoMessage()
        {
        }

        /// <summary>The ZDP transaction sequence number.</summary>
        public byte Tsn { get; init; }

        /// <summary>The APS cluster id of this message.</summary>
        public abstract ushort ClusterId { get; }

        /// <summary>The spec name of the cluster, such as "Node_Desc_rsp".</summary>
        public string ClusterName => ZdoClusters.GetName(ClusterId);

        public bool IsResponse => (ClusterId & ZdoClusterIds.ResponseBit) != 0;

        /// <summary>Bytes after the fields this codec knows (R23 TLVs, vendor padding); usually empty.</summary>
        public byte[] TrailingBytes { get; init; } = Array.Empty<byte>();

        public int EncodedLength => 1 + BodyLength + TrailingBytes.Length;

        private protected abstract int BodyLength { get; }

        private protected abstract void WriteBody(ref FrameWriter w);

        /// <summary>Writes the TSN, the fields and the trailing bytes.</summary>
        public int Encode(Span<byte> destination)
        {
            var w = new FrameWriter(destination);
            w.WriteByte(Tsn);
            WriteBody(ref w);
            w.WriteBytes(TrailingBytes);
            return w.Position;
        }

        public byte[] ToArray()
        {
            byte[] bytes = new byte[EncodedLength];
            Encode(bytes);
            return bytes;
        }

        /// <summary>Decodes the ZDP payload of a frame with APS cluster id <paramref name="clusterId"/>.</summary>
        /// <param name="clusterId">The APS cluster id (2.4.3/2.4.4).</param>
        /// <param name="payload">The APS payload, TSN first.</param>
        /// <param name="baseOffset">Added to offsets in errors, when <paramref name="payload"/> is a slice of a frame.</param>
        public static ZdoMessage Decode(ushort clusterId, ReadOnlySpan<byte> payload, int baseOffset = 0)
        {
            var r = new FrameReader(payload, FrameLayer.Zdo, baseOffset);
            byte tsn = r.ReadByte("TransactionSequenceNumber");
            ZdoMessage message;
            switch (clusterId)
            {
                case ZdoClusterIds.NwkAddrReq: message = NwkAddrRequest.ReadBody(ref r, tsn); break;
                case ZdoClusterIds.IeeeAddrReq: message = IeeeAddrRequest.ReadBody(ref r, tsn); break;
                case ZdoClusterIds.NodeDescReq: message = new NodeDescRequest { Tsn = tsn, NwkAddrOfInterest = r.ReadNwkAddress("NWKAddrOfInterest") }; break;
                case ZdoClusterIds.PowerDescReq: message = new PowerDescRequest { Tsn = tsn, NwkAddrOfInterest = r.ReadNwkAddress("NWKAddrOfInterest") }; break;
                case ZdoClusterIds.SimpleDescReq: message = SimpleDescRequest.ReadBody(ref r, tsn); break;
                case ZdoClusterIds.ActiveEpReq: message = new ActiveEpRequest { Tsn = tsn, NwkAddrOfInterest = r.ReadNwkAddress("NWKAddrOfInterest") }; break;
                case ZdoClusterIds.MatchDescReq: message = MatchDescRequest.ReadBody(ref r, tsn); break;
                case ZdoClusterIds.DeviceAnnce: message = DeviceAnnounce.ReadBody(ref r, tsn); break;
                case ZdoClusterIds.BindReq: message = new BindRequest { Tsn = tsn, Binding = BindingTableEntry.Read(ref r, string.Empty) }; break;
                case ZdoClusterIds.UnbindReq: message = new UnbindRequest { Tsn = tsn, Binding = BindingTableEntry.Read(ref r, string.Empty) }; break;
                case ZdoClusterIds.MgmtLqiReq: message = new MgmtLqiRequest { Tsn = tsn, StartIndex = r.ReadByte("StartIndex") }; break;
                case ZdoClusterIds.MgmtRtgReq: message = new MgmtRtgRequest { Tsn = tsn, StartIndex = r.ReadByte("StartIndex") }; break;
                case ZdoClusterIds.MgmtBindReq: message = new MgmtBindRequest { Tsn = tsn, StartIndex = r.ReadByte("StartIndex") }; break;
                case ZdoClusterIds.MgmtLeaveReq: message = MgmtLeaveRequest.ReadBody(ref r, tsn); break;
                case ZdoClusterIds.MgmtPermitJoiningReq: message = MgmtPermitJoiningRequest.ReadBody(ref r, tsn); break;
                case ZdoClusterIds.MgmtNwkUpdateReq: message = MgmtNwkUpdateRequest.ReadBody(ref r, tsn); break;

                case ZdoClusterIds.NwkAddrRsp: message = NwkAddrResponse.ReadBody(ref r, tsn); break;
                case ZdoClusterIds.IeeeAddrRsp: message = IeeeAddrResponse.ReadBody(ref r, tsn); break;
                case ZdoClusterIds.NodeDescRsp: message = NodeDescResponse.ReadBody(ref r, tsn); break;
                case ZdoClusterIds.PowerDescRsp: message = PowerDescResponse.ReadBody(ref r, tsn); break;
                case ZdoClusterIds.SimpleDescRsp: message = SimpleDescResponse.ReadBody(ref r, tsn); break;
                case ZdoClusterIds.ActiveEpRsp: message = ActiveEpResponse.ReadBody(ref r, tsn); break;
                case ZdoClusterIds.MatchDescRsp: message = MatchDescResponse.ReadBody(ref r, tsn); break;
                case ZdoClusterIds.BindRsp: message = new BindResponse { Tsn = tsn, Status = ReadStatus(ref r) }; break;
                case ZdoClusterIds.UnbindRsp: message = new UnbindResponse { Tsn = tsn, Status = ReadStatus(ref r) }; break;
                case ZdoClusterIds.MgmtLqiRsp: message = MgmtLqiResponse.ReadBody(ref r, tsn); break;
                case ZdoClusterIds.MgmtRtgRsp: message = MgmtRtgResponse.ReadBody(ref r, tsn); break;
                case ZdoClusterIds.MgmtBindRsp: message = MgmtBindResponse.ReadBody(ref r, tsn); break;
                case ZdoClusterIds.MgmtLeaveRsp: message = new MgmtLeaveResponse { Tsn = tsn, Status = ReadStatus(ref r) }; break;
                case ZdoClusterIds.MgmtPermitJoiningRsp: message = new MgmtPermitJoiningResponse { Tsn = tsn, Status = ReadStatus(ref r) }; break;
                case ZdoClusterIds.MgmtNwkUpdateNotify: message = MgmtNwkUpdateNotify.ReadBody(ref r, tsn); break;
                default:
                    return new ZdoUnknownMessage(clusterId) { Tsn = tsn, Payload = r.ReadArray(r.Remaining, "Payload") };
            }

            return r.IsAtEnd ? message : message with { TrailingBytes = r.ReadArray(r.Remaining, "TrailingBytes") };
        }

        /// <summary>
        /// True for a frame that carries ZDP: an APS data frame with profile 0x0000 to endpoint 0 (2.4.2.8; a
        /// broadcast to endpoint 0 included).
        /// </summary>
        public static bool IsZdpFrame(ApsHeader header) =>
            header is not null && header.FrameType == ApsFrameType.Data && header.ProfileId == 0x0000 &&
            header.DestinationEndpoint.GetValueOrDefault() == 0 && header.DeliveryMode != ApsDeliveryMode.Group;

        /// <summary>
        /// Decodes the ZDP message of an unsecured APS data frame (see <see cref="IsZdpFrame"/>); error offsets
        /// count from the start of the APS frame. Another kind of frame is a caller error (ArgumentException).
        /// </summary>
        public static ZdoMessage Decode(ApsFrame frame)
        {
            if (frame is null)
            {
                throw new ArgumentNullException(nameof(frame));
            }

            if (frame.IsSecured || !IsZdpFrame(frame.Header))
            {
                throw new ArgumentException("ZDP is carried by unsecured (or already decrypted) APS data frames with profile 0x0000 to endpoint 0.", nameof(frame));
            }

            return Decode(frame.Header.ClusterId.GetValueOrDefault(), frame.Payload, frame.HeaderLength);
        }

        public static bool TryDecode(ushort clusterId, ReadOnlySpan<byte> payload, out ZdoMessage? value, out FrameFormatException? error) =>
            FrameCodec.TryDecode(payload, clusterId, static (d, id) => Decode(id, d), out value, out error);

        internal static ZdoStatus ReadStatus(ref FrameReader r) => (ZdoStatus)r.ReadByte("Status");
    }

    /// <summary>A ZDP message of a cluster this codec does not decode: the TSN and the raw fields.</summary>
    public sealed record ZdoUnknownMessage : ZdoMessage
    {
        private readonly ushort _clusterId;

        public ZdoUnknownMessage(ushort clusterId) => _clusterId = clusterId;

        public override ushort ClusterId => _clusterId;

        /// <summary>Everything after the TSN.</summary>
        public byte[] Payload { get; init; } = Array.Empty<byte>();

        private protected override int BodyLength => Payload.Length;

        private protected override void WriteBody(ref FrameWriter w) => w.WriteBytes(Payload);
    }
}
