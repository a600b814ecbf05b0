using System;
using System.IO;
using System.Management.Automation;
using Zsep.Stack.Gateway;
using Zsep.Stack.State;

namespace ZsepAdmin.Commands
{
    /// <summary>Backup-ZsepNetwork: writes the network as an Open Coordinator Backup (zigpy/ZHA, Zigbee2MQTT).</summary>
    [Cmdlet(VerbsData.Backup, "ZsepNetwork", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(FileInfo))]
    public sealed class BackupZsepNetworkCommand : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            string path = OutputPath(Path, Force, "Backup");

            CoordinatorBackup backup = gateway.CreateBackup("ZsepAdmin@" + typeof(BackupZsepNetworkCommand).Assembly.GetName().Version);
            if (!ShouldProcessForce(path, $"Write {gateway.Name} with its network key and {backup.Devices.Count} device link keys in clear text", Force))
            {
                return;
            }

            WriteFile(path, () => CoordinatorBackupFile.Save(backup, path), "Backup");

            gateway.Trace.Info(TraceCodes.KeysExported, $"network backup written ({backup.Devices.Count} devices, frame counter {backup.NetworkKeyFrameCounter})");
            WriteVerbose($"{backup.Devices.Count} devices; network key sequence {backup.NetworkKeySequence}, outgoing frame counter {backup.NetworkKeyFrameCounter}. The file is readable by its owner only on Unix; keep it as secret as the network key.");
            WriteObject(new FileInfo(path));
        }
    }

    /// <summary>Restore-ZsepNetwork: takes over a network from an Open Coordinator Backup, onto a new state folder.</summary>
    [Cmdlet(VerbsData.Restore, "ZsepNetwork", SupportsShouldProcess = true)]
    [OutputType(typeof(ZsepNetwork))]
    public sealed class RestoreZsepNetworkCommand : ZsepCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        [Parameter(Mandatory = true)]
        [ValidatePattern("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
        public string Name { get; set; } = "";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatePath { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Radio { get; set; } = "sim://default";

        [Parameter]
        public int? Seed { get; set; }

        [Parameter]
        public uint FrameCounterIncrement { get; set; } = 10_000;

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (NetworkRegistry.IsOpen(Name))
            {
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException($"A network named '{Name}' is already open in this session; choose another -Name."), "NetworkAlreadyOpen", ErrorCategory.ResourceExists, Name));
            }

            string file = GetUnresolvedProviderPathFromPSPath(Path);
            CoordinatorBackup backup;
            try
            {
                backup = CoordinatorBackupFile.Load(file);
            }
            catch (NetworkStateException ex)
            {
                ThrowStackError(ex, Path);
                return;
            }

            string path = StatePath is null ? NetworkFolder.DefaultPath(Name) : GetUnresolvedProviderPathFromPSPath(StatePath);
            if (!ShouldProcess($"{Name} in {path} on {Radio}", $"Restore the network {backup.ExtendedPanId} (PAN {backup.PanId}, channel {backup.Channel}, {backup.Devices.Count} devices) from {backup.Source}"))
            {
                return;
            }

            Gateway gateway;
            try
            {
                gateway = Gateway.Restore(backup, new RestoreOptions
                {
                    Name = Name,
                    StatePath = path,
                    Radio = Radio,
                    Seed = Seed,
                    Force = Force,
                    FrameCounterIncrement = FrameCounterIncrement,
                }, NetworkRegistry.Radios);
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                ThrowStackError(ex, Name);
                return;
            }

            NetworkRegistry.Add(gateway);
            int adopted = NetworkRegistry.AdoptSimulatedDevices(gateway);
            WriteVerbose($"Restored '{Name}' in {path}: coordinator {backup.CoordinatorIeee}, {backup.Devices.Count} devices, {adopted} simulated devices on {Radio} taken over; outgoing frame counter starts at {backup.NetworkKeyFrameCounter + (long)FrameCounterIncrement}.");
            WriteObject(gateway.Describe(isDefault: true));
        }
    }
}
