using System.Management.Automation;
using Zsep.Stack.Security;

namespace ZsepAdmin.Commands
{
    /// <summary>ConvertTo-ZsepLinkKey: checks an install code's CRC and derives its link key (Zigbee BDB 10.1).</summary>
    [Cmdlet(VerbsData.ConvertTo, "ZsepLinkKey")]
    [OutputType(typeof(InstallCodeKey))]
    public sealed class ConvertToZsepLinkKeyCommand : ZsepCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] InstallCode { get; set; } = System.Array.Empty<string>();

        protected override void ProcessRecord()
        {
            foreach (string text in InstallCode)
            {
                if (!Zsep.Stack.Security.InstallCode.TryParse(text, out InstallCode? code, out InstallCodeException? error))
                {
                    WriteStackError(error!, text);
                    continue;
                }

                if (!code!.CrcPrinted)
                {
                    WriteStackError(
                        new InstallCodeException(InstallCodeError.BadLength,
                            $"The install code has no CRC: a label prints the {code.Length}-byte code followed by its 2-byte CRC " +
                            $"({Zsep.Stack.Security.InstallCode.CrcAsPrinted(code.Crc)} for these digits). Type the whole code from the label so that a typo can be caught."),
                        text);
                    continue;
                }

                WriteVerbose($"Install code of {code.Length} bytes, CRC {Zsep.Stack.Security.InstallCode.CrcAsPrinted(code.Crc)} checked.");
                WriteObject(new InstallCodeKey(code));
            }
        }
    }
}
