using System;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Nwk
{
    /// <summary>
    /// A NWK command frame payload: the command identifier octet and the command fields.
    /// Zigbee PRO 2015 (05-3474-21) 3.4 Command Frames. Command ids this codec does not decode field by field decode as
    /// <see cref="NwkRawCommand"/>. Octets after the fixed fields of a known command (Zigbee R23 TLVs, vendor
    /// extensions) are kept raw in <see cref="TrailingData"/>, so decoding and re-encoding is exact.
    /// </summary>
    public abstract record NwkCommand
    {
        private protected NwkCommand()
        {
        }

        /// <summary>The command identifier (first payload octet).</summary>
        public abstract NwkCommandId CommandId { get; }

        /// <summary>Octets after the fixed fields of the command, kept raw (empty for a well-formed Zigbee PRO 2015 command).</summary>
        public ReadOnlyMemory<byte> TrailingData { get; init; }

        /// <summary>Encoded length, command identifier included.</summary>
        public int Length => 1 + BodyLength + TrailingData.Length;

        internal abstract int BodyLength { get; }

        internal abstract void WriteBody(ref FrameWriter w);

        /// <summary>Decodes a NWK command payload (command identifier first).</summary>
        /// <exception cref="FrameFormatException">The payload is empty, truncated or inconsistent.</exception>
        public static NwkCommand Decode(ReadOnlySpan<byte> data) => Decode(data, 0);

        public static bool TryDecode(ReadOnlySpan<byte> data, out NwkCommand? command, out FrameFormatException? error) =>
            FrameCodec.TryDecode(data, static d => Decode(d, 0), out command, out error);

        internal static NwkCommand Decode(ReadOnlySpan<byte> data, int baseOffset)
        {
            var r = new FrameReader(data, FrameLayer.Nwk, baseOffset);
            byte id = r.ReadByte("CommandIdentifier");
            NwkCommand command;
            switch ((NwkCommandId)id)
            {
                case NwkCommandId.RouteRequest: command = NwkRouteRequest.Read(ref r); break;
                case NwkCommandId.RouteReply: command = NwkRouteReply.Read(ref r); break;
                case NwkCommandId.NetworkStatus: command = NwkNetworkStatus.Read(ref r); break;
                case NwkCommandId.Leave: command = NwkLeave.Read(ref r); break;
                case NwkCommandId.RouteRecord: command = NwkRouteRecord.Read(ref r); break;
                case NwkCommandId.RejoinRequest: command = NwkRejoinRequest.Read(ref r); break;
                case NwkCommandId.RejoinResponse: command = NwkRejoinResponse.Read(ref r); break;
                case NwkCommandId.LinkStatus: command = NwkLinkStatus.Read(ref r); break;
                case NwkCommandId.NetworkReport: command = NwkNetworkReport.Read(ref r); break;
                case NwkCommandId.NetworkUpdate: command = NwkNetworkUpdate.Read(ref r); break;
                case NwkCommandId.EndDeviceTimeoutRequest: command = NwkEndDeviceTimeoutRequest.Read(ref r); break;
                case NwkCommandId.EndDeviceTimeoutResponse: command = NwkEndDeviceTimeoutResponse.Read(ref r); break;
                case NwkCommandId.LinkPowerDelta: command = NwkLinkPowerDelta.Read(ref r); break;
                default: return new NwkRawCommand(id, r.ReadRest().ToArray());
            }

            return r.IsAtEnd ? command : command with { TrailingData = r.ReadRest().ToArray() };
        }

        /// <summary>Writes the command payload; returns <see cref="Length"/>.</summary>
        /// <exception cref="InvalidOperationException">A field is out of range for its sub-field or a list is too long.</exception>
        /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
        public int Encode(Span<byte> destination)
        {
            var w = new FrameWriter(destination);
            w.WriteByte((byte)CommandId);
            WriteBody(ref w);
            w.WriteBytes(TrailingData.Span);
            return w.Position;
        }

        public byte[] ToArray()
        {
            var bytes = new byte[Length];
            Encode(bytes);
            return bytes;
        }

        public virtual bool Equals(NwkCommand? other) =>
            other is not null && EqualityContract == other.EqualityContract && NwkEquality.BytesEqual(TrailingData, other.TrailingData);

        public override int GetHashCode() => (EqualityContract.GetHashCode() * 397) ^ NwkEquality.BytesHash(TrailingData);

        internal static void CheckCount(int count, int max, string field)
        {
            if (count > max)
            {
                throw new InvalidOperationException($"{field} holds at most {max} entries; this one has {count}.");
            }
        }

        internal static void CheckBits(int value, int max, string field)
        {
            if (value < 0 || value > max)
            {
                throw new InvalidOperationException($"{field} is {value}, outside its sub-field range 0-{max}.");
            }
        }
    }

    /// <summary>
    /// A command this codec keeps raw: an unknown or reserved command identifier, or the Zigbee R23 TLV-based network
    /// commissioning request/response (0x0E/0x0F). Zigbee PRO 2015 (05-3474-21) 3.4.
    /// </summary>
    public sealed record NwkRawCommand : NwkCommand
    {
        public NwkRawCommand(byte commandIdentifier, ReadOnlyMemory<byte> payload)
        {
            CommandIdentifier = commandIdentifier;
            Payload = payload;
        }

        public override NwkCommandId CommandId => (NwkCommandId)CommandIdentifier;

        public byte CommandIdentifier { get; init; }

        /// <summary>The octets after the command identifier.</summary>
        public ReadOnlyMemory<byte> Payload { get; init; }

        internal override int BodyLength => Payload.Length;

        internal override void WriteBody(ref FrameWriter w) => w.WriteBytes(Payload.Span);

        public bool Equals(NwkRawCommand? other) =>
            base.Equals(other) && CommandIdentifier == other!.CommandIdentifier && NwkEquality.BytesEqual(Payload, other.Payload);

        public override int GetHashCode() => (base.GetHashCode() * 397) ^ (CommandIdentifier * 31) ^ NwkEquality.BytesHash(Payload);
    }
}
