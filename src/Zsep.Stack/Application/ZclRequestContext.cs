using System;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.Application
{
    /// <summary>A ZCL command as a cluster handler sees it: where it came from, the frame, and a way to answer it.</summary>
    public sealed class ZclRequestContext
    {
        private readonly ZclApplication _application;

        internal ZclRequestContext(ZclApplication application, NwkAddress source, Eui64? sourceIeee, byte sourceEndpoint, ZclEndpoint endpoint,
            ZclClusterServer cluster, ZclFrame frame, bool apsSecured, bool broadcast, ushort profileId)
        {
            _application = application;
            Source = source;
            SourceIeee = sourceIeee;
            SourceEndpoint = sourceEndpoint;
            Endpoint = endpoint;
            Cluster = cluster;
            Frame = frame;
            ApsSecured = apsSecured;
            Broadcast = broadcast;
            ProfileId = profileId;
        }

        public NwkAddress Source { get; }

        /// <summary>The sender's IEEE address when the stack knows it.</summary>
        public Eui64? SourceIeee { get; }

        public byte SourceEndpoint { get; }

        public ZclEndpoint Endpoint { get; }

        public ZclClusterServer Cluster { get; }

        public ZclFrame Frame { get; }

        public ushort ProfileId { get; }

        public ZclHeader Header => Frame.Header;

        /// <summary>The cluster-specific payload (after the ZCL header).</summary>
        public byte[] Payload => Frame.Payload;

        /// <summary>The frame was APS-secured with the sender's link key.</summary>
        public bool ApsSecured { get; }

        public bool Broadcast { get; }

        /// <summary>Whether a response went back (no Default Response follows then).</summary>
        public bool Responded { get; private set; }

        /// <summary>
        /// Sends a cluster-specific response with the request's TSN, in the opposite direction, to the sender's endpoint.
        /// </summary>
        public void Respond(byte commandId, byte[] payload, bool disableDefaultResponse = true)
        {
            if (payload is null)
            {
                throw new ArgumentNullException(nameof(payload));
            }

            Responded = true;
            var header = new ZclHeader
            {
                FrameType = ZclFrameType.ClusterSpecific,
                Direction = Header.Direction == ZclDirection.ClientToServer ? ZclDirection.ServerToClient : ZclDirection.ClientToServer,
                DisableDefaultResponse = disableDefaultResponse,
                TransactionSequenceNumber = Header.TransactionSequenceNumber,
                CommandId = commandId,
            };
            _application.SendFrame(Source, SourceEndpoint, Endpoint.Endpoint, ProfileId, ZclFrame.CreateRaw(Cluster.ClusterId, header, payload), null);
        }

        /// <summary>Marks the request answered without sending anything (the handler will answer later itself).</summary>
        public void SuppressDefaultResponse() => Responded = true;
    }
}
