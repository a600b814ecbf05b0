using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Zsep.Radio.Spinel;
using Zsep.Stack.Mac;
using Zsep.Stack.Radio;

namespace Zsep.Radio.Driver
{
    /// <summary>Transmit, receive, energy scan, source matching and radio resets.</summary>
    public sealed partial class SpinelRadio
    {
        private readonly object _scanLock = new object();
        private ScanState? _scan;

        /// <summary>
        /// PROP_VALUE_SET STREAM_RAW with the transmit metadata (channel, CSMA backoffs, frame retries, CSMA on/off).
        /// The radio answers with the same TID once the transmission is done: LAST_STATUS OK, NO_ACK or CCA_FAILURE,
        /// then (OK only) the frame-pending bit of the ack and the header-updated flag (OpenThread
        /// NcpBase::LinkRawTransmitDone / RadioSpinel::HandleTransmitDone).
        /// </summary>
        public void Transmit(ReadOnlyMemory<byte> psdu, RadioTransmitOptions options, Action<RadioTransmitResult> completed)
        {
            if (completed is null)
            {
                throw new ArgumentNullException(nameof(completed));
            }

            ThrowIfUnavailable();
            byte[] withFcs = new byte[psdu.Length + MacFcs.Length];
            psdu.Span.CopyTo(withFcs);
            var value = new SpinelStreamRawTransmit
            {
                MacFrame = withFcs,
                Channel = _configuration.Channel,
                MaxCsmaBackoffs = options.MaxCsmaBackoffs,
                MaxFrameRetries = options.MaxFrameRetries,
                CsmaCaEnabled = options.Csma,
            };
            var request = new SpinelFrame { CommandId = SpinelCommandId.PropValueSet, PropertyId = SpinelPropertyId.StreamRaw, Value = value.ToArray() };
            Counters.FramesSent++;
            _host.RequestAsync(request, Options.TransmitTimeout).ContinueWith(
                t => _scheduler.Post(() => completed(TransmitResult(t))),
                TaskContinuationOptions.ExecuteSynchronously);
        }

        public void EnergyScan(uint channelMask, TimeSpan durationPerChannel, Action<IReadOnlyList<ChannelEnergy>> completed)
        {
            ThrowIfUnavailable();
            byte[] channels = Enumerable.Range(11, 16).Where(c => (channelMask & (1u << c)) != 0).Select(c => (byte)c).ToArray();
            var scan = new ScanState(completed);
            lock (_scanLock)
            {
                if (_scan is not null)
                {
                    throw new InvalidOperationException($"An energy scan is already running on {Name}.");
                }

                _scan = scan;
            }

            if (channels.Length == 0)
            {
                FinishScan(scan);
                return;
            }

            ushort periodMs = (ushort)Math.Max(1, Math.Min(ushort.MaxValue, durationPerChannel.TotalMilliseconds));
            SetInBackground(SpinelPropertyId.MacScanMask, channels);
            SetInBackground(SpinelPropertyId.MacScanPeriod, SpinelValue.EncodeUInt16(periodMs));
            SetInBackground(SpinelPropertyId.MacScanState, SpinelValue.EncodeUInt8((byte)SpinelScanState.Energy));
            // A radio that never reports the end of the scan: give up with what came.
            _scheduler.Schedule(TimeSpan.FromMilliseconds(periodMs * channels.Length) + TimeSpan.FromSeconds(3), () => FinishScan(scan));
        }

        /// <summary>
        /// Source-match table entries (PROP_MAC_SRC_MATCH_SHORT_ADDRESSES <c>S</c> / _EXTENDED_ADDRESSES <c>E</c>, the
        /// latter little-endian as OpenThread's platform API hands them): the radio sets frame pending in the ack of a
        /// data request from a listed device. Kept here as well, to be applied again after a radio reset.
        /// </summary>
        public void SetFramePending(MacAddress device, bool pending)
        {
            ThrowIfUnavailable();
            bool changed = pending ? _sourceMatch.Add(device) : _sourceMatch.Remove(device);
            if (changed && SourceMatchEntry(device) is (SpinelPropertyId property, byte[] value))
            {
                SetInBackground(property, value, pending ? SpinelCommandId.PropValueInsert : SpinelCommandId.PropValueRemove);
            }
        }

        private static (SpinelPropertyId, byte[])? SourceMatchEntry(MacAddress device) => device.Mode switch
        {
            MacAddressingMode.Short => (SpinelPropertyId.MacSrcMatchShortAddresses, SpinelValue.EncodeUInt16(device.ShortAddress)),
            MacAddressingMode.Extended => (SpinelPropertyId.MacSrcMatchExtendedAddresses, EncodeLittleEndianEui64(device.ExtendedAddress)),
            _ => null,
        };

        private RadioTransmitResult TransmitResult(Task<SpinelFrame> reply)
        {
            if (reply.Status != TaskStatus.RanToCompletion)
            {
                Counters.TransmitErrors++;
                return new RadioTransmitResult(RadioTransmitStatus.Aborted);
            }

            SpinelFrame frame = reply.Result;
            if (frame.CommandId != SpinelCommandId.PropValueIs || frame.PropertyId != SpinelPropertyId.LastStatus
                || !Zsep.Stack.Codec.FrameCodec.TryDecode(frame.Value, ReadLeadingPackedUInt, out uint status, out _))
            {
                Counters.TransmitErrors++;
                return new RadioTransmitResult(RadioTransmitStatus.Aborted);
            }

            switch ((SpinelStatus)status)
            {
                case SpinelStatus.Ok:
                    int at = SpinelPackedUInt.GetEncodedLength(status);
                    bool framePending = frame.Value.Length > at && frame.Value[at] != 0;
                    return new RadioTransmitResult(RadioTransmitStatus.Success, framePending);
                case SpinelStatus.NoAck:
                    Counters.NoAck++;
                    return new RadioTransmitResult(RadioTransmitStatus.NoAck);
                case SpinelStatus.CcaFailure:
                    Counters.ChannelAccessFailures++;
                    return new RadioTransmitResult(RadioTransmitStatus.ChannelAccessFailure);
                default:
                    Counters.TransmitErrors++;
                    return new RadioTransmitResult(RadioTransmitStatus.Aborted);
            }
        }

        /// <summary>The status at the start of a transmit-done LAST_STATUS (frame pending, header updated and the ack follow).</summary>
        private static uint ReadLeadingPackedUInt(ReadOnlySpan<byte> value)
        {
            var reader = new Zsep.Stack.Codec.FrameReader(value, Zsep.Stack.Codec.FrameLayer.Spinel);
            return SpinelPackedUInt.Read(ref reader, "LastStatus");
        }

        /// <summary>TID 0 frames from the radio, on the reader thread.</summary>
        private void OnUnsolicited(SpinelFrame frame)
        {
            if (frame.CommandId != SpinelCommandId.PropValueIs)
            {
                return;
            }

            switch (frame.PropertyId)
            {
                case SpinelPropertyId.StreamRaw:
                    OnStreamRaw(frame.Value);
                    break;
                case SpinelPropertyId.LastStatus:
                    if (Zsep.Stack.Codec.FrameCodec.TryDecode(frame.Value, v => SpinelValue.DecodeStatus(v), out SpinelStatus status, out _) && status.IsResetReason())
                    {
                        OnResetNotification(status);
                    }

                    break;
                case SpinelPropertyId.MacEnergyScanResult:
                    if (frame.Value.Length >= 2)
                    {
                        lock (_scanLock)
                        {
                            _scan?.Results.Add(new ChannelEnergy(frame.Value[0], unchecked((sbyte)frame.Value[1])));
                        }
                    }

                    break;
                case SpinelPropertyId.MacScanState:
                    if (frame.Value.Length >= 1 && frame.Value[0] == (byte)SpinelScanState.Idle)
                    {
                        ScanState? scan;
                        lock (_scanLock)
                        {
                            scan = _scan;
                        }

                        if (scan is not null)
                        {
                            _scheduler.Post(() => FinishScan(scan));
                        }
                    }

                    break;
            }
        }

        private void OnStreamRaw(byte[] value)
        {
            if (!SpinelStreamRawReceived.TryDecode(value, out SpinelStreamRawReceived? raw, out _) || raw is null || raw.MacFrame.Length < MacFcs.Length)
            {
                _scheduler.Post(() => Counters.MalformedFrames++);
                return;
            }

            if ((raw.Flags & SpinelMetadataFlags.Tx) != 0 || (raw.Flags & SpinelMetadataFlags.BadFcs) != 0)
            {
                return;
            }

            byte[] psdu = new byte[raw.MacFrame.Length - MacFcs.Length];
            Array.Copy(raw.MacFrame, psdu, psdu.Length);
            sbyte rssi = raw.Rssi;
            byte lqi = raw.Lqi ?? LqiFromRssi(rssi);
            byte? channel = raw.Channel;
            _scheduler.Post(() =>
            {
                if (_disposed)
                {
                    return;
                }

                Counters.FramesReceived++;
                FrameReceived?.Invoke(new RadioFrame(psdu, channel ?? _configuration.Channel, rssi, lqi, _scheduler.Now));
            });
        }

        /// <summary>An LQI for radios that report none: RSSI mapped linearly from -90 dBm (0) to -40 dBm (255).</summary>
        private static byte LqiFromRssi(sbyte rssi) => (byte)Math.Max(0, Math.Min(255, (rssi + 90) * 255 / 50));

        private void OnResetNotification(SpinelStatus reason)
        {
            if (!_started)
            {
                _resetSeen.Set();
                return;
            }

            // The radio started over: nothing sent before will be answered, and it has forgotten its settings.
            Counters.Reset();
            _host.AbortPending(new RadioUnavailableException(Name, $"The radio on {Name} reset ({reason})."));
            AbortScan();
            _scheduler.Post(() =>
            {
                if (_disposed || !IsAvailable)
                {
                    return;
                }

                foreach ((SpinelPropertyId property, byte[] value) in ConfigurationCommands(_configuration, null))
                {
                    SetInBackground(property, value);
                }

                foreach (MacAddress device in _sourceMatch)
                {
                    if (SourceMatchEntry(device) is (SpinelPropertyId property, byte[] value))
                    {
                        SetInBackground(property, value, SpinelCommandId.PropValueInsert);
                    }
                }
            });
        }

        private void AbortScan()
        {
            ScanState? scan;
            lock (_scanLock)
            {
                scan = _scan;
            }

            if (scan is not null)
            {
                _scheduler.Post(() => FinishScan(scan));
            }
        }

        /// <summary>On the loop: hands the results over once.</summary>
        private void FinishScan(ScanState scan)
        {
            List<ChannelEnergy> results;
            lock (_scanLock)
            {
                if (scan.Done)
                {
                    return;
                }

                scan.Done = true;
                if (_scan == scan)
                {
                    _scan = null;
                }

                results = scan.Results.OrderBy(r => r.Channel).ToList();
            }

            scan.Completed(results);
        }

        private sealed class ScanState
        {
            public ScanState(Action<IReadOnlyList<ChannelEnergy>> completed) => Completed = completed;

            public Action<IReadOnlyList<ChannelEnergy>> Completed { get; }

            public List<ChannelEnergy> Results { get; } = new List<ChannelEnergy>();

            public bool Done { get; set; }
        }
    }
}
