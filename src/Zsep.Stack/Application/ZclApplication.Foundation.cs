using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Node;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.Application
{
    /// <summary>
    /// The foundation commands a cluster server answers (ZCL rev 7, 07-5123-07, 2.5): Read Attributes (2.5.1),
    /// Write Attributes and its undivided / no-response forms (2.5.3-2.5.6), Configure Reporting (2.5.7), Read
    /// Reporting Configuration (2.5.9), Discover Attributes (2.5.14) and its extended form (2.5.23). Any other
    /// general command gets a Default Response UNSUP_GENERAL_COMMAND (0x82).
    /// </summary>
    public sealed partial class ZclApplication
    {
        private void HandleFoundation(ApsDataIndicationEventArgs e, ZclEndpoint endpoint, ZclClusterServer cluster, ZclFrame frame)
        {
            ZclFoundationCommand? response = frame.Foundation switch
            {
                ZclReadAttributes read => ReadAttributes(cluster, read),
                ZclWriteAttributes write => WriteAttributes(cluster, write),
                ZclConfigureReporting configure => ConfigureReporting(e, endpoint, cluster, configure),
                ZclReadReportingConfiguration readConfig => ReadReportingConfiguration(endpoint, cluster, readConfig),
                ZclDiscoverAttributes discover => DiscoverAttributes(cluster, discover),
                _ => null,
            };

            if (response is null)
            {
                if (frame.Foundation is ZclWriteAttributes { NoResponse: true } || IsResponseCommand(frame))
                {
                    return;
                }

                SendDefaultResponse(e, endpoint, frame.Header, ZclStatus.UnsupGeneralCommand);
                return;
            }

            if (e.Broadcast && frame.Foundation is not ZclReadAttributes)
            {
                return;
            }

            var header = new ZclHeader
            {
                Direction = frame.Header.Direction == ZclDirection.ClientToServer ? ZclDirection.ServerToClient : ZclDirection.ClientToServer,
                DisableDefaultResponse = true,
                TransactionSequenceNumber = frame.Header.TransactionSequenceNumber,
            };
            SendFrame(e.Source, e.SourceEndpoint, endpoint.Endpoint, e.ProfileId, ZclFrame.Create(frame.ClusterId, header, response), null);
        }

        /// <summary>2.5.1.3: one record per requested attribute; UNSUPPORTED_ATTRIBUTE (0x86) for one the cluster does not have.</summary>
        private static ZclReadAttributesResponse ReadAttributes(ZclClusterServer cluster, ZclReadAttributes read)
        {
            var records = new List<ZclReadAttributeStatusRecord>(read.AttributeIds.Count);
            foreach (ushort id in read.AttributeIds)
            {
                ZclAttribute? a = cluster.GetAttribute(id);
                records.Add(a is null
                    ? new ZclReadAttributeStatusRecord(id, ZclStatus.UnsupportedAttribute, null)
                    : new ZclReadAttributeStatusRecord(id, ZclStatus.Success, a.Value));
            }

            return new ZclReadAttributesResponse(records);
        }

        /// <summary>
        /// 2.5.3.3: each record is checked (UNSUPPORTED_ATTRIBUTE 0x86, READ_ONLY 0x88, INVALID_DATA_TYPE 0x8D) and written
        /// when good; the undivided form writes nothing unless all are good (2.5.4.3). The response lists failures only,
        /// or one SUCCESS record. The no-response form gets none (null here).
        /// </summary>
        private static ZclFoundationCommand? WriteAttributes(ZclClusterServer cluster, ZclWriteAttributes write)
        {
            var failures = new List<ZclWriteAttributeStatusRecord>();
            var accepted = new List<(ZclAttribute Attribute, ZclValue Value)>();
            foreach (ZclAttributeValueRecord record in write.Records)
            {
                ZclAttribute? a = cluster.GetAttribute(record.AttributeId);
                ZclStatus status = a is null ? ZclStatus.UnsupportedAttribute
                    : !a.Writable ? ZclStatus.ReadOnly
                    : a.DataType != record.DataType ? ZclStatus.InvalidDataType
                    : ZclStatus.Success;
                if (status == ZclStatus.Success)
                {
                    accepted.Add((a!, record.Value));
                }
                else
                {
                    failures.Add(new ZclWriteAttributeStatusRecord(status, record.AttributeId));
                }
            }

            if (!write.Undivided || failures.Count == 0)
            {
                foreach ((ZclAttribute attribute, ZclValue value) in accepted)
                {
                    attribute.Value = value;
                }
            }

            if (write.NoResponse)
            {
                return null;
            }

            return failures.Count == 0 ? ZclWriteAttributesResponse.AllSuccess() : new ZclWriteAttributesResponse(failures);
        }

        /// <summary>2.5.14.3: the cluster's attribute ids and types from the start id, at most the maximum asked.</summary>
        private static ZclFoundationCommand DiscoverAttributes(ZclClusterServer cluster, ZclDiscoverAttributes discover)
        {
            List<ZclAttribute> all = cluster.Attributes.Where(a => a.Id >= discover.StartAttributeId).ToList();
            List<ZclAttribute> page = all.Take(discover.MaximumAttributeIds).ToList();
            bool complete = page.Count == all.Count;
            return discover.Extended
                ? new ZclDiscoverAttributesExtendedResponse(complete, page.Select(a => new ZclExtendedAttributeInformation(a.Id, a.DataType, a.Access)).ToList())
                : new ZclDiscoverAttributesResponse(complete, page.Select(a => new ZclAttributeInformation(a.Id, a.DataType)).ToList());
        }
    }
}
