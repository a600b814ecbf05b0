using System;
using Zsep.Radio.Transport;
using Zsep.Stack.Gateway;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;

namespace Zsep.Radio.Driver
{
    /// <summary>
    /// Opens serial ("/dev/ttyACM0", "COM5", "serial:///dev/ttyUSB0?baud=115200&amp;flow=rtscts") and TCP
    /// ("tcp://host:6638") radios for gateways: a Spinel RCP on a <see cref="RealTimeScheduler"/>. A hardware radio
    /// keeps its own EUI-64 (the one asked for is ignored).
    /// </summary>
    public sealed class SpinelRadioProvider : IRadioProvider
    {
        public static SpinelRadioProvider Default { get; } = new SpinelRadioProvider();

        /// <summary>Loop time per wall time (1 for real radios; tests run the RCP emulator's medium and the gateway faster alike).</summary>
        public double TimeScale { get; init; } = 1.0;

        public SpinelRadioOptions Options { get; init; } = new SpinelRadioOptions();

        /// <summary>Makes the byte transport for an address (tests wrap or replace it); null uses the address's own.</summary>
        public Func<RadioAddress, IByteTransport>? TransportFactory { get; init; }

        public RadioLease Open(string radio, Eui64 ieee, int seed)
        {
            RadioAddress address = RadioAddress.Parse(radio);
            if (address.Kind == RadioAddressKind.Simulated)
            {
                throw new NotSupportedException($"'{radio}' is a simulated radio: open it through the simulator.");
            }

            IByteTransport transport = TransportFactory?.Invoke(address) ?? address.CreateTransport();
            var loop = new RealTimeScheduler(seed, TimeScale);
            SpinelRadio spinel = SpinelRadio.Open(radio, transport, loop, Options);
            return new RadioLease(spinel, loop);
        }
    }
}
