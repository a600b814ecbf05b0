using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Gateway
{
    /// <summary>
    /// The crawled topology as a picture: Graphviz DOT, JSON, or an SVG drawn here without external tools (the
    /// coordinator in the middle, each node on the ring of its hop count, spread evenly round it; links coloured by
    /// LQI: green from 100, orange from 50, red below).
    /// </summary>
    public static class TopologyExport
    {
        private static string Label(ZsepTopologyNode n) => n.NwkAddress.ToString();

        private static string Colour(byte lqi) => lqi >= 100 ? "#2e7d32" : lqi >= 50 ? "#ef6c00" : "#c62828";

        public static string ToDot(ZsepTopology topology)
        {
            var sb = new StringBuilder();
            sb.Append("graph \"").Append(topology.Network.Replace("\"", "'")).Append("\" {\n  node [fontname=\"Helvetica\"];\n");
            foreach (ZsepTopologyNode n in topology.Nodes)
            {
                string shape = n.DeviceType switch { LogicalType.Coordinator => "doublecircle", LogicalType.Router => "circle", _ => "box" };
                sb.Append($"  \"{n.Ieee}\" [label=\"{Label(n)}\\n{n.Ieee}\\nhops {(n.HopCount?.ToString(CultureInfo.InvariantCulture) ?? "?")}\" shape={shape}];\n");
            }

            foreach (ZsepTopologyLink l in topology.Links)
            {
                sb.Append($"  \"{l.From}\" -- \"{l.To}\" [label=\"{l.Lqi}\" color=\"{Colour(l.Lqi)}\"{(l.ParentChild ? " style=bold" : "")}];\n");
            }

            return sb.Append("}\n").ToString();
        }

        public static string ToJson(ZsepTopology topology)
        {
            static string S(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
            static string N(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "null";
            var sb = new StringBuilder();
            sb.Append("{\n  \"network\": ").Append(S(topology.Network)).Append(",\n  \"coordinator\": ").Append(S(topology.Coordinator.ToString()))
              .Append(",\n  \"crawledAt\": ").Append(S(topology.CrawledAt.ToString("o", CultureInfo.InvariantCulture))).Append(",\n  \"nodes\": [");
            sb.Append(string.Join(",", topology.Nodes.Select(n =>
                $"\n    {{\"ieee\": {S(n.Ieee.ToString())}, \"nwkAddress\": {S(n.NwkAddress.ToString())}, \"deviceType\": {S(n.DeviceType.ToString())}, \"hopCount\": {N(n.HopCount)}, \"neighborTableEntries\": {N(n.NeighborTableEntries)}, \"answered\": {(n.Answered ? "true" : "false")}}}")));
            sb.Append("\n  ],\n  \"links\": [");
            sb.Append(string.Join(",", topology.Links.Select(l =>
                $"\n    {{\"from\": {S(l.From.ToString())}, \"to\": {S(l.To.ToString())}, \"lqi\": {l.Lqi.ToString(CultureInfo.InvariantCulture)}, \"lqiFrom\": {N(l.LqiFrom)}, \"lqiTo\": {N(l.LqiTo)}, \"parentChild\": {(l.ParentChild ? "true" : "false")}}}")));
            return sb.Append("\n  ]\n}\n").ToString();
        }

        /// <summary>Positions for the SVG: ring r = hop count (unreached nodes on an outer ring), angle spread evenly per ring.</summary>
        public static IReadOnlyDictionary<Eui64, (double X, double Y)> Layout(ZsepTopology topology, double ringSpacing = 90)
        {
            var positions = new Dictionary<Eui64, (double, double)>();
            int outer = (topology.Nodes.Max(n => n.HopCount) ?? 0) + 1;
            foreach (var ring in topology.Nodes.GroupBy(n => n.HopCount ?? outer))
            {
                var members = ring.OrderBy(n => n.Ieee).ToList();
                for (int i = 0; i < members.Count; i++)
                {
                    double angle = (2 * Math.PI * i / members.Count) + (ring.Key * 0.35);
                    double r = ring.Key * ringSpacing;
                    positions[members[i].Ieee] = (r * Math.Cos(angle), r * Math.Sin(angle));
                }
            }

            return positions;
        }

        public static string ToSvg(ZsepTopology topology)
        {
            var at = Layout(topology);
            double extent = at.Count == 0 ? 100 : at.Values.Max(p => Math.Max(Math.Abs(p.X), Math.Abs(p.Y))) + 60;
            string F(double v) => (v + extent).ToString("0.#", CultureInfo.InvariantCulture);
            var sb = new StringBuilder();
            string size = (2 * extent).ToString("0", CultureInfo.InvariantCulture);
            sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{size}\" viewBox=\"0 0 {size} {size}\" font-family=\"Helvetica\" font-size=\"9\">\n");
            sb.Append($"<title>{Escape(topology.Network)}: {topology.Nodes.Count} nodes, {topology.Links.Count} links</title>\n");
            foreach (ZsepTopologyLink l in topology.Links.Where(l => at.ContainsKey(l.From) && at.ContainsKey(l.To)))
            {
                var a = at[l.From];
                var b = at[l.To];
                sb.Append($"<line x1=\"{F(a.X)}\" y1=\"{F(a.Y)}\" x2=\"{F(b.X)}\" y2=\"{F(b.Y)}\" stroke=\"{Colour(l.Lqi)}\" stroke-width=\"{(l.ParentChild ? 2 : 1)}\" stroke-opacity=\"0.6\"><title>{l.From} - {l.To}: LQI {l.Lqi}</title></line>\n");
            }

            foreach (ZsepTopologyNode n in topology.Nodes)
            {
                var p = at[n.Ieee];
                string fill = n.DeviceType switch { LogicalType.Coordinator => "#1565c0", LogicalType.Router => "#90caf9", _ => "#fff59d" };
                sb.Append($"<circle cx=\"{F(p.X)}\" cy=\"{F(p.Y)}\" r=\"{(n.DeviceType == LogicalType.Coordinator ? 10 : 6)}\" fill=\"{fill}\" stroke=\"#333\"><title>{n.Ieee} {n.NwkAddress} {n.DeviceType}, hops {n.HopCount?.ToString(CultureInfo.InvariantCulture) ?? "?"}</title></circle>\n");
                sb.Append($"<text x=\"{F(p.X + 8)}\" y=\"{F(p.Y - 8)}\">{Escape(Label(n))}</text>\n");
            }

            return sb.Append("</svg>\n").ToString();
        }

        private static string Escape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
    }
}
