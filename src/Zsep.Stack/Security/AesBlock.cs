using System;
using System.Security.Cryptography;

namespace Zsep.Stack.Security
{
    /// <summary>
    /// AES-128 forward cipher on single 16-byte blocks (the block cipher E of Zigbee PRO 2015 (05-3474-21) Annex A
    /// and B.1.1), built on <see cref="Aes"/> in ECB mode without padding. The <see cref="ICryptoTransform"/> and the
    /// byte[] scratch buffers are created once and reused, so encrypting a block allocates nothing.
    /// </summary>
    /// <remarks>
    /// Not thread-safe: an instance owns mutable scratch buffers. Use one per thread (the static helpers of this
    /// namespace keep a per-thread <see cref="KeyCipherCache"/>). The key bytes are held in memory for the life of
    /// the instance and cleared on <see cref="Dispose"/>.
    /// </remarks>
    public sealed class AesBlock : IDisposable
    {
        public const int BlockSize = 16;
        public const int KeyLength = 16;

        /// <summary>Blocks processed per call of the underlying transform when several are encrypted at once.</summary>
        internal const int ScratchBlocks = 16;

        private readonly Aes _aes;
        private readonly byte[] _key = new byte[KeyLength];
        private readonly byte[] _chain = new byte[BlockSize];
        private ICryptoTransform _encryptor;
        private ICryptoTransform _cbc;
        private bool _disposed;

        public AesBlock(ReadOnlySpan<byte> key)
        {
            if (key.Length != KeyLength)
            {
                throw new ArgumentException($"An AES-128 key is 16 bytes; {key.Length} were given.", nameof(key));
            }

            _aes = Aes.Create();
            _aes.Mode = CipherMode.ECB;
            _aes.Padding = PaddingMode.None;
            _aes.KeySize = 128;
            key.CopyTo(_key);
            _encryptor = CreateEncryptor();
            _cbc = CreateCbcEncryptor();
        }

        /// <summary>
        /// The last ciphertext block of the CBC transform (its chaining value). After <see cref="CbcTransformScratch"/>
        /// this is the CBC-MAC of everything fed since the chain was restarted.
        /// </summary>
        internal byte[] CbcState => _chain;

        /// <summary>Input scratch (<see cref="ScratchBlocks"/> blocks) used by <see cref="TransformScratch"/>.</summary>
        internal byte[] In { get; } = new byte[BlockSize * ScratchBlocks];

        /// <summary>Output scratch filled by <see cref="TransformScratch"/>.</summary>
        internal byte[] Out { get; } = new byte[BlockSize * ScratchBlocks];

        /// <summary>True when this cipher was created with exactly these key bytes.</summary>
        internal bool HasKey(ReadOnlySpan<byte> key) => key.SequenceEqual(_key);

        /// <summary>Replaces the key (used by the Matyas-Meyer-Oseas hash, whose key changes every block).</summary>
        internal void Rekey(ReadOnlySpan<byte> key)
        {
            ThrowIfDisposed();
            if (key.Length != KeyLength)
            {
                throw new ArgumentException($"An AES-128 key is 16 bytes; {key.Length} were given.", nameof(key));
            }

            key.CopyTo(_key);
            _encryptor.Dispose();
            _encryptor = CreateEncryptor();
            _cbc.Dispose();
            _cbc = CreateCbcEncryptor();
            Array.Clear(_chain, 0, _chain.Length);
        }

        /// <summary>Encrypts the first <paramref name="byteCount"/> bytes of <see cref="In"/> into <see cref="Out"/> (a multiple of 16).</summary>
        internal void TransformScratch(int byteCount)
        {
            ThrowIfDisposed();
            _encryptor.TransformBlock(In, 0, byteCount, Out, 0);
        }

        /// <summary>
        /// CBC encryption (zero IV) of the first <paramref name="byteCount"/> bytes of <see cref="In"/> into
        /// <see cref="Out"/>, continuing the chain of the previous call, or starting a new chain from a zero IV when
        /// <paramref name="restart"/> is set. The reused transform keeps chaining across calls, so a restart xors the
        /// first block with the previous chaining value, which cancels it: one native call per CBC-MAC.
        /// </summary>
        internal void CbcTransformScratch(int byteCount, bool restart)
        {
            ThrowIfDisposed();
            if (restart)
            {
                for (int i = 0; i < BlockSize; i++)
                {
                    In[i] ^= _chain[i];
                }
            }

            _cbc.TransformBlock(In, 0, byteCount, Out, 0);
            Buffer.BlockCopy(Out, byteCount - BlockSize, _chain, 0, BlockSize);
        }

        /// <summary>output = AES-128(key, input) for one 16-byte block. The spans may overlap.</summary>
        public void EncryptBlock(ReadOnlySpan<byte> input, Span<byte> output)
        {
            if (input.Length < BlockSize || output.Length < BlockSize)
            {
                throw new ArgumentException("AES works on 16-byte blocks.");
            }

            input.Slice(0, BlockSize).CopyTo(In);
            TransformScratch(BlockSize);
            new ReadOnlySpan<byte>(Out, 0, BlockSize).CopyTo(output);
        }

        /// <summary>ECB encryption of a whole number of blocks (the CTR keystream of CCM* uses this).</summary>
        public void EncryptBlocks(ReadOnlySpan<byte> input, Span<byte> output)
        {
            if (input.Length % BlockSize != 0 || output.Length < input.Length)
            {
                throw new ArgumentException("ECB input must be a whole number of 16-byte blocks and fit the output.");
            }

            while (!input.IsEmpty)
            {
                int n = Math.Min(input.Length, In.Length);
                input.Slice(0, n).CopyTo(In);
                TransformScratch(n);
                new ReadOnlySpan<byte>(Out, 0, n).CopyTo(output);
                input = input.Slice(n);
                output = output.Slice(n);
            }
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _encryptor.Dispose();
            _cbc.Dispose();
            _aes.Dispose();
            Array.Clear(_chain, 0, _chain.Length);
            Array.Clear(_key, 0, _key.Length);
            Array.Clear(In, 0, In.Length);
            Array.Clear(Out, 0, Out.Length);
        }

        private ICryptoTransform CreateEncryptor()
        {
            // Aes.Key and CreateEncryptor(key, iv) copy the array, so the private _key stays ours to clear.
            return _aes.CreateEncryptor(_key, new byte[BlockSize]);
        }

        private ICryptoTransform CreateCbcEncryptor()
        {
            _aes.Mode = CipherMode.CBC;
            try
            {
                return _aes.CreateEncryptor(_key, new byte[BlockSize]);
            }
            finally
            {
                _aes.Mode = CipherMode.ECB;
            }
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(AesBlock));
            }
        }
    }
}
