using System;
using System.Linq;
using System.Management.Automation;
using Zsep.Stack.Gateway;
using Zsep.Stack.Node;
using Zsep.Stack.State;
using Zsep.Stack.Types;

namespace ZsepAdmin.Commands
{
    /// <summary>Get-ZsepNode: the nodes of the network, from the Trust Center table and live data.</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepNode")]
    [OutputType(typeof(ZsepNode))]
    public sealed class GetZsepNodeCommand : ZsepNetworkCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64[]? Ieee { get; set; }

        [Parameter]
        public NodeDeviceType[]? DeviceType { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            foreach (ZsepNode node in gateway.GetNodes().OrderBy(n => n.HopCount ?? int.MaxValue).ThenBy(n => n.NwkAddress.Value))
            {
                if ((Ieee is null || Ieee.Contains(node.Ieee)) && (DeviceType is null || DeviceType.Contains(node.DeviceType)))
                {
                    WriteObject(node);
                }
            }

            if (Ieee is not null)
            {
                foreach (Eui64 missing in Ieee.Where(i => gateway.GetNodes().All(n => n.Ieee != i)))
                {
                    WriteError(new ErrorRecord(new ArgumentException($"{missing} is not a node of {gateway.Name}."), "NodeNotFound", ErrorCategory.ObjectNotFound, missing));
                }
            }
        }
    }

    /// <summary>Get-ZsepTrace: events of the network's trace log, newest last.</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepTrace")]
    [OutputType(typeof(TraceEntry))]
    public sealed class GetZsepTraceCommand : ZsepNetworkCmdlet
    {
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(TraceCodeCompleter))]
        public string? Code { get; set; }

        /// <summary>The node, as an IEEE address or a network address.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Ieee")]
        public string? Node { get; set; }

        [Parameter]
        public DateTimeOffset? Since { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? Last { get; set; }

        protected override void ProcessRecord()
        {
            string? node = Node;
            if (node is not null && Eui64.TryParse(node, out Eui64 ieee))
            {
                node = ieee.ToString();
            }

            foreach (TraceEntry entry in ResolveNetwork().Trace.Read(Code, node, Since, Last))
            {
                WriteObject(entry);
            }
        }
    }

    /// <summary>Tab completion of trace codes.</summary>
    public sealed class TraceCodeCompleter : IArgumentCompleter
    {
        public System.Collections.Generic.IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, System.Management.Automation.Language.CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters) =>
            typeof(TraceCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!)
                .Where(c => c.StartsWith(wordToComplete, StringComparison.OrdinalIgnoreCase))
                .Select(c => new CompletionResult(c, c, CompletionResultType.ParameterValue, c));
    }
}

namespace ZsepAdmin.Commands
{
    /// <summary>Remove-ZsepNode: removes a node from the network (through its parent or by the Trust Center), and its install code unless kept.</summary>
    [Cmdlet(VerbsCommon.Remove, "ZsepNode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    public sealed class RemoveZsepNodeCommand : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64 Ieee { get; set; }

        /// <summary>Keep the device's install code registered, so it may join again.</summary>
        [Parameter]
        public SwitchParameter KeepInstallCode { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            if (!ShouldProcessForce($"{Ieee} on {gateway.Name}" + (KeepInstallCode ? " (install code kept)" : " and its install code"), "Remove the node from the network", Force))
            {
                return;
            }

            if (!gateway.RemoveNode(Ieee, KeepInstallCode))
            {
                WriteError(new ErrorRecord(new ArgumentException($"{Ieee} is not a node of {gateway.Name}."), "NodeNotFound", ErrorCategory.ObjectNotFound, Ieee));
                return;
            }

            // Let the removal go out over the mesh before returning.
            RunUntil(gateway, () => false, TimeSpan.FromSeconds(2));
        }
    }
}
