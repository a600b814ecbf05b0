using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Zsep.Simulation.Medium;
using Zsep.Stack.Node;
using Zsep.Stack.Runtime;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace ZsepAdmin.Benchmarks
{
    /// <summary>
    /// Issue 3 benchmark: N devices (routers, every 12th an rx-off end device) on grids over the realistic simulated
    /// medium join by install code, in virtual time, until all joined (joining re-opened for 254 s each time it runs
    /// out, at most 20 virtual minutes). One
    /// cold run per size (Monitoring): the figure is the wall time of a whole join. Joined counts are printed.
    /// dotnet run -c Release --project tests/ZsepAdmin.Benchmarks -- --filter *JoinBenchmarks*
    /// </summary>
    [MemoryDiagnoser]
    [SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
    public class JoinBenchmarks
    {
        [Params(200, 1000)]
        public int Devices { get; set; }

        /// <summary>
        /// Devices split between two networks, as the dual-radio gateway of issue 3 does past a hundred nodes: channel 15
        /// and 25, each a grid with its coordinator in the middle (a single 1,000-device grid needs 16 hops to its corners
        /// from any cell, past nwkMaxDepth 15). Both grids share one medium and one scheduler. Joining is re-opened with the
        /// time left 3 s after a router joins, as the gateway does.
        /// </summary>
        [Benchmark]
        public int JoinGrid()
        {
            var scheduler = new VirtualScheduler(3);
            var medium = new SimulatedMedium(scheduler, new MediumOptions { Name = "bench" });
            MediumOptions o = medium.Options;
            double spacing = 0.51 * o.ReferenceDistanceMetres * Math.Pow(10, (-o.SensitivityDbm - o.ReferenceLossDb) / (10 * o.PathLossExponent));
            int networks = Devices > 200 ? 2 : 1;
            var announced = new HashSet<Eui64>();
            var milestones = new List<string>();
            int joined = 0;
            var all = new List<ZigbeeNode>();
            var coordinators = new List<ZigbeeNode>();
            DateTimeOffset permitUntil = scheduler.Now + TimeSpan.FromSeconds(254);
            for (int net = 0; net < networks; net++)
            {
                int count = Devices / networks;
                int columns = (int)Math.Ceiling(Math.Sqrt(count + 1));
                int rows = (count + columns) / columns;
                int cx = columns / 2, cy = (rows - 1) / 2, coordinatorIndex = (cy * columns) + cx;
                double offsetX = net * (columns + 3) * spacing; // the second grid beside the first, out of its reach
                byte channel = net == 0 ? (byte)15 : (byte)25;
                var epid = new Eui64(0x00124B0001ABCDEFUL + (ulong)net);
                var policy = new Policy();
                var coordinator = new ZigbeeNode(medium.CreateRadio("c" + net, new Eui64(0x00124B0000000001UL + (ulong)net), new Position(offsetX + (cx * spacing), cy * spacing)), scheduler, new ZigbeeNodeOptions
                {
                    Role = NodeRole.Coordinator,
                    Channel = channel,
                    PanId = new PanId((ushort)(0x1A2B + net)),
                    ExtendedPanId = epid,
                    NetworkKey = ZigbeeKey.Parse("01030507090B0D0F00020406080A0C0D"),
                    TrustCenter = policy,
                });
                coordinators.Add(coordinator);
                bool refreshPending = false;
                coordinator.DeviceJoined += (_, e) =>
                {
                    if (announced.Add(e.Ieee))
                    {
                        joined++;
                        if (joined * 10 == Devices * 9 || joined * 100 == Devices * 99)
                        {
                            milestones.Add($"{joined} at {(scheduler.Now - VirtualScheduler.DefaultEpoch).TotalSeconds:0} s");
                        }
                    }

                    if (e.DeviceType != NodeDeviceType.Router || refreshPending)
                    {
                        return;
                    }

                    refreshPending = true;
                    scheduler.Schedule(TimeSpan.FromSeconds(3), () =>
                    {
                        refreshPending = false;
                        double left = Math.Ceiling((permitUntil - scheduler.Now).TotalSeconds);
                        if (left >= 1)
                        {
                            coordinator.PermitJoin((byte)Math.Min(254, left));
                        }
                    });
                };

                for (int i = 1; i <= count; i++)
                {
                    int cell = i <= coordinatorIndex ? i - 1 : i;
                    ulong id = (ulong)((net * 100000) + i);
                    var ieee = new Eui64(0x00124B0020000000UL + id);
                    var bytes = new byte[16];
                    for (int b = 0; b < 16; b++)
                    {
                        bytes[b] = (byte)(((int)id * 31) + (b * 7) + ((int)id >> 8) + 1);
                    }

                    ZigbeeKey key = InstallCode.FromBytes(bytes).DeriveLinkKey();
                    policy.Keys[ieee] = key;
                    all.Add(new ZigbeeNode(medium.CreateRadio("d" + id, ieee, new Position(offsetX + (cell % columns * spacing), cell / columns * spacing)), scheduler, new ZigbeeNodeOptions
                    {
                        Role = i % 12 == 0 ? NodeRole.EndDevice : NodeRole.Router,
                        Channel = channel,
                        ExtendedPanId = epid,
                        LinkKey = key,
                        JoinRetryInterval = TimeSpan.FromSeconds(5),
                        JoinRetryJitter = TimeSpan.FromSeconds(10),
                    }));
                }

                coordinator.Form();
                coordinator.PermitJoin(254);
            }

            foreach (ZigbeeNode n in all)
            {
                scheduler.Schedule(TimeSpan.FromMilliseconds(scheduler.Random.Next(0, 1000)), n.Join);
            }

            DateTimeOffset start = scheduler.Now;
            var process = System.Diagnostics.Process.GetCurrentProcess();
            TimeSpan cpuStart = process.TotalProcessorTime;
            long allocatedStart = GC.GetTotalAllocatedBytes(false);
            var wall = System.Diagnostics.Stopwatch.StartNew();
            // Until every device joined (at most 20 virtual minutes): when a 254 s window runs out, joining is opened
            // again on both networks, as a user would run Enable-ZsepJoin again.
            DateTimeOffset end = start + TimeSpan.FromMinutes(20);
            while (joined < Devices && scheduler.Now < end)
            {
                DateTimeOffset until = permitUntil < end ? permitUntil : end;
                if (!scheduler.RunUntil(() => joined >= Devices, until - scheduler.Now) && scheduler.Now >= permitUntil)
                {
                    permitUntil = scheduler.Now + TimeSpan.FromSeconds(254);
                    foreach (ZigbeeNode c in coordinators)
                    {
                        c.PermitJoin(254);
                    }
                }
            }

            wall.Stop();
            process.Refresh();
            // CPU time and allocation besides wall time: on a shared machine wall time follows the load, CPU time much less.
            Console.WriteLine($"// {Devices} devices in {networks} network(s): joined {joined} (distinct devices announced), virtual {(scheduler.Now - start).TotalSeconds:0} s, " +
                $"({string.Join(", ", milestones)}), wall {wall.Elapsed.TotalSeconds:0.0} s, CPU {(process.TotalProcessorTime - cpuStart).TotalSeconds:0.0} s, " +
                $"allocated {(GC.GetTotalAllocatedBytes(false) - allocatedStart) / 1e9:0.00} GB, events {scheduler.EventsRun}, managed heap {GC.GetTotalMemory(false) / 1048576.0:0} MiB, " +
                $"peak working set {process.PeakWorkingSet64 / 1048576.0:0} MiB, load average {LoadAverage()}");
            return joined;
        }

        /// <summary>The 1-minute load average on Linux (what else ran on the machine), else "n/a".</summary>
        private static string LoadAverage()
        {
            try
            {
                return System.IO.File.Exists("/proc/loadavg") ? System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
            }
            catch (System.IO.IOException)
            {
                return "n/a";
            }
        }

        private sealed class Policy : ITrustCenterPolicy
        {
            public Dictionary<Eui64, ZigbeeKey> Keys { get; } = new Dictionary<Eui64, ZigbeeKey>();

            public bool RequireInstallCode => true;

            public bool AllowJoinThroughRouter => true;

            public ZigbeeKey? LookupLinkKey(Eui64 device) => Keys.TryGetValue(device, out ZigbeeKey? k) ? k : null;
        }
    }
}
