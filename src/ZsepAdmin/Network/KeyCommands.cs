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
