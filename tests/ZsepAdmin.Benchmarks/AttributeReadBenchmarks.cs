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
    /// Issue 4 benchmark: N simulated meters read once each, over the realistic medium, APS-secured, in virtual time.
    /// Up to 250 meters per network, each a grid 60 m apart with its gateway in the middle (closer, a router hears more
    /// than the 29 neighbours one NWK Link Status frame lists); 1,000 meters are four networks on channels 15, 25, 20 and
    /// 11 overlapping on one medium and one scheduler, so no meter is more than a few hops from its gateway. Joined once
    /// in the setup; the measured operation reads CurrentSummationDelivered from every meter with
    /// <see cref="Gateway.ReadAttributesBatch"/> (16 in flight per network), the networks one after the other. One cold
    /// run per size (Monitoring): the figure is the wall time of the whole read. Answered counts, virtual time, the
    /// deepest hop count and the process's peak working set are printed.
    /// dotnet run -c Release --project tests/ZsepAdmin.Benchmarks -- --filter *AttributeReadBenchmarks*
    /// </summary>
    [MemoryDiagnoser]
    [SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
    public class AttributeReadBenchmarks
    {
        private const int MetersPerNetwork = 250;
        private const double Spacing = 60;
        private static readonly byte[] Channels = { 15, 25, 20, 11 };

        private readonly List<(Gateway Gateway, Eui64[] Meters)> _networks = new List<(Gateway, Eui64[])>();
        private string _dir = "";

        [Params(200, 1000)]
        public int Meters { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _dir = Path.Combine(Path.GetTempPath(), "zsep-bench-read-" + Guid.NewGuid().ToString("N"));
            string radio = "sim://bench-read-" + Guid.NewGuid().ToString("N");
            int networks = (Meters + MetersPerNetwork - 1) / MetersPerNetwork;
            var all = new List<(Gateway Gateway, List<SimulatedDevice> Devices)>();
            for (int net = 0; net < networks; net++)
            {
                int count = Meters / networks;
                int columns = (int)Math.Ceiling(Math.Sqrt(count + 1));
                Gateway gateway = Gateway.Create(new GatewayOptions
                {
                    Name = "bench" + net, Channel = Channels[net], StatePath = Path.Combine(_dir, "net" + net), Radio = radio, Seed = 7,
                }, SimulatedRadioProvider.Instance);
                gateway.AutoInterview = false;
                SimulationHost host = SimulationHost.Find(radio)!;
                // Every gateway's radio stands at the medium's origin: the grids overlap in space, on different channels.
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
                        Position = new Position((Spacing * ((cell % columns) - (columns / 2))), Spacing * ((cell / columns) - (columns / 2))),
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

            first.RunFor(TimeSpan.FromMinutes(1));
            foreach ((Gateway g, List<SimulatedDevice> devices) in all)
            {
                Eui64[] joined = devices.Where(d => d.Node.State == NodeState.Joined).Select(d => d.Ieee).ToArray();
                _networks.Add((g, joined));
                Console.WriteLine($"// {g.Name} (channel {g.Config.Channel}): {joined.Length} of {devices.Count} meters joined; deepest {devices.Max(d => g.Coordinator.GetHopCount(d.Node.NwkAddress) ?? 0)} hops");
            }
        }

        [Benchmark]
        public int ReadSummationFromEveryMeter()
        {
            var wall = Stopwatch.StartNew();
            DateTimeOffset start = _networks[0].Gateway.Scheduler.Now;
            int answered = 0, asked = 0;
            foreach ((Gateway g, Eui64[] meters) in _networks)
            {
                asked += meters.Length;
                answered += g.ReadAttributesBatch(meters, 1, 0x0702, new ushort[] { 0x0000 }, TimeSpan.FromSeconds(20), 16).Count(o => o.Error is null);
            }

            Console.WriteLine($"// {answered} of {asked} answered in {(_networks[0].Gateway.Scheduler.Now - start).TotalSeconds:F1} s of virtual time, {wall.Elapsed.TotalSeconds:F2} s of wall time; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
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
