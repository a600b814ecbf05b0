using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Zsep.Radio.Driver;
using Zsep.Radio.Transport;
using Zsep.Simulation.Devices;
using Zsep.Simulation.Medium;
using Zsep.Simulation.Rcp;
using Zsep.Stack.Gateway;
using Zsep.Stack.Security;
using Zsep.Stack.State;
using Zsep.Stack.Types;

namespace Zsep.Radio.Tests.EndToEnd
{
    /// <summary>
    /// A gateway whose radio is "serial" (the Spinel driver) and the RCP emulator at the other end of the line, on a
    /// simulated medium of its own where simulated meters join. Both loops run at <see cref="TimeScale"/> times the
    /// wall clock.
    /// </summary>
    public sealed class RcpNetwork : IDisposable
    {
        public const double TimeScale = 10;

        private readonly string _dir = Path.Combine(Path.GetTempPath(), "zsep-rcp-" + Guid.NewGuid().ToString("N"));
        private readonly List<IDisposable> _extras = new List<IDisposable>();

        private RcpNetwork(EmulatedRcp rcp, Gateway gateway, IByteTransport hostLine)
        {
            Rcp = rcp;
            Gateway = gateway;
            HostLine = hostLine;
        }

        public EmulatedRcp Rcp { get; }

        public Gateway Gateway { get; }

        /// <summary>The driver's end of the line (the outermost wrapper).</summary>
        public IByteTransport HostLine { get; }

        public SpinelRadio Radio => (SpinelRadio)Gateway.Radio;

        public static readonly Eui64 RcpIeee = new Eui64(0x00124B00000ACAFEUL);

        /// <summary>
        /// Starts the emulator on <paramref name="radioEnd"/> and forms a network over <paramref name="hostEnd"/>
        /// (named <paramref name="radio"/>, e.g. the pty's slave path or "serial://..."), on channel 15 unless
        /// <paramref name="channel"/> is null (then chosen by an energy scan through the RCP).
        /// </summary>
        public static RcpNetwork Form(string radio, IByteTransport radioEnd, Func<RadioAddress, IByteTransport> hostEnd, int seed = 5, byte? channel = 15, SpinelRadioOptions? options = null)
        {
            EmulatedRcp rcp = EmulatedRcp.Start(radioEnd, "rcp-" + Guid.NewGuid().ToString("N"), seed, RcpIeee, TimeScale);
            IByteTransport? line = null;
            try
            {
                var provider = new SpinelRadioProvider
                {
                    TimeScale = TimeScale,
                    Options = options ?? new SpinelRadioOptions { TransmitTimeout = TimeSpan.FromMilliseconds(500), CommandTimeout = TimeSpan.FromSeconds(1) },
                    TransportFactory = a => line = hostEnd(a),
                };
                string dir = Path.Combine(Path.GetTempPath(), "zsep-rcp-" + Guid.NewGuid().ToString("N"));
                Gateway gw = Gateway.Create(new GatewayOptions
                {
                    Name = "rcp",
                    Channel = channel,
                    StatePath = dir,
                    Radio = radio,
                    Seed = seed,
                }, provider);
                return new RcpNetwork(rcp, gw, line!);
            }
            catch
            {
                rcp.Dispose();
                throw;
            }
        }

        public static InstallCode CodeFor(int i)
        {
            byte[] code = new byte[16];
            new Random(2000 + i).NextBytes(code);
            return InstallCode.FromBytes(code);
        }

        public static Eui64 IeeeFor(int i) => new Eui64(0x000D6F0000B00000UL + (ulong)i);

        /// <summary>Registers and places <paramref name="count"/> meters on a grid around the RCP (several hops across).</summary>
        public void AddMeters(int count)
        {
            NetworkConfig config = Gateway.Config;
            for (int i = 1; i <= count; i++)
            {
                Gateway.AddInstallCode(IeeeFor(i), CodeFor(i), force: false);
            }

            Rcp.Invoke(() =>
            {
                for (int i = 1; i <= count; i++)
                {
                    int row = (i - 1) / 5, col = (i - 1) % 5;
                    Rcp.Host.AddDevice(new SimulatedDeviceSpec
                    {
                        Kind = SimulatedDeviceKind.Meter,
                        Ieee = IeeeFor(i),
                        InstallCode = CodeFor(i),
                        Position = new Position(35 * (col - 2), 35 * (row + 1)),
                        Channel = (byte)config.Channel,
                        ExtendedPanId = config.ExtendedPanId,
                        Network = Gateway.Name,
                    });
                }
            });
        }

        /// <summary>Opens the network and waits (network time) until <paramref name="count"/> nodes are committed.</summary>
        public bool JoinAll(int count, TimeSpan limit)
        {
            Gateway.PermitJoin(254);
            return Gateway.RunUntil(() => Gateway.GetNodes().Count >= count, limit);
        }

        public int JoinedOnMedium() =>
            Rcp.Invoke(() => Rcp.Host.Devices.Count(d => d.Node.State == Zsep.Stack.Node.NodeState.Joined));

        public void Keep(IDisposable d) => _extras.Add(d);

        public void Dispose()
        {
            string path = Gateway.StatePath;
            Gateway.Dispose();
            Rcp.Dispose();
            foreach (IDisposable d in _extras)
            {
                d.Dispose();
            }

            try
            {
                Directory.Delete(path, true);
            }
            catch (IOException)
            {
            }
        }
    }
}
