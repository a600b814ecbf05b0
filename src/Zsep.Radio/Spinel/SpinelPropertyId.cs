namespace Zsep.Radio.Spinel
{
    /// <summary>
    /// Spinel property identifiers (draft-rquattle-spinel-unified section 5 "Properties"; values as in OpenThread
    /// src/lib/spinel/spinel.h <c>SPINEL_PROP_*</c>). Encoded as a packed unsigned integer. Only the core, PHY, MAC,
    /// stream, RCP, interface, PIB and a few counter properties a radio co-processor host uses are named; any other
    /// id decodes to its number. The value format (Spinel data-packing signature) is given for each.
    /// </summary>
    public enum SpinelPropertyId : uint
    {
        // Core (0x00-0x1F)

        /// <summary>i: status of the last operation / reset reason (<see cref="SpinelStatus"/>).</summary>
        LastStatus = 0,

        /// <summary>ii: protocol major and minor version (4.3 in current OpenThread).</summary>
        ProtocolVersion = 1,

        /// <summary>U: firmware version string.</summary>
        NcpVersion = 2,

        /// <summary>i: network protocol type (<see cref="SpinelProtocolType"/>).</summary>
        InterfaceType = 3,

        /// <summary>i: vendor id, 0 for unknown.</summary>
        VendorId = 4,

        /// <summary>A(i): capability list (<see cref="SpinelCapability"/>).</summary>
        Caps = 5,

        /// <summary>C: number of interfaces.</summary>
        InterfaceCount = 6,

        /// <summary>C: deprecated power state.</summary>
        PowerState = 7,

        /// <summary>E: the static EUI-64 of the device (big-endian on the wire).</summary>
        HwAddr = 8,

        Lock = 9,
        HboMemMax = 10,
        HboBlockMax = 11,

        /// <summary>C: host power state.</summary>
        HostPowerState = 12,

        /// <summary>C: NCP MCU power state.</summary>
        McuPowerState = 13,

        // PHY (0x20-0x2F)

        /// <summary>b: PHY enabled.</summary>
        PhyEnabled = 0x20,

        /// <summary>C: current channel.</summary>
        PhyChan = 0x21,

        /// <summary>A(C): supported channels.</summary>
        PhyChanSupported = 0x22,

        /// <summary>L: frequency in kHz.</summary>
        PhyFreq = 0x23,

        /// <summary>c: CCA threshold in dBm.</summary>
        PhyCcaThreshold = 0x24,

        /// <summary>c: transmit power in dBm.</summary>
        PhyTxPower = 0x25,

        /// <summary>c: instantaneous RSSI in dBm.</summary>
        PhyRssi = 0x26,

        /// <summary>c: receive sensitivity in dBm.</summary>
        PhyRxSensitivity = 0x27,

        /// <summary>b: packet capture enabled.</summary>
        PhyPcapEnabled = 0x28,

        /// <summary>A(C): preferred channels.</summary>
        PhyChanPreferred = 0x29,

        /// <summary>c: FEM LNA gain in dBm.</summary>
        PhyFemLnaGain = 0x2A,

        /// <summary>Cc: maximum power of a channel (write-only).</summary>
        PhyChanMaxPower = 0x2B,

        /// <summary>S: ISO 3166 alpha-2 region code.</summary>
        PhyRegionCode = 0x2C,

        /// <summary>A(Csd): calibrated power table.</summary>
        PhyCalibratedPower = 0x2D,

        /// <summary>t(Cs): target power of a channel.</summary>
        PhyChanTargetPower = 0x2E,

        // MAC (0x30-0x3F)

        /// <summary>C: scan state (<see cref="SpinelScanState"/>).</summary>
        MacScanState = 0x30,

        /// <summary>A(C): channels to scan.</summary>
        MacScanMask = 0x31,

        /// <summary>S: scan period per channel in ms.</summary>
        MacScanPeriod = 0x32,

        /// <summary>Cct(ESSc)t(iCUdd): scan beacon (asynchronous).</summary>
        MacScanBeacon = 0x33,

        /// <summary>E: 802.15.4 long address.</summary>
        Mac15_4LAddr = 0x34,

        /// <summary>S: 802.15.4 short address.</summary>
        Mac15_4SAddr = 0x35,

        /// <summary>S: 802.15.4 PAN id.</summary>
        Mac15_4PanId = 0x36,

        /// <summary>b: emit raw MAC frames on STREAM_RAW.</summary>
        MacRawStreamEnabled = 0x37,

        /// <summary>C: promiscuous mode (<see cref="SpinelMacPromiscuousMode"/>).</summary>
        MacPromiscuousMode = 0x38,

        /// <summary>Cc: energy scan result, channel and RSSI (asynchronous).</summary>
        MacEnergyScanResult = 0x39,

        /// <summary>L: data poll period in ms.</summary>
        MacDataPollPeriod = 0x3A,

        /// <summary>b: receiver on when idle.</summary>
        MacRxOnWhenIdleMode = 0x3B,

        /// <summary>S: alternate short address.</summary>
        Mac15_4AltSAddr = 0x3C,

        /// <summary>XLC: scheduled receive window.</summary>
        MacRxAt = 0x3D,

        // Network (0x40-0x4F), only the generic ones

        NetSaved = 0x40,
        NetIfUp = 0x41,
        NetStackUp = 0x42,
        NetRole = 0x43,
        NetNetworkName = 0x44,
        NetXPanId = 0x45,
        NetNetworkKey = 0x46,
        NetKeySequenceCounter = 0x47,
        NetPartitionId = 0x48,

        // Stream (0x70-0x7F)

        /// <summary>U: debug text stream.</summary>
        StreamDebug = 0x70,

        /// <summary>dD: raw 802.15.4 frames with metadata (<see cref="SpinelStreamRawReceived"/>, <see cref="SpinelStreamRawTransmit"/>).</summary>
        StreamRaw = 0x71,

        /// <summary>dD: network (IPv6) packets.</summary>
        StreamNet = 0x72,

        /// <summary>dD: insecure network packets.</summary>
        StreamNetInsecure = 0x73,

        /// <summary>UD: log stream with optional metadata.</summary>
        StreamLog = 0x74,

        /// <summary>U: CLI stream.</summary>
        StreamCli = 0x75,

        // RCP (0xB0-0xFF)

        /// <summary>i: RCP API version.</summary>
        RcpApiVersion = 0xB0,

        /// <summary>i: minimum host RCP API version the RCP works with.</summary>
        RcpMinHostApiVersion = 0xB1,

        /// <summary>Empty, write-only: log a crash dump.</summary>
        RcpLogCrashDump = 0xB2,

        // Interface (0x100-0x1FF)

        /// <summary>L: UART bit rate.</summary>
        UartBitrate = 0x100,

        /// <summary>b: UART XON/XOFF flow control.</summary>
        UartXonXoff = 0x101,

        // 802.15.4 PIB (0x400-0x4FF)

        Pib15_4PhyChannelsSupported = 0x401,
        Pib15_4MacPromiscuousMode = 0x451,
        Pib15_4MacSecurityEnabled = 0x45D,

        // Counters (0x500-0x7FF), a few

        /// <summary>Empty, write-only: reset all counters.</summary>
        CntrReset = 0x500,

        /// <summary>t(A(L))t(A(L)): all MAC counters.</summary>
        CntrAllMacCounters = 0x500 + 401,

        // RCP extension (0x800-0x8FF)

        /// <summary>CCddd: MAC key id mode, key id, previous/current/next key.</summary>
        RcpMacKey = 0x800,

        /// <summary>L (or Lb on write): MAC frame counter.</summary>
        RcpMacFrameCounter = 0x801,

        /// <summary>X: RCP timestamp.</summary>
        RcpTimestamp = 0x802,

        /// <summary>SEC: enhanced-ACK probing configuration.</summary>
        RcpEnhAckProbing = 0x803,

        /// <summary>C: CSL accuracy in ppm.</summary>
        RcpCslAccuracy = 0x804,

        /// <summary>C: CSL uncertainty.</summary>
        RcpCslUncertainty = 0x805,

        // Core extension (0x1000-0x11FF), PHY extension (0x1200-), MAC extension (0x1300-)

        GpioConfig = 0x1000,
        GpioState = 0x1002,
        GpioStateSet = 0x1003,
        GpioStateClear = 0x1004,

        /// <summary>L: 32-bit random number.</summary>
        Trng32 = 0x1005,

        /// <summary>D: 16 random bytes.</summary>
        Trng128 = 0x1006,

        TrngRaw32 = 0x1007,
        UnsolUpdateFilter = 0x1008,
        UnsolUpdateList = 0x1009,

        JamDetectEnable = 0x1200,
        JamDetected = 0x1201,
        JamDetectRssiThreshold = 0x1202,
        JamDetectWindow = 0x1203,
        JamDetectBusy = 0x1204,
        JamDetectHistoryBitmap = 0x1205,

        /// <summary>i: radio capabilities (otRadioCaps).</summary>
        RadioCaps = 0x120B,

        RadioCoexMetrics = 0x120C,
        RadioCoexEnable = 0x120D,

        MacAllowlist = 0x1300,
        MacAllowlistEnabled = 0x1301,

        /// <summary>E: MAC extended address.</summary>
        MacExtendedAddr = 0x1302,

        /// <summary>b: source address matching for frame-pending in ACKs.</summary>
        MacSrcMatchEnabled = 0x1303,

        /// <summary>A(S): source match short addresses.</summary>
        MacSrcMatchShortAddresses = 0x1304,

        /// <summary>A(E): source match extended addresses.</summary>
        MacSrcMatchExtendedAddresses = 0x1305,

        MacDenylist = 0x1306,
        MacDenylistEnabled = 0x1307,
        MacFixedRss = 0x1308,
        MacCcaFailureRate = 0x1309,
        MacMaxRetryNumberDirect = 0x130A,
        MacMaxRetryNumberIndirect = 0x130B,

        /// <summary>First vendor-specific property id.</summary>
        VendorBegin = 0x3C00,

        /// <summary>First debug property id.</summary>
        DebugBegin = 0x4000,

        /// <summary>First experimental property id.</summary>
        ExperimentalBegin = 2000000,
    }

    /// <summary>Values of PROP_INTERFACE_TYPE (spinel.h <c>SPINEL_PROTOCOL_TYPE_*</c>).</summary>
    public enum SpinelProtocolType : uint
    {
        Bootloader = 0,
        ZigbeeIp = 2,
        Thread = 3,
    }

    /// <summary>Values of PROP_MAC_SCAN_STATE (spinel.h <c>SPINEL_SCAN_STATE_*</c>).</summary>
    public enum SpinelScanState : byte
    {
        Idle = 0,
        Beacon = 1,
        Energy = 2,
        Discover = 3,
    }

    /// <summary>Values of PROP_MAC_PROMISCUOUS_MODE (spinel.h <c>SPINEL_MAC_PROMISCUOUS_MODE_*</c>).</summary>
    public enum SpinelMacPromiscuousMode : byte
    {
        /// <summary>Normal MAC filtering.</summary>
        Off = 0,

        /// <summary>All frames matching the network.</summary>
        Network = 1,

        /// <summary>All decoded frames.</summary>
        Full = 2,
    }

    /// <summary>Capabilities listed by PROP_CAPS (spinel.h <c>SPINEL_CAP_*</c>), the ones a radio host looks at.</summary>
    public enum SpinelCapability : uint
    {
        Lock = 1,
        NetSave = 2,
        Hbo = 3,
        PowerSave = 4,
        Counters = 5,
        JamDetect = 6,
        PeekPoke = 7,
        WritableRawStream = 8,
        Gpio = 9,
        Trng = 10,
        CmdMulti = 11,
        UnsolUpdateFilter = 12,
        McuPowerState = 13,
        Pcap = 14,
        Ieee802154_2003 = 16,
        Ieee802154_2006 = 17,
        Ieee802154_2011 = 18,
        Ieee802154Pib = 21,
        Ieee802154_2450MhzOqpsk = 24,
        Ieee802154_915MhzOqpsk = 25,
        Ieee802154_868MhzOqpsk = 26,
        Ieee802154_915MhzBpsk = 27,
        Ieee802154_868MhzBpsk = 28,
        Ieee802154_915MhzAsk = 29,
        Ieee802154_868MhzAsk = 30,
        ConfigFtd = 32,
        ConfigMtd = 33,
        ConfigRadio = 34,
        RoleRouter = 48,
        RoleSleepy = 49,
        NetThread1_0 = 52,
        NetThread1_1 = 53,
        NetThread1_2 = 54,
        RcpApiVersion = 64,
        RcpMinHostApiVersion = 65,
        RcpResetToBootloader = 66,
        RcpLogCrashDump = 67,
        MacAllowlist = 512,
        MacRaw = 513,
        OobSteeringData = 514,
        ChannelMonitor = 515,
        ErrorRateTracking = 516,
        ChannelManager = 517,
        OpenThreadLogMetadata = 518,
        TimeSync = 519,
        ChildSupervision = 520,
        Posix = 521,
        Slaac = 522,
        RadioCoex = 523,
        MacRetryHistogram = 524,
        MultiRadio = 525,
        SrpClient = 526,
        Dua = 527,
        ReferenceDevice = 528,
    }
}
