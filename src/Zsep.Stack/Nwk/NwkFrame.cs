using System;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Nwk
{
    /// <summary>
    /// A NWK frame (NPDU): the NWK header and the NWK payload after it.
    /// Zigbee PRO 2015 (05-3474-21) 3.3.1 General NPDU Frame Format. When <see cref="NwkHeader.Security"/> is set the
    /// payload is left raw: auxiliary security header (4.5.1) + encrypted payload + MIC, for the security layer.
    /// </summary>
    public sealed record NwkFrame
    {
        public NwkFrame(NwkHeader header, ReadOnlyMemory<byte> payload)
        {
            Header = header ?? throw new ArgumentNullException(nameof(header));
            Payload = payload;
        }

        public NwkHeader Header { get; init; }

        /// <summary>
        /// Everything after the NWK header: the APS frame or NWK command (unsecured), or the auxiliary security header,
        /// the ciphertext and the MIC (secured).
        /// </summary>
        public ReadOnlyMemory<byte> Payload { get; init; }

        /// <summary>Offset of <see cref="Payload"/> within the encoded frame (the NWK header length).</summary>
        public int PayloadOffset => Header.HeaderLength;

        public int Length => Header.HeaderLength + Payload.Length;

        /// <summary>Decodes a whole NWK frame; the payload is copied out of <paramref name="data"/>.</summary>
        /// <exception cref="FrameFormatException">The header is truncated.</exception>
        public static NwkFrame Decode(ReadOnlySpan<byte> data)
        {
            var reader = new FrameReader(data, FrameLayer.Nwk);
            NwkHeader header = NwkHeader.Read(ref reader);
            return new NwkFrame(header, reader.Rest.ToArray());
        }

        public static bool TryDecode(ReadOnlySpan<byte> data, out NwkFrame? frame, out FrameFormatException? error) =>
            FrameCodec.TryDecode(data, static d => Decode(d), out frame, out error);

        /// <summary>
        /// The NWK command in the payload, or null when this is not an unsecured command frame (a secured payload must be
        /// decrypted first, then decoded with <see cref="NwkCommand.Decode(ReadOnlySpan{byte})"/>).
        /// Error offsets are relative to the start of the NWK frame.
        /// </summary>
        /// <exception cref="FrameFormatException">The command payload is malformed.</exception>
        public NwkCommand? DecodeCommand() =>
            Header.FrameType == NwkFrameType.Command && !Header.Security
                ? NwkCommand.Decode(Payload.Span, PayloadOffset)
                : null;

        /// <summary>Writes header and payload; returns <see cref="Length"/>.</summary>
        public int Encode(Span<byte> destination)
        {
            var w = new FrameWriter(destination);
            Header.Write(ref w);
            w.WriteBytes(Payload.Span);
            return w.Position;
        }

        public byte[] ToArray()
        {
            var bytes = new byte[Length];
            Encode(bytes);
            return bytes;
        }

        public bool Equals(NwkFrame? other) =>
            other is not null && Header.Equals(other.Header) && NwkEquality.BytesEqual(Payload, other.Payload);

        public override int GetHashCode() => (Header.GetHashCode() * 397) ^ NwkEquality.BytesHash(Payload);
    }
}
