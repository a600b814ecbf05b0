using System;
using System.Management.Automation;
using Zsep.Stack.Gateway;
using Zsep.Stack.Types;

namespace ZsepAdmin.Commands
{
    /// <summary>
    /// Start-ZsepKeyEstablishment: runs Certificate-Based Key Establishment with a node now (the gateway initiates as
    /// client toward the device's Key Establishment server, SE 1.4 C.4.2) and returns the outcome. A failure is also a
    /// non-terminating error (KeyEstablishment&lt;Status&gt;) and is traced as ERR_AUTH_SEC_FAIL.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "ZsepKeyEstablishment", SupportsShouldProcess = true)]
    [OutputType(typeof(ZsepKeyEstablishmentResult))]
    public sealed class StartZsepKeyEstablishmentCommand : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Ieee")]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64[] Node { get; set; } = Array.Empty<Eui64>();

        /// <summary>The suite to ask for (default: the strongest the gateway has a certificate for).</summary>
        [Parameter]
        [ValidateSet("1", "2")]
        public int? CryptoSuite { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSeconds { get; set; } = 120;

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            foreach (Eui64 node in Node)
            {
                if (!ShouldProcess($"{node} on {gateway.Name}", "Run key establishment (the new key replaces the node's Trust Center link key)"))
                {
                    continue;
                }

                ZsepKeyEstablishmentResult result;
                try
                {
                    result = gateway.StartKeyEstablishment(node, CertificateInput.Suite(CryptoSuite), TimeSpan.FromSeconds(TimeoutSeconds), CancellationToken);
                }
                catch (Zsep.Radio.RadioUnavailableException ex)
                {
                    ThrowStackError(ex, gateway.Name);
                    return;
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
                {
                    WriteError(ErrorMapping.ToErrorRecord(ex, node));
                    continue;
                }

                if (!result.Succeeded)
                {
                    WriteError(ErrorMapping.ToErrorRecord(new KeyEstablishmentFailedException(result), node));
                }

                WriteObject(result);
            }
        }
    }
}
