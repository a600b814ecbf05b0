using System;
using System.Collections.Generic;

namespace Zsep.Simulation.Medium
{
    /// <summary>The air: frames on each channel, who receives them, collisions and capture, energy.</summary>
    public sealed partial class SimulatedMedium
    {
        private readonly List<Transmission>[] _onAir = new List<Transmission>[32];
        private readonly Stack<Transmission> _transmissionPool = new Stack<Transmission>();
        private readonly Stack<Reception> _receptionPool = new Stack<Reception>();

        /// <summary>Frames on the air right now on a channel.</summary>
        public int FramesOnAir(byte channel) => channel < _onAir.Length ? _onAir[channel].Count : 0;

        /// <summary>
        /// The energy a radio measures on a channel now, in dBm: the largest of the noise floor, the channel's
        /// background interference and every other radio's transmission on it (CCA mode 1, energy detection).
        /// </summary>
        public double EnergyAt(SimulatedRadio radio, byte channel)
        {
            double max = Math.Max(Options.NoiseFloorDbm, GetChannelInterference(channel));
            if (channel >= _onAir.Length)
            {
                return max;
            }

            List<Transmission> air = _onAir[channel];
            for (int i = 0; i < air.Count; i++)
            {
                Transmission t = air[i];
                if (t.Sender != radio)
                {
                    double rssi = t.TxPowerDbm - PathLossDb(t.Sender, radio);
                    if (rssi > max)
                    {
                        max = rssi;
                    }
                }
            }

            return max;
        }

        /// <summary>
        /// Clear channel assessment for <paramref name="radio"/> on <paramref name="channel"/> now, in the medium's
        /// <see cref="MediumOptions.CcaMode"/> (IEEE 802.15.4-2006 6.9.9): carrier sense detects any frame heard at or
        /// above sensitivity; energy detection compares the strongest energy with <see cref="MediumOptions.CcaThresholdDbm"/>.
        /// </summary>
        public bool IsChannelBusy(SimulatedRadio radio, byte channel)
        {
            CcaMode mode = Options.CcaMode;
            bool energy = mode != CcaMode.CarrierSense;
            bool carrier = mode != CcaMode.Energy;
            if (energy && Math.Max(Options.NoiseFloorDbm, GetChannelInterference(channel)) >= Options.CcaThresholdDbm)
            {
                return true;
            }

            if (channel >= _onAir.Length)
            {
                return false;
            }

            double threshold = !carrier ? Options.CcaThresholdDbm
                : energy ? Math.Min(Options.SensitivityDbm, Options.CcaThresholdDbm)
                : Options.SensitivityDbm;
            List<Transmission> air = _onAir[channel];
            for (int i = 0; i < air.Count; i++)
            {
                Transmission t = air[i];
                if (t.Sender != radio && t.TxPowerDbm - PathLossDb(t.Sender, radio) >= threshold)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Puts a frame on the air now. Every radio that hears the sender at or above sensitivity and is on the channel
        /// and listening starts receiving it (in neighbour-list order); the fringe below sensitivity only counts it or
        /// notes its energy (<see cref="ReachFringe"/>); a radio already receiving another frame keeps the stronger one when it is
        /// <see cref="MediumOptions.CaptureThresholdDb"/> stronger, else loses both. Signals below sensitivity do not
        /// interfere (a simplification).
        /// </summary>
        internal Transmission StartTransmission(SimulatedRadio sender, byte channel, byte[] psduWithFcs, in FrameHeader header, bool isAck)
        {
            Transmission t = _transmissionPool.Count > 0 ? _transmissionPool.Pop() : new Transmission(this);
            t.Sender = sender;
            t.Channel = channel;
            t.Psdu = psduWithFcs;
            t.Header = header;
            t.IsAck = isAck;
            t.TxPowerDbm = sender.Configuration.TxPowerDbm;
            t.Start = Scheduler.Now;
            TimeSpan airtime = PhyTiming.Airtime(psduWithFcs.Length);

            // Half duplex: whatever the sender was receiving is lost.
            sender.AbortReceptions();
            _onAir[channel].Add(t);

            double capture = Options.CaptureThresholdDb;
            Fanout fanout = GetFanout(sender);
            FanoutEntry[] receivers = fanout.Receivers;
            byte[] state = _rxState;
            for (int i = 0; i < receivers.Length; i++)
            {
                SimulatedRadio r = receivers[i].Radio;
                double rssi = receivers[i].RssiDbm;
                byte s = state[receivers[i].Slot];
#if DEBUG
                if (s != r.ComputeRxState())
                {
                    throw new InvalidOperationException($"Stale receive state for radio {r.DisplayName}.");
                }
#endif
                if (s != channel)
                {
                    // Deaf, on another channel, or asked directly: scanning, or a sleepy receiver's windows.
                    if (s != SimulatedRadio.RxStateSlow || r.Offline)
                    {
                        continue;
                    }

                    if (r.ScanChannel == channel)
                    {
                        r.NoteScanEnergy(rssi);
                        continue;
                    }

                    if (r.Configuration.Channel != channel || !r.IsListening)
                    {
                        continue;
                    }
                }

                Reception rx = _receptionPool.Count > 0 ? _receptionPool.Pop() : new Reception();
                rx.Transmission = t;
                rx.Receiver = r;
                rx.RssiDbm = rssi;
                rx.State = ReceptionState.Ok;
                List<Reception> current = r.ActiveReceptions;
                for (int j = 0; j < current.Count; j++)
                {
                    Reception other = current[j];
                    if (other.RssiDbm >= rssi + capture)
                    {
                        MarkCollided(rx);
                    }
                    else if (rssi >= other.RssiDbm + capture)
                    {
                        MarkCollided(other);
                    }
                    else
                    {
                        MarkCollided(rx);
                        MarkCollided(other);
                    }
                }

                current.Add(rx);
                t.Receptions.Add(rx);
            }

            ReachFringe(fanout, channel);
            t.EndItem = Scheduler.Schedule(airtime, t.EndAction);
            Action<FrameOnAir>? onAir = FrameOnAir;
            if (onAir != null)
            {
                onAir(new FrameOnAir(channel, psduWithFcs, sender, t.Start, airtime, isAck));
            }

            return t;
        }

        private static void MarkCollided(Reception rx)
        {
            if (rx.State == ReceptionState.Ok)
            {
                rx.State = ReceptionState.Collided;
            }
        }

        /// <summary>The frame's last symbol went out: receptions end (all of them before any is handled), then the sender.</summary>
        internal void EndTransmission(Transmission t)
        {
            _onAir[t.Channel].Remove(t);
            t.EndItem = null;
            SimulatedRadio sender = t.Sender;
            sender.ClearOnAir(t);
            List<Reception> receptions = t.Receptions;
            for (int i = 0; i < receptions.Count; i++)
            {
                receptions[i].Receiver.ActiveReceptions.Remove(receptions[i]);
            }

            for (int i = 0; i < receptions.Count; i++)
            {
                Reception rx = receptions[i];
                rx.Receiver.CompleteReception(t, rx.RssiDbm, rx.State);
            }

            bool isAck = t.IsAck;
            Recycle(t);
            sender.OnTransmissionEnded(isAck);
        }

        /// <summary>The sender went offline mid-frame: the frame is cut short and nobody receives it.</summary>
        internal void AbortTransmission(Transmission t)
        {
            t.EndItem?.Cancel();
            _onAir[t.Channel].Remove(t);
            foreach (Reception rx in t.Receptions)
            {
                rx.Receiver.ActiveReceptions.Remove(rx);
            }

            Recycle(t);
        }

        private void Recycle(Transmission t)
        {
            foreach (Reception rx in t.Receptions)
            {
                rx.Transmission = null!;
                rx.Receiver = null!;
                _receptionPool.Push(rx);
            }

            t.Receptions.Clear();
            t.Sender = null!;
            t.Psdu = Array.Empty<byte>();
            t.Delivered = null;
            t.EndItem = null;
            _transmissionPool.Push(t);
        }
    }
}
