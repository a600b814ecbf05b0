using System;
using System.Buffers.Binary;
using System.Text;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;

namespace Zsep.Stack.Security.Cbke
{
    /// <summary>
    /// A Certicom ECQV implicit certificate (SEC 4) as carried in the Identity field of Initiate Key Establishment,
    /// Smart Energy 1.x (07-5356) Annex C.4.2 (certificate formats). All multi-byte fields are big-endian.
    /// <para>Suite 1 (48 bytes): PublicKeyReconstructionData (22, compressed sect163k1 point) || Subject (8) ||
    /// Issuer (8) || ProfileAttributeData (10).</para>
    /// <para>Suite 2 (74 bytes): Type (1, 0x00) || SerialNumber (8) || Curve (1, 0x0D = sect283k1) || Hash (1,
    /// 0x08 = AES-MMO) || Issuer (8) || ValidFrom (5, seconds since 1970-01-01 UTC) || ValidTo (4, seconds after
    /// ValidFrom, 0xFFFFFFFF = no expiry) || Subject (8) || KeyUsage (1) || PublicKeyReconstructionData (37).</para>
    /// The implicit certificate proves nothing by itself: its public key is reconstructed from it and the CA's key
    /// (<see cref="Ecqv"/>), and only a party holding the matching private key can use it.
    /// </summary>
    public sealed record ImplicitCertificate
    {
        /// <summary>Suite 2 Type: an implicit certificate.</summary>
        public const byte ImplicitCertificateType = 0x00;

        /// <summary>Suite 2 Curve identifier of sect283k1.</summary>
        public const byte CurveSect283k1 = 0x0D;

        /// <summary>Suite 2 Hash identifier of the AES-MMO hash.</summary>
        public const byte HashAesMmo = 0x08;

        /// <summary>Suite 2 KeyUsage bit: key agreement (the usage of every CBKE certificate).</summary>
        public const byte KeyUsageKeyAgreement = 0x08;

        /// <summary>Suite 2 ValidTo value meaning "does not expire".</summary>
        public const uint NoExpiry = 0xFFFFFFFF;

        private const int Suite2ValidFromLength = 5;
        private const ulong MaxValidFromSeconds = (1UL << 40) - 1;
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        private readonly byte[] _reconstruction;
        private readonly byte[]? _profileAttributeData;

        private ImplicitCertificate(CryptoSuite suite, byte[] reconstruction, Eui64 subject, Eui64 issuer, byte[]? profileAttributeData,
            byte? type, ulong? serial, byte? curve, byte? hash, ulong? validFrom, uint? validTo, byte? keyUsage)
        {
            Suite = suite;
            _reconstruction = reconstruction;
            Subject = subject;
            Issuer = issuer;
            _profileAttributeData = profileAttributeData;
            CertificateType = type;
            SerialNumber = serial;
            Curve = curve;
            Hash = hash;
            ValidFromSeconds = validFrom;
            ValidToSeconds = validTo;
            KeyUsage = keyUsage;
        }

        public CryptoSuite Suite { get; }

        /// <summary>The public-key reconstruction data P_U: a compressed curve point (22 or 37 bytes). A copy.</summary>
        public byte[] PublicKeyReconstructionData => (byte[])_reconstruction.Clone();

        /// <summary>The subject's IEEE address (big-endian in the certificate).</summary>
        public Eui64 Subject { get; }

        /// <summary>The 8-byte identifier of the issuing CA (the Certicom test CA is "TESTSECA").</summary>
        public Eui64 Issuer { get; }

        /// <summary>The issuer as ASCII text when all 8 bytes are printable ("TESTSECA"), else its hex.</summary>
        public string IssuerName
        {
            get
            {
                var sb = new StringBuilder(8);
                for (int i = 7; i >= 0; i--)
                {
                    char c = (char)(byte)(Issuer.Value >> (8 * i));
                    if (c < 0x20 || c > 0x7E)
                    {
                        return Issuer.ToCompactString();
                    }

                    sb.Append(c);
                }

                return sb.ToString();
            }
        }

        /// <summary>Suite 1: the 10 bytes of profile attribute data (the SE profile id 0x0109 first). A copy; null for suite 2.</summary>
        public byte[]? ProfileAttributeData => (byte[]?)_profileAttributeData?.Clone();

        /// <summary>Suite 2: Type (0x00, implicit certificate). Null for suite 1.</summary>
        public byte? CertificateType { get; }

        /// <summary>Suite 2: the serial number. Null for suite 1.</summary>
        public ulong? SerialNumber { get; }

        /// <summary>Suite 2: Curve (0x0D, sect283k1). Null for suite 1.</summary>
        public byte? Curve { get; }

        /// <summary>Suite 2: Hash (0x08, AES-MMO). Null for suite 1.</summary>
        public byte? Hash { get; }

        /// <summary>Suite 2: start of validity, seconds since 1970-01-01 UTC (a 40-bit field). Null for suite 1.</summary>
        public ulong? ValidFromSeconds { get; }

        /// <summary>Suite 2: end of validity, seconds after ValidFrom; 0xFFFFFFFF: no expiry. Null for suite 1.</summary>
        public uint? ValidToSeconds { get; }

        /// <summary>Suite 2: key usage bits (0x08 key agreement). Null for suite 1.</summary>
        public byte? KeyUsage { get; }

        /// <summary>Suite 2: start of validity (UTC; DateTime.MaxValue if beyond year 9999). Null for suite 1.</summary>
        public DateTime? ValidFrom => ValidFromSeconds is ulong s ? ToDate(s) : (DateTime?)null;

        /// <summary>Suite 2: end of validity (UTC); null for suite 1 and for a certificate that does not expire.</summary>
        public DateTime? ValidTo =>
            ValidFromSeconds is ulong s && ValidToSeconds is uint t && t != NoExpiry ? ToDate(s + t) : (DateTime?)null;

        public int EncodedLength => CryptoSuites.CertificateLength(Suite);

        /// <summary>A suite 1 certificate from its fields (for issuing test certificates).</summary>
        public static ImplicitCertificate CreateSuite1(ReadOnlySpan<byte> publicKeyReconstructionData, Eui64 subject, Eui64 issuer, ReadOnlySpan<byte> profileAttributeData)
        {
            CheckPoint(publicKeyReconstructionData, CryptoSuite.Suite1);
            if (profileAttributeData.Length != 10)
            {
                throw new ArgumentException("The suite 1 profile attribute data is 10 bytes.", nameof(profileAttributeData));
            }

            return new ImplicitCertificate(CryptoSuite.Suite1, publicKeyReconstructionData.ToArray(), subject, issuer,
                profileAttributeData.ToArray(), null, null, null, null, null, null, null);
        }

        /// <summary>A suite 2 certificate from its fields (Type, Curve and Hash take their only defined values).</summary>
        public static ImplicitCertificate CreateSuite2(ReadOnlySpan<byte> publicKeyReconstructionData, ulong serialNumber, Eui64 issuer,
            ulong validFromSeconds, uint validToSeconds, Eui64 subject, byte keyUsage = KeyUsageKeyAgreement)
        {
            CheckPoint(publicKeyReconstructionData, CryptoSuite.Suite2);
            if (validFromSeconds > MaxValidFromSeconds)
            {
                throw new ArgumentOutOfRangeException(nameof(validFromSeconds), "ValidFrom is a 40-bit field.");
            }

            return new ImplicitCertificate(CryptoSuite.Suite2, publicKeyReconstructionData.ToArray(), subject, issuer, null,
                ImplicitCertificateType, serialNumber, CurveSect283k1, HashAesMmo, validFromSeconds, validToSeconds, keyUsage);
        }

        /// <summary>
        /// Decodes a certificate of <paramref name="suite"/>. Throws <see cref="FrameFormatException"/> (layer Security)
        /// for a wrong length, a reconstruction point that is not in compressed form, or (suite 2) a Type, Curve or
        /// Hash other than the defined 0x00, 0x0D, 0x08. Whether the point lies on the curve is checked by
        /// <see cref="CertificateValidator"/>, not here.
        /// </summary>
        public static ImplicitCertificate Decode(ReadOnlySpan<byte> data, CryptoSuite suite) => Decode(data, suite, 0);

        /// <summary>Decodes a 48-byte (suite 1) or 74-byte (suite 2) certificate, taking the suite from the length.</summary>
        public static ImplicitCertificate Decode(ReadOnlySpan<byte> data)
        {
            CryptoSuite? suite = CryptoSuites.FromCertificateLength(data.Length);
            if (suite is null)
            {
                throw new FrameFormatException(FrameLayer.Security, "Certificate", Math.Min(data.Length, CryptoSuites.Suite1CertificateLength),
                    $"An implicit certificate is 48 bytes (suite 1) or 74 bytes (suite 2); {data.Length} were given");
            }

            return Decode(data, suite.Value, 0);
        }

        public static bool TryDecode(ReadOnlySpan<byte> data, CryptoSuite suite, out ImplicitCertificate? certificate, out FrameFormatException? error) =>
            FrameCodec.TryDecode(data, suite, static (d, s) => Decode(d, s), out certificate, out error);

        internal static ImplicitCertificate Decode(ReadOnlySpan<byte> data, CryptoSuite suite, int baseOffset)
        {
            if (!CryptoSuites.IsDefined(suite))
            {
                throw new FrameFormatException(FrameLayer.Security, "Certificate", baseOffset, $"Unknown key establishment suite {(ushort)suite}");
            }

            int expected = CryptoSuites.CertificateLength(suite);
            if (data.Length != expected)
            {
                string name = suite == CryptoSuite.Suite1 ? "suite 1" : "suite 2";
                throw new FrameFormatException(FrameLayer.Security, "Certificate", baseOffset + Math.Min(data.Length, expected),
                    $"A {name} certificate is {expected} bytes; {data.Length} were given");
            }

            var r = new FrameReader(data, FrameLayer.Security, baseOffset);
            if (suite == CryptoSuite.Suite1)
            {
                byte[] point = ReadPoint(ref r, CryptoSuites.Suite1PointLength);
                Eui64 subject = ReadEui64BigEndian(ref r, "Certificate.Subject");
                Eui64 issuer = ReadEui64BigEndian(ref r, "Certificate.Issuer");
                byte[] profile = r.ReadArray(10, "Certificate.ProfileAttributeData");
                return new ImplicitCertificate(suite, point, subject, issuer, profile, null, null, null, null, null, null, null);
            }

            byte type = ReadExpected(ref r, "Certificate.Type", ImplicitCertificateType);
            ulong serial = BinaryPrimitives.ReadUInt64BigEndian(r.ReadBytes(8, "Certificate.SerialNumber"));
            byte curve = ReadExpected(ref r, "Certificate.Curve", CurveSect283k1);
            byte hash = ReadExpected(ref r, "Certificate.Hash", HashAesMmo);
            Eui64 issuer2 = ReadEui64BigEndian(ref r, "Certificate.Issuer");
            ReadOnlySpan<byte> from = r.ReadBytes(Suite2ValidFromLength, "Certificate.ValidFrom");
            ulong validFrom = 0;
            for (int i = 0; i < from.Length; i++)
            {
                validFrom = (validFrom << 8) | from[i];
            }

            uint validTo = BinaryPrimitives.ReadUInt32BigEndian(r.ReadBytes(4, "Certificate.ValidTo"));
            Eui64 subject2 = ReadEui64BigEndian(ref r, "Certificate.Subject");
            byte keyUsage = r.ReadByte("Certificate.KeyUsage");
            byte[] point2 = ReadPoint(ref r, CryptoSuites.Suite2PointLength);
            return new ImplicitCertificate(suite, point2, subject2, issuer2, null, type, serial, curve, hash, validFrom, validTo, keyUsage);
        }

        public int Encode(Span<byte> destination)
        {
            var w = new FrameWriter(destination);
            Write(ref w);
            return w.Position;
        }

        public byte[] ToArray()
        {
            byte[] bytes = new byte[EncodedLength];
            Encode(bytes);
            return bytes;
        }

        internal void Write(ref FrameWriter w)
        {
            if (Suite == CryptoSuite.Suite1)
            {
                w.WriteBytes(_reconstruction);
                WriteBigEndian(ref w, 8, Subject.Value);
                WriteBigEndian(ref w, 8, Issuer.Value);
                w.WriteBytes(_profileAttributeData);
                return;
            }

            w.WriteByte(CertificateType ?? ImplicitCertificateType);
            WriteBigEndian(ref w, 8, SerialNumber ?? 0);
            w.WriteByte(Curve ?? CurveSect283k1);
            w.WriteByte(Hash ?? HashAesMmo);
            WriteBigEndian(ref w, 8, Issuer.Value);
            WriteBigEndian(ref w, Suite2ValidFromLength, ValidFromSeconds ?? 0);

            WriteBigEndian(ref w, 4, ValidToSeconds ?? NoExpiry);
            WriteBigEndian(ref w, 8, Subject.Value);
            w.WriteByte(KeyUsage ?? KeyUsageKeyAgreement);
            w.WriteBytes(_reconstruction);
        }

        internal ReadOnlySpan<byte> ReconstructionSpan => _reconstruction;

        public bool Equals(ImplicitCertificate? other) =>
            other is not null && Suite == other.Suite && Subject == other.Subject && Issuer == other.Issuer
            && ((ReadOnlySpan<byte>)_reconstruction).SequenceEqual(other._reconstruction)
            && ((ReadOnlySpan<byte>)(_profileAttributeData ?? Array.Empty<byte>())).SequenceEqual(other._profileAttributeData ?? Array.Empty<byte>())
            && CertificateType == other.CertificateType && SerialNumber == other.SerialNumber && Curve == other.Curve
            && Hash == other.Hash && ValidFromSeconds == other.ValidFromSeconds && ValidToSeconds == other.ValidToSeconds
            && KeyUsage == other.KeyUsage;

        public override int GetHashCode() =>
            ((int)Suite * 397) ^ Subject.GetHashCode() ^ (Issuer.GetHashCode() * 31) ^ (_reconstruction[1] << 8) ^ _reconstruction[2];

        public override string ToString() =>
            Suite == CryptoSuite.Suite1
                ? $"Suite 1 implicit certificate: subject {Subject}, issuer {IssuerName}"
                : $"Suite 2 implicit certificate: subject {Subject}, issuer {IssuerName}, serial {SerialNumber:X16}, valid from {ValidFrom:u} to {(ValidTo is DateTime t ? t.ToString("u") : "no expiry")}";

        private static DateTime ToDate(ulong seconds)
        {
            const ulong max = 253402300799UL; // 9999-12-31T23:59:59Z
            return seconds > max ? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc) : Epoch.AddSeconds(seconds);
        }

        private static void CheckPoint(ReadOnlySpan<byte> point, CryptoSuite suite)
        {
            int length = CryptoSuites.PointLength(suite);
            if (point.Length != length || (point[0] != 0x02 && point[0] != 0x03))
            {
                throw new ArgumentException($"The public-key reconstruction data is a compressed point of {length} bytes starting 02 or 03.", nameof(point));
            }
        }

        private static byte[] ReadPoint(ref FrameReader r, int length)
        {
            const string field = "Certificate.PublicKeyReconstructionData";
            int at = r.AbsoluteOffset;
            ReadOnlySpan<byte> point = r.ReadBytes(length, field);
            if (point[0] != 0x02 && point[0] != 0x03)
            {
                throw new FrameFormatException(FrameLayer.Security, field, at,
                    $"A compressed point starts with 0x02 or 0x03, not 0x{point[0]:X2}");
            }

            return point.ToArray();
        }

        private static byte ReadExpected(ref FrameReader r, string field, byte expected)
        {
            int at = r.AbsoluteOffset;
            byte value = r.ReadByte(field);
            if (value != expected)
            {
                throw new FrameFormatException(FrameLayer.Security, field, at, $"Expected 0x{expected:X2} for suite 2, found 0x{value:X2}");
            }

            return value;
        }

        private static Eui64 ReadEui64BigEndian(ref FrameReader r, string field) =>
            new Eui64(BinaryPrimitives.ReadUInt64BigEndian(r.ReadBytes(8, field)));

        private static void WriteBigEndian(ref FrameWriter w, int bytes, ulong value)
        {
            for (int i = bytes - 1; i >= 0; i--)
            {
                w.WriteByte((byte)(value >> (8 * i)));
            }
        }
    }
}
