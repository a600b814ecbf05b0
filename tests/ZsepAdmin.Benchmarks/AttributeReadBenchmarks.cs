using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Zsep.Simulation.Devices;
using Zsep.Simulation.Medium;
using Zsep.Stack.Gateway;
using Zsep.Stack.Node;
using Zsep.Stack.Security;
using Zsep.Stack.State;
using Zsep.Stack.Types;

namespace ZsepAdmin.Benchmarks
{
    /// <summary>
    /// Issue 4 benchmark: one attribute read from each of N simulated meters, over the realistic medium (loss, CSMA-CA,
    /// acknowledgements), APS-secured with the meters' link keys, in virtual time, at most 4 hops from their gateway.
    /// The meters are split into networks of <see cref="MetersPerNetwork"/>, each a grid <see cref="Spacing"/> m apart
    /// with its gateway in the middle; each network covers its own district (<see cref="DistrictSpacing"/> apart, on its
    /// own channel), all on one medium and one scheduler, as a head end with a coordinator per district would cover a
    /// town. Joined and interviewed in the setup
    /// (AutoInterview on, as users have it: the interview also keeps each meter's Metering formatting), so the measured
    /// operation is a plain read of CurrentSummationDelivered from every meter with the multi-network
    /// <see cref="Gateway.ReadAttributesBatch(IReadOnlyList{ValueTuple{Gateway, IReadOnlyList{Eui64}}}, byte?, ushort, IReadOnlyList{ushort}, TimeSpan, int, System.Threading.CancellationToken, bool)"/>
    /// (<see cref="InFlightPerNetwork"/> in flight per network, all networks at once). One cold run per size
    /// (Monitoring): the figure is the wall time of the whole read. Answered counts, display values, virtual time, CPU
    /// time, allocation, the deepest hop count and the peak working set are printed.
    /// dotnet run -c Release --project tests/ZsepAdmin.Benchmarks -- --filter *AttributeReadBenchmarks*
    /// </summary>
    [MemoryDiagnoser]
    [SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
    public class AttributeReadBenchmarks
    {
        /// <summary>The limit on the farthest meter's distance from its gateway.</summary>
        public const int MaxHops = 4;

        /// <summary>Channels of the networks in the order they are used: the four of the old layout first, then the rest of the 2.4 GHz band.</summary>
        private static readonly byte[] Channels = { 15, 25, 20, 11, 26, 14, 19, 24, 12, 17, 22, 13, 18, 23, 16, 21 };

        private readonly List<(Gateway Gateway, IReadOnlyList<Eui64> Meters)> _networks = new List<(Gateway, IReadOnlyList<Eui64>)>();
        private string _dir = "";

        [Params(200, 1000)]
        public int Meters { get; set; }

        /// <summary>Meters per network (at most): 1,000 meters are ten networks of 100, or four of 250.</summary>
        [Params(100, 250)]
        public int MetersPerNetwork { get; set; } = 100;

        /// <summary>
        /// Metres between neighbouring meters of a grid: 30 m for networks of up to 100 (a 10 x 10 grid is at most 3 hops
        /// deep), 20 m for larger ones (a 16 x 16 grid stays within 4 hops).
        /// </summary>
        public double Spacing => MetersPerNetwork > 100 ? 20 : 30;

        /// <summary>
        /// Metres between the centres of neighbouring networks' districts (800 m: beyond the 391 m at which the medium
        /// stops tracking a link, 10 dB below sensitivity, even from grid corner to grid corner). 0 puts every network at
        /// the origin, overlapping in space on their different channels (the earlier layout: each frame then walks past
        /// every radio of every network).
        /// </summary>
        public double DistrictSpacing { get; set; } = 800;

        /// <summary>Requests in flight per network.</summary>
        public int InFlightPerNetwork { get; set; } = 16;

        /// <summary>The deepest hop count of the last setup.</summary>
        public int DeepestHops { get; private set; }

        [GlobalSetup]
        public void Setup()
        {
            _dir = Path.Combine(Path.GetTempPath(), "zsep-bench-read-" + Guid.NewGuid().ToString("N"));
            string radio = "sim://bench-read-" + Guid.NewGuid().ToString("N");
            int networks = (Meters + MetersPerNetwork - 1) / MetersPerNetwork;
            if (networks > Channels.Length)
            {
                throw new InvalidOperationException($"{networks} networks need more than the {Channels.Length} channels of the band.");
            }

            var all = new List<(Gateway Gateway, List<SimulatedDevice> Devices)>();
            for (int net = 0; net < networks; net++)
            {
                int count = (Meters / networks) + (net < Meters % networks ? 1 : 0);
                int columns = (int)Math.Ceiling(Math.Sqrt(count + 1));
                Gateway gateway = Gateway.Create(new GatewayOptions
                {
                    Name = "bench" + net, Channel = Channels[net], StatePath = Path.Combine(_dir, "net" + net), Radio = radio, Seed = 7,
                }, SimulatedRadioProvider.Instance);
                SimulationHost host = SimulationHost.Find(radio)!;
                // Each network covers its own district, four to a row; its gateway stands in the middle of its grid.
                double cx = DistrictSpacing * (net % 4), cy = DistrictSpacing * (net / 4);
                host.Medium.FindRadio(gateway.Coordinator.Ieee)!.Position = new Position(cx, cy);
                var devices = Enumerable.Range(0, count).Select(i =>
                {
                    int cell = i >= (columns * columns / 2) ? i + 1 : i; // the middle cell is the gateway's
                    var ieee = new Eui64(0x000D6F0000C00000UL + (ulong)(net * 10000) + (ulong)i);
                    byte[] bytes = new byte[16];
                    new Random((net * 10000) + i).NextBytes(bytes);
                    InstallCode code = InstallCode.FromBytes(bytes);
                    gateway.AddInstallCode(ieee, code, force: false);
                    return host.AddDevice(new SimulatedDeviceSpec
                    {
                        Kind = SimulatedDeviceKind.Meter,
                        Ieee = ieee,
                        InstallCode = code,
                        Position = new Position(cx + (Spacing * ((cell % columns) - (columns / 2))), cy + (Spacing * ((cell / columns) - (columns / 2)))),
                        Channel = Channels[net],
                        ExtendedPanId = gateway.Config.ExtendedPanId,
                        Network = gateway.Name,
                    });
                }).ToList();
                all.Add((gateway, devices));
            }

            Gateway first = all[0].Gateway;
            for (int round = 0; round < 6 && all.Any(n => n.Devices.Any(d => d.Node.State != NodeState.Joined)); round++)
            {
                foreach ((Gateway g, _) in all)
                {
                    g.PermitJoin(254);
                }

                first.RunUntil(() => all.All(n => n.Devices.All(d => d.Node.State == NodeState.Joined)), TimeSpan.FromSeconds(254));
            }

            // The interviews (endpoints, Basic, the Metering formatting) run after each join, a few at a time per network.
            bool Interviewed((Gateway Gateway, List<SimulatedDevice> Devices) n) => n.Devices.All(d => d.Node.State != NodeState.Joined ||
                n.Gateway.GetInterview(d.Ieee) is { Status: ZsepInterviewStatus.Complete } or { Status: ZsepInterviewStatus.Failed, Attempts: >= Gateway.MaxInterviewAttempts });
            first.RunUntil(() => all.All(Interviewed), TimeSpan.FromMinutes(30));
            first.RunFor(TimeSpan.FromMinutes(1));
            DeepestHops = 0;
            foreach ((Gateway g, List<SimulatedDevice> devices) in all)
            {
                Eui64[] joined = devices.Where(d => d.Node.State == NodeState.Joined).Select(d => d.Ieee).ToArray();
                _networks.Add((g, joined));
                int deepest = devices.Max(d => g.Coordinator.GetHopCount(d.Node.NwkAddress) ?? 0);
                DeepestHops = Math.Max(DeepestHops, deepest);
                Console.WriteLine($"// {g.Name} (channel {g.Config.Channel}): {joined.Length} of {devices.Count} meters joined, " +
                    $"{joined.Count(m => g.GetInterview(m)?.Status == ZsepInterviewStatus.Complete)} interviewed, {joined.Count(m => g.GetMeteringFormat(m) is not null)} with their formatting; deepest {deepest} hops");
            }

            Console.WriteLine($"// {networks} networks of up to {MetersPerNetwork} meters {Spacing} m apart, districts {DistrictSpacing} m apart: deepest {DeepestHops} hops (limit {MaxHops})");
            if (DeepestHops > MaxHops)
            {
                throw new InvalidOperationException($"The layout puts a meter {DeepestHops} hops from its gateway, beyond the issue's {MaxHops}.");
            }
        }

        [Benchmark]
        public int ReadSummationFromEveryMeter()
        {
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            long allocated = GC.GetTotalAllocatedBytes(true);
            var wall = Stopwatch.StartNew();
            DateTimeOffset start = _networks[0].Gateway.Scheduler.Now;
            int answered = 0, displayed = 0;
            foreach (ZsepAttributeReadOutcome o in Gateway.ReadAttributesBatch(_networks, 1, 0x0702, new ushort[] { 0x0000 }, TimeSpan.FromSeconds(20), InFlightPerNetwork))
            {
                if (o.Error is null)
                {
                    answered++;
                    displayed += o.Values.Count(v => v.DisplayValue?.EndsWith(" kWh", StringComparison.Ordinal) == true);
                }
            }

            wall.Stop();
            int asked = _networks.Sum(n => n.Meters.Count);
            Console.WriteLine($"// {answered} of {asked} answered ({displayed} shown in kWh) in {(_networks[0].Gateway.Scheduler.Now - start).TotalSeconds:F1} s of virtual time, " +
                $"{wall.Elapsed.TotalSeconds:F2} s of wall time, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s of CPU time, " +
                $"{(GC.GetTotalAllocatedBytes(true) - allocated) / (1024 * 1024)} MiB allocated; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
            return answered;
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            foreach ((Gateway g, _) in _networks)
            {
                g.Dispose();
            }

            _networks.Clear();
            if (Directory.Exists(_dir))
            {
                Directory.Delete(_dir, true);
            }
        }
    }
}
