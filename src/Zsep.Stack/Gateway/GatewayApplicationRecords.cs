using System;
using System.Collections.Generic;
using Zsep.Stack.Application;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.Gateway
{
    /// <summary>One attribute as Read-ZsepAttribute returns it: where it is, what it is, its typed value and the status.</summary>
    public sealed record ZsepAttributeValue
    {
        public string Network { get; init; } = "";

        public Eui64 Node { get; init; }

        public NwkAddress NwkAddress { get; init; }

        public byte Endpoint { get; init; }

        public ushort Cluster { get; init; }

        /// <summary>The cluster's name from the cluster table ("Metering"), or its number.</summary>
        public string ClusterName { get; init; } = "";

        public ushort Attribute { get; init; }

        /// <summary>The attribute's spec name ("CurrentSummationDelivered"), or its number when not in the table.</summary>
        public string Name { get; init; } = "";

        /// <summary>The data type on the air (null when the read failed).</summary>
        public ZclDataType? DataType { get; init; }

        /// <summary>The typed value (byte, ushort, uint, ulong, int, string, DateTime, ...); null when invalid or not read.</summary>
        public object? Value { get; init; }

        public ZclStatus Status { get; init; }

        /// <summary>
        /// The value as text: for a Metering summation or demand, scaled by the meter's Multiplier and Divisor with its
        /// unit and formatting (SE 1.4 D.3.2.2.4), such as "12345.678 kWh"; otherwise the value itself. Null when not read.
        /// </summary>
        public string? DisplayValue { get; init; }

        public override string ToString() => Status == ZclStatus.Success ? $"{Node} {ClusterName}.{Name} = {DisplayValue ?? Value}" : $"{Node} {ClusterName}.{Name}: {Status}";
    }

    /// <summary>The outcome of reading one node in a batch: its values, or why it could not be read.</summary>
    public sealed record ZsepAttributeReadOutcome
    {
        public Eui64 Node { get; init; }

        public IReadOnlyList<ZsepAttributeValue> Values { get; init; } = Array.Empty<ZsepAttributeValue>();

        /// <summary>Success when the node answered; NoAck, NoRoute or Timeout when it did not.</summary>
        public ZclTransactionStatus TransactionStatus { get; init; }

        /// <summary>Null when the node answered; else a message naming the node and the failure.</summary>
        public string? Error { get; init; }
    }

    /// <summary>One record of a Write Attributes or Configure Reporting answer.</summary>
    public sealed record ZsepAttributeStatus
    {
        public string Network { get; init; } = "";

        public Eui64 Node { get; init; }

        public byte Endpoint { get; init; }

        public ushort Cluster { get; init; }

        public ushort Attribute { get; init; }

        public string Name { get; init; } = "";

        public ZclStatus Status { get; init; }

        public override string ToString() => $"{Node} 0x{Cluster:X4}/{Name}: {Status}";
    }

    /// <summary>What Set-ZsepReporting asks of one attribute (ZCL 2.5.7.1).</summary>
    public sealed record ZsepReportingRequest(ushort Attribute, ushort MinimumInterval, ushort MaximumInterval, object? ReportableChange = null);

    /// <summary>An attribute report the gateway received (Get-ZsepReport).</summary>
    public sealed record ZsepAttributeReport
    {
        public string Network { get; init; } = "";

        public Eui64? Node { get; init; }

        public NwkAddress NwkAddress { get; init; }

        public byte Endpoint { get; init; }

        public ushort Cluster { get; init; }

        public string ClusterName { get; init; } = "";

        public ushort Attribute { get; init; }

        public string Name { get; init; } = "";

        public ZclDataType DataType { get; init; }

        public object? Value { get; init; }

        public DateTimeOffset Received { get; init; }

        public override string ToString() => $"{Received:u} {Node} {ClusterName}.{Name} = {Value}";
    }

    /// <summary>An endpoint of a node as its simple descriptor describes it.</summary>
    public sealed record ZsepEndpoint
    {
        public byte Endpoint { get; init; }

        public ushort ProfileId { get; init; }

        public ushort DeviceId { get; init; }

        public IReadOnlyList<ushort> InClusters { get; init; } = Array.Empty<ushort>();

        public IReadOnlyList<ushort> OutClusters { get; init; } = Array.Empty<ushort>();

        public override string ToString() => $"{Endpoint}: profile 0x{ProfileId:X4} device 0x{DeviceId:X4}";
    }

    public enum ZsepInterviewStatus
    {
        Pending,
        Complete,
        Failed,
    }

    /// <summary>What the gateway learned of a node after it joined: its endpoints and its Basic cluster.</summary>
    public sealed record ZsepNodeInterview
    {
        public Eui64 Node { get; init; }

        public ZsepInterviewStatus Status { get; init; }

        public IReadOnlyList<ZsepEndpoint> Endpoints { get; init; } = Array.Empty<ZsepEndpoint>();

        public string? ManufacturerName { get; init; }

        public string? ModelIdentifier { get; init; }

        public DateTimeOffset? CompletedAt { get; init; }

        public int Attempts { get; init; }
    }

    /// <summary>A ZCL request that got no answer: the node, and whether the APS layer gave up or the response never came.</summary>
    public sealed class ZclRequestException : Exception
    {
        public ZclRequestException(Eui64 node, ZclTransactionStatus status, string message)
            : base(message)
        {
            Node = node;
            Status = status;
        }

        public Eui64 Node { get; }

        public ZclTransactionStatus Status { get; }
    }
}
