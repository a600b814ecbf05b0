using System.Collections.Generic;
using Zsep.Stack.Node;
using Zsep.Stack.State;
using Zsep.Stack.Types;

namespace Zsep.Stack.Gateway
{
    /// <summary>
    /// The Trust Center's policy over the network store: link keys derived from the registered install codes
    /// (held in memory for the stack loop, written through to the store) and the policies of nwk_config.json.
    /// </summary>
    internal sealed class StoreTrustCenterPolicy : ITrustCenterPolicy
    {
        private readonly Dictionary<Eui64, ZigbeeKey> _keys = new Dictionary<Eui64, ZigbeeKey>();

        public StoreTrustCenterPolicy(NetworkStore store, TrustCenterPolicies policies)
        {
            Policies = policies;
            // Removed devices keep their registration for a re-join (Remove-ZsepNode -KeepInstallCode).
            foreach (TrustCenterDevice device in store.GetTrustCenterDevices())
            {
                _keys[device.Ieee] = device.LinkKey;
            }
        }

        public TrustCenterPolicies Policies { get; set; }

        public bool RequireInstallCode => Policies.RequireInstallCode;

        public bool AllowJoinThroughRouter => Policies.AllowJoinThroughRouter;

        public ZigbeeKey? LookupLinkKey(Eui64 device) => _keys.TryGetValue(device, out ZigbeeKey? key) ? key : null;

        public void SetKey(Eui64 device, ZigbeeKey key) => _keys[device] = key;

        public void RemoveKey(Eui64 device) => _keys.Remove(device);
    }
}
