namespace Zsep.Radio.Spinel
{
    /// <summary>
    /// Spinel command identifiers (draft-rquattle-spinel-unified section 4 "Commands"; values as in OpenThread
    /// src/lib/spinel/spinel.h <c>SPINEL_CMD_*</c>). Encoded on the wire as a packed unsigned integer; values not
    /// listed here (vendor 15360-16383, experimental 2000000-2097151) decode to their number.
    /// </summary>
    public enum SpinelCommandId : uint
    {
        /// <summary>No-operation; the NCP answers LAST_STATUS=OK (liveness check). Host to NCP.</summary>
        Noop = 0,

        /// <summary>Reset the NCP; optional payload C = reset type (<see cref="SpinelResetType"/>). Host to NCP.</summary>
        Reset = 1,

        /// <summary>Get a property value: payload i = property id. Host to NCP.</summary>
        PropValueGet = 2,

        /// <summary>Set a property value: payload iD. Host to NCP.</summary>
        PropValueSet = 3,

        /// <summary>Insert a value into a list property: payload iD. Host to NCP.</summary>
        PropValueInsert = 4,

        /// <summary>Remove a value from a list property: payload iD. Host to NCP.</summary>
        PropValueRemove = 5,

        /// <summary>Property value notification: payload iD. NCP to host.</summary>
        PropValueIs = 6,

        /// <summary>Property value inserted notification: payload iD. NCP to host.</summary>
        PropValueInserted = 7,

        /// <summary>Property value removed notification: payload iD. NCP to host.</summary>
        PropValueRemoved = 8,

        /// <summary>Deprecated.</summary>
        NetSave = 9,

        /// <summary>Clear saved network settings.</summary>
        NetClear = 10,

        /// <summary>Deprecated.</summary>
        NetRecall = 11,

        HboOffload = 12,
        HboReclaim = 13,
        HboDrop = 14,
        HboOffloaded = 15,
        HboReclaimed = 16,
        HboDropped = 17,

        /// <summary>Peek NCP memory (LU).</summary>
        Peek = 18,

        /// <summary>Peek result (LUD).</summary>
        PeekRet = 19,

        /// <summary>Poke NCP memory (LUD).</summary>
        Poke = 20,

        PropValueMultiGet = 21,
        PropValueMultiSet = 22,
        PropValuesAre = 23,

        /// <summary>First vendor-specific command id.</summary>
        VendorBegin = 15360,

        /// <summary>First experimental command id.</summary>
        ExperimentalBegin = 2000000,
    }

    /// <summary>The optional reset type byte of <see cref="SpinelCommandId.Reset"/> (spinel.h <c>SPINEL_RESET_*</c>).</summary>
    public enum SpinelResetType : byte
    {
        Platform = 1,
        Stack = 2,
        Bootloader = 3,
    }
}
