using System.Collections.Generic;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.Frames
{
    /// <summary>
    /// One attribute named in a decoded ZCL foundation command, with its name from the cluster definition tables
    /// (manufacturer-specific frames keep the id: their attributes are not in the tables).
    /// </summary>
    public sealed record ZclAttributeField(ushort AttributeId, string Name, ZclDataType? DataType, object? Value, ZclStatus? Status)
    {
        public override string ToString() =>
            Status is { } s && s != ZclStatus.Success ? $"{Name}: {s}" : Value is null ? Name : $"{Name}={Value}";

        /// <summary>The attributes a foundation command carries, or null for commands that carry none.</summary>
        public static IReadOnlyList<ZclAttributeField>? Of(ZclFrame frame)
        {
            ClusterDefinition? cluster = frame.Header.ManufacturerCode is null ? frame.Cluster : null;
            string NameOf(ushort id) => cluster?.GetAttribute(id)?.Name ?? $"0x{id:X4}";
            object? ValueOf(ZclValue? v) => v is null || v.IsInvalid ? null : v.Value;

            var list = new List<ZclAttributeField>();
            switch (frame.Foundation)
            {
                case ZclReadAttributes read:
                    foreach (ushort id in read.AttributeIds)
                    {
                        list.Add(new ZclAttributeField(id, NameOf(id), null, null, null));
                    }

                    break;
                case ZclReadAttributesResponse response:
                    foreach (ZclReadAttributeStatusRecord r in response.Records)
                    {
                        list.Add(new ZclAttributeField(r.AttributeId, NameOf(r.AttributeId), r.Value?.DataType, ValueOf(r.Value), r.Status));
                    }

                    break;
                case ZclWriteAttributes write:
                    foreach (ZclAttributeValueRecord r in write.Records)
                    {
                        list.Add(new ZclAttributeField(r.AttributeId, NameOf(r.AttributeId), r.Value.DataType, ValueOf(r.Value), null));
                    }

                    break;
                case ZclReportAttributes report:
                    foreach (ZclAttributeValueRecord r in report.Records)
                    {
                        list.Add(new ZclAttributeField(r.AttributeId, NameOf(r.AttributeId), r.Value.DataType, ValueOf(r.Value), null));
                    }

                    break;
                case ZclWriteAttributesResponse writeResponse:
                    foreach (ZclWriteAttributeStatusRecord r in writeResponse.Records)
                    {
                        if (r.AttributeId is { } id)
                        {
                            list.Add(new ZclAttributeField(id, NameOf(id), null, null, r.Status));
                        }
                    }

                    break;
                case ZclDiscoverAttributesResponse discovered:
                    foreach (ZclAttributeInformation a in discovered.Attributes)
                    {
                        list.Add(new ZclAttributeField(a.AttributeId, NameOf(a.AttributeId), a.DataType, null, null));
                    }

                    break;
                default:
                    return null;
            }

            return list;
        }
    }
}
