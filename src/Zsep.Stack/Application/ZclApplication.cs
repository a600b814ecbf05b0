using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Codec;
using Zsep.Stack.Node;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.Application
{
    /// <summary>
    /// The ZCL application of one node (ZCL rev 7, 07-5123-07, chapter 2): its endpoints and their cluster servers and
    /// clients, over the node's APS data service. Incoming frames are dispatched to the endpoint's cluster (foundation
    /// commands by the engine, cluster-specific ones by registered handlers), with the Default Response rules of
    /// 2.5.12; responses to our own requests are matched by TSN, source and cluster; attribute reports raise
    /// <see cref="ReportReceived"/>; configured reporting runs on the scheduler. Everything runs on the node's loop.
    /// </summary>
    public sealed partial class ZclApplication : IDisposable
    {
        private readonly SortedDictionary<byte, ZclEndpoint> _endpoints = new SortedDictionary<byte, ZclEndpoint>();
        private readonly Dictionary<(ushort Source, byte Tsn, ushort Cluster), PendingRequest> _pending = new Dictionary<(ushort, byte, ushort), PendingRequest>();
        private byte _tsn;
        private bool _disposed;

        public ZclApplication(ZigbeeNode node, IStackScheduler scheduler)
        {
            Node = node ?? throw new ArgumentNullException(nameof(node));
            Scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
            _tsn = (byte)scheduler.Random.Next(256);
            node.DataReceived += OnDataReceived;
        }

        public ZigbeeNode Node { get; }

        public IStackScheduler Scheduler { get; }

        public IReadOnlyList<ZclEndpoint> Endpoints => _endpoints.Values.ToList();

        /// <summary>Frames dropped by the application (malformed, unknown endpoint, profile mismatch), by reason.</summary>
        public event EventHandler<FrameDroppedEventArgs>? FrameDropped;

        /// <summary>An attribute report (Report Attributes, ZCL 2.5.11) arrived.</summary>
        public event EventHandler<ZclReportEventArgs>? ReportReceived;

        /// <summary>Adds an endpoint and registers its simple descriptor with the node's ZDO; clusters added later update it.</summary>
        public ZclEndpoint AddEndpoint(ZclEndpoint endpoint)
        {
            if (endpoint is null)
            {
                throw new ArgumentNullException(nameof(endpoint));
            }

            _endpoints[endpoint.Endpoint] = endpoint;
            endpoint.ClusterAdded += _ => Node.RegisterEndpoint(endpoint.Descriptor);
            Node.RegisterEndpoint(endpoint.Descriptor);
            return endpoint;
        }

        public ZclEndpoint? GetEndpoint(byte endpoint) => _endpoints.TryGetValue(endpoint, out ZclEndpoint? e) ? e : null;

        public bool RemoveEndpoint(byte endpoint)
        {
            RemoveReportingFor(endpoint);
            Node.UnregisterEndpoint(endpoint);
            return _endpoints.Remove(endpoint);
        }

        /// <summary>Sees each incoming application frame first; a non-null result drops it with that reason (the gateway's RequireKeyEstablishment policy).</summary>
        public Func<ApsDataIndicationEventArgs, string?>? IncomingFilter { get; set; }

        /// <summary>Sees each outgoing frame (destination, profile, cluster); a non-null result drops it with that reason and fails its request as NoRoute.</summary>
        public Func<NwkAddress, ushort, ushort, string?>? OutgoingFilter { get; set; }

        /// <summary>The next ZCL transaction sequence number (2.4.1.3).</summary>
        public byte NextTsn() => ++_tsn;

        private void Dropped(string reason) => FrameDropped?.Invoke(this, new FrameDroppedEventArgs(reason));

        private void OnDataReceived(object? sender, ApsDataIndicationEventArgs e)
        {
            if (_disposed || e.DestinationEndpoint == 0 || e.ProfileId == 0x0000)
            {
                return; // ZDO
            }

            if (IncomingFilter?.Invoke(e) is string refused)
            {
                Dropped(refused);
                return;
            }

            ZclHeader header;
            try
            {
                header = ZclHeader.Decode(e.Payload);
            }
            catch (FrameFormatException)
            {
                Dropped("ZclMalformedHeader");
                return;
            }

            if (!ZclFrame.TryDecode(e.ClusterId, e.Payload, out ZclFrame? frame, out _) || frame is null)
            {
                Dropped("ZclMalformed");
                if (_endpoints.TryGetValue(e.DestinationEndpoint, out ZclEndpoint? ep))
                {
                    SendDefaultResponse(e, ep, header, ZclStatus.MalformedCommand);
                }

                return;
            }

            if (TryCompleteRequest(e, frame))
            {
                return;
            }

            if (e.DestinationEndpoint == 0xFF)
            {
                foreach (ZclEndpoint ep in _endpoints.Values.ToList())
                {
                    if (ep.ProfileId == e.ProfileId)
                    {
                        Dispatch(e, ep, frame);
                    }
                }

                return;
            }

            if (!_endpoints.TryGetValue(e.DestinationEndpoint, out ZclEndpoint? endpoint))
            {
                Dropped("ZclUnknownEndpoint");
                return;
            }

            if (endpoint.ProfileId != e.ProfileId && e.ProfileId != 0xFFFF)
            {
                Dropped("ZclProfileMismatch");
                return;
            }

            Dispatch(e, endpoint, frame);
        }

        private void Dispatch(ApsDataIndicationEventArgs e, ZclEndpoint endpoint, ZclFrame frame)
        {
            ZclHeader header = frame.Header;
            if (header.ManufacturerSpecific)
            {
                // No manufacturer-specific commands or attributes here (ZCL 2.4.1.1.2, 2.5.12.2).
                Dropped("ZclManufacturerSpecific");
                SendDefaultResponse(e, endpoint, header, header.IsGlobal ? ZclStatus.UnsupManufGeneralCommand : ZclStatus.UnsupManufClusterCommand);
                return;
            }

            if (header.IsGlobal && frame.Foundation is ZclReportAttributes report)
            {
                ReportReceived?.Invoke(this, new ZclReportEventArgs(e.Source, Node.LookupIeee(e.Source), e.SourceEndpoint, endpoint.Endpoint, frame.ClusterId,
                    report.Records, Scheduler.Now));
                SendDefaultResponse(e, endpoint, header, ZclStatus.Success);
                return;
            }

            // Client-to-server frames go to the server side of the cluster, server-to-client frames to the client side.
            ZclClusterServer? cluster = header.Direction == ZclDirection.ClientToServer
                ? endpoint.GetServer(frame.ClusterId)
                : endpoint.GetClient(frame.ClusterId);
            if (cluster is null)
            {
                if (!IsResponseCommand(frame))
                {
                    SendDefaultResponse(e, endpoint, header, ZclStatus.UnsupportedCluster);
                }

                return;
            }

            if (header.IsGlobal)
            {
                HandleFoundation(e, endpoint, cluster, frame);
                return;
            }

            ZclCommandHandler? handler = cluster.GetHandler(header.CommandId);
            if (handler is null)
            {
                SendDefaultResponse(e, endpoint, header, ZclStatus.UnsupClusterCommand);
                return;
            }

            var context = new ZclRequestContext(this, e.Source, Node.LookupIeee(e.Source), e.SourceEndpoint, endpoint, cluster, frame, e.ApsSecured, e.Broadcast, e.ProfileId);
            ZclStatus status;
            try
            {
                status = handler(context);
            }
            catch (FrameFormatException)
            {
                status = ZclStatus.MalformedCommand;
            }

            if (!context.Responded)
            {
                SendDefaultResponse(e, endpoint, header, status);
            }
        }

        private static bool IsResponseCommand(ZclFrame frame) =>
            frame.Header.IsGlobal && frame.Foundation?.CommandId is ZclGlobalCommand.ReadAttributesResponse or ZclGlobalCommand.WriteAttributesResponse
                or ZclGlobalCommand.ConfigureReportingResponse or ZclGlobalCommand.ReadReportingConfigurationResponse or ZclGlobalCommand.DefaultResponse
                or ZclGlobalCommand.DiscoverAttributesResponse or ZclGlobalCommand.DiscoverAttributesExtendedResponse;

        /// <summary>
        /// ZCL 2.5.12.2: a Default Response goes back when no other response was sent and either the status is an error or
        /// the sender did not set Disable Default Response; never to a Default Response, nor to a broadcast.
        /// </summary>
        private void SendDefaultResponse(ApsDataIndicationEventArgs e, ZclEndpoint endpoint, ZclHeader request, ZclStatus status)
        {
            if (e.Broadcast || (request.IsGlobal && request.CommandId == (byte)ZclGlobalCommand.DefaultResponse) ||
                (status == ZclStatus.Success && request.DisableDefaultResponse))
            {
                return;
            }

            var header = new ZclHeader
            {
                Direction = request.Direction == ZclDirection.ClientToServer ? ZclDirection.ServerToClient : ZclDirection.ClientToServer,
                DisableDefaultResponse = true,
                ManufacturerCode = request.ManufacturerCode,
                TransactionSequenceNumber = request.TransactionSequenceNumber,
            };
            SendFrame(e.Source, e.SourceEndpoint, endpoint.Endpoint, e.ProfileId,
                ZclFrame.Create(e.ClusterId, header, new ZclDefaultResponse(request.CommandId, status)), null);
        }

        /// <summary>Sends a ZCL frame (APS-acknowledged unicast, or broadcast) from one of our endpoints.</summary>
        internal void SendFrame(NwkAddress destination, byte destinationEndpoint, byte sourceEndpoint, ushort profileId, ZclFrame frame, Action<ApsDeliveryStatus>? completed)
        {
            if (OutgoingFilter?.Invoke(destination, profileId, frame.ClusterId) is string refused)
            {
                Dropped(refused);
                Scheduler.Schedule(TimeSpan.Zero, () => completed?.Invoke(ApsDeliveryStatus.NotSent));
                return;
            }

            // A unicast that failed after its retries tells the node's DeliveryFailed (a gateway marks the device offline).
            Node.SendData(destination, destinationEndpoint, frame.ClusterId, profileId, sourceEndpoint, frame.ToArray(), destination.IsBroadcast ? completed : status =>
            {
                Node.ReportDeliveryFailure(destination, status);
                completed?.Invoke(status);
            });
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Node.DataReceived -= OnDataReceived;
            _reportTimer?.Cancel();
            foreach (PendingRequest p in _pending.Values.ToList())
            {
                p.Timer?.Cancel();
            }

            _pending.Clear();
        }
    }
}
