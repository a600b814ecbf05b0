using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Zsep.Stack.Node;
using Zsep.Stack.Radio;
using Zsep.Stack.State;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Gateway
{
    /// <summary>
    /// Operating the mesh (issue 7 sections 1, 2): bindings through Bind/Unbind/Mgmt_Bind (05-3474 2.4.3.2.2,
    /// 2.4.3.2.3, 2.4.3.3.4), neighbor and routing tables through Mgmt_Lqi/Mgmt_Rtg (2.4.3.3.2, 2.4.3.3.3), paged;
    /// the topology crawl; energy scans (locally, and Mgmt_NWK_Update_req 2.4.3.3.9 on routers); the gateway's
    /// counters and a bounded link quality history per node. The coordinator's own tables are read directly.
    /// </summary>
    public sealed partial class Gateway
    {
        /// <summary>Link quality samples kept per node.</summary>
        public const int LinkQualityHistoryLength = 64;

        public static readonly TimeSpan DefaultZdoTimeout = TimeSpan.FromSeconds(10);

        /// <summary>Routers whose neighbor tables the topology crawl reads at once.</summary>
        public const int MaxConcurrentCrawls = 6;

        private readonly Dictionary<ushort, (Queue<ZsepLinkQualitySample> Samples, int Frames)> _linkHistory = new Dictionary<ushort, (Queue<ZsepLinkQualitySample>, int)>();

        private void RecordLinkQuality(ushort source, RadioFrame frame)
        {
            if (!_linkHistory.TryGetValue(source, out var h))
            {
                h = (new Queue<ZsepLinkQualitySample>(), 0);
            }

            h.Samples.Enqueue(new ZsepLinkQualitySample(frame.Timestamp, frame.Lqi, frame.Rssi));
            while (h.Samples.Count > LinkQualityHistoryLength)
            {
                h.Samples.Dequeue();
            }

            _linkHistory[source] = (h.Samples, h.Frames + 1);
        }

        /// <summary>The gateway's counters now.</summary>
        public ZsepGatewayStatistic GetStatistics() => ZsepGatewayStatistic.Of(Name, Scheduler.Now, Coordinator.Counters);

        /// <summary>The link quality history of one node's frames as the coordinator heard them (last hop), or of every node heard.</summary>
        public IReadOnlyList<ZsepNodeStatistic> GetLinkQualityHistory(Eui64? node = null)
        {
            IEnumerable<ushort> addresses = node is Eui64 n
                ? new[] { ResolveNode(n).Address.Value }
                : _linkHistory.Keys.OrderBy(a => a);
            var list = new List<ZsepNodeStatistic>();
            foreach (ushort a in addresses)
            {
                Eui64? ieee = a == Coordinator.NwkAddress.Value ? Coordinator.Ieee : Store.GetNodeByNwkAddress(new NwkAddress(a))?.Ieee;
                if (!_linkHistory.TryGetValue(a, out var h) || h.Samples.Count == 0)
                {
                    list.Add(new ZsepNodeStatistic { Network = Name, Node = ieee ?? node, NwkAddress = new NwkAddress(a) });
                    continue;
                }

                ZsepLinkQualitySample last = h.Samples.Last();
                list.Add(new ZsepNodeStatistic
                {
                    Network = Name, Node = ieee, NwkAddress = new NwkAddress(a), Frames = h.Frames,
                    LastLqi = last.Lqi, LastRssi = last.Rssi, LastHeard = last.Time,
                    MinLqi = h.Samples.Min(s => s.Lqi), AverageLqi = Math.Round(h.Samples.Average(s => s.Lqi), 1),
                    History = h.Samples.ToList(),
                });
            }

            return list;
        }

        private (NwkAddress Address, LogicalType Type, bool Local) ResolveNode(Eui64 node)
        {
            if (node == Coordinator.Ieee)
            {
                return (Coordinator.NwkAddress, LogicalType.Coordinator, true);
            }

            NodeRecord record = Store.GetNode(node) ?? throw new ArgumentException($"{node} is not a node of {Name}.", nameof(node));
            return (record.NwkAddress, record.DeviceType, false);
        }

        /// <summary>A table read (Mgmt_Lqi/Rtg/Bind page): asked again once when the first answer is lost.</summary>
        private T ZdoRead<T>(Eui64 node, NwkAddress address, ZdoMessage request, TimeSpan timeout, CancellationToken cancellationToken)
            where T : ZdoMessage
        {
            try
            {
                return ZdoTransact<T>(node, address, request, timeout, cancellationToken);
            }
            catch (ZdoRequestException ex) when (ex.Status is null)
            {
                return ZdoTransact<T>(node, address, request, timeout, cancellationToken);
            }
        }

        private T ZdoTransact<T>(Eui64 node, NwkAddress address, ZdoMessage request, TimeSpan timeout, CancellationToken cancellationToken)
            where T : ZdoMessage
        {
            ZdoMessage? response = null;
            bool done = false;
            Coordinator.SendZdoRequest(address, request, timeout, r =>
            {
                response = r;
                done = true;
            });
            Wait(() => done, timeout + TimeSpan.FromMinutes(1), cancellationToken);
            string what = request.GetType().Name.Replace("Request", "_req");
            return response as T ?? throw new ZdoRequestException(node, null, $"{node} ({address}) did not answer {what} within {timeout.TotalSeconds:0} s: it may be offline or out of reach.");
        }

        private static ZdoRequestException Refused(Eui64 node, string what, ZdoStatus status) => status switch
        {
            ZdoStatus.TABLE_FULL => new ZdoRequestException(node, status, $"The binding table of {node} is full (TABLE_FULL). Remove bindings it no longer needs (Remove-ZsepBinding) or empty it with Clear-ZsepBindingTable -Node {node}."),
            ZdoStatus.NO_ENTRY => new ZdoRequestException(node, status, $"{node} has no such binding (NO_ENTRY)."),
            _ => new ZdoRequestException(node, status, $"{node} refused {what}: {status}."),
        };

        private ZsepBinding ToBinding(Eui64 node, BindingTableEntry e) => new ZsepBinding
        {
            Network = Name, Node = node, SourceEndpoint = e.SourceEndpoint, Cluster = e.ClusterId, ClusterName = ClusterRegistry.Describe(e.ClusterId),
            DestinationIeee = e.DestinationAddress, DestinationGroup = e.DestinationGroupAddress, DestinationEndpoint = e.DestinationEndpoint,
        };

        /// <summary>A node's binding table (Mgmt_Bind_req, every page).</summary>
        public IReadOnlyList<ZsepBinding> GetBindings(Eui64 node, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            var (address, _, local) = ResolveNode(node);
            if (local)
            {
                return Coordinator.Bindings.Select(b => ToBinding(node, b)).ToList();
            }

            var list = new List<ZsepBinding>();
            while (true)
            {
                var page = ZdoRead<MgmtBindResponse>(node, address, new MgmtBindRequest { StartIndex = (byte)list.Count }, timeout ?? DefaultZdoTimeout, cancellationToken);
                if (page.Status != ZdoStatus.SUCCESS)
                {
                    throw Refused(node, "Mgmt_Bind_req", page.Status);
                }

                list.AddRange(page.BindingTableList.Select(b => ToBinding(node, b)));
                if (page.BindingTableList.Count == 0 || list.Count >= page.BindingTableEntries || list.Count >= 255)
                {
                    return list;
                }
            }
        }

        /// <summary>Creates a binding on its source node (Bind_req). Stored in the network's bindings table on success.</summary>
        public ZsepBinding AddBinding(ZsepBinding binding, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            BindingTableEntry entry = binding.ToEntry();
            var (address, _, local) = ResolveNode(binding.Node);
            ZdoStatus status = local
                ? Coordinator.AddBinding(entry)
                : ZdoTransact<BindResponse>(binding.Node, address, new BindRequest { Binding = entry }, timeout ?? DefaultZdoTimeout, cancellationToken).Status;
            if (status != ZdoStatus.SUCCESS)
            {
                if (status == ZdoStatus.TABLE_FULL)
                {
                    NoteBindingTableFull(binding.Node, address, local, timeout ?? DefaultZdoTimeout, cancellationToken);
                }

                throw Refused(binding.Node, "Bind_req", status);
            }

            Store.AddBinding(ToRecord(entry));
            Trace.Info("BIND", binding.Node, binding.ToString());
            return ToBinding(binding.Node, entry);
        }

        /// <summary>Removes a binding from its source node (Unbind_req) and from the store.</summary>
        public void RemoveBinding(ZsepBinding binding, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            BindingTableEntry entry = binding.ToEntry();
            var (address, _, local) = ResolveNode(binding.Node);
            ZdoStatus status = local
                ? Coordinator.RemoveBinding(entry)
                : ZdoTransact<UnbindResponse>(binding.Node, address, new UnbindRequest { Binding = entry }, timeout ?? DefaultZdoTimeout, cancellationToken).Status;
            Store.RemoveBinding(ToRecord(entry));
            if (status != ZdoStatus.SUCCESS)
            {
                throw Refused(binding.Node, "Unbind_req", status);
            }

            Trace.Info("UNBIND", binding.Node, binding.ToString());
        }

        /// <summary>The bindings the store holds for a node (what the gateway created or saw).</summary>
        public IReadOnlyList<BindingRecord> StoredBindings(Eui64? node = null) => Store.GetBindings(node);

        private static BindingRecord ToRecord(BindingTableEntry e) => new BindingRecord
        {
            SourceIeee = e.SourceAddress, SourceEndpoint = e.SourceEndpoint, ClusterId = e.ClusterId, DestinationMode = e.DestinationAddressMode,
            DestinationIeee = e.DestinationAddress, DestinationGroup = e.DestinationGroupAddress, DestinationEndpoint = e.DestinationEndpoint,
        };

        /// <summary>A node's neighbor table (Mgmt_Lqi_req, every page).</summary>
        public IReadOnlyList<ZsepNeighbor> GetNeighbors(Eui64 node, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
            ReadNeighborTable(node, timeout, cancellationToken).Entries.Select(e => new ZsepNeighbor
            {
                Network = Name, Node = node, Ieee = e.ExtendedAddress.Value == ulong.MaxValue || e.ExtendedAddress.Value == 0 ? Store.GetNodeByNwkAddress(e.NetworkAddress)?.Ieee ?? (e.NetworkAddress.Value == 0 ? Coordinator.Ieee : null) : e.ExtendedAddress,
                NwkAddress = e.NetworkAddress, DeviceType = e.DeviceType, Relationship = e.Relationship, RxOnWhenIdle = e.RxOnWhenIdle, Depth = e.Depth, Lqi = e.Lqi,
            }).ToList();

        private (IReadOnlyList<NeighborTableEntry> Entries, int Total) ReadNeighborTable(Eui64 node, TimeSpan? timeout, CancellationToken cancellationToken)
        {
            var (address, _, local) = ResolveNode(node);
            if (local)
            {
                var all = Coordinator.NeighborTableRecords();
                return (all, all.Count);
            }

            var list = new List<NeighborTableEntry>();
            while (true)
            {
                var page = ZdoRead<MgmtLqiResponse>(node, address, new MgmtLqiRequest { StartIndex = (byte)list.Count }, timeout ?? DefaultZdoTimeout, cancellationToken);
                if (page.Status != ZdoStatus.SUCCESS)
                {
                    throw Refused(node, "Mgmt_Lqi_req", page.Status);
                }

                list.AddRange(page.NeighborTableList);
                if (page.NeighborTableList.Count == 0 || list.Count >= page.NeighborTableEntries || list.Count >= 255)
                {
                    return (list, page.NeighborTableEntries);
                }
            }
        }

        /// <summary>
        /// Reads every page of a node's neighbor table without blocking (Mgmt_Lqi_req, each page asked up to
        /// <paramref name="attempts"/> times when its answer is lost); <paramref name="done"/> gets the entries and the table's size, or null when it did not answer.
        /// </summary>
        private void ReadNeighborPages(NwkAddress address, TimeSpan timeout, int attempts, Action<List<NeighborTableEntry>?, int> done)
        {
            var list = new List<NeighborTableEntry>();
            Ask(0, 1);

            void Ask(int start, int attempt) =>
                Coordinator.SendZdoRequest(address, new MgmtLqiRequest { StartIndex = (byte)start }, timeout, reply =>
                {
                    if (_disposed)
                    {
                        return;
                    }

                    if (reply is not MgmtLqiResponse page || page.Status != ZdoStatus.SUCCESS)
                    {
                        if (reply is null && attempt < attempts)
                        {
                            Ask(start, attempt + 1);
                        }
                        else
                        {
                            done(null, 0);
                        }

                        return;
                    }

                    list.AddRange(page.NeighborTableList);
                    if (page.NeighborTableList.Count == 0 || list.Count >= page.NeighborTableEntries || list.Count >= 255)
                    {
                        done(list, page.NeighborTableEntries);
                    }
                    else
                    {
                        Ask(list.Count, 1);
                    }
                });
        }

        /// <summary>A node's routing table (Mgmt_Rtg_req, every page).</summary>
        public IReadOnlyList<ZsepRoute> GetRoutes(Eui64 node, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            var (address, _, local) = ResolveNode(node);
            var list = new List<RoutingTableEntry>();
            if (local)
            {
                list.AddRange(Coordinator.RoutingTableRecords());
            }
            else
            {
                while (true)
                {
                    var page = ZdoRead<MgmtRtgResponse>(node, address, new MgmtRtgRequest { StartIndex = (byte)list.Count }, timeout ?? DefaultZdoTimeout, cancellationToken);
                    if (page.Status != ZdoStatus.SUCCESS)
                    {
                        throw Refused(node, "Mgmt_Rtg_req", page.Status);
                    }

                    list.AddRange(page.RoutingTableList);
                    if (page.RoutingTableList.Count == 0 || list.Count >= page.RoutingTableEntries || list.Count >= 255)
                    {
                        break;
                    }
                }
            }

            Eui64? Ieee(NwkAddress a) => a == Coordinator.NwkAddress ? Coordinator.Ieee : Store.GetNodeByNwkAddress(a)?.Ieee;
            return list.Select(r => new ZsepRoute
            {
                Network = Name, Node = node, Destination = r.DestinationAddress, DestinationIeee = Ieee(r.DestinationAddress),
                NextHop = r.NextHopAddress, NextHopIeee = Ieee(r.NextHopAddress), Status = r.Status, ManyToOne = r.ManyToOne, RouteRecordRequired = r.RouteRecordRequired,
            }).ToList();
        }

        /// <summary>End devices whose neighbor tables the topology crawl reads at once (each request waits in its parent for a poll).</summary>
        public const int MaxConcurrentEndDeviceReads = 16;

        /// <summary>How long the crawl waits for an end device's Mgmt_Lqi_rsp page by default: a few poll periods (default 1 s).</summary>
        public static readonly TimeSpan DefaultEndDeviceTimeout = TimeSpan.FromSeconds(8);

        /// <summary>
        /// Crawls the mesh: the coordinator's neighbor table, then Mgmt_Lqi_req to every router it knows of (from the
        /// store and from the tables read so far), a few at once. A router that does not answer is kept, without
        /// links of its own. Then, unless <paramref name="endDevices"/> is false, every end device is asked too: it
        /// answers when it next polls its parent (so each page takes up to a poll period), with its parent and the
        /// routers its last network discovery heard (its potential parents, with the LQI it heard them at). Each page
        /// is waited for at most <paramref name="endDeviceTimeout"/> and asked once; one that does not answer is
        /// listed with <see cref="ZsepTopologyNode.Asked"/> and not <see cref="ZsepTopologyNode.Answered"/>.
        /// <paramref name="progress"/> gets (nodes done, nodes known, the one being asked).
        /// </summary>
        public ZsepTopology GetTopology(Action<int, int, Eui64>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default,
            bool endDevices = true, TimeSpan? endDeviceTimeout = null)
        {
            var known = new Dictionary<Eui64, ZsepTopologyNode>();
            var byNwk = new Dictionary<ushort, Eui64>();
            void Know(Eui64 ieee, NwkAddress nwk, LogicalType type)
            {
                if (!known.ContainsKey(ieee))
                {
                    known[ieee] = new ZsepTopologyNode { Ieee = ieee, NwkAddress = nwk, DeviceType = type };
                }

                byNwk[nwk.Value] = ieee;
            }

            Know(Coordinator.Ieee, Coordinator.NwkAddress, LogicalType.Coordinator);
            foreach (NodeRecord n in Store.GetNodes())
            {
                Know(n.Ieee, n.NwkAddress, n.DeviceType);
            }

            var directed = new Dictionary<(Eui64 From, Eui64 To), (byte Lqi, bool ParentChild)>();
            var queue = new Queue<Eui64>(new[] { Coordinator.Ieee }.Concat(known.Values.Where(n => n.DeviceType == LogicalType.Router).Select(n => n.Ieee).OrderBy(n => n)));
            var endDeviceQueue = new Queue<Eui64>();
            bool endDevicePhase = !endDevices;
            var asked = new HashSet<Eui64>();
            int running = 0, runningEndDevices = 0, finished = 0;
            var failed = new HashSet<Eui64>();
            var childOf = new Dictionary<Eui64, Eui64>();

            void Absorb(Eui64 reporter, IReadOnlyList<NeighborTableEntry> entries, int total)
            {
                bool endDevice = known[reporter].DeviceType == LogicalType.EndDevice;
                Eui64? parent = null;
                var potential = new List<Eui64>();
                foreach (NeighborTableEntry e in entries)
                {
                    Eui64? ieee = e.ExtendedAddress.Value != ulong.MaxValue && e.ExtendedAddress.Value != 0 ? e.ExtendedAddress
                        : byNwk.TryGetValue(e.NetworkAddress.Value, out Eui64 x) ? x : null;
                    if (ieee is not Eui64 other || other == reporter)
                    {
                        continue;
                    }

                    LogicalType type = e.DeviceType switch
                    {
                        NeighborDeviceType.Coordinator => LogicalType.Coordinator,
                        NeighborDeviceType.EndDevice => LogicalType.EndDevice,
                        _ => LogicalType.Router,
                    };
                    Know(other, e.NetworkAddress, known.TryGetValue(other, out ZsepTopologyNode? k) ? k.DeviceType : type);
                    directed[(reporter, other)] = (e.Lqi, e.Relationship is Zdo.NeighborRelationship.Child or Zdo.NeighborRelationship.Parent);
                    if (e.Relationship == Zdo.NeighborRelationship.Child)
                    {
                        childOf[other] = reporter;
                    }

                    if (known[other].DeviceType != LogicalType.EndDevice)
                    {
                        if (e.Relationship == Zdo.NeighborRelationship.Parent)
                        {
                            parent = other;
                        }
                        else if (endDevice)
                        {
                            potential.Add(other);
                        }
                    }

                    if (known[other].DeviceType == LogicalType.Router && !asked.Contains(other))
                    {
                        queue.Enqueue(other);
                    }
                }

                known[reporter] = known[reporter] with
                {
                    Answered = true, NeighborTableEntries = total,
                    Parent = endDevice ? parent : null,
                    PotentialParents = endDevice ? potential.Distinct().OrderBy(p => p).ToList() : null,
                };
            }

            // A few routers are read at once (each page after the last), so the crawl of a large mesh does not take
            // as many round trips of network time as there are pages. End devices follow the routers, more at once:
            // their requests mostly wait in their parents for the next poll.
            void Pump()
            {
                while (running < MaxConcurrentCrawls && queue.Count > 0)
                {
                    Eui64 router = queue.Dequeue();
                    if (!asked.Add(router))
                    {
                        continue;
                    }

                    known[router] = known[router] with { Asked = true };
                    progress?.Invoke(finished, asked.Count + queue.Distinct().Count(q => !asked.Contains(q)) + endDeviceQueue.Count, router);
                    NwkAddress address = known[router].NwkAddress;
                    if (router == Coordinator.Ieee)
                    {
                        var all = Coordinator.NeighborTableRecords();
                        Absorb(router, all, all.Count);
                        finished++;
                        continue;
                    }

                    running++;
                    ReadNeighborPages(address, timeout ?? DefaultZdoTimeout, 2, (entries, total) =>
                    {
                        running--;
                        if (entries is not null)
                        {
                            finished++;
                            Absorb(router, entries, total);
                        }
                        else if (failed.Add(router))
                        {
                            // Not answering while the others are read can be a busy neighbourhood: once more, at the end.
                            asked.Remove(router);
                            queue.Enqueue(router);
                        }
                        else
                        {
                            finished++;
                        }

                        Pump();
                    });
                }

                if (!endDevicePhase && running == 0 && queue.Count == 0)
                {
                    endDevicePhase = true;
                    foreach (ZsepTopologyNode n in known.Values.Where(n => n.DeviceType == LogicalType.EndDevice).OrderBy(n => n.Ieee))
                    {
                        endDeviceQueue.Enqueue(n.Ieee);
                    }
                }

                while (endDevicePhase && runningEndDevices < MaxConcurrentEndDeviceReads && endDeviceQueue.Count > 0)
                {
                    Eui64 device = endDeviceQueue.Dequeue();
                    if (!asked.Add(device))
                    {
                        continue;
                    }

                    known[device] = known[device] with { Asked = true };
                    progress?.Invoke(finished, asked.Count + queue.Count + endDeviceQueue.Count, device);
                    runningEndDevices++;
                    ReadNeighborPages(known[device].NwkAddress, endDeviceTimeout ?? DefaultEndDeviceTimeout, 1, (entries, total) =>
                    {
                        runningEndDevices--;
                        finished++;
                        if (entries is not null)
                        {
                            Absorb(device, entries, total);
                        }

                        Pump();
                    });
                }
            }

            Pump();
            Wait(() => running == 0 && runningEndDevices == 0 && queue.All(asked.Contains) && endDeviceQueue.All(asked.Contains), TimeSpan.FromHours(1), cancellationToken);
            progress?.Invoke(asked.Count, asked.Count, Coordinator.Ieee);
            foreach (var pair in childOf)
            {
                if (known.TryGetValue(pair.Key, out ZsepTopologyNode? child) && child.DeviceType == LogicalType.EndDevice && child.Parent is null)
                {
                    known[pair.Key] = child with { Parent = pair.Value };
                }
            }

            var links = new List<ZsepTopologyLink>();
            foreach (var pair in directed.Keys.Select(k => k.From.Value < k.To.Value ? (k.From, k.To) : (k.To, k.From)).Distinct().OrderBy(p => p.Item1).ThenBy(p => p.Item2))
            {
                bool ab = directed.TryGetValue((pair.Item1, pair.Item2), out var a);
                bool ba = directed.TryGetValue((pair.Item2, pair.Item1), out var b);
                links.Add(new ZsepTopologyLink
                {
                    From = pair.Item1, To = pair.Item2, LqiFrom = ab ? a.Lqi : null, LqiTo = ba ? b.Lqi : null,
                    ParentChild = (ab && a.ParentChild) || (ba && b.ParentChild),
                });
            }

            Dictionary<Eui64, int> hops = MeshAudit.HopCounts(Coordinator.Ieee, links);
            return new ZsepTopology
            {
                Network = Name,
                Coordinator = Coordinator.Ieee,
                Nodes = known.Values.Select(n => n with { HopCount = hops.TryGetValue(n.Ieee, out int h) ? h : null }).OrderBy(n => n.HopCount ?? int.MaxValue).ThenBy(n => n.Ieee).ToList(),
                Links = links,
                CrawledAt = Scheduler.Now,
            };
        }

        /// <summary>
        /// Energy on each channel of <paramref name="channelMask"/>: a scan through the gateway's radio, or, for a
        /// router, Mgmt_NWK_Update_req with ScanDuration 3 (about 138 ms per channel) answered by Mgmt_NWK_Update_notify.
        /// </summary>
        public IReadOnlyList<ZsepChannelEnergy> ScanChannelEnergy(Eui64? node = null, uint channelMask = 0x07FFF800u, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            var result = new List<(byte Channel, double Dbm)>();
            Eui64 measuring = node ?? Coordinator.Ieee;
            var (address, _, local) = ResolveNode(measuring);
            if (local)
            {
                IReadOnlyList<ChannelEnergy>? scan = null;
                Radio.EnergyScan(channelMask, TimeSpan.FromTicks(960L * 16 * 10 * 9), r => scan = r);
                Wait(() => scan is not null, TimeSpan.FromMinutes(1), cancellationToken);
                result.AddRange((scan ?? Array.Empty<ChannelEnergy>()).Select(e => (e.Channel, (double)e.MaxRssi)));
            }
            else
            {
                var notify = ZdoTransact<MgmtNwkUpdateNotify>(measuring, address, new MgmtNwkUpdateRequest { ScanChannels = channelMask, ScanDuration = 3, ScanCount = 1 },
                    timeout ?? TimeSpan.FromSeconds(30), cancellationToken);
                if (notify.Status != ZdoStatus.SUCCESS)
                {
                    throw Refused(measuring, "Mgmt_NWK_Update_req", notify.Status);
                }

                int i = 0;
                for (byte ch = 0; ch < 32 && i < notify.EnergyValues.Count; ch++)
                {
                    if ((notify.ScannedChannels & (1u << ch)) != 0)
                    {
                        result.Add((ch, Math.Round(ZigbeeNode.EnergyValueToDbm(notify.EnergyValues[i++]))));
                    }
                }
            }

            return result.Select(r => new ZsepChannelEnergy
            {
                Network = Name, Node = measuring, Channel = r.Channel, EnergyDbm = r.Dbm, WiFiOverlap = MeshAudit.OverlapsWiFi(r.Channel), Current = r.Channel == Coordinator.Channel,
            }).ToList();
        }
    }
}
