using System.Collections.Generic;
using Zsep.Stack.Node;
using Zsep.Stack.Types;

namespace Zsep.Tests
{
    /// <summary>An in-memory Trust Center policy for stack tests: install-code link keys by IEEE address.</summary>
    internal sealed class InMemoryTrustCenter : ITrustCenterPolicy
    {
        public Dictionary<Eui64, ZigbeeKey> Keys { get; } = new Dictionary<Eui64, ZigbeeKey>();

        public bool RequireInstallCode { get; set; } = true;

        public bool AllowJoinThroughRouter { get; set; } = true;

        public ZigbeeKey? LookupLinkKey(Eui64 device) => Keys.TryGetValue(device, out ZigbeeKey? key) ? key : null;
    }
}
