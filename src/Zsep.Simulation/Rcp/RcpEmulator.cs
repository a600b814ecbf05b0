using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Radio.Driver;
using Zsep.Radio.Hdlc;
using Zsep.Radio.Spinel;
using Zsep.Radio.Transport;
using Zsep.Simulation.Medium;
using Zsep.Stack.Mac;
using Zsep.Stack.Radio;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;

namespace Zsep.Simulation.Rcp
{
    /// <summary>How the emulated RCP introduces itself.</summary>
    public sealed record RcpEmulatorOptions
    {
        /// <summary>PROP_NCP_VERSION.</summary>
        public string FirmwareVersion { get; init; } = "ZSEP-RCP-EMULATOR/1.0; SIMULATED; OpenThread RCP compatible";

        /// <summary>PROP_PROTOCOL_VERSION (OpenThread: 4.3).</summary>
        public SpinelProtocolVersion ProtocolVersion { get; init; } = new SpinelProtocolVersion(4, 3);

        /// <summary>PROP_RCP_API_VERSION.</summary>
        public uint RcpApiVersion { get; init; } = 11;

        /// <summary>PROP_RCP_MIN_HOST_API_VERSION.</summary>
        public uint RcpMinHostApiVersion { get; init; } = 4;
    }

    /// <summary>Counters of the emulated RCP.</summary>
    public sealed class RcpEmulatorCounters
    {
        public long CommandsReceived { get; internal set; }

        public long FramesTransmitted { get; internal set; }

        public long FramesForwarded { get; internal set; }

        public long Resets { get; internal set; }

        public long FcsErrors { get; internal set; }

        public long Malformed { get; internal set; }
    }

    /// <summary>
    /// The device side of Spinel as OpenThread's RCP firmware speaks it (ncp_base_radio.cpp), over any
    /// <see cref="IByteTransport"/>, whose radio is a <see cref="SimulatedRadio"/> on a simulated medium: a gateway
    /// whose radio is "serial" forms a network on the medium and simulated devices join it. It answers RESET with a
    /// LAST_STATUS reset notification, the identification properties (protocol 4.3, RCP API version, NCP version,
    /// CAPS, HWADDR), the PHY/MAC property sets, source-match inserts and removes, STREAM_RAW transmissions (answered
    /// with LAST_STATUS, frame pending and header-updated, once done) and energy scans (MAC_ENERGY_SCAN_RESULT per
    /// channel then MAC_SCAN_STATE idle); received frames go to the host as unsolicited STREAM_RAW with RSSI, LQI
    /// and channel. Bytes arrive on the transport's thread and are posted to the loop given, the medium's
    /// loop, where the radio is touched; nothing else may drive that loop meanwhile.
    /// </summary>
    public sealed class RcpEmulator : IDisposable
    {
        private readonly IByteTransport _transport;
        private readonly IStackScheduler _loop;
        private readonly HdlcDecoder _decoder = new HdlcDecoder();
        private readonly List<byte[]> _decoded = new List<byte[]>();
        private readonly HashSet<ushort> _srcMatchShort = new HashSet<ushort>();
        private readonly HashSet<Eui64> _srcMatchExtended = new HashSet<Eui64>();
        private RadioConfiguration _config = new RadioConfiguration();
        private bool _phyEnabled;
        private bool _rawStream;
        private byte[] _scanMask = Array.Empty<byte>();
        private ushort _scanPeriodMs = 100;
        private int _epoch;
        private bool _disposed;

        public RcpEmulator(IByteTransport transport, SimulatedRadio radio, IStackScheduler loop, RcpEmulatorOptions? options = null)
        {
            _transport = transport ?? throw new ArgumentNullException(nameof(transport));
            Radio = radio ?? throw new ArgumentNullException(nameof(radio));
            _loop = loop ?? throw new ArgumentNullException(nameof(loop));
            Options = options ?? new RcpEmulatorOptions();
            _transport.DataReceived += OnData;
            Radio.FrameReceived += OnFrameReceived;
        }

        public SimulatedRadio Radio { get; }

        public RcpEmulatorOptions Options { get; }

        public RcpEmulatorCounters Counters { get; } = new RcpEmulatorCounters();

        /// <summary>Opens the transport and announces a power-on reset, as a radio does when it boots.</summary>
        public void Start()
        {
            _transport.Open();
            _loop.Post(() => PowerOn(SpinelStatus.ResetPowerOn));
        }

        /// <summary>The radio resets on its own (a watchdog, a brown-out): it forgets its settings and says so. Call on the loop.</summary>
        public void SimulateReset() => PowerOn(SpinelStatus.ResetWatchdog);

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Radio.FrameReceived -= OnFrameReceived;
            _transport.Dispose();
        }

        private void PowerOn(SpinelStatus reason)
        {
            // Transmissions in progress complete into the previous epoch and are not answered.
            _epoch++;
            _phyEnabled = false;
            _rawStream = false;
            _srcMatchShort.Clear();
            _srcMatchExtended.Clear();
            _config = new RadioConfiguration { Channel = _config.Channel };
            ApplyFilter();
            Counters.Resets++;
            Send(new SpinelFrame { Tid = 0, CommandId = SpinelCommandId.PropValueIs, PropertyId = SpinelPropertyId.LastStatus, Value = SpinelValue.EncodePackedUInt((uint)reason) });
        }

        // ---- from the host (reader thread, then the loop) ----

        private void OnData(ReadOnlyMemory<byte> data)
        {
            _decoded.Clear();
            _decoder.Feed(data.Span, _decoded);
            Counters.FcsErrors = _decoder.FcsErrors;
            foreach (byte[] raw in _decoded)
            {
                if (SpinelFrame.TryDecode(raw, out SpinelFrame? frame, out _) && frame is not null)
                {
                    _loop.Post(() => Handle(frame));
                }
                else
                {
                    Counters.Malformed++;
                }
            }
        }

        private void Handle(SpinelFrame frame)
        {
            if (_disposed)
            {
                return;
            }

            Counters.CommandsReceived++;
            switch (frame.CommandId)
            {
                case SpinelCommandId.Noop:
                    ReplyStatus(frame.Tid, SpinelStatus.Ok);
                    break;
                case SpinelCommandId.Reset:
                    PowerOn(SpinelStatus.ResetSoftware);
                    break;
                case SpinelCommandId.PropValueGet:
                    Get(frame.Tid, frame.PropertyId!.Value);
                    break;
                case SpinelCommandId.PropValueSet:
                    Set(frame.Tid, frame.PropertyId!.Value, frame.Value);
                    break;
                case SpinelCommandId.PropValueInsert:
                case SpinelCommandId.PropValueRemove:
                    InsertOrRemove(frame);
                    break;
                default:
                    ReplyStatus(frame.Tid, SpinelStatus.InvalidCommand);
                    break;
            }
        }

        private void Get(byte tid, SpinelPropertyId property)
        {
            byte[]? value = property switch
            {
                SpinelPropertyId.ProtocolVersion => Options.ProtocolVersion.ToArray(),
                SpinelPropertyId.NcpVersion => SpinelValue.EncodeUtf8(Options.FirmwareVersion),
                SpinelPropertyId.InterfaceType => SpinelValue.EncodePackedUInt((uint)SpinelProtocolType.Thread),
                SpinelPropertyId.Caps => SpinelValue.EncodePackedUIntArray(new[]
                {
                    SpinelCapability.Counters, SpinelCapability.Ieee802154_2006, SpinelCapability.Ieee802154_2450MhzOqpsk,
                    SpinelCapability.ConfigRadio, SpinelCapability.RcpApiVersion, SpinelCapability.RcpMinHostApiVersion,
                    SpinelCapability.MacRaw,
                }.Select(c => (uint)c)),
                SpinelPropertyId.RcpApiVersion => SpinelValue.EncodePackedUInt(Options.RcpApiVersion),
                SpinelPropertyId.RcpMinHostApiVersion => SpinelValue.EncodePackedUInt(Options.RcpMinHostApiVersion),
                SpinelPropertyId.HwAddr => SpinelValue.EncodeEui64(Radio.ExtendedAddress),
                SpinelPropertyId.PhyEnabled => SpinelValue.EncodeBool(_phyEnabled),
                SpinelPropertyId.PhyChan => SpinelValue.EncodeUInt8(_config.Channel),
                SpinelPropertyId.PhyTxPower => SpinelValue.EncodeInt8(_config.TxPowerDbm),
                SpinelPropertyId.Mac15_4PanId => SpinelValue.EncodeUInt16(_config.PanId.Value),
                SpinelPropertyId.Mac15_4SAddr => SpinelValue.EncodeUInt16(_config.ShortAddress),
                SpinelPropertyId.MacRxOnWhenIdleMode => SpinelValue.EncodeBool(_config.RxOnWhenIdle),
                SpinelPropertyId.MacRawStreamEnabled => SpinelValue.EncodeBool(_rawStream),
                SpinelPropertyId.MacScanState => SpinelValue.EncodeUInt8((byte)SpinelScanState.Idle),
                _ => null,
            };
            if (value is null)
            {
                ReplyStatus(tid, SpinelStatus.PropNotFound);
            }
            else
            {
                Reply(tid, SpinelCommandId.PropValueIs, property, value);
            }
        }

        private void Set(byte tid, SpinelPropertyId property, byte[] value)
        {
            try
            {
                switch (property)
                {
                    case SpinelPropertyId.StreamRaw:
                        TransmitRaw(tid, value);
                        return;
                    case SpinelPropertyId.PhyEnabled:
                        _phyEnabled = SpinelValue.DecodeBool(value);
                        break;
                    case SpinelPropertyId.PhyChan:
                        byte channel = SpinelValue.DecodeUInt8(value);
                        if (channel < 11 || channel > 26)
                        {
                            ReplyStatus(tid, SpinelStatus.InvalidArgument);
                            return;
                        }

                        _config = _config with { Channel = channel };
                        break;
                    case SpinelPropertyId.PhyTxPower:
                        _config = _config with { TxPowerDbm = SpinelValue.DecodeInt8(value) };
                        break;
                    case SpinelPropertyId.Mac15_4LAddr:
                        // The simulated radio's address is fixed (its factory EUI-64): accepted when it matches.
                        if (SpinelRadio.DecodeLittleEndianEui64(value) != Radio.ExtendedAddress)
                        {
                            ReplyStatus(tid, SpinelStatus.InvalidArgument);
                            return;
                        }

                        break;
                    case SpinelPropertyId.Mac15_4SAddr:
                        ushort shortAddress = SpinelValue.DecodeUInt16(value);
                        // Spinel has no PAN-coordinator property for an RCP; short address 0x0000 is the coordinator's.
                        _config = _config with { ShortAddress = shortAddress, PanCoordinator = shortAddress == 0x0000 };
                        break;
                    case SpinelPropertyId.Mac15_4PanId:
                        _config = _config with { PanId = new PanId(SpinelValue.DecodeUInt16(value)) };
                        break;
                    case SpinelPropertyId.MacRxOnWhenIdleMode:
                        _config = _config with { RxOnWhenIdle = SpinelValue.DecodeBool(value) };
                        break;
                    case SpinelPropertyId.MacPromiscuousMode:
                        _config = _config with { Promiscuous = SpinelValue.DecodeUInt8(value) != (byte)SpinelMacPromiscuousMode.Off };
                        break;
                    case SpinelPropertyId.MacRawStreamEnabled:
                        _rawStream = SpinelValue.DecodeBool(value);
                        break;
                    case SpinelPropertyId.MacSrcMatchEnabled:
                        break;
                    case SpinelPropertyId.MacScanMask:
                        _scanMask = value.ToArray();
                        break;
                    case SpinelPropertyId.MacScanPeriod:
                        _scanPeriodMs = SpinelValue.DecodeUInt16(value);
                        break;
                    case SpinelPropertyId.MacScanState:
                        if (SpinelValue.DecodeUInt8(value) == (byte)SpinelScanState.Energy)
                        {
                            StartEnergyScan();
                        }

                        break;
                    default:
                        ReplyStatus(tid, SpinelStatus.PropNotFound);
                        return;
                }
            }
            catch (Zsep.Stack.Codec.FrameFormatException)
            {
                ReplyStatus(tid, SpinelStatus.ParseError);
                return;
            }

            ApplyFilter();
            Reply(tid, SpinelCommandId.PropValueIs, property, value);
        }

        private void InsertOrRemove(SpinelFrame frame)
        {
            bool insert = frame.CommandId == SpinelCommandId.PropValueInsert;
            switch (frame.PropertyId)
            {
                case SpinelPropertyId.MacSrcMatchShortAddresses when frame.Value.Length >= 2:
                    ushort s = SpinelValue.DecodeUInt16(frame.Value);
                    Radio.SetFramePending(MacAddress.FromShort(s), insert);
                    _ = insert ? _srcMatchShort.Add(s) : _srcMatchShort.Remove(s);
                    break;
                case SpinelPropertyId.MacSrcMatchExtendedAddresses when frame.Value.Length >= 8:
                    Eui64 e = SpinelRadio.DecodeLittleEndianEui64(frame.Value);
                    Radio.SetFramePending(MacAddress.FromExtended(e), insert);
                    _ = insert ? _srcMatchExtended.Add(e) : _srcMatchExtended.Remove(e);
                    break;
                default:
                    ReplyStatus(frame.Tid, SpinelStatus.InvalidArgument);
                    return;
            }

            Reply(frame.Tid, insert ? SpinelCommandId.PropValueInserted : SpinelCommandId.PropValueRemoved, frame.PropertyId!.Value, frame.Value);
        }

        private void TransmitRaw(byte tid, byte[] value)
        {
            if (!_phyEnabled)
            {
                ReplyStatus(tid, SpinelStatus.InvalidState);
                return;
            }

            if (!SpinelStreamRawTransmit.TryDecode(value, out SpinelStreamRawTransmit? tx, out _) || tx is null || tx.MacFrame.Length < MacFcs.Length + 3)
            {
                ReplyStatus(tid, SpinelStatus.ParseError);
                return;
            }

            if (tx.Channel >= 11 && tx.Channel <= 26 && tx.Channel != _config.Channel)
            {
                _config = _config with { Channel = tx.Channel };
                ApplyFilter();
            }

            byte[] psdu = new byte[tx.MacFrame.Length - MacFcs.Length];
            Array.Copy(tx.MacFrame, psdu, psdu.Length);
            var options = new RadioTransmitOptions
            {
                MaxCsmaBackoffs = tx.MaxCsmaBackoffs ?? SpinelStreamRawTransmit.DefaultMaxCsmaBackoffs,
                MaxFrameRetries = tx.MaxFrameRetries ?? SpinelStreamRawTransmit.DefaultMaxFrameRetries,
                Csma = tx.CsmaCaEnabled ?? true,
            };
            int epoch = _epoch;
            Counters.FramesTransmitted++;
            Radio.Transmit(psdu, options, result =>
            {
                if (epoch != _epoch || _disposed)
                {
                    return;
                }

                SpinelStatus status = result.Status switch
                {
                    RadioTransmitStatus.Success => SpinelStatus.Ok,
                    RadioTransmitStatus.NoAck => SpinelStatus.NoAck,
                    RadioTransmitStatus.ChannelAccessFailure => SpinelStatus.CcaFailure,
                    _ => SpinelStatus.Dropped,
                };
                byte[] code = SpinelValue.EncodePackedUInt((uint)status);
                byte[] reply = status == SpinelStatus.Ok
                    ? code.Concat(new[] { result.FramePending ? (byte)1 : (byte)0, (byte)0 }).ToArray()
                    : code;
                Reply(tid, SpinelCommandId.PropValueIs, SpinelPropertyId.LastStatus, reply);
            });
        }

        private void StartEnergyScan()
        {
            uint mask = 0;
            foreach (byte c in _scanMask)
            {
                if (c >= 11 && c <= 26)
                {
                    mask |= 1u << c;
                }
            }

            int epoch = _epoch;
            Radio.EnergyScan(mask, TimeSpan.FromMilliseconds(_scanPeriodMs), results =>
            {
                if (epoch != _epoch || _disposed)
                {
                    return;
                }

                foreach (ChannelEnergy e in results)
                {
                    Send(new SpinelFrame { CommandId = SpinelCommandId.PropValueIs, PropertyId = SpinelPropertyId.MacEnergyScanResult, Value = new[] { e.Channel, unchecked((byte)e.MaxRssi) } });
                }

                Send(new SpinelFrame { CommandId = SpinelCommandId.PropValueIs, PropertyId = SpinelPropertyId.MacScanState, Value = new[] { (byte)SpinelScanState.Idle } });
            });
        }

        /// <summary>Hands the settings to the simulated radio (frames reach the host only once PHY_ENABLED and the raw stream are on).</summary>
        private void ApplyFilter() => Radio.Configure(_config);

        // ---- to the host ----

        private void OnFrameReceived(RadioFrame frame)
        {
            if (_disposed || !_phyEnabled || !_rawStream)
            {
                return;
            }

            byte[] withFcs = new byte[frame.Psdu.Length + MacFcs.Length];
            frame.Psdu.CopyTo(withFcs, 0);
            MacFcs.Write(frame.Psdu, withFcs.AsSpan(frame.Psdu.Length));
            var value = SpinelStreamRawReceived.Create(withFcs, rssi: frame.Rssi, channel: frame.Channel, lqi: frame.Lqi, timestamp: (ulong)((frame.Timestamp - VirtualScheduler.DefaultEpoch).Ticks / 10), receiveError: 0);
            Counters.FramesForwarded++;
            Send(value.ToFrame(0));
        }

        private void ReplyStatus(byte tid, SpinelStatus status) =>
            Reply(tid, SpinelCommandId.PropValueIs, SpinelPropertyId.LastStatus, SpinelValue.EncodePackedUInt((uint)status));

        private void Reply(byte tid, SpinelCommandId command, SpinelPropertyId property, byte[] value) =>
            Send(new SpinelFrame { Tid = tid, CommandId = command, PropertyId = property, Value = value });

        private void Send(SpinelFrame frame)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                _transport.Write(frame.ToHdlc());
            }
            catch (Zsep.Radio.RadioUnavailableException)
            {
                // The host went away; the emulator keeps its medium running and answers nobody.
            }
        }
    }
}
