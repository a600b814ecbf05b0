using System;
using System.Collections.Generic;
using Zsep.Stack.Radio;
using Zsep.Stack.Runtime;

namespace Zsep.Simulation.Medium
{
    /// <summary>
    /// Energy detection scan (IEEE 802.15.4-2006 7.5.2.1.1, 6.9.7): one channel after another, the peak energy over
    /// each channel's dwell time: the noise floor, the channel's background interference, and every frame heard.
    /// While scanning the radio receives no frames (it is tuned away).
    /// </summary>
    public sealed partial class SimulatedRadio
    {
        private readonly List<byte> _scanChannels = new List<byte>();
        private List<ChannelEnergy>? _scanResults;
        private Action<IReadOnlyList<ChannelEnergy>>? _scanCompleted;
        private TimeSpan _scanDwell;
        private int _scanIndex;
        private double _scanMax;
        private IScheduledItem? _scanItem;
        private byte _scanChannel;

        /// <summary>The channel an energy scan is measuring now, or 0.</summary>
        internal byte ScanChannel
        {
            get => _scanChannel;
            private set
            {
                _scanChannel = value;
                UpdateRxState();
            }
        }

        public void EnergyScan(uint channelMask, TimeSpan durationPerChannel, Action<IReadOnlyList<ChannelEnergy>> completed)
        {
            if (completed is null)
            {
                throw new ArgumentNullException(nameof(completed));
            }

            if (_scanCompleted != null)
            {
                throw new InvalidOperationException($"Radio {Name} is already scanning.");
            }

            if (Offline)
            {
                Medium.Scheduler.Post(() => completed(Array.Empty<ChannelEnergy>()));
                return;
            }

            _scanChannels.Clear();
            for (byte ch = 11; ch <= 26; ch++)
            {
                if ((channelMask & (1u << ch)) != 0)
                {
                    _scanChannels.Add(ch);
                }
            }

            _scanResults = new List<ChannelEnergy>(_scanChannels.Count);
            _scanCompleted = completed;
            _scanDwell = durationPerChannel < TimeSpan.Zero ? TimeSpan.Zero : durationPerChannel;
            _scanIndex = 0;
            ScanStep();
        }

        internal void NoteScanEnergy(double dbm)
        {
            if (dbm > _scanMax)
            {
                _scanMax = dbm;
            }
        }

        private void ScanStep()
        {
            _scanItem = null;
            if (_scanIndex > 0)
            {
                _scanResults!.Add(new ChannelEnergy(ScanChannel, Propagation.ToReportedRssi(_scanMax)));
            }

            if (_scanIndex >= _scanChannels.Count)
            {
                EndScan();
                return;
            }

            ScanChannel = _scanChannels[_scanIndex++];
            AbortReceptions();
            _scanMax = Medium.EnergyAt(this, ScanChannel);
            _scanItem = Medium.Scheduler.Schedule(_scanDwell, ScanStep);
        }

        private void EndScan()
        {
            ScanChannel = 0;
            Action<IReadOnlyList<ChannelEnergy>> completed = _scanCompleted!;
            List<ChannelEnergy> results = _scanResults!;
            _scanCompleted = null;
            _scanResults = null;
            completed(results);
        }

        private void AbortScan()
        {
            if (_scanCompleted is null)
            {
                return;
            }

            _scanItem?.Cancel();
            _scanItem = null;
            ScanChannel = 0;
            Action<IReadOnlyList<ChannelEnergy>> completed = _scanCompleted;
            List<ChannelEnergy> results = _scanResults!;
            _scanCompleted = null;
            _scanResults = null;
            Medium.Scheduler.Post(() => completed(results));
        }
    }
}
