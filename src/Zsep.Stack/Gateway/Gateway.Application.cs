using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Zsep.Stack.Application;
using Zsep.Stack.Node;
using Zsep.Stack.State;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.Gateway
{
    /// <summary>
    /// The gateway's application: the Energy Service Interface endpoint (SE 1.4, 07-5356-21, 5.3: endpoint 1, profile
    /// 0x0109, device id 0x0500) and the blocking attribute API the cmdlets call (read, batch read with bounded
    /// concurrency, write, configure reporting, received reports). Each call drives the loop while it waits.
    /// </summary>
    public sealed partial class Gateway
    {
        /// <summary>The ESI's endpoint.</summary>
        public const byte EsiEndpoint = 1;

        /// <summary>SE 1.4 5.3 Table 5-1: Energy Service Interface.</summary>
        public const ushort EsiDeviceId = 0x0500;

        /// <summary>Trace code of an attribute report the gateway received.</summary>
        public const string ZclReportTraceCode = "ZCL_REPORT";

        /// <summary>Trace code of a Smart Energy frame dropped for its APS security.</summary>
        public const string ApsSecurityTraceCode = "ERR_APS_SECURITY";

        /// <summary>How many received reports are kept in memory for Get-ZsepReport.</summary>
        public const int MaxKeptReports = 1000;

        /// <summary>Server clusters of the ESI when clusters.conf names none: Basic, Identify, Time, Price, DRLC, Messaging, Key Establishment.</summary>
        public static readonly IReadOnlyList<ushort> DefaultEsiServerClusters = new ushort[]
        {
            StandardClusters.Basic, StandardClusters.Identify, StandardClusters.Time, StandardClusters.Price,
            StandardClusters.DemandResponseLoadControl, StandardClusters.Messaging, StandardClusters.KeyEstablishment,
        };

        /// <summary>Client clusters of the ESI when clusters.conf names none: Metering.</summary>
        public static readonly IReadOnlyList<ushort> DefaultEsiClientClusters = new ushort[] { StandardClusters.Metering };

        private readonly LinkedList<ZsepAttributeReport> _reports = new LinkedList<ZsepAttributeReport>();
        private ZclApplication? _application;

        /// <summary>The ZCL application of the coordinator (the ESI endpoint; SE cluster handlers register here).</summary>
        public ZclApplication Application => _application ?? throw new ObjectDisposedException(nameof(Gateway));

        /// <summary>The ESI endpoint.</summary>
        public ZclEndpoint Esi => Application.GetEndpoint(EsiEndpoint)!;

        /// <summary>Called from the constructor: the application, the ESI with the default clusters, addresses of known nodes.</summary>
        private void StartApplication()
        {
            _application = new ZclApplication(Coordinator, Scheduler);
            LoadClusters();
            LoadInterviews();
            LoadMeteringFormats();
            LoadStackOptions();
            _application.ReportReceived += OnReportReceived;
            Coordinator.DeviceJoined += OnDeviceJoinedInterview;
            Coordinator.FrameDropped += OnApsSecurityDrop;
            InitKeyEstablishment();
            foreach (NodeRecord node in Store.GetNodes())
            {
                Coordinator.LearnAddress(node.NwkAddress, node.Ieee);
            }
        }

        /// <summary>
        /// (Re)builds the ESI endpoint with these server and client clusters, without attribute defaults: Basic, Identify
        /// and Time get their attributes here; the SE clusters start empty for their handlers to fill. The gateway itself
        /// builds its endpoints from clusters.conf (<see cref="ApplyClusters"/>).
        /// </summary>
        public ZclEndpoint ConfigureEsi(IEnumerable<ushort> serverClusters, IEnumerable<ushort> clientClusters)
        {
            Application.RemoveEndpoint(EsiEndpoint);
            var esi = new ZclEndpoint(EsiEndpoint, ZigbeeNode.SmartEnergyProfileId, EsiDeviceId);
            foreach (ushort cluster in serverClusters)
            {
                AddServerCluster(esi, cluster);
            }

            foreach (ushort cluster in clientClusters)
            {
                esi.AddClient(cluster);
            }

            AttachServerHandlers(esi);
            return Application.AddEndpoint(esi);
        }

        private ZclClusterServer? _keServerAttached;

        /// <summary>
        /// Gives the ESI's server clusters their handlers (Price, DRLC, Messaging, Key Establishment), whether the
        /// endpoint was built now or edited in place by clusters.conf; a cluster that already has them keeps them.
        /// </summary>
        private void AttachServerHandlers(ZclEndpoint endpoint)
        {
            if (endpoint.Endpoint != EsiEndpoint)
            {
                return;
            }

            AddSmartEnergyServers(endpoint); // registering a handler again replaces it: idempotent
            ZclClusterServer? ke = endpoint.GetServer(StandardClusters.KeyEstablishment);
            if (ke is not null && ke != _keServerAttached)
            {
                AttachKeyEstablishment(endpoint);
                _keServerAttached = ke;
            }
        }

        /// <summary>The attribute reports received, oldest first (at most <see cref="MaxKeptReports"/>), optionally of one node.</summary>
        public IReadOnlyList<ZsepAttributeReport> GetReports(Eui64? node = null) =>
            _reports.Where(r => node is null || r.Node == node).ToList();

        private void OnReportReceived(object? sender, ZclReportEventArgs e)
        {
            ClusterDefinition? cluster = ClusterRegistry.Get(e.ClusterId);
            foreach (ZclAttributeValueRecord record in e.Records)
            {
                var report = new ZsepAttributeReport
                {
                    Network = Name,
                    Node = e.SourceIeee,
                    NwkAddress = e.Source,
                    Endpoint = e.SourceEndpoint,
                    Cluster = e.ClusterId,
                    ClusterName = cluster?.Name ?? $"0x{e.ClusterId:X4}",
                    Attribute = record.AttributeId,
                    Name = cluster?.GetAttribute(record.AttributeId)?.Name ?? $"0x{record.AttributeId:X4}",
                    DataType = record.DataType,
                    Value = record.Value.Value,
                    Received = e.Received,
                };
                _reports.AddLast(report);
                if (_reports.Count > MaxKeptReports)
                {
                    _reports.RemoveFirst();
                }

                if (e.SourceIeee is Eui64 ieee)
                {
                    Trace.Info(ZclReportTraceCode, ieee, $"{report.ClusterName}.{report.Name} = {report.Value}");
                }
                else
                {
                    Trace.Write(TraceLevel.Info, ZclReportTraceCode, e.Source, $"{report.ClusterName}.{report.Name} = {report.Value}");
                }
            }
        }

        private void OnApsSecurityDrop(object? sender, FrameDroppedEventArgs e)
        {
            if (e.Reason is "ApsSecurityRequired" or "ApsSecurityFailed" or "ApsFrameCounterReplay" or "ApsNoLinkKey")
            {
                Trace.Write(TraceLevel.Warning, ApsSecurityTraceCode, e.Reason);
            }
        }

        private void StopApplication() => _application?.Dispose();

        /// <summary>
        /// The node's NWK address and the endpoint to talk to for <paramref name="cluster"/>: given, or found by the
        /// interview, or 1. <paramref name="known"/> is the node's row when the caller has just read it (a batch reads
        /// the node table once instead of once per node).
        /// </summary>
        private (NwkAddress Address, byte Endpoint) Resolve(Eui64 node, byte? endpoint, ushort cluster, NodeRecord? known = null)
        {
            NodeRecord record = known ?? Store.GetNode(node) ?? throw new ArgumentException($"{node} is not a node of {Name}.", nameof(node));
            EnsureKeyEstablishment(node, cluster);
            if (endpoint is byte given)
            {
                return (record.NwkAddress, given);
            }

            if (_interviews.TryGetValue(node, out ZsepNodeInterview? interview))
            {
                ZsepEndpoint? match = interview.Endpoints.FirstOrDefault(e => e.InClusters.Contains(cluster));
                if (match is not null)
                {
                    return (record.NwkAddress, match.Endpoint);
                }
            }

            return (record.NwkAddress, 1);
        }

        /// <summary>Drives the loop until <paramref name="done"/>; cancellation throws OperationCanceledException.</summary>
        private void Wait(Func<bool> done, TimeSpan limit, CancellationToken cancellationToken)
        {
            RunUntil(done, limit, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
