using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Zsep.Radio.Tests
{
    /// <summary>
    /// Runs a test body that drives real threads and real I/O on a thread of its own and waits for it a bounded
    /// time: if anything in it ever hangs again, the test fails with a message naming it instead of stalling the run
    /// (the stuck thread is a background thread, left behind).
    /// </summary>
    public static class Bounded
    {
        /// <summary>The default bound: several times what the slowest of these tests takes on a loaded machine.</summary>
        public static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(5);

        public static void Run(string what, Action body, TimeSpan? limit = null)
        {
            TimeSpan bound = limit ?? DefaultLimit;
            ExceptionDispatchInfo? failure = null;
            var thread = new Thread(() =>
            {
                try
                {
                    body();
                }
                catch (Exception ex)
                {
                    failure = ExceptionDispatchInfo.Capture(ex);
                }
            })
            {
                IsBackground = true,
                Name = "bounded " + what,
            };
            thread.Start();
            if (!thread.Join(bound))
            {
                throw new TimeoutException($"{what} did not finish within {bound.TotalSeconds:F0} s: it hangs (the thread is left behind).");
            }

            failure?.Throw();
        }
    }
}
