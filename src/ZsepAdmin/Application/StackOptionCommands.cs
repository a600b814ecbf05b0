using System;
using System.Linq;
using System.Management.Automation;
using Zsep.Stack.Gateway;

namespace ZsepAdmin.Commands
{
    /// <summary>Get-ZsepStackOption: the coordinator's APS options (acknowledgement wait, retries, fragmentation).</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepStackOption")]
    [OutputType(typeof(ZsepStackOptions))]
    public sealed class GetZsepStackOptionCommand : ZsepNetworkCmdlet
    {
        protected override void ProcessRecord() => WriteObject(ResolveNetwork().GetStackOptions());
    }

    /// <summary>Set-ZsepStackOption: changes APS options at once; they are kept in the store for the next Connect.</summary>
    [Cmdlet(VerbsCommon.Set, "ZsepStackOption", SupportsShouldProcess = true)]
    [OutputType(typeof(ZsepStackOptions))]
    public sealed class SetZsepStackOptionCommand : ZsepNetworkCmdlet
    {
        /// <summary>apsAckWaitDuration: 1 ms to 2 minutes.</summary>
        [Parameter]
        public TimeSpan? ApsAckWaitDuration { get; set; }

        /// <summary>apsMaxFrameRetries: 0 to 10.</summary>
        [Parameter]
        [ValidateRange(0, 10)]
        public byte? ApsMaxFrameRetries { get; set; }

        /// <summary>apsMaxWindowSize: 1 to 8 blocks.</summary>
        [Parameter]
        [ValidateRange(1, 8)]
        public byte? MaxWindowSize { get; set; }

        /// <summary>Octets per block of a fragmented frame: 16 to 64.</summary>
        [Parameter]
        [ValidateRange(16, 64)]
        public byte? FragmentBlockSize { get; set; }

        /// <summary>apsInterframeDelay: 0 to 1 s.</summary>
        [Parameter]
        public TimeSpan? InterframeDelay { get; set; }

        [Parameter]
        public TimeSpan? ReassemblyTimeout { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            string change = string.Join(", ", new[]
            {
                ApsAckWaitDuration is { } a ? $"apsAckWaitDuration {a.TotalMilliseconds} ms" : null,
                ApsMaxFrameRetries is { } r ? $"apsMaxFrameRetries {r}" : null,
                MaxWindowSize is { } w ? $"apsMaxWindowSize {w}" : null,
                FragmentBlockSize is { } b ? $"fragment block size {b}" : null,
                InterframeDelay is { } i ? $"apsInterframeDelay {i.TotalMilliseconds} ms" : null,
                ReassemblyTimeout is { } t ? $"reassembly timeout {t.TotalSeconds} s" : null,
            }.Where(s => s is not null));
            if (change.Length == 0)
            {
                ThrowStackError(new ArgumentException("Name at least one option to change (for example -ApsAckWaitDuration 00:00:05)."), gateway.Name);
            }

            if (!ShouldProcess(gateway.Name, "Set " + change))
            {
                return;
            }

            try
            {
                ZsepStackOptions now = gateway.SetStackOptions(ApsAckWaitDuration, ApsMaxFrameRetries, MaxWindowSize, FragmentBlockSize, InterframeDelay, ReassemblyTimeout);
                if (PassThru)
                {
                    WriteObject(now);
                }
            }
            catch (ArgumentException ex)
            {
                ThrowStackError(ex, gateway.Name);
            }
        }
    }
}
