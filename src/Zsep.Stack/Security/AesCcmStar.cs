using System;
using System.Runtime.CompilerServices;

namespace Zsep.Stack.Security
{
    /// <summary>
    /// The CCM* mode of operation with AES-128 (Zigbee PRO 2015 (05-3474-21) Annex A; A.2 encryption
    /// transformation, A.3 decryption transformation), with L = 2 (so a 13-byte nonce and a message shorter than
    /// 65536 bytes) and a MIC of M = 0, 4, 8 or 16 bytes. Zigbee NWK and APS security use M = 4 (level 5, ENC-MIC-32).
    /// </summary>
    /// <remarks>
    /// Allocation-free: the caller passes spans, the scratch is on the stack or in the <see cref="AesBlock"/>.
    /// Not thread-safe for a given <see cref="AesBlock"/>.
    /// </remarks>
    public static class AesCcmStar
    {
        /// <summary>15 - L with L = 2 (A.1).</summary>
        public const int NonceLength = 13;

        /// <summary>The largest message with a 2-byte length field (L = 2).</summary>
        public const int MaxMessageLength = 0xFFFF;

        /// <summary>True for the MIC lengths CCM* allows: 0 (encryption only), 4, 8 or 16.</summary>
        public static bool IsValidMicLength(int micLength) =>
            micLength == 0 || micLength == 4 || micLength == 8 || micLength == 16;

        /// <summary>
        /// A.2: writes the ciphertext of <paramref name="message"/> followed by the encrypted MIC U (M bytes) to
        /// <paramref name="ciphertextAndMic"/> (message length + M bytes). The output may be the same memory as the
        /// message (in-place), but must not otherwise overlap it.
        /// </summary>
        public static void Encrypt(AesBlock cipher, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> authData,
            ReadOnlySpan<byte> message, int micLength, Span<byte> ciphertextAndMic) =>
            Encrypt(cipher, nonce, authData, ReadOnlySpan<byte>.Empty, message, micLength, ciphertextAndMic);

        /// <summary>
        /// A.3: decrypts ciphertext||U (the last M bytes are the encrypted MIC) into <paramref name="plaintext"/>
        /// and verifies the MIC in constant time. Returns false on a MIC mismatch, in which case the plaintext
        /// output is cleared. The output may start at the same memory as the input.
        /// </summary>
        public static bool Decrypt(AesBlock cipher, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> authData,
            ReadOnlySpan<byte> ciphertextAndMic, int micLength, Span<byte> plaintext) =>
            Decrypt(cipher, nonce, authData, ReadOnlySpan<byte>.Empty, ciphertextAndMic, micLength, plaintext);

        /// <summary>
        /// A.2.2 authentication transformation alone: the CBC-MAC tag T (first M bytes of X_(t+1)) before it is
        /// encrypted with the keystream block S_0.
        /// </summary>
        public static void ComputeAuthenticationTag(AesBlock cipher, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> authData,
            ReadOnlySpan<byte> message, int micLength, Span<byte> tag)
        {
            Check(nonce, message.Length, micLength);
            if (tag.Length < micLength)
            {
                throw new ArgumentException($"The tag needs {micLength} bytes.", nameof(tag));
            }

            CbcMac(cipher, nonce, authData, ReadOnlySpan<byte>.Empty, message, micLength);
            new ReadOnlySpan<byte>(cipher.CbcState, 0, micLength).CopyTo(tag);
        }

        /// <summary>Encryption with the authenticated data a = authData1 || authData2 (so a header need not be copied).</summary>
        internal static void Encrypt(AesBlock cipher, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> authData1,
            ReadOnlySpan<byte> authData2, ReadOnlySpan<byte> message, int micLength, Span<byte> ciphertextAndMic)
        {
            Check(nonce, message.Length, micLength);
            if (ciphertextAndMic.Length < message.Length + micLength)
            {
                throw new ArgumentException($"The output needs {message.Length + micLength} bytes.", nameof(ciphertextAndMic));
            }

            Span<byte> tag = stackalloc byte[AesBlock.BlockSize];
            if (micLength > 0)
            {
                CbcMac(cipher, nonce, authData1, authData2, message, micLength);
                new ReadOnlySpan<byte>(cipher.CbcState, 0, micLength).CopyTo(tag);
            }

            // C = M xor S_1.., U = T xor first M bytes of S_0.
            Ctr(cipher, nonce, message, ciphertextAndMic.Slice(0, message.Length), tag.Slice(0, micLength));
            tag.Slice(0, micLength).CopyTo(ciphertextAndMic.Slice(message.Length));
            tag.Clear();
        }

        internal static bool Decrypt(AesBlock cipher, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> authData1,
            ReadOnlySpan<byte> authData2, ReadOnlySpan<byte> ciphertextAndMic, int micLength, Span<byte> plaintext)
        {
            if (ciphertextAndMic.Length < micLength)
            {
                throw new ArgumentException("The input is shorter than the MIC.", nameof(ciphertextAndMic));
            }

            int length = ciphertextAndMic.Length - micLength;
            Check(nonce, length, micLength);
            if (plaintext.Length < length)
            {
                throw new ArgumentException($"The plaintext output needs {length} bytes.", nameof(plaintext));
            }

            Span<byte> tag = stackalloc byte[AesBlock.BlockSize];
            ciphertextAndMic.Slice(length, micLength).CopyTo(tag);
            Span<byte> output = plaintext.Slice(0, length);
            Ctr(cipher, nonce, ciphertextAndMic.Slice(0, length), output, tag.Slice(0, micLength));
            if (micLength == 0)
            {
                return true;
            }

            CbcMac(cipher, nonce, authData1, authData2, output, micLength);
            int diff = 0;
            byte[] x = cipher.CbcState;
            for (int i = 0; i < micLength; i++)
            {
                diff |= x[i] ^ tag[i];
            }

            tag.Clear();
            if (diff != 0)
            {
                output.Clear();
                return false;
            }

            return true;
        }

        private static void Check(ReadOnlySpan<byte> nonce, int messageLength, int micLength)
        {
            if (nonce.Length != NonceLength)
            {
                throw new ArgumentException($"The CCM* nonce is 13 bytes; {nonce.Length} were given.", nameof(nonce));
            }

            if (!IsValidMicLength(micLength))
            {
                throw new ArgumentOutOfRangeException(nameof(micLength), $"CCM* MIC length must be 0, 4, 8 or 16, not {micLength}.");
            }

            if (messageLength > MaxMessageLength)
            {
                throw new ArgumentException($"CCM* with L=2 takes at most {MaxMessageLength} bytes.");
            }
        }

        /// <summary>
        /// A.2.2: X_1 = E(B_0), X_(i+1) = E(X_i xor B_i) over B_0 || L(a) || a || pad || m || pad, i.e. the last
        /// block of a CBC encryption with a zero IV. Leaves X_(t+1) in <see cref="AesBlock.CbcState"/>.
        /// </summary>
        private static void CbcMac(AesBlock cipher, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> a1, ReadOnlySpan<byte> a2,
            ReadOnlySpan<byte> m, int micLength)
        {
            var mac = new Absorber(cipher);
            long aLength = (long)a1.Length + a2.Length;

            // B_0 = flags || nonce || l(m); flags = Reserved(0) | Adata<<6 | ((M-2)/2)<<3 | (L-1).
            Span<byte> b0 = stackalloc byte[AesBlock.BlockSize];
            b0[0] = (byte)((aLength > 0 ? 0x40 : 0) | (micLength == 0 ? 0 : ((micLength - 2) / 2) << 3) | 0x01);
            nonce.CopyTo(b0.Slice(1));
            b0[14] = (byte)(m.Length >> 8);
            b0[15] = (byte)m.Length;
            mac.Absorb(b0);

            if (aLength > 0)
            {
                Span<byte> la = stackalloc byte[6];
                if (aLength < 0xFF00)
                {
                    la[0] = (byte)(aLength >> 8);
                    la[1] = (byte)aLength;
                    mac.Absorb(la.Slice(0, 2));
                }
                else
                {
                    la[0] = 0xFF;
                    la[1] = 0xFE;
                    la[2] = (byte)(aLength >> 24);
                    la[3] = (byte)(aLength >> 16);
                    la[4] = (byte)(aLength >> 8);
                    la[5] = (byte)aLength;
                    mac.Absorb(la);
                }

                mac.Absorb(a1);
                mac.Absorb(a2);
                mac.Pad();
            }

            mac.Absorb(m);
            mac.Pad();
            mac.Flush();
        }

        /// <summary>
        /// A.2.3: keystream A_i = flags(L-1) || nonce || i, S_i = E(A_i); output = input xor S_1..,
        /// and <paramref name="tag"/> is xored with S_0 (T to U on encryption, U to T on decryption).
        /// </summary>
        private static void Ctr(AesBlock cipher, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> source, Span<byte> destination, Span<byte> tag)
        {
            byte[] input = cipher.In;
            byte[] output = cipher.Out;
            int blocks = ((source.Length + AesBlock.BlockSize - 1) / AesBlock.BlockSize) + 1; // S_0 .. S_n
            int counter = 0;
            int position = 0; // in source
            while (counter < blocks)
            {
                int batch = Math.Min(blocks - counter, AesBlock.ScratchBlocks);
                for (int b = 0; b < batch; b++)
                {
                    int o = b * AesBlock.BlockSize;
                    input[o] = 0x01;
                    nonce.CopyTo(new Span<byte>(input, o + 1, NonceLength));
                    int i = counter + b;
                    input[o + 14] = (byte)(i >> 8);
                    input[o + 15] = (byte)i;
                }

                cipher.TransformScratch(batch * AesBlock.BlockSize);
                int start = 0;
                if (counter == 0)
                {
                    for (int i = 0; i < tag.Length; i++)
                    {
                        tag[i] ^= output[i];
                    }

                    start = AesBlock.BlockSize;
                }

                int n = Math.Min((batch * AesBlock.BlockSize) - start, source.Length - position);
                XorInto(source.Slice(position, n), new ReadOnlySpan<byte>(output, start, n), destination.Slice(position, n));
                position += n;
                counter += batch;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void XorInto(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination)
        {
            for (int i = 0; i < a.Length; i++)
            {
                destination[i] = (byte)(a[i] ^ b[i]);
            }
        }

        /// <summary>Lays the formatted CBC-MAC input out in the cipher's scratch and encrypts it in as few calls as possible.</summary>
        private struct Absorber
        {
            private readonly AesBlock _cipher;
            private int _fill;
            private bool _restart;

            public Absorber(AesBlock cipher)
            {
                _cipher = cipher;
                _fill = 0;
                _restart = true;
            }

            public void Absorb(ReadOnlySpan<byte> data)
            {
                byte[] input = _cipher.In;
                while (!data.IsEmpty)
                {
                    int n = Math.Min(data.Length, input.Length - _fill);
                    data.Slice(0, n).CopyTo(new Span<byte>(input, _fill, n));
                    _fill += n;
                    data = data.Slice(n);
                    if (_fill == input.Length)
                    {
                        Flush();
                    }
                }
            }

            /// <summary>Zero padding to the block boundary (a no-op on a boundary).</summary>
            public void Pad()
            {
                int rem = _fill % AesBlock.BlockSize;
                if (rem != 0)
                {
                    int n = AesBlock.BlockSize - rem;
                    Array.Clear(_cipher.In, _fill, n);
                    _fill += n;
                }
            }

            public void Flush()
            {
                if (_fill == 0)
                {
                    return;
                }

                _cipher.CbcTransformScratch(_fill, _restart);
                _restart = false;
                _fill = 0;
            }
        }
    }
}
