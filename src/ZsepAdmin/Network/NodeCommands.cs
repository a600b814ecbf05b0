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
