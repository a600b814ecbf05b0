using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Zsep.Stack.Gateway;
using Zsep.Stack.State;
using Zsep.Stack.Zcl;

namespace ZsepAdmin.Commands
{
    /// <summary>Get-ZsepCluster: the clusters of the gateway's ESI endpoint (clusters.conf as it runs).</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepCluster")]
    [OutputType(typeof(ZsepCluster))]
    public sealed class GetZsepClusterCommand : ZsepNetworkCmdlet
    {
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string[]? Cluster { get; set; }

        [Parameter]
        [ValidateRange(1, 240)]
        public byte Endpoint { get; set; } = Gateway.EsiEndpoint;

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            ushort[]? wanted = null;
            try
            {
                wanted = Cluster?.Select(ClusterArguments.ParseCluster).ToArray();
            }
            catch (ArgumentException ex)
            {
                ThrowStackError(ex, Cluster);
            }

            foreach (ZsepCluster c in gateway.GetClusters(Endpoint).Where(c => wanted is null || wanted.Contains(c.Cluster)))
            {
                WriteObject(c);
            }
        }
    }

    /// <summary>Set-ZsepCluster: adds, changes or removes a cluster of the ESI in clusters.conf, applied without re-forming.</summary>
    [Cmdlet(VerbsCommon.Set, "ZsepCluster", SupportsShouldProcess = true)]
    [OutputType(typeof(ZsepCluster))]
    public sealed class SetZsepClusterCommand : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Cluster { get; set; } = "";

        [Parameter(Mandatory = true)]
        public ClusterSide Role { get; set; }

        /// <summary>Take the cluster off the endpoint.</summary>
        [Parameter]
        public SwitchParameter Remove { get; set; }

        /// <summary>Attribute defaults: @{ ManufacturerName = 'Acme'; PowerSource = 1 }; $null removes a default.</summary>
        [Parameter]
        public Hashtable? Attribute { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            ushort id = 0;
            try
            {
                id = ClusterArguments.ParseCluster(Cluster);
            }
            catch (ArgumentException ex)
            {
                ThrowStackError(ex, Cluster);
            }

            if (Remove && Attribute is not null)
            {
                ThrowStackError(new ArgumentException("-Remove takes the cluster off; it cannot be given with -Attribute."), Cluster);
            }

            Dictionary<string, object?>? defaults = Attribute?.Cast<DictionaryEntry>()
                .ToDictionary(e => e.Key.ToString()!, e => (object?)(e.Value is PSObject p ? p.BaseObject : e.Value));
            string action = Remove ? "Remove the cluster from clusters.conf and the running endpoint"
                : defaults is { Count: > 0 } ? $"Set the cluster with defaults {string.Join(", ", defaults.Select(d => $"{d.Key}={d.Value}"))} in clusters.conf and the running endpoint"
                : "Add the cluster to clusters.conf and the running endpoint";
            if (!ShouldProcess($"{Role.ToString().ToLowerInvariant()} {ClusterRegistry.Describe(id)} on endpoint {Gateway.EsiEndpoint} of {gateway.Name}", action))
            {
                return;
            }

            try
            {
                IReadOnlyList<ZsepCluster> now = gateway.SetCluster(id, Role, Remove, defaults);
                foreach (ZsepCluster c in now.Where(c => c.Cluster == id && c.Role == Role))
                {
                    WriteObject(c);
                }
            }
            catch (Exception ex) when (ex is ArgumentException || ex is ClustersConfigException || ex is NetworkStateException)
            {
                ThrowStackError(ex, Cluster);
            }
        }
    }

    /// <summary>Get-ZsepClusterDefinition: the attributes and commands of clusters from the definition tables.</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepClusterDefinition")]
    [OutputType(typeof(ZsepClusterDefinition))]
    public sealed class GetZsepClusterDefinitionCommand : ZsepCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        [Alias("Name")]
        public string[]? Cluster { get; set; }

        protected override void ProcessRecord()
        {
            if (Cluster is null)
            {
                foreach (ClusterDefinition d in ClusterRegistry.All)
                {
                    WriteObject(ZsepClusterDefinition.Of(d));
                }

                return;
            }

            foreach (string c in Cluster)
            {
                if (ClusterRegistry.Get(c) is { } d)
                {
                    WriteObject(ZsepClusterDefinition.Of(d));
                }
                else
                {
                    WriteError(new ErrorRecord(new ArgumentException($"'{c}' is not a cluster in the definition tables."), "ClusterNotFound", ErrorCategory.ObjectNotFound, c));
                }
            }
        }
    }
}
