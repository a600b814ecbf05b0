using System;
using System.Collections.Generic;
using System.Management.Automation;
using Zsep.Stack.Gateway;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;

namespace ZsepAdmin.Commands
{
    /// <summary>Get-ZsepBinding: a node's binding table, read over the air (Mgmt_Bind_req, every page).</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepBinding")]
    [OutputType(typeof(ZsepBinding))]
    public sealed class GetZsepBindingCommand : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Ieee")]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64 Node { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            try
            {
                WriteObject(gateway.GetBindings(Node, null, CancellationToken), enumerateCollection: true);
            }
            catch (Exception ex) when (ex is ZdoRequestException or ArgumentException)
            {
                WriteStackError(ex, Node);
            }
        }
    }

    /// <summary>Parameters of a binding shared by New- and Remove-ZsepBinding.</summary>
    public abstract class ZsepBindingCmdlet : ZsepNetworkCmdlet
    {
        /// <summary>The node that holds the binding (its source).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64 Node { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 240)]
        public byte SourceEndpoint { get; set; } = 1;

        /// <summary>Cluster name (Metering) or id (0x0702).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        public string Cluster { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = "Device", ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64 DestinationIeee { get; set; }

        [Parameter(ParameterSetName = "Device", ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 255)]
        public byte DestinationEndpoint { get; set; } = 1;

        [Parameter(Mandatory = true, ParameterSetName = "Group", ValueFromPipelineByPropertyName = true)]
        public ushort DestinationGroup { get; set; }

        protected ZsepBinding? BuildBinding()
        {
            if (!ClusterRegistry.TryParseClusterId(Cluster, out ushort cluster))
            {
                WriteStackError(new ArgumentException($"Unknown cluster '{Cluster}': give a name (Metering) or an id (0x0702)."), Cluster);
                return null;
            }

            return ParameterSetName == "Group"
                ? new ZsepBinding { Node = Node, SourceEndpoint = SourceEndpoint, Cluster = cluster, DestinationGroup = DestinationGroup }
                : new ZsepBinding { Node = Node, SourceEndpoint = SourceEndpoint, Cluster = cluster, DestinationIeee = DestinationIeee, DestinationEndpoint = DestinationEndpoint };
        }
    }

    /// <summary>New-ZsepBinding: creates a binding on a node (Bind_req). A full table is a BindingTableFull error.</summary>
    [Cmdlet(VerbsCommon.New, "ZsepBinding", SupportsShouldProcess = true, DefaultParameterSetName = "Device")]
    [OutputType(typeof(ZsepBinding))]
    public sealed class NewZsepBindingCommand : ZsepBindingCmdlet
    {
        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            if (BuildBinding() is not { } binding || !ShouldProcess($"{Node} on {gateway.Name}", $"Bind {binding}"))
            {
                return;
            }

            try
            {
                WriteObject(gateway.AddBinding(binding, null, CancellationToken));
            }
            catch (Exception ex) when (ex is ZdoRequestException or ArgumentException)
            {
                WriteStackError(ex, Node);
            }
        }
    }

    /// <summary>Remove-ZsepBinding: removes a binding from a node (Unbind_req) and from the store.</summary>
    [Cmdlet(VerbsCommon.Remove, "ZsepBinding", SupportsShouldProcess = true, DefaultParameterSetName = "Device")]
    public sealed class RemoveZsepBindingCommand : ZsepBindingCmdlet
    {
        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            if (BuildBinding() is not { } binding || !ShouldProcess($"{Node} on {gateway.Name}", $"Unbind {binding}"))
            {
                return;
            }

            try
            {
                gateway.RemoveBinding(binding, null, CancellationToken);
            }
            catch (Exception ex) when (ex is ZdoRequestException or ArgumentException)
            {
                WriteStackError(ex, Node);
            }
        }
    }

    /// <summary>
    /// Clear-ZsepBindingTable: removes every binding of a node (reads its table with Mgmt_Bind_req, then Unbind_req
    /// for each) and outputs what it removed. ConfirmImpact High: devices stop reporting to the bound destinations.
    /// </summary>
    [Cmdlet(VerbsCommon.Clear, "ZsepBindingTable", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ZsepBinding))]
    public sealed class ClearZsepBindingTableCommand : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Ieee")]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64 Node { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            IReadOnlyList<ZsepBinding> bindings;
            try
            {
                bindings = gateway.GetBindings(Node, null, CancellationToken);
            }
            catch (Exception ex) when (ex is ZdoRequestException or ArgumentException)
            {
                WriteStackError(ex, Node);
                return;
            }

            if (!ShouldProcessForce($"{Node} on {gateway.Name}", $"Remove all {bindings.Count} binding(s)", Force))
            {
                return;
            }

            foreach (ZsepBinding binding in bindings)
            {
                try
                {
                    gateway.RemoveBinding(binding, null, CancellationToken);
                    WriteObject(binding);
                }
                catch (ZdoRequestException ex)
                {
                    WriteStackError(ex, binding);
                }
            }
        }
    }
}
