using Zsep.Stack.Radio;
using Zsep.Stack.Types;

namespace Zsep.Simulation.Medium
{
    /// <summary>
    /// A capture radio on a simulated medium: promiscuous, receiver always on, on one channel, standing where it is
    /// put (the coordinator's place by default). It hears what a sniffer dongle beside the gateway would hear -
    /// every frame in range on that channel, whoever it is for - and sends nothing. Dispose takes it off the medium.
    /// </summary>
    public static class SimulatedSniffer
    {
        /// <summary>The IEEE address sniffers use; a sniffer never transmits, so it never appears on the air.</summary>
        public static readonly Eui64 Address = new Eui64(0x5A53455053494646); // "ZSEPSIFF"

        public static IRadio Create(SimulatedMedium medium, byte channel, Position position)
        {
            Eui64 ieee = Address;
            while (medium.FindRadio(ieee) is not null)
            {
                ieee = new Eui64(ieee.Value + 1);
            }

            SimulatedRadio radio = medium.CreateRadio("Sniffer " + ieee, ieee, position);
            radio.Configure(new RadioConfiguration { Channel = channel, Promiscuous = true, RxOnWhenIdle = true });
            return radio;
        }
    }
}
