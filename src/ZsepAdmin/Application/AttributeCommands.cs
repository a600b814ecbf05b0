using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using Zsep.Stack.Application;
using Zsep.Stack.Gateway;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;

namespace ZsepAdmin.Commands
{
    /// <summary>
    /// Read-ZsepAttribute: reads attributes of a cluster from nodes (ZCL Read Attributes). Nodes from the pipeline are
    /// collected and read together, at most -ThrottleLimit at once per network (networks on one medium at the same time),
    /// and the records stream out as the answers arrive. Metering display values use the formatting the interview kept;
    /// -Refresh reads it again.
    /// </summary>
    [Cmdlet(VerbsCommunications.Read, "ZsepAttribute")]
    [OutputType(typeof(ZsepAttributeValue))]
    public sealed class ReadZsepAttributeCommand : ZsepNetworkCmdlet
    {
        private readonly List<(Gateway Gateway, Eui64 Node)> _nodes = new List<(Gateway, Eui64)>();
        private ushort _cluster;
        private ushort[] _attributes = Array.Empty<ushort>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Ieee")]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64[] Node { get; set; } = Array.Empty<Eui64>();

        /// <summary>The node's endpoint; when not given, the one the interview found with the cluster (else 1).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 240)]
        public byte? Endpoint { get; set; }

        [Parameter(Mandatory = true)]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Cluster { get; set; } = "";

        [Parameter(Mandatory = true)]
        [ArgumentCompleter(typeof(AttributeNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Attribute { get; set; } = Array.Empty<string>();

        /// <summary>Requests in flight at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 16;

        /// <summary>How long to wait for each node's answer (network time), before the one retry.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSeconds { get; set; } = 20;

        /// <summary>
        /// Reads each meter's unit and formatting again (Metering UnitOfMeasure, Multiplier, Divisor, Summation/DemandFormatting,
        /// MeteringDeviceType) before its energy readings, instead of using those the interview kept.
        /// </summary>
        [Parameter]
        public SwitchParameter Refresh { get; set; }

        protected override void BeginProcessing()
        {
            try
            {
                _cluster = ClusterArguments.ParseCluster(Cluster);
                _attributes = ClusterArguments.ParseAttributes(_cluster, Attribute);
            }
            catch (ArgumentException ex)
            {
                ThrowStackError(ex, Cluster);
            }
        }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            foreach (Eui64 node in Node)
            {
                if (gateway.Store.GetNode(node) is null)
                {
                    WriteError(new ErrorRecord(new ArgumentException($"{node} is not a node of {gateway.Name}."), "NodeNotFound", ErrorCategory.ObjectNotFound, node));
                    continue;
                }

                _nodes.Add((gateway, node));
            }
        }

        protected override void EndProcessing()
        {
            int total = _nodes.Count;
            int done = 0;
            var progress = new ProgressRecord(1, $"Reading {ClusterRegistry.Describe(_cluster)}", $"0 of {total} nodes");
            if (total == 0)
            {
                return;
            }

            // One batch per network, all at once (networks on one medium share its loop), outcomes as they arrive.
            var targets = _nodes.GroupBy(n => n.Gateway, n => n.Node).Select(g => (g.Key, (IReadOnlyList<Eui64>)g.Distinct().ToList())).ToList();
            IEnumerable<ZsepAttributeReadOutcome> outcomes;
            try
            {
                outcomes = Gateway.ReadAttributesBatch(targets, Endpoint, _cluster, _attributes, TimeSpan.FromSeconds(TimeoutSeconds), ThrottleLimit, CancellationToken, Refresh.IsPresent);
            }
            catch (ArgumentException ex)
            {
                ThrowStackError(ex, Cluster);
                return;
            }

            using IEnumerator<ZsepAttributeReadOutcome> e = outcomes.GetEnumerator();
            while (Next(e, targets[0].Key))
            {
                ZsepAttributeReadOutcome outcome = e.Current;
                done++;
                if (total > 1)
                {
                    progress.StatusDescription = $"{done} of {total} nodes";
                    progress.PercentComplete = (int)(100L * done / total);
                    WriteProgress(progress);
                }

                if (outcome.Error is not null)
                {
                    WriteError(new ErrorRecord(new ZclRequestException(outcome.Node, outcome.TransactionStatus, outcome.Error), "NodeUnreachable", ErrorCategory.ConnectionError, outcome.Node));
                    continue;
                }

                foreach (ZsepAttributeValue value in outcome.Values)
                {
                    WriteObject(value);
                    if (value.Status == ZclStatus.UnsupportedAttribute)
                    {
                        WriteError(new ErrorRecord(new InvalidOperationException($"{value.Node} has no attribute {value.Name} (0x{value.Attribute:X4}) on {value.ClusterName}, endpoint {value.Endpoint}: UNSUPPORTED_ATTRIBUTE (0x86)."),
                            "UnsupportedAttribute", ErrorCategory.ObjectNotFound, value));
                    }
                    else if (value.Status != ZclStatus.Success)
                    {
                        WriteError(new ErrorRecord(new InvalidOperationException($"{value.Node} answered {value.Status} (0x{(byte)value.Status:X2}) for {value.ClusterName}.{value.Name}."),
                            "AttributeReadFailed", ErrorCategory.InvalidResult, value));
                    }
                }
            }

            if (total > 1)
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }

        /// <summary>Moves on; Ctrl+C ends the command, a lost radio is a terminating error.</summary>
        private bool Next(IEnumerator<ZsepAttributeReadOutcome> e, Gateway gateway)
        {
            try
            {
                return e.MoveNext();
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            catch (Zsep.Radio.RadioUnavailableException ex)
            {
                ThrowStackError(ex, gateway.Name);
                return false;
            }
        }
    }

    /// <summary>Write-ZsepAttribute: writes one attribute of a node (ZCL Write Attributes) and returns its status.</summary>
    [Cmdlet(VerbsCommunications.Write, "ZsepAttribute", SupportsShouldProcess = true)]
    [OutputType(typeof(ZsepAttributeStatus))]
    public sealed class WriteZsepAttributeCommand : NodeClusterCmdlet
    {
        [Parameter(Mandatory = true)]
        [ArgumentCompleter(typeof(AttributeNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Attribute { get; set; } = "";

        /// <summary>The value, converted to the attribute's data type from the cluster table (numbers may be 0x hex text).</summary>
        [Parameter(Mandatory = true)]
        [AllowEmptyString]
        public object Value { get; set; } = "";

        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSeconds { get; set; } = 20;

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            ushort cluster = 0;
            ushort attribute = 0;
            try
            {
                cluster = ClusterArguments.ParseCluster(Cluster);
                attribute = ClusterArguments.ParseAttributes(cluster, new[] { Attribute }).Single();
            }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException)
            {
                ThrowStackError(ex as ArgumentException ?? new ArgumentException("Give exactly one attribute.", ex), Attribute);
            }

            object value = Value is PSObject p ? p.BaseObject : Value;
            if (value is string bits && bits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                && ulong.TryParse(bits.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong raw)
                && ClusterRegistry.Get(cluster)?.GetAttribute(attribute) is { } d && d.DataType is not (ZclDataType.CharacterString or ZclDataType.LongCharacterString or ZclDataType.OctetString or ZclDataType.LongOctetString))
            {
                value = raw;
            }

            string name = ClusterRegistry.Get(cluster)?.GetAttribute(attribute)?.Name ?? $"0x{attribute:X4}";
            if (!ShouldProcess($"{Node} on {gateway.Name}", $"Write {ClusterRegistry.Describe(cluster)}.{name} = {value}"))
            {
                return;
            }

            try
            {
                foreach (ZsepAttributeStatus status in gateway.WriteAttributes(Node, Endpoint, cluster, new[] { new KeyValuePair<ushort, object>(attribute, value) }, TimeSpan.FromSeconds(TimeoutSeconds), CancellationToken))
                {
                    WriteObject(status);
                    if (status.Status != ZclStatus.Success)
                    {
                        WriteError(new ErrorRecord(new InvalidOperationException($"{Node} refused {name}: {status.Status} (0x{(byte)status.Status:X2})."),
                            status.Status == ZclStatus.UnsupportedAttribute ? "UnsupportedAttribute" : "AttributeWriteFailed", ErrorCategory.InvalidResult, status));
                    }
                }
            }
            catch (Exception ex) when (ex is ZclRequestException || ex is ArgumentException || ex is Zsep.Radio.RadioUnavailableException)
            {
                WriteStackError(ex, Node);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
