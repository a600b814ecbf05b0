using System;
using System.Collections.Generic;
using Zsep.Stack.Node;
using Zsep.Stack.State;
using Zsep.Stack.Types;

namespace Zsep.Stack.Gateway
{
    /// <summary>
    /// A node's Status follows what the gateway sees (issue 3): it becomes Offline when the gateway fails to reach it
    /// - a unicast to it confirmed NoAck (no APS ack after apsMaxFrameRetries, 05-3474 2.2.8.4.4) or NoRoute (no
    /// route, or the first hop did not acknowledge), or a MAC frame to it as a neighbour unacknowledged after
    /// macMaxFrameRetries (IEEE 802.15.4-2006 7.5.6.4) with nothing heard from it while the APS retries ran - and
    /// Online again when any frame from it arrives (its NWK source, or its MAC source as a relay or a polling
    /// child). Changes are stored (nodes.status) and traced NODE_OFFLINE / NODE_ONLINE with the IEEE address.
    /// </summary>
    public sealed partial class Gateway
    {
        public const string NodeOfflineCode = "NODE_OFFLINE";
        public const string NodeOnlineCode = "NODE_ONLINE";

        /// <summary>Offline nodes by NWK address: the receive path checks this set only.</summary>
        private readonly Dictionary<ushort, Eui64> _offline = new Dictionary<ushort, Eui64>();

        private void StartAvailability()
        {
            foreach (NodeRecord n in Store.GetNodes())
            {
                if (n.Status == NodeStatus.Offline)
                {
                    _offline[n.NwkAddress.Value] = n.Ieee;
                }
            }

            Coordinator.DeliveryFailed += OnDeliveryFailed;
            _tap.TransmitDone = OnTransmitDone;
        }

        private void OnDeliveryFailed(object? sender, DeliveryFailedEventArgs e) =>
            MarkOffline(e.Destination, e.Status == ApsDeliveryStatus.NoAck ? "no APS acknowledgement after the retries" : "no route to it");

        /// <summary>
        /// A MAC frame to a neighbour was acknowledged, or went unacknowledged after the radio's retries. An
        /// acknowledgement is hearing from it (it may bring it back Online). After a NoAck the stack tries again (APS
        /// retries, another route), so the neighbour is marked offline only when nothing was heard from it, acks
        /// included, during the time the APS retries take.
        /// </summary>
        private void OnTransmitDone(ReadOnlyMemory<byte> psdu, bool acked)
        {
            if (_disposed || !TryShortDataDestination(psdu.Span, out ushort neighbour))
            {
                return;
            }

            DateTimeOffset failedAt = Scheduler.Now;
            if (acked)
            {
                _lastHeardAny[neighbour] = failedAt;
                if (_offline.Count > 0)
                {
                    HeardFrom(neighbour);
                }

                return;
            }

            ApsStackOptions aps = Coordinator.StackOptions;
            TimeSpan grace = TimeSpan.FromTicks((long)(aps.AckWaitDuration.Ticks * (aps.MaxFrameRetries + 1) * 1.2));
            Scheduler.Schedule(grace, () =>
            {
                if (!_disposed && !(_lastHeardAny.TryGetValue(neighbour, out DateTimeOffset heard) && heard >= failedAt))
                {
                    MarkOffline(new NwkAddress(neighbour), "its MAC acknowledgements stopped (no ack after the radio's retries, nothing heard since)");
                }
            });
        }

        /// <summary>
        /// The short destination of a MAC data frame, read from the header without decoding the frame (IEEE 802.15.4
        /// 7.2.1: frame control, sequence number, then the destination PAN ID and address, little-endian); false for
        /// other frames and for broadcast or reserved addresses.
        /// </summary>
        internal static bool TryShortDataDestination(ReadOnlySpan<byte> psdu, out ushort destination)
        {
            destination = 0;
            if (psdu.Length < 7 || (psdu[0] & 0x07) != 0x01 || ((psdu[1] >> 2) & 0x03) != 0x02)
            {
                return false;
            }

            destination = (ushort)(psdu[5] | (psdu[6] << 8));
            return destination < 0xFFF8;
        }

        private void MarkOffline(NwkAddress address, string why)
        {
            if (_disposed || address.Value == Coordinator.NwkAddress.Value || _offline.ContainsKey(address.Value) ||
                Store.GetNodeByNwkAddress(address) is not { } node)
            {
                return;
            }

            _offline[address.Value] = node.Ieee;
            if (node.Status != NodeStatus.Offline)
            {
                Store.UpsertNode(node with { Status = NodeStatus.Offline });
            }

            Trace.Write(TraceLevel.Warning, NodeOfflineCode, node.Ieee, $"{address} unreachable: {why}");
        }

        /// <summary>Any frame from <paramref name="address"/> (called from the receive path, which first checks the offline set is not empty).</summary>
        private void HeardFrom(ushort address)
        {
            if (!_offline.TryGetValue(address, out Eui64 ieee))
            {
                return;
            }

            _offline.Remove(address);
            if (Store.GetNode(ieee) is { } node && node.NwkAddress.Value == address)
            {
                Store.UpsertNode(node with { Status = NodeStatus.Online, LastSeen = Scheduler.Now });
                Trace.Info(NodeOnlineCode, ieee, $"{new NwkAddress(address)} heard again");
            }
        }
    }
}
