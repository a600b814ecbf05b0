using System;
using System.Collections.Generic;
using Zsep.Stack.Nwk;
using Zsep.Stack.Radio;
using Zsep.Stack.Runtime;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// Broadcast reliability (05-3474 3.6.5): a router that sends or relays a broadcast listens for its router
    /// neighbors relaying it (passive acknowledgement) and sends it again, up to nwkMaxBroadcastRetries times, when
    /// one of them stays silent for nwkPassiveAckTimeout. Route requests are repeated nwkcInitialRREQRetries times by
    /// their originator and nwkcRREQRetries times by each relay, nwkcRREQRetryInterval apart (3.6.3.5.1).
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        /// <summary>nwkMaxBroadcastRetries (Table 3.44): 2.</summary>
        private const int MaxBroadcastRetries = 2;

        /// <summary>nwkPassiveAckTimeout (Table 3.44; the Zigbee PRO stack profile's value): 500 ms.</summary>
        private static readonly TimeSpan PassiveAckTimeout = TimeSpan.FromMilliseconds(500);

        /// <summary>nwkcInitialRREQRetries (Table 3.43): 3 repeats of a route request by its originator.</summary>
        internal const int InitialRouteRequestRetries = 3;

        /// <summary>nwkcRREQRetries (Table 3.43): 2 repeats of a route request by each relay.</summary>
        internal const int RouteRequestRetries = 2;

        /// <summary>nwkcRREQRetryInterval (Table 3.43): 254 ms (0xFE).</summary>
        private static readonly TimeSpan RouteRequestRetryInterval = TimeSpan.FromMilliseconds(254);

        /// <summary>A broadcast transaction record (BTR, Table 3.69) and its passive acknowledgements.</summary>
        private sealed class BroadcastRecord
        {
            public BroadcastRecord(DateTimeOffset expires) => Expires = expires;

            public DateTimeOffset Expires { get; }

            /// <summary>Neighbors heard relaying it (null when this node does not relay it).</summary>
            public HashSet<ushort>? Heard { get; set; }

            public int Retries { get; set; }
        }

        /// <summary>Sends a broadcast we originate or relay, then waits for its passive acknowledgements.</summary>
        private void BroadcastTransmit(BroadcastRecord record, NwkHeader header, byte[] payload, bool secure, Action<bool>? done)
        {
            MacSend(MacDataPsdu(0xFFFF, EncodeNwk(header, payload, secure)), done is null ? null : r => done(r.Status == RadioTransmitStatus.Success));
            if (header.Radius <= 1 || record.Heard is null)
            {
                // Nobody relays a frame with radius 1: there is no passive acknowledgement to wait for.
                return;
            }

            _scheduler.Schedule(PassiveAckTimeout, () =>
            {
                if (_disposed || State != NodeState.Joined || record.Retries >= MaxBroadcastRetries || AllRouterNeighborsHeard(record.Heard))
                {
                    return;
                }

                record.Retries++;
                Counters.NwkBroadcastRetries++;
                BroadcastTransmit(record, header, payload, secure, null);
            });
        }

        private bool AllRouterNeighborsHeard(HashSet<ushort> heard)
        {
            foreach (Neighbor n in _neighbors.Values)
            {
                if (n.IsRouter && n.Relationship != NeighborRelationship.UnauthenticatedChild && !heard.Contains(n.Address))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Sends a route request now and <paramref name="repeats"/> more times nwkcRREQRetryInterval apart, while
        /// <paramref name="stillBest"/> holds (a relay stops once it has a cheaper copy to pass on instead).
        /// </summary>
        private void SendRouteRequestRepeated(int repeats, Func<bool> stillBest, Action send)
        {
            if (_disposed || State != NodeState.Joined || !stillBest())
            {
                return;
            }

            send();
            if (repeats > 0)
            {
                _scheduler.Schedule(RouteRequestRetryInterval + Jitter(), () => SendRouteRequestRepeated(repeats - 1, stillBest, send));
            }
        }
    }
}
