using System;
using System.Buffers.Binary;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;

namespace Zsep.Stack.Security
{
    /// <summary>The result of unsecuring a frame (a malformed frame throws <see cref="FrameFormatException"/> instead).</summary>
    public enum SecurityOutcome
    {
        /// <summary>The MIC verified; the plaintext is valid.</summary>
        Decrypted = 0,

        /// <summary>The MIC did not verify (wrong key, wrong source address, or a corrupted frame).</summary>
        MicFailed = 1,

        /// <summary>No key was available for the key identifier (and source address) of the frame.</summary>
        NoKey = 2,

        /// <summary>The auxiliary header has no source address and none was supplied, so no nonce can be formed.</summary>
        NoSourceAddress = 3,
    }

    /// <summary>Resolves the link key shared with a partner device (the sender of an incoming APS frame).</summary>
    public delegate ZigbeeKey? LinkKeyResolver(Eui64 partner);

    /// <summary>The keys a receiver holds: network keys by key sequence number, link keys by partner address.</summary>
    public interface IZigbeeKeyStore
    {
        /// <summary>The network key with this key sequence number, or null.</summary>
        ZigbeeKey? GetNetworkKey(byte keySequenceNumber);

        /// <summary>The link key (data key) shared with <paramref name="partner"/>, or null.</summary>
        ZigbeeKey? GetLinkKey(Eui64 partner);
    }

    /// <summary>
    /// NWK and APS frame protection: Zigbee PRO 2015 (05-3474-21) 4.3.1.1 / 4.3.1.2 (NWK outgoing / incoming
    /// frame security), 4.4.1.1 / 4.4.1.2 (APS) and 4.5 (common security elements). A secured frame is
    /// header || auxiliary header || encrypted payload || MIC (4 bytes). The security level subfield is transmitted
    /// as 0 and replaced by 5 (ENC-MIC-32) in the nonce (source IEEE || frame counter || security control, 4.5.2.2)
    /// and in the authenticated data a = header || auxiliary header.
    /// </summary>
    /// <remarks>
    /// Ciphers come from <see cref="KeyCipherCache.ForCurrentThread"/> (or a cache you pass), so unsecuring a frame
    /// with a cached key allocates nothing. Safe to call from several threads (each has its own cache).
    /// Replay protection (frame counters) is the caller's job.
    /// </remarks>
    public static class ZigbeeSecurity
    {
        /// <summary>nwkSecurityLevel of Zigbee PRO: ENC-MIC-32.</summary>
        public const SecurityLevel Level = SecurityLevel.EncMic32;

        /// <summary>The MIC length of level 5.</summary>
        public const int MicLength = 4;

        /// <summary>The CCM* nonce of 4.5.2.2: source address (8 bytes LE) || frame counter (4 bytes LE) || security control.</summary>
        public static void BuildNonce(Eui64 source, uint frameCounter, byte securityControl, Span<byte> nonce)
        {
            if (nonce.Length < AesCcmStar.NonceLength)
            {
                throw new ArgumentException("The nonce is 13 bytes.", nameof(nonce));
            }

            BinaryPrimitives.WriteUInt64LittleEndian(nonce, source.Value);
            BinaryPrimitives.WriteUInt32LittleEndian(nonce.Slice(8), frameCounter);
            nonce[12] = securityControl;
        }

        /// <summary>Bytes of a secured frame: header + auxiliary header + payload + MIC.</summary>
        public static int SecuredLength(int headerLength, in AuxiliarySecurityHeader aux, int payloadLength) =>
            headerLength + aux.Length + payloadLength + MicLength;

        /// <summary>Reads the auxiliary header that follows the layer header, without decrypting.</summary>
        public static AuxiliarySecurityHeader ReadAuxiliaryHeader(ReadOnlySpan<byte> frame, int headerLength)
        {
            CheckHeaderLength(frame, headerLength);
            var reader = new FrameReader(frame.Slice(headerLength), FrameLayer.Security, headerLength);
            return AuxiliarySecurityHeader.Decode(ref reader);
        }

        /// <summary>
        /// Unsecures with one key used whatever the key identifier: as is for Network and Data, and through
        /// HMAC-MMO for KeyTransport (0x00) and KeyLoad (0x02) (4.5.3). The NWK layer passes the network key.
        /// </summary>
        /// <param name="frame">Layer header (NWK or APS, <paramref name="headerLength"/> bytes) + auxiliary header + encrypted payload + MIC.</param>
        /// <param name="headerLength">Length of the layer header at the start of <paramref name="frame"/>.</param>
        /// <param name="key">The key.</param>
        /// <param name="sourceIfNotInAux">The sender's IEEE address, used when the auxiliary header does not carry it.</param>
        /// <param name="plaintext">Receives the decrypted payload (at least the encrypted payload's length).</param>
        /// <param name="aux">The auxiliary header as received (level subfield as on the air).</param>
        /// <param name="plaintextLength">Bytes written to <paramref name="plaintext"/> (0 unless Decrypted).</param>
        public static SecurityOutcome Unsecure(ReadOnlySpan<byte> frame, int headerLength, ZigbeeKey key, Eui64? sourceIfNotInAux,
            Span<byte> plaintext, out AuxiliarySecurityHeader aux, out int plaintextLength) =>
            Unsecure(frame, headerLength, new Keys(key, null, null, true), sourceIfNotInAux, plaintext, KeyCipherCache.ForCurrentThread,
                out aux, out plaintextLength);

        /// <summary>
        /// Unsecures choosing the key by the key identifier: Network uses <paramref name="networkKey"/>; Data,
        /// KeyTransport and KeyLoad use the link key resolved for the sender (then hashed for KeyTransport/KeyLoad).
        /// The APS layer calls this form.
        /// </summary>
        public static SecurityOutcome Unsecure(ReadOnlySpan<byte> frame, int headerLength, ZigbeeKey? networkKey, LinkKeyResolver? linkKeys,
            Eui64? sourceIfNotInAux, Span<byte> plaintext, out AuxiliarySecurityHeader aux, out int plaintextLength) =>
            Unsecure(frame, headerLength, new Keys(networkKey, linkKeys, null, false), sourceIfNotInAux, plaintext,
                KeyCipherCache.ForCurrentThread, out aux, out plaintextLength);

        /// <summary>Unsecures with keys from a store: the network key by key sequence number, link keys by sender.</summary>
        public static SecurityOutcome Unsecure(ReadOnlySpan<byte> frame, int headerLength, IZigbeeKeyStore keys, Eui64? sourceIfNotInAux,
            Span<byte> plaintext, out AuxiliarySecurityHeader aux, out int plaintextLength) =>
            Unsecure(frame, headerLength, new Keys(null, null, keys ?? throw new ArgumentNullException(nameof(keys)), false),
                sourceIfNotInAux, plaintext, KeyCipherCache.ForCurrentThread, out aux, out plaintextLength);

        /// <summary>
        /// Produces the on-air secured frame into <paramref name="destination"/>: header || auxiliary header (level
        /// subfield written as 0) || encrypted payload || MIC. For KeyTransport / KeyLoad key identifiers
        /// <paramref name="key"/> is the link key and the derived key is used. Returns the bytes written.
        /// </summary>
        /// <param name="header">The NWK or APS header as it will be sent (its security bit already set).</param>
        /// <param name="aux">The auxiliary header; its level subfield is ignored (0 on the air, 5 for the nonce).</param>
        /// <param name="payload">The plaintext payload; it may already sit at its place in <paramref name="destination"/>.</param>
        /// <param name="key">Network key, link key, or the link key to derive a key-transport/key-load key from.</param>
        /// <param name="sourceIfNotInAux">Our IEEE address for the nonce when the auxiliary header does not carry it.</param>
        /// <param name="destination">At least <see cref="SecuredLength"/> bytes.</param>
        public static int Secure(ReadOnlySpan<byte> header, in AuxiliarySecurityHeader aux, ReadOnlySpan<byte> payload, ZigbeeKey key,
            Eui64? sourceIfNotInAux, Span<byte> destination) =>
            Secure(header, aux, payload, key, sourceIfNotInAux, destination, KeyCipherCache.ForCurrentThread);

        public static int Secure(ReadOnlySpan<byte> header, in AuxiliarySecurityHeader aux, ReadOnlySpan<byte> payload, ZigbeeKey key,
            Eui64? sourceIfNotInAux, Span<byte> destination, KeyCipherCache cache)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            Eui64 source = aux.SourceAddress ?? sourceIfNotInAux
                ?? throw new ArgumentException("The nonce needs the source IEEE address: put it in the auxiliary header or pass it.", nameof(sourceIfNotInAux));
            if (payload.Length > AesCcmStar.MaxMessageLength)
            {
                throw new ArgumentException("The payload is too long for CCM* (L=2).", nameof(payload));
            }

            int total = SecuredLength(header.Length, aux, payload.Length);
            if (destination.Length < total)
            {
                throw new ArgumentException($"Destination too small: need {total} bytes, have {destination.Length}.", nameof(destination));
            }

            AesBlock cipher = cache.Get(key, DerivationFor(aux.KeyIdentifier));
            int auxOffset = header.Length;
            int payloadOffset = auxOffset + aux.Length;

            // The payload first (memmove semantics if it already overlaps the destination), then the headers.
            payload.CopyTo(destination.Slice(payloadOffset));
            header.CopyTo(destination);
            var onAir = new FrameWriter(destination.Slice(auxOffset, aux.Length));
            aux.Encode(ref onAir, SecurityLevel.None);

            Span<byte> patched = stackalloc byte[AuxiliarySecurityHeader.MaxLength];
            var writer = new FrameWriter(patched);
            aux.Encode(ref writer, Level);
            Span<byte> nonce = stackalloc byte[AesCcmStar.NonceLength];
            BuildNonce(source, aux.FrameCounter, patched[0], nonce);

            Span<byte> message = destination.Slice(payloadOffset, payload.Length);
            AesCcmStar.Encrypt(cipher, nonce, destination.Slice(0, header.Length), patched.Slice(0, aux.Length), message, MicLength,
                destination.Slice(payloadOffset, payload.Length + MicLength));
            return total;
        }

        /// <summary>The derivation of the link key that the key identifier calls for (4.5.3).</summary>
        public static KeyDerivation DerivationFor(KeyIdentifier keyIdentifier)
        {
            switch (keyIdentifier)
            {
                case KeyIdentifier.KeyTransport: return KeyDerivation.KeyTransportKey;
                case KeyIdentifier.KeyLoad: return KeyDerivation.KeyLoadKey;
                default: return KeyDerivation.None;
            }
        }

        private static SecurityOutcome Unsecure(ReadOnlySpan<byte> frame, int headerLength, in Keys keys, Eui64? sourceIfNotInAux,
            Span<byte> plaintext, KeyCipherCache cache, out AuxiliarySecurityHeader aux, out int plaintextLength)
        {
            plaintextLength = 0;
            CheckHeaderLength(frame, headerLength);
            var reader = new FrameReader(frame.Slice(headerLength), FrameLayer.Security, headerLength);
            aux = AuxiliarySecurityHeader.Decode(ref reader);
            if (reader.Remaining < MicLength)
            {
                throw reader.Error("MIC", $"Expected at least {MicLength} bytes of MIC but there are only {reader.Remaining}");
            }

            int payloadLength = reader.Remaining - MicLength;
            if (payloadLength > AesCcmStar.MaxMessageLength)
            {
                throw reader.Error("Payload", "Longer than CCM* with L=2 can protect");
            }

            if (plaintext.Length < payloadLength)
            {
                throw new ArgumentException($"The plaintext buffer needs {payloadLength} bytes, has {plaintext.Length}.", nameof(plaintext));
            }

            Eui64? maybeSource = aux.SourceAddress ?? sourceIfNotInAux;
            if (!maybeSource.HasValue)
            {
                return SecurityOutcome.NoSourceAddress;
            }

            Eui64 source = maybeSource.Value;
            ZigbeeKey? key = keys.Resolve(aux, source);
            if (key is null)
            {
                return SecurityOutcome.NoKey;
            }

            AesBlock cipher = cache.Get(key, DerivationFor(aux.KeyIdentifier));

            int auxLength = aux.Length;
            Span<byte> patched = stackalloc byte[AuxiliarySecurityHeader.MaxLength];
            frame.Slice(headerLength, auxLength).CopyTo(patched);
            patched[0] = (byte)((patched[0] & ~0x07) | (byte)Level);
            Span<byte> nonce = stackalloc byte[AesCcmStar.NonceLength];
            BuildNonce(source, aux.FrameCounter, patched[0], nonce);

            bool ok = AesCcmStar.Decrypt(cipher, nonce, frame.Slice(0, headerLength), patched.Slice(0, auxLength),
                frame.Slice(headerLength + auxLength), MicLength, plaintext);
            if (!ok)
            {
                return SecurityOutcome.MicFailed;
            }

            plaintextLength = payloadLength;
            return SecurityOutcome.Decrypted;
        }

        private static void CheckHeaderLength(ReadOnlySpan<byte> frame, int headerLength)
        {
            if (headerLength < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(headerLength));
            }

            if (headerLength > frame.Length)
            {
                throw new FrameFormatException(FrameLayer.Security, "SecurityControl", frame.Length,
                    $"The header claims {headerLength} bytes but the frame has only {frame.Length}");
            }
        }

        private readonly struct Keys
        {
            private readonly ZigbeeKey? _networkKey;
            private readonly LinkKeyResolver? _linkKeys;
            private readonly IZigbeeKeyStore? _store;
            private readonly bool _single;

            public Keys(ZigbeeKey? networkKey, LinkKeyResolver? linkKeys, IZigbeeKeyStore? store, bool single)
            {
                _networkKey = networkKey;
                _linkKeys = linkKeys;
                _store = store;
                _single = single;
            }

            public ZigbeeKey? Resolve(in AuxiliarySecurityHeader aux, Eui64 source)
            {
                if (_single)
                {
                    return _networkKey;
                }

                if (aux.KeyIdentifier == KeyIdentifier.Network)
                {
                    return _store is not null ? _store.GetNetworkKey(aux.KeySequenceNumber ?? 0) : _networkKey;
                }

                return _store is not null ? _store.GetLinkKey(source) : _linkKeys?.Invoke(source);
            }
        }
    }
}
