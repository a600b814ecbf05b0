using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Zsep.Radio.Spinel;
using Zsep.Radio.Transport;
using Zsep.Stack.Mac;
using Zsep.Stack.Radio;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;

namespace Zsep.Radio.Driver
{
    /// <summary>
    /// An 802.15.4 radio co-processor running OpenThread RCP firmware, behind the stack's <see cref="IRadio"/> seam
    /// (the arrangement of OpenThread's RadioSpinel and Nerivec/zigbee-on-host): Spinel over HDLC-lite over a byte
    /// transport. <see cref="Open"/> resets the radio, checks its protocol (major 4) and RCP API versions, reads its
    /// firmware string, capabilities and EUI-64, and applies the configuration. Frames go out as STREAM_RAW with
    /// transmit metadata and come in as STREAM_RAW with RSSI and LQI; the radio does CSMA-CA, acks and retries.
    /// I/O runs on the transport's reader thread, which posts into the stack's loop: every event and callback of
    /// this radio runs there. A radio that resets on its own is configured again and counted; a port that goes away
    /// makes the next operation throw <see cref="RadioUnavailableException"/> (and a <see cref="RealTimeScheduler"/>
    /// driving the stack throws it at once).
    /// </summary>
    public sealed partial class SpinelRadio : IRadio
    {
        /// <summary>Spinel protocol major version this host speaks (draft-rquattle-spinel-unified section 5, PROP_PROTOCOL_VERSION).</summary>
        public const uint ProtocolMajor = 4;

        /// <summary>The oldest RCP API version accepted (PROP_RCP_API_VERSION; OpenThread's host accepts 4 and newer as of 2024).</summary>
        public const uint MinRcpApiVersion = 4;

        /// <summary>The RCP API version this host implements (OpenThread SPINEL_RCP_API_VERSION as of 2024: 11).</summary>
        public const uint HostRcpApiVersion = 11;

        private readonly SpinelHost _host;
        private readonly IStackScheduler _scheduler;
        private readonly ManualResetEventSlim _resetSeen = new ManualResetEventSlim(false);
        private readonly HashSet<MacAddress> _sourceMatch = new HashSet<MacAddress>();
        private RadioConfiguration _configuration = new RadioConfiguration();
        private sbyte? _txPowerOverride;
        private volatile bool _started;
        private bool _disposed;

        private SpinelRadio(string name, SpinelHost host, IStackScheduler scheduler, SpinelRadioOptions options)
        {
            Name = name;
            _host = host;
            _scheduler = scheduler;
            Options = options;
            _host.Unsolicited += OnUnsolicited;
            _host.Faulted += OnFaulted;
        }

        public string Name { get; }

        public Eui64 ExtendedAddress => Info.HardwareAddress;

        public SpinelRadioInfo Info { get; private set; } = new SpinelRadioInfo();

        public SpinelRadioOptions Options { get; }

        public SpinelRadioCounters Counters { get; } = new SpinelRadioCounters();

        /// <summary>The Spinel link's own counters (FCS errors, timeouts, malformed frames).</summary>
        public SpinelLinkCounters Link => _host.Counters;

        /// <summary>The transmit power in force (the override from <see cref="SetTxPower"/>, else the configuration's).</summary>
        public sbyte TxPowerDbm => _txPowerOverride ?? _configuration.TxPowerDbm;

        /// <summary>Whether the transport is up.</summary>
        public bool IsAvailable => _host.Fault is null && !_disposed;

        public RadioConfiguration Configuration => _configuration;

        public event Action<RadioFrame>? FrameReceived;

        /// <summary>
        /// Opens <paramref name="transport"/>, starts the radio and applies the default configuration. Blocks the
        /// caller (use it before the loop runs). Throws <see cref="RadioUnavailableException"/> when nothing answers
        /// and <see cref="RadioFirmwareException"/> for firmware this host cannot drive; the transport is closed then.
        /// </summary>
        public static SpinelRadio Open(string name, IByteTransport transport, IStackScheduler scheduler, SpinelRadioOptions? options = null)
        {
            var host = new SpinelHost(transport);
            var radio = new SpinelRadio(name, host, scheduler, options ?? new SpinelRadioOptions());
            try
            {
                host.Open();
                radio.Start();
                return radio;
            }
            catch
            {
                radio.Dispose();
                throw;
            }
        }

        /// <summary>Probes the radio: start-up and identification only (Test-ZsepRadio). The radio is closed again.</summary>
        public static SpinelRadioInfo Probe(string name, IByteTransport transport, SpinelRadioOptions? options = null)
        {
            using SpinelRadio radio = Open(name, transport, new RealTimeScheduler(0), options);
            return radio.Info;
        }

        public void Configure(RadioConfiguration configuration)
        {
            if (configuration is null)
            {
                throw new ArgumentNullException(nameof(configuration));
            }

            if (configuration.Channel < 11 || configuration.Channel > 26)
            {
                throw new ArgumentOutOfRangeException(nameof(configuration), configuration.Channel, "The 2.4 GHz channels are 11 to 26.");
            }

            ThrowIfUnavailable();
            RadioConfiguration old = _configuration;
            _configuration = configuration;
            foreach ((SpinelPropertyId property, byte[] value) in ConfigurationCommands(configuration, old))
            {
                SetInBackground(property, value);
            }
        }

        /// <summary>Sets PHY_TX_POWER and keeps it across re-configuration by the stack (Set-ZsepRadio -TxPower).</summary>
        public void SetTxPower(sbyte dbm)
        {
            ThrowIfUnavailable();
            _txPowerOverride = dbm;
            SetInBackground(SpinelPropertyId.PhyTxPower, SpinelValue.EncodeInt8(dbm));
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _host.Unsolicited -= OnUnsolicited;
            _host.Faulted -= OnFaulted;
            _host.Dispose();
            _resetSeen.Dispose();
        }

        public override string ToString() => $"{Name} ({Info.FirmwareVersion})";

        // ---- start-up ----

        private void Start()
        {
            // Flags first: whatever half frame the radio holds from before is ended (HDLC-lite).
            _host.Transport.Write(new byte[] { Hdlc.HdlcEncoder.Flag, Hdlc.HdlcEncoder.Flag });
            ResetAndWait();
            SpinelProtocolVersion protocol = SpinelProtocolVersion.Decode(Get(SpinelPropertyId.ProtocolVersion));
            if (protocol.Major != ProtocolMajor)
            {
                throw new RadioFirmwareException(Name,
                    $"The radio on {Name} speaks Spinel protocol {protocol}; this host speaks {ProtocolMajor}.x. Flash OpenThread RCP firmware built for Spinel {ProtocolMajor}.");
            }

            List<SpinelCapability> caps = SpinelValue.DecodePackedUIntArray(Get(SpinelPropertyId.Caps)).Select(c => (SpinelCapability)c).ToList();
            uint api = caps.Contains(SpinelCapability.RcpApiVersion) ? SpinelValue.DecodePackedUInt(Get(SpinelPropertyId.RcpApiVersion)) : 0;
            if (api < MinRcpApiVersion)
            {
                throw new RadioFirmwareException(Name,
                    $"The radio on {Name} has RCP API version {api}; this host needs {MinRcpApiVersion} or newer (it implements {HostRcpApiVersion}). Update the RCP firmware.");
            }

            uint? minHost = caps.Contains(SpinelCapability.RcpMinHostApiVersion) ? SpinelValue.DecodePackedUInt(Get(SpinelPropertyId.RcpMinHostApiVersion)) : null;
            if (minHost > HostRcpApiVersion)
            {
                throw new RadioFirmwareException(Name,
                    $"The radio on {Name} (RCP API version {api}) needs a host of RCP API version {minHost} or newer; this host implements {HostRcpApiVersion}.");
            }

            Info = new SpinelRadioInfo
            {
                ProtocolVersion = protocol,
                RcpApiVersion = api,
                RcpMinHostApiVersion = minHost,
                Capabilities = caps,
                FirmwareVersion = SpinelValue.DecodeUtf8(Get(SpinelPropertyId.NcpVersion)),
                HardwareAddress = SpinelValue.DecodeEui64(Get(SpinelPropertyId.HwAddr)),
            };
            foreach ((SpinelPropertyId property, byte[] value) in ConfigurationCommands(_configuration, null))
            {
                _host.Property(Spinel.SpinelCommandId.PropValueSet, property, value, Options.CommandTimeout);
            }

            _started = true;
        }

        private void ResetAndWait()
        {
            for (int attempt = 1; attempt <= 3; attempt++)
            {
                _resetSeen.Reset();
                _host.Send(SpinelFrame.Command(SpinelCommandId.Reset, 0, new[] { (byte)SpinelResetType.Stack }));
                if (_resetSeen.Wait(Options.ResetTimeout))
                {
                    return;
                }
            }

            throw new RadioUnavailableException(Name,
                $"The radio on {Name} sent no reset notification (LAST_STATUS) after three RESETs. Is it an OpenThread RCP, at the right baud rate?");
        }

        private byte[] Get(SpinelPropertyId property) =>
            _host.Property(SpinelCommandId.PropValueGet, property, null, Options.CommandTimeout);

        /// <summary>
        /// The property sets that bring the radio from <paramref name="old"/> (null: from a reset) to
        /// <paramref name="next"/>, in OpenThread's order: PHY_ENABLED, PHY_CHAN, MAC_15_4_LADDR, MAC_15_4_SADDR,
        /// MAC_15_4_PANID, MAC_RX_ON_WHEN_IDLE_MODE, promiscuous mode, PHY_TX_POWER, source matching, MAC_RAW_STREAM_ENABLED.
        /// </summary>
        private IEnumerable<(SpinelPropertyId, byte[])> ConfigurationCommands(RadioConfiguration next, RadioConfiguration? old)
        {
            bool all = old is null;
            if (all)
            {
                yield return (SpinelPropertyId.PhyEnabled, SpinelValue.EncodeBool(true));
            }

            if (all || old!.Channel != next.Channel)
            {
                yield return (SpinelPropertyId.PhyChan, SpinelValue.EncodeUInt8(next.Channel));
            }

            if (all)
            {
                yield return (SpinelPropertyId.Mac15_4LAddr, EncodeLittleEndianEui64(Info.HardwareAddress));
            }

            if (all || old!.ShortAddress != next.ShortAddress)
            {
                yield return (SpinelPropertyId.Mac15_4SAddr, SpinelValue.EncodeUInt16(next.ShortAddress));
            }

            if (all || old!.PanId != next.PanId)
            {
                yield return (SpinelPropertyId.Mac15_4PanId, SpinelValue.EncodeUInt16(next.PanId.Value));
            }

            if (all || old!.RxOnWhenIdle != next.RxOnWhenIdle)
            {
                yield return (SpinelPropertyId.MacRxOnWhenIdleMode, SpinelValue.EncodeBool(next.RxOnWhenIdle));
            }

            if (all || old!.Promiscuous != next.Promiscuous)
            {
                yield return (SpinelPropertyId.MacPromiscuousMode, SpinelValue.EncodeUInt8((byte)(next.Promiscuous ? SpinelMacPromiscuousMode.Full : SpinelMacPromiscuousMode.Off)));
            }

            if (all || old!.TxPowerDbm != next.TxPowerDbm)
            {
                yield return (SpinelPropertyId.PhyTxPower, SpinelValue.EncodeInt8(_txPowerOverride ?? next.TxPowerDbm));
            }

            if (all)
            {
                yield return (SpinelPropertyId.MacSrcMatchEnabled, SpinelValue.EncodeBool(true));
                yield return (SpinelPropertyId.MacRawStreamEnabled, SpinelValue.EncodeBool(true));
            }
        }

        /// <summary>
        /// OpenThread's platform API hands MAC_15_4_LADDR and source-match extended addresses in little-endian byte
        /// order (openthread/platform/radio.h, otPlatRadioSetExtendedAddress, otPlatRadioAddSrcMatchExtEntry), unlike
        /// PROP_HWADDR, which is the EUI-64 as written.
        /// </summary>
        public static byte[] EncodeLittleEndianEui64(Eui64 value)
        {
            byte[] b = SpinelValue.EncodeEui64(value);
            Array.Reverse(b);
            return b;
        }

        public static Eui64 DecodeLittleEndianEui64(ReadOnlySpan<byte> value)
        {
            byte[] b = value.Slice(0, Math.Min(8, value.Length)).ToArray();
            Array.Reverse(b);
            return SpinelValue.DecodeEui64(b);
        }

        /// <summary>Sends a property command without blocking the loop; a refusal or no answer is counted.</summary>
        private void SetInBackground(SpinelPropertyId property, byte[] value, SpinelCommandId command = SpinelCommandId.PropValueSet)
        {
            Task<byte[]> task = _host.PropertyAsync(command, property, value, Options.CommandTimeout);
            task.ContinueWith(t => _scheduler.Post(() => Counters.CommandErrors++), TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        }

        private void ThrowIfUnavailable()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(Name);
            }

            if (_host.Fault is Exception fault)
            {
                throw new RadioUnavailableException(Name, $"The radio on {Name} is gone: {fault.Message}", fault);
            }
        }

        private void OnFaulted(Exception? error)
        {
            if (_disposed || error is null)
            {
                return;
            }

            var unavailable = new RadioUnavailableException(Name, $"The radio on {Name} is gone: {error.Message}", error);
            AbortScan();
            if (_scheduler is RealTimeScheduler loop)
            {
                loop.Fault(unavailable);
            }
        }
    }
}
