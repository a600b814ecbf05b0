using System;

namespace Zsep.Stack.State
{
    /// <summary>What is wrong with a clusters.conf (see <see cref="ClustersConfig"/>).</summary>
    public enum ClustersConfigError
    {
        /// <summary>A line starts with a word that is not "endpoint", "server" or "client".</summary>
        UnknownKeyword = 1,

        /// <summary>A cluster name not in the cluster table, or a number that is not a 16-bit cluster id.</summary>
        UnknownCluster = 2,

        /// <summary>An attribute name or id the cluster's definition does not have (or defaults on a cluster with no definition).</summary>
        UnknownAttribute = 3,

        /// <summary>A value that does not parse as, or does not fit, the attribute's data type.</summary>
        BadValue = 4,

        /// <summary>The same cluster twice on the same side of an endpoint.</summary>
        DuplicateCluster = 5,

        /// <summary>The same attribute twice on one cluster line, or the same endpoint number twice.</summary>
        Duplicate = 6,

        /// <summary>A malformed line: a missing or bad number, an unclosed quote, a cluster line before any endpoint line.</summary>
        Syntax = 7,

        /// <summary>The file does not exist.</summary>
        NotFound = 8,

        /// <summary>The file cannot be read.</summary>
        IoError = 9,
    }

    /// <summary>
    /// A clusters.conf that cannot be used. The message names the file, the line and the problem, as in
    /// "clusters.conf line 4: unknown cluster 'Meterng' ...".
    /// </summary>
    [Serializable]
    public sealed class ClustersConfigException : Exception
    {
        public ClustersConfigException(ClustersConfigError error, string sourceName, int? lineNumber, string problem, Exception? inner = null)
            : base(lineNumber is int n ? $"{sourceName} line {n}: {problem}" : $"{sourceName}: {problem}", inner)
        {
            Error = error;
            SourceName = sourceName;
            LineNumber = lineNumber;
            Problem = problem;
        }

        public ClustersConfigError Error { get; }

        /// <summary>The file (or the name given to <see cref="ClustersConfig.Parse"/>).</summary>
        public string SourceName { get; }

        /// <summary>1-based line of the problem; null for a file that cannot be read at all.</summary>
        public int? LineNumber { get; }

        /// <summary>The problem without the location.</summary>
        public string Problem { get; }
    }
}
