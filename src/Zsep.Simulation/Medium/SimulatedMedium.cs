using System;
using System.Collections.Generic;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;

namespace Zsep.Simulation.Medium
{
    /// <summary>
    /// A simulated IEEE 802.15.4 2.4 GHz medium (issue 3 §2): radios at positions, log-distance path loss with
    /// optional walls and shadowing, RSSI/LQI, a loss draw per frame, collisions with capture, CSMA-CA, MAC acks and
    /// retries done by the radios like an RCP's firmware. Everything runs on the given scheduler's loop and draws from
    /// its Random, so a run is deterministic for a seed on a <see cref="VirtualScheduler"/>. Not thread-safe: call it
    /// from the loop (or while the loop is not running).
    /// </summary>
    public sealed partial class SimulatedMedium
    {
        private readonly List<SimulatedRadio> _radios = new List<SimulatedRadio>();
        private readonly Dictionary<ulong, SimulatedRadio> _byIeee = new Dictionary<ulong, SimulatedRadio>();
        private readonly Dictionary<(ulong, ulong), double> _linkAttenuation = new Dictionary<(ulong, ulong), double>();
        private readonly double[] _interferenceDbm = new double[32];

        public SimulatedMedium(IStackScheduler scheduler, MediumOptions? options = null)
        {
            Scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
            Options = options ?? MediumOptions.Default;
            Propagation = new Propagation(Options);
            for (int i = 0; i < _interferenceDbm.Length; i++)
            {
                _interferenceDbm[i] = double.NegativeInfinity;
            }

            for (int i = 0; i < _onAir.Length; i++)
            {
                _onAir[i] = new List<Transmission>();
            }
        }

        public IStackScheduler Scheduler { get; }

        public MediumOptions Options { get; }

        public Propagation Propagation { get; }

        public string Name => Options.Name;

        /// <summary>The radios on the medium, in the order they were created.</summary>
        public IReadOnlyList<SimulatedRadio> Radios => _radios;

        /// <summary>Every frame (acks included) as it goes on the air. Runs on the loop; keep handlers short.</summary>
        public event Action<FrameOnAir>? FrameOnAir;

        /// <summary>Creates a radio at <paramref name="position"/>; its IEEE address must be unique on the medium.</summary>
        public SimulatedRadio CreateRadio(string name, Eui64 ieee, Position position)
        {
            if (_byIeee.ContainsKey(ieee.Value))
            {
                throw new ArgumentException($"A radio with IEEE address {ieee} is already on medium '{Name}'.", nameof(ieee));
            }

            var radio = new SimulatedRadio(this, name, ieee, position);
            _radios.Add(radio);
            _byIeee.Add(ieee.Value, radio);
            foreach (SimulatedRadio other in _radios)
            {
                if (other != radio && other.Neighbors is List<Neighbor> list)
                {
                    AddIfInRange(other, list, radio);
                }
            }

            return radio;
        }

        /// <summary>The radio with this IEEE address, or null.</summary>
        public SimulatedRadio? FindRadio(Eui64 ieee) => _byIeee.TryGetValue(ieee.Value, out SimulatedRadio? r) ? r : null;

        /// <summary>Takes a radio off the medium for good (what <see cref="SimulatedRadio.Dispose"/> does).</summary>
        public void RemoveRadio(SimulatedRadio radio)
        {
            if (radio is null || radio.Medium != this || radio.IsRemoved)
            {
                return;
            }

            radio.GoOffline();
            radio.IsRemoved = true;
            _radios.Remove(radio);
            _byIeee.Remove(radio.ExtendedAddress.Value);
            foreach (SimulatedRadio other in _radios)
            {
                RemoveNeighbor(other, radio);
            }
        }

        /// <summary>
        /// Extra attenuation in dB on the link between two radios, both ways (walls, floors, a basement); 0 removes it.
        /// </summary>
        public void SetLinkAttenuation(SimulatedRadio a, SimulatedRadio b, double attenuationDb)
        {
            CheckOwn(a);
            CheckOwn(b);
            var key = Key(a, b);
            if (attenuationDb == 0)
            {
                _linkAttenuation.Remove(key);
            }
            else
            {
                _linkAttenuation[key] = attenuationDb;
            }

            // Only a's and b's own lists hold this link; each is rebuilt the next time its radio sends.
            a.Neighbors = null;
            b.Neighbors = null;
        }

        /// <summary>The extra attenuation set on a link (0 when none).</summary>
        public double GetLinkAttenuation(SimulatedRadio a, SimulatedRadio b) =>
            _linkAttenuation.TryGetValue(Key(a, b), out double db) ? db : 0;

        /// <summary>
        /// Background energy on a channel (Wi-Fi overlap, a microwave oven) in dBm, seen by every radio: it raises
        /// energy-scan results and makes CCA busy when it reaches the CCA threshold. It does not corrupt frames.
        /// Null or -infinity removes it.
        /// </summary>
        public void SetChannelInterference(byte channel, double? dbm)
        {
            if (channel >= _interferenceDbm.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(channel), channel, "Channel must be below 32.");
            }

            _interferenceDbm[channel] = dbm ?? double.NegativeInfinity;
        }

        /// <summary>The background interference on a channel (-infinity when none).</summary>
        public double GetChannelInterference(byte channel) =>
            channel < _interferenceDbm.Length ? _interferenceDbm[channel] : double.NegativeInfinity;

        /// <summary>
        /// The link from <paramref name="from"/> to <paramref name="to"/> at <paramref name="from"/>'s transmit power:
        /// RSSI, LQI and the chance a lone frame arrives. Ignores on/offline and channels.
        /// </summary>
        public LinkQuality Link(SimulatedRadio from, SimulatedRadio to)
        {
            CheckOwn(from);
            CheckOwn(to);
            double pl = PathLossDb(from, to);
            double rssi = from.Configuration.TxPowerDbm - pl;
            return new LinkQuality(pl, rssi, Propagation.Lqi(rssi), Propagation.SuccessProbability(rssi - Options.SensitivityDbm));
        }

        /// <summary>Total path loss between two radios: distance, link and radio attenuation, shadowing (symmetric).</summary>
        public double PathLossDb(SimulatedRadio a, SimulatedRadio b)
        {
            double pl = Propagation.PathLossDb(Position.Distance(a.Position, b.Position)) + a.ExtraAttenuationDb + b.ExtraAttenuationDb;
            if (_linkAttenuation.Count != 0 && _linkAttenuation.TryGetValue(Key(a, b), out double walls))
            {
                pl += walls;
            }

            return pl + Propagation.ShadowingDb(a.ExtendedAddress.Value, b.ExtendedAddress.Value);
        }

        // ---- neighbour cache: per sender, the radios it can reach down to sensitivity - fringe, with the path loss ----

        internal List<Neighbor> GetNeighbors(SimulatedRadio sender)
        {
            if (sender.Neighbors is List<Neighbor> cached)
            {
                return cached;
            }

            var list = new List<Neighbor>();
            foreach (SimulatedRadio other in _radios)
            {
                if (other != sender)
                {
                    AddIfInRange(sender, list, other);
                }
            }

            sender.Neighbors = list;
            return list;
        }

        /// <summary>A radio moved or its own attenuation changed: its list is rebuilt, and it is re-placed in the others'.</summary>
        internal void OnRadioGeometryChanged(SimulatedRadio radio)
        {
            radio.Neighbors = null;
            foreach (SimulatedRadio other in _radios)
            {
                if (other != radio && other.Neighbors is List<Neighbor> list)
                {
                    RemoveNeighbor(other, radio);
                    AddIfInRange(other, list, radio);
                }
            }
        }

        private void AddIfInRange(SimulatedRadio sender, List<Neighbor> list, SimulatedRadio receiver)
        {
            double pl = PathLossDb(sender, receiver);
            if (sender.Configuration.TxPowerDbm - pl >= Options.SensitivityDbm - Options.FringeDb)
            {
                list.Add(new Neighbor(receiver, pl));
                sender.Fanout = null;
            }
        }

        private static void RemoveNeighbor(SimulatedRadio sender, SimulatedRadio receiver)
        {
            List<Neighbor>? list = sender.Neighbors;
            if (list is null)
            {
                return;
            }

            for (int i = 0; i < list.Count; i++)
            {
                if (list[i].Radio == receiver)
                {
                    list.RemoveAt(i);
                    sender.Fanout = null;
                    return;
                }
            }
        }

        private static (ulong, ulong) Key(SimulatedRadio a, SimulatedRadio b)
        {
            ulong x = a.ExtendedAddress.Value, y = b.ExtendedAddress.Value;
            return x < y ? (x, y) : (y, x);
        }

        private void CheckOwn(SimulatedRadio radio)
        {
            if (radio is null)
            {
                throw new ArgumentNullException(nameof(radio));
            }

            if (radio.Medium != this || radio.IsRemoved)
            {
                throw new ArgumentException($"Radio {radio.Name} is not on medium '{Name}'.", nameof(radio));
            }
        }
    }

    /// <summary>A receiver in a sender's cached neighbour list, with the path loss between them.</summary>
    internal readonly struct Neighbor
    {
        public Neighbor(SimulatedRadio radio, double pathLossDb)
        {
            Radio = radio;
            PathLossDb = pathLossDb;
        }

        public SimulatedRadio Radio { get; }

        public double PathLossDb { get; }
    }
}
