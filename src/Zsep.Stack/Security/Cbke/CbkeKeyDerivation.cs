using System;
using Zsep.Stack.Types;

namespace Zsep.Stack.Security.Cbke
{
    /// <summary>
    /// The keying material of one key establishment, derived from the ECMQV shared secret Z: the MAC key used
    /// only for the two key confirmation tags, and the key data that becomes the link key. Secret: ToString is
    /// redacted.
    /// </summary>
    public sealed class CbkeKeyingMaterial
    {
        internal CbkeKeyingMaterial(byte[] macKey, ZigbeeKey keyData)
        {
            MacKeyBytes = macKey;
            KeyData = keyData;
        }

        /// <summary>KeyData: the 128-bit key both parties install as their link key (07-5356 C.4.2.2.5).</summary>
        public ZigbeeKey KeyData { get; }

        internal byte[] MacKeyBytes { get; }

        public override string ToString() => "<CBKE keying material redacted>";
    }

    /// <summary>
    /// Key derivation and key confirmation of Smart Energy key establishment (07-5356 Annex C.4.2.2.5-C.4.2.2.6 and
    /// C.6.1), for both suites: suite 2 certificates name the AES-MMO hash (Hash field 0x08), and the protocol uses
    /// the same hash as suite 1.
    /// <para>KDF (ANSI X9.63 / SEC 1 3.6.1 with an empty SharedInfo and the AES-MMO hash of Zigbee PRO B.6):
    /// K_i = H(Z || counter_i), counter a 32-bit big-endian integer from 1; MacKey = K_1 and KeyData = K_2 (128 bits each).</para>
    /// <para>Tags (HMAC with AES-MMO, Zigbee PRO B.1.4): MACU = MAC_MacKey(M_U || ID_U || ID_V || E_U || E_V) with
    /// M_U = 0x02, sent by the initiator U in Confirm Key Data Request; MACV = MAC_MacKey(M_V || ID_V || ID_U || E_V ||
    /// E_U) with M_V = 0x03, sent by the responder V in Confirm Key Data Response. ID is the party's 64-bit IEEE
    /// address, most significant byte first (as in the certificates); E is its compressed ephemeral public key.</para>
    /// </summary>
    public static class CbkeKeyDerivation
    {
        /// <summary>M_U: the message prefix of the initiator's tag.</summary>
        public const byte InitiatorTagPrefix = 0x02;

        /// <summary>M_V: the message prefix of the responder's tag.</summary>
        public const byte ResponderTagPrefix = 0x03;

        /// <summary>The length of MacKey, KeyData and each tag.</summary>
        public const int Length = 16;

        /// <summary>MacKey || KeyData from Z (see the class).</summary>
        public static CbkeKeyingMaterial Derive(ReadOnlySpan<byte> sharedSecret)
        {
            if (sharedSecret.Length == 0)
            {
                throw new ArgumentException("The shared secret is empty.", nameof(sharedSecret));
            }

            byte[] input = new byte[sharedSecret.Length + 4];
            sharedSecret.CopyTo(input);
            try
            {
                byte[] macKey = new byte[Length];
                byte[] keyData = new byte[Length];
                SetCounter(input, 1);
                AesMmo.Hash(input, macKey);
                SetCounter(input, 2);
                AesMmo.Hash(input, keyData);
                var key = new ZigbeeKey(keyData);
                Array.Clear(keyData, 0, keyData.Length);
                return new CbkeKeyingMaterial(macKey, key);
            }
            finally
            {
                Array.Clear(input, 0, input.Length);
            }
        }

        /// <summary>MACU = MAC(0x02 || ID_U || ID_V || E_U || E_V): what the initiator sends and the responder checks.</summary>
        public static byte[] InitiatorTag(CbkeKeyingMaterial material, Eui64 initiator, Eui64 responder,
            ReadOnlySpan<byte> initiatorEphemeral, ReadOnlySpan<byte> responderEphemeral) =>
            Tag(material, InitiatorTagPrefix, initiator, responder, initiatorEphemeral, responderEphemeral);

        /// <summary>MACV = MAC(0x03 || ID_V || ID_U || E_V || E_U): what the responder sends and the initiator checks.</summary>
        public static byte[] ResponderTag(CbkeKeyingMaterial material, Eui64 initiator, Eui64 responder,
            ReadOnlySpan<byte> initiatorEphemeral, ReadOnlySpan<byte> responderEphemeral) =>
            Tag(material, ResponderTagPrefix, responder, initiator, responderEphemeral, initiatorEphemeral);

        /// <summary>Compares two tags in time independent of where they differ.</summary>
        public static bool TagsEqual(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            int diff = 0;
            for (int i = 0; i < a.Length; i++)
            {
                diff |= a[i] ^ b[i];
            }

            return diff == 0;
        }

        private static byte[] Tag(CbkeKeyingMaterial material, byte prefix, Eui64 firstId, Eui64 secondId,
            ReadOnlySpan<byte> firstEphemeral, ReadOnlySpan<byte> secondEphemeral)
        {
            if (material is null)
            {
                throw new ArgumentNullException(nameof(material));
            }

            byte[] message = new byte[1 + 8 + 8 + firstEphemeral.Length + secondEphemeral.Length];
            message[0] = prefix;
            WriteBigEndian(message, 1, firstId.Value);
            WriteBigEndian(message, 9, secondId.Value);
            firstEphemeral.CopyTo(message.AsSpan(17));
            secondEphemeral.CopyTo(message.AsSpan(17 + firstEphemeral.Length));
            return HmacMmo.Compute(material.MacKeyBytes, message);
        }

        private static void SetCounter(byte[] input, uint counter)
        {
            int at = input.Length - 4;
            input[at] = (byte)(counter >> 24);
            input[at + 1] = (byte)(counter >> 16);
            input[at + 2] = (byte)(counter >> 8);
            input[at + 3] = (byte)counter;
        }

        private static void WriteBigEndian(byte[] buffer, int offset, ulong value)
        {
            for (int i = 0; i < 8; i++)
            {
                buffer[offset + i] = (byte)(value >> (56 - 8 * i));
            }
        }
    }
}
