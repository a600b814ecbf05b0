using System;

namespace Zsep.Stack.Mac
{
    /// <summary>Frame Type subfield, IEEE 802.15.4-2006 7.2.1.1.1 (Table 79); 2015 7.2.1.1 (Table 7-1).</summary>
    public enum MacFrameType : byte
    {
        Beacon = 0,
        Data = 1,
        Acknowledgment = 2,
        Command = 3,

        /// <summary>Reserved in 2006; reserved in 2015 too. Not decodable.</summary>
        Reserved4 = 4,

        /// <summary>802.15.4-2015 multipurpose frame (different frame control layout). Not decodable here.</summary>
        Multipurpose = 5,

        /// <summary>802.15.4-2015 fragment / FRAK frame. Not decodable here.</summary>
        Fragment = 6,

        /// <summary>802.15.4-2015 extended frame type. Not decodable here.</summary>
        Extended = 7,
    }

    /// <summary>Destination/Source Addressing Mode subfields, IEEE 802.15.4-2006 7.2.1.1.6 (Table 80).</summary>
    public enum MacAddressingMode : byte
    {
        /// <summary>PAN identifier and address field are not present.</summary>
        None = 0,

        /// <summary>Reserved value; a frame using it is rejected.</summary>
        Reserved = 1,

        /// <summary>16-bit short address.</summary>
        Short = 2,

        /// <summary>64-bit extended address.</summary>
        Extended = 3,
    }

    /// <summary>Frame Version subfield, IEEE 802.15.4-2006 7.2.1.1.7 (Table 81); 2015 7.2.1.10.</summary>
    public enum MacFrameVersion : byte
    {
        /// <summary>0b00: frames compatible with IEEE 802.15.4-2003 (what Zigbee uses).</summary>
        Ieee802154_2003 = 0,

        /// <summary>0b01: IEEE 802.15.4-2006 frames.</summary>
        Ieee802154_2006 = 1,

        /// <summary>0b10: IEEE 802.15.4-2015 frames (sequence number suppression, IEs, new PAN ID compression table).</summary>
        Ieee802154_2015 = 2,

        /// <summary>0b11: reserved; a frame using it is rejected.</summary>
        Reserved = 3,
    }

    /// <summary>MAC command frame identifiers, IEEE 802.15.4-2006 7.3 (Table 82).</summary>
    public enum MacCommandId : byte
    {
        AssociationRequest = 0x01,
        AssociationResponse = 0x02,
        DisassociationNotification = 0x03,
        DataRequest = 0x04,
        PanIdConflictNotification = 0x05,
        OrphanNotification = 0x06,
        BeaconRequest = 0x07,
        CoordinatorRealignment = 0x08,
        GtsRequest = 0x09,
    }

    /// <summary>
    /// MAC enumeration (status) values, IEEE 802.15.4-2006 7.1.17 (Table 78), with the association status values
    /// of 7.3.2.3 (Table 83) that share the low range.
    /// </summary>
    public enum MacStatus : byte
    {
        SUCCESS = 0x00,
        PAN_AT_CAPACITY = 0x01,
        PAN_ACCESS_DENIED = 0x02,
        COUNTER_ERROR = 0xDB,
        IMPROPER_KEY_TYPE = 0xDC,
        IMPROPER_SECURITY_LEVEL = 0xDD,
        UNSUPPORTED_LEGACY = 0xDE,
        UNSUPPORTED_SECURITY = 0xDF,
        BEACON_LOSS = 0xE0,
        CHANNEL_ACCESS_FAILURE = 0xE1,
        DENIED = 0xE2,
        DISABLE_TRX_FAILURE = 0xE3,
        SECURITY_ERROR = 0xE4,
        FRAME_TOO_LONG = 0xE5,
        INVALID_GTS = 0xE6,
        INVALID_HANDLE = 0xE7,
        INVALID_PARAMETER = 0xE8,
        NO_ACK = 0xE9,
        NO_BEACON = 0xEA,
        NO_DATA = 0xEB,
        NO_SHORT_ADDRESS = 0xEC,
        OUT_OF_CAP = 0xED,
        PAN_ID_CONFLICT = 0xEE,
        REALIGNMENT = 0xEF,
        TRANSACTION_EXPIRED = 0xF0,
        TRANSACTION_OVERFLOW = 0xF1,
        TX_ACTIVE = 0xF2,
        UNAVAILABLE_KEY = 0xF3,
        UNSUPPORTED_ATTRIBUTE = 0xF4,
        INVALID_ADDRESS = 0xF5,
        ON_TIME_TOO_LONG = 0xF6,
        PAST_TIME = 0xF7,
        TRACKING_OFF = 0xF8,
        INVALID_INDEX = 0xF9,
        LIMIT_REACHED = 0xFA,
        READ_ONLY = 0xFB,
        SCAN_IN_PROGRESS = 0xFC,
        SUPERFRAME_OVERLAP = 0xFD,
    }

    /// <summary>
    /// Association Status field of the association response command, IEEE 802.15.4-2006 7.3.2.3 (Table 83).
    /// 0x03-0x7F are reserved, 0x80-0xFF reserved for MAC primitive enumeration values; any byte decodes.
    /// </summary>
    public enum MacAssociationStatus : byte
    {
        Successful = 0x00,
        PanAtCapacity = 0x01,
        PanAccessDenied = 0x02,
    }

    /// <summary>Disassociation Reason field, IEEE 802.15.4-2006 7.3.3.2 (Table 84). Other values are reserved.</summary>
    public enum MacDisassociationReason : byte
    {
        CoordinatorWishesDeviceToLeave = 0x01,
        DeviceWishesToLeave = 0x02,
    }

    /// <summary>Key Identifier Mode of the auxiliary security header, IEEE 802.15.4-2006 7.6.2.2.2 (Table 96).</summary>
    public enum MacKeyIdentifierMode : byte
    {
        /// <summary>Key determined implicitly from originator and recipient.</summary>
        Implicit = 0,

        /// <summary>Key Index (1 byte).</summary>
        KeyIndex = 1,

        /// <summary>4-byte Key Source and Key Index.</summary>
        KeySource4 = 2,

        /// <summary>8-byte Key Source and Key Index.</summary>
        KeySource8 = 3,
    }

    /// <summary>GTS direction, IEEE 802.15.4-2006 7.2.2.1.6 / 7.3.9.2: 1 = receive-only, 0 = transmit-only (from the device's view).</summary>
    public enum MacGtsDirection : byte
    {
        Transmit = 0,
        Receive = 1,
    }

    /// <summary>GTS Characteristics Type subfield, IEEE 802.15.4-2006 7.3.9.2.</summary>
    public enum MacGtsCharacteristicsType : byte
    {
        Deallocation = 0,
        Allocation = 1,
    }

    /// <summary>Stack Profile of the Zigbee beacon payload, Zigbee PRO 2015 (05-3474-21) 3.6.7 Table 3-61.</summary>
    public enum ZigbeeStackProfile : byte
    {
        NetworkSpecific = 0x0,
        ZigbeeHome = 0x1,
        ZigbeePro = 0x2,
    }

    /// <summary>
    /// Capability Information field: IEEE 802.15.4-2006 7.3.1.2 (Figure 56), carried by the MAC association request.
    /// Zigbee reuses it as the node descriptor's MAC capability flags and in Device_annce (Zigbee PRO 05-3474 2.3.2.3.6)
    /// and in the NWK rejoin request (3.4.6.3.1). Reserved bits 4-5 have no member but are kept as received:
    /// decoders cast the byte, encoders cast it back.
    /// </summary>
    [Flags]
    public enum MacCapabilityInformation : byte
    {
        None = 0,

        /// <summary>Bit 0: the device is capable of becoming the PAN coordinator.</summary>
        AlternatePanCoordinator = 0x01,

        /// <summary>Bit 1: set = FFD (Zigbee router), clear = RFD (end device).</summary>
        DeviceTypeFfd = 0x02,

        /// <summary>Bit 2: set = mains powered.</summary>
        PowerSourceMains = 0x04,

        /// <summary>Bit 3: receiver enabled during idle periods.</summary>
        ReceiverOnWhenIdle = 0x08,

        /// <summary>Bit 6: the device can send and receive secured MAC frames.</summary>
        SecurityCapability = 0x40,

        /// <summary>Bit 7: the device asks the coordinator (parent) to allocate a short address.</summary>
        AllocateAddress = 0x80,
    }
}
