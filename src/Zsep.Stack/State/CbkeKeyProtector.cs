using System;
using System.IO;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Zsep.Stack.State
{
    /// <summary>
    /// Protection at rest of the gateway's CBKE private keys (issue 5 s.1): they are never written to zsep.db in
    /// clear but sealed with AES-256-GCM (NIST SP 800-38D; BouncyCastle) under a 32-byte key kept in a separate file,
    /// cbke-keystore.key, in the network folder, created from the OS's generator and given mode 0600 on Linux and
    /// macOS (on Windows the folder under the user's profile inherits an owner-only ACL; DPAPI is not available to a
    /// netstandard2.0 library without another package). A copy of zsep.db alone (a backup, a bug report) therefore
    /// does not reveal the keys. Sealed form: nonce (12) || ciphertext || tag (16); the associated data names the
    /// purpose and the suite, so a sealed key cannot be moved to another row unnoticed.
    /// </summary>
    internal sealed class CbkeKeyProtector
    {
        public const string FileName = "cbke-keystore.key";
        private const int KeyLength = 32;
        private const int NonceLength = 12;
        private const int TagBits = 128;

        private readonly string _path;

        public CbkeKeyProtector(string folder)
        {
            _path = System.IO.Path.Combine(folder, FileName);
        }

        public string Path => _path;

        public byte[] Seal(ReadOnlySpan<byte> secret, string purpose)
        {
            byte[] key = LoadOrCreateKey();
            try
            {
                byte[] nonce = new byte[NonceLength];
                new SecureRandom().NextBytes(nonce);
                GcmBlockCipher gcm = Cipher(true, key, nonce, purpose);
                byte[] output = new byte[NonceLength + gcm.GetOutputSize(secret.Length)];
                nonce.CopyTo(output, 0);
                byte[] input = secret.ToArray();
                int n = gcm.ProcessBytes(input, 0, input.Length, output, NonceLength);
                gcm.DoFinal(output, NonceLength + n);
                Array.Clear(input, 0, input.Length);
                return output;
            }
            finally
            {
                Array.Clear(key, 0, key.Length);
            }
        }

        /// <summary>Opens a sealed secret; throws <see cref="NetworkStateException"/> when the key file is missing or the data was altered.</summary>
        public byte[] Open(byte[] sealedData, string purpose)
        {
            if (!File.Exists(_path))
            {
                throw new NetworkStateException(NetworkStateError.CorruptStore, _path, "The key file that protects the CBKE private keys is missing; import the gateway certificate and private key again.");
            }

            byte[] key = LoadOrCreateKey();
            try
            {
                if (sealedData.Length < NonceLength + (TagBits / 8))
                {
                    throw new NetworkStateException(NetworkStateError.CorruptStore, _path, "A sealed CBKE private key is too short.");
                }

                byte[] nonce = new byte[NonceLength];
                Array.Copy(sealedData, nonce, NonceLength);
                GcmBlockCipher gcm = Cipher(false, key, nonce, purpose);
                byte[] output = new byte[gcm.GetOutputSize(sealedData.Length - NonceLength)];
                int n = gcm.ProcessBytes(sealedData, NonceLength, sealedData.Length - NonceLength, output, 0);
                try
                {
                    gcm.DoFinal(output, n);
                }
                catch (InvalidCipherTextException)
                {
                    Array.Clear(output, 0, output.Length);
                    throw new NetworkStateException(NetworkStateError.CorruptStore, _path, "A sealed CBKE private key does not open with cbke-keystore.key (altered, or the key file was replaced).");
                }

                return output;
            }
            finally
            {
                Array.Clear(key, 0, key.Length);
            }
        }

        private static GcmBlockCipher Cipher(bool encrypt, byte[] key, byte[] nonce, string purpose)
        {
            var gcm = new GcmBlockCipher(new AesEngine());
            gcm.Init(encrypt, new AeadParameters(new KeyParameter(key), TagBits, nonce, System.Text.Encoding.UTF8.GetBytes("zsep-cbke/" + purpose)));
            return gcm;
        }

        private byte[] LoadOrCreateKey()
        {
            if (File.Exists(_path))
            {
                byte[] existing = File.ReadAllBytes(_path);
                if (existing.Length != KeyLength)
                {
                    Array.Clear(existing, 0, existing.Length);
                    throw new NetworkStateException(NetworkStateError.CorruptStore, _path, $"The CBKE key file is not {KeyLength} bytes.");
                }

                return existing;
            }

            byte[] key = new byte[KeyLength];
            using (var rng = System.Security.Cryptography.RandomNumberGenerator.Create())
            {
                rng.GetBytes(key);
            }

            using (var stream = new FileStream(_path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                UnixPermissions.TrySetOwnerOnly(_path, isDirectory: false);
                stream.Write(key, 0, key.Length);
            }

            return key;
        }
    }
}
