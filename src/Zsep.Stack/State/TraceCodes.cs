namespace Zsep.Stack.State
{
    /// <summary>
    /// The event codes of trace.log (issue 3 §5). A code is upper case letters, digits and underscores; errors start
    /// with ERR_ or name the failing primitive's status (MAC_NO_ACK is IEEE 802.15.4-2006 7.1.17 NO_ACK).
    /// </summary>
    public static class TraceCodes
    {
        /// <summary>The coordinator formed the network (NLME-NETWORK-FORMATION.confirm, Zigbee PRO 3.2.2.4).</summary>
        public const string NwkFormed = "NWK_FORMED";

        /// <summary>A stored network was reopened.</summary>
        public const string NwkResumed = "NWK_RESUMED";

        /// <summary>Joining was opened or closed (Mgmt_Permit_Joining_req, Zigbee PRO 2.4.3.3.7).</summary>
        public const string PermitJoin = "PERMIT_JOIN";

        /// <summary>An install code was registered.</summary>
        public const string InstallCodeAdded = "INSTALL_CODE_ADDED";

        /// <summary>A device associated (MLME-ASSOCIATE.indication, IEEE 802.15.4-2006 7.1.3.2).</summary>
        public const string DeviceAssociated = "DEVICE_ASSOCIATED";

        /// <summary>The Trust Center sent the network key (APS Transport-Key, Zigbee PRO 4.4.3.1).</summary>
        public const string KeyTransported = "KEY_TRANSPORTED";

        /// <summary>A device completed its join (Device_annce received, Zigbee PRO 2.4.3.1.11).</summary>
        public const string DeviceJoined = "DEVICE_JOINED";

        /// <summary>A device left or was removed (NLME-LEAVE, Zigbee PRO 3.2.2.17; APS Remove-Device 4.4.3.6).</summary>
        public const string DeviceLeft = "DEVICE_LEFT";

        /// <summary>A node's network address changed (address conflict or rejoin).</summary>
        public const string AddressChanged = "ADDRESS_CHANGED";

        /// <summary>The network key was switched (APS Switch-Key, Zigbee PRO 4.4.3.7).</summary>
        public const string KeySwitched = "KEY_SWITCHED";

        /// <summary>The network moved to another channel (Mgmt_NWK_Update_req, Zigbee PRO 2.4.3.3.9, 3.6.1.10).</summary>
        public const string ChannelChanged = "CHANNEL_CHANGED";

        /// <summary>A device was refused or a frame failed authentication: unknown device, wrong key, bad MIC.</summary>
        public const string ErrAuthSecFail = "ERR_AUTH_SEC_FAIL";

        /// <summary>A replayed or stale frame counter was rejected (Zigbee PRO 4.3.1.2 step 5).</summary>
        public const string ErrFrameCounter = "ERR_FRAME_COUNTER";

        /// <summary>A unicast got no MAC acknowledgement after macMaxFrameRetries.</summary>
        public const string MacNoAck = "MAC_NO_ACK";

        /// <summary>The channel stayed busy (CHANNEL_ACCESS_FAILURE, IEEE 802.15.4-2006 7.5.1.4).</summary>
        public const string MacChannelAccessFailure = "MAC_CHANNEL_ACCESS_FAILURE";

        /// <summary>Route discovery failed or a route broke (Network Status, Zigbee PRO 3.4.3).</summary>
        public const string RouteFail = "ROUTE_FAIL";

        /// <summary>A route was discovered or repaired.</summary>
        public const string RouteDiscovered = "ROUTE_DISCOVERED";

        /// <summary>A network was restored from a backup (Restore-ZsepNetwork).</summary>
        public const string NwkRestored = "NWK_RESTORED";

        /// <summary>The radio was lost or reset.</summary>
        public const string RadioLost = "RADIO_LOST";

        /// <summary>The state on disk could not be written.</summary>
        public const string ErrStore = "ERR_STORE";

        /// <summary>Start-ZsepCapture began writing a pcap file.</summary>
        public const string CaptureStarted = "CAPTURE_STARTED";

        /// <summary>A capture ended (Stop-ZsepCapture, or an I/O error, which the detail names).</summary>
        public const string CaptureStopped = "CAPTURE_STOPPED";

        /// <summary>Secret keys were exported on the user's explicit, confirmed request (never the keys themselves).</summary>
        public const string KeysExported = "KEYS_EXPORTED";
    }
}
