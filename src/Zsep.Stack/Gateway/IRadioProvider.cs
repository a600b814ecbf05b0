using Zsep.Stack.Radio;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;

namespace Zsep.Stack.Gateway
{
    /// <summary>
    /// Opens the radio a radio string names ("sim://name", a serial port, "tcp://host:port") together with the loop
    /// it runs on. The cmdlet layer supplies it, since the stack knows neither the simulator nor serial ports.
    /// </summary>
    public interface IRadioProvider
    {
        /// <param name="radio">The radio string.</param>
        /// <param name="ieee">The IEEE address to give a simulated radio (a hardware radio has its own).</param>
        /// <param name="seed">The seed of a simulated medium created for this radio.</param>
        RadioLease Open(string radio, Eui64 ieee, int seed);
    }

    /// <summary>An opened radio and the scheduler loop it delivers on.</summary>
    public sealed record RadioLease(IRadio Radio, IStackScheduler Scheduler);
}
