using System;
using System.Collections.Generic;
using Zsep.Stack.Codec;
using Zsep.Stack.Mac;

namespace Zsep.Stack.Zdo
{
    /// <summary>Shared readers and writers of the ZDO codecs.</summary>
    internal static class ZdoWire
    {
        /// <summary>Reads a count-prefixed list of 16-bit values; the count is checked against the bytes left first.</summary>
        public static ushort[] ReadUInt16List(ref FrameReader r, string countField, string listField)
        {
            int count = r.ReadByte(countField);
            return ReadUInt16List(ref r, count, listField);
        }

        public static ushort[] ReadUInt16List(ref FrameReader r, int count, string listField)
        {
            r.Require(count * 2, listField);
            if (count == 0)
            {
                return Array.Empty<ushort>();
            }

            var list = new ushort[count];
            for (int i = 0; i < count; i++)
            {
                list[i] = r.ReadUInt16(listField);
            }

            return list;
        }

        public static void WriteUInt16List(ref FrameWriter w, IReadOnlyList<ushort>? list, string field)
        {
            int count = list?.Count ?? 0;
            w.WriteByte(CountByte(count, field));
            for (int i = 0; i < count; i++)
            {
                w.WriteUInt16(list![i]);
            }
        }

        public static byte CountByte(int count, string field) =>
            count <= byte.MaxValue ? (byte)count : throw new InvalidOperationException($"{field} has {count} entries; at most 255 fit its count field.");

        /// <summary>Checks that <paramref name="count"/> entries of at least <paramref name="minEntryLength"/> bytes can fit.</summary>
        public static void RequireEntries(ref FrameReader r, int count, int minEntryLength, string field)
        {
            if ((long)count * minEntryLength > r.Remaining)
            {
                throw r.Error(field, $"{count} entries of at least {minEntryLength} bytes do not fit in the {r.Remaining} bytes left");
            }
        }

        /// <summary>
        /// Reads a count-prefixed list of table records (Mgmt_Lqi_rsp, Mgmt_Rtg_rsp, Mgmt_Bind_rsp); the count is
        /// checked against the bytes left before allocating.
        /// </summary>
        public static T[] ReadEntries<T>(ref FrameReader r, string countField, int minEntryLength, string listField, EntryReader<T> read)
        {
            int count = r.ReadByte(countField);
            RequireEntries(ref r, count, minEntryLength, listField);
            var list = new T[count];
            for (int i = 0; i < count; i++)
            {
                list[i] = read(ref r);
            }

            return list;
        }

        /// <summary>Writes the count byte and then each record of a table list.</summary>
        public static void WriteEntries<T>(ref FrameWriter w, IReadOnlyList<T> list, string field, EntryWriter<T> write)
        {
            w.WriteByte(CountByte(list.Count, field));
            for (int i = 0; i < list.Count; i++)
            {
                write(ref w, list[i]);
            }
        }

        internal delegate T EntryReader<out T>(ref FrameReader r);

        internal delegate void EntryWriter<in T>(ref FrameWriter w, T entry);
    }

    /// <summary>
    /// The node descriptor (13 bytes). Zigbee PRO (05-3474) 2.3.2.3 Node Descriptor: logical type, complex and user
    /// descriptor available, APS flags, frequency band, MAC capability flags, manufacturer code, maximum buffer
    /// size, maximum incoming transfer size, server mask, maximum outgoing transfer size, descriptor capability.
    /// Reserved bits are not kept.
    /// </summary>
    public sealed record NodeDescriptor
    {
        public const int Length = 13;

        /// <summary>2.3.2.3.1 (3 bits).</summary>
        public LogicalType LogicalType { get; init; }

        /// <summary>2.3.2.3.2.</summary>
        public bool ComplexDescriptorAvailable { get; init; }

        /// <summary>2.3.2.3.3.</summary>
        public bool UserDescriptorAvailable { get; init; }

        /// <summary>2.3.2.3.4 APS flags (3 bits, unused by the spec).</summary>
        public byte ApsFlags { get; init; }

        /// <summary>2.3.2.3.5 (5 bits).</summary>
        public FrequencyBands FrequencyBand { get; init; }

        /// <summary>2.3.2.3.6.</summary>
        public MacCapabilityInformation MacCapabilityFlags { get; init; }

        /// <summary>2.3.2.3.7.</summary>
        public ushort ManufacturerCode { get; init; }

        /// <summary>2.3.2.3.8.</summary>
        public byte MaximumBufferSize { get; init; }

        /// <summary>2.3.2.3.9.</summary>
        public ushort MaximumIncomingTransferSize { get; init; }

        /// <summary>2.3.2.3.10, all 16 bits (flags in bits 0-6, stack compliance revision in bits 9-15).</summary>
        public ServerMask ServerMask { get; init; }

        /// <summary>Bits 9-15 of the server mask: 21 and up for Zigbee PRO R21 and later, 0 before R21.</summary>
        public int StackComplianceRevision => (ushort)ServerMask >> 9;

        /// <summary>2.3.2.3.11.</summary>
        public ushort MaximumOutgoingTransferSize { get; init; }

        /// <summary>2.3.2.3.12.</summary>
        public DescriptorCapability DescriptorCapabilityField { get; init; }

        public static NodeDescriptor Decode(ReadOnlySpan<byte> data)
        {
            var r = new FrameReader(data, FrameLayer.Zdo);
            return Read(ref r);
        }

        internal static NodeDescriptor Read(ref FrameReader r)
        {
            r.Require(Length, "NodeDescriptor");
            byte b0 = r.ReadByte("NodeDescriptor.LogicalType");
            byte b1 = r.ReadByte("NodeDescriptor.FrequencyBand");
            return new NodeDescriptor
            {
                LogicalType = (LogicalType)(b0 & 0x07),
                ComplexDescriptorAvailable = (b0 & 0x08) != 0,
                UserDescriptorAvailable = (b0 & 0x10) != 0,
                ApsFlags = (byte)(b1 & 0x07),
                FrequencyBand = (FrequencyBands)(b1 >> 3),
                MacCapabilityFlags = (MacCapabilityInformation)r.ReadByte("NodeDescriptor.MacCapabilityFlags"),
                ManufacturerCode = r.ReadUInt16("NodeDescriptor.ManufacturerCode"),
                MaximumBufferSize = r.ReadByte("NodeDescriptor.MaximumBufferSize"),
                MaximumIncomingTransferSize = r.ReadUInt16("NodeDescriptor.MaximumIncomingTransferSize"),
                ServerMask = (ServerMask)r.ReadUInt16("NodeDescriptor.ServerMask"),
                MaximumOutgoingTransferSize = r.ReadUInt16("NodeDescriptor.MaximumOutgoingTransferSize"),
                DescriptorCapabilityField = (DescriptorCapability)r.ReadByte("NodeDescriptor.DescriptorCapability"),
            };
        }

        public byte[] ToArray()
        {
            byte[] bytes = new byte[Length];
            var w = new FrameWriter(bytes);
            Write(ref w);
            return bytes;
        }

        internal void Write(ref FrameWriter w)
        {
            w.WriteByte((byte)(((byte)LogicalType & 0x07) | (ComplexDescriptorAvailable ? 0x08 : 0) | (UserDescriptorAvailable ? 0x10 : 0)));
            w.WriteByte((byte)((ApsFlags & 0x07) | (((byte)FrequencyBand & 0x1F) << 3)));
            w.WriteByte((byte)MacCapabilityFlags);
            w.WriteUInt16(ManufacturerCode);
            w.WriteByte(MaximumBufferSize);
            w.WriteUInt16(MaximumIncomingTransferSize);
            w.WriteUInt16((ushort)ServerMask);
            w.WriteUInt16(MaximumOutgoingTransferSize);
            w.WriteByte((byte)DescriptorCapabilityField);
        }
    }

    /// <summary>
    /// The node power descriptor (2 bytes). Zigbee PRO (05-3474) 2.3.2.4 Node Power Descriptor: current power mode,
    /// available power sources, current power source, current power source level (4 bits each).
    /// </summary>
    public sealed record PowerDescriptor
    {
        public const int Length = 2;

        public PowerMode CurrentPowerMode { get; init; }

        public PowerSources AvailablePowerSources { get; init; }

        public PowerSources CurrentPowerSource { get; init; }

        public PowerSourceLevel CurrentPowerSourceLevel { get; init; }

        public static PowerDescriptor Decode(ReadOnlySpan<byte> data)
        {
            var r = new FrameReader(data, FrameLayer.Zdo);
            return Read(ref r);
        }

        internal static PowerDescriptor Read(ref FrameReader r)
        {
            byte b0 = r.ReadByte("PowerDescriptor.CurrentPowerMode");
            byte b1 = r.ReadByte("PowerDescriptor.CurrentPowerSource");
            return new PowerDescriptor
            {
                CurrentPowerMode = (PowerMode)(b0 & 0x0F),
                AvailablePowerSources = (PowerSources)(b0 >> 4),
                CurrentPowerSource = (PowerSources)(b1 & 0x0F),
                CurrentPowerSourceLevel = (PowerSourceLevel)(b1 >> 4),
            };
        }

        public byte[] ToArray()
        {
            byte[] bytes = new byte[Length];
            var w = new FrameWriter(bytes);
            Write(ref w);
            return bytes;
        }

        internal void Write(ref FrameWriter w)
        {
            w.WriteByte((byte)(((byte)CurrentPowerMode & 0x0F) | (((byte)AvailablePowerSources & 0x0F) << 4)));
            w.WriteByte((byte)(((byte)CurrentPowerSource & 0x0F) | (((byte)CurrentPowerSourceLevel & 0x0F) << 4)));
        }
    }

    /// <summary>
    /// The simple descriptor of an endpoint. Zigbee PRO (05-3474) 2.3.2.5 Simple Descriptor: endpoint, application
    /// profile identifier, application device identifier, application device version (4 bits), input cluster
    /// count and list, output cluster count and list.
    /// </summary>
    public sealed record SimpleDescriptor
    {
        public byte Endpoint { get; init; }

        public ushort ApplicationProfileIdentifier { get; init; }

        public ushort ApplicationDeviceIdentifier { get; init; }

        /// <summary>4 bits.</summary>
        public byte ApplicationDeviceVersion { get; init; }

        public IReadOnlyList<ushort> ApplicationInputClusterList { get; init; } = Array.Empty<ushort>();

        public IReadOnlyList<ushort> ApplicationOutputClusterList { get; init; } = Array.Empty<ushort>();

        public int EncodedLength => 8 + (2 * ApplicationInputClusterList.Count) + (2 * ApplicationOutputClusterList.Count);

        public static SimpleDescriptor Decode(ReadOnlySpan<byte> data)
        {
            var r = new FrameReader(data, FrameLayer.Zdo);
            return Read(ref r);
        }

        internal static SimpleDescriptor Read(ref FrameReader r)
        {
            byte endpoint = r.ReadByte("SimpleDescriptor.Endpoint");
            ushort profile = r.ReadUInt16("SimpleDescriptor.ApplicationProfileIdentifier");
            ushort device = r.ReadUInt16("SimpleDescriptor.ApplicationDeviceIdentifier");
            byte version = (byte)(r.ReadByte("SimpleDescriptor.ApplicationDeviceVersion") & 0x0F);
            ushort[] inputs = ZdoWire.ReadUInt16List(ref r, "SimpleDescriptor.ApplicationInputClusterCount", "SimpleDescriptor.ApplicationInputClusterList");
            ushort[] outputs = ZdoWire.ReadUInt16List(ref r, "SimpleDescriptor.ApplicationOutputClusterCount", "SimpleDescriptor.ApplicationOutputClusterList");
            return new SimpleDescriptor
            {
                Endpoint = endpoint,
                ApplicationProfileIdentifier = profile,
                ApplicationDeviceIdentifier = device,
                ApplicationDeviceVersion = version,
                ApplicationInputClusterList = inputs,
                ApplicationOutputClusterList = outputs,
            };
        }

        public byte[] ToArray()
        {
            byte[] bytes = new byte[EncodedLength];
            var w = new FrameWriter(bytes);
            Write(ref w);
            return bytes;
        }

        internal void Write(ref FrameWriter w)
        {
            w.WriteByte(Endpoint);
            w.WriteUInt16(ApplicationProfileIdentifier);
            w.WriteUInt16(ApplicationDeviceIdentifier);
            w.WriteByte((byte)(ApplicationDeviceVersion & 0x0F));
            ZdoWire.WriteUInt16List(ref w, ApplicationInputClusterList, nameof(ApplicationInputClusterList));
            ZdoWire.WriteUInt16List(ref w, ApplicationOutputClusterList, nameof(ApplicationOutputClusterList));
        }
    }
}
