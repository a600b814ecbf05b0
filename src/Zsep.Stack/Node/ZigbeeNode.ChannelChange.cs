using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Mac;
using Zsep.Stack.Nwk;
using Zsep.Stack.Radio;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Node
{
    /// <summary>Raised when a node moves its network to another channel.</summary>
    public sealed class ChannelChangedEventArgs : EventArgs
    {
        public ChannelChangedEventArgs(byte previous, byte channel, byte nwkUpdateId, string reason)
        {
            Previous = previous;
            Channel = channel;
            NwkUpdateId = nwkUpdateId;
            Reason = reason;
        }

        public byte Previous { get; }

        public byte Channel { get; }

        public byte NwkUpdateId { get; }

        /// <summary>"Mgmt_NWK_Update_req" (told), "NetworkManager" (the coordinator itself) or "Rediscovered" (found by a scan).</summary>
        public string Reason { get; }
    }

    /// <summary>
    /// Network-wide channel change (05-3474 3.6.1.10 frequency agility, 2.4.3.3.9 Mgmt_NWK_Update_req): the network
    /// manager (the coordinator) broadcasts Mgmt_NWK_Update_req with the new channel as the only bit of ScanChannels,
    /// ScanDuration 0xFE and nwkUpdateId + 1; every device that receives it waits nwkNetworkBroadcastDeliveryTime, so
    /// the broadcast can finish, then moves its radio; the coordinator moves after the same wait. Beacons carry
    /// nwkUpdateId. A device that missed the change (switched off, or a sleeping end device, which broadcasts do not
    /// reach) notices the silence - a router hears no neighbor for three link status periods, an end device's polls go
    /// unacknowledged three times - and scans every channel for a beacon of its own PAN and extended PAN ID with a
    /// newer nwkUpdateId, then carries on there with its address and keys (the channel-scan part of a rejoin).
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        /// <summary>nwkNetworkBroadcastDeliveryTime: the wait between the update request and the move.</summary>
        public static readonly TimeSpan ChannelChangeDelay = TimeSpan.FromSeconds(9);

        /// <summary>Consecutive unacknowledged polls after which an end device looks for its network on other channels.</summary>
        public const int PollFailuresBeforeScan = 3;

        private byte _nwkUpdateId;
        private int _pollFailures;
        private bool _rediscovering;
        private byte _scanChannel;
        private IScheduledItem? _silenceTimer;
        private readonly List<(byte Channel, PanId Pan, byte UpdateId, byte Lqi)> _rediscoveryBeacons = new List<(byte, PanId, byte, byte)>();

        /// <summary>nwkUpdateId: how many channel (or PAN ID) changes this node has followed, modulo 256.</summary>
        public byte NwkUpdateId => _nwkUpdateId;

        public event EventHandler<ChannelChangedEventArgs>? ChannelChanged;

        /// <summary>After a restart (from the store): the update id the network had reached.</summary>
        public void RestoreNwkUpdateId(byte updateId) => _nwkUpdateId = updateId;

        /// <summary>
        /// Network manager: moves the whole network to <paramref name="channel"/>: broadcasts Mgmt_NWK_Update_req
        /// (to 0xFFFF) and moves itself after <see cref="ChannelChangeDelay"/>. Returns the new nwkUpdateId.
        /// </summary>
        public byte ChangeChannel(byte channel)
        {
            if (Role != NodeRole.Coordinator)
            {
                throw new InvalidOperationException("Only the network manager (the coordinator) changes the channel.");
            }

            RequireJoined();
            if (channel < 11 || channel > 26)
            {
                throw new ArgumentOutOfRangeException(nameof(channel), $"Channel {channel} is not a 2.4 GHz Zigbee channel: use 11 to 26.");
            }

            byte updateId = unchecked((byte)(_nwkUpdateId + 1));
            SendZdo(NwkAddress.BroadcastAll, new MgmtNwkUpdateRequest
            {
                Tsn = ++_zdoTsn,
                ScanChannels = 1u << channel,
                ScanDuration = MgmtNwkUpdateRequest.ChannelChange,
                NwkUpdateId = updateId,
            });
            _nwkUpdateId = updateId;
            _scheduler.Schedule(ChannelChangeDelay, () => MoveToChannel(channel, "NetworkManager"));
            return updateId;
        }

        /// <summary>A device receives the channel change (2.4.3.3.9): one channel, a newer update id; it moves after the wait.</summary>
        private void OnMgmtNwkUpdate(NwkHeader nwk, MgmtNwkUpdateRequest request)
        {
            if (Role == NodeRole.Coordinator || request.NwkUpdateId is not byte updateId || nwk.SourceAddress != NwkAddress.Coordinator)
            {
                return;
            }

            uint mask = request.ScanChannels;
            if (mask == 0 || (mask & (mask - 1)) != 0 || (mask & 0x07FFF800u) == 0)
            {
                Drop("ChannelChangeMaskInvalid");
                return;
            }

            if (!IsNewerUpdateId(updateId))
            {
                return; // a copy of one we follow already
            }

            byte channel = 0;
            while ((mask >> channel) != 1u)
            {
                channel++;
            }

            _nwkUpdateId = updateId;
            _scheduler.Schedule(ChannelChangeDelay, () => MoveToChannel(channel, "Mgmt_NWK_Update_req"));
        }

        /// <summary>Sequence comparison modulo 256 (an update id newer by 1 to 127).</summary>
        private bool IsNewerUpdateId(byte updateId) => (byte)(updateId - _nwkUpdateId) is > 0 and < 128;

        private void MoveToChannel(byte channel, string reason)
        {
            if (_disposed || State != NodeState.Joined || channel == _channel)
            {
                return;
            }

            byte previous = _channel;
            _channel = channel;
            ConfigureJoinedRadio();
            ChannelChanged?.Invoke(this, new ChannelChangedEventArgs(previous, channel, _nwkUpdateId, reason));
        }

        /// <summary>The radio as a joined node uses it, on <paramref name="channel"/> (a scan) or our channel.</summary>
        private void ConfigureJoinedRadio(byte? channel = null) =>
            _radio.Configure(new RadioConfiguration
            {
                Channel = channel ?? _channel,
                PanId = _panId,
                ShortAddress = _nwkAddress,
                RxOnWhenIdle = Role != NodeRole.EndDevice,
                PanCoordinator = Role == NodeRole.Coordinator,
            });

        /// <summary>Starts watching for silence (a missed channel change); called when the node becomes Joined.</summary>
        private void StartSilenceWatch()
        {
            _silenceTimer?.Cancel();
            if (Role != NodeRole.Router || _disposed)
            {
                return;
            }

            TimeSpan period = TimeSpan.FromTicks(_options.LinkStatusPeriod.Ticks * 3);
            _silenceTimer = _scheduler.Schedule(period, () =>
            {
                if (_disposed || State != NodeState.Joined)
                {
                    return;
                }

                DateTimeOffset lastHeard = _neighbors.Values.Select(n => n.LastHeard).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
                if (_scheduler.Now - lastHeard >= period)
                {
                    Rediscover();
                }
                else
                {
                    StartSilenceWatch();
                }
            });
        }

        /// <summary>An end device's poll to its parent was or was not acknowledged.</summary>
        private void OnPollResult(bool acknowledged)
        {
            if (acknowledged)
            {
                _pollFailures = 0;
                return;
            }

            if (++_pollFailures >= PollFailuresBeforeScan && State == NodeState.Joined)
            {
                _pollFailures = 0;
                Rediscover();
            }
        }

        /// <summary>Active scan of every channel for a beacon of our own network (PAN ID and extended PAN ID) with a newer update id.</summary>
        private void Rediscover()
        {
            if (_rediscovering || _disposed)
            {
                return;
            }

            _rediscovering = true;
            _rediscoveryBeacons.Clear();
            byte home = _channel;
            var channels = Enumerable.Range(11, 16).Select(c => (byte)c).Where(c => c != home).ToList();
            void Scan(int index)
            {
                if (_disposed || State != NodeState.Joined)
                {
                    _rediscovering = false;
                    return;
                }

                if (index == channels.Count)
                {
                    _rediscovering = false;
                    var found = _rediscoveryBeacons.Where(b => b.Pan == _panId && IsNewerUpdateId(b.UpdateId))
                        .OrderByDescending(b => (byte)(b.UpdateId - _nwkUpdateId)).ThenByDescending(b => b.Lqi).ToList();
                    if (found.Count > 0)
                    {
                        _nwkUpdateId = found[0].UpdateId;
                        MoveToChannel(found[0].Channel, "Rediscovered");
                    }
                    else
                    {
                        ConfigureJoinedRadio();
                    }

                    StartSilenceWatch();
                    return;
                }

                _scanChannel = channels[index];
                ConfigureJoinedRadio(_scanChannel);
                MacSend(MacFrame.CreateBeaconRequest(NextMacSequence()));
                _scheduler.Schedule(_options.ScanDurationPerChannel, () => Scan(index + 1));
            }

            Scan(0);
        }

        /// <summary>A beacon heard while rediscovering: kept when it is from our extended PAN ID.</summary>
        private bool OnRediscoveryBeacon(MacFrame frame, byte lqi)
        {
            if (!_rediscovering)
            {
                return false;
            }

            if (frame.Beacon is MacBeacon beacon && beacon.ZigbeeBeacon is ZigbeeBeaconPayload zb && zb.NwkExtendedPanId == _extendedPanId &&
                frame.SourcePanId is PanId pan)
            {
                _rediscoveryBeacons.Add((_scanChannel, pan, zb.NwkUpdateId.GetValueOrDefault(), lqi));
            }

            return true;
        }
    }
}
