using System;
using Zsep.Simulation.Medium;
using Zsep.Stack.Gateway;
using Zsep.Stack.Types;

namespace Zsep.Simulation.Devices
{
    /// <summary>Opens "sim://name" radios for gateways: the coordinator's radio stands at the origin of the medium.</summary>
    public sealed class SimulatedRadioProvider : IRadioProvider
    {
        public static SimulatedRadioProvider Instance { get; } = new SimulatedRadioProvider();

        public RadioLease Open(string radio, Eui64 ieee, int seed)
        {
            if (!SimulationHost.IsSimulated(radio))
            {
                throw new NotSupportedException(
                    $"The radio '{radio}' is not a simulated one (sim://name). Serial and TCP radios (Spinel RCP) are not supported in this release.");
            }

            SimulationHost host = SimulationHost.GetOrCreate(radio, seed);
            if (host.Medium.FindRadio(ieee) is not null)
            {
                throw new InvalidOperationException($"A radio with IEEE address {ieee} is already on {radio}: is this network open already?");
            }

            SimulatedRadio r = host.Medium.CreateRadio("Coordinator " + ieee, ieee, new Position(0, 0, 0));
            return new RadioLease(r, host.Scheduler);
        }
    }
}
