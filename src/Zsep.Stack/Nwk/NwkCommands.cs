using System;
using System.Collections.Generic;
using Zsep.Stack.Codec;
using Zsep.Stack.Mac;
using Zsep.Stack.Types;

namespace Zsep.Stack.Nwk
{
    /// <summary>
    /// Route request command (0x01). Zigbee PRO 2015 (05-3474-21) 3.4.1: command options (bits 3-4 many-to-one,
    /// bit 5 destination IEEE address, bit 6 multicast), route request identifier, destination address, path cost,
    /// destination IEEE address (when the option bit is set).
    /// </summary>
    public sealed record NwkRouteRequest : NwkCommand
    {
        public override NwkCommandId CommandId => NwkCommandId.RouteRequest;

        public NwkManyToOne ManyToOne { get; init; }

        /// <summary>Options bit 6: the destination address is a multicast group id.</summary>
        public bool Multicast { get; init; }

        public byte RouteRequestIdentifier { get; init; }

        public NwkAddress DestinationAddress { get; init; }

        public byte PathCost { get; init; }

        /// <summary>Present (options bit 5) when the originator knows the destination's IEEE address.</summary>
        public Eui64? DestinationIeeeAddress { get; init; }

        /// <summary>The command options octet.</summary>
        public byte CommandOptions
        {
            get
            {
                CheckBits((byte)ManyToOne, 3, nameof(ManyToOne));
                return (byte)(((byte)ManyToOne << 3) | (DestinationIeeeAddress.HasValue ? 0x20 : 0) | (Multicast ? 0x40 : 0));
            }
        }

        internal override int BodyLength => 5 + (DestinationIeeeAddress.HasValue ? 8 : 0);

        internal static NwkRouteRequest Read(ref FrameReader r)
        {
            byte options = r.ReadByte("RouteRequest.CommandOptions");
            byte id = r.ReadByte("RouteRequest.RouteRequestIdentifier");
            NwkAddress destination = r.ReadNwkAddress("RouteRequest.DestinationAddress");
            byte cost = r.ReadByte("RouteRequest.PathCost");
            Eui64? ieee = (options & 0x20) != 0 ? r.ReadEui64("RouteRequest.DestinationIeeeAddress") : (Eui64?)null;
            return new NwkRouteRequest
            {
                ManyToOne = (NwkManyToOne)((options >> 3) & 0x03),
                Multicast = (options & 0x40) != 0,
                RouteRequestIdentifier = id,
                DestinationAddress = destination,
                PathCost = cost,
                DestinationIeeeAddress = ieee,
            };
        }

        internal override void WriteBody(ref FrameWriter w)
        {
            w.WriteByte(CommandOptions);
            w.WriteByte(RouteRequestIdentifier);
            w.WriteNwkAddress(DestinationAddress);
            w.WriteByte(PathCost);
            if (DestinationIeeeAddress.HasValue)
            {
                w.WriteEui64(DestinationIeeeAddress.Value);
            }
        }
    }

    /// <summary>
    /// Route reply command (0x02). Zigbee PRO 2015 (05-3474-21) 3.4.2: command options (bit 4 originator IEEE address,
    /// bit 5 responder IEEE address, bit 6 multicast), route request identifier, originator address, responder address,
    /// path cost, originator IEEE address, responder IEEE address (each when its option bit is set).
    /// </summary>
    public sealed record NwkRouteReply : NwkCommand
    {
        public override NwkCommandId CommandId => NwkCommandId.RouteReply;

        public bool Multicast { get; init; }

        public byte RouteRequestIdentifier { get; init; }

        public NwkAddress OriginatorAddress { get; init; }

        public NwkAddress ResponderAddress { get; init; }

        public byte PathCost { get; init; }

        public Eui64? OriginatorIeeeAddress { get; init; }

        public Eui64? ResponderIeeeAddress { get; init; }

        public byte CommandOptions =>
            (byte)((OriginatorIeeeAddress.HasValue ? 0x10 : 0) | (ResponderIeeeAddress.HasValue ? 0x20 : 0) | (Multicast ? 0x40 : 0));

        internal override int BodyLength =>
            7 + (OriginatorIeeeAddress.HasValue ? 8 : 0) + (ResponderIeeeAddress.HasValue ? 8 : 0);

        internal static NwkRouteReply Read(ref FrameReader r)
        {
            byte options = r.ReadByte("RouteReply.CommandOptions");
            byte id = r.ReadByte("RouteReply.RouteRequestIdentifier");
            NwkAddress originator = r.ReadNwkAddress("RouteReply.OriginatorAddress");
            NwkAddress responder = r.ReadNwkAddress("RouteReply.ResponderAddress");
            byte cost = r.ReadByte("RouteReply.PathCost");
            Eui64? originatorIeee = (options & 0x10) != 0 ? r.ReadEui64("RouteReply.OriginatorIeeeAddress") : (Eui64?)null;
            Eui64? responderIeee = (options & 0x20) != 0 ? r.ReadEui64("RouteReply.ResponderIeeeAddress") : (Eui64?)null;
            return new NwkRouteReply
            {
                Multicast = (options & 0x40) != 0,
                RouteRequestIdentifier = id,
                OriginatorAddress = originator,
                ResponderAddress = responder,
                PathCost = cost,
                OriginatorIeeeAddress = originatorIeee,
                ResponderIeeeAddress = responderIeee,
            };
        }

        internal override void WriteBody(ref FrameWriter w)
        {
            w.WriteByte(CommandOptions);
            w.WriteByte(RouteRequestIdentifier);
            w.WriteNwkAddress(OriginatorAddress);
            w.WriteNwkAddress(ResponderAddress);
            w.WriteByte(PathCost);
            if (OriginatorIeeeAddress.HasValue)
            {
                w.WriteEui64(OriginatorIeeeAddress.Value);
            }

            if (ResponderIeeeAddress.HasValue)
            {
                w.WriteEui64(ResponderIeeeAddress.Value);
            }
        }
    }

    /// <summary>
    /// Network status command (0x03). Zigbee PRO 2015 (05-3474-21) 3.4.3: status code (Table 3-42), destination
    /// address; with status <see cref="NwkStatusCode.UnknownCommand"/> one more octet names the unknown command id.
    /// </summary>
    public sealed record NwkNetworkStatus : NwkCommand
    {
        public override NwkCommandId CommandId => NwkCommandId.NetworkStatus;

        public NwkStatusCode StatusCode { get; init; }

        /// <summary>The destination (or, depending on the status, the conflicting / updated) network address.</summary>
        public NwkAddress DestinationAddress { get; init; }

        /// <summary>The command id that was not understood; present exactly when <see cref="StatusCode"/> is UnknownCommand.</summary>
        public byte? UnknownCommandIdentifier { get; init; }

        internal override int BodyLength => 3 + (StatusCode == NwkStatusCode.UnknownCommand ? 1 : 0);

        internal static NwkNetworkStatus Read(ref FrameReader r)
        {
            var status = (NwkStatusCode)r.ReadByte("NetworkStatus.StatusCode");
            NwkAddress destination = r.ReadNwkAddress("NetworkStatus.DestinationAddress");
            byte? unknown = status == NwkStatusCode.UnknownCommand ? r.ReadByte("NetworkStatus.UnknownCommandIdentifier") : (byte?)null;
            return new NwkNetworkStatus { StatusCode = status, DestinationAddress = destination, UnknownCommandIdentifier = unknown };
        }

        internal override void WriteBody(ref FrameWriter w)
        {
            bool needsId = StatusCode == NwkStatusCode.UnknownCommand;
            if (needsId != UnknownCommandIdentifier.HasValue)
            {
                throw new InvalidOperationException(
                    "UnknownCommandIdentifier must be given exactly when the network status code is UnknownCommand.");
            }

            w.WriteByte((byte)StatusCode);
            w.WriteNwkAddress(DestinationAddress);
            if (needsId)
            {
                w.WriteByte(UnknownCommandIdentifier!.Value);
            }
        }
    }

    /// <summary>
    /// Leave command (0x04). Zigbee PRO 2015 (05-3474-21) 3.4.4: command options (bit 5 rejoin, bit 6 request,
    /// bit 7 remove children).
    /// </summary>
    public sealed record NwkLeave : NwkCommand
    {
        public override NwkCommandId CommandId => NwkCommandId.Leave;

        /// <summary>The device leaving will rejoin (or, in a request, is asked to rejoin).</summary>
        public bool Rejoin { get; init; }

        /// <summary>Set: a request to the destination to leave; clear: an indication that the sender is leaving.</summary>
        public bool Request { get; init; }

        /// <summary>Children are removed too (deprecated in Zigbee PRO 2015: should be clear).</summary>
        public bool RemoveChildren { get; init; }

        public byte CommandOptions => (byte)((Rejoin ? 0x20 : 0) | (Request ? 0x40 : 0) | (RemoveChildren ? 0x80 : 0));

        internal override int BodyLength => 1;

        internal static NwkLeave Read(ref FrameReader r)
        {
            byte options = r.ReadByte("Leave.CommandOptions");
            return new NwkLeave
            {
                Rejoin = (options & 0x20) != 0,
                Request = (options & 0x40) != 0,
                RemoveChildren = (options & 0x80) != 0,
            };
        }

        internal override void WriteBody(ref FrameWriter w) => w.WriteByte(CommandOptions);
    }

    /// <summary>
    /// Route record command (0x05). Zigbee PRO 2015 (05-3474-21) 3.4.5: relay count, relay list (the relays the frame
    /// has passed, closest to the originator first).
    /// </summary>
    public sealed record NwkRouteRecord : NwkCommand
    {
        public override NwkCommandId CommandId => NwkCommandId.RouteRecord;

        public int RelayCount => RelayList.Count;

        public IReadOnlyList<NwkAddress> RelayList { get; init; } = Array.Empty<NwkAddress>();

        internal override int BodyLength => 1 + (2 * RelayList.Count);

        internal static NwkRouteRecord Read(ref FrameReader r)
        {
            byte count = r.ReadByte("RouteRecord.RelayCount");
            r.Require(count * 2, "RouteRecord.RelayList");
            var relays = count == 0 ? Array.Empty<NwkAddress>() : new NwkAddress[count];
            for (int i = 0; i < relays.Length; i++)
            {
                relays[i] = r.ReadNwkAddress("RouteRecord.RelayList");
            }

            return new NwkRouteRecord { RelayList = relays };
        }

        internal override void WriteBody(ref FrameWriter w)
        {
            CheckCount(RelayList.Count, 255, nameof(RelayList));
            w.WriteByte((byte)RelayList.Count);
            for (int i = 0; i < RelayList.Count; i++)
            {
                w.WriteNwkAddress(RelayList[i]);
            }
        }

        public bool Equals(NwkRouteRecord? other) => base.Equals(other) && NwkEquality.ListEqual(RelayList, other!.RelayList);

        public override int GetHashCode() => (base.GetHashCode() * 397) ^ NwkEquality.ListHash(RelayList);
    }

    /// <summary>Rejoin request command (0x06). Zigbee PRO 2015 (05-3474-21) 3.4.6: capability information.</summary>
    public sealed record NwkRejoinRequest : NwkCommand
    {
        public override NwkCommandId CommandId => NwkCommandId.RejoinRequest;

        public MacCapabilityInformation CapabilityInformation { get; init; }

        internal override int BodyLength => 1;

        internal static NwkRejoinRequest Read(ref FrameReader r) =>
            new NwkRejoinRequest { CapabilityInformation = (MacCapabilityInformation)r.ReadByte("RejoinRequest.CapabilityInformation") };

        internal override void WriteBody(ref FrameWriter w) => w.WriteByte((byte)CapabilityInformation);
    }

    /// <summary>Rejoin response command (0x07). Zigbee PRO 2015 (05-3474-21) 3.4.7: network address, rejoin status.</summary>
    public sealed record NwkRejoinResponse : NwkCommand
    {
        public override NwkCommandId CommandId => NwkCommandId.RejoinResponse;

        /// <summary>The (possibly new) network address of the rejoining device.</summary>
        public NwkAddress NetworkAddress { get; init; }

        public NwkRejoinStatus RejoinStatus { get; init; }

        internal override int BodyLength => 3;

        internal static NwkRejoinResponse Read(ref FrameReader r)
        {
            NwkAddress address = r.ReadNwkAddress("RejoinResponse.NetworkAddress");
            var status = (NwkRejoinStatus)r.ReadByte("RejoinResponse.RejoinStatus");
            return new NwkRejoinResponse { NetworkAddress = address, RejoinStatus = status };
        }

        internal override void WriteBody(ref FrameWriter w)
        {
            w.WriteNwkAddress(NetworkAddress);
            w.WriteByte((byte)RejoinStatus);
        }
    }

    /// <summary>
    /// One link status entry: neighbor network address and link status octet (bits 0-2 incoming cost, bits 4-6
    /// outgoing cost). Zigbee PRO 2015 (05-3474-21) 3.4.8.3.2 Link Status List Field.
    /// </summary>
    public readonly record struct NwkLinkStatusEntry(NwkAddress NeighborNetworkAddress, byte IncomingCost, byte OutgoingCost);

    /// <summary>
    /// Link status command (0x08). Zigbee PRO 2015 (05-3474-21) 3.4.8: command options (bits 0-4 entry count, bit 5
    /// first frame, bit 6 last frame), link status list.
    /// </summary>
    public sealed record NwkLinkStatus : NwkCommand
    {
        public override NwkCommandId CommandId => NwkCommandId.LinkStatus;

        /// <summary>This is the first frame of the sender's link status.</summary>
        public bool FirstFrame { get; init; }

        /// <summary>This is the last frame of the sender's link status.</summary>
        public bool LastFrame { get; init; }

        public int EntryCount => Entries.Count;

        /// <summary>At most 31 entries (a 5-bit count).</summary>
        public IReadOnlyList<NwkLinkStatusEntry> Entries { get; init; } = Array.Empty<NwkLinkStatusEntry>();

        internal override int BodyLength => 1 + (3 * Entries.Count);

        internal static NwkLinkStatus Read(ref FrameReader r)
        {
            byte options = r.ReadByte("LinkStatus.CommandOptions");
            int count = options & 0x1F;
            r.Require(count * 3, "LinkStatus.LinkStatusList");
            var entries = count == 0 ? Array.Empty<NwkLinkStatusEntry>() : new NwkLinkStatusEntry[count];
            for (int i = 0; i < entries.Length; i++)
            {
                NwkAddress address = r.ReadNwkAddress("LinkStatus.LinkStatusList");
                byte link = r.ReadByte("LinkStatus.LinkStatusList");
                entries[i] = new NwkLinkStatusEntry(address, (byte)(link & 0x07), (byte)((link >> 4) & 0x07));
            }

            return new NwkLinkStatus { FirstFrame = (options & 0x20) != 0, LastFrame = (options & 0x40) != 0, Entries = entries };
        }

        internal override void WriteBody(ref FrameWriter w)
        {
            CheckCount(Entries.Count, 31, nameof(Entries));
            w.WriteByte((byte)(Entries.Count | (FirstFrame ? 0x20 : 0) | (LastFrame ? 0x40 : 0)));
            for (int i = 0; i < Entries.Count; i++)
            {
                NwkLinkStatusEntry e = Entries[i];
                CheckBits(e.IncomingCost, 7, "IncomingCost");
                CheckBits(e.OutgoingCost, 7, "OutgoingCost");
                w.WriteNwkAddress(e.NeighborNetworkAddress);
                w.WriteByte((byte)(e.IncomingCost | (e.OutgoingCost << 4)));
            }
        }

        public bool Equals(NwkLinkStatus? other) =>
            base.Equals(other) && FirstFrame == other!.FirstFrame && LastFrame == other.LastFrame && NwkEquality.ListEqual(Entries, other.Entries);

        public override int GetHashCode() =>
            (base.GetHashCode() * 397) ^ (FirstFrame ? 1 : 0) ^ (LastFrame ? 2 : 0) ^ NwkEquality.ListHash(Entries);
    }

    /// <summary>
    /// Network report command (0x09). Zigbee PRO 2015 (05-3474-21) 3.4.9: command options (bits 0-4 report information
    /// count, bits 5-7 report command identifier), extended PAN identifier, report information (for a PAN identifier
    /// conflict: the PAN identifiers heard). Reserved report types cannot be decoded (their layout is undefined).
    /// </summary>
    public sealed record NwkNetworkReport : NwkCommand
    {
        public override NwkCommandId CommandId => NwkCommandId.NetworkReport;

        public NwkReportType ReportType { get; init; }

        /// <summary>The 64-bit extended PAN identifier of the reporting device's network.</summary>
        public Eui64 ExtendedPanId { get; init; }

        /// <summary>At most 31 PAN identifiers (a 5-bit count).</summary>
        public IReadOnlyList<PanId> PanIds { get; init; } = Array.Empty<PanId>();

        internal override int BodyLength => 9 + (2 * PanIds.Count);

        internal static NwkNetworkReport Read(ref FrameReader r)
        {
            int optionsOffset = r.AbsoluteOffset;
            byte options = r.ReadByte("NetworkReport.CommandOptions");
            var type = (NwkReportType)(options >> 5);
            if (type != NwkReportType.PanIdentifierConflict)
            {
                throw new FrameFormatException(FrameLayer.Nwk, "NetworkReport.CommandOptions", optionsOffset,
                    $"Reserved report command identifier {(int)type}");
            }

            Eui64 epid = r.ReadEui64("NetworkReport.ExtendedPanId");
            int count = options & 0x1F;
            r.Require(count * 2, "NetworkReport.ReportInformation");
            var pans = count == 0 ? Array.Empty<PanId>() : new PanId[count];
            for (int i = 0; i < pans.Length; i++)
            {
                pans[i] = r.ReadPanId("NetworkReport.ReportInformation");
            }

            return new NwkNetworkReport { ReportType = type, ExtendedPanId = epid, PanIds = pans };
        }

        internal override void WriteBody(ref FrameWriter w)
        {
            CheckCount(PanIds.Count, 31, nameof(PanIds));
            CheckBits((byte)ReportType, 7, nameof(ReportType));
            w.WriteByte((byte)(PanIds.Count | ((byte)ReportType << 5)));
            w.WriteEui64(ExtendedPanId);
            for (int i = 0; i < PanIds.Count; i++)
            {
                w.WritePanId(PanIds[i]);
            }
        }

        public bool Equals(NwkNetworkReport? other) =>
            base.Equals(other) && ReportType == other!.ReportType && ExtendedPanId == other.ExtendedPanId && NwkEquality.ListEqual(PanIds, other.PanIds);

        public override int GetHashCode() =>
            (base.GetHashCode() * 397) ^ ExtendedPanId.GetHashCode() ^ NwkEquality.ListHash(PanIds);
    }

    /// <summary>
    /// Network update command (0x0A). Zigbee PRO 2015 (05-3474-21) 3.4.10: command options (bits 0-4 update
    /// information count, bits 5-7 update command identifier), extended PAN identifier, update identifier, update
    /// information (for a PAN identifier update: the new PAN identifier; the count is 1).
    /// </summary>
    public sealed record NwkNetworkUpdate : NwkCommand
    {
        public override NwkCommandId CommandId => NwkCommandId.NetworkUpdate;

        public NwkUpdateType UpdateType { get; init; }

        public Eui64 ExtendedPanId { get; init; }

        /// <summary>Mirrors nwkUpdateId: incremented by the network manager for each configuration change.</summary>
        public byte UpdateIdentifier { get; init; }

        public PanId NewPanId { get; init; }

        internal override int BodyLength => 12;

        internal static NwkNetworkUpdate Read(ref FrameReader r)
        {
            int optionsOffset = r.AbsoluteOffset;
            byte options = r.ReadByte("NetworkUpdate.CommandOptions");
            var type = (NwkUpdateType)(options >> 5);
            if (type != NwkUpdateType.PanIdentifierUpdate)
            {
                throw new FrameFormatException(FrameLayer.Nwk, "NetworkUpdate.CommandOptions", optionsOffset,
                    $"Reserved update command identifier {(int)type}");
            }

            if ((options & 0x1F) != 1)
            {
                throw new FrameFormatException(FrameLayer.Nwk, "NetworkUpdate.CommandOptions", optionsOffset,
                    $"Update information count is {options & 0x1F}; a PAN identifier update carries exactly 1");
            }

            Eui64 epid = r.ReadEui64("NetworkUpdate.ExtendedPanId");
            byte updateId = r.ReadByte("NetworkUpdate.UpdateIdentifier");
            PanId pan = r.ReadPanId("NetworkUpdate.UpdateInformation");
            return new NwkNetworkUpdate { UpdateType = type, ExtendedPanId = epid, UpdateIdentifier = updateId, NewPanId = pan };
        }

        internal override void WriteBody(ref FrameWriter w)
        {
            CheckBits((byte)UpdateType, 7, nameof(UpdateType));
            w.WriteByte((byte)(1 | ((byte)UpdateType << 5)));
            w.WriteEui64(ExtendedPanId);
            w.WriteByte(UpdateIdentifier);
            w.WritePanId(NewPanId);
        }
    }

    /// <summary>
    /// End device timeout request command (0x0B). Zigbee PRO 2015 (05-3474-21) 3.4.11: requested timeout
    /// enumeration (0-14), end device configuration (all bits reserved, 0).
    /// </summary>
    public sealed record NwkEndDeviceTimeoutRequest : NwkCommand
    {
        public override NwkCommandId CommandId => NwkCommandId.EndDeviceTimeoutRequest;

        /// <summary>Values 15-255 are reserved; they decode as is (the parent answers IncorrectValue).</summary>
        public NwkEndDeviceTimeout RequestedTimeout { get; init; }

        public byte EndDeviceConfiguration { get; init; }

        internal override int BodyLength => 2;

        internal static NwkEndDeviceTimeoutRequest Read(ref FrameReader r)
        {
            var timeout = (NwkEndDeviceTimeout)r.ReadByte("EndDeviceTimeoutRequest.RequestedTimeout");
            byte config = r.ReadByte("EndDeviceTimeoutRequest.EndDeviceConfiguration");
            return new NwkEndDeviceTimeoutRequest { RequestedTimeout = timeout, EndDeviceConfiguration = config };
        }

        internal override void WriteBody(ref FrameWriter w)
        {
            w.WriteByte((byte)RequestedTimeout);
            w.WriteByte(EndDeviceConfiguration);
        }
    }

    /// <summary>
    /// End device timeout response command (0x0C). Zigbee PRO 2015 (05-3474-21) 3.4.12: status, parent information
    /// bitmask (bit 0 MAC data poll keepalive, bit 1 end device timeout request keepalive, bit 2 power negotiation).
    /// </summary>
    public sealed record NwkEndDeviceTimeoutResponse : NwkCommand
    {
        public override NwkCommandId CommandId => NwkCommandId.EndDeviceTimeoutResponse;

        public NwkEndDeviceTimeoutStatus Status { get; init; }

        public NwkParentInformation ParentInformation { get; init; }

        internal override int BodyLength => 2;

        internal static NwkEndDeviceTimeoutResponse Read(ref FrameReader r)
        {
            var status = (NwkEndDeviceTimeoutStatus)r.ReadByte("EndDeviceTimeoutResponse.Status");
            var info = (NwkParentInformation)r.ReadByte("EndDeviceTimeoutResponse.ParentInformation");
            return new NwkEndDeviceTimeoutResponse { Status = status, ParentInformation = info };
        }

        internal override void WriteBody(ref FrameWriter w)
        {
            w.WriteByte((byte)Status);
            w.WriteByte((byte)ParentInformation);
        }
    }

    /// <summary>One entry of a link power delta command: a neighbor and its transmit power delta in dB.</summary>
    public readonly record struct NwkLinkPowerDeltaEntry(NwkAddress DeviceAddress, sbyte PowerDelta);

    /// <summary>
    /// Link power delta command (0x0D, Zigbee PRO 2017 / R22). Zigbee 05-3474-22 3.4.13: command options (bits 0-1
    /// type), list count, power list of (device address, power delta).
    /// </summary>
    public sealed record NwkLinkPowerDelta : NwkCommand
    {
        public override NwkCommandId CommandId => NwkCommandId.LinkPowerDelta;

        public NwkLinkPowerDeltaType Type { get; init; }

        public IReadOnlyList<NwkLinkPowerDeltaEntry> PowerList { get; init; } = Array.Empty<NwkLinkPowerDeltaEntry>();

        internal override int BodyLength => 2 + (3 * PowerList.Count);

        internal static NwkLinkPowerDelta Read(ref FrameReader r)
        {
            byte options = r.ReadByte("LinkPowerDelta.CommandOptions");
            byte count = r.ReadByte("LinkPowerDelta.ListCount");
            r.Require(count * 3, "LinkPowerDelta.PowerList");
            var entries = count == 0 ? Array.Empty<NwkLinkPowerDeltaEntry>() : new NwkLinkPowerDeltaEntry[count];
            for (int i = 0; i < entries.Length; i++)
            {
                NwkAddress address = r.ReadNwkAddress("LinkPowerDelta.PowerList");
                sbyte delta = r.ReadSByte("LinkPowerDelta.PowerList");
                entries[i] = new NwkLinkPowerDeltaEntry(address, delta);
            }

            return new NwkLinkPowerDelta { Type = (NwkLinkPowerDeltaType)(options & 0x03), PowerList = entries };
        }

        internal override void WriteBody(ref FrameWriter w)
        {
            CheckBits((byte)Type, 3, nameof(Type));
            CheckCount(PowerList.Count, 255, nameof(PowerList));
            w.WriteByte((byte)Type);
            w.WriteByte((byte)PowerList.Count);
            for (int i = 0; i < PowerList.Count; i++)
            {
                w.WriteNwkAddress(PowerList[i].DeviceAddress);
                w.WriteSByte(PowerList[i].PowerDelta);
            }
        }

        public bool Equals(NwkLinkPowerDelta? other) =>
            base.Equals(other) && Type == other!.Type && NwkEquality.ListEqual(PowerList, other.PowerList);

        public override int GetHashCode() => (base.GetHashCode() * 397) ^ (int)Type ^ NwkEquality.ListHash(PowerList);
    }
}
