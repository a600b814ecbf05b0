using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Zsep.Stack.Node;
using Zsep.Stack.State;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Gateway
{
    /// <summary>What Update-ZsepNetworkKey did (never the key).</summary>
    public sealed record ZsepNetworkKeyUpdate
    {
        public string Network { get; init; } = "";

        public byte PreviousSequence { get; init; }

        public byte Sequence { get; init; }

        /// <summary>Devices the new key was sent to (APS Transport-Key, one each).</summary>
        public int DevicesSent { get; init; }

        public DateTimeOffset SwitchedAt { get; init; }

        public override string ToString() => $"{Network}: network key {PreviousSequence} -> {Sequence}";
    }

    /// <summary>
    /// Network key rotation (05-3474 4.6.3.4): the gateway's side of <see cref="ZigbeeNode.DistributeNetworkKey"/> and
    /// <see cref="ZigbeeNode.SwitchNetworkKey"/> - the key stored, the frame counters per key (a new key's NWK counter
    /// starts at 0, the APS link-key counter goes on), nwk_config.json and the trace.
    /// </summary>
    public sealed partial class Gateway
    {
        /// <summary>The store's name of the Trust Center's APS outgoing counter (all its link keys share it).</summary>
        public const string LinkKeyCounterName = "aps:tc";

        private readonly Dictionary<byte, FrameCounterReservation> _networkCounters = new Dictionary<byte, FrameCounterReservation>();
        private FrameCounterReservation? _linkCounter;

        /// <summary>The outgoing NWK counter under the network key with <paramref name="sequence"/> (one reservation per key).</summary>
        private uint NextNetworkCounter(byte sequence)
        {
            if (sequence == Config.NetworkKeySequence)
            {
                return _frameCounters.Next();
            }

            if (!_networkCounters.TryGetValue(sequence, out FrameCounterReservation? r))
            {
                _networkCounters[sequence] = r = new FrameCounterReservation(Store, FrameCounterReservation.NetworkKeyName(sequence));
            }

            return r.Next();
        }

        /// <summary>
        /// The APS counter. It was the network key's counter before keys rotated (one counter for both), so a store
        /// without it starts it at that counter's limit: devices have seen APS counters up to there.
        /// </summary>
        private uint NextLinkCounter()
        {
            if (_linkCounter is null)
            {
                if (Store.GetOutgoingFrameCounterLimit(LinkKeyCounterName) is null)
                {
                    long floor = Store.GetOutgoingFrameCounterLimit(FrameCounterReservation.NetworkKeyName(Config.NetworkKeySequence)) ?? 0;
                    Store.ReserveOutgoingFrameCounters(LinkKeyCounterName, Math.Max(floor, _frameCounters.ReservedLimit));
                }

                _linkCounter = new FrameCounterReservation(Store, LinkKeyCounterName);
            }

            return _linkCounter.Next();
        }

        /// <summary>Wires the key events and, after a restart that followed a rotation, gives the coordinator the previous key.</summary>
        private void StartKeys()
        {
            Coordinator.StaleKeyDeviceUpdated += OnStaleKeyDeviceUpdated;
            if (Config.NetworkKeySequence > 0 && Store.GetNetworkKey(unchecked((byte)(Config.NetworkKeySequence - 1))) is { } previous)
            {
                Coordinator.RestorePreviousNetworkKey(previous.Key, previous.Sequence);
            }
        }

        private void OnStaleKeyDeviceUpdated(object? sender, StaleKeyDeviceEventArgs e) =>
            Trace.Info(TraceCodes.KeyTransported, e.Ieee,
                $"network key {Coordinator.NetworkKeySequence} sent to {e.Address}, which still used key {Coordinator.NetworkKeySequence - 1}" +
                (e.ReportedBy is { } r ? $" (reported by {r})" : ""));

        /// <summary>
        /// Rotates the network key: stores <paramref name="key"/> (or a new random one) as sequence + 1, sends it to every
        /// node in the store, lets <paramref name="distributionTime"/> of network time pass (end devices fetch it at
        /// their next poll), broadcasts Switch Key and switches; nwk_config.json then names the new sequence.
        /// Devices that were away are brought up to date when they next speak.
        /// </summary>
        public ZsepNetworkKeyUpdate UpdateNetworkKey(ZigbeeKey? key, TimeSpan distributionTime, CancellationToken cancellationToken = default)
        {
            byte previous = Config.NetworkKeySequence;
            byte sequence = unchecked((byte)(previous + 1));
            ZigbeeKey newKey = key ?? RandomKey();
            // A sequence number used before (256 rotations ago) resumes its counter above the old reservation.
            Store.SaveNetworkKey(sequence, newKey, Scheduler.Now);
            List<(Eui64, NwkAddress)> devices = Store.GetNodes()
                .Where(n => n.Ieee != Config.CoordinatorIeee)
                .Select(n => (n.Ieee, n.NwkAddress))
                .ToList();
            int sent = Coordinator.DistributeNetworkKey(newKey, sequence, devices);
            Trace.Info(TraceCodes.KeyTransported, $"network key {sequence} sent to {sent} devices");
            RunFor(distributionTime + TimeSpan.FromMilliseconds(50 * sent), cancellationToken);

            Coordinator.SwitchNetworkKey(Store.GetNodes().Where(n => n.DeviceType == LogicalType.EndDevice).Select(n => n.NwkAddress).ToList());
            FrameCounterReservation old = _frameCounters;
            _frameCounters = NetworkReservation(sequence);
            _networkCounters[previous] = old;
            Config = Config with { NetworkKeySequence = sequence };
            Config.Save(_folder.ConfigPath);
            Trace.Info(TraceCodes.KeySwitched, $"network key {previous} -> {sequence} (Switch Key broadcast)");
            return new ZsepNetworkKeyUpdate
            {
                Network = Name,
                PreviousSequence = previous,
                Sequence = sequence,
                DevicesSent = sent,
                SwitchedAt = Scheduler.Now,
            };
        }

        /// <summary>
        /// Trust Center link key recovery, first half (the device lost its key, or it cannot be trusted): the device is
        /// removed (its parent drops it, APS Remove Device) and leaves the node table, its incoming counters are
        /// forgotten, and its registration goes back to Pending with the link key derived from its install code, so the
        /// device - factory-reset with that code - is admitted again as on its first join. Throws when the device is
        /// not registered or was registered without an install code (there is nothing to re-derive the key from).
        /// </summary>
        public void BeginNodeKeyReset(Eui64 ieee)
        {
            TrustCenterDevice device = Store.GetTrustCenterDevice(ieee)
                ?? throw new ArgumentException($"{ieee} is not registered with the Trust Center of {Name}.", nameof(ieee));
            if (device.InstallCode is null)
            {
                throw new InvalidOperationException($"{ieee} was registered without an install code: its link key cannot be derived again. Register its code with Add-ZsepInstallCode -Force.");
            }

            Coordinator.RemoveDevice(ieee);
            Store.RemoveNode(ieee);
            Store.RemoveIncomingFrameCounters(ieee);
            Store.SetDeviceStatus(ieee, TrustCenterDeviceStatus.Pending, Scheduler.Now);
            Trace.Info(TraceCodes.DeviceLeft, ieee, $"link key reset: removed, to be admitted again with its install code (CRC {device.InstallCode.Crc:X4})");
        }

        private FrameCounterReservation NetworkReservation(byte sequence)
        {
            if (_networkCounters.TryGetValue(sequence, out FrameCounterReservation? r))
            {
                _networkCounters.Remove(sequence);
                return r;
            }

            return new FrameCounterReservation(Store, FrameCounterReservation.NetworkKeyName(sequence));
        }
    }
}
