using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.Application
{
    /// <summary>
    /// A handler for one cluster-specific command received by a cluster server (or client). It may answer with a
    /// cluster-specific response through <see cref="ZclRequestContext.Respond"/>; it returns the status for the Default
    /// Response (ZCL rev 7 2.5.12), which goes out when no response was sent and the status is an error or the
    /// sender did not disable it.
    /// </summary>
    public delegate ZclStatus ZclCommandHandler(ZclRequestContext context);

    /// <summary>
    /// The server side (or, with <see cref="IsClient"/>, the client side) of one cluster on an endpoint: an attribute
    /// store keyed by attribute id, and handlers for cluster-specific commands keyed by command id. The SE clusters
    /// (Price, DRLC, Messaging, Key Establishment) plug in through <see cref="Handle"/>.
    /// </summary>
    public sealed class ZclClusterServer
    {
        private readonly SortedDictionary<ushort, ZclAttribute> _attributes = new SortedDictionary<ushort, ZclAttribute>();
        private readonly Dictionary<byte, ZclCommandHandler> _handlers = new Dictionary<byte, ZclCommandHandler>();

        public ZclClusterServer(ushort clusterId, bool isClient = false)
        {
            ClusterId = clusterId;
            IsClient = isClient;
        }

        public ushort ClusterId { get; }

        /// <summary>True for a client cluster (it receives server-to-client commands).</summary>
        public bool IsClient { get; }

        public ClusterDefinition? Definition => ClusterRegistry.Get(ClusterId);

        public IReadOnlyList<ZclAttribute> Attributes => _attributes.Values.ToList();

        /// <summary>Adds or replaces an attribute.</summary>
        public ZclAttribute Add(ZclAttribute attribute)
        {
            if (attribute is null)
            {
                throw new ArgumentNullException(nameof(attribute));
            }

            _attributes[attribute.Id] = attribute;
            AttributeAdded?.Invoke(attribute);
            return attribute;
        }

        /// <summary>Adds the attribute named in the cluster table (by spec name or id) with a value or a getter.</summary>
        public ZclAttribute Add(string nameOrId, object? value = null, Func<ZclValue>? getter = null)
        {
            ZclAttributeDefinition definition = Definition?.GetAttribute(nameOrId)
                ?? throw new ArgumentException($"{ClusterRegistry.Describe(ClusterId)} has no attribute '{nameOrId}' in the cluster table.", nameof(nameOrId));
            return Add(ZclAttribute.FromDefinition(definition, value, getter));
        }

        public ZclAttribute? GetAttribute(ushort id) => _attributes.TryGetValue(id, out ZclAttribute? a) ? a : null;

        /// <summary>Sets a stored attribute's value (by id), converting <paramref name="value"/> to its data type.</summary>
        public void Set(ushort id, object value)
        {
            ZclAttribute a = GetAttribute(id) ?? throw new ArgumentException($"No attribute 0x{id:X4} on {ClusterRegistry.Describe(ClusterId)}.", nameof(id));
            a.Value = value as ZclValue ?? ZclValue.Create(a.DataType, value);
        }

        /// <summary>Registers the handler of cluster-specific command <paramref name="commandId"/> (replacing any).</summary>
        public void Handle(byte commandId, ZclCommandHandler handler) =>
            _handlers[commandId] = handler ?? throw new ArgumentNullException(nameof(handler));

        internal ZclCommandHandler? GetHandler(byte commandId) => _handlers.TryGetValue(commandId, out ZclCommandHandler? h) ? h : null;

        internal event Action<ZclAttribute>? AttributeAdded;

        public override string ToString() => $"{ClusterRegistry.Describe(ClusterId)} {(IsClient ? "client" : "server")}, {_attributes.Count} attributes";
    }
}
