using System;
using System.Management.Automation;
using Zsep.Stack.Gateway;
using Zsep.Stack.Types;

namespace ZsepAdmin.Commands
{
    /// <summary>
    /// Update-ZsepNetworkKey: rotates the network key (Zigbee PRO 4.6.3.4): the new key goes to every device
    /// APS-secured with its link key, then Switch Key; devices that missed it are brought up to date when they next speak.
    /// </summary>
    [Cmdlet(VerbsData.Update, "ZsepNetworkKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ZsepNetworkKeyUpdate))]
    public sealed class UpdateZsepNetworkKeyCommand : ZsepNetworkCmdlet
    {
        /// <summary>The new key (32 hex digits); a random one from the OS's cryptographic generator when not given.</summary>
        [Parameter(Position = 0)]
        [ZigbeeKeyTransformation]
        public ZigbeeKey? Key { get; set; }

        /// <summary>Network time between sending the key and Switch Key (end devices fetch it at their next poll).</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int DistributionSeconds { get; set; } = 15;

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            byte next = unchecked((byte)(gateway.Config.NetworkKeySequence + 1));
            if (!ShouldProcessForce(gateway.Name, $"Replace network key {gateway.Config.NetworkKeySequence} with key {next} on every device", Force))
            {
                return;
            }

            ZsepNetworkKeyUpdate update;
            try
            {
                update = gateway.UpdateNetworkKey(Key, TimeSpan.FromSeconds(DistributionSeconds), CancellationToken);
                // Let the Switch Key broadcast cross the mesh before returning.
                RunUntil(gateway, () => false, TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is not PipelineStoppedException && ex is not OperationCanceledException)
            {
                ThrowStackError(ex, gateway.Name);
                return;
            }

            WriteVerbose($"Network key {update.Sequence} sent to {update.DevicesSent} devices and switched to; devices that were away get it when they next speak.");
            WriteObject(update);
        }
    }
}

namespace ZsepAdmin.Commands
{
    /// <summary>
    /// Reset-ZsepNodeKey: Trust Center link key recovery for a device whose key is lost - remove it and admit it again
    /// with its install code (a simulated device is factory-reset here; a real one must be reset by hand).
    /// </summary>
    [Cmdlet(VerbsCommon.Reset, "ZsepNodeKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ZsepNode))]
    public sealed class ResetZsepNodeKeyCommand : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Ieee")]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64 Node { get; set; }

        /// <summary>Network time to wait for the device to join again (and how long joining stays open for it).</summary>
        [Parameter]
        [ValidateRange(10, 254)]
        public int TimeoutSeconds { get; set; } = 180;

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            Zsep.Simulation.Devices.SimulatedDevice? simulated =
                Zsep.Simulation.Devices.SimulationHost.IsSimulated(gateway.Config.Radio) ? Zsep.Simulation.Devices.SimulationHost.Find(gateway.Config.Radio)?.FindDevice(Node) : null;
            string action = simulated is null
                ? "Remove the device and admit it again with its install code (factory-reset it now)"
                : "Remove the simulated device, factory-reset it and admit it again with its install code";
            if (!ShouldProcessForce($"{Node} on {gateway.Name}", action, Force))
            {
                return;
            }

            try
            {
                gateway.BeginNodeKeyReset(Node);
            }
            catch (ArgumentException ex)
            {
                WriteError(new ErrorRecord(ex, "NodeNotRegistered", ErrorCategory.ObjectNotFound, Node));
                return;
            }
            catch (InvalidOperationException ex)
            {
                WriteError(new ErrorRecord(ex, "NoInstallCode", ErrorCategory.InvalidOperation, Node));
                return;
            }

            if (simulated is not null)
            {
                // Factory reset: the device forgets its network and keys and starts joining with its install-code key.
                Zsep.Simulation.Devices.SimulationHost host = SimulatedDevices.HostOf(gateway);
                var spec = simulated.Spec;
                bool offline = simulated.Offline;
                host.RemoveDevice(Node);
                gateway.Store.RemoveSimulatedDeviceStack(Node);
                var fresh = host.AddDevice(spec);
                fresh.Offline = offline;
                SimulatedDevices.Save(gateway, fresh);
            }

            bool wasOpen = gateway.PermitJoinUntil is not null;
            if (!wasOpen)
            {
                gateway.PermitJoin((byte)TimeoutSeconds);
            }

            bool joined = RunUntil(gateway, () => gateway.Store.GetNode(Node) is not null, TimeSpan.FromSeconds(TimeoutSeconds));
            if (!wasOpen)
            {
                gateway.DisableJoin();
            }

            if (!joined)
            {
                WriteError(new ErrorRecord(new TimeoutException($"{Node} did not join again within {TimeoutSeconds} s of network time. Factory-reset the device; its install code stays registered, so it may join whenever joining is open."),
                    "NodeKeyResetTimeout", ErrorCategory.OperationTimeout, Node));
                return;
            }

            WriteObject(System.Linq.Enumerable.First(gateway.GetNodes(), n => n.Ieee == Node));
        }
    }
}

namespace ZsepAdmin.Commands
{
    /// <summary>Set-ZsepChannel: moves the whole network to another channel (Mgmt_NWK_Update_req, Zigbee PRO 3.6.1.10).</summary>
    [Cmdlet(VerbsCommon.Set, "ZsepChannel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ZsepChannelChange))]
    public sealed class SetZsepChannelCommand : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateRange(11, 26)]
        public byte Channel { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            if (!ShouldProcessForce(gateway.Name, $"Move the network from channel {gateway.Config.Channel} to channel {Channel}", Force))
            {
                return;
            }

            ZsepChannelChange change;
            try
            {
                change = gateway.ChangeChannel(Channel, CancellationToken);
            }
            catch (Exception ex) when (ex is not PipelineStoppedException && ex is not OperationCanceledException)
            {
                ThrowStackError(ex, gateway.Name);
                return;
            }

            WriteVerbose($"Channel {change.PreviousChannel} -> {change.Channel}, nwkUpdateId {change.NwkUpdateId}; devices that missed the request find the network by scanning.");
            WriteObject(change);
        }
    }
}
