using System;
using Zsep.Radio.Driver;
using Zsep.Simulation.Medium;
using Zsep.Stack.Gateway;
using Zsep.Stack.Types;

namespace Zsep.Simulation.Devices
{
    /// <summary>
    /// Opens the radio a radio string names: "sim://name" on the simulated medium (the coordinator's radio stands at
    /// the origin), anything else (a serial port, serial://, tcp://) as a Spinel RCP through <see cref="Hardware"/>.
    /// </summary>
    public sealed class SimulatedRadioProvider : IRadioProvider
    {
        public static SimulatedRadioProvider Instance { get; } = new SimulatedRadioProvider();

        /// <summary>Where non-simulated radio strings go.</summary>
        public IRadioProvider Hardware { get; init; } = SpinelRadioProvider.Default;

        public RadioLease Open(string radio, Eui64 ieee, int seed)
        {
            if (!SimulationHost.IsSimulated(radio))
            {
                return Hardware.Open(radio, ieee, seed);
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
