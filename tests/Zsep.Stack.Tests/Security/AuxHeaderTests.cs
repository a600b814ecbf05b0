using System;
using Xunit;
using Zsep.Stack.Codec;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.Security
{
    /// <summary>The auxiliary frame header of Zigbee PRO 2015 4.5.1.</summary>
    public class AuxHeaderTests
    {
        internal static AuxiliarySecurityHeader RandomAux(Random rng)
        {
            var keyId = (KeyIdentifier)rng.Next(4);
            return new AuxiliarySecurityHeader(
                (SecurityLevel)rng.Next(8),
                keyId,
                unchecked((uint)rng.Next()) ^ ((uint)rng.Next(2) << 31),
                rng.Next(2) == 0 ? null : new Eui64(unchecked((ulong)rng.NextInt64() ^ ((ulong)rng.Next(2) << 63))),
                keyId == KeyIdentifier.Network ? (byte)rng.Next(256) : null,
                (byte)rng.Next(4));
        }

        [Theory]
        [InlineData("282E2F9A02584AD0FEFF08AC7000", 0, KeyIdentifier.Network, 0x029A2F2Eu, "70:AC:08:FF:FE:D0:4A:58", 0)]
        [InlineData("3006500100F99905FEFF504B80", 0, KeyIdentifier.KeyTransport, 86022u, "80:4B:50:FF:FE:05:99:F9", null)]
        [InlineData("0805000000", 0, KeyIdentifier.Network, 5u, null, null)]
        public void Zigbee_4_5_1_decodes_security_control_fields(string hex, int level, KeyIdentifier keyId, uint counter, string? source, int? keySeq)
        {
            // First two: zoh-captured-frames.json (NETDEF_ZCL_FRAME_CMD_TO_COORD NWK aux, NET2_TRANSPORT_KEY_NWK_FROM_COORD APS aux).
            byte[] bytes = Hex.Parse(keySeq is null && keyId == KeyIdentifier.Network ? hex + "00" : hex);
            AuxiliarySecurityHeader aux = AuxiliarySecurityHeader.Decode(bytes);
            Assert.Equal((SecurityLevel)level, aux.SecurityLevel);
            Assert.Equal(keyId, aux.KeyIdentifier);
            Assert.Equal(counter, aux.FrameCounter);
            Assert.Equal(source is null ? (Eui64?)null : Eui64.Parse(source), aux.SourceAddress);
            Assert.Equal(source is not null, aux.ExtendedNonce);
            if (keyId == KeyIdentifier.Network)
            {
                Assert.Equal((byte)(keySeq ?? 0), aux.KeySequenceNumber);
            }
            else
            {
                Assert.Null(aux.KeySequenceNumber);
            }

            Assert.Equal(bytes.Length, aux.Length);
            Assert.Equal(Hex.Format(bytes), Hex.Format(aux.ToArray()));
        }

        [Fact]
        public void Zigbee_4_5_1_truncation_names_the_field()
        {
            var e = Assert.Throws<FrameFormatException>(() => AuxiliarySecurityHeader.Decode(Hex.Parse("282E2F9A02584AD0FEFF08AC70")));
            Assert.Equal(FrameLayer.Security, e.Layer);
            Assert.Equal("KeySequenceNumber", e.Field);
            Assert.Equal(13, e.Offset);
            e = Assert.Throws<FrameFormatException>(() => AuxiliarySecurityHeader.Decode(Hex.Parse("282E2F9A02584AD0")));
            Assert.Equal("SourceAddress", e.Field);
            Assert.Equal(5, e.Offset);
            e = Assert.Throws<FrameFormatException>(() => AuxiliarySecurityHeader.Decode(ReadOnlySpan<byte>.Empty));
            Assert.Equal("SecurityControl", e.Field);
            Assert.False(AuxiliarySecurityHeader.TryDecode(Hex.Parse("20"), out _, out FrameFormatException? error));
            Assert.Equal("FrameCounter", error!.Field);
        }

        [Fact]
        public void Zigbee_4_5_1_constructor_keeps_the_header_consistent()
        {
            Assert.Throws<ArgumentException>(() => new AuxiliarySecurityHeader(SecurityLevel.None, KeyIdentifier.Network, 1, null, null));
            Assert.Throws<ArgumentException>(() => new AuxiliarySecurityHeader(SecurityLevel.None, KeyIdentifier.Data, 1, null, 3));
            Assert.Throws<ArgumentOutOfRangeException>(() => new AuxiliarySecurityHeader((SecurityLevel)8, KeyIdentifier.Data, 1, null, null));
            Assert.Throws<ArgumentOutOfRangeException>(() => new AuxiliarySecurityHeader(SecurityLevel.None, KeyIdentifier.Data, 1, null, null, 4));
            Assert.Equal(4, SecurityLevels.MicLength(SecurityLevel.EncMic32));
            Assert.Equal(16, SecurityLevels.MicLength(SecurityLevel.Mic128));
            Assert.Equal(0, SecurityLevels.MicLength(SecurityLevel.Enc));
            Assert.True(SecurityLevels.IsEncrypted(SecurityLevel.EncMic32));
            Assert.False(SecurityLevels.IsEncrypted(SecurityLevel.Mic64));
        }

        [Fact]
        public void Zigbee_4_5_1_random_round_trip()
        {
            var rng = new Random(451);
            var buffer = new byte[AuxiliarySecurityHeader.MaxLength + 3];
            for (int i = 0; i < 5000; i++)
            {
                AuxiliarySecurityHeader aux = RandomAux(rng);
                int n = aux.Encode(buffer);
                Assert.Equal(aux.Length, n);
                AuxiliarySecurityHeader back = AuxiliarySecurityHeader.Decode(buffer.AsSpan(0, n));
                Assert.Equal(aux, back);
                Assert.Equal(aux.GetHashCode(), back.GetHashCode());
                Assert.Equal(Hex.Format(buffer.AsSpan(0, n)), Hex.Format(back.ToArray()));
                Assert.Equal(aux.SecurityControl, buffer[0]);
            }
        }

        [Fact]
        public void Zigbee_4_5_1_mutation_run_decoder_only_throws_frame_format_exception()
        {
            var rng = new Random(1451);
            int ok = 0, malformed = 0;
            for (int i = 0; i < 100_000; i++)
            {
                byte[] seed = RandomAux(rng).ToArray();
                byte[] m = ZigbeeSecurityTests.Mutate(seed, rng);
                try
                {
                    AuxiliarySecurityHeader aux = AuxiliarySecurityHeader.Decode(m);
                    Assert.True(aux.Length <= m.Length);
                    Assert.Equal(Hex.Format(m.AsSpan(0, aux.Length)), Hex.Format(aux.ToArray()));
                    ok++;
                }
                catch (FrameFormatException)
                {
                    malformed++;
                }
                catch (Exception e)
                {
                    Assert.Fail($"{e.GetType().Name}: {e.Message} on {Hex.Format(m)}");
                }
            }

            Assert.True(ok > 1000 && malformed > 1000);
        }
    }
}
