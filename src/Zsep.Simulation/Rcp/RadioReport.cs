using System;
using System.Diagnostics;
using System.Linq;
using Zsep.Radio;
using Zsep.Radio.Driver;
using Zsep.Radio.Transport;
using Zsep.Simulation.Medium;
using Zsep.Stack.Radio;
using Zsep.Stack.Types;

namespace Zsep.Simulation.Rcp
{
    /// <summary>
    /// What the radio cmdlets ask of a radio, whichever kind it is: describe it (Get-ZsepRadio), set its transmit
    /// power (Set-ZsepRadio) and probe a port (Test-ZsepRadio). Lives here because it knows both the Spinel radio and
    /// the simulated one.
    /// </summary>
    public static class RadioReport
    {
        /// <summary>The radio as a record. Call on the network's loop thread (the cmdlet's, between waits).</summary>
        public static ZsepRadio Describe(string network, IRadio radio)
        {
            RadioConfiguration c = radio.Configuration;
            var record = new ZsepRadio
            {
                Network = network,
                Radio = radio.Name,
                Ieee = radio.ExtendedAddress,
                Channel = c.Channel,
                PanId = c.PanId,
                TxPowerDbm = c.TxPowerDbm,
                Promiscuous = c.Promiscuous,
            };
            return radio switch
            {
                SpinelRadio s => record with
                {
                    Kind = "Spinel RCP",
                    Available = s.IsAvailable,
                    FirmwareVersion = s.Info.FirmwareVersion,
                    ProtocolVersion = s.Info.ProtocolVersion.ToString(),
                    RcpApiVersion = s.Info.RcpApiVersion,
                    Capabilities = s.Info.Capabilities.Select(x => x.ToString()).ToArray(),
                    TxPowerDbm = s.TxPowerDbm,
                    FramesSent = s.Counters.FramesSent,
                    FramesReceived = s.Counters.FramesReceived,
                    FcsErrors = s.Link.FcsErrors,
                    Resets = s.Counters.Resets,
                    NoAck = s.Counters.NoAck,
                    ChannelAccessFailures = s.Counters.ChannelAccessFailures,
                },
                SimulatedRadio sim => record with
                {
                    Kind = "Simulated",
                    Available = !sim.Offline,
                    FirmwareVersion = "simulated",
                    FramesSent = sim.Counters.FramesSent,
                    FramesReceived = sim.Counters.FramesReceived,
                    NoAck = sim.Counters.NoAck,
                    ChannelAccessFailures = sim.Counters.ChannelAccessFailures,
                },
                _ => record with { Kind = radio.GetType().Name, Available = true },
            };
        }

        /// <summary>Sets the transmit power in dBm (PHY_TX_POWER on a Spinel radio; the link budget on a simulated one).</summary>
        public static void SetTxPower(IRadio radio, sbyte dbm)
        {
            switch (radio)
            {
                case SpinelRadio s:
                    s.SetTxPower(dbm);
                    break;
                default:
                    radio.Configure(radio.Configuration with { TxPowerDbm = dbm });
                    break;
            }
        }

        /// <summary>
        /// Probes <paramref name="port"/>: opens it, resets the radio and reads its identification, then closes it;
        /// nothing is formed. "sim://name" probes the RCP emulator (on a private medium, through an in-memory line),
        /// which exercises the whole driver without hardware. Failures are reported in the record, not thrown.
        /// </summary>
        public static ZsepRadioProbe Probe(string port, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            var options = new SpinelRadioOptions { CommandTimeout = timeout, ResetTimeout = timeout };
            EmulatedRcp? emulator = null;
            try
            {
                RadioAddress address = RadioAddress.Parse(port);
                IByteTransport transport;
                if (address.Kind == RadioAddressKind.Simulated)
                {
                    (InMemoryTransport host, InMemoryTransport radio) = InMemoryTransport.CreatePair(port);
                    emulator = EmulatedRcp.Start(radio, "probe-" + Guid.NewGuid().ToString("N"), 1, new Eui64(0x00124B00000E0001UL));
                    transport = host;
                }
                else
                {
                    transport = address.CreateTransport();
                }

                SpinelRadioInfo info = SpinelRadio.Probe(port, transport, options);
                return new ZsepRadioProbe
                {
                    Port = port,
                    Responds = true,
                    FirmwareVersion = info.FirmwareVersion,
                    ProtocolVersion = info.ProtocolVersion.ToString(),
                    RcpApiVersion = info.RcpApiVersion,
                    Ieee = info.HardwareAddress,
                    Capabilities = info.Capabilities.Select(x => x.ToString()).ToArray(),
                    Elapsed = clock.Elapsed,
                };
            }
            catch (Exception ex) when (ex is RadioUnavailableException || ex is RadioFirmwareException || ex is FormatException || ex is Zsep.Stack.Codec.FrameFormatException || ex is SpinelStatusException)
            {
                return new ZsepRadioProbe { Port = port, Responds = false, Error = ex.Message, Elapsed = clock.Elapsed };
            }
            finally
            {
                emulator?.Dispose();
            }
        }
    }
}
