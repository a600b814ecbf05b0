using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Simulation.Medium;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;

namespace Zsep.Simulation.Devices
{
    /// <summary>
    /// One simulated medium ("sim://name") with its virtual-time loop and the simulated devices on it. Networks and
    /// devices that name the same medium share its air and its clock, so two networks on two channels run side
    /// by side. Hosts live for the process (a PowerShell session may have several runspaces).
    /// </summary>
    public sealed class SimulationHost
    {
        private static readonly Dictionary<string, SimulationHost> Hosts = new Dictionary<string, SimulationHost>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<Eui64, SimulatedDevice> _devices = new Dictionary<Eui64, SimulatedDevice>();

        private SimulationHost(string name, int seed)
        {
            Name = name;
            Scheduler = new VirtualScheduler(seed);
            Medium = new SimulatedMedium(Scheduler, new MediumOptions { Name = name });
        }

        public string Name { get; }

        public VirtualScheduler Scheduler { get; }

        public SimulatedMedium Medium { get; }

        public IReadOnlyList<SimulatedDevice> Devices => _devices.Values.OrderBy(d => d.Ieee).ToList();

        /// <summary>The host of "sim://name" (or "name"); created with <paramref name="seed"/> the first time it is named.</summary>
        public static SimulationHost GetOrCreate(string radio, int seed)
        {
            string name = NameOf(radio);
            lock (Hosts)
            {
                if (!Hosts.TryGetValue(name, out SimulationHost? host))
                {
                    Hosts[name] = host = new SimulationHost(name, seed);
                }

                return host;
            }
        }

        public static SimulationHost? Find(string radio)
        {
            lock (Hosts)
            {
                return Hosts.TryGetValue(NameOf(radio), out SimulationHost? host) ? host : null;
            }
        }

        /// <summary>Forgets a medium (its radios are gone); naming it again creates a new one.</summary>
        public static void Drop(SimulationHost host)
        {
            lock (Hosts)
            {
                if (Hosts.TryGetValue(host.Name, out SimulationHost? h) && h == host)
                {
                    Hosts.Remove(host.Name);
                }
            }
        }

        /// <summary>"sim://meters" -> "meters"; the default medium is "default".</summary>
        public static string NameOf(string radio)
        {
            string name = radio.StartsWith("sim://", StringComparison.OrdinalIgnoreCase) ? radio.Substring(6) : radio;
            return name.Trim('/').Length == 0 ? "default" : name.Trim('/');
        }

        public static bool IsSimulated(string radio) =>
            radio.StartsWith("sim://", StringComparison.OrdinalIgnoreCase);

        public SimulatedDevice AddDevice(SimulatedDeviceSpec spec)
        {
            if (_devices.ContainsKey(spec.Ieee) || Medium.FindRadio(spec.Ieee) is not null)
            {
                throw new InvalidOperationException($"A simulated device with IEEE address {spec.Ieee} already exists on sim://{Name}.");
            }

            var device = new SimulatedDevice(this, spec);
            _devices[spec.Ieee] = device;
            return device;
        }

        public SimulatedDevice? FindDevice(Eui64 ieee) => _devices.TryGetValue(ieee, out SimulatedDevice? d) ? d : null;

        public bool RemoveDevice(Eui64 ieee)
        {
            if (!_devices.TryGetValue(ieee, out SimulatedDevice? device))
            {
                return false;
            }

            _devices.Remove(ieee);
            device.Dispose();
            return true;
        }
    }
}
