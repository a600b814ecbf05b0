using System.Management.Automation;
using Zsep.Stack.Types;

namespace ZsepAdmin.Commands
{
    /// <summary>
    /// Base of the cmdlets that act on one cluster of one node (Write-ZsepAttribute, Set-ZsepReporting): the node by its
    /// IEEE address from the pipeline, the endpoint (the one the interview found when not given) and the cluster by name
    /// or id.
    /// </summary>
    public abstract class NodeClusterCmdlet : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Ieee")]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64 Node { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 240)]
        public byte? Endpoint { get; set; }

        [Parameter(Mandatory = true)]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Cluster { get; set; } = "";
    }
}
