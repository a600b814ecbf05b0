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
    /// Issue 3 benchmark: N devices (routers, every 12th an rx-off end device) on a grid over the realistic simulated
    /// medium join a coordinator + Trust Center by install code, in virtual time (at most 30 virtual minutes). One
    /// cold run per size (Monitoring): the figure is the wall time of a whole join. Joined counts are printed.
    /// dotnet run -c Release --project tests/ZsepAdmin.Benchmarks -- --filter *JoinBenchmarks*
    /// </summary>
    [MemoryDiagnoser]
    [SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
    public class JoinBenchmarks
    {
        [Params(200, 1000)]
        public int Devices { get; set; }

        [Benchmark]
        public int JoinGrid()
        {
            var scheduler = new VirtualScheduler(3);
            var medium = new SimulatedMedium(scheduler, new MediumOptions { Name = "bench" });
            MediumOptions o = medium.Options;
            // Half the reach (RSSI = sensitivity) plus 2 %: 8-neighbours in range, two cells apart out of it (85.1 m).
            double spacing = 0.51 * o.ReferenceDistanceMetres * Math.Pow(10, (-o.SensitivityDbm - o.ReferenceLossDb) / (10 * o.PathLossExponent));
            int columns = (int)Math.Ceiling(Math.Sqrt(Devices + 1));
            var policy = new Policy();
            var coordinator = new ZigbeeNode(medium.CreateRadio("c", new Eui64(0x00124B0000000001UL), new Position(0, 0)), scheduler, new ZigbeeNodeOptions
            {
                Role = NodeRole.Coordinator,
                Channel = 15,
                ExtendedPanId = new Eui64(0x00124B0001ABCDEF),
                NetworkKey = ZigbeeKey.Parse("01030507090B0D0F00020406080A0C0D"),
                TrustCenter = policy,
            });
            int joined = 0;
            coordinator.DeviceJoined += (_, _) => joined++;
            var nodes = new List<ZigbeeNode>();
            for (int i = 1; i <= Devices; i++)
            {
                var ieee = new Eui64(0x00124B0020000000UL + (ulong)i);
                var bytes = new byte[16];
                for (int b = 0; b < 16; b++)
                {
                    bytes[b] = (byte)((i * 31) + (b * 7) + (i >> 8) + 1);
                }

                ZigbeeKey key = InstallCode.FromBytes(bytes).DeriveLinkKey();
                policy.Keys[ieee] = key;
                nodes.Add(new ZigbeeNode(medium.CreateRadio("d" + i, ieee, new Position(i % columns * spacing, i / columns * spacing)), scheduler, new ZigbeeNodeOptions
                {
                    Role = i % 12 == 0 ? NodeRole.EndDevice : NodeRole.Router,
                    Channel = 15,
                    ExtendedPanId = new Eui64(0x00124B0001ABCDEF),
                    LinkKey = key,
                    JoinRetryInterval = TimeSpan.FromSeconds(5),
                    JoinRetryJitter = TimeSpan.FromSeconds(10),
                }));
            }

            coordinator.Form();
            coordinator.PermitJoin(254);
            foreach (ZigbeeNode n in nodes)
            {
                scheduler.Schedule(TimeSpan.FromMilliseconds(scheduler.Random.Next(0, 1000)), n.Join);
            }

            DateTimeOffset start = scheduler.Now;
            int permitted = 0;
            while (joined < Devices && scheduler.Now - start < TimeSpan.FromMinutes(30))
            {
                scheduler.RunUntil(() => joined >= Devices, TimeSpan.FromSeconds(20));
                if (joined != permitted)
                {
                    permitted = joined;
                    coordinator.PermitJoin(254);
                }
            }

            Console.WriteLine($"// {Devices} devices: joined {joined}, virtual {(scheduler.Now - start).TotalSeconds:0} s, events {scheduler.EventsRun}");
            return joined;
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
