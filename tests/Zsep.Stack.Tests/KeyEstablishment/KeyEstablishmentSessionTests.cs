using System;
using System.Linq;
using Org.BouncyCastle.Security;
using Xunit;
using Zsep.Stack.KeyEstablishment;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.Types;
using Zsep.Stack.Tests.Cbke;
using static Zsep.Stack.Tests.KeyEstablishment.KeyEstablishmentHarness;

namespace Zsep.Stack.Tests.KeyEstablishment
{
    /// <summary>
    /// The key establishment state machine of 07-5356 Annex C.4.2, both roles back to back over an in-memory link on
    /// virtual time: the happy path for both suites, and each failure ending with the right Terminate status on both
    /// sides.
    /// </summary>
    public class KeyEstablishmentSessionTests
    {
        public static TheoryData<CryptoSuite> Suites => new TheoryData<CryptoSuite> { CryptoSuite.Suite1, CryptoSuite.Suite2 };

        private sealed class Setup
        {
            public Setup(CryptoSuite suite, int seed)
            {
                Random = CbkeCertificateTests.Seeded(seed);
                Ca = TestCertificateAuthority.Create(suite, Random);
                Device = Issue(Ca, DeviceIeee, Random);
                TrustCenter = Issue(Ca, TrustCenterIeee, Random);
            }

            public SecureRandom Random { get; }

            public TestCertificateAuthority Ca { get; }

            public KeyEstablishmentCredential Device { get; }

            public KeyEstablishmentCredential TrustCenter { get; }

            public KeyEstablishmentHarness Harness(KeyEstablishmentCredential? device = null, int seed = 1) =>
                new KeyEstablishmentHarness(Identity(device ?? Device, Ca.Authority), Identity(TrustCenter, Ca.Authority), seed);
        }

        private static void AssertTerminatedOnBothSides(KeyEstablishmentHarness h, KeyEstablishmentStatus status, bool responderDetects)
        {
            KeyEstablishmentOutcome detector = responderDetects ? h.ResponderOutcome! : h.InitiatorOutcome!;
            KeyEstablishmentOutcome told = responderDetects ? h.InitiatorOutcome! : h.ResponderOutcome!;
            Assert.Equal(KeyEstablishmentResult.Terminated, detector.Result);
            Assert.Equal(status, detector.Status);
            Assert.False(detector.TerminatedByPartner);
            Assert.Equal(KeyEstablishmentResult.Terminated, told.Result);
            Assert.Equal(status, told.Status);
            Assert.True(told.TerminatedByPartner);
            Assert.Null(detector.LinkKey);
            Assert.Null(told.LinkKey);
            Assert.Single(h.Sent, m => m.Command == KeyEstablishmentCommand.TerminateKeyEstablishment);
        }

        [Theory]
        [MemberData(nameof(Suites))]
        public void Se_C4_2_device_and_trust_center_derive_the_same_link_key(CryptoSuite suite)
        {
            var s = new Setup(suite, 10 + (int)suite);
            KeyEstablishmentHarness h = s.Harness();
            h.Run();

            KeyEstablishmentOutcome u = h.InitiatorOutcome!, v = h.ResponderOutcome!;
            Assert.True(u.Succeeded, u.ToString());
            Assert.True(v.Succeeded, v.ToString());
            Assert.NotNull(u.LinkKey);
            Assert.Equal(u.LinkKey, v.LinkKey);
            Assert.Equal(suite, u.Suite);
            Assert.Equal(suite, v.Suite);
            Assert.Equal(KeyEstablishmentRole.Initiator, u.Role);
            Assert.Equal(TrustCenterIeee, u.Partner);
            Assert.Equal(DeviceIeee, v.Partner);
            Assert.Equal(s.TrustCenter.Certificate, u.PartnerCertificate);
            Assert.Equal(s.Device.Certificate, v.PartnerCertificate);

            // Six commands, 40 ms each: the initiator's session spans all of them; the responder's runs from the
            // request's arrival (40 ms) to the Confirm Key Data Request's (200 ms), when it answers with MACV.
            Assert.Equal(new[] { "Initiate Key Establishment Request", "Initiate Key Establishment Response", "Ephemeral Data Request",
                "Ephemeral Data Response", "Confirm Key Data Request", "Confirm Key Data Response" }, h.Sent.Select(m => m.ToString()));
            Assert.Equal(TimeSpan.FromMilliseconds(240), u.Duration);
            Assert.Equal(TimeSpan.FromMilliseconds(160), v.Duration);
            Assert.Equal(KeyEstablishmentState.Done, h.Initiator.State);
            Assert.Null(h.ResponderLateTermination);

            // Secrets stay out of text.
            Assert.DoesNotContain(u.LinkKey!.ExportHex(), u.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(s.Device.PrivateKey.ExportHex(), s.Device.ToString(), StringComparison.OrdinalIgnoreCase);

            // A second run with fresh ephemeral keys gives another key.
            KeyEstablishmentHarness again = s.Harness(seed: 2);
            again.Run();
            Assert.True(again.InitiatorOutcome!.Succeeded);
            Assert.NotEqual(u.LinkKey, again.InitiatorOutcome.LinkKey);
        }

        [Theory]
        [MemberData(nameof(Suites))]
        public void Se_C4_2_untrusted_issuer_ends_with_UnknownIssuer(CryptoSuite suite)
        {
            var s = new Setup(suite, 20);
            var rogue = TestCertificateAuthority.Create(suite, s.Random, new Eui64(0x524F475545434131)); // "ROGUECA1"
            KeyEstablishmentHarness h = s.Harness(device: Issue(rogue, DeviceIeee, s.Random));
            h.Run();
            AssertTerminatedOnBothSides(h, KeyEstablishmentStatus.UnknownIssuer, responderDetects: true);
            Assert.Equal(2, h.Sent.Count);
        }

        [Fact]
        public void Se_C4_2_trust_center_certificate_from_an_untrusted_CA_is_refused_by_the_device()
        {
            var s = new Setup(CryptoSuite.Suite1, 21);
            var other = TestCertificateAuthority.Create(CryptoSuite.Suite1, s.Random, new Eui64(0x4F54484552434131));
            var device = Identity(s.Device, other.Authority);
            var tc = Identity(s.TrustCenter, s.Ca.Authority);
            var h = new KeyEstablishmentHarness(device, tc);
            h.Run();
            AssertTerminatedOnBothSides(h, KeyEstablishmentStatus.UnknownIssuer, responderDetects: false);
        }

        [Theory]
        [MemberData(nameof(Suites))]
        public void Se_C4_2_certificate_of_another_subject_ends_with_InvalidCertificate(CryptoSuite suite)
        {
            var s = new Setup(suite, 30);
            KeyEstablishmentHarness h = s.Harness();

            // The certificate's subject altered on the way (suite 1: bytes 22-29; suite 2: bytes 28-35 of the certificate).
            int subjectAt = 4 + (suite == CryptoSuite.Suite1 ? 29 : 35);
            h.Tamper = m => m.Command == 0 && !m.ServerToClient ? Flip(m.Payload, subjectAt) : m.Payload;
            h.Run();
            AssertTerminatedOnBothSides(h, KeyEstablishmentStatus.InvalidCertificate, responderDetects: true);
        }

        [Theory]
        [MemberData(nameof(Suites))]
        public void Se_C4_2_tampered_reconstruction_point_gives_another_key_and_BadKeyConfirm(CryptoSuite suite)
        {
            var s = new Setup(suite, 40);
            KeyEstablishmentHarness h = s.Harness();

            // Replace the device's reconstruction point by another valid point: the certificate still decodes and its
            // issuer is trusted, but the reconstructed public key is not the device's.
            byte[] otherPoint = CbkeKeyPair.Generate(suite, s.Random).PublicKey;
            int pointAt = 4 + (suite == CryptoSuite.Suite1 ? 0 : CryptoSuites.Suite2CertificateLength - CryptoSuites.Suite2PointLength);
            h.Tamper = m =>
            {
                if (m.Command != 0 || m.ServerToClient)
                {
                    return m.Payload;
                }

                byte[] p = (byte[])m.Payload.Clone();
                otherPoint.CopyTo(p, pointAt);
                return p;
            };
            h.Run();
            AssertTerminatedOnBothSides(h, KeyEstablishmentStatus.BadKeyConfirm, responderDetects: true);
        }

        [Fact]
        public void Se_C4_2_undecodable_certificate_ends_with_InvalidCertificate()
        {
            var s = new Setup(CryptoSuite.Suite2, 41);
            KeyEstablishmentHarness h = s.Harness();
            h.Tamper = m => m.Command == 0 && !m.ServerToClient ? Set(m.Payload, 4 + 9, 0x0E) : m.Payload; // Curve 0x0D -> 0x0E
            h.Run();
            AssertTerminatedOnBothSides(h, KeyEstablishmentStatus.InvalidCertificate, responderDetects: true);
        }

        [Theory]
        [MemberData(nameof(Suites))]
        public void Se_C4_2_wrong_private_key_ends_with_BadKeyConfirm(CryptoSuite suite)
        {
            var s = new Setup(suite, 50);
            var wrong = new KeyEstablishmentCredential(s.Device.Certificate, Ecqv.GeneratePrivateKey(suite, s.Random));
            KeyEstablishmentHarness h = s.Harness(device: wrong);
            h.Run();
            AssertTerminatedOnBothSides(h, KeyEstablishmentStatus.BadKeyConfirm, responderDetects: true);
            Assert.Equal(6, h.Sent.Count);
        }

        [Theory]
        [MemberData(nameof(Suites))]
        public void Se_C4_2_altered_MACU_ends_with_BadKeyConfirm(CryptoSuite suite)
        {
            var s = new Setup(suite, 60);
            KeyEstablishmentHarness h = s.Harness();
            h.Tamper = m => m.Command == KeyEstablishmentCommand.ConfirmKeyData && !m.ServerToClient ? Flip(m.Payload, 15) : m.Payload;
            h.Run();
            AssertTerminatedOnBothSides(h, KeyEstablishmentStatus.BadKeyConfirm, responderDetects: true);
        }

        [Fact]
        public void Se_C4_2_altered_MACV_is_rejected_by_the_device_and_the_trust_center_is_told()
        {
            var s = new Setup(CryptoSuite.Suite1, 61);
            KeyEstablishmentHarness h = s.Harness();
            h.Tamper = m => m.Command == KeyEstablishmentCommand.ConfirmKeyData && m.ServerToClient ? Flip(m.Payload, 0) : m.Payload;
            h.Run();

            Assert.Equal(KeyEstablishmentResult.Terminated, h.InitiatorOutcome!.Result);
            Assert.Equal(KeyEstablishmentStatus.BadKeyConfirm, h.InitiatorOutcome.Status);
            Assert.False(h.InitiatorOutcome.TerminatedByPartner);

            // The responder succeeded when it sent MACV; the device's Terminate then withdraws the key.
            Assert.True(h.ResponderOutcome!.Succeeded);
            Assert.Equal(KeyEstablishmentStatus.BadKeyConfirm, h.ResponderLateTermination);
        }

        [Fact]
        public void Se_C4_2_unsupported_suite_ends_with_UnsupportedSuite()
        {
            var s1 = new Setup(CryptoSuite.Suite1, 70);
            var s2 = new Setup(CryptoSuite.Suite2, 71);
            var device = Identity(s2.Device, s2.Ca.Authority);
            var tc = Identity(s1.TrustCenter, s1.Ca.Authority);
            var h = new KeyEstablishmentHarness(device, tc);
            h.Run();
            AssertTerminatedOnBothSides(h, KeyEstablishmentStatus.UnsupportedSuite, responderDetects: true);
            Assert.Equal(CryptoSuite.Suite2, h.ResponderOutcome!.Suite);
            Assert.Equal(KeyEstablishmentSuites.Suite1, TerminateKeyEstablishment.Decode(h.Sent[1].Payload).KeyEstablishmentSuite);
        }

        [Fact]
        public void Se_C4_2_a_party_holding_both_suites_answers_in_the_suite_asked_for()
        {
            var s1 = new Setup(CryptoSuite.Suite1, 72);
            var s2 = new Setup(CryptoSuite.Suite2, 73);
            var tc = new KeyEstablishmentIdentity(new[] { s1.TrustCenter, s2.TrustCenter }, new[] { s1.Ca.Authority, s2.Ca.Authority });
            Assert.Equal(KeyEstablishmentSuites.Suite1 | KeyEstablishmentSuites.Suite2, tc.SupportedSuites);
            var h = new KeyEstablishmentHarness(Identity(s1.Device, s1.Ca.Authority), tc);
            h.Run();
            Assert.True(h.ResponderOutcome!.Succeeded);
            Assert.Equal(CryptoSuite.Suite1, h.ResponderOutcome.Suite);
            Assert.Equal(h.InitiatorOutcome!.LinkKey, h.ResponderOutcome.LinkKey);
        }

        [Fact]
        public void Se_C4_2_silent_partner_times_out_after_its_advertised_time_plus_the_margin()
        {
            var s = new Setup(CryptoSuite.Suite1, 80);
            KeyEstablishmentHarness h = s.Harness();

            // Everything after the Initiate response is lost.
            h.Tamper = m => m.Command == 0 ? m.Payload : null;
            h.Run();
            Assert.Equal(KeyEstablishmentResult.Timeout, h.InitiatorOutcome!.Result);
            Assert.Equal(KeyEstablishmentResult.Timeout, h.ResponderOutcome!.Result);

            // Initiator: 80 ms to the response, then the responder's 10 s ephemeral generate time + 5 s margin.
            Assert.Equal(TimeSpan.FromMilliseconds(80) + TimeSpan.FromSeconds(15), h.InitiatorOutcome.Duration);
            Assert.Equal(TimeSpan.FromSeconds(15), h.ResponderOutcome.Duration);
            Assert.DoesNotContain(h.Sent, m => m.Command == KeyEstablishmentCommand.TerminateKeyEstablishment);
        }

        [Fact]
        public void Se_C4_2_no_answer_to_the_initiate_request_times_out()
        {
            var s = new Setup(CryptoSuite.Suite1, 81);
            KeyEstablishmentHarness h = s.Harness();
            h.Tamper = _ => null;
            h.Initiator.Start();
            h.Scheduler.RunFor(TimeSpan.FromMinutes(1));
            Assert.Equal(KeyEstablishmentResult.Timeout, h.InitiatorOutcome!.Result);
            Assert.Equal(new KeyEstablishmentOptions().InitiateResponseTimeout, h.InitiatorOutcome.Duration);
            Assert.Null(h.ResponderOutcome);
        }

        [Fact]
        public void Se_C4_2_duplicate_command_ends_with_BadMessage()
        {
            var s = new Setup(CryptoSuite.Suite1, 90);
            KeyEstablishmentHarness h = s.Harness();
            h.Duplicate = m => m.Command == KeyEstablishmentCommand.EphemeralData && !m.ServerToClient;
            h.Run();
            AssertTerminatedOnBothSides(h, KeyEstablishmentStatus.BadMessage, responderDetects: true);
        }

        [Theory]
        [InlineData(KeyEstablishmentCommand.EphemeralData, false)]
        [InlineData(KeyEstablishmentCommand.EphemeralData, true)]
        [InlineData(KeyEstablishmentCommand.ConfirmKeyData, false)]
        [InlineData(KeyEstablishmentCommand.InitiateKeyEstablishment, true)]
        public void Se_C4_2_truncated_command_ends_with_BadMessage(byte command, bool serverToClient)
        {
            var s = new Setup(CryptoSuite.Suite1, 91);
            KeyEstablishmentHarness h = s.Harness();
            h.Tamper = m => m.Command == command && m.ServerToClient == serverToClient ? m.Payload.AsSpan(0, m.Payload.Length - 1).ToArray() : m.Payload;
            h.Run();
            AssertTerminatedOnBothSides(h, KeyEstablishmentStatus.BadMessage, responderDetects: !serverToClient);
        }

        [Fact]
        public void Se_C4_2_ephemeral_data_that_is_no_curve_point_ends_with_BadMessage()
        {
            var s = new Setup(CryptoSuite.Suite1, 92);
            KeyEstablishmentHarness h = s.Harness();

            // Look for an x with no point on sect163k1 (about half of all x), and send it as the ephemeral key.
            byte[]? bad = null;
            var r = new Random(5);
            CbkeKeyPair mine = CbkeKeyPair.Generate(CryptoSuite.Suite1, s.Random);
            while (bad is null)
            {
                byte[] x = new byte[22];
                r.NextBytes(x);
                x[0] = 0x02;
                x[1] &= 0x07;
                try
                {
                    Ecmqv.SharedSecret(s.Device.PrivateKey, mine, mine.PublicKey, x);
                }
                catch (Codec.FrameFormatException)
                {
                    bad = x;
                }
            }

            h.Tamper = m => m.Command == KeyEstablishmentCommand.EphemeralData && !m.ServerToClient ? bad : m.Payload;
            h.Run();
            AssertTerminatedOnBothSides(h, KeyEstablishmentStatus.BadMessage, responderDetects: true);
        }

        [Fact]
        public void Se_C4_2_expired_suite2_certificate_ends_with_InvalidCertificate()
        {
            var s = new Setup(CryptoSuite.Suite2, 93);
            (ImplicitCertificate cert, CbkePrivateKey key) = s.Ca.Issue(DeviceIeee, s.Random, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(365));
            KeyEstablishmentHarness h = s.Harness(device: new KeyEstablishmentCredential(cert, key));
            h.Run(); // the virtual clock starts on 2026-01-01
            AssertTerminatedOnBothSides(h, KeyEstablishmentStatus.InvalidCertificate, responderDetects: true);
        }

        [Fact]
        public void Unexpected_commands_and_misuse()
        {
            var s = new Setup(CryptoSuite.Suite1, 94);

            // A responder that gets Confirm Key Data first, or a command in the wrong direction, or an unknown command.
            foreach ((byte command, bool direction) in new[] { ((byte)2, false), ((byte)0, true), ((byte)9, false) })
            {
                KeyEstablishmentHarness h = s.Harness();
                h.Responder.Receive(command, direction, new byte[16]);
                Assert.Equal(KeyEstablishmentStatus.BadMessage, h.ResponderOutcome!.Status);
                Assert.Equal(KeyEstablishmentCommand.TerminateKeyEstablishment, h.Sent.Single().Command);
            }

            KeyEstablishmentHarness started = s.Harness();
            Assert.Throws<InvalidOperationException>(() => started.Responder.Start());
            started.Initiator.Start();
            Assert.Throws<InvalidOperationException>(() => started.Initiator.Start());

            // A partner's Terminate with a malformed payload still ends the session.
            started.Initiator.Receive(KeyEstablishmentCommand.TerminateKeyEstablishment, true, new byte[1]);
            Assert.Equal(KeyEstablishmentStatus.BadMessage, started.InitiatorOutcome!.Status);
            Assert.True(started.InitiatorOutcome.TerminatedByPartner);

            // Abort sends a Terminate; after the end, input is ignored.
            KeyEstablishmentHarness aborted = s.Harness();
            aborted.Initiator.Start();
            aborted.Initiator.Abort(KeyEstablishmentStatus.NoResources, "leaving");
            aborted.Initiator.Receive(KeyEstablishmentCommand.EphemeralData, true, new byte[22]);
            Assert.Equal(KeyEstablishmentStatus.NoResources, aborted.InitiatorOutcome!.Status);
            Assert.Equal(2, aborted.Sent.Count);
        }

        [Fact]
        public void Identity_checks_its_credentials()
        {
            var s = new Setup(CryptoSuite.Suite1, 95);
            Assert.Throws<ArgumentException>(() => new KeyEstablishmentIdentity(Array.Empty<KeyEstablishmentCredential>(), new[] { s.Ca.Authority }));
            Assert.Throws<ArgumentException>(() => new KeyEstablishmentIdentity(new[] { s.Device, s.Device }, new[] { s.Ca.Authority }));
            var s2 = new Setup(CryptoSuite.Suite2, 96);
            Assert.Throws<ArgumentException>(() => new KeyEstablishmentIdentity(new[] { s.Device, s2.TrustCenter }, new[] { s.Ca.Authority }));
            Assert.Throws<ArgumentException>(() => new KeyEstablishmentCredential(s.Device.Certificate, s2.Device.PrivateKey));
            Assert.Throws<ArgumentException>(() => new KeyEstablishmentCredential(s.Device.Certificate, new CbkePrivateKey(CryptoSuite.Suite1, new byte[21])));
            var limited = new KeyEstablishmentIdentity(new[] { s.Device, s2.Device }, new[] { s.Ca.Authority }, KeyEstablishmentSuites.Suite1);
            Assert.Equal(CryptoSuite.Suite1, limited.PreferredSuite);
            Assert.Null(limited.Credential(CryptoSuite.Suite2));
            Assert.Equal(DeviceIeee, limited.Ieee);
        }

        private static byte[] Flip(byte[] payload, int at)
        {
            byte[] p = (byte[])payload.Clone();
            p[at] ^= 0x01;
            return p;
        }

        private static byte[] Set(byte[] payload, int at, byte value)
        {
            byte[] p = (byte[])payload.Clone();
            p[at] = value;
            return p;
        }
    }
}
