using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ZsepAdmin.Commands
{
    /// <summary>Tab completion of the names of the networks open in the session.</summary>
    public sealed class NetworkNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            NetworkRegistry.All()
                .Where(g => g.Name.StartsWith(wordToComplete.Trim('\'', '"'), System.StringComparison.OrdinalIgnoreCase))
                .Select(g => new CompletionResult(Quote(g.Name), g.Name, CompletionResultType.ParameterValue, $"{g.Name}: channel {g.Config.Channel}, PAN {g.Config.PanId}"));

        internal static string Quote(string text) => text.IndexOfAny(new[] { ' ', '\'', '"', '$', '`' }) >= 0 ? "'" + text.Replace("'", "''") + "'" : text;
    }

    /// <summary>Tab completion of IEEE addresses: the nodes and registered devices of the chosen (or default) network.</summary>
    public sealed class IeeeCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string? network = fakeBoundParameters?["Network"] as string;
            Zsep.Stack.Gateway.Gateway? gateway = NetworkRegistry.Resolve(network);
            if (gateway is null)
            {
                return Enumerable.Empty<CompletionResult>();
            }

            string word = wordToComplete.Trim('\'', '"').Replace(":", string.Empty);
            return gateway.GetInstallCodes().Select(c => c.Ieee).Concat(gateway.GetNodes().Select(n => n.Ieee)).Distinct()
                .Where(i => i.ToCompactString().StartsWith(word, System.StringComparison.OrdinalIgnoreCase))
                .Select(i => new CompletionResult("'" + i + "'", i.ToString(), CompletionResultType.ParameterValue, i.ToString()));
        }
    }
}
