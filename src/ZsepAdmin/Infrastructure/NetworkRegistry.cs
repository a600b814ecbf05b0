using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using Zsep.Simulation.Devices;
using Zsep.Stack.Gateway;
using Zsep.Stack.State;

namespace ZsepAdmin
{
    /// <summary>
    /// The networks open in this process, by name, and each runspace's default network (the last one formed or
    /// connected in it). Networks live until Disconnect-ZsepNetwork or the end of the process.
    /// </summary>
    internal static class NetworkRegistry
    {
        private static readonly Dictionary<string, Gateway> Networks = new Dictionary<string, Gateway>(StringComparer.OrdinalIgnoreCase);
        private static readonly Dictionary<Guid, string> Defaults = new Dictionary<Guid, string>();
        private static readonly Dictionary<string, Guid> Owners = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        private static readonly HashSet<Guid> Watched = new HashSet<Guid>();

        private static Guid RunspaceId => Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;

        public static IRadioProvider Radios => SimulatedRadioProvider.Instance;

        public static void Add(Gateway gateway)
        {
            lock (Networks)
            {
                if (Networks.ContainsKey(gateway.Name))
                {
                    throw new InvalidOperationException($"A network named '{gateway.Name}' is already open in this session.");
                }

                Networks[gateway.Name] = gateway;
                Defaults[RunspaceId] = gateway.Name;
                Owners[gateway.Name] = RunspaceId;
                Runspace? runspace = Runspace.DefaultRunspace;
                if (runspace is not null && Watched.Add(runspace.InstanceId))
                {
                    runspace.StateChanged += OnRunspaceStateChanged;
                }
            }

            // A hardware radio's network keeps running between commands (a no-op on virtual time).
            gateway.StartBackgroundLoop();
        }

        /// <summary>
        /// A runspace that closes takes its networks with it (their state is on disk), so that a new runspace, or a
        /// new process, can Connect-ZsepNetwork to the same folder.
        /// </summary>
        private static void OnRunspaceStateChanged(object? sender, RunspaceStateEventArgs e)
        {
            if (sender is not Runspace runspace || (e.RunspaceStateInfo.State != RunspaceState.Closed && e.RunspaceStateInfo.State != RunspaceState.Broken))
            {
                return;
            }

            List<Gateway> owned;
            lock (Networks)
            {
                owned = Networks.Values.Where(g => Owners.TryGetValue(g.Name, out Guid owner) && owner == runspace.InstanceId).ToList();
                Watched.Remove(runspace.InstanceId);
                Defaults.Remove(runspace.InstanceId);
            }

            runspace.StateChanged -= OnRunspaceStateChanged;
            foreach (Gateway g in owned)
            {
                Close(g);
            }
        }

        private static void Remove(Gateway gateway)
        {
            lock (Networks)
            {
                Networks.Remove(gateway.Name);
                Owners.Remove(gateway.Name);
                foreach (Guid key in Defaults.Where(d => string.Equals(d.Value, gateway.Name, StringComparison.OrdinalIgnoreCase)).Select(d => d.Key).ToList())
                {
                    Defaults.Remove(key);
                }
            }
        }

        public static bool IsOpen(string name)
        {
            lock (Networks)
            {
                return Networks.ContainsKey(name);
            }
        }

        public static IReadOnlyList<Gateway> All()
        {
            lock (Networks)
            {
                return Networks.Values.OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase).ToList();
            }
        }

        public static string? DefaultName
        {
            get
            {
                lock (Networks)
                {
                    return Defaults.TryGetValue(RunspaceId, out string? name) && Networks.ContainsKey(name) ? name : null;
                }
            }
        }

        /// <summary>The network named, or the runspace's default; null when there is none.</summary>
        public static Gateway? Resolve(string? name)
        {
            lock (Networks)
            {
                string? key = string.IsNullOrEmpty(name) ? DefaultName : name;
                return key is not null && Networks.TryGetValue(key, out Gateway? g) ? g : null;
            }
        }

        /// <summary>
        /// Closes a network: its stack stops and its simulated devices leave the medium (they stay in the store, and
        /// Connect-ZsepNetwork brings them back). A medium nobody uses any more is dropped.
        /// </summary>
        public static void Close(Gateway gateway, bool keepSimulatedDevices = false)
        {
            Remove(gateway);
            gateway.Dispose();
            if (!keepSimulatedDevices && SimulationHost.Find(gateway.Config.Radio) is { } host)
            {
                foreach (SimulatedDevice d in host.Devices.Where(d => d.Spec.Network == gateway.Name).ToList())
                {
                    host.RemoveDevice(d.Ieee);
                }

                if (host.Devices.Count == 0 && All().All(g => SimulationHost.Find(g.Config.Radio) != host))
                {
                    SimulationHost.Drop(host);
                }
            }
        }

        /// <summary>
        /// A network restored from a backup takes over the simulated devices on its medium that were commissioned for the
        /// backed-up network (the same extended PAN ID) and that no open network owns (Remove-ZsepNetwork
        /// -KeepSimulatedDevices left them on the air): they become its devices and are recorded in its store.
        /// </summary>
        public static int AdoptSimulatedDevices(Gateway gateway)
        {
            if (!SimulationHost.IsSimulated(gateway.Config.Radio) || SimulationHost.Find(gateway.Config.Radio) is not { } host)
            {
                return 0;
            }

            int n = 0;
            foreach (SimulatedDevice d in host.Devices)
            {
                if (d.Spec.ExtendedPanId == gateway.Config.ExtendedPanId && d.Spec.Network != gateway.Name && !IsOpen(d.Spec.Network))
                {
                    d.Adopt(gateway.Name);
                    SimulatedDevices.Save(gateway, d);
                    n++;
                }
            }

            return n;
        }

        /// <summary>Recreates the simulated devices stored with a network on its medium (after Connect-ZsepNetwork).</summary>
        public static int RestoreSimulatedDevices(Gateway gateway)
        {
            if (!SimulationHost.IsSimulated(gateway.Config.Radio))
            {
                return 0;
            }

            SimulationHost host = SimulationHost.GetOrCreate(gateway.Config.Radio, gateway.Config.Seed ?? 0);
            int n = 0;
            var resumed = new List<SimulatedDevice>();
            foreach (SimulatedDeviceRecord r in gateway.Store.GetSimulatedDevices())
            {
                if (host.FindDevice(r.Ieee) is null)
                {
                    SimulatedDevice d = host.AddDevice(SimulatedDevices.SpecFor(gateway, r.Kind, r.Ieee, r.InstallCode, new Zsep.Simulation.Medium.Position(r.X, r.Y, r.Z)));
                    d.Offline = r.Offline;
                    // Its stack carries on from what the store kept (address, parent, key): no re-join.
                    d.AttachStore(gateway.Store);
                    if (d.ResumeFromStore())
                    {
                        resumed.Add(d);
                    }

                    n++;
                }
            }

            // A parent router keeps its children across the restart: sleeping end devices poll it again.
            SimulatedDevice.RestoreParentLinks(resumed);

            return n;
        }
    }

    /// <summary>How the cmdlets make and record simulated devices for a gateway.</summary>
    internal static class SimulatedDevices
    {
        public static SimulationHost HostOf(Gateway gateway) =>
            SimulationHost.IsSimulated(gateway.Config.Radio)
                ? SimulationHost.GetOrCreate(gateway.Config.Radio, gateway.Config.Seed ?? 0)
                : throw new InvalidOperationException($"Network '{gateway.Name}' runs on the radio '{gateway.Config.Radio}', not on a simulated medium.");

        public static SimulatedDeviceSpec SpecFor(Gateway gateway, SimulatedDeviceKind kind, Zsep.Stack.Types.Eui64 ieee, Zsep.Stack.Security.InstallCode? code, Zsep.Simulation.Medium.Position position) =>
            new SimulatedDeviceSpec
            {
                Kind = kind,
                Ieee = ieee,
                InstallCode = code,
                Position = position,
                Channel = (byte)gateway.Config.Channel,
                ExtendedPanId = gateway.Config.ExtendedPanId,
                Network = gateway.Name,
            };

        public static void Save(Gateway gateway, SimulatedDevice device)
        {
            if (device.Store != gateway.Store)
            {
                device.AttachStore(gateway.Store);
            }

            gateway.Store.UpsertSimulatedDevice(new SimulatedDeviceRecord
            {
                Ieee = device.Ieee,
                Kind = device.Kind,
                InstallCode = device.Spec.InstallCode,
                X = device.Position.X,
                Y = device.Position.Y,
                Z = device.Position.Z,
                Offline = device.Offline,
            });
        }
    }
}
