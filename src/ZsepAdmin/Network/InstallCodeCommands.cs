using System;
using System.Management.Automation;
using Zsep.Stack.Gateway;
using Zsep.Stack.Security;
using Zsep.Stack.State;
using Zsep.Stack.Types;

namespace ZsepAdmin.Commands
{
    /// <summary>Add-ZsepInstallCode: registers a device's install code with the Trust Center (CRC checked, link key derived and stored).</summary>
    [Cmdlet(VerbsCommon.Add, "ZsepInstallCode", SupportsShouldProcess = true)]
    [OutputType(typeof(ZsepInstallCode))]
    public sealed class AddZsepInstallCodeCommand : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("IeeeAddress", "Eui64")]
        public Eui64 Ieee { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Code")]
        [ValidateNotNullOrEmpty]
        public string InstallCode { get; set; } = "";

        /// <summary>Replace a different code already registered for the device.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            if (!Zsep.Stack.Security.InstallCode.TryParse(InstallCode, out InstallCode? code, out InstallCodeException? error))
            {
                gateway.Trace.Error(TraceCodes.ErrAuthSecFail, Ieee, $"install code refused: {error!.Reason}");
                WriteStackError(error, Ieee);
                return;
            }

            if (code!.Ieee is { } labelIeee && labelIeee != Ieee)
            {
                WriteError(new ErrorRecord(new ArgumentException($"The QR label is for {labelIeee}, not {Ieee}."), "InstallCodeIeeeMismatch", ErrorCategory.InvalidData, Ieee));
                return;
            }

            if (!ShouldProcess($"{Ieee} (CRC {Zsep.Stack.Security.InstallCode.CrcAsPrinted(code.Crc)}) on {gateway.Name}", "Register the install code"))
            {
                return;
            }

            try
            {
                WriteObject(gateway.AddInstallCode(Ieee, code, Force));
            }
            catch (InvalidOperationException ex)
            {
                WriteError(new ErrorRecord(ex, "InstallCodeConflict", ErrorCategory.ResourceExists, Ieee));
            }
        }
    }

    /// <summary>Get-ZsepInstallCode: the devices registered with the Trust Center (never the code or the key).</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepInstallCode")]
    [OutputType(typeof(ZsepInstallCode))]
    public sealed class GetZsepInstallCodeCommand : ZsepNetworkCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64[]? Ieee { get; set; }

        protected override void ProcessRecord()
        {
            foreach (ZsepInstallCode c in ResolveNetwork().GetInstallCodes())
            {
                if (Ieee is null || Array.IndexOf(Ieee, c.Ieee) >= 0)
                {
                    WriteObject(c);
                }
            }
        }
    }

    /// <summary>Remove-ZsepInstallCode: forgets a device's install code; it can no longer join.</summary>
    [Cmdlet(VerbsCommon.Remove, "ZsepInstallCode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    public sealed class RemoveZsepInstallCodeCommand : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64 Ieee { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            if (ShouldProcessForce($"{Ieee} on {gateway.Name}", "Remove the install code", Force) && !gateway.RemoveInstallCode(Ieee))
            {
                WriteError(new ErrorRecord(new ArgumentException($"No install code is registered for {Ieee}."), "InstallCodeNotFound", ErrorCategory.ObjectNotFound, Ieee));
            }
        }
    }

    /// <summary>Get-ZsepTrustCenterPolicy: the Trust Center's admission policy.</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepTrustCenterPolicy")]
    [OutputType(typeof(ZsepTrustCenterPolicy))]
    public sealed class GetZsepTrustCenterPolicyCommand : ZsepNetworkCmdlet
    {
        protected override void ProcessRecord() => WriteObject(ResolveNetwork().GetPolicy());
    }

    /// <summary>Set-ZsepTrustCenterPolicy: changes the admission policy, at once and in nwk_config.json.</summary>
    [Cmdlet(VerbsCommon.Set, "ZsepTrustCenterPolicy", SupportsShouldProcess = true)]
    [OutputType(typeof(ZsepTrustCenterPolicy))]
    public sealed class SetZsepTrustCenterPolicyCommand : ZsepNetworkCmdlet
    {
        [Parameter]
        public bool? AllowJoinThroughRouter { get; set; }

        [Parameter]
        public bool? RequireInstallCode { get; set; }

        /// <summary>Refuse Smart Energy traffic with a device until it completed key establishment (CBKE).</summary>
        [Parameter]
        public bool? RequireKeyEstablishment { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            if (ShouldProcess(gateway.Name, $"Set the Trust Center policy (AllowJoinThroughRouter={AllowJoinThroughRouter?.ToString() ?? "unchanged"}, RequireInstallCode={RequireInstallCode?.ToString() ?? "unchanged"}, RequireKeyEstablishment={RequireKeyEstablishment?.ToString() ?? "unchanged"})"))
            {
                ZsepTrustCenterPolicy policy = gateway.SetPolicy(AllowJoinThroughRouter, RequireInstallCode, RequireKeyEstablishment);
                if (PassThru)
                {
                    WriteObject(policy);
                }
            }
        }
    }
}
