using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Zsep.Stack.Application;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.Gateway
{
    /// <summary>
    /// Read, write and configure reporting of attributes on a node (ZCL rev 7 2.5.1, 2.5.3, 2.5.7), as blocking calls
    /// over the single-threaded stack: each call starts the request on the loop and drives the loop until the response
    /// or the timeout. A node that does not answer is a <see cref="ZclRequestException"/>; an attribute it does not
    /// have is a record with status UNSUPPORTED_ATTRIBUTE (0x86) beside the others.
    /// </summary>
    public sealed partial class Gateway
    {
        /// <summary>The spacing of the requests of a batch read.</summary>
        public static readonly TimeSpan BatchRequestSpacing = TimeSpan.FromMilliseconds(25);

        /// <summary>Reads <paramref name="attributes"/> of <paramref name="cluster"/> on one node: one record per attribute, in order.</summary>
        public IReadOnlyList<ZsepAttributeValue> ReadAttributes(Eui64 node, byte? endpoint, ushort cluster, IReadOnlyList<ushort> attributes,
            TimeSpan timeout, CancellationToken cancellationToken = default, bool refreshFormatting = false)
        {
            Resolve(node, endpoint, cluster); // an unknown node is the caller's error (ArgumentException)
            ZsepAttributeReadOutcome outcome = ReadAttributesBatch(new[] { node }, endpoint, cluster, attributes, timeout, 1, cancellationToken, refreshFormatting).Single();
            return outcome.Error is null ? outcome.Values : throw new ZclRequestException(node, outcome.TransactionStatus, outcome.Error);
        }

        /// <summary>
        /// Reads the same attributes from many nodes, at most <paramref name="maxConcurrency"/> requests in flight, and
        /// yields each node's outcome as it arrives. A node that does not answer is asked once more; if it still does not,
        /// it yields an outcome with an error. The loop runs only while the caller enumerates. With
        /// <paramref name="refreshFormatting"/>, a Metering energy reading first reads the meter's formatting again.
        /// </summary>
        public IEnumerable<ZsepAttributeReadOutcome> ReadAttributesBatch(IReadOnlyList<Eui64> nodes, byte? endpoint, ushort cluster,
            IReadOnlyList<ushort> attributes, TimeSpan timeout, int maxConcurrency = 16, CancellationToken cancellationToken = default, bool refreshFormatting = false)
        {
            if (nodes is null)
            {
                throw new ArgumentNullException(nameof(nodes));
            }

            return ReadAttributesBatch(new[] { (this, nodes) }, endpoint, cluster, attributes, timeout, maxConcurrency, cancellationToken, refreshFormatting);
        }

        private ZsepAttributeReadOutcome ToOutcome(Eui64 node, NwkAddress address, byte endpoint, ushort cluster, ushort[] attributes, ZclResponse response)
        {
            ClusterDefinition? definition = ClusterRegistry.Get(cluster);
            ZsepAttributeValue Record(ushort id, ZclStatus status, ZclValue? value) => new ZsepAttributeValue
            {
                Network = Name,
                Node = node,
                NwkAddress = address,
                Endpoint = endpoint,
                Cluster = cluster,
                ClusterName = definition?.Name ?? $"0x{cluster:X4}",
                Attribute = id,
                Name = definition?.GetAttribute(id)?.Name ?? $"0x{id:X4}",
                DataType = value?.DataType,
                Value = value is null || value.IsInvalid ? null : value.Value,
                Status = status,
            };

            if (response.Status != ZclTransactionStatus.Success)
            {
                return new ZsepAttributeReadOutcome
                {
                    Node = node,
                    TransactionStatus = response.Status,
                    Error = $"{node} ({address}) did not answer the read of {ClusterRegistry.Describe(cluster)}: {response.Status}.",
                };
            }

            if (cluster == StandardClusters.Metering && response.Frame?.Foundation is ZclReadAttributesResponse formatting)
            {
                ApplyMeteringFormat(node, endpoint, formatting.Records, complete: false); // a formatting attribute that changed updates the kept one
            }

            IReadOnlyList<ZsepAttributeValue> values = response.Frame?.Foundation switch
            {
                ZclReadAttributesResponse read => read.Records.Select(r => Record(r.AttributeId, r.Status, r.Value)).ToList(),
                ZclDefaultResponse error => attributes.Select(id => Record(id, error.Status, null)).ToList(),
                _ => attributes.Select(id => Record(id, ZclStatus.Failure, null)).ToList(),
            };
            return new ZsepAttributeReadOutcome { Node = node, Values = values, TransactionStatus = ZclTransactionStatus.Success };
        }

        /// <summary>
        /// Writes attributes of one node. Each value is converted to the attribute's type from the cluster table unless it
        /// is a <see cref="ZclValue"/> already. Returns one status per attribute written.
        /// </summary>
        public IReadOnlyList<ZsepAttributeStatus> WriteAttributes(Eui64 node, byte? endpoint, ushort cluster, IReadOnlyList<KeyValuePair<ushort, object>> values,
            TimeSpan timeout, CancellationToken cancellationToken = default)
        {
            ClusterDefinition? definition = ClusterRegistry.Get(cluster);
            var records = values.Select(v =>
            {
                if (v.Value is ZclValue z)
                {
                    return new ZclAttributeValueRecord(v.Key, z);
                }

                ZclAttributeDefinition a = definition?.GetAttribute(v.Key)
                    ?? throw new ArgumentException($"Attribute 0x{v.Key:X4} of {ClusterRegistry.Describe(cluster)} is not in the cluster table: give its value as a ZclValue.", nameof(values));
                return new ZclAttributeValueRecord(v.Key, ZclValue.Create(a.DataType, v.Value));
            }).ToList();
            (NwkAddress address, byte ep) = Resolve(node, endpoint, cluster);
            ZclResponse response = Transact(node, timeout, cancellationToken, done => Application.WriteAttributes(address, ep, cluster, records, timeout, done, EsiEndpoint));
            return response.Frame?.Foundation switch
            {
                ZclWriteAttributesResponse w when w.AllSucceeded => records.Select(r => Status(node, ep, cluster, r.AttributeId, ZclStatus.Success)).ToList(),
                ZclWriteAttributesResponse w => records.Select(r => Status(node, ep, cluster, r.AttributeId,
                    w.Records.FirstOrDefault(x => x.AttributeId == r.AttributeId)?.Status ?? ZclStatus.Success)).ToList(),
                ZclDefaultResponse d => records.Select(r => Status(node, ep, cluster, r.AttributeId, d.Status)).ToList(),
                _ => records.Select(r => Status(node, ep, cluster, r.AttributeId, ZclStatus.Failure)).ToList(),
            };
        }

        /// <summary>Configure Reporting on one node: the node reports the attributes to the gateway's ESI. One status per attribute.</summary>
        public IReadOnlyList<ZsepAttributeStatus> ConfigureReporting(Eui64 node, byte? endpoint, ushort cluster, IReadOnlyList<ZsepReportingRequest> requests,
            TimeSpan timeout, CancellationToken cancellationToken = default)
        {
            ClusterDefinition? definition = ClusterRegistry.Get(cluster);
            var records = requests.Select(r =>
            {
                ZclAttributeDefinition a = definition?.GetAttribute(r.Attribute)
                    ?? throw new ArgumentException($"Attribute 0x{r.Attribute:X4} of {ClusterRegistry.Describe(cluster)} is not in the cluster table.", nameof(requests));
                ZclValue? change = r.ReportableChange is null ? null : r.ReportableChange as ZclValue ?? ZclValue.Create(a.DataType, r.ReportableChange);
                if (change is null && ZclDataTypes.Get(a.DataType)?.IsAnalog == true)
                {
                    change = ZclValue.Create(a.DataType, 0);
                }

                return new ZclReportingConfigurationRecord
                {
                    Direction = ZclReportingDirection.SendReports,
                    AttributeId = r.Attribute,
                    DataType = a.DataType,
                    MinimumReportingInterval = r.MinimumInterval,
                    MaximumReportingInterval = r.MaximumInterval,
                    ReportableChange = change,
                };
            }).ToList();
            (NwkAddress address, byte ep) = Resolve(node, endpoint, cluster);
            ZclResponse response = Transact(node, timeout, cancellationToken, done => Application.ConfigureReporting(address, ep, cluster, records, timeout, done, EsiEndpoint));
            return response.Frame?.Foundation switch
            {
                ZclConfigureReportingResponse c => records.Select(r => Status(node, ep, cluster, r.AttributeId,
                    c.Records.FirstOrDefault(x => x.AttributeId == r.AttributeId)?.Status ?? (c.Records.Count == 1 && c.Records[0].AttributeId is null ? c.Records[0].Status : ZclStatus.Success))).ToList(),
                ZclDefaultResponse d => records.Select(r => Status(node, ep, cluster, r.AttributeId, d.Status)).ToList(),
                _ => records.Select(r => Status(node, ep, cluster, r.AttributeId, ZclStatus.Failure)).ToList(),
            };
        }

        private ZclResponse Transact(Eui64 node, TimeSpan timeout, CancellationToken cancellationToken, Action<Action<ZclResponse>> start)
        {
            ZclResponse? response = null;
            start(r => response = r);
            Wait(() => response is not null, timeout + TimeSpan.FromMinutes(1), cancellationToken);
            if (response is null || response.Status != ZclTransactionStatus.Success)
            {
                ZclTransactionStatus status = response?.Status ?? ZclTransactionStatus.Timeout;
                throw new ZclRequestException(node, status, $"{node} did not answer: {status}.");
            }

            return response;
        }

        private ZsepAttributeStatus Status(Eui64 node, byte endpoint, ushort cluster, ushort attribute, ZclStatus status) => new ZsepAttributeStatus
        {
            Network = Name,
            Node = node,
            Endpoint = endpoint,
            Cluster = cluster,
            Attribute = attribute,
            Name = ClusterRegistry.Get(cluster)?.GetAttribute(attribute)?.Name ?? $"0x{attribute:X4}",
            Status = status,
        };
    }
}
