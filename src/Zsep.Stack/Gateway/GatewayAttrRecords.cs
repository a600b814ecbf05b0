using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.State;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Zsep.Stack.Zcl.SmartEnergy;

namespace Zsep.Stack.Gateway
{
    /// <summary>A cluster of one of the gateway's endpoints (Get-ZsepCluster): id, name, role and the clusters.conf defaults.</summary>
    public sealed record ZsepCluster
    {
        public string Network { get; init; } = "";

        public byte Endpoint { get; init; }

        public ushort Cluster { get; init; }

        /// <summary>The cluster's name from the cluster table ("Metering"), or "0x1234".</summary>
        public string Name { get; init; } = "";

        /// <summary>Server (the gateway serves its attributes and commands) or Client (the gateway uses it on devices).</summary>
        public ClusterSide Role { get; init; }

        /// <summary>Attributes the gateway serves on it now.</summary>
        public int AttributeCount { get; init; }

        /// <summary>Attribute defaults from clusters.conf, by attribute name.</summary>
        public IReadOnlyDictionary<string, object?> Defaults { get; init; } = new Dictionary<string, object?>();

        /// <summary>The defaults as clusters.conf writes them, for display.</summary>
        public string DefaultsText => string.Join(" ", Defaults.Select(d => $"{d.Key}={d.Value}"));

        public override string ToString() => $"{Role.ToString().ToLowerInvariant()} {Name} (0x{Cluster:X4})";
    }

    /// <summary>What a cluster's definition table says (Get-ZsepClusterDefinition): its attributes and commands.</summary>
    public sealed record ZsepClusterDefinition
    {
        public ushort Cluster { get; init; }

        public string Name { get; init; } = "";

        public string DisplayName { get; init; } = "";

        /// <summary>Where the cluster is specified ("SE 1.4 (07-5356-19) D.3").</summary>
        public string Specification { get; init; } = "";

        public IReadOnlyList<ZclAttributeDefinition> Attributes { get; init; } = Array.Empty<ZclAttributeDefinition>();

        /// <summary>Commands the server receives (client to server).</summary>
        public IReadOnlyList<ZclCommandDefinition> CommandsReceived { get; init; } = Array.Empty<ZclCommandDefinition>();

        /// <summary>Commands the server generates (server to client).</summary>
        public IReadOnlyList<ZclCommandDefinition> CommandsGenerated { get; init; } = Array.Empty<ZclCommandDefinition>();

        public IReadOnlyList<string> Aliases { get; init; } = Array.Empty<string>();

        public static ZsepClusterDefinition Of(ClusterDefinition d) => new ZsepClusterDefinition
        {
            Cluster = d.Id,
            Name = d.Name,
            DisplayName = d.DisplayName,
            Specification = d.SpecSection,
            Attributes = d.Attributes,
            CommandsReceived = d.CommandsReceived,
            CommandsGenerated = d.CommandsGenerated,
            Aliases = d.Aliases,
        };

        public override string ToString() => $"{Name} (0x{Cluster:X4}): {Attributes.Count} attributes, {CommandsReceived.Count + CommandsGenerated.Count} commands";
    }

    /// <summary>
    /// The APS options of the coordinator (Get-ZsepStackOption; 05-3474 Table 2.24 and 2.2.8.4.5), as they are now and
    /// as they are kept in the store across reconnects.
    /// </summary>
    public sealed record ZsepStackOptions
    {
        public string Network { get; init; } = "";

        /// <summary>apsAckWaitDuration.</summary>
        public TimeSpan ApsAckWaitDuration { get; init; }

        /// <summary>apsMaxFrameRetries.</summary>
        public byte ApsMaxFrameRetries { get; init; }

        /// <summary>apsMaxWindowSize.</summary>
        public byte MaxWindowSize { get; init; }

        /// <summary>Payload octets per block of a fragmented frame.</summary>
        public byte FragmentBlockSize { get; init; }

        /// <summary>apsInterframeDelay.</summary>
        public TimeSpan InterframeDelay { get; init; }

        /// <summary>How long a partly received fragmented frame is kept.</summary>
        public TimeSpan ReassemblyTimeout { get; init; }

        public override string ToString() =>
            $"apsAckWaitDuration {ApsAckWaitDuration.TotalMilliseconds} ms, apsMaxFrameRetries {ApsMaxFrameRetries}, window {MaxWindowSize}, block {FragmentBlockSize} octets";
    }

    /// <summary>
    /// A meter's unit, scale and formatting (SE 1.4 07-5356-21 D.3.2.2.4) as the gateway keeps them: read by the
    /// interview, kept in the store, and used for the display values of its readings.
    /// </summary>
    public sealed record ZsepMeteringFormat
    {
        public string Network { get; init; } = "";

        public Eui64 Node { get; init; }

        /// <summary>The endpoint whose Metering server gave them.</summary>
        public byte Endpoint { get; init; }

        /// <summary>UnitOfMeasure (0x0300).</summary>
        public MeteringUnitOfMeasure UnitOfMeasure { get; init; }

        /// <summary>Multiplier (0x0301); 1 when the meter did not give it.</summary>
        public uint Multiplier { get; init; } = 1;

        /// <summary>Divisor (0x0302); 1 when the meter did not give it.</summary>
        public uint Divisor { get; init; } = 1;

        /// <summary>SummationFormatting (0x0303).</summary>
        public MeteringFormatting SummationFormatting { get; init; }

        /// <summary>DemandFormatting (0x0304); the summation's when the meter did not give it.</summary>
        public MeteringFormatting DemandFormatting { get; init; }

        /// <summary>MeteringDeviceType (0x0306), or null when the meter did not give it.</summary>
        public byte? MeteringDeviceType { get; init; }

        /// <summary>When the gateway read them (network time).</summary>
        public DateTimeOffset ReadAt { get; init; }

        public override string ToString() => $"{Node}: {UnitOfMeasure} x{Multiplier}/{Divisor}";
    }
}
