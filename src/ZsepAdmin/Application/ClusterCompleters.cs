using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Zsep.Stack.Zcl;

namespace ZsepAdmin.Commands
{
    /// <summary>Tab completion of cluster names from the cluster definition tables (-Cluster everywhere).</summary>
    public sealed class ClusterNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return ClusterRegistry.All
                .Where(c => c.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase) || ("0x" + c.Id.ToString("X4", CultureInfo.InvariantCulture)).StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Select(c => new CompletionResult(c.Name, c.Name, CompletionResultType.ParameterValue, c.ToString()));
        }
    }

    /// <summary>Tab completion of attribute names of the cluster already given in -Cluster (all clusters' attributes when none is).</summary>
    public sealed class AttributeNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            IEnumerable<ClusterDefinition> clusters = fakeBoundParameters?["Cluster"] is { } given && ClusterArguments.Find(given.ToString()) is { } one
                ? new[] { one }
                : ClusterRegistry.All;
            return clusters.SelectMany(c => c.Attributes.Select(a => (Cluster: c, Attribute: a)))
                .Where(x => x.Attribute.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .GroupBy(x => x.Attribute.Name)
                .Select(g => g.First())
                .Select(x => new CompletionResult(x.Attribute.Name, x.Attribute.Name, CompletionResultType.ParameterValue, $"{x.Cluster.Name}.{x.Attribute}"));
        }
    }

    /// <summary>-Cluster and -Attribute arguments: names from the definition tables or numbers (0x0702, 1794).</summary>
    internal static class ClusterArguments
    {
        public static ClusterDefinition? Find(string? text) => text is null ? null : ClusterRegistry.Get(text);

        /// <summary>The cluster id of a name or number, or an ArgumentException naming what is known.</summary>
        public static ushort ParseCluster(string text) =>
            ClusterRegistry.TryParseClusterId(text, out ushort id)
                ? id
                : throw new ArgumentException($"'{text}' is not a cluster: give a name such as Metering (Get-ZsepClusterDefinition lists them) or a number such as 0x0702.");

        /// <summary>Attribute ids of names or numbers; a name the cluster's table does not have is an ArgumentException.</summary>
        public static ushort[] ParseAttributes(ushort cluster, IEnumerable<string> texts)
        {
            ClusterDefinition? definition = ClusterRegistry.Get(cluster);
            return texts.SelectMany(t => t.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries)).Select(t => t.Trim()).Select(t =>
                definition?.GetAttribute(t) is { } a ? a.Id
                : ZclTextNumber(t) is ushort n ? n
                : throw new ArgumentException($"{ClusterRegistry.Describe(cluster)} has no attribute '{t}' (Get-ZsepClusterDefinition -Cluster {definition?.Name ?? "0x" + cluster.ToString("X4", CultureInfo.InvariantCulture)} lists them), and it is not a number such as 0x0000.")).ToArray();
        }

        private static ushort? ZclTextNumber(string t)
        {
            if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && ushort.TryParse(t.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ushort h))
            {
                return h;
            }

            return ushort.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out ushort d) ? d : null;
        }
    }
}
