namespace Zsep.Simulation.Devices
{
    public sealed partial class SimulatedDevice
    {
        /// <summary>
        /// The device now belongs to the gateway named <paramref name="network"/>: a network restored from a backup of the
        /// one it joined (same extended PAN ID) takes over the devices still on the air. Its stack is untouched: it
        /// keeps its address, keys and parent, and carries on without re-joining.
        /// </summary>
        public void Adopt(string network) => Spec = Spec with { Network = network ?? "" };
    }
}
