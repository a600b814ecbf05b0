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

        /// <summary>Fewest hops from the coordinator over links between 8-neighbours, relaying only through routers (Chebyshev distance around end devices).</summary>
        public int GridHops { get; set; }

        /// <summary>
        /// Hops of the cheapest path to the coordinator by the spec's path cost (05-3474 3.6.3.1: each link costs
        /// min(7, round(1/p^4)), p its delivery probability in the medium, the worse direction; ties to fewer hops),
        /// relaying only through routers: the route many-to-one route requests should settle on. With the default
        /// grid an orthogonal link (97.6 %) costs 1 and a diagonal one (74 %) 3, so this is the Manhattan distance
        /// around end devices rather than <see cref="GridHops"/>.
        /// </summary>
        public int ExpectedHops { get; set; }

        /// <summary>
        /// Hops of the route its last report took when it was sent (<see cref="MeshHarness.RouteInUseHops"/> then):
        /// the route really used, which the coordinator should report.
        /// </summary>
        public int? ReportedRouteHops { get; set; }

        public override string ToString() => $"({X},{Y}) {Node}";
    }

    /// <summary>
    /// A coordinator + Trust Center at grid cell (0,0) (or the middle one) of a <see cref="SimulatedMedium"/> with its default radio model,
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

        /// <param name="spacing">Metres between cells instead of <see cref="GridSpacing"/> (a denser grid: more neighbours).</param>
        /// <param name="centred">
        /// Coordinator in the middle cell of the occupied rows instead of (0,0): a gateway placed in the middle of the
        /// meters it serves, so the depth of a grid of n devices is about sqrt(n)/2 instead of sqrt(n).
        /// </param>
        public MeshHarness(int seed, int deviceCount, int endDeviceEvery = 12, MediumOptions? mediumOptions = null,
            Func<ZigbeeNodeOptions, ZigbeeNodeOptions>? tune = null, bool centred = false, double? spacing = null)
        {
            Scheduler = new VirtualScheduler(seed);
            Medium = new SimulatedMedium(Scheduler, mediumOptions ?? new MediumOptions { Name = "mesh" });
            Spacing = spacing ?? GridSpacing(Medium.Options);
            Columns = (int)Math.Ceiling(Math.Sqrt(deviceCount + 1));
            int rows = (deviceCount + Columns) / Columns;
            CoordinatorCell = centred ? (Columns / 2, (rows - 1) / 2) : (0, 0);
            tune ??= o => o;

            SimulatedRadio coordinatorRadio = CoordinatorRadio = Medium.CreateRadio("coordinator", new Eui64(CoordinatorIeee),
                new Position(CoordinatorCell.X * Spacing, CoordinatorCell.Y * Spacing));
            Coordinator = new ZigbeeNode(coordinatorRadio, Scheduler, tune(new ZigbeeNodeOptions
            {
                Role = NodeRole.Coordinator,
                Channel = 15,
                PanId = new PanId(0x1A2B),
                ExtendedPanId = Epid,
                NetworkKey = NetworkKey,
                TrustCenter = TrustCenter,
            }));
            Coordinator.DeviceJoined += (_, e) =>
            {
                JoinOrder.Add(e);
                _announced.Add(e.Ieee);
            };
            Coordinator.FrameDropped += (_, e) => CountDrop("coordinator:" + e.Reason);
            Coordinator.AuthenticationFailed += (_, e) => Refused.Add(e);

            int coordinatorIndex = (CoordinatorCell.Y * Columns) + CoordinatorCell.X;
            for (int i = 1; i <= deviceCount; i++)
            {
                // Cells in row order, the coordinator's skipped: device i takes cell i - 1 before it, i after.
                int cell = i <= coordinatorIndex ? i - 1 : i;
                int x = cell % Columns, y = cell / Columns;
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

        /// <summary>The coordinator's grid cell.</summary>
        public (int X, int Y) CoordinatorCell { get; }

        public ZigbeeNode Coordinator { get; }

        public SimulatedRadio CoordinatorRadio { get; }

        public InMemoryTrustCenter TrustCenter { get; } = new InMemoryTrustCenter();

        public List<MeshDevice> Devices { get; } = new List<MeshDevice>();

        /// <summary>Devices in the order the Trust Center saw their Device_annce.</summary>
        public List<DeviceJoinedEventArgs> JoinOrder { get; } = new List<DeviceJoinedEventArgs>();

        public List<AuthenticationFailedEventArgs> Refused { get; } = new List<AuthenticationFailedEventArgs>();

        /// <summary>Frames dropped by reason (devices; the coordinator's prefixed "coordinator:").</summary>
        public SortedDictionary<string, int> Drops { get; } = new SortedDictionary<string, int>(StringComparer.Ordinal);

        private readonly HashSet<Eui64> _announced = new HashSet<Eui64>();

        private void CountDrop(string reason) => Drops[reason] = Drops.TryGetValue(reason, out int n) ? n + 1 : 1;

        /// <summary>How many times joining was opened (Mgmt_Permit_Joining broadcasts).</summary>
        public int PermitJoinBroadcasts { get; private set; }

        /// <summary>
        /// Every device joined and authenticated. Checked after every event of the loop, so the full walk runs only
        /// once the Trust Center has announced as many devices as there are.
        /// </summary>
        public bool AllJoined => _announced.Count >= Devices.Count && Devices.All(d => d.Node.State == NodeState.Joined) &&
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
        /// Like the gateway (Gateway.RefreshPermitJoin): a router that joins does not know joining is open, since
        /// Mgmt_Permit_Joining reached only the routers there at the time, so after a router joins the coordinator
        /// broadcasts it again with the time left, at most once per <see cref="PermitJoinRefreshDelay"/>. When the
        /// window runs out with devices missing, joining is opened again (as a user would run Enable-ZsepJoin again).
        /// </summary>
        public bool JoinAll(TimeSpan limit)
        {
            DateTimeOffset permitUntil = Scheduler.Now + TimeSpan.FromSeconds(254);
            bool refreshPending = false;
            Coordinator.PermitJoin(254);
            PermitJoinBroadcasts++;
            Coordinator.DeviceJoined += (_, e) =>
            {
                if (e.DeviceType != NodeDeviceType.Router || refreshPending)
                {
                    return;
                }

                refreshPending = true;
                Scheduler.Schedule(PermitJoinRefreshDelay, () =>
                {
                    refreshPending = false;
                    double left = Math.Ceiling((permitUntil - Scheduler.Now).TotalSeconds);
                    if (left >= 1 && !AllJoined)
                    {
                        Coordinator.PermitJoin((byte)Math.Min(254, left));
                        PermitJoinBroadcasts++;
                    }
                });
            };

            foreach (MeshDevice d in Devices)
            {
                Scheduler.Schedule(TimeSpan.FromMilliseconds(Scheduler.Random.Next(0, 1000)), d.Node.Join);
            }

            DateTimeOffset end = Scheduler.Now + limit;
            while (Scheduler.Now < end)
            {
                DateTimeOffset until = permitUntil < end ? permitUntil : end;
                if (Scheduler.RunUntil(() => AllJoined, until - Scheduler.Now))
                {
                    JoinTime = Scheduler.Now - VirtualScheduler.DefaultEpoch;
                    return true;
                }

                if (Scheduler.Now >= permitUntil && Scheduler.Now < end)
                {
                    permitUntil = Scheduler.Now + TimeSpan.FromSeconds(254);
                    Coordinator.PermitJoin(254);
                    PermitJoinBroadcasts++;
                }
            }

            return AllJoined;
        }

        /// <summary>
        /// After the join: the coordinator sends a many-to-one route request, and once it has spread every joined device
        /// sends one APS frame to the coordinator (as a meter reports a reading), spread over <paramref name="spread"/>;
        /// each router sends a route record before its first data frame to the concentrator (05-3474 3.6.3.5.1), so
        /// the coordinator's source routes, and the hop counts, follow the many-to-one routes (lowest path cost)
        /// rather than the join tree. Returns how many reports were acknowledged.
        /// </summary>
        public int ReportOnce(TimeSpan spread)
        {
            Coordinator.SendManyToOneRouteRequest();
            Scheduler.RunFor(TimeSpan.FromSeconds(3));
            int acked = 0;
            foreach (MeshDevice d in Devices)
            {
                ZigbeeNode node = d.Node;
                Scheduler.Schedule(TimeSpan.FromTicks((long)(Scheduler.Random.NextDouble() * spread.Ticks)), () =>
                {
                    d.ReportedRouteHops = RouteInUseHops(d);
                    node.SendData(new Zsep.Stack.Types.NwkAddress(0x0000), 1, 0x0702, 0x0109, 1, new byte[] { 0x18, 0x01, 0x0A },
                        status => acked += status == ApsDeliveryStatus.Success ? 1 : 0);
                });
            }

            Scheduler.RunFor(spread + TimeSpan.FromSeconds(15));
            return acked;
        }

        /// <summary>The gateway's delay before it repeats Mgmt_Permit_Joining after a router joined (3 s).</summary>
        public TimeSpan PermitJoinRefreshDelay { get; set; } = TimeSpan.FromSeconds(3);

        /// <summary>Virtual time from the start of the run until every device had joined (null until then).</summary>
        public TimeSpan? JoinTime { get; private set; }

        /// <summary>Every device's hop count as the coordinator sees it (source route or join tree).</summary>
        public Dictionary<MeshDevice, int?> HopCounts() => Devices.ToDictionary(d => d, d => Coordinator.GetHopCount(d.Node.NwkAddress));

        /// <summary>
        /// Hops of the route a device's frames to the coordinator take now, walked through the stacks' own tables: an
        /// end device goes to its parent; a router to the next hop of its many-to-one route, else its parent (the
        /// join tree, before the first request). Null when the walk loops or breaks.
        /// </summary>
        public int? RouteInUseHops(MeshDevice device)
        {
            var byAddress = Devices.Where(d => d.Node.State == NodeState.Joined).GroupBy(d => d.Node.NwkAddress.Value).ToDictionary(g => g.Key, g => g.First());
            ZigbeeNode node = device.Node;
            for (int hops = 1; hops <= 40; hops++)
            {
                RouteInfo? route = node.Role == NodeRole.EndDevice ? null : node.Routes.FirstOrDefault(r => r.Destination.Value == 0 && r.ManyToOne);
                ushort next = route?.NextHop.Value ?? node.ParentAddress.Value;
                if (next == 0x0000)
                {
                    return hops;
                }

                if (!byAddress.TryGetValue(next, out MeshDevice? relay))
                {
                    return null;
                }

                node = relay.Node;
            }

            return null;
        }

        /// <summary>
        /// The cheapest-path hop count (<see cref="MeshDevice.ExpectedHops"/>) the device can have once joined: a
        /// router's own; an end device's is its parent's plus one, since its frames go by the parent it associated
        /// with, whichever router neighbour is cheapest.
        /// </summary>
        public int ExpectedHopsOf(MeshDevice device)
        {
            if (device.Node.Role != NodeRole.EndDevice)
            {
                return device.ExpectedHops;
            }

            ushort parent = device.Node.ParentAddress.Value;
            MeshDevice? p = parent == 0 ? null : Devices.FirstOrDefault(d => d.Node.NwkAddress.Value == parent && d.Node.Role != NodeRole.EndDevice);
            return parent == 0 ? 1 : p is null ? device.ExpectedHops : p.ExpectedHops + 1;
        }

        /// <summary>Spec link cost (05-3474 3.6.3.1) of the worse direction between two radios; 0 when out of reach.</summary>
        private int SpecLinkCost(SimulatedRadio a, SimulatedRadio b)
        {
            double p = Math.Min(Medium.Link(a, b).SuccessProbability, Medium.Link(b, a).SuccessProbability);
            return p <= 0 ? 0 : (int)Math.Min(7, Math.Round(1 / Math.Pow(p, 4)));
        }

        private void ComputeExpectedHops()
        {
            // Dijkstra from the coordinator by (path cost, hops), relaying only through routers.
            var cells = Devices.ToDictionary(d => (d.X, d.Y));
            var radios = Devices.ToDictionary(d => (d.X, d.Y), d => d.Radio);
            radios[CoordinatorCell] = CoordinatorRadio;
            var best = new Dictionary<(int, int), (int Cost, int Hops)> { [CoordinatorCell] = (0, 0) };
            var done = new HashSet<(int, int)>();
            while (true)
            {
                var open = best.Where(p => !done.Contains(p.Key)).OrderBy(p => p.Value.Cost).ThenBy(p => p.Value.Hops).ToList();
                if (open.Count == 0)
                {
                    break;
                }

                var (cell, (cost, hops)) = (open[0].Key, open[0].Value);
                done.Add(cell);
                if (cell != CoordinatorCell && cells[cell].Node.Role == NodeRole.EndDevice)
                {
                    continue;
                }

                for (int dx = -2; dx <= 2; dx++)
                {
                    for (int dy = -2; dy <= 2; dy++)
                    {
                        var next = (cell.Item1 + dx, cell.Item2 + dy);
                        if (!radios.ContainsKey(next) || done.Contains(next))
                        {
                            continue;
                        }

                        int link = SpecLinkCost(radios[cell], radios[next]);
                        if (link == 0)
                        {
                            continue;
                        }

                        var candidate = (cost + link, hops + 1);
                        if (!best.TryGetValue(next, out var known) || candidate.Item1 < known.Cost || (candidate.Item1 == known.Cost && candidate.Item2 < known.Hops))
                        {
                            best[next] = candidate;
                        }
                    }
                }
            }

            foreach (MeshDevice d in Devices)
            {
                d.ExpectedHops = best[(d.X, d.Y)].Hops;
            }

            ComputeGridHops();
        }

        private void ComputeGridHops()
        {
            var byCell = Devices.ToDictionary(d => (d.X, d.Y));
            var hops = new Dictionary<(int, int), int> { [CoordinatorCell] = 0 };
            var queue = new Queue<(int X, int Y)>();
            queue.Enqueue(CoordinatorCell);
            while (queue.Count > 0)
            {
                var cell = queue.Dequeue();
                bool relays = cell == CoordinatorCell || byCell[cell].Node.Role != NodeRole.EndDevice;
                if (!relays)
                {
                    continue;
                }

                for (int dx = -1; dx <= 1; dx++)
                {
                    for (int dy = -1; dy <= 1; dy++)
                    {
                        var next = (cell.X + dx, cell.Y + dy);
                        if ((byCell.ContainsKey(next) || next == CoordinatorCell) && !hops.ContainsKey(next))
                        {
                            hops[next] = hops[cell] + 1;
                            queue.Enqueue(next);
                        }
                    }
                }
            }

            foreach (MeshDevice d in Devices)
            {
                d.GridHops = hops[(d.X, d.Y)];
            }
        }
    }
}
