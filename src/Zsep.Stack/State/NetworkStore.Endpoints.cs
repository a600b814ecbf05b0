using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Data.Sqlite;
using Zsep.Stack.Types;

namespace Zsep.Stack.State
{
    /// <summary>One endpoint of a node as its simple descriptor (Zigbee PRO 05-3474-21 2.3.2.5) described it.</summary>
    public sealed record NodeEndpointRecord
    {
        public byte Endpoint { get; init; }

        public ushort ProfileId { get; init; }

        public ushort DeviceId { get; init; }

        public IReadOnlyList<ushort> InClusters { get; init; } = Array.Empty<ushort>();

        public IReadOnlyList<ushort> OutClusters { get; init; } = Array.Empty<ushort>();
    }

    /// <summary>What the interview of a node found (its endpoints and Basic cluster), as the store keeps it.</summary>
    public sealed record NodeInterviewRecord
    {
        public Eui64 Ieee { get; init; }

        /// <summary>The interview's status as the gateway numbers it (Pending 0, Complete 1, Failed 2).</summary>
        public int Status { get; init; }

        public string? ManufacturerName { get; init; }

        public string? ModelIdentifier { get; init; }

        public DateTimeOffset? CompletedAt { get; init; }

        public int Attempts { get; init; }

        public IReadOnlyList<NodeEndpointRecord> Endpoints { get; init; } = Array.Empty<NodeEndpointRecord>();
    }

    /// <summary>
    /// The interview results of the nodes (node_interviews, node_endpoints) and the gateway's persisted stack options
    /// (gateway_settings), schema version 2.
    /// </summary>
    public sealed partial class NetworkStore
    {
        /// <summary>Adds or replaces a node's interview with its endpoints, in one transaction.</summary>
        public void SaveInterview(NodeInterviewRecord interview)
        {
            if (interview is null)
            {
                throw new ArgumentNullException(nameof(interview));
            }

            Write((c, tx) =>
            {
                NonQuery(c, tx, "DELETE FROM node_endpoints WHERE ieee = $i", ("$i", Db(interview.Ieee)));
                NonQuery(c, tx,
                    "INSERT OR REPLACE INTO node_interviews (ieee, status, manufacturer, model, completed_at, attempts) VALUES ($i, $s, $m, $o, $c, $a)",
                    ("$i", Db(interview.Ieee)), ("$s", (long)interview.Status), ("$m", interview.ManufacturerName), ("$o", interview.ModelIdentifier),
                    ("$c", Db(interview.CompletedAt)), ("$a", (long)interview.Attempts));
                foreach (NodeEndpointRecord e in interview.Endpoints)
                {
                    NonQuery(c, tx,
                        "INSERT OR REPLACE INTO node_endpoints (ieee, endpoint, profile_id, device_id, in_clusters, out_clusters) VALUES ($i, $e, $p, $d, $in, $out)",
                        ("$i", Db(interview.Ieee)), ("$e", (long)e.Endpoint), ("$p", (long)e.ProfileId), ("$d", (long)e.DeviceId),
                        ("$in", Clusters(e.InClusters)), ("$out", Clusters(e.OutClusters)));
                }

                return 0;
            });
        }

        /// <summary>Every stored interview with its endpoints (endpoint order).</summary>
        public IReadOnlyList<NodeInterviewRecord> GetInterviews() =>
            Read(c =>
            {
                var endpoints = Query(c, null, r => (Ieee: Ieee(r, 0), Endpoint: new NodeEndpointRecord
                {
                    Endpoint = (byte)r.GetInt64(1),
                    ProfileId = (ushort)r.GetInt64(2),
                    DeviceId = (ushort)r.GetInt64(3),
                    InClusters = Clusters(r.GetString(4)),
                    OutClusters = Clusters(r.GetString(5)),
                }), "SELECT ieee, endpoint, profile_id, device_id, in_clusters, out_clusters FROM node_endpoints ORDER BY ieee, endpoint")
                    .GroupBy(x => x.Ieee).ToDictionary(g => g.Key, g => (IReadOnlyList<NodeEndpointRecord>)g.Select(x => x.Endpoint).ToList());
                return (IReadOnlyList<NodeInterviewRecord>)Query(c, null, r => new NodeInterviewRecord
                {
                    Ieee = Ieee(r, 0),
                    Status = (int)r.GetInt64(1),
                    ManufacturerName = r.IsDBNull(2) ? null : r.GetString(2),
                    ModelIdentifier = r.IsDBNull(3) ? null : r.GetString(3),
                    CompletedAt = NullableTime(r, 4),
                    Attempts = (int)r.GetInt64(5),
                }, "SELECT ieee, status, manufacturer, model, completed_at, attempts FROM node_interviews ORDER BY ieee")
                    .Select(i => endpoints.TryGetValue(i.Ieee, out IReadOnlyList<NodeEndpointRecord>? eps) ? i with { Endpoints = eps } : i)
                    .ToList();
            });

        /// <summary>Forgets a node's interview (the node was removed).</summary>
        public bool RemoveInterview(Eui64 ieee) =>
            Write((c, tx) =>
            {
                NonQuery(c, tx, "DELETE FROM node_endpoints WHERE ieee = $i", ("$i", Db(ieee)));
                return NonQuery(c, tx, "DELETE FROM node_interviews WHERE ieee = $i", ("$i", Db(ieee))) > 0;
            });

        /// <summary>A gateway setting (such as a stack option) as text, or null when never set.</summary>
        public string? GetSetting(string name) =>
            Read(c => Query(c, null, r => r.GetString(0), "SELECT value FROM gateway_settings WHERE name = $n", ("$n", name)).FirstOrDefault());

        /// <summary>Every gateway setting whose name starts with <paramref name="prefix"/>.</summary>
        public IReadOnlyDictionary<string, string> GetSettings(string prefix) =>
            Read(c => Query(c, null, r => (r.GetString(0), r.GetString(1)), "SELECT name, value FROM gateway_settings WHERE substr(name, 1, length($p)) = $p", ("$p", prefix))
                .ToDictionary(x => x.Item1, x => x.Item2));

        /// <summary>Sets several gateway settings in one transaction.</summary>
        public void SetSettings(IEnumerable<KeyValuePair<string, string>> settings)
        {
            var list = settings.ToList();
            Write((c, tx) =>
            {
                foreach (KeyValuePair<string, string> s in list)
                {
                    NonQuery(c, tx, "INSERT OR REPLACE INTO gateway_settings (name, value) VALUES ($n, $v)", ("$n", s.Key), ("$v", s.Value));
                }

                return 0;
            });
        }

        private static string Clusters(IReadOnlyList<ushort> ids) => string.Join(",", ids.Select(i => i.ToString("X4", CultureInfo.InvariantCulture)));

        private static IReadOnlyList<ushort> Clusters(string text) =>
            text.Length == 0 ? Array.Empty<ushort>() : text.Split(',').Select(t => ushort.Parse(t, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToList();
    }
}
