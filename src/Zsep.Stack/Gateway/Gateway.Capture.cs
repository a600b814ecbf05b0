using System;
using System.Collections.Generic;
using System.IO;
using Zsep.Stack.Capture;
using Zsep.Stack.Radio;
using Zsep.Stack.State;

namespace Zsep.Stack.Gateway
{
    /// <summary>A capture in progress or finished (Start-/Stop-ZsepCapture).</summary>
    public sealed record ZsepCapture
    {
        public string Network { get; init; } = "";

        public string Path { get; init; } = "";

        /// <summary>"Gateway" (what the gateway's radio sent and received) or "Sniffer" (a promiscuous radio on a channel).</summary>
        public string Source { get; init; } = "";

        public byte Channel { get; init; }

        public DateTimeOffset StartedAt { get; init; }

        public DateTimeOffset? StoppedAt { get; init; }

        public int Frames { get; init; }

        public long Bytes { get; init; }
    }

    public sealed partial class Gateway
    {
        private PcapWriter? _capture;
        private IRadio? _sniffer;
        private ZsepCapture? _captureInfo;

        /// <summary>The capture in progress, or null.</summary>
        public ZsepCapture? Capture => _captureInfo is null || _capture is null ? null
            : _captureInfo with { Frames = _capture.Frames, Bytes = _capture.Bytes };

        /// <summary>
        /// Starts writing every frame to a pcap file (802.15.4 TAP, with channel, RSSI and LQI): the frames the
        /// gateway's radio sends and receives, or, when <paramref name="sniffer"/> is given, everything that
        /// promiscuous radio hears (it is owned by the capture from then on and disposed at the stop).
        /// </summary>
        public ZsepCapture StartCapture(string path, IRadio? sniffer = null)
        {
            if (_capture is not null)
            {
                throw new InvalidOperationException($"A capture is already running on {Name} (to {_captureInfo!.Path}); stop it first.");
            }

            var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
            _capture = new PcapWriter(file);
            _captureInfo = new ZsepCapture
            {
                Network = Name,
                Path = System.IO.Path.GetFullPath(path),
                Source = sniffer is null ? "Gateway" : "Sniffer",
                Channel = sniffer?.Configuration.Channel ?? (byte)Config.Channel,
                StartedAt = Scheduler.Now,
            };
            if (sniffer is null)
            {
                _tap.Sink = WriteCaptured;
            }
            else
            {
                _sniffer = sniffer;
                sniffer.FrameReceived += OnSnifferFrame;
            }

            Trace.Info(TraceCodes.CaptureStarted, $"{_captureInfo.Source} on channel {_captureInfo.Channel} to {_captureInfo.Path}");
            return Capture!;
        }

        /// <summary>Stops the capture and closes the file; null when none was running.</summary>
        public ZsepCapture? StopCapture()
        {
            if (_capture is null)
            {
                return null;
            }

            ZsepCapture result = Capture! with { StoppedAt = Scheduler.Now };
            _tap.Sink = null;
            if (_sniffer is not null)
            {
                _sniffer.FrameReceived -= OnSnifferFrame;
                _sniffer.Dispose();
                _sniffer = null;
            }

            _capture.Dispose();
            result = result with { Bytes = new FileInfo(result.Path).Length };
            _capture = null;
            _captureInfo = null;
            Trace.Info(TraceCodes.CaptureStopped, $"{result.Frames} frames, {result.Bytes} bytes in {result.Path}");
            return result;
        }

        /// <summary>
        /// The keys Wireshark needs to decode this network's traffic: the network keys of every sequence, the default
        /// Trust Center link key, and each device's Trust Center link key labelled with its IEEE address.
        /// </summary>
        public IReadOnlyList<WiresharkKey> WiresharkKeys()
        {
            var keys = new List<WiresharkKey>();
            foreach (NetworkKeyRecord record in Store.GetNetworkKeys())
            {
                keys.Add(new WiresharkKey(record.Key, $"{Name} network key, sequence {record.Sequence}"));
            }

            keys.Add(new WiresharkKey(Types.ZigbeeKey.DefaultTrustCenterLinkKey, "ZigBeeAlliance09 (default TC link key)"));
            foreach (TrustCenterDevice device in Store.GetTrustCenterDevices())
            {
                keys.Add(new WiresharkKey(device.LinkKey, $"{device.Ieee} TC link key"));
            }

            return keys;
        }

        private void OnSnifferFrame(RadioFrame frame) => WriteCaptured(CaptureTap.FromRadio(frame, CaptureDirection.Received));

        private void WriteCaptured(CapturedFrame frame)
        {
            try
            {
                _capture?.Write(frame.Time, frame.Psdu, frame.Channel ?? (byte)Config.Channel, frame.Rssi, frame.Lqi);
            }
            catch (IOException ex)
            {
                // A full disk must not stop the network: the capture ends, the trace says why.
                Trace.Error(TraceCodes.CaptureStopped, $"capture stopped: {ex.Message}");
                _tap.Sink = null;
                _capture?.Dispose();
                _capture = null;
                _captureInfo = null;
            }
        }
    }
}
