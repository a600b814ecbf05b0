using System;
using Zsep.Stack.Node;
using Zsep.Stack.State;

namespace Zsep.Simulation.Devices
{
    /// <summary>
    /// A simulated device's non-volatile memory, kept in its network's store (issue 3 s.5: a simulated network survives
    /// a restart): the joined stack state (<see cref="NodeStackState"/>), written when it joins, switches network key
    /// or leaves, and its outgoing frame counter, reserved ahead in blocks like the gateway's
    /// (<see cref="FrameCounterReservation"/>), so a device resumed after a kill never reuses a counter. A device whose
    /// store is gone (its network removed with -KeepSimulatedDevices) carries on from memory.
    /// </summary>
    public sealed partial class SimulatedDevice
    {
        /// <summary>Counters reserved per store commit.</summary>
        public const uint FrameCounterBlock = 1024;

        private NetworkStore? _store;
        private long _nextCounter;
        private long _counterLimit;
        private bool _stackSaved;

        /// <summary>The store the device keeps its state in, or null.</summary>
        public NetworkStore? Store => _store;

        /// <summary>
        /// Keeps this device's state in <paramref name="store"/> from now on: its counter resumes above the store's
        /// reservation, and its joined state is written at once when it is joined.
        /// </summary>
        public void AttachStore(NetworkStore store)
        {
            DetachStore();
            _store = store ?? throw new ArgumentNullException(nameof(store));
            long stored = store.GetOutgoingFrameCounterLimit(NetworkStore.SimulatedDeviceCounterName(Ieee)) ?? 0;
            _nextCounter = Math.Max(_nextCounter, stored);
            _counterLimit = _nextCounter; // the next counter reserves a block first
            Node.StateChanged += OnStackStateChanged;
            Node.NetworkKeySwitched += OnNetworkKeySwitched;
            Node.ChannelChanged += OnChannelChanged;
            SaveStackState();
        }

        /// <summary>Stops writing to the store (the device keeps running from memory).</summary>
        public void DetachStore()
        {
            if (_store is null)
            {
                return;
            }

            Node.StateChanged -= OnStackStateChanged;
            Node.NetworkKeySwitched -= OnNetworkKeySwitched;
            Node.ChannelChanged -= OnChannelChanged;
            _store = null;
        }

        /// <summary>
        /// Resumes the joined state recorded in the attached store, without joining again. Returns false when there is
        /// none (the device joins as usual).
        /// </summary>
        public bool ResumeFromStore()
        {
            NodeStackState? state = Persist(s => s.GetSimulatedDeviceStack(Ieee));
            if (state is null || state.Role != Node.Role || state.ExtendedPanId != Spec.ExtendedPanId ||
                (Node.State != NodeState.Idle && Node.State != NodeState.Left))
            {
                return false;
            }

            Node.Resume(state);
            return true;
        }

        /// <summary>
        /// After resuming several devices: a parent router keeps its children across the restart (05-3474 3.6.1.5), so
        /// each resumed end device whose parent is among them is put back into that router's child table.
        /// </summary>
        public static void RestoreParentLinks(System.Collections.Generic.IEnumerable<SimulatedDevice> resumed)
        {
            var list = System.Linq.Enumerable.ToList(resumed);
            foreach (SimulatedDevice child in list)
            {
                if (child.Node.Role != NodeRole.EndDevice || child.Node.State != NodeState.Joined || child.Node.ParentAddress.Value == 0)
                {
                    continue;
                }

                foreach (SimulatedDevice parent in list)
                {
                    if (parent.Node.Role == NodeRole.Router && parent.Node.State == NodeState.Joined && parent.Node.NwkAddress == child.Node.ParentAddress)
                    {
                        parent.Node.RestoreChild(child.Ieee, child.Node.NwkAddress, rxOnWhenIdle: false, router: false);
                    }
                }
            }
        }

        private uint NextFrameCounter()
        {
            if (_store is not null && _nextCounter >= _counterLimit)
            {
                long wanted = Math.Min(_nextCounter + FrameCounterBlock, (long)FrameCounterReservation.MaxCounter + 1);
                _counterLimit = Persist(s => (long?)s.ReserveOutgoingFrameCounters(NetworkStore.SimulatedDeviceCounterName(Ieee), wanted)) ?? wanted;
            }

            return (uint)Math.Min(_nextCounter++, FrameCounterReservation.MaxCounter);
        }

        private void OnStackStateChanged(object? sender, NodeState state)
        {
            if (state == NodeState.Joined)
            {
                SaveStackState();
            }
            else if ((state == NodeState.Idle || state == NodeState.Left) && _stackSaved && !_disposed)
            {
                // It left the network (or was removed): after a restart it joins again.
                _stackSaved = false;
                Persist(s => (bool?)s.RemoveSimulatedDeviceStack(Ieee));
            }
        }

        private void OnNetworkKeySwitched(object? sender, NetworkKeySwitchedEventArgs e) => SaveStackState();

        private void OnChannelChanged(object? sender, ChannelChangedEventArgs e) => SaveStackState();

        private void SaveStackState()
        {
            if (Node.SaveStackState() is { } state)
            {
                Persist(s =>
                {
                    s.SaveSimulatedDeviceStack(Ieee, state, _host.Scheduler.Now);
                    _stackSaved = true;
                    return (bool?)true;
                });
            }
        }

        /// <summary>Runs a store call; a store that was closed under the device detaches it (it carries on in memory).</summary>
        private T? Persist<T>(Func<NetworkStore, T?> call)
        {
            NetworkStore? store = _store;
            if (store is null)
            {
                return default;
            }

            try
            {
                return call(store);
            }
            catch (Exception ex) when (ex is ObjectDisposedException || ex is NetworkStateException || ex is InvalidOperationException)
            {
                DetachStore();
                return default;
            }
        }
    }
}
