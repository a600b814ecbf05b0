using System;
using System.Collections.Generic;
using Zsep.Stack.Node;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.Application
{
    /// <summary>How a ZCL request ended.</summary>
    public enum ZclTransactionStatus
    {
        /// <summary>A response arrived (its own status may still be an error).</summary>
        Success,

        /// <summary>No APS acknowledgement after apsMaxFrameRetries.</summary>
        NoAck,

        /// <summary>The stack could not send it (no route, not joined, no link key).</summary>
        NoRoute,

        /// <summary>Delivered (or not known to fail), but no response within the timeout.</summary>
        Timeout,
    }

    /// <summary>The outcome of a ZCL request: the response frame when one came.</summary>
    public sealed class ZclResponse
    {
        public ZclResponse(ZclTransactionStatus status, ZclFrame? frame, NwkAddress source, byte sourceEndpoint)
        {
            Status = status;
            Frame = frame;
            Source = source;
            SourceEndpoint = sourceEndpoint;
        }

        public ZclTransactionStatus Status { get; }

        public ZclFrame? Frame { get; }

        public NwkAddress Source { get; }

        public byte SourceEndpoint { get; }

        /// <summary>The Default Response that came instead of the expected response (an error such as UNSUP_CLUSTER_COMMAND), or null.</summary>
        public ZclDefaultResponse? DefaultResponse => Frame?.Foundation as ZclDefaultResponse;

        public override string ToString() => Frame is null ? Status.ToString() : $"{Status}: {Frame}";
    }

    /// <summary>An attribute report (ZCL 2.5.11) as the receiving application saw it.</summary>
    public sealed class ZclReportEventArgs : EventArgs
    {
        public ZclReportEventArgs(NwkAddress source, Eui64? sourceIeee, byte sourceEndpoint, byte endpoint, ushort clusterId,
            IReadOnlyList<ZclAttributeValueRecord> records, DateTimeOffset received)
        {
            Source = source;
            SourceIeee = sourceIeee;
            SourceEndpoint = sourceEndpoint;
            Endpoint = endpoint;
            ClusterId = clusterId;
            Records = records;
            Received = received;
        }

        public NwkAddress Source { get; }

        public Eui64? SourceIeee { get; }

        public byte SourceEndpoint { get; }

        public byte Endpoint { get; }

        public ushort ClusterId { get; }

        public IReadOnlyList<ZclAttributeValueRecord> Records { get; }

        public DateTimeOffset Received { get; }
    }

    /// <summary>
    /// The client side of the engine: a request goes to (node, endpoint, cluster) and its response is matched by
    /// TSN, source and cluster (ZCL 2.4.1.3), with a timeout on the scheduler; the callback runs once on the loop.
    /// </summary>
    public sealed partial class ZclApplication
    {
        private sealed class PendingRequest
        {
            public PendingRequest(Action<ZclResponse> completed, NwkAddress destination, byte destinationEndpoint)
            {
                Completed = completed;
                Destination = destination;
                DestinationEndpoint = destinationEndpoint;
            }

            public Action<ZclResponse> Completed { get; }

            public NwkAddress Destination { get; }

            public byte DestinationEndpoint { get; }

            public IScheduledItem? Timer { get; set; }
        }

        /// <summary>Requests awaiting their response.</summary>
        public int PendingRequests => _pending.Count;

        /// <summary>
        /// Sends <paramref name="frame"/> (its TSN set by the caller, normally <see cref="NextTsn"/>) from
        /// <paramref name="sourceEndpoint"/> and calls <paramref name="completed"/> once: with the response, or with the
        /// APS failure, or with Timeout after <paramref name="timeout"/>.
        /// </summary>
        public void Request(NwkAddress destination, byte destinationEndpoint, ZclFrame frame, byte sourceEndpoint, TimeSpan timeout, Action<ZclResponse> completed)
        {
            if (frame is null)
            {
                throw new ArgumentNullException(nameof(frame));
            }

            if (completed is null)
            {
                throw new ArgumentNullException(nameof(completed));
            }

            ushort profile = GetEndpoint(sourceEndpoint)?.ProfileId ?? ZigbeeNode.SmartEnergyProfileId;
            var key = (destination.Value, frame.Header.TransactionSequenceNumber, frame.ClusterId);
            var pending = new PendingRequest(completed, destination, destinationEndpoint);
            if (_pending.TryGetValue(key, out PendingRequest? old))
            {
                // The TSN wrapped while an old request to the same node still waits: that one has waited long enough.
                Complete(key, old, new ZclResponse(ZclTransactionStatus.Timeout, null, destination, destinationEndpoint));
            }

            _pending[key] = pending;
            pending.Timer = Scheduler.Schedule(timeout, () => Complete(key, pending, new ZclResponse(ZclTransactionStatus.Timeout, null, destination, destinationEndpoint)));
            SendFrame(destination, destinationEndpoint, sourceEndpoint, profile, frame, status =>
            {
                if (status != ApsDeliveryStatus.Success)
                {
                    Complete(key, pending, new ZclResponse(status == ApsDeliveryStatus.NoAck ? ZclTransactionStatus.NoAck : ZclTransactionStatus.NoRoute,
                        null, destination, destinationEndpoint));
                }
            });
        }

        /// <summary>Read Attributes (ZCL 2.5.1) of a server cluster; the response's Foundation is a <see cref="ZclReadAttributesResponse"/>.</summary>
        public void ReadAttributes(NwkAddress destination, byte endpoint, ushort clusterId, IReadOnlyList<ushort> attributeIds, TimeSpan timeout,
            Action<ZclResponse> completed, byte sourceEndpoint = 1) =>
            Request(destination, endpoint, Global(clusterId, new ZclReadAttributes(attributeIds)), sourceEndpoint, timeout, completed);

        /// <summary>Write Attributes (ZCL 2.5.3); the response's Foundation is a <see cref="ZclWriteAttributesResponse"/>.</summary>
        public void WriteAttributes(NwkAddress destination, byte endpoint, ushort clusterId, IReadOnlyList<ZclAttributeValueRecord> records, TimeSpan timeout,
            Action<ZclResponse> completed, byte sourceEndpoint = 1) =>
            Request(destination, endpoint, Global(clusterId, new ZclWriteAttributes(records)), sourceEndpoint, timeout, completed);

        /// <summary>Configure Reporting (ZCL 2.5.7); the response's Foundation is a <see cref="ZclConfigureReportingResponse"/>.</summary>
        public void ConfigureReporting(NwkAddress destination, byte endpoint, ushort clusterId, IReadOnlyList<ZclReportingConfigurationRecord> records,
            TimeSpan timeout, Action<ZclResponse> completed, byte sourceEndpoint = 1) =>
            Request(destination, endpoint, Global(clusterId, new ZclConfigureReporting(records)), sourceEndpoint, timeout, completed);

        /// <summary>
        /// A cluster-specific command (client to server unless <paramref name="direction"/> says otherwise). With
        /// <paramref name="completed"/> the response (or Default Response) is awaited; without, it is sent and forgotten.
        /// </summary>
        public void SendCommand(NwkAddress destination, byte endpoint, ushort clusterId, byte commandId, byte[] payload, TimeSpan timeout,
            Action<ZclResponse>? completed, ZclDirection direction = ZclDirection.ClientToServer, byte sourceEndpoint = 1)
        {
            var header = new ZclHeader
            {
                FrameType = ZclFrameType.ClusterSpecific,
                Direction = direction,
                TransactionSequenceNumber = NextTsn(),
                CommandId = commandId,
            };
            ZclFrame frame = ZclFrame.CreateRaw(clusterId, header, payload);
            if (completed is null)
            {
                ushort profile = GetEndpoint(sourceEndpoint)?.ProfileId ?? ZigbeeNode.SmartEnergyProfileId;
                SendFrame(destination, endpoint, sourceEndpoint, profile, frame, null);
                return;
            }

            Request(destination, endpoint, frame, sourceEndpoint, timeout, completed);
        }

        private ZclFrame Global(ushort clusterId, ZclFoundationCommand command) =>
            ZclFrame.Create(clusterId, new ZclHeader { Direction = ZclDirection.ClientToServer, TransactionSequenceNumber = NextTsn() }, command);

        /// <summary>A frame from a node we asked, with the TSN and cluster of a waiting request, is its response (reports never are).</summary>
        private bool TryCompleteRequest(ApsDataIndicationEventArgs e, ZclFrame frame)
        {
            if (_pending.Count == 0 || (frame.Header.IsGlobal && frame.Foundation is ZclReportAttributes))
            {
                return false;
            }

            var key = (e.Source.Value, frame.Header.TransactionSequenceNumber, frame.ClusterId);
            if (!_pending.TryGetValue(key, out PendingRequest? pending))
            {
                return false;
            }

            bool response = !frame.Header.IsGlobal || IsResponseCommand(frame);
            if (!response)
            {
                return false;
            }

            Complete(key, pending, new ZclResponse(ZclTransactionStatus.Success, frame, e.Source, e.SourceEndpoint));
            return true;
        }

        private void Complete((ushort, byte, ushort) key, PendingRequest pending, ZclResponse response)
        {
            if (!_pending.TryGetValue(key, out PendingRequest? current) || current != pending)
            {
                return;
            }

            _pending.Remove(key);
            pending.Timer?.Cancel();
            pending.Completed(response);
        }
    }
}
