using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Nwk;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// The device and service discovery part of the ZDO (05-3474 2.4.3.1, 2.4.4.2): this node's application endpoints
    /// answer Active_EP_req (2.4.3.1.6), Simple_Desc_req (2.4.3.1.5) and Match_Desc_req (2.4.3.1.7); and a client
    /// side that sends a ZDP request and matches its response by transaction sequence number and source.
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        private readonly SortedDictionary<byte, SimpleDescriptor> _endpoints = new SortedDictionary<byte, SimpleDescriptor>();
        private readonly Dictionary<(ushort Source, byte Tsn, ushort Cluster), PendingZdo> _pendingZdo = new Dictionary<(ushort, byte, ushort), PendingZdo>();

        private sealed class PendingZdo
        {
            public PendingZdo(Action<ZdoMessage?> completed) => Completed = completed;

            public Action<ZdoMessage?> Completed { get; }

            public IScheduledItem? Timer { get; set; }
        }

        /// <summary>The simple descriptors of this node's application endpoints (1-240), in endpoint order.</summary>
        public IReadOnlyList<SimpleDescriptor> Endpoints => _endpoints.Values.ToList();

        /// <summary>Adds or replaces an application endpoint that ZDO discovery reports (the ZCL application registers its endpoints here).</summary>
        public void RegisterEndpoint(SimpleDescriptor descriptor)
        {
            if (descriptor is null)
            {
                throw new ArgumentNullException(nameof(descriptor));
            }

            if (descriptor.Endpoint == 0 || descriptor.Endpoint > 240)
            {
                throw new ArgumentOutOfRangeException(nameof(descriptor), "Application endpoints are 1 to 240 (05-3474 2.1.2).");
            }

            _endpoints[descriptor.Endpoint] = descriptor;
        }

        public bool UnregisterEndpoint(byte endpoint) => _endpoints.Remove(endpoint);

        /// <summary>
        /// Sends a ZDP request (unicast, APS-acknowledged) with a fresh transaction sequence number and calls
        /// <paramref name="completed"/> once with the matching response (same TSN, the response cluster, from
        /// <paramref name="destination"/>), or with null when none came within <paramref name="timeout"/>.
        /// </summary>
        public void SendZdoRequest(NwkAddress destination, ZdoMessage request, TimeSpan timeout, Action<ZdoMessage?> completed)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            if (completed is null)
            {
                throw new ArgumentNullException(nameof(completed));
            }

            byte tsn = ++_zdoTsn;
            ZdoMessage message = request with { Tsn = tsn };
            var key = (destination.Value, tsn, (ushort)(message.ClusterId | ZdoClusterIds.ResponseBit));
            var pending = new PendingZdo(completed);
            _pendingZdo[key] = pending;
            pending.Timer = _scheduler.Schedule(timeout, () => CompleteZdo(key, pending, null));
            SendData(destination, 0x00, message.ClusterId, 0x0000, 0x00, message.ToArray(), status =>
            {
                if (status != ApsDeliveryStatus.Success)
                {
                    ReportDeliveryFailure(destination, status);
                    CompleteZdo(key, pending, null);
                }
            });
        }

        private void CompleteZdo((ushort, byte, ushort) key, PendingZdo pending, ZdoMessage? response)
        {
            if (_pendingZdo.TryGetValue(key, out PendingZdo? current) && current == pending)
            {
                _pendingZdo.Remove(key);
                pending.Timer?.Cancel();
                pending.Completed(response);
            }
        }

        /// <summary>Discovery requests for this node and responses to our own requests; false when the message is neither.</summary>
        private bool ZdoDiscoveryReceive(NwkHeader nwk, ZdoMessage message)
        {
            if (message.IsResponse)
            {
                var key = (nwk.SourceAddress.Value, message.Tsn, message.ClusterId);
                if (_pendingZdo.TryGetValue(key, out PendingZdo? pending))
                {
                    CompleteZdo(key, pending, message);
                    return true;
                }

                return false;
            }

            bool broadcast = nwk.DestinationAddress.IsBroadcast;
            switch (message)
            {
                case ActiveEpRequest active:
                    if (active.NwkAddrOfInterest == NwkAddress)
                    {
                        SendZdo(nwk.SourceAddress, new ActiveEpResponse
                        {
                            Tsn = message.Tsn,
                            Status = ZdoStatus.SUCCESS,
                            NwkAddrOfInterest = NwkAddress,
                            ActiveEpList = _endpoints.Keys.ToList(),
                        });
                    }

                    return true;
                case SimpleDescRequest simple:
                    if (simple.NwkAddrOfInterest == NwkAddress)
                    {
                        bool found = _endpoints.TryGetValue(simple.Endpoint, out SimpleDescriptor? d);
                        SendZdo(nwk.SourceAddress, new SimpleDescResponse
                        {
                            Tsn = message.Tsn,
                            Status = found ? ZdoStatus.SUCCESS : simple.Endpoint == 0 || simple.Endpoint > 240 ? ZdoStatus.INVALID_EP : ZdoStatus.NOT_ACTIVE,
                            NwkAddrOfInterest = NwkAddress,
                            SimpleDescriptor = d,
                        });
                    }

                    return true;
                case MatchDescRequest match:
                    OnMatchDescriptor(nwk, match, broadcast);
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>2.4.4.2.7: endpoints on the requested profile (or the wildcard 0xFFFF) with any of the clusters.</summary>
        private void OnMatchDescriptor(NwkHeader nwk, MatchDescRequest match, bool broadcast)
        {
            bool forUs = match.NwkAddrOfInterest == NwkAddress || match.NwkAddrOfInterest.IsBroadcast;
            if (!forUs)
            {
                return;
            }

            var matched = new List<byte>();
            foreach (SimpleDescriptor d in _endpoints.Values)
            {
                bool profile = match.ProfileId == 0xFFFF || d.ApplicationProfileIdentifier == match.ProfileId;
                bool clusters = match.InClusterList.Any(c => d.ApplicationInputClusterList.Contains(c)) ||
                                match.OutClusterList.Any(c => d.ApplicationOutputClusterList.Contains(c));
                if (profile && clusters)
                {
                    matched.Add(d.Endpoint);
                }
            }

            if (broadcast && matched.Count == 0)
            {
                return; // 2.4.4.2.7: a broadcast request is answered only on a match.
            }

            SendZdo(nwk.SourceAddress, new MatchDescResponse
            {
                Tsn = match.Tsn,
                Status = ZdoStatus.SUCCESS,
                NwkAddrOfInterest = NwkAddress,
                MatchList = matched,
            });
        }
    }
}
