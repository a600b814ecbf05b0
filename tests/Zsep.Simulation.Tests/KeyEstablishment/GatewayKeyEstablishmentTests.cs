using System;
using System.IO;
using System.Linq;
using Org.BouncyCastle.Security;
using Zsep.Simulation.Devices;
using Zsep.Simulation.Medium;
using Zsep.Stack.Gateway;
using Zsep.Stack.KeyEstablishment;
using Zsep.Stack.Node;
using Zsep.Stack.Security;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.State;
using Zsep.Stack.Types;
using Xunit;

namespace Zsep.Simulation.Tests.KeyEstablishment
{
    /// <summary>
    /// Certificate-Based Key Establishment (SE 1.4 07-5356-21 C.4.2) between the gateway and simulated meters over
    /// the simulated mesh, both suites: the full exchange, the link-key switch on both sides, APS-secured SE traffic
    /// under the new key, the negative cases with their Terminate status, and the RequireKeyEstablishment policy.
    /// </summary>
    public sealed class GatewayKeyEstablishmentTests : SimulatedNetworkTest
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

        public GatewayKeyEstablishmentTests()
            : base("ke", 2000)
        {
        }

        internal static SecureRandom Seeded(int seed)
        {
            SecureRandom r = SecureRandom.GetInstance("SHA256PRNG", false);
            r.SetSeed(BitConverter.GetBytes(seed));
            return r;
        }

        private static Eui64 IeeeFor(int i) => new Eui64(0x000D6F0000B00000UL + (ulong)i);

        private Gateway Form(TestCertificateAuthority? ca, int seed = 21)
        {
            Gateway gw = Gateway.Create(new GatewayOptions
            {
                Name = "ke",
                Channel = 20,
                StatePath = Path.Combine(Dir, "net"),
                Radio = Radio,
                Seed = seed,
            }, SimulatedRadioProvider.Instance);
            if (ca is not null)
            {
                gw.AddCertificateAuthority(ca.Authority);
                (ImplicitCertificate cert, CbkePrivateKey key) = ca.Issue(gw.Config.CoordinatorIeee, Seeded(seed));
                gw.ImportCertificate(cert, key);
            }

            return gw;
        }

        private SimulatedDevice AddMeter(Gateway gw, int i, double x, TestCertificateAuthority? issuer, CertificateAuthority? trusts,
            KeyEstablishmentMisbehavior misbehavior = KeyEstablishmentMisbehavior.None)
        {
            gw.AddInstallCode(IeeeFor(i), CodeFor(i), force: false);
            KeyEstablishmentCredential? credential = null;
            if (issuer is not null)
            {
                (ImplicitCertificate cert, CbkePrivateKey key) = issuer.Issue(IeeeFor(i), Seeded(100 + i));
                credential = new KeyEstablishmentCredential(cert, key);
            }

            return SimulationHost.Find(Radio)!.AddDevice(new SimulatedDeviceSpec
            {
                Kind = SimulatedDeviceKind.Meter,
                Ieee = IeeeFor(i),
                InstallCode = CodeFor(i),
                Position = new Position(x, 0),
                Channel = gw.Describe().Channel,
                ExtendedPanId = gw.Config.ExtendedPanId,
                Network = gw.Name,
                Certificate = credential,
                TrustedRoots = trusts is null ? null : new[] { trusts },
                KeyEstablishmentMisbehavior = misbehavior,
            });
        }

        private static void JoinAndWaitForKe(Gateway gw, params SimulatedDevice[] meters)
        {
            gw.PermitJoin(180);
            Assert.True(gw.RunUntil(() => meters.All(m => m.KeyEstablishment!.LastOutcome is not null && gw.GetLastKeyEstablishment(m.Ieee) is not null),
                TimeSpan.FromMinutes(4)), string.Join(", ", meters.Select(m => $"{m.Ieee} {m.Node.State} {m.KeyEstablishment!.LastOutcome}")));
            gw.RunFor(TimeSpan.FromSeconds(2)); // the last frames (a Terminate, MACV) settle
        }

        [Theory]
        [InlineData(CryptoSuite.Suite1)]
        [InlineData(CryptoSuite.Suite2)]
        public void C_4_2_gateway_and_meter_derive_the_same_link_key_over_two_hops_and_SE_traffic_uses_it(CryptoSuite suite)
        {
            TestCertificateAuthority ca = TestCertificateAuthority.Create(suite, Seeded(1));
            using Gateway gw = Form(ca);
            SimulatedDevice near = AddMeter(gw, 1, 50, ca, ca.Authority);
            SimulatedDevice middle = AddMeter(gw, 8, 100, ca, ca.Authority);
            SimulatedDevice far = AddMeter(gw, 2, 150, ca, ca.Authority);
            int keFrames = 0, keApsSecured = 0, meteringFrames = 0, meteringApsSecured = 0;
            gw.Coordinator.DataReceived += (_, e) =>
            {
                if (e.ClusterId == KeyEstablishmentCommand.ClusterId)
                {
                    keFrames++;
                    keApsSecured += e.ApsSecured ? 1 : 0;
                }
                else if (e.ClusterId == 0x0702)
                {
                    meteringFrames++;
                    meteringApsSecured += e.ApsSecured ? 1 : 0;
                }
            };
            JoinAndWaitForKe(gw, near, middle, far);

            foreach (SimulatedDevice m in new[] { near, middle, far })
            {
                Assert.True(m.KeyEstablishment!.LastOutcome!.Succeeded, m.KeyEstablishment.LastOutcome.ToString());
                ZsepKeyEstablishmentResult result = gw.GetLastKeyEstablishment(m.Ieee)!;
                Assert.True(result.Succeeded, result.Reason);
                Assert.Equal((int)suite, result.CryptoSuite);
                Assert.Equal(KeyEstablishmentRole.Responder, result.Role);
                ZigbeeKey tcKey = gw.Store.GetTrustCenterDevice(m.Ieee)!.LinkKey;
                Assert.Equal(tcKey, m.Node.TrustCenterLinkKey);
                Assert.NotEqual(gw.Store.GetTrustCenterDevice(m.Ieee)!.InstallCode!.DeriveLinkKey(), tcKey);
                Assert.NotNull(gw.Store.GetTrustCenterDevice(m.Ieee)!.InstallCode); // kept for re-joins
                Assert.True(gw.HasEstablishedKey(m.Ieee));
                Assert.Contains(gw.GetCertificates(m.Ieee), c => c.Kind == ZsepCertificateKind.Device && c.KeyEstablished is not null);
            }

            Assert.NotEqual(near.Node.TrustCenterLinkKey, far.Node.TrustCenterLinkKey);
            Assert.Equal(3, gw.Trace.Read(Gateway.KeyEstablishedTraceCode).Count);

            // Then each device proves the new key with Verify-Key and the Trust Center confirms it under that key.
            var meters = new[] { near, middle, far };
            Assert.True(gw.RunUntil(() => meters.All(m => m.KeyEstablishment!.KeyVerifyStatus is not null), TimeSpan.FromSeconds(30)),
                string.Join(", ", meters.Select(m => m.KeyEstablishment!.KeyVerifyStatus?.ToString() ?? "no answer")));
            Assert.All(meters, m => Assert.Equal(Zsep.Stack.Aps.ApsStatus.SUCCESS, m.KeyEstablishment!.KeyVerifyStatus));
            Assert.Equal(3, gw.Trace.Read(Gateway.KeyVerifiedTraceCode).Count);

            // A device whose key is not the Trust Center's: its hash is refused (SECURITY_FAIL, traced), and the
            // answer, secured with the Trust Center's key, is nothing it can read.
            int refusalsBefore = gw.Trace.Read(TraceCodes.ErrAuthSecFail).Count;
            ZigbeeKey established = far.Node.TrustCenterLinkKey!;
            far.Node.SetTrustCenterLinkKey(ZigbeeKey.Parse("00112233445566778899AABBCCDDEEFF"));
            Zsep.Stack.Aps.ApsStatus? wrong = Zsep.Stack.Aps.ApsStatus.SUCCESS;
            bool answered = false;
            far.Node.VerifyTrustCenterLinkKey(TimeSpan.FromSeconds(10), st => { wrong = st; answered = true; });
            Assert.True(gw.RunUntil(() => answered, TimeSpan.FromSeconds(30)));
            Assert.Null(wrong);
            Assert.Equal(refusalsBefore + 1, gw.Trace.Read(TraceCodes.ErrAuthSecFail).Count);
            far.Node.SetTrustCenterLinkKey(established);
            Assert.True(gw.Coordinator.GetHopCount(gw.GetNodes().Single(n => n.Ieee == far.Ieee).NwkAddress) >= 2);

            // APS-secured Metering traffic now runs under the derived key, both ways.
            var values = gw.ReadAttributes(far.Ieee, null, 0x0702, new ushort[] { 0x0000 }, Timeout);
            Assert.Equal(Stack.Zcl.ZclStatus.Success, values[0].Status);

            // SE 1.4 5.4.6 / C.3: Key Establishment travels with NWK security only, Metering with APS security (the new key).
            Assert.True(keFrames >= 9, $"{keFrames} Key Establishment frames");
            Assert.Equal(0, keApsSecured);
            Assert.True(meteringFrames > 0 && meteringApsSecured == meteringFrames, $"{meteringApsSecured} of {meteringFrames} Metering frames APS-secured");
        }

        [Fact]
        public void Start_key_establishment_on_demand_the_gateway_initiates_and_both_switch_again()
        {
            TestCertificateAuthority ca = TestCertificateAuthority.Create(CryptoSuite.Suite1, Seeded(2));
            using Gateway gw = Form(ca, 22);
            SimulatedDevice meter = AddMeter(gw, 3, 40, ca, ca.Authority);
            JoinAndWaitForKe(gw, meter);
            ZigbeeKey first = meter.Node.TrustCenterLinkKey!;

            ZsepKeyEstablishmentResult again = gw.StartKeyEstablishment(meter.Ieee);
            Assert.True(again.Succeeded, again.Reason);
            Assert.Equal(KeyEstablishmentRole.Initiator, again.Role);
            Assert.Equal(1, again.CryptoSuite);
            Assert.True(again.Duration > TimeSpan.Zero);
            gw.RunFor(TimeSpan.FromSeconds(1));
            Assert.Equal(2, meter.KeyEstablishment!.Successes);
            Assert.NotEqual(first, meter.Node.TrustCenterLinkKey);
            Assert.Equal(gw.Store.GetTrustCenterDevice(meter.Ieee)!.LinkKey, meter.Node.TrustCenterLinkKey);
            Assert.Equal(Stack.Zcl.ZclStatus.Success, gw.ReadAttributes(meter.Ieee, null, 0x0702, new ushort[] { 0x0000 }, Timeout)[0].Status);
        }

        [Fact]
        public void C_4_2_2_on_demand_the_gateway_with_both_suites_reads_the_device_suites_and_picks_suite_1()
        {
            TestCertificateAuthority ca1 = TestCertificateAuthority.Create(CryptoSuite.Suite1, Seeded(9));
            TestCertificateAuthority ca2 = TestCertificateAuthority.Create(CryptoSuite.Suite2, Seeded(10));
            using Gateway gw = Form(ca1, 27);
            gw.AddCertificateAuthority(ca2.Authority);
            (ImplicitCertificate cert, CbkePrivateKey key) = ca2.Issue(gw.Config.CoordinatorIeee, Seeded(11));
            gw.ImportCertificate(cert, key);
            Assert.Equal(KeyEstablishmentSuites.Suite1 | KeyEstablishmentSuites.Suite2, gw.KeyEstablishmentIdentity!.SupportedSuites);
            SimulatedDevice meter = AddMeter(gw, 9, 40, ca1, ca1.Authority);
            JoinAndWaitForKe(gw, meter);
            Assert.True(meter.KeyEstablishment!.LastOutcome!.Succeeded);

            ZsepKeyEstablishmentResult again = gw.StartKeyEstablishment(meter.Ieee);
            Assert.True(again.Succeeded, again.Reason);
            Assert.Equal(1, again.CryptoSuite);
        }

        public static TheoryData<string, KeyEstablishmentMisbehavior, KeyEstablishmentStatus> Negatives => new TheoryData<string, KeyEstablishmentMisbehavior, KeyEstablishmentStatus>
        {
            { "untrusted issuer", KeyEstablishmentMisbehavior.None, KeyEstablishmentStatus.UnknownIssuer },
            { "tampered certificate", KeyEstablishmentMisbehavior.TamperedCertificate, KeyEstablishmentStatus.BadKeyConfirm },
            { "wrong private key", KeyEstablishmentMisbehavior.WrongPrivateKey, KeyEstablishmentStatus.BadKeyConfirm },
            { "altered confirmation tag", KeyEstablishmentMisbehavior.AlteredConfirmTag, KeyEstablishmentStatus.BadKeyConfirm },
            { "unsupported suite", KeyEstablishmentMisbehavior.UnsupportedSuite, KeyEstablishmentStatus.UnsupportedSuite },
        };

        [Theory]
        [MemberData(nameof(Negatives))]
        public void C_4_2_negative_cases_end_with_the_right_Terminate_status_and_keep_the_install_code_key(string name, KeyEstablishmentMisbehavior misbehavior, KeyEstablishmentStatus expected)
        {
            TestCertificateAuthority ca = TestCertificateAuthority.Create(CryptoSuite.Suite1, Seeded(3));
            TestCertificateAuthority other = TestCertificateAuthority.Create(CryptoSuite.Suite1, Seeded(4), new Eui64(0x4F54484552434130)); // "OTHERCA0"
            using Gateway gw = Form(ca, 23);
            SimulatedDevice meter = AddMeter(gw, 4, 40, expected == KeyEstablishmentStatus.UnknownIssuer ? other : ca, ca.Authority, misbehavior);
            JoinAndWaitForKe(gw, meter);

            ZsepKeyEstablishmentResult result = gw.GetLastKeyEstablishment(meter.Ieee)!;
            Assert.False(result.Succeeded, name);
            Assert.Equal(expected.ToString(), result.Status);
            Assert.False(result.TerminatedByPartner); // the gateway found the fault and sent the Terminate
            KeyEstablishmentOutcome device = meter.KeyEstablishment!.LastOutcome!;
            Assert.Equal(KeyEstablishmentResult.Terminated, device.Result);
            Assert.Equal(expected, device.Status);
            Assert.True(device.TerminatedByPartner);
            Assert.Equal(CodeFor(4).DeriveLinkKey(), meter.Node.TrustCenterLinkKey);
            Assert.Equal(CodeFor(4).DeriveLinkKey(), gw.Store.GetTrustCenterDevice(meter.Ieee)!.LinkKey);
            Assert.False(gw.HasEstablishedKey(meter.Ieee));
            Assert.Contains(gw.Trace.Read(TraceCodes.ErrAuthSecFail), t => t.Node == meter.Ieee.ToString() && t.Detail.Contains(expected.ToString()));
        }

        [Fact]
        public void C_4_2_a_suite_the_gateway_has_no_certificate_for_is_UnsupportedSuite()
        {
            TestCertificateAuthority ca1 = TestCertificateAuthority.Create(CryptoSuite.Suite1, Seeded(5));
            TestCertificateAuthority ca2 = TestCertificateAuthority.Create(CryptoSuite.Suite2, Seeded(6));
            using Gateway gw = Form(ca1, 24);
            gw.AddCertificateAuthority(ca2.Authority);
            SimulatedDevice meter = AddMeter(gw, 5, 40, ca2, ca1.Authority);
            JoinAndWaitForKe(gw, meter);
            Assert.Equal(KeyEstablishmentStatus.UnsupportedSuite.ToString(), gw.GetLastKeyEstablishment(meter.Ieee)!.Status);
            Assert.Equal(KeyEstablishmentStatus.UnsupportedSuite, meter.KeyEstablishment!.LastOutcome!.Status);
        }

        [Fact]
        public void SE_5_4_6_policy_RequireKeyEstablishment_refuses_SE_traffic_until_it_succeeded()
        {
            TestCertificateAuthority ca = TestCertificateAuthority.Create(CryptoSuite.Suite1, Seeded(7));
            using Gateway gw = Form(ca, 25);
            SimulatedDevice good = AddMeter(gw, 6, 40, ca, ca.Authority);
            SimulatedDevice bad = AddMeter(gw, 7, -40, ca, ca.Authority, KeyEstablishmentMisbehavior.WrongPrivateKey);
            gw.SetPolicy(null, null, requireKeyEstablishment: true);
            JoinAndWaitForKe(gw, good, bad);

            Assert.Equal(Stack.Zcl.ZclStatus.Success, gw.ReadAttributes(good.Ieee, null, 0x0702, new ushort[] { 0x0000 }, Timeout)[0].Status);
            Assert.Throws<KeyEstablishmentRequiredException>(() => gw.ReadAttributes(bad.Ieee, null, 0x0702, new ushort[] { 0x0000 }, Timeout));

            // The device's own SE frames to the gateway are dropped too (its Time read gets no answer).
            Stack.Application.ZclResponse? time = null;
            bad.Application.Application.ReadAttributes(NwkAddress.Coordinator, Gateway.EsiEndpoint, 0x000A, new ushort[] { 0x0000 }, Timeout, r => time = r);
            gw.RunUntil(() => time is not null, TimeSpan.FromSeconds(30));
            Assert.Equal(Stack.Application.ZclTransactionStatus.Timeout, time!.Status);
            Assert.NotEmpty(gw.Trace.Read(Gateway.KeyEstablishmentRequiredTraceCode));
        }

        [Fact]
        public void The_gateway_private_key_is_sealed_at_rest_and_survives_a_restart()
        {
            TestCertificateAuthority ca = TestCertificateAuthority.Create(CryptoSuite.Suite2, Seeded(8));
            string path;
            byte[] keyBytes;
            using (Gateway gw = Form(ca, 26))
            {
                path = gw.StatePath;
                KeyEstablishmentCredential credential = gw.KeyEstablishmentIdentity!.Credential(CryptoSuite.Suite2)!;
                keyBytes = new byte[credential.PrivateKey.Length];
                credential.PrivateKey.CopyTo(keyBytes);
                Assert.True(File.Exists(gw.Store.CbkeKeyFilePath));
            }

            byte[] db = File.ReadAllBytes(Path.Combine(path, NetworkStore.FileName));
            string wal = Path.Combine(path, NetworkStore.FileName + "-wal");
            byte[] all = File.Exists(wal) ? db.Concat(File.ReadAllBytes(wal)).ToArray() : db;
            Assert.False(Contains(all, keyBytes), "the private key is in clear in zsep.db");

            using (Gateway again = Gateway.Open(path, SimulatedRadioProvider.Instance))
            {
                KeyEstablishmentCredential reopened = again.KeyEstablishmentIdentity!.Credential(CryptoSuite.Suite2)!;
                byte[] reopenedBytes = new byte[reopened.PrivateKey.Length];
                reopened.PrivateKey.CopyTo(reopenedBytes);
                Assert.Equal(keyBytes, reopenedBytes);
                Assert.DoesNotContain(Hex.Format(keyBytes), reopened.ToString());
            }

            // Removing the network removes the key file with the rest of its state.
            Assert.True(NetworkFolder.Delete(path));
            Assert.False(Directory.Exists(path));
        }

        private static bool Contains(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
