using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using Zsep.Radio.Transport;
using Zsep.Simulation.Devices;
using Zsep.Simulation.Medium;
using Zsep.Simulation.Rcp;
using Zsep.Stack.Security;
using Zsep.Stack.State;
using Zsep.Stack.Types;

namespace Zsep.RcpEmulator
{
    /// <summary>
    /// zsep-rcp [--pty | --tcp PORT] [--meters N] [--displays N] [--spacing M] [--seed S] [--csv FILE]
    /// Serves Spinel like an OpenThread RCP on a pseudo-terminal (Linux; the default) or a TCP port, its radio on a
    /// simulated medium where N meters (routers) and in-home displays (end devices) stand on a grid, each with an
    /// install code, looking for any open network on any channel. Prints "RADIO &lt;radio string&gt;" first, then
    /// writes the devices as CSV (Ieee,InstallCode,Kind: pipe it into Add-ZsepInstallCode) to FILE or standard
    /// output, and runs until Ctrl+C or standard input closes.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            int meters = 10, displays = 0, seed = 1, tcpPort = -1;
            double spacing = 35;
            string? csv = null;
            try
            {
                for (int i = 0; i < args.Length; i++)
                {
                    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                    switch (args[i])
                    {
                        case "--pty": tcpPort = -1; break;
                        case "--tcp": tcpPort = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                        case "--meters": meters = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                        case "--displays": displays = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                        case "--spacing": spacing = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                        case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                        case "--csv": csv = Next(); break;
                        case "-h":
                        case "--help":
                            Console.WriteLine("zsep-rcp [--pty | --tcp PORT] [--meters N] [--displays N] [--spacing M] [--seed S] [--csv FILE]");
                            return 0;
                        default: throw new ArgumentException($"Unknown option {args[i]} (--help lists them).");
                    }
                }
            }
            catch (Exception ex) when (ex is ArgumentException || ex is FormatException || ex is OverflowException)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }

            IByteTransport line;
            string radio;
            PseudoTerminal? pty = null;
            TcpListener? listener = null;
            if (tcpPort >= 0)
            {
                listener = new TcpListener(IPAddress.Loopback, tcpPort);
                listener.Start();
                radio = $"tcp://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
                line = new AcceptingTransport(listener);
            }
            else
            {
                if (!PseudoTerminal.IsSupported)
                {
                    Console.Error.WriteLine("Pseudo-terminals need Linux here; use --tcp PORT and -Radio tcp://127.0.0.1:PORT.");
                    return 2;
                }

                pty = PseudoTerminal.Open();
                radio = pty.SlavePath;
                line = pty.CreateMasterTransport();
            }

            using EmulatedRcp rcp = EmulatedRcp.Start(line, "zsep-rcp-" + seed.ToString(CultureInfo.InvariantCulture), seed, new Eui64(0x00124B0000AC0001UL));
            var rows = new StringBuilder("Ieee,InstallCode,Kind\n");
            rcp.Invoke(() =>
            {
                var random = new Random(seed);
                int columns = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(meters + displays)));
                for (int i = 0; i < meters + displays; i++)
                {
                    byte[] code = new byte[16];
                    random.NextBytes(code);
                    InstallCode installCode = InstallCode.FromBytes(code);
                    var kind = i < meters ? SimulatedDeviceKind.Meter : SimulatedDeviceKind.InHomeDisplay;
                    var ieee = new Eui64(0x000D6F00AC000000UL + (ulong)(i + 1));
                    rcp.Host.AddDevice(new SimulatedDeviceSpec
                    {
                        Kind = kind,
                        Ieee = ieee,
                        InstallCode = installCode,
                        Position = new Position(spacing * (i % columns + 1), spacing * (i / columns)),
                        Channel = 0, // any channel: the device scans for an open network
                        ExtendedPanId = default, // any network
                        Network = "any",
                    });
                    rows.Append(ieee).Append(',').Append(installCode.ToString()).Append(',').Append(kind).Append('\n');
                }
            });

            Console.WriteLine("RADIO " + radio);
            if (csv is null)
            {
                Console.Write(rows.ToString());
            }
            else
            {
                File.WriteAllText(csv, rows.ToString());
            }

            Console.Out.Flush();
            using var stop = new ManualResetEventSlim();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Set();
            };
            var stdin = new Thread(() =>
            {
                try
                {
                    while (Console.In.ReadLine() is not null)
                    {
                    }
                }
                catch (IOException)
                {
                }

                stop.Set();
            }) { IsBackground = true };
            stdin.Start();
            stop.Wait();
            listener?.Stop();
            pty?.Dispose();
            return 0;
        }

        /// <summary>The RCP's side of a TCP line: waits for the gateway to connect, then serves that connection.</summary>
        private sealed class AcceptingTransport : ThreadedTransport
        {
            private readonly TcpListener _listener;
            private TcpClient? _client;
            private NetworkStream? _stream;

            public AcceptingTransport(TcpListener listener)
                : base("tcp-listener")
            {
                _listener = listener;
            }

            protected override void OpenCore()
            {
            }

            protected override int ReadCore(byte[] buffer)
            {
                if (_stream is null)
                {
                    _client = _listener.AcceptTcpClient();
                    _client.NoDelay = true;
                    _stream = _client.GetStream();
                }

                int n = _stream.Read(buffer, 0, buffer.Length);
                return n == 0 ? -1 : n;
            }

            protected override void WriteCore(byte[] data) => _stream?.Write(data, 0, data.Length);

            protected override void CloseCore()
            {
                _stream?.Dispose();
                _client?.Dispose();
            }
        }
    }
}
