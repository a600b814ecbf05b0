using System;
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
    /// Issue 4 benchmark: a gateway and N simulated meters on a grid (60 m apart, the gateway in the middle) over the
    /// realistic medium, joined once in the setup; the measured operation reads CurrentSummationDelivered from every
    /// meter with <see cref="Gateway.ReadAttributesBatch"/> (16 in flight), APS-secured, in virtual time. One cold run per
    /// size (Monitoring): the figure is the wall time of the whole batch. Answered counts are printed.
    /// dotnet run -c Release --project tests/ZsepAdmin.Benchmarks -- --filter *AttributeReadBenchmarks*
    /// </summary>
    [MemoryDiagnoser]
    [SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
    public class AttributeReadBenchmarks
    {
        private string _dir = "";
        private Gateway? _gateway;
        private Eui64[] _meters = Array.Empty<Eui64>();

        [Params(200)]
        public int Meters { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _dir = Path.Combine(Path.GetTempPath(), "zsep-bench-read-" + Guid.NewGuid().ToString("N"));
            string radio = "sim://bench-read-" + Guid.NewGuid().ToString("N");
            _gateway = Gateway.Create(new GatewayOptions { Name = "bench", Channel = 15, StatePath = _dir, Radio = radio, Seed = 7 }, SimulatedRadioProvider.Instance);
            _gateway.AutoInterview = false;
            SimulationHost host = SimulationHost.Find(radio)!;
            int columns = (int)Math.Ceiling(Math.Sqrt(Meters + 1));
            var devices = Enumerable.Range(0, Meters).Select(i =>
            {
                int cell = i >= (columns * columns / 2) ? i + 1 : i; // the middle cell is the gateway's
                var ieee = new Eui64(0x000D6F0000C00000UL + (ulong)i);
                byte[] bytes = new byte[16];
                new Random(i).NextBytes(bytes);
                InstallCode code = InstallCode.FromBytes(bytes);
                _gateway.AddInstallCode(ieee, code, force: false);
                return host.AddDevice(new SimulatedDeviceSpec
                {
                    Kind = SimulatedDeviceKind.Meter,
                    Ieee = ieee,
                    InstallCode = code,
                    Position = new Position(60 * ((cell % columns) - (columns / 2)), 60 * ((cell / columns) - (columns / 2))),
                    Channel = 15,
                    ExtendedPanId = _gateway.Config.ExtendedPanId,
                    Network = "bench",
                });
            }).ToList();
            for (int round = 0; round < 6 && devices.Any(d => d.Node.State != NodeState.Joined); round++)
            {
                _gateway.PermitJoin(254);
                _gateway.RunUntil(() => devices.All(d => d.Node.State == NodeState.Joined), TimeSpan.FromSeconds(254));
            }

            _gateway.RunFor(TimeSpan.FromMinutes(1));
            _meters = devices.Where(d => d.Node.State == NodeState.Joined).Select(d => d.Ieee).ToArray();
            Console.WriteLine($"// {_meters.Length} of {Meters} meters joined; deepest {devices.Max(d => _gateway.Coordinator.GetHopCount(d.Node.NwkAddress) ?? 0)} hops");
        }

        [Benchmark]
        public int ReadSummationFromEveryMeter()
        {
            DateTimeOffset start = _gateway!.Scheduler.Now;
            int answered = _gateway.ReadAttributesBatch(_meters, 1, 0x0702, new ushort[] { 0x0000 }, TimeSpan.FromSeconds(20), 16).Count(o => o.Error is null);
            Console.WriteLine($"// {answered} of {_meters.Length} answered in {(_gateway.Scheduler.Now - start).TotalSeconds:F1} s of virtual time");
            return answered;
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _gateway?.Dispose();
            if (Directory.Exists(_dir))
            {
                Directory.Delete(_dir, true);
            }
        }
    }
}
