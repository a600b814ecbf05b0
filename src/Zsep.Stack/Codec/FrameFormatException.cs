using System;

namespace Zsep.Stack.Codec
{
    /// <summary>The protocol layer a frame structure belongs to.</summary>
    public enum FrameLayer
    {
        Mac,
        Nwk,
        Aps,
        Zdo,
        Zcl,
        Security,
        Spinel,
    }

    /// <summary>
    /// The one typed error for malformed input at any layer: it names the layer, the field and the byte offset
    /// (relative to the start of the span handed to the decoder) where decoding stopped.
    /// Decoders never throw anything else for bad bytes: no IndexOutOfRange, no huge allocation, no hang.
    /// </summary>
    [Serializable]
    public sealed class FrameFormatException : FormatException
    {
        public FrameFormatException(FrameLayer layer, string field, int offset, string message)
            : base($"{layer} frame: {message} (field '{field}' at byte offset {offset}).")
        {
            Layer = layer;
            Field = field;
            Offset = offset;
            Reason = message;
        }

        public FrameLayer Layer { get; }

        /// <summary>The spec name of the field being decoded, such as "FrameControl" or "SourceRoute.RelayCount".</summary>
        public string Field { get; }

        /// <summary>Byte offset of the field within the decoded span.</summary>
        public int Offset { get; }

        /// <summary>The reason without the location, such as "Expected at least 2 bytes but there are only 1".</summary>
        public string Reason { get; }
    }
}
