using System;
using System.Linq;
using System.Management.Automation;
using Zsep.Stack.Gateway;
using Zsep.Stack.Types;

namespace ZsepAdmin.Commands
{
    /// <summary>
    /// Test-ZsepMesh: crawls the mesh, scans the channel, and reports findings a person can act on: far nodes, weak
    /// links, single points of failure, end devices without an alternative parent, tables near capacity, a noisy channel.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "ZsepMesh")]
    [OutputType(typeof(ZsepMeshFinding))]
    public sealed class TestZsepMeshCommand : ZsepNetworkCmdlet
    {
        [Parameter]
        [ValidateRange(1, 30)]
        public int MaxHops { get; set; } = 5;

        [Parameter]
        [ValidateRange(1, 255)]
        public int MinLqi { get; set; } = 50;

        /// <summary>
        /// The neighbor table size assumed for routers (Mgmt_Lqi_rsp reports how full a table is, not its size); the
        /// gateway's own size is used for its table when configured. Findings against the assumption are marked Inferred.
        /// </summary>
        [Parameter]
        [ValidateRange(1, 255)]
        public int NeighborTableCapacity { get; set; } = 64;

        [Parameter]
        public ZsepMeshCheck[]? Check { get; set; }

        /// <summary>Do not ask end devices for their neighbor tables: their NoAlternativeParent findings are then inferred.</summary>
        [Parameter]
        public SwitchParameter SkipEndDevices { get; set; }

        /// <summary>How long to wait for each page of an end device's answer (8 s by default; at least a second).</summary>
        [Parameter]
        public TimeSpan? EndDeviceTimeout { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            var progress = new ProgressRecord(8, "Testing the mesh", "Reading neighbor tables");
            var options = new MeshAuditOptions { MaxHops = MaxHops, MinLqi = (byte)MinLqi, NeighborTableCapacity = NeighborTableCapacity };
            var findings = gateway.TestMesh(options, (done, total, node) =>
            {
                progress.PercentComplete = total == 0 ? 100 : Math.Min(100, 100 * done / total);
                progress.StatusDescription = $"{done} of {total} nodes: {node}";
                WriteProgress(progress);
            }, CancellationToken, !SkipEndDevices, EndDeviceTimeout is TimeSpan t && t < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : EndDeviceTimeout);
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            WriteObject(findings.Where(f => Check is null || Check.Contains(f.Check)), enumerateCollection: true);
        }
    }

    /// <summary>Get-ZsepChannelEnergy: energy on each channel, through the gateway's radio or measured by a router (Mgmt_NWK_Update_req).</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepChannelEnergy")]
    [OutputType(typeof(ZsepChannelEnergy))]
    public sealed class GetZsepChannelEnergyCommand : ZsepNetworkCmdlet
    {
        /// <summary>A router to measure at; the gateway itself when not given.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Ieee")]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64? Node { get; set; }

        [Parameter]
        [ValidateRange(11, 26)]
        public byte[]? Channel { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            uint mask = Channel is null ? 0x07FFF800u : Channel.Aggregate(0u, (m, c) => m | (1u << c));
            try
            {
                WriteObject(gateway.ScanChannelEnergy(Node, mask, null, CancellationToken), enumerateCollection: true);
            }
            catch (Exception ex) when (ex is ZdoRequestException or ArgumentException)
            {
                WriteStackError(ex, Node);
            }
        }
    }

    /// <summary>Get-ZsepStatistic: the gateway's stack counters, or with -Node (or -All) the link quality history of nodes as the gateway hears them.</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepStatistic", DefaultParameterSetName = "Gateway")]
    [OutputType(typeof(ZsepGatewayStatistic), typeof(ZsepNodeStatistic))]
    public sealed class GetZsepStatisticCommand : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Node", ValueFromPipelineByPropertyName = true)]
        [Alias("Ieee")]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64[] Node { get; set; } = Array.Empty<Eui64>();

        /// <summary>Every node the gateway has heard.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "All")]
        public SwitchParameter AllNodes { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            switch (ParameterSetName)
            {
                case "Node":
                    foreach (Eui64 node in Node)
                    {
                        try
                        {
                            WriteObject(gateway.GetLinkQualityHistory(node), enumerateCollection: true);
                        }
                        catch (ArgumentException ex)
                        {
                            WriteStackError(ex, node);
                        }
                    }

                    break;
                case "All":
                    WriteObject(gateway.GetLinkQualityHistory(), enumerateCollection: true);
                    break;
                default:
                    WriteObject(gateway.GetStatistics());
                    break;
            }
        }
    }
}
