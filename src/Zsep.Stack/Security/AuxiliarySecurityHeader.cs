using System;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;

namespace Zsep.Stack.Security
{
    /// <summary>
    /// Security levels, Zigbee PRO 2015 (05-3474-21) 4.5.1.1.1 (table "Security Levels Available to the NWK
    /// and APS Layers"). Zigbee PRO uses <see cref="EncMic32"/>; the level subfield is transmitted as 0 and the
    /// receiver substitutes nwkSecurityLevel (5).
    /// </summary>
    public enum SecurityLevel : byte
    {
        None = 0,
        Mic32 = 1,
        Mic64 = 2,
        Mic128 = 3,
        Enc = 4,
        EncMic32 = 5,
        EncMic64 = 6,
        EncMic128 = 7,
    }

    /// <summary>Key identifier subfield, Zigbee PRO 2015 (05-3474-21) 4.5.1.1.2 (table "Encoding for the Key Identifier Sub-field").</summary>
    public enum KeyIdentifier : byte
    {
        /// <summary>A data key (a link key).</summary>
        Data = 0,

        /// <summary>The network key; the header carries its key sequence number.</summary>
        Network = 1,

        /// <summary>A key-transport key (HMAC-MMO(link key, 0x00)).</summary>
        KeyTransport = 2,

        /// <summary>A key-load key (HMAC-MMO(link key, 0x02)).</summary>
        KeyLoad = 3,
    }

    /// <summary>Security level facts (4.5.1.1.1).</summary>
    public static class SecurityLevels
    {
        /// <summary>The MIC length M in bytes of a level: 0, 4, 8 or 16.</summary>
        public static int MicLength(SecurityLevel level)
        {
            switch ((int)level & 3)
            {
                case 1: return 4;
                case 2: return 8;
                case 3: return 16;
                default: return 0;
            }
        }

        /// <summary>Whether the level encrypts the payload (levels 4 to 7).</summary>
        public static bool IsEncrypted(SecurityLevel level) => ((int)level & 4) != 0;
    }

    /// <summary>
    /// The auxiliary frame header, Zigbee PRO 2015 (05-3474-21) 4.5.1 Auxiliary Frame Header Format: security control
    /// (4.5.1.1: security level bits 0-2, key identifier bits 3-4, extended nonce bit 5, reserved bits 6-7),
    /// frame counter (4.5.1.2, uint32), source address (4.5.1.3, present when the extended nonce bit is set) and
    /// key sequence number (4.5.1.4, present when the key identifier is <see cref="KeyIdentifier.Network"/>).
    /// </summary>
    /// <remarks>A struct so that unsecuring a frame allocates nothing.</remarks>
    public readonly struct AuxiliarySecurityHeader : IEquatable<AuxiliarySecurityHeader>
    {
        /// <summary>Shortest header: control + frame counter.</summary>
        public const int MinLength = 5;

        /// <summary>Longest header: control + frame counter + source address + key sequence number.</summary>
        public const int MaxLength = 14;

        private const byte LevelMask = 0x07;
        private const byte KeyIdMask = 0x18;
        private const byte ExtendedNonceBit = 0x20;
        private const byte ReservedMask = 0xC0;

        /// <param name="level">The level field as transmitted (0 on the air in Zigbee PRO).</param>
        /// <param name="keyIdentifier">Which key protects the frame.</param>
        /// <param name="frameCounter">The outgoing frame counter of the sender.</param>
        /// <param name="sourceAddress">The sender's IEEE address; present sets the extended nonce bit.</param>
        /// <param name="keySequenceNumber">Required exactly when <paramref name="keyIdentifier"/> is Network.</param>
        /// <param name="reserved">Bits 6-7 of the security control field (0..3), kept for an exact round trip.</param>
        public AuxiliarySecurityHeader(SecurityLevel level, KeyIdentifier keyIdentifier, uint frameCounter,
            Eui64? sourceAddress, byte? keySequenceNumber, byte reserved = 0)
        {
            if ((byte)level > 7)
            {
                throw new ArgumentOutOfRangeException(nameof(level), "The security level is 3 bits (0..7).");
            }

            if ((byte)keyIdentifier > 3)
            {
                throw new ArgumentOutOfRangeException(nameof(keyIdentifier), "The key identifier is 2 bits (0..3).");
            }

            if (reserved > 3)
            {
                throw new ArgumentOutOfRangeException(nameof(reserved), "The reserved bits are 2 bits (0..3).");
            }

            if ((keyIdentifier == KeyIdentifier.Network) != keySequenceNumber.HasValue)
            {
                throw new ArgumentException("A key sequence number is present exactly when the key identifier is Network.", nameof(keySequenceNumber));
            }

            SecurityLevel = level;
            KeyIdentifier = keyIdentifier;
            FrameCounter = frameCounter;
            SourceAddress = sourceAddress;
            KeySequenceNumber = keySequenceNumber;
            Reserved = reserved;
        }

        /// <summary>The level subfield as carried in the header (0 on the air in Zigbee PRO).</summary>
        public SecurityLevel SecurityLevel { get; }

        public KeyIdentifier KeyIdentifier { get; }

        /// <summary>Extended nonce subfield: the source address is carried in this header.</summary>
        public bool ExtendedNonce => SourceAddress.HasValue;

        /// <summary>Reserved bits 6-7 of the security control field.</summary>
        public byte Reserved { get; }

        public uint FrameCounter { get; }

        /// <summary>Source address subfield (the sender's IEEE address), when the extended nonce bit is set.</summary>
        public Eui64? SourceAddress { get; }

        /// <summary>Key sequence number subfield, when the key identifier is Network.</summary>
        public byte? KeySequenceNumber { get; }

        /// <summary>The security control byte as encoded.</summary>
        public byte SecurityControl => ComposeControl(SecurityLevel);

        /// <summary>The encoded length: 5, 6, 13 or 14 bytes.</summary>
        public int Length => MinLength + (SourceAddress.HasValue ? 8 : 0) + (KeySequenceNumber.HasValue ? 1 : 0);

        /// <summary>The same header with another level subfield (the receiver's level substitution, 4.3.1.2 / 4.4.1.2).</summary>
        public AuxiliarySecurityHeader WithSecurityLevel(SecurityLevel level) =>
            new AuxiliarySecurityHeader(level, KeyIdentifier, FrameCounter, SourceAddress, KeySequenceNumber, Reserved);

        internal byte ComposeControl(SecurityLevel level) =>
            (byte)(((byte)level & LevelMask) | ((byte)KeyIdentifier << 3) | (SourceAddress.HasValue ? ExtendedNonceBit : 0) | (Reserved << 6));

        public static AuxiliarySecurityHeader Decode(ReadOnlySpan<byte> data)
        {
            var reader = new FrameReader(data, FrameLayer.Security);
            return Decode(ref reader);
        }

        /// <summary>Reads the header at the reader's position (errors carry the reader's absolute offsets).</summary>
        public static AuxiliarySecurityHeader Decode(ref FrameReader reader)
        {
            byte control = reader.ReadByte("SecurityControl");
            uint frameCounter = reader.ReadUInt32("FrameCounter");
            var keyId = (KeyIdentifier)((control & KeyIdMask) >> 3);
            Eui64? source = null;
            if ((control & ExtendedNonceBit) != 0)
            {
                source = reader.ReadEui64("SourceAddress");
            }

            byte? keySeq = null;
            if (keyId == KeyIdentifier.Network)
            {
                keySeq = reader.ReadByte("KeySequenceNumber");
            }

            return new AuxiliarySecurityHeader((SecurityLevel)(control & LevelMask), keyId, frameCounter, source, keySeq,
                (byte)((control & ReservedMask) >> 6));
        }

        public static bool TryDecode(ReadOnlySpan<byte> data, out AuxiliarySecurityHeader value, out FrameFormatException? error) =>
            FrameCodec.TryDecode(data, static d => Decode(d), out value, out error);

        public int Encode(Span<byte> destination)
        {
            var writer = new FrameWriter(destination);
            Encode(ref writer, SecurityLevel);
            return writer.Position;
        }

        public void Encode(ref FrameWriter writer) => Encode(ref writer, SecurityLevel);

        /// <summary>Encodes with the level subfield replaced by <paramref name="level"/> (0 on the air, 5 in the nonce and a).</summary>
        public void Encode(ref FrameWriter writer, SecurityLevel level)
        {
            writer.WriteByte(ComposeControl(level));
            writer.WriteUInt32(FrameCounter);
            if (SourceAddress.HasValue)
            {
                writer.WriteEui64(SourceAddress.Value);
            }

            if (KeySequenceNumber.HasValue)
            {
                writer.WriteByte(KeySequenceNumber.Value);
            }
        }

        public byte[] ToArray()
        {
            var bytes = new byte[Length];
            Encode(bytes);
            return bytes;
        }

        public bool Equals(AuxiliarySecurityHeader other) =>
            SecurityLevel == other.SecurityLevel && KeyIdentifier == other.KeyIdentifier && FrameCounter == other.FrameCounter &&
            SourceAddress == other.SourceAddress && KeySequenceNumber == other.KeySequenceNumber && Reserved == other.Reserved;

        public override bool Equals(object? obj) => obj is AuxiliarySecurityHeader other && Equals(other);

        public override int GetHashCode() =>
            (int)FrameCounter ^ (SecurityControl << 24) ^ (SourceAddress?.GetHashCode() ?? 0) ^ (KeySequenceNumber ?? 0) << 16;

        public static bool operator ==(AuxiliarySecurityHeader a, AuxiliarySecurityHeader b) => a.Equals(b);

        public static bool operator !=(AuxiliarySecurityHeader a, AuxiliarySecurityHeader b) => !a.Equals(b);

        public override string ToString() =>
            $"Level={SecurityLevel} KeyId={KeyIdentifier} FrameCounter={FrameCounter}" +
            (SourceAddress.HasValue ? $" Source={SourceAddress.Value}" : string.Empty) +
            (KeySequenceNumber.HasValue ? $" KeySeq={KeySequenceNumber.Value}" : string.Empty);
    }
}
