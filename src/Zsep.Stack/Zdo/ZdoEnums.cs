using System;

namespace Zsep.Stack.Zdo
{
    /// <summary>
    /// ZDP status values. Zigbee PRO (05-3474) 2.4.5, Table 2-139 (ZDP Enumerations Description); 0x87 is
    /// reserved, 0x8F-0x92 are Zigbee R23 additions.
    /// </summary>
    public enum ZdoStatus : byte
    {
        SUCCESS = 0x00,
        INV_REQUESTTYPE = 0x80,
        DEVICE_NOT_FOUND = 0x81,
        INVALID_EP = 0x82,
        NOT_ACTIVE = 0x83,
        NOT_SUPPORTED = 0x84,
        TIMEOUT = 0x85,
        NO_MATCH = 0x86,
        NO_ENTRY = 0x88,
        NO_DESCRIPTOR = 0x89,
        INSUFFICIENT_SPACE = 0x8A,
        NOT_PERMITTED = 0x8B,
        TABLE_FULL = 0x8C,
        NOT_AUTHORIZED = 0x8D,
        DEVICE_BINDING_TABLE_FULL = 0x8E,
        INVALID_INDEX = 0x8F,
        FRAME_TOO_LARGE = 0x90,
        BAD_KEY_NEGOTIATION_METHOD = 0x91,
        TEMPORARY_FAILURE = 0x92,
    }

    /// <summary>RequestType of NWK_addr_req / IEEE_addr_req. Zigbee PRO (05-3474) 2.4.3.1.1.</summary>
    public enum ZdoAddressRequestType : byte
    {
        SingleDeviceResponse = 0x00,
        ExtendedResponse = 0x01,
    }

    /// <summary>DstAddrMode of Bind_req/Unbind_req and binding table entries. Zigbee PRO (05-3474) 2.4.3.2.2.</summary>
    public enum ZdoAddressMode : byte
    {
        /// <summary>16-bit group address, no destination endpoint.</summary>
        Group = 0x01,

        /// <summary>64-bit extended address and destination endpoint.</summary>
        Extended = 0x03,
    }

    /// <summary>Logical type of the node descriptor. Zigbee PRO (05-3474) 2.3.2.3.1.</summary>
    public enum LogicalType : byte
    {
        Coordinator = 0,
        Router = 1,
        EndDevice = 2,
    }

    /// <summary>Frequency band bits of the node descriptor. Zigbee PRO (05-3474) 2.3.2.3.5.</summary>
    [Flags]
    public enum FrequencyBands : byte
    {
        None = 0,
        Band868MHz = 0x01,
        Band902To928MHz = 0x04,
        Band2400MHz = 0x08,
        EuropeanSubGHz = 0x10,
    }

    /// <summary>Server mask of the node descriptor; bits 9-15 carry the stack compliance revision. Zigbee PRO (05-3474) 2.3.2.3.10.</summary>
    [Flags]
    public enum ServerMask : ushort
    {
        None = 0,
        PrimaryTrustCenter = 0x0001,
        BackupTrustCenter = 0x0002,
        PrimaryBindingTableCache = 0x0004,
        BackupBindingTableCache = 0x0008,
        PrimaryDiscoveryCache = 0x0010,
        BackupDiscoveryCache = 0x0020,
        NetworkManager = 0x0040,
    }

    /// <summary>Descriptor capability field of the node descriptor. Zigbee PRO (05-3474) 2.3.2.3.12.</summary>
    [Flags]
    public enum DescriptorCapability : byte
    {
        None = 0,
        ExtendedActiveEndpointListAvailable = 0x01,
        ExtendedSimpleDescriptorListAvailable = 0x02,
    }

    /// <summary>Current power mode of the power descriptor. Zigbee PRO (05-3474) 2.3.2.4.1.</summary>
    public enum PowerMode : byte
    {
        ReceiverOnWhenIdle = 0,
        ReceiverOnPeriodically = 1,
        ReceiverOnWhenStimulated = 2,
    }

    /// <summary>Power sources of the power descriptor. Zigbee PRO (05-3474) 2.3.2.4.2 / 2.3.2.4.3.</summary>
    [Flags]
    public enum PowerSources : byte
    {
        None = 0,
        ConstantMains = 0x01,
        RechargeableBattery = 0x02,
        DisposableBattery = 0x04,
    }

    /// <summary>Current power source level of the power descriptor. Zigbee PRO (05-3474) 2.3.2.4.4.</summary>
    public enum PowerSourceLevel : byte
    {
        Critical = 0x0,
        Percent33 = 0x4,
        Percent66 = 0x8,
        Percent100 = 0xC,
    }

    /// <summary>Device type of a Mgmt_Lqi_rsp neighbor entry. Zigbee PRO (05-3474) 2.4.4.3.2 (neighbor table list record).</summary>
    public enum NeighborDeviceType : byte
    {
        Coordinator = 0,
        Router = 1,
        EndDevice = 2,
        Unknown = 3,
    }

    /// <summary>RxOnWhenIdle of a Mgmt_Lqi_rsp neighbor entry. Zigbee PRO (05-3474) 2.4.4.3.2.</summary>
    public enum NeighborRxOnWhenIdle : byte
    {
        Off = 0,
        On = 1,
        Unknown = 2,
        Reserved = 3,
    }

    /// <summary>Relationship of a Mgmt_Lqi_rsp neighbor entry. Zigbee PRO (05-3474) 2.4.4.3.2.</summary>
    public enum NeighborRelationship : byte
    {
        Parent = 0,
        Child = 1,
        Sibling = 2,
        NoneOfTheAbove = 3,
        PreviousChild = 4,
    }

    /// <summary>Permit joining of a Mgmt_Lqi_rsp neighbor entry. Zigbee PRO (05-3474) 2.4.4.3.2.</summary>
    public enum NeighborPermitJoining : byte
    {
        NotAccepting = 0,
        Accepting = 1,
        Unknown = 2,
        Reserved = 3,
    }

    /// <summary>Route status of a Mgmt_Rtg_rsp routing entry. Zigbee PRO (05-3474) 2.4.4.3.3 (routing table list record).</summary>
    public enum RouteStatus : byte
    {
        Active = 0,
        DiscoveryUnderway = 1,
        DiscoveryFailed = 2,
        Inactive = 3,
        ValidationUnderway = 4,
    }
}
