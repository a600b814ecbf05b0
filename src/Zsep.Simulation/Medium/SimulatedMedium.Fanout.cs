using System;
using System.Collections.Generic;

namespace Zsep.Simulation.Medium
{
    /// <summary>
    /// The fan-out of a frame: per sender, its neighbour list split into the radios that can receive its frames (at
    /// or above sensitivity) and the fringe that only sees their energy (energy scans, the below-sensitivity counter).
    /// The fringe is walked over dense per-radio arrays (receive state, counts) so that a frame does not touch the
    /// radios it cannot reach; only a scanning or sleepy one is asked directly.
    /// </summary>
    public sealed partial class SimulatedMedium
    {
        private byte[] _rxState = new byte[64];
        private long[] _belowSensitivity = new long[64];
        private int _slots;

        internal int AllocateSlot()
        {
            if (_slots == _rxState.Length)
            {
                Array.Resize(ref _rxState, _slots * 2);
                Array.Resize(ref _belowSensitivity, _slots * 2);
            }

            return _slots++;
        }

        internal void SetRxState(int slot, byte state) => _rxState[slot] = state;

        internal long BelowSensitivityCount(int slot) => _belowSensitivity[slot];

        /// <summary>
        /// The sender's fan-out at its current transmit power, built from its neighbour list (same order) when stale.
        /// Anything that changes the list (a radio created, moved, re-attenuated or removed, a link's attenuation, the
        /// sender's power) drops it.
        /// </summary>
        internal Fanout GetFanout(SimulatedRadio sender)
        {
            double txPower = sender.Configuration.TxPowerDbm;
            Fanout? f = sender.Fanout;
            if (f != null && f.TxPowerDbm == txPower)
            {
                return f;
            }

            List<Neighbor> neighbors = GetNeighbors(sender);
            double sensitivity = Options.SensitivityDbm;
            var receivers = new List<FanoutEntry>();
            var fringe = new List<FanoutEntry>();
            for (int i = 0; i < neighbors.Count; i++)
            {
                SimulatedRadio r = neighbors[i].Radio;
                double rssi = txPower - neighbors[i].PathLossDb;
                (rssi < sensitivity ? fringe : receivers).Add(new FanoutEntry(r, r.Slot, rssi));
            }

            f = new Fanout(txPower, receivers.ToArray(), fringe);
            sender.Fanout = f;
            return f;
        }

        /// <summary>
        /// A frame on <paramref name="channel"/> reaches the fringe: a radio scanning that channel notes its energy;
        /// one listening on it counts a frame below sensitivity (it neither receives nor is disturbed by it).
        /// </summary>
        private void ReachFringe(Fanout fanout, byte channel)
        {
            byte[] state = _rxState;
            long[] below = _belowSensitivity;
            int[] slots = fanout.FringeSlots;
            for (int i = 0; i < slots.Length; i++)
            {
                int slot = slots[i];
                byte s = state[slot];
#if DEBUG
                if (s != fanout.FringeRadios[i].ComputeRxState())
                {
                    throw new InvalidOperationException($"Stale receive state for radio {fanout.FringeRadios[i].DisplayName}.");
                }
#endif
                if (s == channel)
                {
                    below[slot]++;
                }
                else if (s == SimulatedRadio.RxStateSlow)
                {
                    SimulatedRadio r = fanout.FringeRadios[i];
                    if (r.Offline)
                    {
                        continue;
                    }

                    if (r.ScanChannel == channel)
                    {
                        r.NoteScanEnergy(fanout.FringeRssiDbm[i]);
                    }
                    else if (r.Configuration.Channel == channel && r.IsListening)
                    {
                        below[slot]++;
                    }
                }
            }
        }
    }

    /// <summary>A sender's neighbours split by what its frames do to them, at the transmit power it was built for.</summary>
    internal sealed class Fanout
    {
        public Fanout(double txPowerDbm, FanoutEntry[] receivers, List<FanoutEntry> fringe)
        {
            TxPowerDbm = txPowerDbm;
            Receivers = receivers;
            FringeSlots = new int[fringe.Count];
            FringeRadios = new SimulatedRadio[fringe.Count];
            FringeRssiDbm = new double[fringe.Count];
            for (int i = 0; i < fringe.Count; i++)
            {
                FringeSlots[i] = fringe[i].Slot;
                FringeRadios[i] = fringe[i].Radio;
                FringeRssiDbm[i] = fringe[i].RssiDbm;
            }
        }

        public double TxPowerDbm { get; }

        /// <summary>Radios that hear the sender at or above sensitivity, in neighbour-list order (the order receptions start in).</summary>
        public FanoutEntry[] Receivers { get; }

        // Radios that hear it below sensitivity, down to sensitivity - fringe: the slots alone are read for most frames.
        public int[] FringeSlots { get; }

        public SimulatedRadio[] FringeRadios { get; }

        public double[] FringeRssiDbm { get; }
    }

    /// <summary>A radio in a fan-out, with its dense slot and the RSSI of the sender's frames there.</summary>
    internal readonly struct FanoutEntry
    {
        public FanoutEntry(SimulatedRadio radio, int slot, double rssiDbm)
        {
            Radio = radio;
            Slot = slot;
            RssiDbm = rssiDbm;
        }

        public SimulatedRadio Radio { get; }

        public int Slot { get; }

        public double RssiDbm { get; }
    }
}
