using System;
using Zsep.Stack.Codec;
using Zsep.Stack.Security;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.Types;

namespace Zsep.Stack.KeyEstablishment
{
    /// <summary>
    /// Command identifiers of the Key Establishment cluster (0x0800), Smart Energy 1.x (07-5356) Annex C.3.1.2
    /// (received by the server, sent by the client) and C.3.1.3 (sent by the server). The same numbers are used in
    /// both directions; the ZCL frame's direction bit tells request from response.
    /// </summary>
    public static class KeyEstablishmentCommand
    {
        /// <summary>The cluster identifier.</summary>
        public const ushort ClusterId = 0x0800;

        /// <summary>Initiate Key Establishment Request (client to server) / Response (server to client): <see cref="InitiateKeyEstablishment"/>.</summary>
        public const byte InitiateKeyEstablishment = 0x00;

        /// <summary>Ephemeral Data Request / Response: <see cref="EphemeralData"/>.</summary>
        public const byte EphemeralData = 0x01;

        /// <summary>Confirm Key Data Request / Response: <see cref="ConfirmKeyData"/>.</summary>
        public const byte ConfirmKeyData = 0x02;

        /// <summary>Terminate Key Establishment, both directions: <see cref="TerminateKeyEstablishment"/>.</summary>
        public const byte TerminateKeyEstablishment = 0x03;

        /// <summary>The specification's name of a command in a direction.</summary>
        public static string Name(byte commandId, bool serverToClient) => commandId switch
        {
            InitiateKeyEstablishment => serverToClient ? "Initiate Key Establishment Response" : "Initiate Key Establishment Request",
            EphemeralData => serverToClient ? "Ephemeral Data Response" : "Ephemeral Data Request",
            ConfirmKeyData => serverToClient ? "Confirm Key Data Response" : "Confirm Key Data Request",
            TerminateKeyEstablishment => "Terminate Key Establishment",
            _ => $"Key Establishment command 0x{commandId:X2}",
        };
    }

    /// <summary>The Status field of Terminate Key Establishment (07-5356 Table C-9, C-13).</summary>
    public enum KeyEstablishmentStatus : byte
    {
        /// <summary>The issuer of the partner's certificate is not a trusted CA.</summary>
        UnknownIssuer = 0x01,

        /// <summary>The key confirmation tag did not match.</summary>
        BadKeyConfirm = 0x02,

        /// <summary>A malformed, unexpected or duplicate command.</summary>
        BadMessage = 0x03,

        /// <summary>The party cannot take a key establishment now (see WaitTime).</summary>
        NoResources = 0x04,

        /// <summary>The requested suite is not supported.</summary>
        UnsupportedSuite = 0x05,

        /// <summary>The certificate is malformed, of the wrong subject, or unusable.</summary>
        InvalidCertificate = 0x06,
    }

    /// <summary>The KeyEstablishmentSuite bitmap (attribute 0x0000 of the cluster, and the Terminate field): bit 0 suite 1, bit 1 suite 2.</summary>
    [Flags]
    public enum KeyEstablishmentSuites : ushort
    {
        None = 0,
        Suite1 = 0x0001,
        Suite2 = 0x0002,
    }

    /// <summary>Conversions between <see cref="CryptoSuite"/> values and the bitmap.</summary>
    public static class KeyEstablishmentSuitesExtensions
    {
        /// <summary>The bit of a suite (the enum values coincide: suite 1 = 0x0001, suite 2 = 0x0002).</summary>
        public static KeyEstablishmentSuites ToBitmap(this CryptoSuite suite) => (KeyEstablishmentSuites)(ushort)suite;

        public static bool Contains(this KeyEstablishmentSuites suites, CryptoSuite suite) =>
            CryptoSuites.IsDefined(suite) && (suites & suite.ToBitmap()) != 0;
    }

    /// <summary>
    /// The payload of Ephemeral Data Request (client to server, 0x01) and Ephemeral Data Response (server to client,
    /// 0x01), 07-5356 C.3.1.2.2 / C.3.1.3.2: the sender's ephemeral public key, a compressed point of the suite's curve
    /// (22 bytes for suite 1, 37 for suite 2). Whether it is a curve point is checked when it is used.
    /// </summary>
    public sealed record EphemeralData
    {
        private readonly byte[] _publicKey;

        /// <exception cref="ArgumentException">Not a compressed point of the suite's length.</exception>
        public EphemeralData(CryptoSuite suite, ReadOnlySpan<byte> publicKey)
        {
            int length = CryptoSuites.PointLength(suite);
            if (publicKey.Length != length || (publicKey[0] != 0x02 && publicKey[0] != 0x03))
            {
                throw new ArgumentException($"Suite {(int)suite} ephemeral data is a compressed point of {length} bytes starting 02 or 03.", nameof(publicKey));
            }

            Suite = suite;
            _publicKey = publicKey.ToArray();
        }

        public CryptoSuite Suite { get; }

        /// <summary>The compressed ephemeral public key (a copy).</summary>
        public byte[] PublicKey => (byte[])_publicKey.Clone();

        internal ReadOnlySpan<byte> PublicKeySpan => _publicKey;

        /// <summary>Decodes the payload of a suite's ephemeral data; a wrong length or point prefix is a <see cref="FrameFormatException"/>.</summary>
        public static EphemeralData Decode(ReadOnlySpan<byte> data, CryptoSuite suite)
        {
            int length = CryptoSuites.PointLength(suite);
            if (data.Length != length)
            {
                throw new FrameFormatException(FrameLayer.Zcl, "EphemeralData", Math.Min(data.Length, length),
                    $"Suite {(int)suite} ephemeral data is {length} bytes; {data.Length} were given");
            }

            if (data[0] != 0x02 && data[0] != 0x03)
            {
                throw new FrameFormatException(FrameLayer.Zcl, "EphemeralData", 0, $"A compressed point starts 02 or 03, not 0x{data[0]:X2}");
            }

            return new EphemeralData(suite, data);
        }

        public static bool TryDecode(ReadOnlySpan<byte> data, CryptoSuite suite, out EphemeralData? value, out FrameFormatException? error) =>
            FrameCodec.TryDecode(data, suite, static (d, s) => Decode(d, s), out value, out error);

        public byte[] ToArray() => PublicKey;

        public bool Equals(EphemeralData? other) =>
            other is not null && Suite == other.Suite && ((ReadOnlySpan<byte>)_publicKey).SequenceEqual(other._publicKey);

        public override int GetHashCode() => ((int)Suite * 397) ^ (_publicKey[1] << 8) ^ _publicKey[2];

        public override string ToString() => $"Ephemeral data (suite {(int)Suite}) {Hex.Format(_publicKey)}";
    }

    /// <summary>
    /// The payload of Confirm Key Data Request (client to server, 0x02: MACU) and Confirm Key Data Response (server
    /// to client, 0x02: MACV), 07-5356 C.3.1.2.3 / C.3.1.3.3: the 16-byte Secure Message Authentication Code.
    /// </summary>
    public sealed record ConfirmKeyData
    {
        public const int Length = 16;

        private readonly byte[] _mac;

        /// <exception cref="ArgumentException">Not 16 bytes.</exception>
        public ConfirmKeyData(ReadOnlySpan<byte> secureMessageAuthenticationCode)
        {
            if (secureMessageAuthenticationCode.Length != Length)
            {
                throw new ArgumentException("The Secure Message Authentication Code is 16 bytes.", nameof(secureMessageAuthenticationCode));
            }

            _mac = secureMessageAuthenticationCode.ToArray();
        }

        /// <summary>The tag (a copy).</summary>
        public byte[] SecureMessageAuthenticationCode => (byte[])_mac.Clone();

        internal ReadOnlySpan<byte> MacSpan => _mac;

        public static ConfirmKeyData Decode(ReadOnlySpan<byte> data)
        {
            if (data.Length != Length)
            {
                throw new FrameFormatException(FrameLayer.Zcl, "SecureMessageAuthenticationCode", Math.Min(data.Length, Length),
                    $"The Secure Message Authentication Code is {Length} bytes; {data.Length} were given");
            }

            return new ConfirmKeyData(data);
        }

        public static bool TryDecode(ReadOnlySpan<byte> data, out ConfirmKeyData? value, out FrameFormatException? error) =>
            FrameCodec.TryDecode(data, static d => Decode(d), out value, out error);

        public byte[] ToArray() => SecureMessageAuthenticationCode;

        public bool Equals(ConfirmKeyData? other) => other is not null && ((ReadOnlySpan<byte>)_mac).SequenceEqual(other._mac);

        public override int GetHashCode() => (_mac[0] << 16) ^ (_mac[1] << 8) ^ _mac[2];

        /// <summary>A tag proves knowledge of the MAC key but reveals nothing of it; it is shown.</summary>
        public override string ToString() => $"Confirm key data {Hex.Format(_mac)}";
    }

    /// <summary>
    /// Terminate Key Establishment (0x03, both directions), 07-5356 C.3.1.2.4 / C.3.1.3.4: StatusCode (uint8),
    /// WaitTime (uint8, seconds before the partner may try again), KeyEstablishmentSuite (bitmap16, the suites the
    /// sender supports; little-endian).
    /// </summary>
    public sealed record TerminateKeyEstablishment(KeyEstablishmentStatus StatusCode, byte WaitTime, KeyEstablishmentSuites KeyEstablishmentSuite)
    {
        public const int Length = 4;

        /// <summary>Decodes the 4-byte payload; other lengths are a <see cref="FrameFormatException"/>. Status values outside 1-6 are kept as they are.</summary>
        public static TerminateKeyEstablishment Decode(ReadOnlySpan<byte> data)
        {
            var r = new FrameReader(data, FrameLayer.Zcl);
            var status = (KeyEstablishmentStatus)r.ReadByte("StatusCode");
            byte wait = r.ReadByte("WaitTime");
            var suites = (KeyEstablishmentSuites)r.ReadUInt16("KeyEstablishmentSuite");
            if (!r.IsAtEnd)
            {
                throw r.Error("Payload", $"Terminate Key Establishment is {Length} bytes; {data.Length} were given");
            }

            return new TerminateKeyEstablishment(status, wait, suites);
        }

        public static bool TryDecode(ReadOnlySpan<byte> data, out TerminateKeyEstablishment? value, out FrameFormatException? error) =>
            FrameCodec.TryDecode(data, static d => Decode(d), out value, out error);

        public byte[] ToArray()
        {
            byte[] bytes = new byte[Length];
            var w = new FrameWriter(bytes);
            w.WriteByte((byte)StatusCode);
            w.WriteByte(WaitTime);
            w.WriteUInt16((ushort)KeyEstablishmentSuite);
            return bytes;
        }
    }
}
