using Zsep.Stack.State;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Gateway
{
    public sealed partial class Gateway
    {
        /// <summary>
        /// After a restart (Connect-ZsepNetwork, or a restore): the coordinator's address map and child table come back
        /// from the node table (05-3474 3.6.1.5 keeps the neighbor table in non-volatile memory), so it can reach its
        /// devices - its sleeping end-device children through the indirect queue - before they speak. Routes further
        /// out are learned again from the first many-to-one route request's route records.
        /// </summary>
        private void RestoreTopology()
        {
            RestoreNwkUpdateId();
            var nodes = Store.GetNodes();
            var byIeee = new System.Collections.Generic.Dictionary<Types.Eui64, NodeRecord>();
            foreach (NodeRecord node in nodes)
            {
                byIeee[node.Ieee] = node;
            }

            foreach (NodeRecord node in nodes)
            {
                if (node.Ieee == Config.CoordinatorIeee)
                {
                    continue;
                }

                Coordinator.LearnAddress(node.NwkAddress, node.Ieee);
                if (node.Parent is Types.Eui64 p && p != Config.CoordinatorIeee && byIeee.TryGetValue(p, out NodeRecord? parent))
                {
                    Coordinator.RestoreDeviceParent(node.NwkAddress, parent.NwkAddress);
                }

                if (node.Parent == Config.CoordinatorIeee)
                {
                    bool router = node.DeviceType != LogicalType.EndDevice;
                    Coordinator.RestoreChild(node.Ieee, node.NwkAddress, rxOnWhenIdle: router, router: router);
                }
            }
        }
    }
}
