using System;
using Zsep.Stack.Security;
using Zsep.Stack.Types;
using Xunit;

namespace Zsep.Stack.Tests.Security
{
    /// <summary>
    /// The NWK unsecure memo gives exactly what AES-CCM* gives: the same outcome, auxiliary header and plaintext for a
    /// repeat of the same frame and key, and a fresh computation for another key or a changed byte.
    /// </summary>
    public class UnsecureMemoTests
    {
        private static readonly ZigbeeKey Key = ZigbeeKey.Parse("01030507090b0d0f00020406080a0c0d");
        private static readonly ZigbeeKey Other = ZigbeeKey.Parse("0f0e0d0c0b0a09080706050403020100");

        private static byte[] Secured(uint counter)
        {
            byte[] header = { 0x08, 0x02, 0xFC, 0xFF, 0x00, 0x00, 0x1E, 0x42 }; // NWK data, security bit, to 0xFFFC from 0x0000
            var aux = new AuxiliarySecurityHeader(SecurityLevel.EncMic32, KeyIdentifier.Network, counter, new Eui64(0x00124B0001020304), 0);
            byte[] payload = { 0x40, 0x00, 0x01, 0x00, 0x04, 0x01, 0x01, 0x07, 0x00, 0x11, 0x22 };
            byte[] frame = new byte[ZigbeeSecurity.SecuredLength(header.Length, aux, payload.Length)];
            ZigbeeSecurity.Secure(header, aux, payload, Key, null, frame);
            return frame;
        }

        [Fact]
        public void A_repeat_gives_the_computed_result_and_another_key_or_byte_is_computed_afresh()
        {
            byte[] frame = Secured(1000);
            byte[] expected = new byte[frame.Length];
            SecurityOutcome direct = ZigbeeSecurity.Unsecure(frame, 8, Key, null, expected, out AuxiliarySecurityHeader directAux, out int directLength);
            Assert.Equal(SecurityOutcome.Decrypted, direct);

            for (int i = 0; i < 3; i++)
            {
                byte[] plain = new byte[frame.Length];
                Assert.Equal(direct, UnsecureMemo.Unsecure(frame, 8, Key, plain, out AuxiliarySecurityHeader aux, out int length));
                Assert.Equal(directAux, aux);
                Assert.Equal(directLength, length);
                Assert.Equal(expected.AsSpan(0, length).ToArray(), plain.AsSpan(0, length).ToArray());
            }

            Assert.Equal(SecurityOutcome.MicFailed, UnsecureMemo.Unsecure(frame, 8, Other, new byte[frame.Length], out _, out _));
            byte[] tampered = (byte[])frame.Clone();
            tampered[tampered.Length - 1] ^= 0x01;
            Assert.Equal(SecurityOutcome.MicFailed, UnsecureMemo.Unsecure(tampered, 8, Key, new byte[frame.Length], out _, out _));
            Assert.Equal(SecurityOutcome.Decrypted, UnsecureMemo.Unsecure(frame, 8, Key, new byte[frame.Length], out _, out _));
        }

        [Fact]
        public void A_frame_remembered_by_its_sender_unsecures_as_computed_and_only_with_its_key_and_bytes()
        {
            byte[] header = { 0x08, 0x02, 0xFC, 0xFF, 0x00, 0x00, 0x1E, 0x43 };
            var aux = new AuxiliarySecurityHeader(SecurityLevel.EncMic32, KeyIdentifier.Network, 77, new Eui64(0x00124B0001020305), 0);
            byte[] payload = { 0x01, 0x02, 0x03, 0x04, 0x05 };
            byte[] frame = new byte[ZigbeeSecurity.SecuredLength(header.Length, aux, payload.Length)];
            ZigbeeSecurity.Secure(header, aux, payload, Key, null, frame);
            UnsecureMemo.RememberSecured(frame, header.Length, Key, payload);

            byte[] expected = new byte[frame.Length];
            Assert.Equal(SecurityOutcome.Decrypted, ZigbeeSecurity.Unsecure(frame, 8, Key, null, expected, out AuxiliarySecurityHeader directAux, out int directLength));
            byte[] plain = new byte[frame.Length];
            Assert.Equal(SecurityOutcome.Decrypted, UnsecureMemo.Unsecure(frame, 8, ZigbeeKey.Parse("01030507090b0d0f00020406080a0c0d"), plain, out AuxiliarySecurityHeader memoAux, out int length));
            Assert.Equal(directAux, memoAux);
            Assert.Equal(directLength, length);
            Assert.Equal(payload, plain.AsSpan(0, length).ToArray());

            Assert.Equal(SecurityOutcome.MicFailed, UnsecureMemo.Unsecure(frame, 8, Other, new byte[frame.Length], out _, out _));
            byte[] tampered = (byte[])frame.Clone();
            tampered[9] ^= 0x80;
            Assert.Equal(SecurityOutcome.MicFailed, UnsecureMemo.Unsecure(tampered, 8, Key, new byte[frame.Length], out _, out _));
        }
    }
}
