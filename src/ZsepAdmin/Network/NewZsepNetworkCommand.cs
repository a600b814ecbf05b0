using System;
using System.Management.Automation;
using Zsep.Stack.Gateway;
using Zsep.Stack.Types;

namespace ZsepAdmin.Commands
{
    /// <summary>New-ZsepNetwork: forms a Smart Energy network (coordinator and Trust Center) and makes it the session's default.</summary>
    [Cmdlet(VerbsCommon.New, "ZsepNetwork", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ZsepNetwork))]
    public sealed class NewZsepNetworkCommand : ZsepCmdlet
    {
        [Parameter(Position = 0)]
        [ValidatePattern("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
        public string Name { get; set; } = "zsep";

        [Parameter]
        [ValidateRange(11, 26)]
        public byte? Channel { get; set; }

        [Parameter]
        public PanId? PanId { get; set; }

        [Parameter]
        public Eui64? ExtendedPanId { get; set; }

        [Parameter]
        [ZigbeeKeyTransformation]
        public ZigbeeKey? NetworkKey { get; set; }

        [Parameter]
        public string? StatePath { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Radio { get; set; } = "sim://default";

        [Parameter]
        public int? Seed { get; set; }

        /// <summary>Re-use an existing network folder, replacing its state.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void EndProcessing()
        {
            if (NetworkRegistry.IsOpen(Name))
            {
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException($"A network named '{Name}' is already open in this session; choose another -Name or Disconnect-ZsepNetwork it first."),
                    "NetworkAlreadyOpen", ErrorCategory.ResourceExists, Name));
            }

            string path = StatePath is null ? Zsep.Stack.State.NetworkFolder.DefaultPath(Name) : GetUnresolvedProviderPathFromPSPath(StatePath);
            if (!ShouldProcess($"{Name} in {path} on {Radio}", "Form a Zigbee Smart Energy network"))
            {
                return;
            }

            WriteVerbose($"Forming '{Name}' in {path} on {Radio}" + (Channel is null ? "; choosing the channel by an energy scan of 11, 15, 20 and 25" : $" on channel {Channel}"));
            Gateway gateway;
            try
            {
                gateway = Gateway.Create(new GatewayOptions
                {
                    Name = Name,
                    Channel = Channel,
                    PanId = PanId,
                    ExtendedPanId = ExtendedPanId,
                    NetworkKey = NetworkKey,
                    StatePath = path,
                    Radio = Radio,
                    Seed = Seed,
                    Force = Force,
                }, NetworkRegistry.Radios);
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                ThrowStackError(ex, Name);
                return;
            }

            NetworkRegistry.Add(gateway);
            WriteVerbose($"Formed on channel {gateway.Config.Channel}, PAN {gateway.Config.PanId}; coordinator {gateway.Config.CoordinatorIeee}.");
            WriteObject(gateway.Describe(isDefault: true));
        }
    }

    /// <summary>Get-ZsepNetwork: the networks open in this session.</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepNetwork")]
    [OutputType(typeof(ZsepNetwork))]
    public sealed class GetZsepNetworkCommand : ZsepCmdlet
    {
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(NetworkNameCompleter))]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        protected override void EndProcessing()
        {
            string? defaultName = NetworkRegistry.DefaultName;
            foreach (Gateway g in NetworkRegistry.All())
            {
                if (Name is null || Array.Exists(Name, n => new WildcardPattern(n, WildcardOptions.IgnoreCase).IsMatch(g.Name)))
                {
                    WriteObject(g.Describe(string.Equals(g.Name, defaultName, StringComparison.OrdinalIgnoreCase)));
                }
            }
        }
    }

    /// <summary>Connect-ZsepNetwork: reopens a persisted network from its folder.</summary>
    [Cmdlet(VerbsCommunications.Connect, "ZsepNetwork")]
    [OutputType(typeof(ZsepNetwork))]
    public sealed class ConnectZsepNetworkCommand : ZsepCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string StatePath { get; set; } = "";

        protected override void ProcessRecord()
        {
            string path = GetUnresolvedProviderPathFromPSPath(StatePath);
            // A network whose hardware radio went away stays registered (its calls fail with RadioUnavailable);
            // reconnecting it once the radio is back replaces it.
            foreach (Gateway stale in System.Linq.Enumerable.ToList(NetworkRegistry.All()))
            {
                if (stale.Radio is Zsep.Radio.Driver.SpinelRadio { IsAvailable: false }
                    && string.Equals(System.IO.Path.GetFullPath(stale.StatePath), System.IO.Path.GetFullPath(path), StringComparison.Ordinal))
                {
                    WriteVerbose($"Closing '{stale.Name}', whose radio {stale.Radio.Name} was lost, to open it again.");
                    NetworkRegistry.Close(stale);
                }
            }

            Gateway gateway;
            try
            {
                gateway = Gateway.Open(path, NetworkRegistry.Radios);
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                WriteStackError(ex, StatePath);
                return;
            }

            if (NetworkRegistry.IsOpen(gateway.Name))
            {
                gateway.Dispose();
                WriteError(new ErrorRecord(new InvalidOperationException($"A network named '{gateway.Name}' is already open in this session."), "NetworkAlreadyOpen", ErrorCategory.ResourceExists, StatePath));
                return;
            }

            NetworkRegistry.Add(gateway);
            int devices = NetworkRegistry.RestoreSimulatedDevices(gateway);
            WriteVerbose($"Reconnected '{gateway.Name}': {gateway.GetNodes().Count} nodes, {gateway.GetInstallCodes().Count} install codes, {devices} simulated devices restarted.");
            WriteObject(gateway.Describe(isDefault: true));
        }
    }

    /// <summary>Disconnect-ZsepNetwork: stops a network's stack; its state stays on disk for Connect-ZsepNetwork.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "ZsepNetwork", SupportsShouldProcess = true)]
    [OutputType(typeof(ZsepNetwork))]
    public sealed class DisconnectZsepNetworkCommand : ZsepNetworkCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            if (!ShouldProcess(gateway.Name, "Stop the network's stack (state stays on disk)"))
            {
                return;
            }

            ZsepNetwork closed = gateway.Describe() with { State = GatewayState.Disconnected, PermitJoinUntil = null };
            NetworkRegistry.Close(gateway);
            if (PassThru)
            {
                WriteObject(closed);
            }
        }
    }

    /// <summary>Remove-ZsepNetwork: stops a network and deletes its state folder (keys, Trust Center table, nodes).</summary>
    [Cmdlet(VerbsCommon.Remove, "ZsepNetwork", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    public sealed class RemoveZsepNetworkCommand : ZsepNetworkCmdlet
    {
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Leave the network's simulated devices on the air (for Restore-ZsepNetwork to take over from a backup).</summary>
        [Parameter]
        public SwitchParameter KeepSimulatedDevices { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            string path = gateway.StatePath;
            if (!ShouldProcessForce($"{gateway.Name} and its state in {path} (network key, Trust Center table, nodes)" + (KeepSimulatedDevices ? "; its simulated devices stay on the air" : ""), "Delete the network", Force))
            {
                return;
            }

            NetworkRegistry.Close(gateway, KeepSimulatedDevices);
            Zsep.Stack.State.NetworkFolder.Delete(path);
            WriteVerbose($"Deleted {path}.");
        }
    }
}
