using System;
using System.Threading;

namespace Zsep.Stack.Runtime
{
    /// <summary>
    /// A scheduler loop that its owner drives on the owner's thread: <see cref="VirtualScheduler"/> (virtual time,
    /// as fast as the CPU allows) and <see cref="RealTimeScheduler"/> (the wall clock, optionally scaled). The gateway
    /// drives whichever its radio came with while a cmdlet waits for the network.
    /// </summary>
    public interface ILoopDriver
    {
        /// <summary>
        /// Runs the loop until <paramref name="condition"/> holds (checked between events) or <paramref name="limit"/>
        /// of loop time passes. Returns whether the condition holds.
        /// </summary>
        bool RunUntil(Func<bool> condition, TimeSpan limit, CancellationToken cancellationToken = default);
    }
}
