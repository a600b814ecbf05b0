using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Org.BouncyCastle.Security;
using Zsep.Stack.KeyEstablishment;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.Types;

namespace ZsepAdmin.Commands
{
    /// <summary>
    /// New-ZsepTestCertificateAuthority: a TEST certificate authority that issues real ECQV implicit certificates (for
    /// simulated devices and labs). A gateway trusts it only after Add-ZsepCertificateAuthority.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "ZsepTestCertificateAuthority", SupportsShouldProcess = true, DefaultParameterSetName = "New")]
    [OutputType(typeof(ZsepTestCertificateAuthority))]
    public sealed class NewZsepTestCertificateAuthorityCommand : ZsepCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "New")]
        [ValidateSet("1", "2")]
        public int CryptoSuite { get; set; }

        /// <summary>Also save the CA (with its private key) to this file; or, with -Load, read one saved before.</summary>
        [Parameter(Position = 1, ParameterSetName = "New")]
        [Parameter(Mandatory = true, ParameterSetName = "Load")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Read a CA saved with -Path instead of creating one.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Load")]
        public SwitchParameter Load { get; set; }

        /// <summary>The 8-byte issuer identifier (default the ASCII text "ZSEPTEST").</summary>
        [Parameter(ParameterSetName = "New")]
        public Eui64? Issuer { get; set; }

        protected override void ProcessRecord()
        {
            string? file = Path is null ? null : GetUnresolvedProviderPathFromPSPath(Path);
            try
            {
                if (Load)
                {
                    WriteObject(new ZsepTestCertificateAuthority(TestCertificateAuthority.LoadFromFile(file!), file));
                    return;
                }

                if (file is not null && !ShouldProcess(file, "Write a TEST certificate authority with its private key"))
                {
                    return;
                }

                TestCertificateAuthority ca = TestCertificateAuthority.Create((Zsep.Stack.Security.Cbke.CryptoSuite)CryptoSuite, new SecureRandom(), Issuer);
                if (file is not null)
                {
                    ca.SaveToFile(file);
                    Zsep.Stack.State.NetworkFolderSecrets.OwnerOnly(file);
                }

                WriteObject(new ZsepTestCertificateAuthority(ca, file));
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                WriteError(ErrorMapping.ToErrorRecord(ex, Path));
            }
        }
    }

    /// <summary>New-ZsepTestCertificate: a TEST implicit certificate and private key for a device, issued by a test CA.</summary>
    [Cmdlet(VerbsCommon.New, "ZsepTestCertificate", SupportsShouldProcess = true)]
    [OutputType(typeof(ZsepTestCertificate))]
    public sealed class NewZsepTestCertificateCommand : ZsepCmdlet
    {
        private static readonly Dictionary<int, TestCertificateAuthority> SessionAuthorities = new Dictionary<int, TestCertificateAuthority>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Subject", "CoordinatorIeee")]
        public Eui64 Ieee { get; set; }

        /// <summary>The suite; default the authority's (suite 1 without one).</summary>
        [Parameter]
        [ValidateSet("1", "2")]
        public int? CryptoSuite { get; set; }

        /// <summary>The issuing test CA; default one test CA per suite for the whole session.</summary>
        [Parameter]
        public ZsepTestCertificateAuthority? Authority { get; set; }

        /// <summary>Also write the Certicom text form (CA key, certificate, private key) to this file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        protected override void ProcessRecord()
        {
            int suite = CryptoSuite ?? Authority?.CryptoSuite ?? 1;
            TestCertificateAuthority ca;
            if (Authority is not null)
            {
                if (Authority.CryptoSuite != suite)
                {
                    WriteError(new ErrorRecord(new ArgumentException($"The authority is a suite {Authority.CryptoSuite} CA; suite {suite} was asked for."),
                        "CryptoSuiteMismatch", ErrorCategory.InvalidArgument, Authority));
                    return;
                }

                ca = Authority.Authority;
            }
            else
            {
                lock (SessionAuthorities)
                {
                    if (!SessionAuthorities.TryGetValue(suite, out ca!))
                    {
                        SessionAuthorities[suite] = ca = TestCertificateAuthority.Create((Zsep.Stack.Security.Cbke.CryptoSuite)suite, new SecureRandom());
                    }
                }
            }

            string? file = Path is null ? null : GetUnresolvedProviderPathFromPSPath(Path);
            if (file is not null && !ShouldProcess(file, "Write a TEST certificate with its private key"))
            {
                return;
            }

            (ImplicitCertificate certificate, CbkePrivateKey key) = ca.Issue(Ieee, new SecureRandom());
            try
            {
                if (file is not null)
                {
                    File.WriteAllText(file, "# ZsepAdmin TEST certificate: for simulation and labs only\n" +
                        CerticomCertificateText.Format(new CerticomCertificateBundle(ca.Authority, certificate, key)));
                    Zsep.Stack.State.NetworkFolderSecrets.OwnerOnly(file);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                WriteError(ErrorMapping.ToErrorRecord(ex, Path));
                return;
            }

            WriteObject(new ZsepTestCertificate(certificate, key, ca.Authority, file));
        }
    }
}
