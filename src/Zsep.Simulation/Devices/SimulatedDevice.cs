using System;
using Zsep.Simulation.Medium;
using Zsep.Stack.Node;
using Zsep.Stack.Security;
using Zsep.Stack.State;
using Zsep.Stack.Types;

namespace Zsep.Simulation.Devices
{
    /// <summary>What a simulated device is: its kind, identity, label and place.</summary>
    public sealed record SimulatedDeviceSpec
    {
        public SimulatedDeviceKind Kind { get; init; }

        public Eui64 Ieee { get; init; }

        /// <summary>The code on its label; its link key is what the device was manufactured with. Null: no code (ZigBeeAlliance09).</summary>
        public InstallCode? InstallCode { get; init; }

        public Position Position { get; init; }

        /// <summary>
        /// The network it was commissioned for: its channel and extended PAN ID. Channel 0 and extended PAN ID 0: any
        /// network that lets it in, on any channel (a device fresh from the factory).
        /// </summary>
        public byte Channel { get; init; }

        public Eui64 ExtendedPanId { get; init; }

        /// <summary>The network (gateway) name, for display.</summary>
        public string Network { get; init; } = "";

        /// <summary>A meter's daily load curve; null: the household curve scaled by a factor drawn from the IEEE address.</summary>
        public LoadProfile? LoadProfile { get; init; }

        /// <summary>The device's CBKE certificate and private key (null: no key establishment; SE 1.4 C.4.2).</summary>
        public Zsep.Stack.KeyEstablishment.KeyEstablishmentCredential? Certificate { get; init; }

        /// <summary>The CA roots the device trusts for the gateway's certificate.</summary>
        public System.Collections.Generic.IReadOnlyList<Zsep.Stack.Security.Cbke.CertificateAuthority>? TrustedRoots { get; init; }

        /// <summary>For tests: how the device gets key establishment wrong.</summary>
        public KeyEstablishmentMisbehavior KeyEstablishmentMisbehavior { get; init; }
    }

    /// <summary>
    /// A simulated Smart Energy device: a radio on the medium running the same stack as the gateway, in router
    /// role (mains-powered meters, load control devices, range extenders) or as an end device polling its parent
    /// (in-home displays). It keeps trying to join its network, with jitter, as real devices do.
    /// </summary>
    public sealed partial class SimulatedDevice : IDisposable
    {
        /// <summary>Time between join attempts after a failed one (plus up to the same again of jitter).</summary>
        public static readonly TimeSpan JoinRetryInterval = TimeSpan.FromSeconds(8);

        private readonly SimulationHost _host;
        private bool _disposed;

        internal SimulatedDevice(SimulationHost host, SimulatedDeviceSpec spec)
        {
            _host = host;
            Spec = spec;
            Radio = host.Medium.CreateRadio(spec.Kind + " " + spec.Ieee, spec.Ieee, spec.Position);
            Node = new ZigbeeNode(Radio, host.Scheduler, new ZigbeeNodeOptions
            {
                Role = RoleOf(spec.Kind),
                Channel = spec.Channel == 0 ? (byte)11 : spec.Channel,
                // Channel 0: not commissioned for a channel - the device scans 11 to 26 for an open network.
                ScanChannelMask = spec.Channel == 0 ? 0x07FFF800u : 0u,
                ExtendedPanId = spec.ExtendedPanId,
                LinkKey = spec.InstallCode?.DeriveLinkKey(),
                NextOutgoingFrameCounter = NextFrameCounter,
            });
            Node.StateChanged += OnStateChanged;
            // A per-device spread (0.5 to 1.5 times the household curve, 1,000 to 50,000 kWh on the register) from the IEEE address.
            double spread = (spec.Ieee.Value % 1000) / 1000.0;
            Application = new SeDeviceApplication(Node, host.Scheduler, spec.Kind, spec.LoadProfile ?? LoadProfile.Household.Scale(0.5 + spread), 1000 + (49000 * spread));
            if (spec.Certificate is not null)
            {
                KeyEstablishment = new SimulatedKeyEstablishment(Node, Application, host.Scheduler, spec.Certificate,
                    spec.TrustedRoots ?? Array.Empty<Zsep.Stack.Security.Cbke.CertificateAuthority>(), spec.KeyEstablishmentMisbehavior);
            }

            ScheduleJoin(TimeSpan.FromMilliseconds(host.Scheduler.Random.Next(50, 2000)));
        }

        /// <summary>The device's key establishment (when it has a certificate).</summary>
        public SimulatedKeyEstablishment? KeyEstablishment { get; }

        public SimulatedDeviceSpec Spec { get; private set; }

        public SimulatedDeviceKind Kind => Spec.Kind;

        public Eui64 Ieee => Spec.Ieee;

        public SimulatedRadio Radio { get; }

        public ZigbeeNode Node { get; }

        /// <summary>The device's Smart Energy application (endpoint 1; Metering on meters).</summary>
        public SeDeviceApplication Application { get; }

        public string Medium => "sim://" + _host.Name;

        public Position Position
        {
            get => Radio.Position;
            set => Radio.Position = value;
        }

        /// <summary>An offline device neither sends nor receives (a router that vanished, a meter without power).</summary>
        public bool Offline
        {
            get => Radio.Offline;
            set => Radio.Offline = value;
        }

        public int JoinAttempts { get; private set; }

        public static NodeRole RoleOf(SimulatedDeviceKind kind) =>
            kind == SimulatedDeviceKind.InHomeDisplay ? NodeRole.EndDevice : NodeRole.Router;

        private void OnStateChanged(object? sender, NodeState state)
        {
            if (!_disposed && (state == NodeState.Idle || state == NodeState.Left))
            {
                ScheduleJoin(JoinRetryInterval + TimeSpan.FromMilliseconds(_host.Scheduler.Random.Next(0, (int)JoinRetryInterval.TotalMilliseconds)));
            }
        }

        private void ScheduleJoin(TimeSpan delay) =>
            _host.Scheduler.Schedule(delay, () =>
            {
                if (_disposed || (Node.State != NodeState.Idle && Node.State != NodeState.Left))
                {
                    return;
                }

                if (Radio.Offline)
                {
                    ScheduleJoin(JoinRetryInterval);
                    return;
                }

                JoinAttempts++;
                Node.Join();
            });

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            KeyEstablishment?.Dispose();
            DetachStore();
            Application.Dispose();
            Node.Dispose();
            Radio.Dispose();
        }

        public override string ToString() => $"{Kind} {Ieee} at {Position}";
    }
}

namespace Zsep.Simulation.Devices
{
    /// <summary>A simulated device as the cmdlets show it. InstallCode is the label text (what a person would type), not a key.</summary>
    public sealed record ZsepSimulatedDevice
    {
        public string Network { get; init; } = "";

        public SimulatedDeviceKind Kind { get; init; }

        public Eui64 Ieee { get; init; }

        /// <summary>The code printed on the device's label (with CRC), or null for a device without one.</summary>
        public string? InstallCode { get; init; }

        public Position Position { get; init; }

        public bool Offline { get; init; }

        public NodeState State { get; init; }

        public NwkAddress? NwkAddress { get; init; }

        public NodeRole Role { get; init; }

        public string Medium { get; init; } = "";

        public static ZsepSimulatedDevice Of(SimulatedDevice d) => new ZsepSimulatedDevice
        {
            Network = d.Spec.Network,
            Kind = d.Kind,
            Ieee = d.Ieee,
            InstallCode = d.Spec.InstallCode is { } c ? Stack.Types.Hex.Format(c.ToArrayWithCrc()) : null,
            Position = d.Position,
            Offline = d.Offline,
            State = d.Node.State,
            NwkAddress = d.Node.State == NodeState.Joined ? d.Node.NwkAddress : null,
            Role = SimulatedDevice.RoleOf(d.Kind),
            Medium = d.Medium,
        };

        public override string ToString() => $"{Kind} {Ieee}";
    }
}
