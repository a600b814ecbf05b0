using System;
using Zsep.Stack.Codec;

namespace Zsep.Stack.Security.Cbke
{
    /// <summary>
    /// The payload of the Key Establishment cluster's (0x0800) Initiate Key Establishment Request (client to server,
    /// command 0x00) and Response (server to client, command 0x00), which share one layout, Smart Energy 1.x
    /// (07-5356) Annex C.3: KeyEstablishmentSuite (enum16, little-endian), EphemeralDataGenerateTime (uint8,
    /// seconds), ConfirmKeyGenerateTime (uint8, seconds), Identity (the implicit certificate: 48 bytes for suite 1,
    /// 74 for suite 2).
    /// </summary>
    public sealed record InitiateKeyEstablishment(CryptoSuite KeyEstablishmentSuite, byte EphemeralDataGenerateTime,
        byte ConfirmKeyGenerateTime, ImplicitCertificate Identity)
    {
        /// <summary>The ZCL cluster identifier of Key Establishment.</summary>
        public const ushort ClusterId = 0x0800;

        /// <summary>The command identifier of the request (client to server) and of the response (server to client).</summary>
        public const byte CommandId = 0x00;

        private const int FixedLength = 4;

        public int EncodedLength => FixedLength + CryptoSuites.CertificateLength(KeyEstablishmentSuite);

        /// <summary>
        /// Decodes the ZCL payload (after the ZCL header). A suite other than 1 or 2, a certificate of the wrong
        /// length, or trailing bytes give a <see cref="FrameFormatException"/> (layer Zcl for the fixed fields,
        /// Security inside the certificate).
        /// </summary>
        public static InitiateKeyEstablishment Decode(ReadOnlySpan<byte> data)
        {
            var r = new FrameReader(data, FrameLayer.Zcl);
            int suiteAt = r.AbsoluteOffset;
            ushort suite = r.ReadUInt16("KeyEstablishmentSuite");
            if (!CryptoSuites.IsDefined((CryptoSuite)suite))
            {
                throw new FrameFormatException(FrameLayer.Zcl, "KeyEstablishmentSuite", suiteAt, $"Unknown key establishment suite 0x{suite:X4}");
            }

            byte ephemeral = r.ReadByte("EphemeralDataGenerateTime");
            byte confirm = r.ReadByte("ConfirmKeyGenerateTime");
            int length = CryptoSuites.CertificateLength((CryptoSuite)suite);
            int identityAt = r.AbsoluteOffset;
            if (r.Remaining != length)
            {
                throw new FrameFormatException(FrameLayer.Zcl, "Identity", identityAt + Math.Min(r.Remaining, length),
                    $"A suite {suite} identity (certificate) is {length} bytes; {r.Remaining} remain");
            }

            ImplicitCertificate identity = ImplicitCertificate.Decode(r.ReadBytes(length, "Identity"), (CryptoSuite)suite, identityAt);
            return new InitiateKeyEstablishment((CryptoSuite)suite, ephemeral, confirm, identity);
        }

        public static bool TryDecode(ReadOnlySpan<byte> data, out InitiateKeyEstablishment? value, out FrameFormatException? error) =>
            FrameCodec.TryDecode(data, static d => Decode(d), out value, out error);

        /// <exception cref="ArgumentException">The identity is of another suite than KeyEstablishmentSuite, or the destination is too small.</exception>
        public int Encode(Span<byte> destination)
        {
            if (Identity.Suite != KeyEstablishmentSuite)
            {
                throw new ArgumentException($"The identity is a suite {(int)Identity.Suite} certificate; the command says suite {(int)KeyEstablishmentSuite}.");
            }

            var w = new FrameWriter(destination);
            w.WriteUInt16((ushort)KeyEstablishmentSuite);
            w.WriteByte(EphemeralDataGenerateTime);
            w.WriteByte(ConfirmKeyGenerateTime);
            Identity.Write(ref w);
            return w.Position;
        }

        public byte[] ToArray()
        {
            byte[] bytes = new byte[EncodedLength];
            Encode(bytes);
            return bytes;
        }
    }
}
