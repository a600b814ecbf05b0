using System;
using System.Globalization;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Zcl
{
    /// <summary>
    /// A whole ZCL frame, ZCL rev 7 (07-5123-07) 2.4.1: header plus payload. A global frame carries a typed
    /// foundation command (2.5) in <see cref="Foundation"/>; a cluster-specific frame keeps its payload raw, with the
    /// command named from the cluster table (<see cref="ClusterRegistry"/>) by cluster, direction and id.
    /// </summary>
    public sealed class ZclFrame
    {
        private readonly byte[] _payload;

        private ZclFrame(ushort clusterId, ZclHeader header, ZclFoundationCommand? foundation, byte[] payload)
        {
            ClusterId = clusterId;
            Header = header;
            Foundation = foundation;
            _payload = payload;
        }

        public ushort ClusterId { get; }

        public ZclHeader Header { get; }

        /// <summary>The typed foundation command of a global frame; null for a cluster-specific frame.</summary>
        public ZclFoundationCommand? Foundation { get; }

        /// <summary>The payload after the header (a copy).</summary>
        public byte[] Payload => Foundation?.ToArray() ?? (byte[])_payload.Clone();

        public ClusterDefinition? Cluster => ClusterRegistry.Get(ClusterId);

        /// <summary>The cluster-specific command from the cluster table, or null (global, manufacturer-specific, or not in the table).</summary>
        public ZclCommandDefinition? ClusterCommand =>
            Header.FrameType == ZclFrameType.ClusterSpecific && !Header.ManufacturerSpecific
                ? Cluster?.GetCommand(Header.Direction, Header.CommandId)
                : null;

        /// <summary>"ReadAttributesResponse", "GetCurrentPrice", or "Command 0xNN" when unknown.</summary>
        public string CommandName
        {
            get
            {
                if (Header.FrameType == ZclFrameType.Global)
                {
                    return Enum.IsDefined(typeof(ZclGlobalCommand), Header.CommandId)
                        ? ((ZclGlobalCommand)Header.CommandId).ToString()
                        : "GlobalCommand 0x" + Header.CommandId.ToString("X2", CultureInfo.InvariantCulture);
                }

                if (ClusterCommand is ZclCommandDefinition c)
                {
                    return c.Name;
                }

                return (Header.ManufacturerSpecific ? "ManufacturerCommand 0x" : "Command 0x") + Header.CommandId.ToString("X2", CultureInfo.InvariantCulture);
            }
        }

        /// <summary>A global frame around a foundation command; the header's command id is set from the command.</summary>
        public static ZclFrame Create(ushort clusterId, ZclHeader header, ZclFoundationCommand command) =>
            new ZclFrame(clusterId, header with { FrameType = ZclFrameType.Global, CommandId = (byte)command.CommandId }, command, Array.Empty<byte>());

        /// <summary>A frame with a raw payload (cluster-specific, or reserved frame types).</summary>
        public static ZclFrame CreateRaw(ushort clusterId, ZclHeader header, ReadOnlySpan<byte> payload)
        {
            if (header.FrameType == ZclFrameType.Global)
            {
                // Keep the typed view consistent: a global payload is always decoded.
                return Decode(clusterId, Concat(header, payload));
            }

            return new ZclFrame(clusterId, header, null, payload.ToArray());
        }

        private static byte[] Concat(ZclHeader header, ReadOnlySpan<byte> payload)
        {
            byte[] all = new byte[header.EncodedLength + payload.Length];
            header.Encode(all);
            payload.CopyTo(all.AsSpan(header.EncodedLength));
            return all;
        }

        /// <summary>Decodes a ZCL frame received on <paramref name="clusterId"/> (the cluster comes from the APS header).</summary>
        public static ZclFrame Decode(ushort clusterId, ReadOnlySpan<byte> data)
        {
            var r = new FrameReader(data, FrameLayer.Zcl);
            ZclHeader header = ZclHeader.Read(ref r);
            if (header.FrameType == ZclFrameType.Global)
            {
                ZclFoundationCommand cmd = ZclFoundationCommand.Decode((ZclGlobalCommand)header.CommandId, r.Rest, r.Position);
                return new ZclFrame(clusterId, header, cmd, Array.Empty<byte>());
            }

            return new ZclFrame(clusterId, header, null, r.ReadRest().ToArray());
        }

        public static bool TryDecode(ushort clusterId, ReadOnlySpan<byte> data, out ZclFrame? frame, out FrameFormatException? error) =>
            FrameCodec.TryDecode(data, clusterId, static (d, id) => Decode(id, d), out frame, out error);

        public int EncodedLength => Header.EncodedLength + (Foundation?.EncodedLength ?? _payload.Length);

        public int Encode(Span<byte> destination)
        {
            var w = new FrameWriter(destination);
            Header.Write(ref w);
            if (Foundation is not null)
            {
                Foundation.Write(ref w);
            }
            else
            {
                w.WriteBytes(_payload);
            }

            return w.Position;
        }

        public byte[] ToArray()
        {
            byte[] bytes = new byte[EncodedLength];
            Encode(bytes);
            return bytes;
        }

        public override string ToString() =>
            $"ZCL {ClusterRegistry.Describe(ClusterId)} {CommandName} tsn {Header.TransactionSequenceNumber} {Header.Direction}";
    }
}
