using System;
using Xunit;
using Zsep.Stack.Codec;
using Zsep.Stack.KeyEstablishment;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.KeyEstablishment
{
    /// <summary>The Key Establishment cluster's (0x0800) command payloads, 07-5356 Annex C.3.1.2 / C.3.1.3.</summary>
    public class KeyEstablishmentCodecTests
    {
        [Fact]
        public void Se_C3_1_2_4_terminate_layout_status_wait_time_suite_bitmap_little_endian()
        {
            var t = new TerminateKeyEstablishment(KeyEstablishmentStatus.UnknownIssuer, 30, KeyEstablishmentSuites.Suite1 | KeyEstablishmentSuites.Suite2);
            Assert.Equal("011E0300", Hex.Format(t.ToArray()));
            Assert.Equal(t, TerminateKeyEstablishment.Decode(Hex.Parse("011E0300")));
            TerminateKeyEstablishment d = TerminateKeyEstablishment.Decode(Hex.Parse("06000100"));
            Assert.Equal(KeyEstablishmentStatus.InvalidCertificate, d.StatusCode);
            Assert.Equal(KeyEstablishmentSuites.Suite1, d.KeyEstablishmentSuite);
            Assert.Throws<FrameFormatException>(() => TerminateKeyEstablishment.Decode(Hex.Parse("060001")));
            Assert.Throws<FrameFormatException>(() => TerminateKeyEstablishment.Decode(Hex.Parse("0600010000")));
        }

        [Fact]
        public void Se_C3_1_statuses_and_command_ids_have_the_specified_values()
        {
            Assert.Equal(1, (int)KeyEstablishmentStatus.UnknownIssuer);
            Assert.Equal(2, (int)KeyEstablishmentStatus.BadKeyConfirm);
            Assert.Equal(3, (int)KeyEstablishmentStatus.BadMessage);
            Assert.Equal(4, (int)KeyEstablishmentStatus.NoResources);
            Assert.Equal(5, (int)KeyEstablishmentStatus.UnsupportedSuite);
            Assert.Equal(6, (int)KeyEstablishmentStatus.InvalidCertificate);
            Assert.Equal(0x0800, KeyEstablishmentCommand.ClusterId);
            Assert.Equal("Ephemeral Data Response", KeyEstablishmentCommand.Name(1, true));
            Assert.Equal("Confirm Key Data Request", KeyEstablishmentCommand.Name(2, false));
            Assert.Equal(KeyEstablishmentSuites.Suite2, CryptoSuite.Suite2.ToBitmap());
            Assert.True(KeyEstablishmentSuites.Suite2.Contains(CryptoSuite.Suite2));
            Assert.False(KeyEstablishmentSuites.Suite1.Contains(CryptoSuite.Suite2));
        }

        [Theory]
        [InlineData(CryptoSuite.Suite1, 22)]
        [InlineData(CryptoSuite.Suite2, 37)]
        public void Se_C3_1_2_2_ephemeral_data_is_one_compressed_point(CryptoSuite suite, int length)
        {
            byte[] point = new byte[length];
            point[0] = 0x03;
            point[5] = 0xAB;
            EphemeralData e = EphemeralData.Decode(point, suite);
            Assert.Equal(Hex.Format(point), Hex.Format(e.ToArray()));
            Assert.Equal(e, new EphemeralData(suite, point));
            Assert.Throws<FrameFormatException>(() => EphemeralData.Decode(point.AsSpan(1), suite));
            Assert.Throws<FrameFormatException>(() => EphemeralData.Decode(new byte[length + 1], suite));
            point[0] = 0x04;
            Assert.Throws<FrameFormatException>(() => EphemeralData.Decode(point, suite));
            Assert.Throws<ArgumentException>(() => new EphemeralData(suite, point));
        }

        [Fact]
        public void Se_C3_1_2_3_confirm_key_data_is_a_16_byte_tag()
        {
            byte[] mac = Hex.Parse("000102030405060708090A0B0C0D0E0F");
            Assert.Equal(Hex.Format(mac), Hex.Format(ConfirmKeyData.Decode(mac).ToArray()));
            Assert.Throws<FrameFormatException>(() => ConfirmKeyData.Decode(mac.AsSpan(0, 15)));
            Assert.Throws<FrameFormatException>(() => ConfirmKeyData.Decode(new byte[17]));
            Assert.False(ConfirmKeyData.TryDecode(new byte[3], out _, out FrameFormatException? error));
            Assert.Equal("SecureMessageAuthenticationCode", error!.Field);
        }

        [Fact]
        public void Seeded_mutations_round_trip_or_fail_with_a_format_error()
        {
            var random = new Random(1234);
            for (int i = 0; i < 2000; i++)
            {
                byte[] bytes = new byte[random.Next(0, 40)];
                random.NextBytes(bytes);
                CryptoSuite suite = random.Next(2) == 0 ? CryptoSuite.Suite1 : CryptoSuite.Suite2;

                if (TerminateKeyEstablishment.TryDecode(bytes, out TerminateKeyEstablishment? t, out _))
                {
                    Assert.Equal(Hex.Format(bytes), Hex.Format(t!.ToArray()));
                }

                if (EphemeralData.TryDecode(bytes, suite, out EphemeralData? e, out _))
                {
                    Assert.Equal(Hex.Format(bytes), Hex.Format(e!.ToArray()));
                }

                if (ConfirmKeyData.TryDecode(bytes, out ConfirmKeyData? c, out _))
                {
                    Assert.Equal(Hex.Format(bytes), Hex.Format(c!.ToArray()));
                }
            }

            // Valid frames with one byte flipped still decode or fail cleanly, and the flip shows.
            byte[] valid = new TerminateKeyEstablishment(KeyEstablishmentStatus.BadMessage, 5, KeyEstablishmentSuites.Suite1).ToArray();
            for (int bit = 0; bit < valid.Length * 8; bit++)
            {
                byte[] m = (byte[])valid.Clone();
                m[bit / 8] ^= (byte)(1 << (bit % 8));
                Assert.NotEqual(TerminateKeyEstablishment.Decode(valid), TerminateKeyEstablishment.Decode(m));
            }
        }
    }
}
