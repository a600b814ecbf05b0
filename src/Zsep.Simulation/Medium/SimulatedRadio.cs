using System;
using System.Collections.Generic;
using Zsep.Stack.Mac;
using Zsep.Stack.Radio;
using Zsep.Stack.Types;

namespace Zsep.Simulation.Medium
{
    /// <summary>
    /// A radio on a <see cref="SimulatedMedium"/>, behind the stack's <see cref="IRadio"/> seam: it does what an RCP's
    /// firmware does (CSMA-CA, acks and retries, auto-ack with frame pending from its source-match table, PAN and
    /// address filtering, energy scan). Create it with <see cref="SimulatedMedium.CreateRadio"/>.
    /// </summary>
    public sealed partial class SimulatedRadio : IRadio
    {
        private readonly HashSet<MacAddress> _sourceMatch = new HashSet<MacAddress>();
        private RadioConfiguration _configuration = new RadioConfiguration();
        private Position _position;
        private double _extraAttenuationDb;
        private bool _offline;
        private bool _removed;
        private List<Neighbor>? _neighbors;

        internal SimulatedRadio(SimulatedMedium medium, string name, Eui64 ieee, Position position)
        {
            Medium = medium;
            DisplayName = string.IsNullOrEmpty(name) ? ieee.ToCompactString() : name;
            ExtendedAddress = ieee;
            Name = "sim://" + medium.Name + "/" + ieee.ToCompactString();
            _position = position;
            _onBackoffDone = OnBackoffDone;
            _onGoOnAir = GoOnAir;
            _onAckTimeout = OnAckTimeout;
            _onSendAck = SendAck;
            Slot = medium.AllocateSlot();
            Counters = new RadioCounters(medium, Slot);
            UpdateRxState();
        }

        /// <summary>"sim://medium/EUI64".</summary>
        public string Name { get; }

        /// <summary>The name given at creation (a device label), for traces.</summary>
        public string DisplayName { get; }

        public Eui64 ExtendedAddress { get; }

        public SimulatedMedium Medium { get; }

        public RadioCounters Counters { get; }

        public event Action<RadioFrame>? FrameReceived;

        public RadioConfiguration Configuration => _configuration;

        /// <summary>Where the radio is, in metres. Moving it re-computes its links.</summary>
        public Position Position
        {
            get => _position;
            set
            {
                if (_position != value)
                {
                    _position = value;
                    if (!IsRemoved)
                    {
                        Medium.OnRadioGeometryChanged(this);
                    }
                }
            }
        }

        /// <summary>Extra loss in dB on every link of this radio (a meter in a basement or a metal cabinet).</summary>
        public double ExtraAttenuationDb
        {
            get => _extraAttenuationDb;
            set
            {
                if (_extraAttenuationDb != value)
                {
                    _extraAttenuationDb = value;
                    if (!IsRemoved)
                    {
                        Medium.OnRadioGeometryChanged(this);
                    }
                }
            }
        }

        /// <summary>
        /// An offline radio neither sends nor receives (power cut, a router that vanished): going offline aborts its
        /// frame on the air and completes every pending transmission with Aborted; Transmit completes Aborted.
        /// </summary>
        public bool Offline
        {
            get => _offline || IsRemoved;
            set
            {
                if (IsRemoved || _offline == value)
                {
                    return;
                }

                if (value)
                {
                    GoOffline();
                }
                else
                {
                    _offline = false;
                    UpdateRxState();
                }
            }
        }

        internal bool IsRemoved
        {
            get => _removed;
            set
            {
                _removed = value;
                UpdateRxState();
            }
        }

        /// <summary>
        /// Cached receivers this radio reaches down to sensitivity - fringe (the medium owns it; null when it must be
        /// rebuilt). Setting it drops <see cref="Fanout"/>, derived from it.
        /// </summary>
        internal List<Neighbor>? Neighbors
        {
            get => _neighbors;
            set
            {
                _neighbors = value;
                Fanout = null;
            }
        }

        /// <summary><see cref="Neighbors"/> split by what a frame of this radio does to each (null when stale).</summary>
        internal Fanout? Fanout { get; set; }

        /// <summary>This radio's index in the medium's dense per-radio arrays (receive state, fringe counts); never reused.</summary>
        internal int Slot { get; }

        /// <summary>Frames this radio is receiving now.</summary>
        internal List<Reception> ActiveReceptions { get; } = new List<Reception>();

        public void Configure(RadioConfiguration configuration)
        {
            if (configuration is null)
            {
                throw new ArgumentNullException(nameof(configuration));
            }

            if (configuration.Channel < 11 || configuration.Channel > 26)
            {
                throw new ArgumentOutOfRangeException(nameof(configuration), configuration.Channel, "The 2.4 GHz channels are 11 to 26.");
            }

            RadioConfiguration old = _configuration;
            _configuration = configuration;
            UpdateRxState();
            if (old.Channel != configuration.Channel)
            {
                AbortReceptions();
            }

            if (old.TxPowerDbm != configuration.TxPowerDbm)
            {
                Neighbors = null;
            }
        }

        public void SetFramePending(MacAddress device, bool pending)
        {
            if (pending)
            {
                _sourceMatch.Add(device);
            }
            else
            {
                _sourceMatch.Remove(device);
            }
        }

        /// <summary>Whether the source-match table holds <paramref name="device"/>.</summary>
        public bool IsFramePending(MacAddress device) => _sourceMatch.Contains(device);

        /// <summary>Takes the radio off the medium for good.</summary>
        public void Dispose() => Medium.RemoveRadio(this);

        public override string ToString() => $"{DisplayName} ({Name}) at {_position}";

        internal void GoOffline()
        {
            if (_offline)
            {
                return;
            }

            _offline = true;
            AbortReceptions();
            AbortTransmissions();
            AbortScan();
            UpdateRxState();
        }

        /// <summary>
        /// What a frame on the air does to this radio, as the medium's fan-out reads it without touching the radio:
        /// <see cref="RxStateSlow"/> when that depends on the moment (scanning, or a sleepy receiver's windows: the
        /// medium then asks the radio), <see cref="RxStateDeaf"/> when it hears nothing (offline or sending), else the
        /// channel it listens on (an RxOnWhenIdle radio, not scanning, not sending).
        /// </summary>
        internal byte ComputeRxState()
        {
            if (ScanChannel != 0 || !_configuration.RxOnWhenIdle)
            {
                return RxStateSlow;
            }

            return Offline || IsTransmitting ? RxStateDeaf : _configuration.Channel;
        }

        /// <summary>Called after every change to what <see cref="ComputeRxState"/> reads.</summary>
        private void UpdateRxState() => Medium.SetRxState(Slot, ComputeRxState());


        internal const byte RxStateDeaf = 0;
        internal const byte RxStateSlow = 0xFF;

        /// <summary>Half duplex, a channel change or going offline: frames being received are lost.</summary>
        internal void AbortReceptions()
        {
            foreach (Reception rx in ActiveReceptions)
            {
                rx.State = ReceptionState.Aborted;
            }

            ActiveReceptions.Clear();
        }
    }
}
