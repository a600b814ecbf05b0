using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Zsep.Stack.Capture;
using Zsep.Stack.Node;
using Zsep.Stack.Radio;
using Zsep.Stack.Runtime;
using Zsep.Stack.Security;
using Zsep.Stack.State;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Gateway
{
    /// <summary>
    /// One formed network: the composition root (shared/design.md). It owns the coordinator and Trust Center
    /// stack, the radio, the network folder (nwk_config.json, zsep.db, trace.log) and keeps them in step: joins are
    /// written to the store and the trace as they happen, the outgoing frame counter is reserved ahead in the store.
    /// Everything except the constructor runs on the caller's thread, which drives the loop while it waits.
    /// </summary>
    public sealed partial class Gateway : IDisposable
    {
        /// <summary>The channels New-ZsepNetwork chooses among when none is given (least Wi-Fi overlap).</summary>
        public static readonly byte[] PreferredChannels = { 11, 15, 20, 25 };

        private readonly NetworkFolder _folder;
        private readonly StoreTrustCenterPolicy _policy;
        private FrameCounterReservation _frameCounters;
        private readonly RadioLease _lease;
        private readonly CaptureTap _tap;
        private bool _disposed;

        private Gateway(NetworkFolder folder, NetworkConfig config, NetworkStore store, RadioLease lease, ZigbeeKey networkKey)
        {
            _folder = folder;
            Config = config;
            Store = store;
            _lease = lease;
            Trace = new TraceLog(folder.TracePath, lease.Scheduler);
            _policy = new StoreTrustCenterPolicy(store, config.Policies);
            _frameCounters = new FrameCounterReservation(store, FrameCounterReservation.NetworkKeyName(config.NetworkKeySequence));
            _tap = new CaptureTap(lease.Radio, lease.Scheduler);
            Coordinator = new ZigbeeNode(_tap, lease.Scheduler, new ZigbeeNodeOptions
            {
                Role = NodeRole.Coordinator,
                Channel = (byte)config.Channel,
                PanId = config.PanId,
                ExtendedPanId = config.ExtendedPanId,
                NetworkKey = networkKey,
                NetworkKeySequenceNumber = config.NetworkKeySequence,
                TrustCenter = _policy,
                NextOutgoingFrameCounter = () => _frameCounters.Next(),
                NextNetworkKeyFrameCounter = NextNetworkCounter,
                NextLinkKeyFrameCounter = NextLinkCounter,
                // A device's proof that it holds the key (its Device_annce, or other secured traffic) can take a
                // while to cross a busy multi-hop mesh; refusing too early strands good devices.
                AuthenticationTimeout = TimeSpan.FromSeconds(30),
            });
            lease.Radio.FrameReceived += OnFrameReceived;
            Coordinator.DeviceJoined += OnDeviceJoined;
            Coordinator.DeviceLeft += OnDeviceLeft;
            Coordinator.FrameDropped += OnFrameDropped;
            Coordinator.AuthenticationFailed += OnAuthenticationFailed;
            StartApplication();
            StartKeys();
            StartAvailability(); // Gateway.Availability.cs
        }

        public string Name => Config.Name;

        public string StatePath => _folder.Path;

        public NetworkConfig Config { get; private set; }

        public NetworkStore Store { get; }

        public TraceLog Trace { get; }

        public ZigbeeNode Coordinator { get; }

        public IStackScheduler Scheduler => _lease.Scheduler;

        public IRadio Radio => _lease.Radio;

        /// <summary>Devices that joined since the last call (for Enable-ZsepJoin -Wait to stream).</summary>
        public Queue<ZsepNode> RecentJoins { get; } = new Queue<ZsepNode>();

        /// <summary>When permit joining closes, or null when it is closed.</summary>
        public DateTimeOffset? PermitJoinUntil => Coordinator.PermitJoining ? _permitJoinUntil : null;

        private DateTimeOffset _permitJoinUntil;

        /// <summary>Forms a new network: folder, config and store first, then the stack.</summary>
        public static Gateway Create(GatewayOptions options, IRadioProvider radios)
        {
            if (options.Channel is { } ch && (ch < NetworkConfig.MinChannel || ch > NetworkConfig.MaxChannel))
            {
                throw new ArgumentOutOfRangeException(nameof(options), $"Channel {ch} is not a 2.4 GHz Zigbee channel: use 11 to 26.");
            }

            int seed = options.Seed ?? Environment.TickCount;
            // The network's own choices (addresses, PAN ID) depend on its name too, so two networks formed with one
            // seed on one medium still differ.
            var random = new Random(seed ^ StableHash(options.Name));
            string path = options.StatePath ?? NetworkFolder.DefaultPath(options.Name);
            NetworkFolder folder = NetworkFolder.Create(path, options.Force);
            Eui64 coordinatorIeee = RandomEui64(random, 0x00124B0000000000UL);
            RadioLease lease;
            try
            {
                lease = radios.Open(options.Radio, coordinatorIeee, seed);
            }
            catch
            {
                NetworkFolder.Delete(path);
                throw;
            }

            byte channel = options.Channel ?? PickChannel(lease);
            ZigbeeKey networkKey = options.NetworkKey ?? RandomKey();
            var config = new NetworkConfig
            {
                Name = options.Name,
                Channel = channel,
                PanId = options.PanId ?? new PanId((ushort)random.Next(0x0001, 0xFFF7)),
                ExtendedPanId = options.ExtendedPanId ?? RandomEui64(random, 0),
                CoordinatorIeee = lease.Radio.ExtendedAddress,
                NetworkKeySequence = 0,
                Radio = options.Radio,
                Seed = seed,
            };
            config.Save(folder.ConfigPath);
            NetworkStore store = NetworkStore.Open(folder.StorePath, create: true);
            store.SaveNetworkKey(0, networkKey, lease.Scheduler.Now);
            var gateway = new Gateway(folder, config, store, lease, networkKey);
            gateway.Coordinator.Form();
            gateway.Trace.Info(TraceCodes.NwkFormed, config.CoordinatorIeee, $"channel {config.Channel} PAN {config.PanId} EPID {config.ExtendedPanId} radio {config.Radio}");
            return gateway;
        }

        /// <summary>Reopens a persisted network: the same PAN, keys, Trust Center table and nodes; frame counters resume above every value used.</summary>
        public static Gateway Open(string statePath, IRadioProvider radios)
        {
            NetworkFolder folder = NetworkFolder.Open(statePath);
            NetworkConfig config = NetworkConfig.Load(folder.ConfigPath);
            NetworkStore store = NetworkStore.Open(folder.StorePath);
            try
            {
                LoadClustersConfig(folder.Path); // a malformed clusters.conf stops here, before the radio is opened
                NetworkKeyRecord key = store.GetNetworkKey(config.NetworkKeySequence)
                    ?? throw new NetworkStateException(NetworkStateError.CorruptStore, folder.StorePath, "The store has no network key for the key sequence in nwk_config.json.");
                RadioLease lease = radios.Open(config.Radio, config.CoordinatorIeee, config.Seed ?? 0);
                var gateway = new Gateway(folder, config, store, lease, key.Key);
                gateway.Coordinator.Form();
                gateway.RestoreTopology();
                gateway.Trace.Info(TraceCodes.NwkResumed, config.CoordinatorIeee, $"reconnected: channel {config.Channel} PAN {config.PanId}");
                return gateway;
            }
            catch
            {
                store.Dispose();
                throw;
            }
        }

        /// <summary>The network as a record (never the key).</summary>
        public ZsepNetwork Describe(bool isDefault = false) => new ZsepNetwork
        {
            Name = Config.Name,
            Channel = (byte)Config.Channel,
            PanId = Config.PanId,
            ExtendedPanId = Config.ExtendedPanId,
            CoordinatorIeee = Config.CoordinatorIeee,
            NetworkKeySequence = Config.NetworkKeySequence,
            Radio = Config.Radio,
            State = _disposed ? GatewayState.Disconnected : GatewayState.Running,
            NodeCount = Store.GetNodes().Count,
            PermitJoinUntil = _disposed ? null : PermitJoinUntil,
            StatePath = StatePath,
            IsDefault = isDefault,
        };

        /// <summary>Opens joining on the coordinator and, by broadcast Mgmt_Permit_Joining_req, on every router.</summary>
        public void PermitJoin(byte seconds)
        {
            Coordinator.PermitJoin(seconds);
            _permitJoinUntil = Scheduler.Now + TimeSpan.FromSeconds(seconds);
            Trace.Info(TraceCodes.PermitJoin, $"{seconds} s");
        }

        /// <summary>Opens joining on one router only (its neighbourhood), leaving the rest of the network closed.</summary>
        public void PermitJoinThrough(Eui64 router, byte seconds)
        {
            NodeRecord node = Store.GetNode(router) ?? throw new ArgumentException($"{router} is not a node of {Name}.", nameof(router));
            if (node.DeviceType == LogicalType.EndDevice)
            {
                throw new ArgumentException($"{router} is an end device; only routers let devices join.", nameof(router));
            }

            Coordinator.PermitJoinThrough(node.NwkAddress, seconds);
            _permitJoinUntil = Scheduler.Now + TimeSpan.FromSeconds(seconds);
            Trace.Info(TraceCodes.PermitJoin, router, $"{seconds} s through {node.NwkAddress} only");
        }

        /// <summary>Closes joining on the coordinator and every router.</summary>
        public void DisableJoin()
        {
            Coordinator.PermitJoin(0);
            _permitJoinUntil = Scheduler.Now;
            Trace.Info(TraceCodes.PermitJoin, "closed");
        }

        /// <summary>
        /// A router that joins while the network is open does not know it is open (Mgmt_Permit_Joining_req reached
        /// only the routers there at the time), so the gateway repeats the broadcast with the time left, at most
        /// once every few seconds, and devices further out can join through the new router.
        /// </summary>
        private void RefreshPermitJoin()
        {
            if (_refreshPending || !Coordinator.PermitJoining)
            {
                return;
            }

            _refreshPending = true;
            Scheduler.Schedule(TimeSpan.FromSeconds(3), () =>
            {
                _refreshPending = false;
                double left = (_permitJoinUntil - Scheduler.Now).TotalSeconds;
                if (!_disposed && left >= 1)
                {
                    Coordinator.PermitJoin((byte)Math.Min(254, Math.Ceiling(left)));
                }
            });
        }

        private bool _refreshPending;

        /// <summary>
        /// Drives the loop until <paramref name="done"/> holds or <paramref name="limit"/> of network time passes.
        /// On the simulated medium this is virtual time, which passes as fast as the CPU allows; on a serial radio
        /// (<see cref="RealTimeScheduler"/>) it waits in real time, cancellable, and throws the radio's fault
        /// (RadioUnavailableException) when the port is gone.
        /// </summary>
        public bool RunUntil(Func<bool> done, TimeSpan limit, CancellationToken cancellationToken = default) =>
            Scheduler is ILoopDriver loop
                ? loop.RunUntil(done, limit, cancellationToken)
                : throw new NotSupportedException($"The scheduler {Scheduler.GetType().Name} cannot be driven by the gateway.");

        public void RunFor(TimeSpan duration, CancellationToken cancellationToken = default) => RunUntil(() => false, duration, cancellationToken);

        private static byte PickChannel(RadioLease lease)
        {
            uint mask = PreferredChannels.Aggregate(0u, (m, c) => m | (1u << c));
            IReadOnlyList<ChannelEnergy>? result = null;
            lease.Radio.EnergyScan(mask, TimeSpan.FromMilliseconds(138), r => result = r);
            if (lease.Scheduler is ILoopDriver loop)
            {
                loop.RunUntil(() => result is not null, TimeSpan.FromSeconds(5));
            }

            if (result is null || result.Count == 0)
            {
                return PreferredChannels[0];
            }

            // Quietest first; on a tie prefer 25, then 20, 15, 11 (less Wi-Fi overlap at the top of the band).
            return result.OrderBy(e => e.MaxRssi).ThenByDescending(e => e.Channel).First().Channel;
        }

        /// <summary>FNV-1a of the name: string.GetHashCode differs between processes.</summary>
        private static int StableHash(string text)
        {
            uint h = 2166136261;
            foreach (char c in text)
            {
                h = (h ^ c) * 16777619;
            }

            return unchecked((int)h);
        }

        private static Eui64 RandomEui64(Random random, ulong prefix)
        {
            byte[] b = new byte[8];
            random.NextBytes(b);
            ulong v = BitConverter.ToUInt64(b, 0);
            return new Eui64(prefix == 0 ? v : (prefix & 0xFFFFFF0000000000UL) | (v & 0x000000FFFFFFFFFFUL));
        }

        private static ZigbeeKey RandomKey()
        {
            // The network key comes from the OS's cryptographic generator, never the seeded one: a seed is not a secret.
            byte[] k = new byte[ZigbeeKey.Length];
            using (var rng = System.Security.Cryptography.RandomNumberGenerator.Create())
            {
                rng.GetBytes(k);
            }

            var key = new ZigbeeKey(k);
            Array.Clear(k, 0, k.Length);
            return key;
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            StopBackgroundLoop();
            _lease.Radio.FrameReceived -= OnFrameReceived;
            StopCapture();
            StopApplication();
            Coordinator.Dispose();
            _tap.Dispose();
            _lease.Radio.Dispose();
            Store.Dispose();
        }
    }
}
