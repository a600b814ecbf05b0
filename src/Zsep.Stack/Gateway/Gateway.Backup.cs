using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.State;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Gateway
{
    /// <summary>What Restore-ZsepNetwork needs besides the backup: where the new network lives and runs.</summary>
    public sealed record RestoreOptions
    {
        public string Name { get; init; } = "zsep";

        public string? StatePath { get; init; }

        public string Radio { get; init; } = "sim://default";

        public int? Seed { get; init; }

        public bool Force { get; init; }

        /// <summary>
        /// How far the restored coordinator's outgoing frame counter starts above the backup's (zigpy uses 10,000): the
        /// old coordinator may have sent frames after the backup was taken, and devices drop any counter they saw.
        /// </summary>
        public uint FrameCounterIncrement { get; init; } = 10_000;
    }

    public sealed partial class Gateway
    {
        /// <summary>
        /// The network as an Open Coordinator Backup: PAN, channel, the current network key with the outgoing counter
        /// reserved so far (every counter the coordinator may have used is below it), and every device of the Trust
        /// Center table with its NWK address, whether it is a child of the coordinator, and its link key with counters.
        /// </summary>
        public CoordinatorBackup CreateBackup(string source)
        {
            NetworkKeyRecord key = Store.GetNetworkKey(Config.NetworkKeySequence)
                ?? throw new NetworkStateException(NetworkStateError.CorruptStore, Store.Path, "The store has no network key for the current key sequence.");
            long counter = Math.Max(_frameCounters.ReservedLimit, Store.GetOutgoingFrameCounterLimit(FrameCounterReservation.NetworkKeyName(Config.NetworkKeySequence)) ?? 0);
            Dictionary<Eui64, NodeRecord> nodes = Store.GetNodes().ToDictionary(n => n.Ieee);
            // The Trust Center secures every device's APS frames from one counter (Gateway.Keys): each link key's tx
            // counter is at least that counter's reservation.
            long apsCounter = Math.Max(_linkCounter?.ReservedLimit ?? 0, Store.GetOutgoingFrameCounterLimit(LinkKeyCounterName) ?? counter);
            var devices = new List<CoordinatorBackupDevice>();
            foreach (TrustCenterDevice device in Store.GetTrustCenterDevices().OrderBy(d => d.Ieee.Value))
            {
                nodes.TryGetValue(device.Ieee, out NodeRecord? node);
                if (node is null && device.Status != TrustCenterDeviceStatus.Joined)
                {
                    continue; // registered, never joined: its install code stays with this gateway's Trust Center
                }

                devices.Add(new CoordinatorBackupDevice
                {
                    Ieee = device.Ieee,
                    NwkAddress = node?.NwkAddress,
                    IsChild = node?.Parent == Config.CoordinatorIeee,
                    LinkKey = device.LinkKey,
                    LinkKeyTxCounter = (uint)Math.Min(uint.MaxValue, Math.Max(apsCounter, Store.GetOutgoingFrameCounterLimit(FrameCounterReservation.LinkKeyName(device.Ieee)) ?? 0)),
                    LinkKeyRxCounter = Store.GetIncomingFrameCounter(device.Ieee, FrameCounterKeyKind.Link, 0) ?? 0,
                });
            }

            return new CoordinatorBackup
            {
                Source = source,
                CreatedAt = Scheduler.Now,
                CoordinatorIeee = Config.CoordinatorIeee,
                PanId = Config.PanId,
                ExtendedPanId = Config.ExtendedPanId,
                NwkUpdateId = NwkUpdateId,
                SecurityLevel = 5,
                Channel = (byte)Config.Channel,
                ChannelMask = new[] { (byte)Config.Channel },
                NetworkKey = key.Key,
                NetworkKeySequence = key.Sequence,
                NetworkKeyFrameCounter = (uint)Math.Min(uint.MaxValue, counter),
                TrustCenterLinkKey = ZigbeeKey.DefaultTrustCenterLinkKey,
                Devices = devices,
            };
        }

        /// <summary>
        /// Forms nothing new: writes a network folder from a backup (ours or another tool's) and starts the coordinator
        /// with the backup's identity - coordinator IEEE, PAN ID, extended PAN ID, channel, network key and sequence -
        /// with the outgoing frame counter moved <see cref="RestoreOptions.FrameCounterIncrement"/> above the backup's,
        /// and every device admitted with its link key and NWK address, so devices carry on without re-joining.
        /// </summary>
        public static Gateway Restore(CoordinatorBackup backup, RestoreOptions options, IRadioProvider radios)
        {
            if (backup.SecurityLevel != 5 && backup.SecurityLevel != 0)
            {
                throw new NetworkStateException(NetworkStateError.InvalidBackup, options.StatePath ?? options.Name,
                    $"The backup's security level is {backup.SecurityLevel}; Zigbee PRO networks use 5.", "security_level");
            }

            string path = options.StatePath ?? NetworkFolder.DefaultPath(options.Name);
            NetworkFolder folder = NetworkFolder.Create(path, options.Force);
            int seed = options.Seed ?? Environment.TickCount;
            NetworkStore? store = null;
            try
            {
                var config = new NetworkConfig
                {
                    Name = options.Name,
                    Channel = backup.Channel,
                    PanId = backup.PanId,
                    ExtendedPanId = backup.ExtendedPanId,
                    CoordinatorIeee = backup.CoordinatorIeee,
                    NetworkKeySequence = backup.NetworkKeySequence,
                    Radio = options.Radio,
                    Seed = seed,
                };
                config.Save(folder.ConfigPath);
                store = NetworkStore.Open(folder.StorePath, create: true);
                DateTimeOffset now = DateTimeOffset.UtcNow;
                store.SaveNetworkKey(backup.NetworkKeySequence, backup.NetworkKey, now);
                store.SetNetworkParameter(NwkUpdateIdParameter, backup.NwkUpdateId);
                long start = Math.Min((long)backup.NetworkKeyFrameCounter + options.FrameCounterIncrement, (long)FrameCounterReservation.MaxCounter);
                store.ReserveOutgoingFrameCounters(FrameCounterReservation.NetworkKeyName(backup.NetworkKeySequence), start);
                var nodes = new List<NodeRecord>();
                foreach (CoordinatorBackupDevice device in backup.Devices)
                {
                    ZigbeeKey? linkKey = device.LinkKey ?? backup.TrustCenterLinkKey;
                    if (linkKey is not null)
                    {
                        store.PutTrustCenterDevice(new TrustCenterDevice
                        {
                            Ieee = device.Ieee,
                            LinkKey = linkKey,
                            Status = TrustCenterDeviceStatus.Joined,
                            AddedAt = now,
                            JoinedAt = backup.CreatedAt,
                        });
                    }

                    if (device.LinkKey is not null)
                    {
                        store.ReserveOutgoingFrameCounters(FrameCounterReservation.LinkKeyName(device.Ieee),
                            Math.Min((long)device.LinkKeyTxCounter + options.FrameCounterIncrement, (long)FrameCounterReservation.MaxCounter));
                        if (device.LinkKeyRxCounter > 0)
                        {
                            store.SetIncomingFrameCounter(device.Ieee, FrameCounterKeyKind.Link, 0, device.LinkKeyRxCounter);
                        }
                    }

                    if (device.NwkAddress is { } nwk)
                    {
                        // The backup does not say what kind of device it is: a router until the device tells us
                        // (its Device_annce or link status updates the live view).
                        nodes.Add(new NodeRecord
                        {
                            Ieee = device.Ieee,
                            NwkAddress = nwk,
                            DeviceType = LogicalType.Router,
                            Parent = device.IsChild ? backup.CoordinatorIeee : null,
                            JoinedAt = backup.CreatedAt,
                            Status = NodeStatus.Online,
                        });
                    }
                }

                // The restored Trust Center's APS counter starts above every link key's tx counter and the network key's.
                long apsStart = backup.Devices.Where(d => d.LinkKey is not null)
                    .Select(d => Math.Min((long)d.LinkKeyTxCounter + options.FrameCounterIncrement, (long)FrameCounterReservation.MaxCounter))
                    .DefaultIfEmpty(0).Max();
                store.ReserveOutgoingFrameCounters(LinkKeyCounterName, Math.Max(apsStart, start));
                store.UpsertNodes(nodes);
                store.Dispose();
                store = null;
                Gateway gateway = Open(path, radios);
                gateway.Trace.Info(TraceCodes.NwkRestored, backup.CoordinatorIeee,
                    $"restored from a backup by {backup.Source}: {backup.Devices.Count} devices, frame counter {start}");
                return gateway;
            }
            catch
            {
                store?.Dispose();
                NetworkFolder.Delete(path);
                throw;
            }
        }
    }
}
