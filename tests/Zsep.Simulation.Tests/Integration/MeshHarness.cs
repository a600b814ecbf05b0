using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Simulation.Medium;
using Zsep.Stack.Node;
using Zsep.Stack.Runtime;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace Zsep.Simulation.Tests.Integration
{
    /// <summary>An in-memory Trust Center policy: install-code link keys by IEEE address.</summary>
    internal sealed class InMemoryTrustCenter : ITrustCenterPolicy
    {
        public Dictionary<Eui64, ZigbeeKey> Keys { get; } = new Dictionary<Eui64, ZigbeeKey>();

        public bool RequireInstallCode { get; set; } = true;

        public bool AllowJoinThroughRouter { get; set; } = true;

        public ZigbeeKey? LookupLinkKey(Eui64 device) => Keys.TryGetValue(device, out ZigbeeKey? key) ? key : null;
    }

    /// <summary>One device of the grid: its stack, its radio, its grid cell and the hop count the geometry implies.</summary>
    internal sealed class MeshDevice
    {
        public MeshDevice(ZigbeeNode node, SimulatedRadio radio, int x, int y)
        {
            Node = node;
            Radio = radio;
            X = x;
            Y = y;
        }

        public ZigbeeNode Node { get; }

        public SimulatedRadio Radio { get; }

        public int X { get; }

        public int Y { get; }

        /// <summary>Fewest hops from the coordinator over links between 8-neighbours, relaying only through routers.</summary>
        public int ExpectedHops { get; set; }

        public override string ToString() => $"({X},{Y}) {Node}";
    }

    /// <summary>
    /// A coordinator + Trust Center at grid cell (0,0) of a <see cref="SimulatedMedium"/> with its default radio model,
    /// and devices on the other cells, row by row. The spacing comes from the medium's propagation defaults (see
    /// <see cref="GridSpacing"/>): each device reaches its 8 neighbours (orthogonal ones reliably) and nothing
    /// farther, so the fewest hops to a cell is its Chebyshev distance from the coordinator unless end devices (which
    /// do not relay) are in the way.
    /// </summary>
    internal sealed class MeshHarness
    {
        public static readonly ZigbeeKey NetworkKey = ZigbeeKey.Parse("01030507090B0D0F00020406080A0C0D");
        public static readonly Eui64 Epid = new Eui64(0x00124B0001ABCDEF);
        public const ulong CoordinatorIeee = 0x00124B0000000001UL;
        public const ulong DeviceIeeeBase = 0x00124B0020000000UL;

        /// <summary>
        /// Grid spacing in metres from the medium's model: a frame is heard out to the distance where RSSI falls to
        /// sensitivity, d = d0 · 10^((Ptx - S - PL(d0)) / (10 n)) (defaults: 10^(60/27) = 166.8 m). Spacing 51 % of it
        /// (85.1 m by default) puts two cells apart (170.1 m) out of reach, and leaves orthogonal neighbours a
        /// 7.9 dB margin (97.6 % of frames arrive, before MAC retries) and diagonal ones 3.9 dB (74 %).
        /// </summary>
        public static double GridSpacing(MediumOptions options, double txPowerDbm = 0)
        {
            double reach = options.ReferenceDistanceMetres *
                Math.Pow(10, (txPowerDbm - options.SensitivityDbm - options.ReferenceLossDb) / (10 * options.PathLossExponent));
            return reach * 0.51;
        }

        public MeshHarness(int seed, int deviceCount, int endDeviceEvery = 12, MediumOptions? mediumOptions = null,
            Func<ZigbeeNodeOptions, ZigbeeNodeOptions>? tune = null)
        {
            Scheduler = new VirtualScheduler(seed);
            Medium = new SimulatedMedium(Scheduler, mediumOptions ?? new MediumOptions { Name = "mesh" });
            Spacing = GridSpacing(Medium.Options);
            Columns = (int)Math.Ceiling(Math.Sqrt(deviceCount + 1));
            tune ??= o => o;

            SimulatedRadio coordinatorRadio = Medium.CreateRadio("coordinator", new Eui64(CoordinatorIeee), new Position(0, 0));
            Coordinator = new ZigbeeNode(coordinatorRadio, Scheduler, tune(new ZigbeeNodeOptions
            {
                Role = NodeRole.Coordinator,
                Channel = 15,
                PanId = new PanId(0x1A2B),
                ExtendedPanId = Epid,
                NetworkKey = NetworkKey,
                TrustCenter = TrustCenter,
            }));
            Coordinator.DeviceJoined += (_, e) => JoinOrder.Add(e);
            Coordinator.FrameDropped += (_, e) => CountDrop("coordinator:" + e.Reason);
            Coordinator.AuthenticationFailed += (_, e) => Refused.Add(e);

            for (int i = 1; i <= deviceCount; i++)
            {
                int x = i % Columns, y = i / Columns;
                var ieee = new Eui64(DeviceIeeeBase + (ulong)i);
                NodeRole role = endDeviceEvery > 0 && i % endDeviceEvery == 0 ? NodeRole.EndDevice : NodeRole.Router;
                InstallCode code = Code(i);
                TrustCenter.Keys[ieee] = code.DeriveLinkKey();
                SimulatedRadio radio = Medium.CreateRadio($"d{i}", ieee, new Position(x * Spacing, y * Spacing));
                var node = new ZigbeeNode(radio, Scheduler, tune(new ZigbeeNodeOptions
                {
                    Role = role,
                    Channel = 15,
                    ExtendedPanId = Epid,
                    LinkKey = code.DeriveLinkKey(),
                    JoinRetryInterval = TimeSpan.FromSeconds(5),
                    JoinRetryJitter = TimeSpan.FromSeconds(10),
                }));
                node.FrameDropped += (_, e) => CountDrop(e.Reason);
                Devices.Add(new MeshDevice(node, radio, x, y));
            }

            ComputeExpectedHops();
            Coordinator.Form();
        }

        public VirtualScheduler Scheduler { get; }

        public SimulatedMedium Medium { get; }

        public double Spacing { get; }

        public int Columns { get; }

        public ZigbeeNode Coordinator { get; }

        public InMemoryTrustCenter TrustCenter { get; } = new InMemoryTrustCenter();

        public List<MeshDevice> Devices { get; } = new List<MeshDevice>();

        /// <summary>Devices in the order the Trust Center saw their Device_annce.</summary>
        public List<DeviceJoinedEventArgs> JoinOrder { get; } = new List<DeviceJoinedEventArgs>();

        public List<AuthenticationFailedEventArgs> Refused { get; } = new List<AuthenticationFailedEventArgs>();

        /// <summary>Frames dropped by reason (devices; the coordinator's prefixed "coordinator:").</summary>
        public SortedDictionary<string, int> Drops { get; } = new SortedDictionary<string, int>(StringComparer.Ordinal);

        private void CountDrop(string reason) => Drops[reason] = Drops.TryGetValue(reason, out int n) ? n + 1 : 1;

        /// <summary>How many times joining was opened (Mgmt_Permit_Joining broadcasts).</summary>
        public int PermitJoinBroadcasts { get; private set; }

        public bool AllJoined => Devices.All(d => d.Node.State == NodeState.Joined) &&
                                 Coordinator.TrustCenterDevices.Count(t => t.Authenticated) == Devices.Count;

        public static InstallCode Code(int seed)
        {
            var bytes = new byte[16];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((seed * 31) + (i * 7) + (seed >> 8) + 1);
            }

            return InstallCode.FromBytes(bytes);
        }

        /// <summary>
        /// Opens joining (254 s), switches the devices on over the first second, and runs until every device holds the
        /// network key and the Trust Center has its announcement, or <paramref name="limit"/> of virtual time passes.
        /// Joining is re-opened every <paramref name="reopenEvery"/> while devices are missing and new routers joined since: Mgmt_Permit_Joining
        /// reaches only the routers joined at that time, as Enable-ZsepJoin -ExpectCount would do.
        /// </summary>
        public bool JoinAll(TimeSpan limit, TimeSpan? reopenEvery = null)
        {
            TimeSpan reopen = reopenEvery ?? TimeSpan.FromSeconds(20);
            Coordinator.PermitJoin(254);
            PermitJoinBroadcasts++;
            foreach (MeshDevice d in Devices)
            {
                Scheduler.Schedule(TimeSpan.FromMilliseconds(Scheduler.Random.Next(0, 1000)), d.Node.Join);
            }

            DateTimeOffset end = Scheduler.Now + limit;
            int routersAtLastPermit = 0;
            while (Scheduler.Now < end)
            {
                TimeSpan slice = end - Scheduler.Now < reopen ? end - Scheduler.Now : reopen;
                if (Scheduler.RunUntil(() => AllJoined, slice))
                {
                    return true;
                }

                int routers = Devices.Count(d => d.Node.Role == NodeRole.Router && d.Node.State == NodeState.Joined);
                if (routers != routersAtLastPermit)
                {
                    routersAtLastPermit = routers;
                    Coordinator.PermitJoin(254);
                    PermitJoinBroadcasts++;
                }
            }

            return AllJoined;
        }

        /// <summary>Every device's hop count as the coordinator sees it (source route or join tree).</summary>
        public Dictionary<MeshDevice, int?> HopCounts() => Devices.ToDictionary(d => d, d => Coordinator.GetHopCount(d.Node.NwkAddress));

        private void ComputeExpectedHops()
        {
            var byCell = Devices.ToDictionary(d => (d.X, d.Y));
            var hops = new Dictionary<(int, int), int> { [(0, 0)] = 0 };
            var queue = new Queue<(int X, int Y)>();
            queue.Enqueue((0, 0));
            while (queue.Count > 0)
            {
                var cell = queue.Dequeue();
                bool relays = cell == (0, 0) || byCell[cell].Node.Role != NodeRole.EndDevice;
                if (!relays)
                {
                    continue;
                }

                for (int dx = -1; dx <= 1; dx++)
                {
                    for (int dy = -1; dy <= 1; dy++)
                    {
                        var next = (cell.X + dx, cell.Y + dy);
                        if (byCell.ContainsKey(next) && !hops.ContainsKey(next))
                        {
                            hops[next] = hops[cell] + 1;
                            queue.Enqueue(next);
                        }
                    }
                }
            }

            foreach (MeshDevice d in Devices)
            {
                d.ExpectedHops = hops[(d.X, d.Y)];
            }
        }
    }
}
