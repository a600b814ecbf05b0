using System;
using System.Linq;
using System.Management.Automation;
using Zsep.Simulation.Devices;
using Zsep.Simulation.Medium;
using Zsep.Stack.Gateway;
using Zsep.Stack.Security;
using Zsep.Stack.State;
using Zsep.Stack.Types;

namespace ZsepAdmin.Commands
{
    /// <summary>
    /// Add-ZsepSimulatedDevice: puts simulated Smart Energy devices on the network's medium; they run the same
    /// stack as the gateway and keep trying to join. One device (-Ieee -InstallCode -Position) or a grid of them.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "ZsepSimulatedDevice", SupportsShouldProcess = true, DefaultParameterSetName = "One")]
    [OutputType(typeof(ZsepSimulatedDevice))]
    public sealed class AddZsepSimulatedDeviceCommand : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public SimulatedDeviceKind Kind { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "One", ValueFromPipelineByPropertyName = true)]
        public Eui64 Ieee { get; set; }

        /// <summary>The code on the device's label; omit for a device without one (a rogue, or one for a network that does not require codes).</summary>
        [Parameter(ParameterSetName = "One", ValueFromPipelineByPropertyName = true)]
        public string? InstallCode { get; set; }

        /// <summary>x,y or x,y,z in metres; the coordinator stands at 0,0,0.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "One", ValueFromPipelineByPropertyName = true)]
        [ValidateCount(2, 3)]
        public double[] Position { get; set; } = Array.Empty<double>();

        /// <summary>How many devices to lay out on a grid (with generated IEEE addresses and install codes).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Grid")]
        [ValidateRange(1, 5000)]
        public int Count { get; set; }

        /// <summary>Metres between neighbours on the grid.</summary>
        [Parameter(ParameterSetName = "Grid")]
        [ValidateRange(1.0, 10000.0)]
        public double Spacing { get; set; } = 40;

        /// <summary>Devices per grid row (default: a square).</summary>
        [Parameter(ParameterSetName = "Grid")]
        [ValidateRange(1, 5000)]
        public int? Columns { get; set; }

        /// <summary>Where the grid's first device stands (x,y); the default leaves the coordinator one spacing from the corner.</summary>
        [Parameter(ParameterSetName = "Grid")]
        [ValidateCount(2, 3)]
        public double[]? Origin { get; set; }

        /// <summary>Also register each device's install code with the Trust Center (as a utility's batch file would).</summary>
        [Parameter]
        public SwitchParameter Register { get; set; }

        /// <summary>A test CA (New-ZsepTestCertificateAuthority) that issues each device a certificate; the device trusts it and runs key establishment after joining.</summary>
        [Parameter]
        public Zsep.Stack.KeyEstablishment.ZsepTestCertificateAuthority? TestCertificateAuthority { get; set; }

        /// <summary>For tests: how the device gets key establishment wrong (needs -TestCertificateAuthority).</summary>
        [Parameter]
        public KeyEstablishmentMisbehavior KeyEstablishmentMisbehavior { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            SimulationHost host;
            try
            {
                host = SimulatedDevices.HostOf(gateway);
            }
            catch (InvalidOperationException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "NotSimulated", ErrorCategory.InvalidOperation, gateway.Name));
                return;
            }

            if (ParameterSetName == "One")
            {
                InstallCode? code = null;
                if (InstallCode is not null && !Zsep.Stack.Security.InstallCode.TryParse(InstallCode, out code, out InstallCodeException? error))
                {
                    WriteStackError(error!, Ieee);
                    return;
                }

                Add(gateway, host, Ieee, code, new Position(Position[0], Position[1], Position.Length > 2 ? Position[2] : 0));
                return;
            }

            int columns = Columns ?? (int)Math.Ceiling(Math.Sqrt(Count));
            double ox = Origin?[0] ?? Spacing, oy = Origin?[1] ?? 0;
            var random = new Random(unchecked((gateway.Config.Seed ?? 0) * 31 + host.Devices.Count));
            var progress = new ProgressRecord(2, "Adding simulated devices", "Laying out");
            for (int i = 0; i < Count; i++)
            {
                CancellationToken.ThrowIfCancellationRequested();
                var ieee = new Eui64(0x000D6F0000000000UL | ((ulong)(uint)random.Next() << 8) | (uint)(i & 0xFF));
                byte[] codeBytes = new byte[16];
                random.NextBytes(codeBytes);
                var position = new Position(ox + (i % columns) * Spacing, oy + (i / columns) * Spacing);
                Add(gateway, host, ieee, Zsep.Stack.Security.InstallCode.FromBytes(codeBytes), position);
                if (i % 25 == 0)
                {
                    progress.PercentComplete = 100 * i / Count;
                    progress.StatusDescription = $"{i} of {Count}";
                    WriteProgress(progress);
                }
            }

            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }

        private void Add(Gateway gateway, SimulationHost host, Eui64 ieee, InstallCode? code, Position position)
        {
            if (!ShouldProcess($"{Kind} {ieee} at {position} on {gateway.Name}", "Add a simulated device"))
            {
                return;
            }

            SimulatedDevice device;
            try
            {
                SimulatedDeviceSpec spec = SimulatedDevices.SpecFor(gateway, Kind, ieee, code, position);
                if (TestCertificateAuthority is { } ca)
                {
                    var (certificate, key) = ca.Authority.Issue(ieee, new Org.BouncyCastle.Security.SecureRandom());
                    spec = spec with
                    {
                        Certificate = new Zsep.Stack.KeyEstablishment.KeyEstablishmentCredential(certificate, key),
                        TrustedRoots = new[] { ca.Authority.Authority },
                        KeyEstablishmentMisbehavior = KeyEstablishmentMisbehavior,
                    };
                }

                device = host.AddDevice(spec);
            }
            catch (InvalidOperationException ex)
            {
                WriteError(new ErrorRecord(ex, "SimulatedDeviceExists", ErrorCategory.ResourceExists, ieee));
                return;
            }

            SimulatedDevices.Save(gateway, device);
            if (Register && code is not null)
            {
                try
                {
                    gateway.AddInstallCode(ieee, code, force: false);
                }
                catch (InvalidOperationException ex)
                {
                    WriteError(new ErrorRecord(ex, "InstallCodeConflict", ErrorCategory.ResourceExists, ieee));
                }
            }

            WriteObject(ZsepSimulatedDevice.Of(device));
        }
    }

    /// <summary>Get-ZsepSimulatedDevice: the simulated devices of the network's medium.</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepSimulatedDevice")]
    [OutputType(typeof(ZsepSimulatedDevice))]
    public sealed class GetZsepSimulatedDeviceCommand : ZsepNetworkCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64[]? Ieee { get; set; }

        [Parameter]
        public SimulatedDeviceKind[]? Kind { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            if (SimulationHost.Find(gateway.Config.Radio) is not { } host)
            {
                return;
            }

            foreach (SimulatedDevice d in host.Devices.Where(d => d.Spec.Network == gateway.Name))
            {
                if ((Ieee is null || Ieee.Contains(d.Ieee)) && (Kind is null || Kind.Contains(d.Kind)))
                {
                    WriteObject(ZsepSimulatedDevice.Of(d));
                }
            }
        }
    }

    /// <summary>Set-ZsepSimulatedDevice: moves a simulated device or takes it offline (a router vanishing) and back.</summary>
    [Cmdlet(VerbsCommon.Set, "ZsepSimulatedDevice", SupportsShouldProcess = true)]
    [OutputType(typeof(ZsepSimulatedDevice))]
    public sealed class SetZsepSimulatedDeviceCommand : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64 Ieee { get; set; }

        [Parameter]
        [ValidateCount(2, 3)]
        public double[]? Position { get; set; }

        [Parameter]
        public bool? Offline { get; set; }

        /// <summary>A load control device's user opts out of load control events (it reports UserOptedOut), or back in.</summary>
        [Parameter]
        public bool? OptOut { get; set; }

        /// <summary>Entries the device's binding table holds (a Bind_req beyond it is answered TABLE_FULL).</summary>
        [Parameter]
        [ValidateRange(0, 255)]
        public int? BindingTableSize { get; set; }

        /// <summary>Entries the device's neighbor table holds (a full table takes no new router neighbours).</summary>
        [Parameter]
        [ValidateRange(1, 255)]
        public int? NeighborTableSize { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            SimulatedDevice? device = SimulationHost.Find(gateway.Config.Radio)?.FindDevice(Ieee);
            if (device is null)
            {
                WriteError(new ErrorRecord(new ArgumentException($"No simulated device {Ieee} on {gateway.Name}."), "SimulatedDeviceNotFound", ErrorCategory.ObjectNotFound, Ieee));
                return;
            }

            if (!ShouldProcess($"{device.Kind} {Ieee}", "Change the simulated device"))
            {
                return;
            }

            if (Position is not null)
            {
                device.Position = new Position(Position[0], Position[1], Position.Length > 2 ? Position[2] : 0);
            }

            if (Offline is { } offline)
            {
                device.Offline = offline;
            }

            if (OptOut is { } optOut)
            {
                if (device.Application.LoadControl is not { } loadControl)
                {
                    WriteError(new ErrorRecord(new ArgumentException($"{device.Kind} {Ieee} is not a load control device; only those opt out."), "NotALoadControlDevice", ErrorCategory.InvalidArgument, Ieee));
                    return;
                }

                loadControl.OptOut = optOut;
            }

            if (BindingTableSize is { } bindings)
            {
                device.Node.BindingTableSize = bindings;
            }

            if (NeighborTableSize is { } neighbors)
            {
                device.Node.NeighborTableSize = neighbors;
            }

            SimulatedDevices.Save(gateway, device);
            if (PassThru)
            {
                WriteObject(ZsepSimulatedDevice.Of(device));
            }
        }
    }

    /// <summary>Remove-ZsepSimulatedDevice: takes a simulated device off the medium and out of the store.</summary>
    [Cmdlet(VerbsCommon.Remove, "ZsepSimulatedDevice", SupportsShouldProcess = true)]
    public sealed class RemoveZsepSimulatedDeviceCommand : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64 Ieee { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            if (!ShouldProcess($"{Ieee} on {gateway.Name}", "Remove the simulated device"))
            {
                return;
            }

            bool removed = SimulationHost.Find(gateway.Config.Radio)?.RemoveDevice(Ieee) ?? false;
            removed |= gateway.Store.RemoveSimulatedDevice(Ieee);
            if (!removed)
            {
                WriteError(new ErrorRecord(new ArgumentException($"No simulated device {Ieee} on {gateway.Name}."), "SimulatedDeviceNotFound", ErrorCategory.ObjectNotFound, Ieee));
            }
        }
    }
}
