using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Nwk;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// The APS binding table (05-3474 2.2.8.2, apsBindingTable) and the ZDO server side that manages it: Bind_req
    /// (2.4.3.2.2, answered per 2.4.4.3.2), Unbind_req (2.4.3.2.3, 2.4.4.3.3) and Mgmt_Bind_req (2.4.3.3.4, paged per
    /// 2.4.4.3.4). The table is finite (<see cref="BindingTableSize"/>): a bind beyond it is answered TABLE_FULL.
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        private readonly List<BindingTableEntry> _bindings = new List<BindingTableEntry>();
        private int? _bindingTableSize;
        private int? _neighborTableSize;

        /// <summary>The binding table, in the order entries were added.</summary>
        public IReadOnlyList<BindingTableEntry> Bindings => _bindings.ToList();

        /// <summary>Entries the binding table holds (initially <see cref="ZigbeeNodeOptions.BindingTableSize"/>). Lowering it keeps existing entries.</summary>
        public int BindingTableSize
        {
            get => _bindingTableSize ?? _options.BindingTableSize;
            set => _bindingTableSize = value < 0 ? throw new ArgumentOutOfRangeException(nameof(value)) : value;
        }

        /// <summary>Entries the neighbor table holds (initially <see cref="ZigbeeNodeOptions.NeighborTableSize"/>); null: unlimited.</summary>
        public int? NeighborTableSize
        {
            get => _neighborTableSize ?? _options.NeighborTableSize;
            set => _neighborTableSize = value is < 1 ? throw new ArgumentOutOfRangeException(nameof(value)) : value;
        }

        /// <summary>APSME-BIND.request (05-3474 2.2.4.3.1) on this node's own table; the status Bind_rsp would carry.</summary>
        public ZdoStatus AddBinding(BindingTableEntry binding)
        {
            if (binding is null)
            {
                throw new ArgumentNullException(nameof(binding));
            }

            if (binding.SourceAddress != Ieee)
            {
                return ZdoStatus.NOT_SUPPORTED; // 2.4.4.3.2: we are not a binding table cache.
            }

            if (binding.SourceEndpoint == 0 || binding.SourceEndpoint > 240 ||
                (binding.DestinationAddressMode == ZdoAddressMode.Extended && binding.DestinationEndpoint is 0 or > 240 and < 255))
            {
                return ZdoStatus.INVALID_EP;
            }

            if (_bindings.Contains(binding))
            {
                return ZdoStatus.SUCCESS;
            }

            if (_bindings.Count >= BindingTableSize)
            {
                return ZdoStatus.TABLE_FULL;
            }

            _bindings.Add(binding);
            return ZdoStatus.SUCCESS;
        }

        /// <summary>APSME-UNBIND.request (05-3474 2.2.4.3.3); NO_ENTRY when the binding is not in the table.</summary>
        public ZdoStatus RemoveBinding(BindingTableEntry binding)
        {
            if (binding is null)
            {
                throw new ArgumentNullException(nameof(binding));
            }

            if (binding.SourceAddress != Ieee)
            {
                return ZdoStatus.NOT_SUPPORTED;
            }

            return _bindings.Remove(binding) ? ZdoStatus.SUCCESS : ZdoStatus.NO_ENTRY;
        }

        /// <summary>
        /// The binding records from <paramref name="start"/> that fit, after the TSN, status, total, start index and
        /// count, an APS payload sent whole (no longer than the fragment block size): two extended records by default.
        /// </summary>
        private List<BindingTableEntry> BindingPage(int start)
        {
            var page = new List<BindingTableEntry>();
            int room = StackOptions.FragmentBlockSize - 5;
            for (int i = start; i < _bindings.Count && (page.Count == 0 || room >= _bindings[i].EncodedLength); i++)
            {
                page.Add(_bindings[i]);
                room -= _bindings[i].EncodedLength;
            }

            return page;
        }

        /// <summary>Bind/Unbind/Mgmt_Bind requests addressed to this node; false for any other message.</summary>
        private bool ZdoBindingReceive(NwkHeader nwk, ZdoMessage message)
        {
            if (nwk.DestinationAddress.IsBroadcast && message is ZdoBindingRequest or MgmtBindRequest)
            {
                return true; // 2.4.3.2.2, 2.4.3.3.4: unicast only.
            }

            switch (message)
            {
                case BindRequest bind:
                    SendZdo(nwk.SourceAddress, new BindResponse { Tsn = bind.Tsn, Status = AddBinding(bind.Binding) });
                    return true;
                case UnbindRequest unbind:
                    SendZdo(nwk.SourceAddress, new UnbindResponse { Tsn = unbind.Tsn, Status = RemoveBinding(unbind.Binding) });
                    return true;
                case MgmtBindRequest list:
                    SendZdo(nwk.SourceAddress, new MgmtBindResponse
                    {
                        Tsn = list.Tsn,
                        Status = ZdoStatus.SUCCESS,
                        BindingTableEntries = (byte)Math.Min(255, _bindings.Count),
                        StartIndex = list.StartIndex,
                        BindingTableList = BindingPage(list.StartIndex),
                    });
                    return true;
                default:
                    return false;
            }
        }
    }
}
