using System;
using System.Collections.Generic;
using System.Globalization;
using Zsep.Stack.Node;

namespace Zsep.Stack.Gateway
{
    /// <summary>
    /// The coordinator's APS options (05-3474-21 Table 2.24 apsAckWaitDuration, apsMaxFrameRetries; 2.2.8.4.5
    /// apsMaxWindowSize, apsInterframeDelay, the fragment block size): read and changed while the network runs
    /// (<see cref="ApsStackOptions"/>), and kept in the store's gateway_settings so they survive a reconnect.
    /// </summary>
    public sealed partial class Gateway
    {
        private const string StackOptionPrefix = "stack.";

        /// <summary>The options in force.</summary>
        public ZsepStackOptions GetStackOptions()
        {
            ApsStackOptions o = Coordinator.StackOptions;
            return new ZsepStackOptions
            {
                Network = Name,
                ApsAckWaitDuration = o.AckWaitDuration,
                ApsMaxFrameRetries = o.MaxFrameRetries,
                MaxWindowSize = o.MaxWindowSize,
                FragmentBlockSize = o.FragmentBlockSize,
                InterframeDelay = o.InterframeDelay,
                ReassemblyTimeout = o.ReassemblyTimeout,
            };
        }

        /// <summary>
        /// Changes the options given (null leaves one as it is), all or none: a value out of range is an
        /// <see cref="ArgumentOutOfRangeException"/> and nothing changes. The new values are stored for the next Connect.
        /// </summary>
        public ZsepStackOptions SetStackOptions(TimeSpan? apsAckWaitDuration = null, byte? apsMaxFrameRetries = null, byte? maxWindowSize = null,
            byte? fragmentBlockSize = null, TimeSpan? interframeDelay = null, TimeSpan? reassemblyTimeout = null)
        {
            ZsepStackOptions before = GetStackOptions();
            try
            {
                Apply(apsAckWaitDuration, apsMaxFrameRetries, maxWindowSize, fragmentBlockSize, interframeDelay, reassemblyTimeout);
            }
            catch (ArgumentOutOfRangeException)
            {
                Apply(before.ApsAckWaitDuration, before.ApsMaxFrameRetries, before.MaxWindowSize, before.FragmentBlockSize, before.InterframeDelay, before.ReassemblyTimeout);
                throw;
            }

            ZsepStackOptions now = GetStackOptions();
            Store.SetSettings(new Dictionary<string, string>
            {
                [StackOptionPrefix + "apsAckWaitDuration"] = Ms(now.ApsAckWaitDuration),
                [StackOptionPrefix + "apsMaxFrameRetries"] = now.ApsMaxFrameRetries.ToString(CultureInfo.InvariantCulture),
                [StackOptionPrefix + "apsMaxWindowSize"] = now.MaxWindowSize.ToString(CultureInfo.InvariantCulture),
                [StackOptionPrefix + "fragmentBlockSize"] = now.FragmentBlockSize.ToString(CultureInfo.InvariantCulture),
                [StackOptionPrefix + "apsInterframeDelay"] = Ms(now.InterframeDelay),
                [StackOptionPrefix + "reassemblyTimeout"] = Ms(now.ReassemblyTimeout),
            });
            Trace.Info("STACK_OPTIONS", now.ToString());
            return now;
        }

        /// <summary>Called when the application starts: the stored options, if any, over the defaults. A bad stored value is traced and skipped.</summary>
        private void LoadStackOptions()
        {
            IReadOnlyDictionary<string, string> s = Store.GetSettings(StackOptionPrefix);
            if (s.Count == 0)
            {
                return;
            }

            TimeSpan? Time(string name) => s.TryGetValue(StackOptionPrefix + name, out string? v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) ? TimeSpan.FromMilliseconds(ms) : null;
            byte? Byte(string name) => s.TryGetValue(StackOptionPrefix + name, out string? v) && byte.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out byte b) ? b : null;
            try
            {
                Apply(Time("apsAckWaitDuration"), Byte("apsMaxFrameRetries"), Byte("apsMaxWindowSize"), Byte("fragmentBlockSize"), Time("apsInterframeDelay"), Time("reassemblyTimeout"));
            }
            catch (ArgumentOutOfRangeException ex)
            {
                Trace.Write(State.TraceLevel.Warning, "STACK_OPTIONS", "a stored stack option is out of range and was not applied: " + ex.Message);
            }
        }

        private void Apply(TimeSpan? ackWait, byte? retries, byte? window, byte? block, TimeSpan? interframe, TimeSpan? reassembly)
        {
            ApsStackOptions o = Coordinator.StackOptions;
            if (ackWait is TimeSpan a)
            {
                o.AckWaitDuration = a;
            }

            if (retries is byte r)
            {
                o.MaxFrameRetries = r;
            }

            if (window is byte w)
            {
                o.MaxWindowSize = w;
            }

            if (block is byte b)
            {
                o.FragmentBlockSize = b;
            }

            if (interframe is TimeSpan i)
            {
                o.InterframeDelay = i;
            }

            if (reassembly is TimeSpan t)
            {
                o.ReassemblyTimeout = t;
            }
        }

        private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("R", CultureInfo.InvariantCulture);
    }
}
