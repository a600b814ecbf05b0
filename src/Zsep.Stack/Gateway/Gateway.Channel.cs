using System;
using System.Threading;
using Zsep.Stack.Node;
using Zsep.Stack.State;

namespace Zsep.Stack.Gateway
{
    /// <summary>What Set-ZsepChannel did.</summary>
    public sealed record ZsepChannelChange
    {
        public string Network { get; init; } = "";

        public byte PreviousChannel { get; init; }

        public byte Channel { get; init; }

        /// <summary>nwkUpdateId after the change (it counts the network's channel changes, modulo 256).</summary>
        public byte NwkUpdateId { get; init; }

        public DateTimeOffset ChangedAt { get; init; }

        public override string ToString() => $"{Network}: channel {PreviousChannel} -> {Channel} (update {NwkUpdateId})";
    }

    /// <summary>Network-wide channel change (the gateway's side of <see cref="ZigbeeNode.ChangeChannel"/>).</summary>
    public sealed partial class Gateway
    {
        /// <summary>The store's name of nwkUpdateId.</summary>
        public const string NwkUpdateIdParameter = "nwk_update_id";

        /// <summary>nwkUpdateId, as the store keeps it.</summary>
        public byte NwkUpdateId => Coordinator.NwkUpdateId;

        /// <summary>
        /// Moves the network to <paramref name="channel"/>: Mgmt_NWK_Update_req broadcast with nwkUpdateId + 1, the
        /// coordinator follows after nwkNetworkBroadcastDeliveryTime; nwk_config.json and the store are updated and
        /// CHANNEL_CHANGED traced. Devices that missed it find the network again by scanning.
        /// </summary>
        public ZsepChannelChange ChangeChannel(byte channel, CancellationToken cancellationToken = default)
        {
            if (channel < NetworkConfig.MinChannel || channel > NetworkConfig.MaxChannel)
            {
                throw new ArgumentOutOfRangeException(nameof(channel), $"Channel {channel} is not a 2.4 GHz Zigbee channel: use 11 to 26.");
            }

            byte previous = (byte)Config.Channel;
            if (channel == previous)
            {
                return new ZsepChannelChange { Network = Name, PreviousChannel = previous, Channel = channel, NwkUpdateId = NwkUpdateId, ChangedAt = Scheduler.Now };
            }

            byte updateId = Coordinator.ChangeChannel(channel);
            Store.SetNetworkParameter(NwkUpdateIdParameter, updateId);
            RunUntil(() => Coordinator.Channel == channel, ZigbeeNode.ChannelChangeDelay + TimeSpan.FromSeconds(1), cancellationToken);
            Config = Config with { Channel = channel };
            Config.Save(_folder.ConfigPath);
            Trace.Info(TraceCodes.ChannelChanged, $"channel {previous} -> {channel}, nwkUpdateId {updateId}");
            return new ZsepChannelChange { Network = Name, PreviousChannel = previous, Channel = channel, NwkUpdateId = updateId, ChangedAt = Scheduler.Now };
        }

        /// <summary>At Open: the update id the network reached.</summary>
        private void RestoreNwkUpdateId()
        {
            if (Store.GetNetworkParameter(NwkUpdateIdParameter) is long id)
            {
                Coordinator.RestoreNwkUpdateId((byte)id);
            }
        }
    }
}
