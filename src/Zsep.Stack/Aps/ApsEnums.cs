namespace Zsep.Stack.Aps
{
    /// <summary>APS frame type, bits 0-1 of the frame control. Zigbee PRO (05-3474) 2.2.5.1.1.1 (frame type values).</summary>
    public enum ApsFrameType : byte
    {
        Data = 0,
        Command = 1,
        Ack = 2,

        /// <summary>Inter-PAN APS frame (stub APS header: no endpoints, no counter).</summary>
        InterPan = 3,
    }

    /// <summary>APS delivery mode, bits 2-3 of the frame control. Zigbee PRO (05-3474) 2.2.5.1.1.2 (delivery mode values).</summary>
    public enum ApsDeliveryMode : byte
    {
        Unicast = 0,

        /// <summary>Indirect (deprecated since Zigbee 2007: no destination endpoint).</summary>
        Indirect = 1,
        Broadcast = 2,
        Group = 3,
    }

    /// <summary>Fragmentation subfield of the extended frame control. Zigbee PRO (05-3474) 2.2.5.1.8.1.1 (fragmentation values).</summary>
    public enum ApsFragmentation : byte
    {
        NotFragmented = 0,
        FirstFragment = 1,
        PartOfFragmentedFrame = 2,

        /// <summary>Reserved value; decoded like a fragmented frame (block number present), as Wireshark does.</summary>
        Reserved = 3,
    }

    /// <summary>APS sub-layer status values. Zigbee PRO (05-3474) Table 2-27 (APS sub-layer status values).</summary>
    public enum ApsStatus : byte
    {
        SUCCESS = 0x00,
        ASDU_TOO_LONG = 0xA0,
        DEFRAG_DEFERRED = 0xA1,
        DEFRAG_UNSUPPORTED = 0xA2,
        ILLEGAL_REQUEST = 0xA3,
        INVALID_BINDING = 0xA4,
        INVALID_GROUP = 0xA5,
        INVALID_PARAMETER = 0xA6,
        NO_ACK = 0xA7,
        NO_BOUND_DEVICE = 0xA8,
        NO_SHORT_ADDRESS = 0xA9,
        NOT_SUPPORTED = 0xAA,
        SECURED_LINK_KEY = 0xAB,
        SECURED_NWK_KEY = 0xAC,
        SECURITY_FAIL = 0xAD,
        TABLE_FULL = 0xAE,
        UNSECURED = 0xAF,
        UNSUPPORTED_ATTRIBUTE = 0xB0,
    }

    /// <summary>APS command identifiers. Zigbee PRO (05-3474) 4.4.10 (0x01-0x04 and 0x0A-0x0D were SKKE/EA, removed).</summary>
    public enum ApsCommandId : byte
    {
        TransportKey = 0x05,
        UpdateDevice = 0x06,
        RemoveDevice = 0x07,
        RequestKey = 0x08,
        SwitchKey = 0x09,
        Tunnel = 0x0E,
        VerifyKey = 0x0F,
        ConfirmKey = 0x10,

        /// <summary>Zigbee R23 Relay Message Downstream (decoded as an unknown command, raw).</summary>
        RelayMessageDownstream = 0x11,

        /// <summary>Zigbee R23 Relay Message Upstream (decoded as an unknown command, raw).</summary>
        RelayMessageUpstream = 0x12,
    }

    /// <summary>
    /// Key type of Transport-Key, Request-Key and Verify-Key. Zigbee PRO (05-3474) 4.4.10.1 (key type
    /// values); 0x00, 0x02 and 0x05 are the pre-2012 master and high-security key types, decoded with the layout of
    /// the trust center link key, application link key and network key respectively, as Wireshark does.
    /// </summary>
    public enum ApsKeyType : byte
    {
        TrustCenterMasterKey = 0x00,
        StandardNetworkKey = 0x01,
        ApplicationMasterKey = 0x02,
        ApplicationLinkKey = 0x03,
        TrustCenterLinkKey = 0x04,
        HighSecurityNetworkKey = 0x05,
    }

    /// <summary>Status field of the APS Update-Device command. Zigbee PRO (05-3474) 4.4.10.2.</summary>
    public enum ApsUpdateDeviceStatus : byte
    {
        StandardDeviceSecuredRejoin = 0x00,
        StandardDeviceUnsecuredJoin = 0x01,
        DeviceLeft = 0x02,
        StandardDeviceTrustCenterRejoin = 0x03,
    }
}
