namespace Zsep.Stack.Nwk
{
    /// <summary>
    /// Network status codes carried by the network status command and reported in NLME-NWK-STATUS.indication.
    /// Zigbee PRO 2015 (05-3474-21) 3.4.3.3.1 Status Code Field, Table 3-42 Status Codes for Network Status Command
    /// Frame; 0x14 PAN identifier conflict report from Zigbee R22/R23 (values 0x15-0xFF reserved).
    /// </summary>
    public enum NwkStatusCode : byte
    {
        /// <summary>Route discovery and/or repair has been attempted and no route to the destination was found.</summary>
        NoRouteAvailable = 0x00,

        /// <summary>The routing failure occurred as a result of the failure of an attempt to route along a tree link.</summary>
        TreeLinkFailure = 0x01,

        /// <summary>The routing failure did not occur along a tree link (a link failure, in Zigbee R23 terms).</summary>
        NonTreeLinkFailure = 0x02,

        LowBatteryLevel = 0x03,
        NoRoutingCapacity = 0x04,
        NoIndirectCapacity = 0x05,
        IndirectTransactionExpiry = 0x06,
        TargetDeviceUnavailable = 0x07,
        TargetAddressUnallocated = 0x08,

        /// <summary>Local only: loss of communication with the device's parent.</summary>
        ParentLinkFailure = 0x09,
        ValidateRoute = 0x0A,

        /// <summary>Source routing has failed, probably a link failure in one of the source route's links.</summary>
        SourceRouteFailure = 0x0B,

        /// <summary>A route established by a many-to-one route request has failed.</summary>
        ManyToOneRouteFailure = 0x0C,

        /// <summary>The address in the destination address field is in use by two or more devices.</summary>
        AddressConflict = 0x0D,
        VerifyAddresses = 0x0E,

        /// <summary>The operational network PAN identifier of the device has been updated.</summary>
        PanIdentifierUpdate = 0x0F,

        /// <summary>The network address of the local device has been updated.</summary>
        NetworkAddressUpdate = 0x10,
        BadFrameCounter = 0x11,
        BadKeySequenceNumber = 0x12,

        /// <summary>The NWK command id is not known to the device; the command carries the unknown id.</summary>
        UnknownCommand = 0x13,

        /// <summary>Zigbee R22+: a PAN ID conflict report was received by the network manager (local notification).</summary>
        PanIdentifierConflictReport = 0x14,
    }

    /// <summary>
    /// NLME / NLDE confirm and indication status values (NWK layer status, Zigbee PRO 2015 (05-3474-21) 3.7
    /// NWK Layer Status Values; MAC and security statuses pass through with their own values). 0xD5-0xD7 are Zigbee R23.
    /// </summary>
    public enum NlmeStatus : byte
    {
        Success = 0x00,
        InvalidParameter = 0xC1,
        InvalidRequest = 0xC2,
        NotPermitted = 0xC3,
        StartupFailure = 0xC4,
        AlreadyPresent = 0xC5,
        SyncFailure = 0xC6,
        NeighborTableFull = 0xC7,
        UnknownDevice = 0xC8,
        UnsupportedAttribute = 0xC9,
        NoNetworks = 0xCA,

        /// <summary>A leave was sent but not acknowledged (NLME-LEAVE.confirm).</summary>
        LeaveUnconfirmed = 0xCB,
        MaxFrameCounter = 0xCC,
        NoKey = 0xCD,
        BadCcmOutput = 0xCE,

        /// <summary>Zigbee 2006/2007; reserved in later revisions.</summary>
        NoRoutingCapacity = 0xCF,
        RouteDiscoveryFailed = 0xD0,
        RouteError = 0xD1,
        BtTableFull = 0xD2,
        FrameNotBuffered = 0xD3,
        InvalidInterface = 0xD5,
        MissingTlv = 0xD6,
        InvalidTlv = 0xD7,
    }

    /// <summary>
    /// Rejoin status of the rejoin response command: the MAC association status values.
    /// Zigbee PRO 2015 (05-3474-21) 3.4.7.3.2 Rejoin Status Field; IEEE 802.15.4-2015 7.5.3 Association Status.
    /// </summary>
    public enum NwkRejoinStatus : byte
    {
        Success = 0x00,
        PanAtCapacity = 0x01,
        PanAccessDenied = 0x02,
        HoppingSequenceOffsetDuplication = 0x03,
        FastAssociationSuccessful = 0x80,
    }

    /// <summary>
    /// Status of the end device timeout response.
    /// Zigbee PRO 2015 (05-3474-21) 3.4.12.3.1 Status Field.
    /// </summary>
    public enum NwkEndDeviceTimeoutStatus : byte
    {
        Success = 0x00,
        IncorrectValue = 0x01,
    }
}
