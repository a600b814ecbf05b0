namespace Zsep.Stack.Zcl
{
    /// <summary>
    /// ZCL status codes, ZCL rev 7 (07-5123-07) 2.6.3 Table 2-12 "Enumerated Status Values Used in the ZCL"
    /// (with the OTA and hardware values of rev 6). A value not listed here is carried as its number.
    /// </summary>
    public enum ZclStatus : byte
    {
        Success = 0x00,
        Failure = 0x01,
        NotAuthorized = 0x7E,
        ReservedFieldNotZero = 0x7F,
        MalformedCommand = 0x80,
        UnsupClusterCommand = 0x81,
        UnsupGeneralCommand = 0x82,
        UnsupManufClusterCommand = 0x83,
        UnsupManufGeneralCommand = 0x84,
        InvalidField = 0x85,
        UnsupportedAttribute = 0x86,
        InvalidValue = 0x87,
        ReadOnly = 0x88,
        InsufficientSpace = 0x89,
        DuplicateExists = 0x8A,
        NotFound = 0x8B,
        UnreportableAttribute = 0x8C,
        InvalidDataType = 0x8D,
        InvalidSelector = 0x8E,
        WriteOnly = 0x8F,
        InconsistentStartupState = 0x90,
        DefinedOutOfBand = 0x91,
        Inconsistent = 0x92,
        ActionDenied = 0x93,
        Timeout = 0x94,
        Abort = 0x95,
        InvalidImage = 0x96,
        WaitForData = 0x97,
        NoImageAvailable = 0x98,
        RequireMoreImage = 0x99,
        NotificationPending = 0x9A,
        HardwareFailure = 0xC0,
        SoftwareFailure = 0xC1,
        CalibrationError = 0xC2,
        UnsupportedCluster = 0xC3,
    }
}
