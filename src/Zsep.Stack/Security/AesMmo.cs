using System;
using Zsep.Stack.Types;

namespace Zsep.Stack.Security
{
    /// <summary>
    /// The AES-128 Matyas-Meyer-Oseas hash of Zigbee PRO 2015 (05-3474-21) B.1.3 / B.6 (used for install-code
    /// link keys and inside <see cref="HmacMmo"/>): H_0 = 0^128, H_j = E(H_(j-1), M_j) xor M_j over the padded
    /// message. Padding (B.6): a '1' bit, zero bits, then the bit length l as 16 bits big-endian when l &lt; 2^16;
    /// for 2^16 &lt;= l &lt; 2^32 the long form ends with l as 32 bits big-endian followed by 16 zero bits.
    /// </summary>
    public static class AesMmo
    {
        public const int HashLength = 16;

        /// <summary>Messages of 2^32 bits or more cannot be padded (B.6).</summary>
        public const long MaxMessageLength = (1L << 29) - 1;

        public static byte[] Hash(ReadOnlySpan<byte> message)
        {
            var result = new byte[HashLength];
            Hash(message, result);
            return result;
        }

        public static void Hash(ReadOnlySpan<byte> message, Span<byte> hash)
        {
            using var hasher = new MmoHasher();
            hasher.Append(message);
            hasher.Finish(hash);
        }
    }

    /// <summary>Incremental AES-MMO (B.6) so a keyed hash can hash pad||message without concatenating them.</summary>
    internal sealed class MmoHasher : IDisposable
    {
        private readonly byte[] _state = new byte[AesBlock.BlockSize];
        private readonly byte[] _block = new byte[AesBlock.BlockSize];
        private readonly AesBlock _cipher;
        private int _fill;
        private long _length;

        public MmoHasher()
        {
            _cipher = new AesBlock(_state);
        }

        public void Append(ReadOnlySpan<byte> data)
        {
            if (_length + data.Length > AesMmo.MaxMessageLength)
            {
                throw new ArgumentException("AES-MMO hashes messages shorter than 2^32 bits.");
            }

            _length += data.Length;
            foreach (byte b in data)
            {
                _block[_fill++] = b;
                if (_fill == AesBlock.BlockSize)
                {
                    Compress(_block);
                    _fill = 0;
                }
            }
        }

        public void Finish(Span<byte> hash)
        {
            if (hash.Length < AesMmo.HashLength)
            {
                throw new ArgumentException("The hash output is 16 bytes.", nameof(hash));
            }

            long bits = _length * 8;
            bool longForm = bits >= (1L << 16);
            int trailer = longForm ? 6 : 2;
            _block[_fill++] = 0x80;
            if (_fill > AesBlock.BlockSize - trailer)
            {
                Array.Clear(_block, _fill, AesBlock.BlockSize - _fill);
                Compress(_block);
                _fill = 0;
            }

            Array.Clear(_block, _fill, AesBlock.BlockSize - _fill);
            if (longForm)
            {
                _block[10] = (byte)(bits >> 24);
                _block[11] = (byte)(bits >> 16);
                _block[12] = (byte)(bits >> 8);
                _block[13] = (byte)bits;
                _block[14] = 0;
                _block[15] = 0;
            }
            else
            {
                _block[14] = (byte)(bits >> 8);
                _block[15] = (byte)bits;
            }

            Compress(_block);
            _state.CopyTo(hash);
        }

        private void Compress(byte[] block)
        {
            _cipher.Rekey(_state);
            _cipher.EncryptBlock(block, _state);
            for (int i = 0; i < AesBlock.BlockSize; i++)
            {
                _state[i] ^= block[i];
            }
        }

        public void Dispose()
        {
            _cipher.Dispose();
            Array.Clear(_state, 0, _state.Length);
            Array.Clear(_block, 0, _block.Length);
        }
    }

    /// <summary>
    /// The keyed hash for message authentication of Zigbee PRO 2015 (05-3474-21) B.1.4 (HMAC over the AES-MMO
    /// hash): MacTag = H((K xor opad) || H((K xor ipad) || M)), ipad = 0x36.., opad = 0x5C.., with the key
    /// zero-padded (or hashed, when longer) to the 16-byte block.
    /// </summary>
    public static class HmacMmo
    {
        public const byte InnerPad = 0x36;
        public const byte OuterPad = 0x5C;

        public static byte[] Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message)
        {
            var mac = new byte[AesMmo.HashLength];
            Compute(key, message, mac);
            return mac;
        }

        public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> mac)
        {
            if (mac.Length < AesMmo.HashLength)
            {
                throw new ArgumentException("The MAC output is 16 bytes.", nameof(mac));
            }

            Span<byte> k = stackalloc byte[AesBlock.BlockSize];
            if (key.Length > AesBlock.BlockSize)
            {
                AesMmo.Hash(key, k);
            }
            else
            {
                key.CopyTo(k);
            }

            Span<byte> pad = stackalloc byte[AesBlock.BlockSize];
            Span<byte> inner = stackalloc byte[AesMmo.HashLength];
            for (int i = 0; i < pad.Length; i++)
            {
                pad[i] = (byte)(k[i] ^ InnerPad);
            }

            using (var h = new MmoHasher())
            {
                h.Append(pad);
                h.Append(message);
                h.Finish(inner);
            }

            for (int i = 0; i < pad.Length; i++)
            {
                pad[i] = (byte)(k[i] ^ OuterPad);
            }

            using (var h = new MmoHasher())
            {
                h.Append(pad);
                h.Append(inner);
                h.Finish(mac);
            }

            k.Clear();
            pad.Clear();
            inner.Clear();
        }
    }

    /// <summary>
    /// Keys derived from a link key with the keyed hash (Zigbee PRO 2015 (05-3474-21) 4.5.3 and 4.4.10.7):
    /// the key-transport key HMAC(key, 0x00), the key-load key HMAC(key, 0x02) and the verify-key hash
    /// HMAC(key, 0x03) carried in the APS Verify-Key command.
    /// </summary>
    public static class ZigbeeKeyDerivation
    {
        internal static ReadOnlySpan<byte> KeyTransportInput => new byte[] { 0x00 };

        internal static ReadOnlySpan<byte> KeyLoadInput => new byte[] { 0x02 };

        internal static ReadOnlySpan<byte> VerifyKeyInput => new byte[] { 0x03 };

        /// <summary>HMAC-MMO(linkKey, 0x00): protects APS Transport-Key carrying a network key (key identifier 2).</summary>
        public static ZigbeeKey KeyTransportKey(ZigbeeKey linkKey) => Derive(linkKey, KeyTransportInput);

        /// <summary>HMAC-MMO(linkKey, 0x02): protects APS Transport-Key carrying a link key (key identifier 3).</summary>
        public static ZigbeeKey KeyLoadKey(ZigbeeKey linkKey) => Derive(linkKey, KeyLoadInput);

        /// <summary>HMAC-MMO(linkKey, 0x03): the 16-byte hash sent in APS Verify-Key (4.4.10.7). Not itself a key.</summary>
        public static byte[] VerifyKeyHash(ZigbeeKey linkKey) => HmacMmo.Compute(linkKey.Span, VerifyKeyInput);

        private static ZigbeeKey Derive(ZigbeeKey linkKey, ReadOnlySpan<byte> input)
        {
            Span<byte> k = stackalloc byte[AesMmo.HashLength];
            HmacMmo.Compute(linkKey.Span, input, k);
            var key = new ZigbeeKey(k);
            k.Clear();
            return key;
        }
    }
}
