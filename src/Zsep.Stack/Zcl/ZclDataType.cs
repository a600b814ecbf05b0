using System.Collections.Generic;

namespace Zsep.Stack.Zcl
{
    /// <summary>ZCL data type identifiers, ZCL rev 7 (07-5123-07) 2.6.2 Table 2-10 "Data Types".</summary>
    public enum ZclDataType : byte
    {
        NoData = 0x00,
        Data8 = 0x08,
        Data16 = 0x09,
        Data24 = 0x0A,
        Data32 = 0x0B,
        Data40 = 0x0C,
        Data48 = 0x0D,
        Data56 = 0x0E,
        Data64 = 0x0F,
        Boolean = 0x10,
        Map8 = 0x18,
        Map16 = 0x19,
        Map24 = 0x1A,
        Map32 = 0x1B,
        Map40 = 0x1C,
        Map48 = 0x1D,
        Map56 = 0x1E,
        Map64 = 0x1F,
        UInt8 = 0x20,
        UInt16 = 0x21,
        UInt24 = 0x22,
        UInt32 = 0x23,
        UInt40 = 0x24,
        UInt48 = 0x25,
        UInt56 = 0x26,
        UInt64 = 0x27,
        Int8 = 0x28,
        Int16 = 0x29,
        Int24 = 0x2A,
        Int32 = 0x2B,
        Int40 = 0x2C,
        Int48 = 0x2D,
        Int56 = 0x2E,
        Int64 = 0x2F,
        Enum8 = 0x30,
        Enum16 = 0x31,
        SemiPrecision = 0x38,
        SinglePrecision = 0x39,
        DoublePrecision = 0x3A,
        OctetString = 0x41,
        CharacterString = 0x42,
        LongOctetString = 0x43,
        LongCharacterString = 0x44,
        Array = 0x48,
        Structure = 0x4C,
        Set = 0x50,
        Bag = 0x51,
        TimeOfDay = 0xE0,
        Date = 0xE1,
        UtcTime = 0xE2,
        ClusterId = 0xE8,
        AttributeId = 0xE9,
        BacnetOid = 0xEA,
        IeeeAddress = 0xF0,
        SecurityKey128 = 0xF1,
        Unknown = 0xFF,
    }

    /// <summary>The class column of ZCL 2.6.2 Table 2-10: analog types carry a reportable change in reporting configuration (2.5.7.1.7).</summary>
    public enum ZclDataClass
    {
        /// <summary>"-" in the table (nodata, unknown).</summary>
        None,
        Analog,
        Discrete,
    }

    /// <summary>How the .NET value of a type is laid out on the wire (internal codec switch).</summary>
    internal enum ZclWireKind
    {
        None,
        Unsigned,
        Signed,
        Boolean,
        Semi,
        Single,
        Double,
        OctetString,
        CharString,
        LongOctetString,
        LongCharString,
        Collection,
        Structure,
        TimeOfDay,
        Date,
        Utc,
        Eui64,
        Key128,
    }

    /// <summary>One row of ZCL rev 7 2.6.2 Table 2-10: id, short name, length, class and invalid value.</summary>
    public sealed class ZclDataTypeInfo
    {
        internal ZclDataTypeInfo(ZclDataType id, string name, string description, int length, ZclDataClass dataClass, string? invalidValue, ZclWireKind kind)
        {
            Id = id;
            Name = name;
            Description = description;
            Length = length;
            Class = dataClass;
            InvalidValue = invalidValue;
            Kind = kind;
        }

        public ZclDataType Id { get; }

        /// <summary>The short name of Table 2-10, such as "uint24" or "octstr".</summary>
        public string Name { get; }

        /// <summary>The long name of Table 2-10, such as "Unsigned 24-bit integer".</summary>
        public string Description { get; }

        /// <summary>Fixed encoded length in bytes, or -1 when variable (strings, collections).</summary>
        public int Length { get; }

        public bool IsVariableLength => Length < 0;

        public ZclDataClass Class { get; }

        public bool IsAnalog => Class == ZclDataClass.Analog;

        /// <summary>The invalid-value sentinel as the table writes it ("0xff", "0x8000", "NaN", "length 0xff"), or null when the type has none.</summary>
        public string? InvalidValue { get; }

        internal ZclWireKind Kind { get; }

        /// <summary>Smallest encoding of a value of this type: fixed length, or the length/count prefix of a variable one.</summary>
        internal int MinimumLength => Kind switch
        {
            ZclWireKind.OctetString or ZclWireKind.CharString => 1,
            ZclWireKind.LongOctetString or ZclWireKind.LongCharString or ZclWireKind.Structure => 2,
            ZclWireKind.Collection => 3,
            _ => Length,
        };

        public override string ToString() => $"{Name} (0x{(byte)Id:X2})";
    }

    /// <summary>The ZCL data type table (ZCL rev 7 2.6.2 Table 2-10) as data, looked up by id or short name.</summary>
    public static class ZclDataTypes
    {
        private static readonly ZclDataTypeInfo?[] ById = new ZclDataTypeInfo?[256];
        private static readonly Dictionary<string, ZclDataTypeInfo> ByName = new Dictionary<string, ZclDataTypeInfo>(System.StringComparer.OrdinalIgnoreCase);
        private static readonly List<ZclDataTypeInfo> AllTypes = new List<ZclDataTypeInfo>();

        static ZclDataTypes()
        {
            const ZclDataClass A = ZclDataClass.Analog;
            const ZclDataClass D = ZclDataClass.Discrete;
            Add(ZclDataType.NoData, "nodata", "No data", 0, ZclDataClass.None, null, ZclWireKind.None);
            for (int n = 1; n <= 8; n++)
            {
                Add((ZclDataType)(0x07 + n), "data" + (8 * n), $"{8 * n}-bit data", n, D, null, ZclWireKind.Unsigned);
            }

            Add(ZclDataType.Boolean, "bool", "Boolean", 1, D, "0xff", ZclWireKind.Boolean);
            for (int n = 1; n <= 8; n++)
            {
                Add((ZclDataType)(0x17 + n), "map" + (8 * n), $"{8 * n}-bit bitmap", n, D, null, ZclWireKind.Unsigned);
            }

            for (int n = 1; n <= 8; n++)
            {
                Add((ZclDataType)(0x1F + n), "uint" + (8 * n), $"Unsigned {8 * n}-bit integer", n, A, "0x" + new string('f', 2 * n), ZclWireKind.Unsigned);
            }

            for (int n = 1; n <= 8; n++)
            {
                Add((ZclDataType)(0x27 + n), "int" + (8 * n), $"Signed {8 * n}-bit integer", n, A, "0x80" + new string('0', 2 * (n - 1)), ZclWireKind.Signed);
            }

            Add(ZclDataType.Enum8, "enum8", "8-bit enumeration", 1, D, "0xff", ZclWireKind.Unsigned);
            Add(ZclDataType.Enum16, "enum16", "16-bit enumeration", 2, D, "0xffff", ZclWireKind.Unsigned);
            Add(ZclDataType.SemiPrecision, "semi", "Semi-precision", 2, A, "NaN", ZclWireKind.Semi);
            Add(ZclDataType.SinglePrecision, "single", "Single precision", 4, A, "NaN", ZclWireKind.Single);
            Add(ZclDataType.DoublePrecision, "double", "Double precision", 8, A, "NaN", ZclWireKind.Double);
            Add(ZclDataType.OctetString, "octstr", "Octet string", -1, D, "length 0xff", ZclWireKind.OctetString);
            Add(ZclDataType.CharacterString, "string", "Character string", -1, D, "length 0xff", ZclWireKind.CharString);
            Add(ZclDataType.LongOctetString, "octstr16", "Long octet string", -1, D, "length 0xffff", ZclWireKind.LongOctetString);
            Add(ZclDataType.LongCharacterString, "string16", "Long character string", -1, D, "length 0xffff", ZclWireKind.LongCharString);
            Add(ZclDataType.Array, "array", "Array", -1, D, "count 0xffff", ZclWireKind.Collection);
            Add(ZclDataType.Structure, "struct", "Structure", -1, D, "count 0xffff", ZclWireKind.Structure);
            Add(ZclDataType.Set, "set", "Set", -1, D, "count 0xffff", ZclWireKind.Collection);
            Add(ZclDataType.Bag, "bag", "Bag", -1, D, "count 0xffff", ZclWireKind.Collection);
            Add(ZclDataType.TimeOfDay, "ToD", "Time of day", 4, A, "0xffffffff", ZclWireKind.TimeOfDay);
            Add(ZclDataType.Date, "date", "Date", 4, A, "0xffffffff", ZclWireKind.Date);
            Add(ZclDataType.UtcTime, "UTC", "UTCTime", 4, A, "0xffffffff", ZclWireKind.Utc);
            Add(ZclDataType.ClusterId, "clusterId", "Cluster ID", 2, D, "0xffff", ZclWireKind.Unsigned);
            Add(ZclDataType.AttributeId, "attribId", "Attribute ID", 2, D, "0xffff", ZclWireKind.Unsigned);
            Add(ZclDataType.BacnetOid, "bacOID", "BACnet OID", 4, D, "0xffffffff", ZclWireKind.Unsigned);
            Add(ZclDataType.IeeeAddress, "EUI64", "IEEE address", 8, D, "0xffffffffffffffff", ZclWireKind.Eui64);
            Add(ZclDataType.SecurityKey128, "key128", "128-bit security key", 16, D, null, ZclWireKind.Key128);
            Add(ZclDataType.Unknown, "unk", "Unknown", 0, ZclDataClass.None, null, ZclWireKind.None);
        }

        private static void Add(ZclDataType id, string name, string description, int length, ZclDataClass c, string? invalid, ZclWireKind kind)
        {
            var info = new ZclDataTypeInfo(id, name, description, length, c, invalid, kind);
            ById[(byte)id] = info;
            ByName[name] = info;
            ByName[id.ToString()] = info;
            AllTypes.Add(info);
        }

        /// <summary>Every row of Table 2-10, in id order.</summary>
        public static IReadOnlyList<ZclDataTypeInfo> All => AllTypes;

        /// <summary>The row for an id, or null for a reserved id.</summary>
        public static ZclDataTypeInfo? Get(ZclDataType id) => ById[(byte)id];

        public static bool IsDefined(ZclDataType id) => ById[(byte)id] is not null;

        /// <summary>Looks up "uint24", "UInt24", "0x22" or "34".</summary>
        public static bool TryParse(string? text, out ZclDataTypeInfo? info)
        {
            info = null;
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            string t = text!.Trim();
            if (ByName.TryGetValue(t, out ZclDataTypeInfo? found))
            {
                info = found;
                return true;
            }

            if (ZclText.TryParseNumber(t, 0xFF, out uint n))
            {
                info = ById[n];
                return info is not null;
            }

            return false;
        }
    }
}
