using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Gateway
{
    /// <summary>Thresholds of <see cref="MeshAudit"/>.</summary>
    public sealed record MeshAuditOptions
    {
        /// <summary>A node farther than this many hops from the coordinator is reported (5).</summary>
        public int MaxHops { get; init; } = 5;

        /// <summary>A link below this LQI is weak (50).</summary>
        public byte MinLqi { get; init; } = 50;

        /// <summary>
        /// Neighbor table capacity assumed for the routers: 64. Mgmt_Lqi_rsp (05-3474 2.4.4.3.2) gives how many entries a
        /// table holds, not how many it can hold, so this is an assumption (Test-ZsepMesh -NeighborTableCapacity);
        /// findings against it are marked <see cref="ZsepMeshFinding.Inferred"/>.
        /// </summary>
        public int NeighborTableCapacity { get; init; } = 64;

        /// <summary>Neighbor table sizes known for certain nodes (the gateway's own, when configured): used instead of the assumption.</summary>
        public IReadOnlyDictionary<Eui64, int>? KnownNeighborTableSizes { get; init; }

        /// <summary>A table this full is near capacity (0.9).</summary>
        public double NearCapacity { get; init; } = 0.9;

        /// <summary>Energy on the network's channel at or above this is high (-75 dBm, 10 dB above the CCA threshold's floor).</summary>
        public double HighEnergyDbm { get; init; } = -75;
    }

    /// <summary>
    /// The checks of Test-ZsepMesh over a crawled (or crafted) topology: far nodes (hops over the links found, from the
    /// coordinator), nodes that reach the coordinator only over weak links (no path of links at or above the LQI
    /// threshold), single points of failure (routers whose
    /// loss cuts others off: the articulation points of the router graph, found by removing each router in turn and
    /// walking from the coordinator), end devices with no alternative parent, neighbor tables near capacity, and a
    /// noisy or Wi-Fi-overlapped channel. Pure: no I/O, so it is tested on crafted topologies.
    /// </summary>
    public static class MeshAudit
    {
        /// <summary>Channels with no overlap with Wi-Fi channels 1, 6 and 11 that the audit recommends.</summary>
        public static readonly byte[] QuietChannels = { 25, 26 };

        /// <summary>
        /// Whether a 20 MHz Wi-Fi channel 1, 6 or 11 (centres 2412, 2437, 2462 MHz, 22 MHz wide) overlaps IEEE 802.15.4
        /// channel <paramref name="channel"/> (centre 2405 + 5 (k - 11) MHz, 2 MHz wide; 802.15.4-2006 6.1.2.1).
        /// </summary>
        public static bool OverlapsWiFi(byte channel)
        {
            double f = 2405 + (5 * (channel - 11));
            return new[] { 2412.0, 2437.0, 2462.0 }.Any(w => Math.Abs(f - w) < 12);
        }

        /// <summary>Fewest hops from <paramref name="root"/> to each node over <paramref name="links"/>, skipping <paramref name="without"/>.</summary>
        public static Dictionary<Eui64, int> HopCounts(Eui64 root, IEnumerable<ZsepTopologyLink> links, Eui64? without = null)
        {
            var adjacency = Adjacency(links);
            var hops = new Dictionary<Eui64, int> { [root] = 0 };
            var queue = new Queue<Eui64>();
            queue.Enqueue(root);
            while (queue.Count > 0)
            {
                Eui64 n = queue.Dequeue();
                if (!adjacency.TryGetValue(n, out var next))
                {
                    continue;
                }

                foreach (Eui64 m in next)
                {
                    if (m != without && !hops.ContainsKey(m))
                    {
                        hops[m] = hops[n] + 1;
                        queue.Enqueue(m);
                    }
                }
            }

            return hops;
        }

        private static Dictionary<Eui64, HashSet<Eui64>> Adjacency(IEnumerable<ZsepTopologyLink> links)
        {
            var adjacency = new Dictionary<Eui64, HashSet<Eui64>>();
            foreach (ZsepTopologyLink l in links)
            {
                Add(l.From, l.To);
                Add(l.To, l.From);
            }

            return adjacency;

            void Add(Eui64 a, Eui64 b)
            {
                if (!adjacency.TryGetValue(a, out var set))
                {
                    adjacency[a] = set = new HashSet<Eui64>();
                }

                set.Add(b);
            }
        }

        /// <summary>
        /// Runs every check. <paramref name="bindingTables"/> holds what the gateway knows of binding tables that refused
        /// a binding with TABLE_FULL (<see cref="ZsepBindingTableUse"/>).
        /// </summary>
        public static IReadOnlyList<ZsepMeshFinding> Analyze(ZsepTopology topology, IReadOnlyList<ZsepChannelEnergy>? energy = null, byte? channel = null, MeshAuditOptions? options = null,
            IReadOnlyList<ZsepBindingTableUse>? bindingTables = null)
        {
            if (topology is null)
            {
                throw new ArgumentNullException(nameof(topology));
            }

            options ??= new MeshAuditOptions();
            var findings = new List<ZsepMeshFinding>();
            var nodes = topology.Nodes.ToDictionary(n => n.Ieee);
            Eui64 root = topology.Coordinator;
            bool IsEndDevice(Eui64 n) => nodes.TryGetValue(n, out ZsepTopologyNode? t) && t.DeviceType == LogicalType.EndDevice;
            string Name(Eui64 n) => nodes.TryGetValue(n, out ZsepTopologyNode? t) ? $"{n} ({t.NwkAddress})" : n.ToString();
            ZsepMeshFinding Finding(ZsepMeshCheck check, ZsepFindingSeverity severity, IEnumerable<Eui64> concerned, string message, string recommendation, bool inferred = false) =>
                new ZsepMeshFinding { Network = topology.Network, Check = check, Severity = severity, Nodes = concerned.ToList(), Message = message, Recommendation = recommendation, Inferred = inferred };

            // Relaying goes through routers only: an end device's links lead nowhere further.
            var relayLinks = topology.Links.Where(l => !(IsEndDevice(l.From) && IsEndDevice(l.To))).ToList();
            Dictionary<Eui64, int> hops = HopCounts(root, relayLinks.Where(l => !IsEndDevice(l.From) && !IsEndDevice(l.To)));
            foreach (ZsepTopologyLink l in relayLinks.Where(l => IsEndDevice(l.From) != IsEndDevice(l.To)))
            {
                Eui64 router = IsEndDevice(l.From) ? l.To : l.From, device = l.Other(router);
                if (hops.TryGetValue(router, out int h) && (!hops.TryGetValue(device, out int d) || d > h + 1))
                {
                    hops[device] = h + 1;
                }
            }

            foreach (ZsepTopologyNode n in topology.Nodes.Where(n => n.Ieee != root && !hops.ContainsKey(n.Ieee)))
            {
                findings.Add(Finding(ZsepMeshCheck.Unreachable, ZsepFindingSeverity.Error, new[] { n.Ieee },
                    $"{Name(n.Ieee)} has no link to the rest of the mesh that the crawl found.",
                    "Check that it is powered and in range; Get-ZsepNeighbor on the routers near it shows whether any still hears it."));
            }

            foreach (var far in hops.Where(h => h.Value > options.MaxHops).OrderByDescending(h => h.Value).ThenBy(h => h.Key))
            {
                findings.Add(Finding(ZsepMeshCheck.FarNode, ZsepFindingSeverity.Warning, new[] { far.Key },
                    $"{Name(far.Key)} is {far.Value} hops from the coordinator (more than {options.MaxHops}): every exchange crosses {far.Value} links and takes longer, and each can fail.",
                    "Add a router (a mains-powered device) between it and the rest of the mesh, or move the gateway nearer the middle of its devices."));
            }

            // Weak links: a node with no path of good links to the coordinator is named with its best link one hop
            // nearer (by the fewest hops over any link). Nodes that have a good path are fine, whatever marginal
            // links they also hear.
            var goodLinks = relayLinks.Where(l => l.Lqi >= options.MinLqi).ToList();
            Dictionary<Eui64, int> good = HopCounts(root, goodLinks.Where(l => !IsEndDevice(l.From) && !IsEndDevice(l.To)));
            foreach (ZsepTopologyLink l in goodLinks.Where(l => IsEndDevice(l.From) != IsEndDevice(l.To)))
            {
                Eui64 router = IsEndDevice(l.From) ? l.To : l.From;
                if (good.TryGetValue(router, out int h))
                {
                    good[l.Other(router)] = h + 1;
                }
            }

            foreach (var node in hops.Where(h => h.Key != root && !good.ContainsKey(h.Key)).OrderBy(h => h.Value).ThenBy(h => h.Key))
            {
                var upstream = topology.Links.Where(l => l.Touches(node.Key) && hops.TryGetValue(l.Other(node.Key), out int o) && o == node.Value - 1 &&
                                                         (!IsEndDevice(l.Other(node.Key)))).ToList();
                if (upstream.Count == 0)
                {
                    continue;
                }

                ZsepTopologyLink best = upstream.OrderByDescending(l => l.Lqi).First();
                if (best.Lqi < options.MinLqi)
                {
                    findings.Add(Finding(ZsepMeshCheck.WeakLink, ZsepFindingSeverity.Warning, new[] { node.Key, best.Other(node.Key) },
                        $"{Name(node.Key)} reaches the coordinator only over weak links: its best, to {Name(best.Other(node.Key))}, has LQI {best.Lqi} (below {options.MinLqi}).",
                        "Add a router between the two, or move one of them; look for walls, metal cabinets or meter boxes in the way."));
                }
            }

            // Single points of failure: removing a router cuts routers off from the coordinator.
            var routerLinks = relayLinks.Where(l => !IsEndDevice(l.From) && !IsEndDevice(l.To)).ToList();
            var routers = topology.Nodes.Where(n => n.Ieee != root && n.DeviceType != LogicalType.EndDevice && hops.ContainsKey(n.Ieee)).Select(n => n.Ieee).OrderBy(n => n).ToList();
            var reachable = HopCounts(root, routerLinks);
            foreach (Eui64 router in routers)
            {
                Dictionary<Eui64, int> without = HopCounts(root, routerLinks, router);
                var cut = reachable.Keys.Where(n => n != router && !without.ContainsKey(n)).ToList();
                if (cut.Count == 0)
                {
                    continue;
                }

                // End devices go with the routers they hang off.
                var lost = new HashSet<Eui64>(cut);
                foreach (ZsepTopologyNode ed in topology.Nodes.Where(n => n.DeviceType == LogicalType.EndDevice))
                {
                    var parents = topology.Links.Where(l => l.Touches(ed.Ieee)).Select(l => l.Other(ed.Ieee)).Where(p => !IsEndDevice(p)).ToList();
                    if (parents.Count > 0 && parents.All(p => p == router || lost.Contains(p)))
                    {
                        lost.Add(ed.Ieee);
                    }
                }

                var cutOff = lost.OrderBy(n => hops.TryGetValue(n, out int h) ? h : int.MaxValue).ThenBy(n => n).ToList();
                findings.Add(Finding(ZsepMeshCheck.SinglePointOfFailure, ZsepFindingSeverity.Error, new[] { router }.Concat(cutOff),
                    $"Router {Name(router)} is a single point of failure: {cutOff.Count} node(s) reach the coordinator only through it ({string.Join(", ", cutOff.Take(8).Select(Name))}{(cutOff.Count > 8 ? ", ..." : "")}).",
                    "Add a second router that links those nodes to the rest of the mesh, so that they have another way in when this one fails."));
            }

            // End devices with no alternative parent. One that answered Mgmt_Lqi_req told us the routers it heard in
            // its last network discovery (its potential parents): measured. One that did not is judged from the links
            // the routers' tables show, which list only their own children: inferred, and said so.
            foreach (ZsepTopologyNode ed in topology.Nodes.Where(n => n.DeviceType == LogicalType.EndDevice).OrderBy(n => n.Ieee))
            {
                if (ed.Answered && ed.PotentialParents is { } potential)
                {
                    Eui64? parent = ed.Parent ?? topology.Links.Where(l => l.Touches(ed.Ieee) && l.ParentChild).Select(l => (Eui64?)l.Other(ed.Ieee)).FirstOrDefault();
                    if (potential.Count == 0)
                    {
                        findings.Add(Finding(ZsepMeshCheck.NoAlternativeParent, ZsepFindingSeverity.Warning, parent is Eui64 p ? new[] { ed.Ieee, p } : new[] { ed.Ieee },
                            $"End device {Name(ed.Ieee)} lists no router but its parent{(parent is Eui64 q ? " " + Name(q) : "")} in its neighbor table (its last network discovery heard no other): if the parent fails it cannot rejoin.",
                            "Place another router (a mains-powered device) within its reach."));
                    }

                    continue;
                }

                var parents = topology.Links.Where(l => l.Touches(ed.Ieee)).Select(l => l.Other(ed.Ieee)).Where(p => !IsEndDevice(p)).Distinct().ToList();
                if (parents.Count == 1)
                {
                    findings.Add(Finding(ZsepMeshCheck.NoAlternativeParent, ZsepFindingSeverity.Warning, new[] { ed.Ieee, parents[0] },
                        $"End device {Name(ed.Ieee)} is linked to no router but its parent {Name(parents[0])} (inferred: it {(ed.Asked ? "did not answer" : "was not asked")} Mgmt_Lqi_req, and routers list only their own children, so another router in its reach would not show).",
                        "Place another router (a mains-powered device) within its reach, or ask again when it is awake (Get-ZsepNeighbor -Node on it).", inferred: true));
                }
            }

            // Routers' and the coordinator's tables: an end device's table holds its parent and potential parents only.
            foreach (ZsepTopologyNode n in topology.Nodes.Where(n => n.NeighborTableEntries is int && n.DeviceType != LogicalType.EndDevice).OrderBy(n => n.Ieee))
            {
                int capacity = options.NeighborTableCapacity;
                bool known = false;
                if (options.KnownNeighborTableSizes is { } sizes && sizes.TryGetValue(n.Ieee, out int size))
                {
                    capacity = size;
                    known = true;
                }

                if (n.NeighborTableEntries < (int)Math.Ceiling(capacity * options.NearCapacity))
                {
                    continue;
                }

                findings.Add(Finding(ZsepMeshCheck.TableNearCapacity, ZsepFindingSeverity.Warning, new[] { n.Ieee },
                    known
                        ? $"The neighbor table of {Name(n.Ieee)} holds {n.NeighborTableEntries} entries of {capacity}: new neighbours and children will be turned away."
                        : $"The neighbor table of {Name(n.Ieee)} holds {n.NeighborTableEntries} entries, near the {capacity} assumed (the node reports how many entries it holds, not its size; -NeighborTableCapacity): new neighbours and children may be turned away.",
                    "Spread routers out, lower the transmit power of dense groups, or give joining devices another router nearby.", inferred: !known));
            }

            foreach (ZsepBindingTableUse use in (bindingTables ?? Array.Empty<ZsepBindingTableUse>()).OrderBy(b => b.Node))
            {
                bool stillFull = use.Entries is not int now || use.Capacity is not int cap || now >= cap;
                if (!stillFull)
                {
                    continue;
                }

                string count = use.Entries is int e ? $"holds {e} entries" : "could not be read again";
                findings.Add(Finding(ZsepMeshCheck.BindingTableFull, ZsepFindingSeverity.Warning, new[] { use.Node },
                    $"The binding table of {Name(use.Node)} is full: it refused a binding with TABLE_FULL at {use.RefusedAt:u} holding {use.Capacity?.ToString() ?? "an unknown number of"} entries, and {count} now.",
                    $"Remove bindings it no longer needs (Remove-ZsepBinding) or empty it with Clear-ZsepBindingTable -Node {use.Node}.", inferred: use.Entries is null));
            }

            if (channel is byte ch)
            {
                ZsepChannelEnergy? here = energy?.Where(e => e.Channel == ch).OrderByDescending(e => e.EnergyDbm).FirstOrDefault();
                string suggestion = SuggestChannel(energy);
                if (here is not null && here.EnergyDbm >= options.HighEnergyDbm)
                {
                    findings.Add(Finding(ZsepMeshCheck.NoisyChannel, ZsepFindingSeverity.Warning, new[] { here.Node },
                        $"Channel {ch} is busy: {here.EnergyDbm:0} dBm measured by {Name(here.Node)} (at or above {options.HighEnergyDbm:0} dBm){(OverlapsWiFi(ch) ? ", and it overlaps Wi-Fi channels 1/6/11" : "")}.",
                        $"Move the network to channel {suggestion} (Set-ZsepChannel), which Wi-Fi channels 1, 6 and 11 leave clear."));
                }
                else if (OverlapsWiFi(ch))
                {
                    findings.Add(Finding(ZsepMeshCheck.NoisyChannel, ZsepFindingSeverity.Information, new[] { root },
                        $"Channel {ch} overlaps Wi-Fi channels 1, 6 or 11; a busy access point nearby will cost frames.",
                        $"Prefer channel {suggestion} (Set-ZsepChannel)."));
                }
            }

            return findings;
        }

        /// <summary>25 or 26, whichever measured quieter (25 when neither was measured).</summary>
        public static string SuggestChannel(IReadOnlyList<ZsepChannelEnergy>? energy)
        {
            double Level(byte c) => energy?.Where(e => e.Channel == c).Select(e => e.EnergyDbm).DefaultIfEmpty(double.NaN).Max() ?? double.NaN;
            double e25 = Level(25), e26 = Level(26);
            return !double.IsNaN(e26) && (double.IsNaN(e25) || e26 < e25) ? "26 (or 25)" : "25 (or 26)";
        }
    }
}
