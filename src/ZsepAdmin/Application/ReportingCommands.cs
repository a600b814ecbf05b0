using System;
using System.Linq;
using System.Management.Automation;
using Zsep.Stack.Gateway;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;

namespace ZsepAdmin.Commands
{
    /// <summary>Set-ZsepReporting: asks a node to report attributes to the gateway (ZCL Configure Reporting, 2.5.7).</summary>
    [Cmdlet(VerbsCommon.Set, "ZsepReporting", SupportsShouldProcess = true)]
    [OutputType(typeof(ZsepAttributeStatus))]
    public sealed class SetZsepReportingCommand : NodeClusterCmdlet
    {
        [Parameter(Mandatory = true)]
        [ArgumentCompleter(typeof(AttributeNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Attribute { get; set; } = Array.Empty<string>();

        /// <summary>Seconds at least between two reports of a change (0 = as soon as it changes).</summary>
        [Parameter(Mandatory = true)]
        public ushort MinimumInterval { get; set; }

        /// <summary>Seconds at most between reports (0xFFFF stops periodic reports; 0 = only on change).</summary>
        [Parameter(Mandatory = true)]
        public ushort MaximumInterval { get; set; }

        /// <summary>For analog attributes: the change that triggers a report, in the attribute's raw units.</summary>
        [Parameter]
        public object? ReportableChange { get; set; }

        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSeconds { get; set; } = 20;

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            ushort cluster = 0;
            ushort[] attributes = Array.Empty<ushort>();
            try
            {
                cluster = ClusterArguments.ParseCluster(Cluster);
                attributes = ClusterArguments.ParseAttributes(cluster, Attribute);
            }
            catch (ArgumentException ex)
            {
                ThrowStackError(ex, Cluster);
            }

            if (MaximumInterval != 0 && MaximumInterval != 0xFFFF && MaximumInterval < MinimumInterval)
            {
                ThrowStackError(new ArgumentException($"-MaximumInterval {MaximumInterval} is below -MinimumInterval {MinimumInterval}."), MaximumInterval);
            }

            object? change = ReportableChange is PSObject p ? p.BaseObject : ReportableChange;
            if (!ShouldProcess($"{Node} on {gateway.Name}", $"Configure reporting of {ClusterRegistry.Describe(cluster)} {string.Join(", ", Attribute)} every {MinimumInterval}-{MaximumInterval} s"))
            {
                return;
            }

            try
            {
                var requests = attributes.Select(a => new ZsepReportingRequest(a, MinimumInterval, MaximumInterval, change)).ToList();
                foreach (ZsepAttributeStatus status in gateway.ConfigureReporting(Node, Endpoint, cluster, requests, TimeSpan.FromSeconds(TimeoutSeconds), CancellationToken))
                {
                    WriteObject(status);
                    if (status.Status != ZclStatus.Success)
                    {
                        WriteError(new ErrorRecord(new InvalidOperationException($"{Node} refused reporting of {status.Name}: {status.Status} (0x{(byte)status.Status:X2})."),
                            status.Status == ZclStatus.UnsupportedAttribute ? "UnsupportedAttribute" : "ReportingRefused", ErrorCategory.InvalidResult, status));
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

    /// <summary>Get-ZsepReport: the attribute reports the gateway received (the last 1,000), oldest first.</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepReport")]
    [OutputType(typeof(ZsepAttributeReport))]
    public sealed class GetZsepReportCommand : ZsepNetworkCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Ieee")]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64[]? Node { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string? Cluster { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            ushort? cluster = null;
            if (Cluster is not null)
            {
                try
                {
                    cluster = ClusterArguments.ParseCluster(Cluster);
                }
                catch (ArgumentException ex)
                {
                    ThrowStackError(ex, Cluster);
                }
            }

            foreach (ZsepAttributeReport r in gateway.GetReports())
            {
                if ((Node is null || (r.Node is Eui64 n && Node.Contains(n))) && (cluster is null || r.Cluster == cluster))
                {
                    WriteObject(r);
                }
            }
        }
    }
}
