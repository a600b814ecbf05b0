using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Node;
using Zsep.Stack.Security;
using Zsep.Stack.State;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Gateway
{
    /// <summary>The Trust Center side of the gateway: install codes, policy, and what joins and failures leave behind.</summary>
    public sealed partial class Gateway
    {
        /// <summary>
        /// Registers a device's install code (the CRC was checked by <see cref="InstallCode"/>). The same pair
        /// again changes nothing; a different code for a known device is refused unless <paramref name="force"/>.
        /// </summary>
        public ZsepInstallCode AddInstallCode(Eui64 ieee, InstallCode code, bool force)
        {
            InstallCodeResult result = Store.AddOrUpdateInstallCode(ieee, code, Scheduler.Now, force);
            if (result.Outcome == InstallCodeOutcome.Conflict)
            {
                throw new InvalidOperationException(
                    $"Device {ieee} already has a different install code (CRC {(result.Device.InstallCode is { } known ? InstallCode.CrcAsPrinted(known.Crc) : "unknown")}); use -Force to replace it.");
            }

            if (result.Outcome != InstallCodeOutcome.Unchanged)
            {
                _policy.SetKey(ieee, result.Device.LinkKey);
                Trace.Info(TraceCodes.InstallCodeAdded, ieee, $"CRC {InstallCode.CrcAsPrinted(code.Crc)} {result.Outcome}");
            }

            return Describe(result.Device, result.Outcome);
        }

        public IReadOnlyList<ZsepInstallCode> GetInstallCodes() =>
            Store.GetTrustCenterDevices().Select(d => Describe(d, null)).ToList();

        public bool RemoveInstallCode(Eui64 ieee)
        {
            _policy.RemoveKey(ieee);
            return Store.RemoveTrustCenterDevice(ieee);
        }

        /// <summary>
        /// Removes a node: the Trust Center has its parent drop it (or disassociates its own child), and it leaves the
        /// node table. Its install code goes too unless <paramref name="keepInstallCode"/>, in which case it may join
        /// again. Returns false when the node is unknown.
        /// </summary>
        public bool RemoveNode(Eui64 ieee, bool keepInstallCode)
        {
            bool known = Coordinator.RemoveDevice(ieee) | Store.RemoveNode(ieee);
            ForgetInterview(ieee);
            if (keepInstallCode)
            {
                Store.SetDeviceStatus(ieee, TrustCenterDeviceStatus.Removed, Scheduler.Now);
            }
            else
            {
                RemoveInstallCode(ieee);
            }

            Trace.Info(TraceCodes.DeviceLeft, ieee, keepInstallCode ? "removed; install code kept for a re-join" : "removed with its install code");
            return known;
        }

        public ZsepTrustCenterPolicy GetPolicy() => new ZsepTrustCenterPolicy
        {
            Network = Name,
            AllowJoinThroughRouter = Config.Policies.AllowJoinThroughRouter,
            RequireInstallCode = Config.Policies.RequireInstallCode,
            RequireKeyEstablishment = Config.Policies.RequireKeyEstablishment,
        };

        /// <summary>Changes the policy, in nwk_config.json and at once in the running Trust Center.</summary>
        public ZsepTrustCenterPolicy SetPolicy(bool? allowJoinThroughRouter, bool? requireInstallCode, bool? requireKeyEstablishment = null)
        {
            TrustCenterPolicies p = Config.Policies with
            {
                AllowJoinThroughRouter = allowJoinThroughRouter ?? Config.Policies.AllowJoinThroughRouter,
                RequireInstallCode = requireInstallCode ?? Config.Policies.RequireInstallCode,
                RequireKeyEstablishment = requireKeyEstablishment ?? Config.Policies.RequireKeyEstablishment,
            };
            Config = Config with { Policies = p };
            Config.Save(_folder.ConfigPath);
            _policy.Policies = p;
            return GetPolicy();
        }

        /// <summary>Every committed node, with live data from the coordinator's tables and radio where it has them.</summary>
        public IReadOnlyList<ZsepNode> GetNodes()
        {
            IReadOnlyList<NodeRecord> records = Store.GetNodes();
            var byIeee = records.ToDictionary(r => r.Ieee);
            var live = Coordinator.TrustCenterDevices.GroupBy(d => d.Ieee).ToDictionary(g => g.Key, g => g.First());
            var neighbors = Coordinator.Neighbors.Where(n => n.Ieee.HasValue).GroupBy(n => n.Ieee!.Value).ToDictionary(g => g.Key, g => g.First());
            return records.Select(n => Describe(n, byIeee, live, neighbors)).ToList();
        }

        private ZsepNode Describe(NodeRecord n, IReadOnlyDictionary<Eui64, NodeRecord> nodes, IReadOnlyDictionary<Eui64, TrustCenterDeviceInfo> live, IReadOnlyDictionary<Eui64, NeighborInfo> neighbors)
        {
            neighbors.TryGetValue(n.Ieee, out NeighborInfo? neighbor);
            bool heard = _linkQuality.TryGetValue(n.NwkAddress.Value, out (sbyte Rssi, byte Lqi) link);
            NodeDeviceType type = live.TryGetValue(n.Ieee, out TrustCenterDeviceInfo? tc) && tc.DeviceType != NodeDeviceType.Unknown
                ? tc.DeviceType
                : ToDeviceType(n.DeviceType);
            NwkAddress? parent = n.Parent is not { } p ? null
                : p == Config.CoordinatorIeee ? NwkAddress.Coordinator
                : nodes.TryGetValue(p, out NodeRecord? parentRecord) ? parentRecord.NwkAddress : null;
            return new ZsepNode
            {
                Network = Name,
                Ieee = n.Ieee,
                NwkAddress = n.NwkAddress,
                DeviceType = type,
                Parent = parent,
                Lqi = heard ? link.Lqi : neighbor?.Lqi ?? n.Lqi,
                Rssi = heard ? link.Rssi : n.Rssi,
                HopCount = Coordinator.GetHopCount(n.NwkAddress) ?? n.HopCount,
                LastSeen = _lastHeard.TryGetValue(n.NwkAddress.Value, out DateTimeOffset seen) && seen > (n.LastSeen ?? default) ? seen : n.LastSeen,
                JoinedAt = n.JoinedAt,
                Status = n.Status == NodeStatus.Online ? ZsepNodeStatus.Online : ZsepNodeStatus.Offline,
                Manufacturer = GetInterview(n.Ieee)?.ManufacturerName,
                Model = GetInterview(n.Ieee)?.ModelIdentifier,
                Endpoints = GetInterview(n.Ieee)?.Endpoints ?? System.Array.Empty<ZsepEndpoint>(),
            };
        }

        private static NodeDeviceType ToDeviceType(LogicalType type) => type switch
        {
            LogicalType.Coordinator => NodeDeviceType.Coordinator,
            LogicalType.Router => NodeDeviceType.Router,
            _ => NodeDeviceType.EndDevice,
        };

        private static LogicalType ToLogicalType(NodeDeviceType type) => type switch
        {
            NodeDeviceType.Coordinator => LogicalType.Coordinator,
            NodeDeviceType.EndDevice => LogicalType.EndDevice,
            _ => LogicalType.Router, // Unknown: admitted on key evidence before its Device_annce; corrected from the live table
        };

        private ZsepInstallCode Describe(TrustCenterDevice d, InstallCodeOutcome? outcome) => new ZsepInstallCode
        {
            Network = Name,
            Ieee = d.Ieee,
            Crc = d.InstallCode is { } c ? InstallCode.CrcAsPrinted(c.Crc) : string.Empty,
            AddedAt = d.AddedAt,
            Status = d.Status,
            Outcome = outcome,
        };

        private void OnDeviceJoined(object? sender, DeviceJoinedEventArgs e)
        {
            NodeRecord? parent = Store.GetNodeByNwkAddress(e.Parent);
            Eui64? parentIeee = e.Parent == NwkAddress.Coordinator ? Config.CoordinatorIeee : parent?.Ieee;
            var record = new NodeRecord
            {
                Ieee = e.Ieee,
                NwkAddress = e.NwkAddress,
                DeviceType = ToLogicalType(e.DeviceType),
                Parent = parentIeee,
                JoinedAt = Scheduler.Now,
                LastSeen = Scheduler.Now,
                HopCount = Coordinator.GetHopCount(e.NwkAddress),
                Status = NodeStatus.Online,
            };
            Store.UpsertNode(record);
            _offline.Remove(e.NwkAddress.Value);
            Store.SetDeviceStatus(e.Ieee, TrustCenterDeviceStatus.Joined, Scheduler.Now);
            Trace.Info(TraceCodes.DeviceJoined, e.Ieee, $"{e.NwkAddress} {e.DeviceType} parent {e.Parent}");
            RecentJoins.Enqueue(Describe(record, new Dictionary<Eui64, NodeRecord>(), new Dictionary<Eui64, TrustCenterDeviceInfo>(), new Dictionary<Eui64, NeighborInfo>()) with
            {
                Parent = e.Parent,
            });
            if (e.DeviceType == NodeDeviceType.Router)
            {
                RefreshPermitJoin();
            }
        }

        /// <summary>What the coordinator last heard: by MAC source (a neighbour: RSSI and LQI of the link) and by NWK source (any node: when).</summary>
        private readonly Dictionary<ushort, (sbyte Rssi, byte Lqi)> _linkQuality = new Dictionary<ushort, (sbyte, byte)>();
        private readonly Dictionary<ushort, DateTimeOffset> _lastHeard = new Dictionary<ushort, DateTimeOffset>();

        /// <summary>When anything was last heard from an address, as MAC source or NWK source (node availability).</summary>
        private readonly Dictionary<ushort, DateTimeOffset> _lastHeardAny = new Dictionary<ushort, DateTimeOffset>();

        private void OnFrameReceived(Radio.RadioFrame frame)
        {
            if (!Mac.MacFrame.TryDecode(frame.Psdu, false, out Mac.MacFrame? mac, out _))
            {
                return;
            }

            if (mac!.SourceAddress.Mode == Mac.MacAddressingMode.Short)
            {
                // Any frame a neighbour sends (data it relays, a poll, a command) shows it is there.
                _lastHeardAny[mac.SourceAddress.ShortAddress] = frame.Timestamp;
                if (_offline.Count > 0)
                {
                    HeardFrom(mac.SourceAddress.ShortAddress);
                }
            }

            if (mac.FrameType != Mac.MacFrameType.Data)
            {
                return;
            }

            if (mac.SourceAddress.Mode == Mac.MacAddressingMode.Short)
            {
                _linkQuality[mac.SourceAddress.ShortAddress] = (frame.Rssi, frame.Lqi);
                RecordLinkQuality(mac.SourceAddress.ShortAddress, frame);
            }

            if (Nwk.NwkHeader.TryDecode(mac.Payload, out Nwk.NwkHeader? nwk, out _))
            {
                _lastHeard[nwk!.SourceAddress.Value] = frame.Timestamp;
                _lastHeardAny[nwk.SourceAddress.Value] = frame.Timestamp;
                if (_offline.Count > 0)
                {
                    HeardFrom(nwk.SourceAddress.Value);
                }
            }
        }

        private void OnFrameDropped(object? sender, FrameDroppedEventArgs e)
        {
            string? code = e.Reason switch
            {
                "MacNoAck" => TraceCodes.MacNoAck,
                "NwkNoRoute" or "RouteDiscoveryFailed" => TraceCodes.RouteFail,
                "NwkFrameCounterReplay" => TraceCodes.ErrFrameCounter,
                _ => null,
            };
            if (code is not null)
            {
                Trace.Write(TraceLevel.Warning, code, e.Reason);
            }
        }

        private void OnDeviceLeft(object? sender, DeviceLeftEventArgs e)
        {
            if (Store.GetNode(e.Ieee) is { } node)
            {
                Store.UpsertNode(node with { Status = NodeStatus.Offline, LastSeen = Scheduler.Now });
            }

            Trace.Info(TraceCodes.DeviceLeft, e.Ieee, $"{e.NwkAddress} {e.Reason}");
        }

        private void OnAuthenticationFailed(object? sender, AuthenticationFailedEventArgs e)
        {
            if (e.Reason == "AddressConflict")
            {
                // Not a security failure: the device came with an address in use and joins again with a new one.
                Trace.Write(TraceLevel.Warning, TraceCodes.AddressChanged, e.Ieee, "address conflict: the device joins again with a fresh address");
                return;
            }

            Trace.Error(TraceCodes.ErrAuthSecFail, e.Ieee, e.Reason);
        }
    }
}
