using System;
using System.Management.Automation;
using Zsep.Radio;
using Zsep.Simulation.Rcp;
using Zsep.Stack.Gateway;

namespace ZsepAdmin.Commands
{
    /// <summary>Get-ZsepRadio: the network's radio, its firmware, channel, power and counters.</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepRadio")]
    [OutputType(typeof(ZsepRadio))]
    public sealed class GetZsepRadioCommand : ZsepNetworkCmdlet
    {
        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            WriteObject(RadioReport.Describe(gateway.Name, gateway.Radio));
        }
    }

    /// <summary>Set-ZsepRadio: changes the radio's transmit power.</summary>
    [Cmdlet(VerbsCommon.Set, "ZsepRadio", SupportsShouldProcess = true)]
    [OutputType(typeof(ZsepRadio))]
    public sealed class SetZsepRadioCommand : ZsepNetworkCmdlet
    {
        /// <summary>Transmit power in dBm; what the radio can do is its own limit (it uses the nearest it supports).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateRange(-40, 20)]
        public sbyte TxPower { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            if (!ShouldProcess($"{gateway.Radio.Name} of {gateway.Name}", $"Set the transmit power to {TxPower} dBm"))
            {
                return;
            }

            try
            {
                RadioReport.SetTxPower(gateway.Radio, TxPower);
            }
            catch (RadioUnavailableException ex)
            {
                ThrowStackError(ex, gateway.Name);
            }

            if (PassThru)
            {
                WriteObject(RadioReport.Describe(gateway.Name, gateway.Radio));
            }
        }
    }

    /// <summary>Test-ZsepRadio: probes a port for an OpenThread RCP without forming anything.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "ZsepRadio")]
    [OutputType(typeof(ZsepRadioProbe))]
    public sealed class TestZsepRadioCommand : ZsepCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Radio")]
        [ValidateNotNullOrEmpty]
        public string Port { get; set; } = "";

        /// <summary>How long the radio has to answer each step, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 60)]
        public int TimeoutSeconds { get; set; } = 3;

        protected override void ProcessRecord()
        {
            foreach (Gateway g in NetworkRegistry.All())
            {
                if (string.Equals(g.Config.Radio, Port, StringComparison.OrdinalIgnoreCase) && !Port.StartsWith("sim://", StringComparison.OrdinalIgnoreCase))
                {
                    WriteError(new ErrorRecord(new InvalidOperationException($"{Port} is in use by the network '{g.Name}': probing it would reset the radio under it. Use Get-ZsepRadio."), "RadioInUse", ErrorCategory.ResourceBusy, Port));
                    return;
                }
            }

            WriteVerbose($"Probing {Port}: reset, then PROTOCOL_VERSION, CAPS, RCP_API_VERSION, NCP_VERSION, HWADDR.");
            WriteObject(RadioReport.Probe(Port, TimeSpan.FromSeconds(TimeoutSeconds)));
        }
    }
}
