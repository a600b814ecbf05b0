namespace Zsep.Radio.Spinel
{
    /// <summary>
    /// Spinel status codes carried by PROP_LAST_STATUS (draft-rquattle-spinel-unified section 6 "Status Codes"; values
    /// as in OpenThread spinel.h <c>SPINEL_STATUS_*</c>). Encoded as a packed unsigned integer. Ranges: join
    /// failures 104-111, reset reasons 112-127, vendor 15360-16383, stack-native 16384-81919, experimental
    /// 2000000-2097151.
    /// </summary>
    public enum SpinelStatus : uint
    {
        Ok = 0,
        Failure = 1,
        Unimplemented = 2,
        InvalidArgument = 3,
        InvalidState = 4,
        InvalidCommand = 5,
        InvalidInterface = 6,
        InternalError = 7,
        SecurityError = 8,
        ParseError = 9,
        InProgress = 10,
        NoMem = 11,
        Busy = 12,
        PropNotFound = 13,
        Dropped = 14,
        Empty = 15,
        CmdTooBig = 16,
        NoAck = 17,
        CcaFailure = 18,
        Already = 19,
        ItemNotFound = 20,
        InvalidCommandForProp = 21,
        UnknownNeighbor = 22,
        NotCapable = 23,
        ResponseTimeout = 24,
        SwitchoverDone = 25,
        SwitchoverFailed = 26,

        JoinFailure = 104,
        JoinSecurity = 105,
        JoinNoPeers = 106,
        JoinIncompatible = 107,
        JoinRspTimeout = 108,
        JoinSuccess = 109,

        ResetPowerOn = 112,
        ResetExternal = 113,
        ResetSoftware = 114,
        ResetFault = 115,
        ResetCrash = 116,
        ResetAssert = 117,
        ResetOther = 118,
        ResetUnknown = 119,
        ResetWatchdog = 120,

        VendorBegin = 15360,
        StackNativeBegin = 16384,
        ExperimentalBegin = 2000000,
    }

    /// <summary>Helpers over <see cref="SpinelStatus"/>.</summary>
    public static class SpinelStatusExtensions
    {
        /// <summary>True for the reset reasons 112-127 an NCP reports after it (re)starts.</summary>
        public static bool IsResetReason(this SpinelStatus status) => (uint)status >= 112 && (uint)status < 128;
    }
}
