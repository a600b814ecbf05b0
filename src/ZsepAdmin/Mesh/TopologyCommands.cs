using System;
using System.IO;
using System.Management.Automation;
using Zsep.Stack.Gateway;
using Zsep.Stack.Types;

namespace ZsepAdmin.Commands
{
    /// <summary>Get-ZsepNeighbor: a node's neighbor table with LQI (Mgmt_Lqi_req, every page; the coordinator's is read directly).</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepNeighbor")]
    [OutputType(typeof(ZsepNeighbor))]
    public sealed class GetZsepNeighborCommand : ZsepNetworkCmdlet
    {
        /// <summary>The node whose table to read; the coordinator when not given.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Ieee")]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64? Node { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            Eui64 node = Node ?? gateway.Coordinator.Ieee;
            try
            {
                WriteObject(gateway.GetNeighbors(node, null, CancellationToken), enumerateCollection: true);
            }
            catch (Exception ex) when (ex is ZdoRequestException or ArgumentException)
            {
                WriteStackError(ex, node);
            }
        }
    }

    /// <summary>Get-ZsepRoute: a node's routing table (Mgmt_Rtg_req, every page; the coordinator's is read directly).</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepRoute")]
    [OutputType(typeof(ZsepRoute))]
    public sealed class GetZsepRouteCommand : ZsepNetworkCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Ieee")]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64? Node { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            Eui64 node = Node ?? gateway.Coordinator.Ieee;
            try
            {
                WriteObject(gateway.GetRoutes(node, null, CancellationToken), enumerateCollection: true);
            }
            catch (Exception ex) when (ex is ZdoRequestException or ArgumentException)
            {
                WriteStackError(ex, node);
            }
        }
    }

    /// <summary>Shared crawl with progress for the topology cmdlets.</summary>
    public abstract class ZsepTopologyCmdlet : ZsepNetworkCmdlet
    {
        protected ZsepTopology Crawl(Gateway gateway, string activity, bool endDevices = true, TimeSpan? endDeviceTimeout = null)
        {
            var progress = new ProgressRecord(7, activity, "Reading neighbor tables");
            ZsepTopology topology = gateway.GetTopology((done, total, node) =>
            {
                progress.PercentComplete = total == 0 ? 100 : Math.Min(100, 100 * done / total);
                progress.StatusDescription = $"{done} of {total} nodes: {node}";
                WriteProgress(progress);
            }, null, CancellationToken, endDevices, endDeviceTimeout);
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            return topology;
        }
    }

    /// <summary>Get-ZsepTopology: crawls every router's neighbor table; the mesh as nodes and links with LQI, or as Graphviz DOT.</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepTopology")]
    [OutputType(typeof(ZsepTopology))]
    public sealed class GetZsepTopologyCommand : ZsepTopologyCmdlet
    {
        [Parameter]
        public SwitchParameter AsDot { get; set; }

        /// <summary>Do not ask end devices (each answers only when it next polls its parent).</summary>
        [Parameter]
        public SwitchParameter SkipEndDevices { get; set; }

        /// <summary>How long to wait for each page of an end device's answer (8 s by default; at least a second).</summary>
        [Parameter]
        public TimeSpan? EndDeviceTimeout { get; set; }

        protected override void ProcessRecord()
        {
            ZsepTopology topology = Crawl(ResolveNetwork(), "Crawling the mesh", !SkipEndDevices, EndDeviceTimeout is TimeSpan t && t < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : EndDeviceTimeout);
            WriteObject(AsDot ? TopologyExport.ToDot(topology) : topology);
        }
    }

    /// <summary>Export-ZsepTopology: crawls the mesh (or takes a topology from the pipeline) and writes it as .dot, .json or .svg.</summary>
    [Cmdlet(VerbsData.Export, "ZsepTopology", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportZsepTopologyCommand : ZsepTopologyCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        public string Path { get; set; } = "";

        /// <summary>A topology from Get-ZsepTopology; crawled now when not given.</summary>
        [Parameter(ValueFromPipeline = true)]
        public ZsepTopology? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            string path = GetUnresolvedProviderPathFromPSPath(Path);
            string extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
            if (extension is not (".dot" or ".gv" or ".json" or ".svg"))
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"'{Path}': the file type is chosen by its extension: .dot, .json or .svg."), "TopologyFormatUnknown", ErrorCategory.InvalidArgument, Path));
            }

            ZsepTopology topology = InputObject ?? Crawl(ResolveNetwork(), "Crawling the mesh");
            if (!ShouldProcess(path, "Write the topology"))
            {
                return;
            }

            string text = extension switch
            {
                ".json" => TopologyExport.ToJson(topology),
                ".svg" => TopologyExport.ToSvg(topology),
                _ => TopologyExport.ToDot(topology),
            };
            try
            {
                File.WriteAllText(path, text);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                ThrowStackError(ex, path);
            }

            WriteObject(new FileInfo(path));
        }
    }
}
