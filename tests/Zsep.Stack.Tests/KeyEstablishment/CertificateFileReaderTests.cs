using System;
using System.IO;
using System.Linq;
using System.Text;
using Zsep.Stack.KeyEstablishment;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.State;
using Zsep.Stack.Tests.Cbke;
using Zsep.Stack.Tests.State;
using Zsep.Stack.Types;
using Xunit;

namespace Zsep.Stack.Tests.KeyEstablishment
{
    /// <summary>Certificate files in their common forms (SE 1.4 07-5356-21 C.4.2 certificate formats) and the CBKE store.</summary>
    public sealed class CertificateFileReaderTests
    {
        private static readonly Eui64 Subject = new Eui64(0x000D6F0000C0FFEE);

        private static (TestCertificateAuthority Ca, ImplicitCertificate Cert, CbkePrivateKey Key) Issue(CryptoSuite suite, int seed)
        {
            TestCertificateAuthority ca = TestCertificateAuthority.Create(suite, CbkeCertificateTests.Seeded(seed));
            (ImplicitCertificate cert, CbkePrivateKey key) = ca.Issue(Subject, CbkeCertificateTests.Seeded(seed + 1));
            return (ca, cert, key);
        }

        [Theory]
        [InlineData(CryptoSuite.Suite1)]
        [InlineData(CryptoSuite.Suite2)]
        public void C_4_2_certificate_reads_from_Certicom_text_PEM_hex_and_binary(CryptoSuite suite)
        {
            var (ca, cert, key) = Issue(suite, 10 + (int)suite);
            string certicom = CerticomCertificateText.Format(new CerticomCertificateBundle(ca.Authority, cert, key));
            CertificateFileContent fromText = CertificateFileReader.Read(Encoding.UTF8.GetBytes(certicom));
            Assert.Equal(cert, fromText.Certificate);
            Assert.Equal(key, fromText.PrivateKey);
            Assert.Equal(ca.Authority.PublicKey, fromText.Authority!.PublicKey);

            byte[] keyBytes = new byte[key.Length];
            key.CopyTo(keyBytes);
            string pem = "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(cert.ToArray()) + "\n-----END CERTIFICATE-----\n" +
                "-----BEGIN EC PRIVATE KEY-----\n" + Convert.ToBase64String(keyBytes) + "\n-----END EC PRIVATE KEY-----\n";
            CertificateFileContent fromPem = CertificateFileReader.Parse(pem);
            Assert.Equal(cert, fromPem.Certificate);
            Assert.Equal(key, fromPem.PrivateKey);
            Assert.DoesNotContain(Hex.Format(keyBytes), fromPem.ToString());

            Assert.Equal(cert, CertificateFileReader.Parse(Hex.Format(cert.ToArray()).ToLowerInvariant()).Certificate);
            Assert.Equal(cert, CertificateFileReader.Read(cert.ToArray()).Certificate);
            Assert.Equal(key, CertificateFileReader.ParsePrivateKey(keyBytes, suite));
            Assert.Equal(key, CertificateFileReader.ParsePrivateKey(Encoding.ASCII.GetBytes(Hex.Format(keyBytes)), suite));
            Assert.Equal(key, CertificateFileReader.ParsePrivateKey(Encoding.UTF8.GetBytes(certicom), suite));
        }

        [Fact]
        public void Malformed_files_are_FormatExceptions_that_never_show_the_key()
        {
            var (_, cert, key) = Issue(CryptoSuite.Suite1, 20);
            Assert.Throws<FormatException>(() => CertificateFileReader.Parse("00 11 22"));
            Assert.Throws<FormatException>(() => CertificateFileReader.Parse("not a certificate at all"));
            Assert.Throws<FormatException>(() => CertificateFileReader.Parse("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----"));
            Assert.Throws<FormatException>(() => CertificateFileReader.Parse(Hex.Format(cert.ToArray()), CryptoSuite.Suite2));
            byte[] keyBytes = new byte[key.Length];
            key.CopyTo(keyBytes);
            string shortKey = Hex.Format(keyBytes).Substring(0, 38);
            var ex = Assert.Throws<FormatException>(() => CertificateFileReader.ParsePrivateKey(Encoding.ASCII.GetBytes(shortKey), CryptoSuite.Suite1));
            Assert.DoesNotContain(shortKey.Replace(" ", string.Empty).Substring(0, 10), ex.Message.Replace(" ", string.Empty));
        }

        [Fact]
        public void Store_keeps_roots_the_sealed_gateway_key_device_certificates_and_reverts_to_the_install_code_key()
        {
            using var dir = new TempFolder();
            var (ca, cert, key) = Issue(CryptoSuite.Suite1, 30);
            DateTimeOffset t = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
            using (NetworkStore store = NetworkStore.Open(dir.File(NetworkStore.FileName), create: true))
            {
                Assert.True(store.AddCertificateAuthority(ca.Authority, t));
                Assert.False(store.AddCertificateAuthority(ca.Authority, t));
                store.SaveLocalCredential(new KeyEstablishmentCredential(cert, key), t);

                var code = Zsep.Stack.Security.InstallCode.FromBytes(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray());
                var device = new Eui64(0x000D6F00000000AA);
                store.AddOrUpdateInstallCode(device, code, t);
                var (_, deviceCert, _) = Issue(CryptoSuite.Suite1, 40);
                var derived = new ZigbeeKey(Enumerable.Range(100, 16).Select(i => (byte)i).ToArray());
                store.CompleteKeyEstablishment(device, deviceCert, derived, t);
                Assert.Equal(derived, store.GetTrustCenterDevice(device)!.LinkKey);
                Assert.Equal(code, store.GetTrustCenterDevice(device)!.InstallCode);
                Assert.Single(store.GetKeyEstablishments());
                Assert.Single(store.GetDeviceCertificates());
                Assert.Equal(code.DeriveLinkKey(), store.RevertKeyEstablishment(device));
                Assert.Equal(code.DeriveLinkKey(), store.GetTrustCenterDevice(device)!.LinkKey);
                Assert.Empty(store.GetKeyEstablishments());
            }

            byte[] keyBytes = new byte[key.Length];
            key.CopyTo(keyBytes);
            byte[] db = File.ReadAllBytes(dir.File(NetworkStore.FileName));
            string wal = dir.File(NetworkStore.FileName + "-wal");
            byte[] all = File.Exists(wal) ? db.Concat(File.ReadAllBytes(wal)).ToArray() : db;
            Assert.False(Contains(all, keyBytes), "the private key is in clear in the database");
            if (UnixPermissions.IsUnix)
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File(CbkeKeyProtector.FileName)));
            }

            using (NetworkStore again = NetworkStore.Open(dir.File(NetworkStore.FileName)))
            {
                Assert.Equal(key, again.GetLocalCredentials().Single().PrivateKey);
                Assert.Equal(ca.Authority, again.GetCertificateAuthorities().Single().Authority);
            }

            // Another key file (a copied database without its key file) does not open the sealed key.
            File.Delete(dir.File(CbkeKeyProtector.FileName));
            File.WriteAllBytes(dir.File(CbkeKeyProtector.FileName), new byte[32]);
            using (NetworkStore copied = NetworkStore.Open(dir.File(NetworkStore.FileName)))
            {
                var ex = Assert.Throws<NetworkStateException>(() => copied.GetLocalCredentials());
                Assert.Equal(NetworkStateError.CorruptStore, ex.Reason);
            }
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
