using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Mac;
using Zsep.Stack.Radio;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// The stateful Zigbee PRO stack of one device, as coordinator + Trust Center, router or end device, over one
    /// <see cref="IRadio"/> and one <see cref="IStackScheduler"/> (all code runs on the scheduler's loop: no locks).
    /// Every byte goes through the codecs (MacFrame, NwkHeader/NwkCommand, ApsHeader/ApsCommand, ZdoMessage,
    /// ZigbeeSecurity). The layers are parts of this class, one file per concern: MacLayer, NwkLayer.*, ApsLayer,
    /// TrustCenter, ZdoServer.
    /// </summary>
    public sealed partial class ZigbeeNode : IDisposable
    {
        private readonly IRadio _radio;
        private readonly IStackScheduler _scheduler;
        private ZigbeeNodeOptions _options;
        private readonly Func<uint> _nextFrameCounter;
        private uint _localFrameCounter;
        private readonly List<IScheduledItem> _periodic = new List<IScheduledItem>();

        private ZigbeeKey? _networkKey;
        private byte _networkKeySequence;
        private Eui64 _trustCenterAddress;
        private ushort _nwkAddress = 0xFFFF;
        private ushort _parentAddress = 0xFFFF;
        private PanId _panId = PanId.Broadcast;
        private byte _channel;
        private Eui64 _extendedPanId;
        private byte _depth;
        private DateTimeOffset _permitJoinUntil;
        private bool _disposed;

        public ZigbeeNode(IRadio radio, IStackScheduler scheduler, ZigbeeNodeOptions options)
        {
            _radio = radio ?? throw new ArgumentNullException(nameof(radio));
            _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (options.Role == NodeRole.Coordinator && (options.TrustCenter is null || options.NetworkKey is null))
            {
                throw new ArgumentException("A coordinator needs a Trust Center policy and a network key.", nameof(options));
            }

            _nextFrameCounter = options.NextOutgoingFrameCounter ?? (() => _localFrameCounter++);
            _channel = options.Channel;
            Ieee = radio.ExtendedAddress;
            _radio.FrameReceived += OnRadioFrame;
        }

        public NodeRole Role => _options.Role;

        public NodeState State { get; private set; } = NodeState.Idle;

        /// <summary>This node's IEEE address (its radio's).</summary>
        public Eui64 Ieee { get; }

        /// <summary>nwkNetworkAddress; 0xFFFF until joined.</summary>
        public NwkAddress NwkAddress => new NwkAddress(_nwkAddress);

        /// <summary>The parent's NWK address (routers and end devices), 0xFFFF otherwise.</summary>
        public NwkAddress ParentAddress => new NwkAddress(_parentAddress);

        public PanId PanId => _panId;

        public byte Channel => _channel;

        public Eui64 ExtendedPanId => _extendedPanId;

        /// <summary>nwkDepth-like: 0 for the coordinator, the parent's depth + 1 otherwise (the hop count of a tree join).</summary>
        public byte Depth => _depth;

        /// <summary>The Trust Center's IEEE address once joined.</summary>
        public Eui64 TrustCenterAddress => _trustCenterAddress;

        /// <summary>Whether this node accepts associations now (its beacons' association-permit bit).</summary>
        public bool PermitJoining => _scheduler.Now < _permitJoinUntil;

        public NodeCounters Counters { get; } = new NodeCounters();

        /// <summary>The network key, for the gateway's backup and for tests; never traced.</summary>
        internal ZigbeeKey? NetworkKey => _networkKey;

        /// <summary>Raised on the Trust Center when an admitted device announces itself.</summary>
        public event EventHandler<DeviceJoinedEventArgs>? DeviceJoined;

        public event EventHandler<DeviceLeftEventArgs>? DeviceLeft;

        /// <summary>Raised on the Trust Center when it refuses a device (ERR_AUTH_SEC_FAIL).</summary>
        public event EventHandler<AuthenticationFailedEventArgs>? AuthenticationFailed;

        public event EventHandler<FrameDroppedEventArgs>? FrameDropped;

        public event EventHandler<ApsDataIndicationEventArgs>? DataReceived;

        /// <summary>Raised whenever <see cref="State"/> changes.</summary>
        public event EventHandler<NodeState>? StateChanged;

        /// <summary>The neighbor table (05-3474 3.6.1.5), children included.</summary>
        public IReadOnlyList<NeighborInfo> Neighbors =>
            _neighbors.Values.OrderBy(n => n.Address).Select(n => n.ToInfo(_scheduler.Now)).ToList();

        /// <summary>The routing table (05-3474 3.6.3.1).</summary>
        public IReadOnlyList<RouteInfo> Routes =>
            _routes.Values.OrderBy(r => r.Destination.Value).ToList();

        /// <summary>The children of this router or coordinator.</summary>
        public IReadOnlyList<ChildInfo> Children => _children.Values.OrderBy(c => c.Address).Select(c => c.ToInfo()).ToList();

        /// <summary>
        /// Forms the network (NLME-NETWORK-FORMATION, 05-3474 3.6.1.1): coordinator only. Applies channel, PAN ID and
        /// address 0x0000 to the radio, takes the network key, and starts link status and many-to-one route requests.
        /// </summary>
        public void Form()
        {
            if (Role != NodeRole.Coordinator)
            {
                throw new InvalidOperationException("Only a coordinator forms a network.");
            }

            _panId = _options.PanId;
            _extendedPanId = _options.ExtendedPanId;
            _nwkAddress = 0x0000;
            _depth = 0;
            _networkKey = _options.NetworkKey;
            _networkKeySequence = _options.NetworkKeySequenceNumber;
            _trustCenterAddress = Ieee;
            _radio.Configure(new RadioConfiguration
            {
                Channel = _channel,
                PanId = _panId,
                ShortAddress = 0x0000,
                RxOnWhenIdle = true,
                PanCoordinator = true,
            });
            SetState(NodeState.Joined);
            StartRouterTimers();
            StartConcentrator();
        }

        /// <summary>
        /// Opens joining for <paramref name="seconds"/> (0 closes): sets this node's own association-permit flag and
        /// broadcasts Mgmt_Permit_Joining_req to all routers (05-3474 2.4.3.3.7).
        /// </summary>
        public void PermitJoin(byte seconds)
        {
            RequireJoined();
            if (Role == NodeRole.EndDevice)
            {
                throw new InvalidOperationException("An end device has no children.");
            }

            OpenPermitJoin(seconds);
            SendMgmtPermitJoining(seconds);
        }

        /// <summary>Stops every timer and detaches from the radio (the node goes silent, as if switched off).</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _radio.FrameReceived -= OnRadioFrame;
            foreach (IScheduledItem item in _periodic)
            {
                item.Cancel();
            }

            _authTimer?.Cancel();
            _pollTimer?.Cancel();
            _joinRetryTimer?.Cancel();
            SetState(NodeState.Left);
        }

        private void OpenPermitJoin(byte seconds) =>
            _permitJoinUntil = seconds == 0 ? DateTimeOffset.MinValue : _scheduler.Now + TimeSpan.FromSeconds(seconds);

        private void RequireJoined()
        {
            if (State != NodeState.Joined)
            {
                throw new InvalidOperationException($"The node is {State}, not Joined.");
            }
        }

        private void SetState(NodeState state)
        {
            if (State == state)
            {
                return;
            }

            State = state;
            if (state == NodeState.Joined)
            {
                StartSilenceWatch();
            }

            StateChanged?.Invoke(this, state);
        }

        private void Drop(string reason) => FrameDropped?.Invoke(this, new FrameDroppedEventArgs(reason));

        /// <summary>The next NWK outgoing frame counter under the network key with <paramref name="keySequence"/>.</summary>
        private uint NextNetworkFrameCounter(byte keySequence) =>
            _options.NextNetworkKeyFrameCounter is { } perKey ? perKey(keySequence) : _nextFrameCounter();

        /// <summary>The next APS outgoing frame counter (link keys, key-transport keys).</summary>
        private uint NextLinkFrameCounter() =>
            _options.NextLinkKeyFrameCounter is { } aps ? aps() : _nextFrameCounter();

        private void SchedulePeriodic(TimeSpan period, TimeSpan firstJitterMax, Action action)
        {
            TimeSpan first = period + TimeSpan.FromMilliseconds(_scheduler.Random.NextDouble() * firstJitterMax.TotalMilliseconds);
            IScheduledItem? item = null;
            void Run()
            {
                _periodic.Remove(item!);
                if (_disposed)
                {
                    return;
                }

                action();
                item = _scheduler.Schedule(period, Run);
                _periodic.Add(item);
            }

            item = _scheduler.Schedule(first, Run);
            _periodic.Add(item);
        }

        public override string ToString() => $"{Role} {Ieee} {NwkAddress} {State}";
    }
}
