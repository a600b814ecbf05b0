using System;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Aps
{
    /// <summary>
    /// An APS frame: header and payload. Zigbee PRO (05-3474) 2.2.5.1 General APDU Frame Format and 2.2.5.2
    /// Format of Individual Frame Types. When <see cref="IsSecured"/>, the payload is the APS auxiliary header,
    /// ciphertext and MIC (4.4.1), left raw for the security layer; otherwise it is the application payload
    /// (ZDP/ZCL for data frames, the command for command frames, empty or nothing for acks).
    /// </summary>
    public sealed class ApsFrame
    {
        public ApsFrame(ApsHeader header, ReadOnlySpan<byte> payload)
            : this(header ?? throw new ArgumentNullException(nameof(header)), payload.ToArray(), null)
        {
        }

        private ApsFrame(ApsHeader header, byte[] payload, ApsCommand? command)
        {
            Header = header;
            Payload = payload;
            Command = command;
        }

        public ApsHeader Header { get; }

        /// <summary>Everything after the header: the ASDU, the command, or (secured) aux header + ciphertext + MIC.</summary>
        public byte[] Payload { get; }

        /// <summary>The command of an unsecured command frame, decoded; null otherwise (decrypt a secured one first).</summary>
        public ApsCommand? Command { get; }

        public int HeaderLength => Header.HeaderLength;

        public bool IsSecured => Header.IsSecured;

        public ApsFrameType FrameType => Header.FrameType;

        public int EncodedLength => Header.HeaderLength + Payload.Length;

        /// <summary>An unsecured command frame carrying <paramref name="command"/>.</summary>
        public static ApsFrame FromCommand(ApsHeader header, ApsCommand command)
        {
            if (header is null)
            {
                throw new ArgumentNullException(nameof(header));
            }

            if (command is null)
            {
                throw new ArgumentNullException(nameof(command));
            }

            if (header.FrameType != ApsFrameType.Command || header.Security)
            {
                throw new ArgumentException("A command is carried by an unsecured APS command frame.", nameof(header));
            }

            return new ApsFrame(header, command.ToArray(), command);
        }

        /// <summary>Decodes an APS frame: the header, then everything after it as payload.</summary>
        /// <param name="data">The NWK payload (after NWK decryption).</param>
        /// <param name="baseOffset">Added to offsets in errors, when <paramref name="data"/> is a slice of a larger frame.</param>
        public static ApsFrame Decode(ReadOnlySpan<byte> data, int baseOffset = 0)
        {
            var r = new FrameReader(data, FrameLayer.Aps, baseOffset);
            ApsHeader header = ApsHeader.Read(ref r);
            int payloadOffset = r.AbsoluteOffset;
            ReadOnlySpan<byte> payload = r.ReadRest();
            ApsCommand? command = null;
            if (header.FrameType == ApsFrameType.Command && !header.Security)
            {
                command = ApsCommand.Decode(payload, payloadOffset);
            }

            return new ApsFrame(header, payload.ToArray(), command);
        }

        public static bool TryDecode(ReadOnlySpan<byte> data, out ApsFrame? value, out FrameFormatException? error) =>
            FrameCodec.TryDecode(data, static d => Decode(d), out value, out error);

        public int Encode(Span<byte> destination)
        {
            var w = new FrameWriter(destination);
            Header.Write(ref w);
            w.WriteBytes(Payload);
            return w.Position;
        }

        public byte[] ToArray()
        {
            byte[] bytes = new byte[EncodedLength];
            Encode(bytes);
            return bytes;
        }

        public override string ToString() =>
            $"APS {Header.FrameType} counter {Header.Counter?.ToString() ?? "-"}" +
            (Header.ClusterId is ushort c ? $" cluster 0x{c:X4}" : string.Empty) +
            (IsSecured ? " (secured)" : string.Empty) +
            (Command is null ? string.Empty : $" {Command.CommandId}") +
            $", {Payload.Length} payload bytes";
    }
}
