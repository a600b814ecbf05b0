using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Nwk;
using Zsep.Stack.Radio;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;
using ZdoRelationship = Zsep.Stack.Zdo.NeighborRelationship;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// The network management server of the ZDO (05-3474 2.4.3.3, 2.4.4.3): Mgmt_Lqi_req (2.4.3.3.2) answered from
    /// the neighbor table, Mgmt_Rtg_req (2.4.3.3.3) from the routing table, both paged by StartIndex, and the energy
    /// scan of Mgmt_NWK_Update_req (2.4.3.3.9) answered with Mgmt_NWK_Update_notify (2.4.4.3.9).
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        /// <summary>
        /// Neighbor records (22 octets) per Mgmt_Lqi_rsp: as many as fit, after the TSN, status, total, start index
        /// and count, an APS payload that is sent whole (no longer than the fragment block size): one by default.
        /// </summary>
        public int NeighborEntriesPerResponse => Math.Max(1, (StackOptions.FragmentBlockSize - 5) / NeighborTableEntry.Length);

        /// <summary>Routing records (5 octets) per Mgmt_Rtg_rsp, as <see cref="NeighborEntriesPerResponse"/>: eight by default.</summary>
        public int RoutingEntriesPerResponse => Math.Max(1, (StackOptions.FragmentBlockSize - 5) / RoutingTableEntry.Length);

        /// <summary>Tree depth reported for a neighbour whose depth this node does not know (neither parent nor child).</summary>
        public const byte UnknownDepth = 0xFF;

        private bool _managementScanning;

        /// <summary>This node's neighbor table as Mgmt_Lqi_rsp records (2.4.4.3.2), in address order.</summary>
        public IReadOnlyList<NeighborTableEntry> NeighborTableRecords()
        {
            var list = new List<NeighborTableEntry>();
            foreach (Neighbor n in _neighbors.Values.OrderBy(n => n.Address))
            {
                _children.TryGetValue(n.Address, out Child? child);
                list.Add(new NeighborTableEntry
                {
                    ExtendedPanId = _extendedPanId.Value,
                    ExtendedAddress = n.Ieee ?? child?.Ieee ?? new Eui64(ulong.MaxValue),
                    NetworkAddress = new NwkAddress(n.Address),
                    DeviceType = n.DeviceType switch
                    {
                        NodeDeviceType.Coordinator => NeighborDeviceType.Coordinator,
                        NodeDeviceType.Router => NeighborDeviceType.Router,
                        NodeDeviceType.EndDevice => NeighborDeviceType.EndDevice,
                        _ => NeighborDeviceType.Unknown,
                    },
                    RxOnWhenIdle = child is not null ? (child.RxOnWhenIdle ? NeighborRxOnWhenIdle.On : NeighborRxOnWhenIdle.Off)
                        : n.IsRouter ? NeighborRxOnWhenIdle.On : NeighborRxOnWhenIdle.Unknown,
                    Relationship = n.Relationship switch
                    {
                        NeighborRelationship.Parent => ZdoRelationship.Parent,
                        NeighborRelationship.Child or NeighborRelationship.UnauthenticatedChild => ZdoRelationship.Child,
                        NeighborRelationship.Sibling => ZdoRelationship.Sibling,
                        NeighborRelationship.PreviousChild => ZdoRelationship.PreviousChild,
                        _ => ZdoRelationship.NoneOfTheAbove,
                    },
                    PermitJoining = NeighborPermitJoining.Unknown,
                    Depth = n.Relationship == NeighborRelationship.Parent ? (byte)Math.Max(0, _depth - 1)
                        : child is not null ? (byte)Math.Min(254, _depth + 1) : n.Address == 0 ? (byte)0 : UnknownDepth,
                    Lqi = n.Lqi,
                });
            }

            return list;
        }

        /// <summary>This node's routing table as Mgmt_Rtg_rsp records (2.4.4.3.3), in destination order.</summary>
        public IReadOnlyList<RoutingTableEntry> RoutingTableRecords() =>
            _routes.Values.OrderBy(r => r.Destination.Value).Select(r => new RoutingTableEntry
            {
                DestinationAddress = r.Destination,
                Status = RouteStatus.Active,
                ManyToOne = r.ManyToOne,
                NextHopAddress = r.NextHop,
            }).ToList();

        /// <summary>Energy values of Mgmt_NWK_Update_notify: 0 at the receiver's sensitivity (-100 dBm) up to 255 at -40 dBm, linear (as LQI).</summary>
        public static byte EnergyValue(sbyte maxRssiDbm) => (byte)Math.Max(0, Math.Min(255, Math.Round((maxRssiDbm + 100) * 255.0 / 60)));

        /// <summary>The inverse of <see cref="EnergyValue"/>, in dBm.</summary>
        public static double EnergyValueToDbm(byte energy) => -100 + (energy * 60.0 / 255);

        private bool ZdoManagementReceive(NwkHeader nwk, ZdoMessage message)
        {
            switch (message)
            {
                case MgmtLqiRequest lqi when !nwk.DestinationAddress.IsBroadcast:
                    // An end device with no potential parent listed looks again first (ZdoServer.PotentialParents.cs).
                    BeforeNeighborTableAnswer(lqi.StartIndex, () =>
                    {
                        if (_disposed)
                        {
                            return;
                        }

                        IReadOnlyList<NeighborTableEntry> all = NeighborTableRecords();
                        SendZdo(nwk.SourceAddress, new MgmtLqiResponse
                        {
                            Tsn = lqi.Tsn,
                            Status = ZdoStatus.SUCCESS,
                            NeighborTableEntries = (byte)Math.Min(255, all.Count),
                            StartIndex = lqi.StartIndex,
                            NeighborTableList = all.Skip(lqi.StartIndex).Take(NeighborEntriesPerResponse).ToList(),
                        });
                    });
                    return true;

                case MgmtRtgRequest rtg when !nwk.DestinationAddress.IsBroadcast:
                    {
                        IReadOnlyList<RoutingTableEntry> all = RoutingTableRecords();
                        SendZdo(nwk.SourceAddress, new MgmtRtgResponse
                        {
                            Tsn = rtg.Tsn,
                            Status = Role == NodeRole.EndDevice ? ZdoStatus.NOT_SUPPORTED : ZdoStatus.SUCCESS,
                            RoutingTableEntries = (byte)Math.Min(255, all.Count),
                            StartIndex = rtg.StartIndex,
                            RoutingTableList = Role == NodeRole.EndDevice ? Array.Empty<RoutingTableEntry>() : all.Skip(rtg.StartIndex).Take(RoutingEntriesPerResponse).ToList(),
                        });
                        return true;
                    }

                case MgmtNwkUpdateRequest update when update.ScanDuration <= MgmtNwkUpdateRequest.ScanDurationMax:
                    OnEnergyScanRequest(nwk, update);
                    return true;
                case MgmtLqiRequest or MgmtRtgRequest:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// 2.4.3.3.9 / 2.4.4.3.9: ScanCount energy scans of ScanChannels, each channel for aBaseSuperframeDuration ·
        /// (2^ScanDuration + 1) symbols (960 · 16 µs · (2^n + 1)); the peak per channel goes back in
        /// Mgmt_NWK_Update_notify with the MAC's transmission totals. A broadcast request is not answered (2.4.3.3.9:
        /// only a unicast one triggers a scan report), nor one that arrives during a scan.
        /// </summary>
        private void OnEnergyScanRequest(NwkHeader nwk, MgmtNwkUpdateRequest update)
        {
            if (nwk.DestinationAddress.IsBroadcast)
            {
                return;
            }

            if (_managementScanning)
            {
                SendZdo(nwk.SourceAddress, new MgmtNwkUpdateNotify { Tsn = update.Tsn, Status = ZdoStatus.NOT_PERMITTED });
                return;
            }

            uint channels = update.ScanChannels & 0x07FFF800u;
            int scans = Math.Max(1, Math.Min(5, (int)(update.ScanCount ?? 1)));
            var dwell = TimeSpan.FromTicks(960L * 16 * 10 * ((1L << update.ScanDuration) + 1));
            var peak = new SortedDictionary<byte, sbyte>();
            _managementScanning = true;
            ScanOnce(scans);

            void ScanOnce(int left)
            {
                _radio.EnergyScan(channels, dwell, result =>
                {
                    foreach (ChannelEnergy e in result)
                    {
                        peak[e.Channel] = peak.TryGetValue(e.Channel, out sbyte p) && p > e.MaxRssi ? p : e.MaxRssi;
                    }

                    if (left > 1 && !_disposed)
                    {
                        ScanOnce(left - 1);
                        return;
                    }

                    _managementScanning = false;
                    if (_disposed)
                    {
                        return;
                    }

                    SendZdo(nwk.SourceAddress, new MgmtNwkUpdateNotify
                    {
                        Tsn = update.Tsn,
                        Status = ZdoStatus.SUCCESS,
                        ScannedChannels = peak.Keys.Aggregate(0u, (m, c) => m | (1u << c)),
                        TotalTransmissions = (ushort)Math.Min(ushort.MaxValue, Counters.MacTx),
                        TransmissionFailures = (ushort)Math.Min(ushort.MaxValue, Counters.MacNoAck + Counters.MacChannelAccessFailures),
                        EnergyValues = peak.Values.Select(EnergyValue).ToList(),
                    });
                });
            }
        }
    }
}
