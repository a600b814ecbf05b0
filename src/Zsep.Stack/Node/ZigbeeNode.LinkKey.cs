using System;
using Zsep.Stack.Types;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// Replacing a device's Trust Center link key at run time: after Certificate-Based Key Establishment (SE 1.4,
    /// 07-5356-21, C.4.2) the derived KeyData becomes the TC link key of both parties (Zigbee PRO 05-3474 4.4.1:
    /// APS data frames with the Trust Center are then secured with it, and a later Transport Key too).
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        /// <summary>This device's current Trust Center link key (null: the default TC link key). Never shown (ZigbeeKey redacts).</summary>
        public ZigbeeKey? TrustCenterLinkKey => _options.LinkKey;

        /// <summary>
        /// Makes <paramref name="key"/> this device's Trust Center link key from now on (a device, not the coordinator,
        /// whose link keys come from its <see cref="ITrustCenterPolicy"/>). Incoming APS frame counters are kept: the
        /// partner's outgoing counter keeps growing across the key change.
        /// </summary>
        public void SetTrustCenterLinkKey(ZigbeeKey key)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            if (Role == NodeRole.Coordinator)
            {
                throw new InvalidOperationException("The coordinator's link keys come from its Trust Center policy.");
            }

            _options = _options with { LinkKey = key };
        }
    }
}
