using System;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Mac
{
    /// <summary>
    /// Auxiliary Security Header of a secured MAC frame, IEEE 802.15.4-2006 7.6.2 (Figure 95): Security Control
    /// (7.6.2.2: Security Level bits 0-2, Key Identifier Mode bits 3-4; 2015 adds Frame Counter Suppression bit 5
    /// and ASN in Nonce bit 6), Frame Counter, and Key Identifier (Key Source of 0/4/8 bytes and Key Index).
    /// Zigbee does not use MAC security; this is decoded so the header length is right.
    /// </summary>
    public sealed record MacAuxiliarySecurityHeader
    {
        /// <summary>The raw Security Control byte (kept whole, reserved bits included).</summary>
        public byte SecurityControl { get; init; }

        public int SecurityLevel => SecurityControl & 0x07;

        public MacKeyIdentifierMode KeyIdentifierMode => (MacKeyIdentifierMode)((SecurityControl >> 3) & 0x03);

        /// <summary>Bit 5 (802.15.4-2015 frames only): the Frame Counter field is omitted.</summary>
        public bool FrameCounterSuppression => (SecurityControl & 0x20) != 0;

        /// <summary>Bit 6 (802.15.4-2015 frames only): the nonce uses the ASN.</summary>
        public bool AsnInNonce => (SecurityControl & 0x40) != 0;

        /// <summary>Frame Counter; null when suppressed (frame version 2 with bit 5 set).</summary>
        public uint? FrameCounter { get; init; }

        /// <summary>Key Source: 4 bytes (mode 2) or 8 bytes (mode 3) read little-endian; null for modes 0 and 1.</summary>
        public ulong? KeySource { get; init; }

        /// <summary>Key Index: present for modes 1-3.</summary>
        public byte? KeyIndex { get; init; }

        internal static int KeyIdentifierLength(MacKeyIdentifierMode mode) => mode switch
        {
            MacKeyIdentifierMode.KeyIndex => 1,
            MacKeyIdentifierMode.KeySource4 => 5,
            MacKeyIdentifierMode.KeySource8 => 9,
            _ => 0,
        };

        public int EncodedLength => 1 + (FrameCounter.HasValue ? 4 : 0) + KeyIdentifierLength(KeyIdentifierMode);

        internal static MacAuxiliarySecurityHeader Read(ref FrameReader r, MacFrameVersion version)
        {
            byte control = r.ReadByte("AuxiliarySecurityHeader.SecurityControl");
            bool suppressed = version == MacFrameVersion.Ieee802154_2015 && (control & 0x20) != 0;
            uint? counter = suppressed ? (uint?)null : r.ReadUInt32("AuxiliarySecurityHeader.FrameCounter");
            var mode = (MacKeyIdentifierMode)((control >> 3) & 0x03);
            ulong? source = null;
            byte? index = null;
            if (mode == MacKeyIdentifierMode.KeySource4)
            {
                source = r.ReadUInt32("AuxiliarySecurityHeader.KeySource");
            }
            else if (mode == MacKeyIdentifierMode.KeySource8)
            {
                source = r.ReadUInt64("AuxiliarySecurityHeader.KeySource");
            }

            if (mode != MacKeyIdentifierMode.Implicit)
            {
                index = r.ReadByte("AuxiliarySecurityHeader.KeyIndex");
            }

            return new MacAuxiliarySecurityHeader { SecurityControl = control, FrameCounter = counter, KeySource = source, KeyIndex = index };
        }

        internal void Write(ref FrameWriter w, MacFrameVersion version)
        {
            bool suppressed = version == MacFrameVersion.Ieee802154_2015 && FrameCounterSuppression;
            if (suppressed == FrameCounter.HasValue)
            {
                throw new InvalidOperationException("The Frame Counter must be given exactly when it is not suppressed (suppression exists only in 802.15.4-2015 frames).");
            }

            MacKeyIdentifierMode mode = KeyIdentifierMode;
            if ((mode >= MacKeyIdentifierMode.KeySource4) != KeySource.HasValue || (mode != MacKeyIdentifierMode.Implicit) != KeyIndex.HasValue ||
                (mode == MacKeyIdentifierMode.KeySource4 && KeySource > uint.MaxValue))
            {
                throw new InvalidOperationException($"Key Source and Key Index do not match Key Identifier Mode {mode}.");
            }

            w.WriteByte(SecurityControl);
            if (FrameCounter.HasValue)
            {
                w.WriteUInt32(FrameCounter.Value);
            }

            if (mode == MacKeyIdentifierMode.KeySource4)
            {
                w.WriteUInt32((uint)KeySource!.Value);
            }
            else if (mode == MacKeyIdentifierMode.KeySource8)
            {
                w.WriteUInt64(KeySource!.Value);
            }

            if (KeyIndex.HasValue)
            {
                w.WriteByte(KeyIndex.Value);
            }
        }
    }
}
