using System;
using Zsep.Stack.Application;
using Zsep.Stack.Node;
using Zsep.Stack.Runtime;
using Zsep.Stack.State;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Zsep.Stack.Zdo;

namespace Zsep.Simulation.Devices
{
    /// <summary>
    /// The Smart Energy application of a simulated device (SE 1.4, 07-5356-21): endpoint 1 on profile 0x0109 with
    /// Basic (manufacturer "Zsep Simulated", a model per kind) and Identify, and by kind: a meter serves Metering
    /// (D.3) with the reading, formatting and status attributes of an electricity meter, its summation the integral
    /// of its <see cref="LoadProfile"/> in virtual time and its instantaneous demand following the curve; in-home
    /// displays and load control devices carry the SE clients. After joining, the device finds the ESI with
    /// Match_Desc_req to the Trust Center (SE 1.4 5.4.2, service discovery).
    /// </summary>
    public sealed class SeDeviceApplication : IDisposable
    {
        /// <summary>SE 1.4 Table 5-1 device ids.</summary>
        public const ushort MeteringDeviceId = 0x0501;
        public const ushort InHomeDisplayDeviceId = 0x0502;
        public const ushort LoadControlDeviceId = 0x0504;

        /// <summary>Range extender (ZCL general device id 0x0008).</summary>
        public const ushort RangeExtenderDeviceId = 0x0008;

        public const string Manufacturer = "Zsep Simulated";

        /// <summary>Summation and demand scale: Multiplier 1, Divisor 1000, kWh: raw summation is Wh and raw demand W.</summary>
        public const uint Divisor = 1000;

        private static readonly TimeSpan DiscoveryRetry = TimeSpan.FromSeconds(30);
        private readonly IStackScheduler _scheduler;
        private readonly DateTimeOffset _origin;
        private bool _disposed;

        public SeDeviceApplication(ZigbeeNode node, IStackScheduler scheduler, SimulatedDeviceKind kind, LoadProfile? loadProfile = null, double initialKilowattHours = 0)
        {
            Node = node ?? throw new ArgumentNullException(nameof(node));
            _scheduler = scheduler;
            Kind = kind;
            LoadProfile = loadProfile ?? LoadProfile.Household;
            InitialKilowattHours = initialKilowattHours;
            _origin = scheduler.Now;
            Application = new ZclApplication(node, scheduler);
            Endpoint = Application.AddEndpoint(new ZclEndpoint(1, ZigbeeNode.SmartEnergyProfileId, DeviceIdOf(kind)));
            StandardClusters.AddBasic(Endpoint, Manufacturer, ModelOf(kind), kind == SimulatedDeviceKind.InHomeDisplay ? (byte)0x03 : (byte)0x01);
            StandardClusters.AddIdentify(Endpoint, scheduler);
            switch (kind)
            {
                case SimulatedDeviceKind.Meter:
                    AddMetering();
                    Endpoint.AddClient(StandardClusters.Time);
                    InHomeDisplay = new InHomeDisplayClient(Application, Endpoint, scheduler, withMessaging: false);
                    break;
                case SimulatedDeviceKind.InHomeDisplay:
                    Endpoint.AddClient(StandardClusters.Time);
                    InHomeDisplay = new InHomeDisplayClient(Application, Endpoint, scheduler);
                    Endpoint.AddClient(StandardClusters.Metering);
                    break;
                case SimulatedDeviceKind.LoadControlDevice:
                    Endpoint.AddClient(StandardClusters.Time);
                    LoadControl = new LoadControlClient(Application, Endpoint, scheduler);
                    break;
            }

            node.StateChanged += OnStateChanged;
        }

        public ZigbeeNode Node { get; }

        public SimulatedDeviceKind Kind { get; }

        public ZclApplication Application { get; }

        /// <summary>Endpoint 1, profile 0x0109.</summary>
        public ZclEndpoint Endpoint { get; }

        /// <summary>An in-home display's Price and Messaging clients, or a meter's Price client (null on other kinds).</summary>
        public InHomeDisplayClient? InHomeDisplay { get; }

        /// <summary>A load control device's DRLC client (null on other kinds).</summary>
        public LoadControlClient? LoadControl { get; }

        /// <summary>The meter's daily curve (settable: a new curve applies from now on, the summation continuing).</summary>
        public LoadProfile LoadProfile { get; private set; }

        public double InitialKilowattHours { get; }

        /// <summary>The ESI found by Match_Desc (null until found).</summary>
        public NwkAddress? EsiAddress { get; private set; }

        public byte? EsiEndpoint { get; private set; }

        public int DiscoveryAttempts { get; private set; }

        private double _kwhBeforeCurve;
        private DateTimeOffset _curveSince;

        /// <summary>The energy delivered so far in kWh (the summation before scaling).</summary>
        public double KilowattHours => InitialKilowattHours + _kwhBeforeCurve + LoadProfile.EnergyBetween(_curveStart, _scheduler.Now);

        private DateTimeOffset _curveStart => _curveSince == default ? _origin : _curveSince;

        /// <summary>Switches to another load curve; the energy so far is kept.</summary>
        public void SetLoadProfile(LoadProfile profile)
        {
            _kwhBeforeCurve += LoadProfile.EnergyBetween(_curveStart, _scheduler.Now);
            _curveSince = _scheduler.Now;
            LoadProfile = profile ?? throw new ArgumentNullException(nameof(profile));
        }

        public static ushort DeviceIdOf(SimulatedDeviceKind kind) => kind switch
        {
            SimulatedDeviceKind.Meter => MeteringDeviceId,
            SimulatedDeviceKind.InHomeDisplay => InHomeDisplayDeviceId,
            SimulatedDeviceKind.LoadControlDevice => LoadControlDeviceId,
            _ => RangeExtenderDeviceId,
        };

        public static string ModelOf(SimulatedDeviceKind kind) => kind switch
        {
            SimulatedDeviceKind.Meter => "ZS-Meter-E1",
            SimulatedDeviceKind.InHomeDisplay => "ZS-IHD-1",
            SimulatedDeviceKind.LoadControlDevice => "ZS-LCD-1",
            _ => "ZS-Extender-1",
        };

        /// <summary>SE 1.4 D.3.2.2: the attributes an electricity meter has; the rest answer UNSUPPORTED_ATTRIBUTE.</summary>
        private void AddMetering()
        {
            ZclClusterServer m = Endpoint.AddServer(StandardClusters.Metering);
            m.Add("CurrentSummationDelivered", getter: () => ZclValue.Create(ZclDataType.UInt48, (ulong)Math.Floor(KilowattHours * Divisor)));
            m.Add("InstantaneousDemand", getter: () => ZclValue.Create(ZclDataType.Int24, (int)Math.Round(LoadProfile.DemandAt(_scheduler.Now) * Divisor)));
            m.Add("Status", (byte)0x00);
            m.Add("UnitOfMeasure", (byte)MeteringUnitOfMeasure.KilowattHours);
            m.Add("Multiplier", 1u);
            m.Add("Divisor", Divisor);
            // D.3.2.2.4.4: bits 0-2 digits right of the point (3), bits 3-6 digits left (6 for summation, 4 for demand).
            m.Add("SummationFormatting", (byte)0x33);
            m.Add("DemandFormatting", (byte)0x23);
            m.Add("MeteringDeviceType", (byte)0x00); // Electric Metering (D.3.2.2.4.7)
            m.Add("PowerFactor", (sbyte)95);
            m.Add("DefaultUpdatePeriod", (byte)30);
        }

        private void OnStateChanged(object? sender, NodeState state)
        {
            if (state == NodeState.Joined && !_disposed)
            {
                EsiAddress = null;
                EsiEndpoint = null;
                ScheduleDiscovery(TimeSpan.FromSeconds(5 + (_scheduler.Random.NextDouble() * 10)));
            }
        }

        private void ScheduleDiscovery(TimeSpan delay) => _scheduler.Schedule(delay, DiscoverEsi);

        /// <summary>Match_Desc_req to the Trust Center for an SE endpoint with the Time server (the ESI).</summary>
        private void DiscoverEsi()
        {
            if (_disposed || Node.State != NodeState.Joined || EsiAddress is not null)
            {
                return;
            }

            DiscoveryAttempts++;
            var request = new MatchDescRequest
            {
                NwkAddrOfInterest = NwkAddress.Coordinator,
                ProfileId = ZigbeeNode.SmartEnergyProfileId,
                InClusterList = new[] { StandardClusters.Time },
            };
            Node.SendZdoRequest(NwkAddress.Coordinator, request, TimeSpan.FromSeconds(15), reply =>
            {
                if (reply is MatchDescResponse { Status: ZdoStatus.SUCCESS } match && match.MatchList.Count > 0)
                {
                    EsiAddress = match.NwkAddrOfInterest;
                    EsiEndpoint = match.MatchList[0];
                }
                else if (DiscoveryAttempts < 5)
                {
                    ScheduleDiscovery(DiscoveryRetry);
                }
            });
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Node.StateChanged -= OnStateChanged;
            Application.Dispose();
        }
    }
}
