using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Zsep.Stack.Gateway;
using Zsep.Stack.KeyEstablishment;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.Types;

namespace ZsepAdmin.Commands
{
    /// <summary>Reading certificates and private keys from -Path / -Hex / -PrivateKey (hex or a file). Messages never show a key.</summary>
    internal static class CertificateInput
    {
        public static CertificateFileContent Read(PSCmdlet cmdlet, string? path, string? hex, CryptoSuite? suite) =>
            path is not null
                ? CertificateFileReader.Read(File.ReadAllBytes(cmdlet.GetUnresolvedProviderPathFromPSPath(path)), suite)
                : CertificateFileReader.Parse(hex ?? string.Empty, suite);

        /// <summary>-PrivateKey: hex digits of the suite's length, or the path of a file holding the key.</summary>
        public static CbkePrivateKey? PrivateKey(PSCmdlet cmdlet, string? value, CryptoSuite suite)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            if (Hex.TryParse(value, out byte[] bytes, out _) && bytes.Length == CryptoSuites.PrivateKeyLength(suite))
            {
                try
                {
                    return new CbkePrivateKey(suite, bytes);
                }
                finally
                {
                    Array.Clear(bytes, 0, bytes.Length);
                }
            }

            string file = cmdlet.GetUnresolvedProviderPathFromPSPath(value);
            if (!File.Exists(file))
            {
                throw new FormatException($"-PrivateKey is neither {CryptoSuites.PrivateKeyLength(suite)} bytes of hex (a suite {(int)suite} key) nor an existing file.");
            }

            return CertificateFileReader.ParsePrivateKey(File.ReadAllBytes(file), suite);
        }

        public static CryptoSuite? Suite(int? suite) => suite is int s ? (CryptoSuite)s : null;
    }

    /// <summary>
    /// Base of Import-ZsepCertificate and Test-ZsepCertificate: a certificate from a file, as hex, or a test certificate
    /// object from the pipeline, with an optional private key and crypto suite.
    /// </summary>
    public abstract class CertificateInputCmdlet : ZsepNetworkCmdlet
    {
        /// <summary>A file: the Certicom text form, PEM, hex text or raw binary.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>The certificate as hex (48 or 74 bytes).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Hex")]
        [ValidateNotNullOrEmpty]
        public string? Hex { get; set; }

        /// <summary>A test certificate from New-ZsepTestCertificate (with its private key).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Object", ValueFromPipeline = true)]
        public ZsepTestCertificate? InputObject { get; set; }

        /// <summary>The private key: hex, or a file holding it. With it the certificate becomes the gateway's own.</summary>
        [Parameter(ParameterSetName = "Path")]
        [Parameter(ParameterSetName = "Hex")]
        public string? PrivateKey { get; set; }

        /// <summary>1 (sect163k1, 48-byte certificate) or 2 (sect283k1, 74 bytes); default from the length.</summary>
        [Parameter(ParameterSetName = "Path")]
        [Parameter(ParameterSetName = "Hex")]
        [ValidateSet("1", "2")]
        public int? CryptoSuite { get; set; }
    }

    /// <summary>Import-ZsepCertificate: the gateway's certificate and private key (or a device's certificate), checked against the trusted roots.</summary>
    [Cmdlet(VerbsData.Import, "ZsepCertificate", SupportsShouldProcess = true, DefaultParameterSetName = "Path")]
    [OutputType(typeof(ZsepCertificate))]
    public sealed class ImportZsepCertificateCommand : CertificateInputCmdlet
    {
        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            ImplicitCertificate certificate;
            CbkePrivateKey? key;
            try
            {
                if (InputObject is not null)
                {
                    certificate = InputObject.Certificate;
                    key = InputObject.PrivateKey;
                }
                else
                {
                    CertificateFileContent content = CertificateInput.Read(this, Path, Hex, CertificateInput.Suite(CryptoSuite));
                    certificate = content.Certificate;
                    key = CertificateInput.PrivateKey(this, PrivateKey, certificate.Suite) ?? content.PrivateKey;
                }
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                WriteError(ErrorMapping.ToErrorRecord(ex is FormatException ? new FormatException("The certificate cannot be read: " + ex.Message, ex) : ex, Path ?? Hex));
                return;
            }

            string what = key is null ? $"device certificate of {certificate.Subject}" : $"gateway certificate and private key (suite {(int)certificate.Suite})";
            if (!ShouldProcess($"{what} on {gateway.Name}", "Import"))
            {
                return;
            }

            try
            {
                WriteObject(gateway.ImportCertificate(certificate, key));
            }
            catch (CertificateRejectedException ex)
            {
                WriteError(ErrorMapping.ToErrorRecord(ex, certificate.Subject));
            }
        }
    }

    /// <summary>Get-ZsepCertificate: the gateway's certificates and those of devices (never a private key).</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepCertificate")]
    [OutputType(typeof(ZsepCertificate))]
    public sealed class GetZsepCertificateCommand : ZsepNetworkCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Ieee", "Node")]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64[]? Subject { get; set; }

        [Parameter]
        public ZsepCertificateKind? Kind { get; set; }

        protected override void ProcessRecord()
        {
            foreach (ZsepCertificate c in ResolveNetwork().GetCertificates())
            {
                if ((Subject is null || Subject.Contains(c.Subject)) && (Kind is null || c.Kind == Kind))
                {
                    WriteObject(c);
                }
            }
        }
    }

    /// <summary>Remove-ZsepCertificate: forgets a certificate (the gateway's own takes its private key with it).</summary>
    [Cmdlet(VerbsCommon.Remove, "ZsepCertificate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ZsepCertificate))]
    public sealed class RemoveZsepCertificateCommand : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Ieee", "Node")]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64 Subject { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("1", "2")]
        public int? CryptoSuite { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            var found = gateway.GetCertificates(Subject).Where(c => CryptoSuite is null || c.CryptoSuite == CryptoSuite).ToList();
            if (found.Count == 0)
            {
                WriteError(new ErrorRecord(new ArgumentException($"{gateway.Name} has no certificate for {Subject}" + (CryptoSuite is int s ? $" of suite {s}." : ".")),
                    "CertificateNotFound", ErrorCategory.ObjectNotFound, Subject));
                return;
            }

            string what = string.Join(", ", found.Select(c => $"{c.Kind} suite {c.CryptoSuite}"));
            if (ShouldProcessForce($"{Subject} ({what}) on {gateway.Name}", "Remove the certificate", Force))
            {
                var removed = gateway.RemoveCertificate(Subject, CertificateInput.Suite(CryptoSuite));
                if (PassThru)
                {
                    WriteObject(removed, true);
                }
            }
        }
    }

    /// <summary>Test-ZsepCertificate: checks a certificate (and private key) against the network's trusted roots and says why it fails.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "ZsepCertificate", DefaultParameterSetName = "Path")]
    [OutputType(typeof(ZsepCertificateTest))]
    public sealed class TestZsepCertificateCommand : CertificateInputCmdlet
    {
        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            if (InputObject is not null)
            {
                WriteObject(gateway.TestCertificate(InputObject.Certificate, InputObject.PrivateKey));
                return;
            }

            CertificateFileContent content;
            CbkePrivateKey? key;
            try
            {
                content = CertificateInput.Read(this, Path, Hex, CertificateInput.Suite(CryptoSuite));
                key = CertificateInput.PrivateKey(this, PrivateKey, content.Certificate.Suite) ?? content.PrivateKey;
            }
            catch (FormatException ex)
            {
                // A certificate that does not even decode is a finding, not an error of the command.
                WriteObject(new ZsepCertificateTest { IsValid = false, Reason = CertificateValidationReason.BadStructure, Message = ex.Message });
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                WriteError(ErrorMapping.ToErrorRecord(ex, Path));
                return;
            }

            WriteObject(gateway.TestCertificate(content.Certificate, key));
        }
    }

    /// <summary>Add-ZsepCertificateAuthority: trusts a CA's public key for one suite.</summary>
    [Cmdlet(VerbsCommon.Add, "ZsepCertificateAuthority", SupportsShouldProcess = true, DefaultParameterSetName = "Key")]
    [OutputType(typeof(ZsepCertificateAuthority))]
    public sealed class AddZsepCertificateAuthorityCommand : ZsepNetworkCmdlet
    {
        /// <summary>The CA's compressed public key in hex (22 bytes suite 1, 37 bytes suite 2).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Key")]
        [ValidateNotNullOrEmpty]
        public string? PublicKey { get; set; }

        [Parameter(ParameterSetName = "Key")]
        [ValidateSet("1", "2")]
        public int? CryptoSuite { get; set; }

        /// <summary>A test CA from New-ZsepTestCertificateAuthority.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Test", ValueFromPipeline = true)]
        public ZsepTestCertificateAuthority? TestAuthority { get; set; }

        /// <summary>The Certicom test CA of a suite (certificates from Certicom's test service).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Certicom")]
        [ValidateSet("1", "2")]
        public int? CerticomTestSuite { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            CertificateAuthority authority;
            try
            {
                authority = ParameterSetName switch
                {
                    "Test" => TestAuthority!.Authority.Authority,
                    "Certicom" => CerticomTestSuite == 1 ? CertificateAuthority.CerticomTestSuite1 : CertificateAuthority.CerticomTestSuite2,
                    _ => FromHex(PublicKey!, CryptoSuite),
                };
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                WriteError(ErrorMapping.ToErrorRecord(ex, PublicKey));
                return;
            }

            if (!ShouldProcess($"suite {(int)authority.Suite} CA {Zsep.Stack.Types.Hex.Format(authority.PublicKey)} on {gateway.Name}", "Trust the certificate authority"))
            {
                return;
            }

            try
            {
                WriteObject(gateway.AddCertificateAuthority(authority));
            }
            catch (CertificateRejectedException ex)
            {
                WriteError(ErrorMapping.ToErrorRecord(ex, PublicKey));
            }
        }

        private static CertificateAuthority FromHex(string hex, int? suite)
        {
            byte[] key = Zsep.Stack.Types.Hex.Parse(hex);
            CryptoSuite s = suite is int n ? (CryptoSuite)n
                : key.Length == CryptoSuites.Suite1PointLength ? Zsep.Stack.Security.Cbke.CryptoSuite.Suite1
                : key.Length == CryptoSuites.Suite2PointLength ? Zsep.Stack.Security.Cbke.CryptoSuite.Suite2
                : throw new FormatException($"A CA public key is 22 bytes (suite 1) or 37 bytes (suite 2); {key.Length} were given.");
            return new CertificateAuthority(s, key);
        }
    }

    /// <summary>Get-ZsepCertificateAuthority: the CA roots the network trusts, per suite.</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepCertificateAuthority")]
    [OutputType(typeof(ZsepCertificateAuthority))]
    public sealed class GetZsepCertificateAuthorityCommand : ZsepNetworkCmdlet
    {
        [Parameter]
        [ValidateSet("1", "2")]
        public int? CryptoSuite { get; set; }

        protected override void ProcessRecord()
        {
            foreach (ZsepCertificateAuthority a in ResolveNetwork().GetCertificateAuthorities())
            {
                if (CryptoSuite is null || a.CryptoSuite == CryptoSuite)
                {
                    WriteObject(a);
                }
            }
        }
    }
}
