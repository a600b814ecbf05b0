using System;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// The APS information base attributes that may change while the stack runs (05-3474 2.2.7.2, Table 2.24 and the
    /// fragmentation attributes of 2.2.8.4.5): read and set on the scheduler's thread, taking effect with the next
    /// frame. <c>Get-ZsepStackOption</c> / <c>Set-ZsepStackOption</c> show and change them.
    /// </summary>
    public sealed class ApsStackOptions
    {
        private TimeSpan _ackWait;
        private byte _maxRetries;
        private byte _window = 1;
        private byte _blockSize = 48;
        private TimeSpan _interframeDelay = TimeSpan.FromMilliseconds(50);
        private TimeSpan _reassemblyTimeout = TimeSpan.FromSeconds(10);

        internal ApsStackOptions(ZigbeeNodeOptions options)
        {
            AckWaitDuration = options.ApsAckWaitDuration;
            MaxFrameRetries = options.ApsMaxFrameRetries;
            MaxWindowSize = options.ApsMaxWindowSize;
            FragmentBlockSize = options.ApsFragmentBlockSize;
        }

        /// <summary>apsAckWaitDuration: how long a sender waits for an APS acknowledgement before a retry.</summary>
        public TimeSpan AckWaitDuration
        {
            get => _ackWait;
            set => _ackWait = value > TimeSpan.Zero && value <= TimeSpan.FromMinutes(2)
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), "apsAckWaitDuration is between 1 ms and 2 minutes.");
        }

        /// <summary>apsMaxFrameRetries (0-10; the spec's default is 3).</summary>
        public byte MaxFrameRetries
        {
            get => _maxRetries;
            set => _maxRetries = value <= 10 ? value : throw new ArgumentOutOfRangeException(nameof(value), "apsMaxFrameRetries is 0 to 10.");
        }

        /// <summary>apsMaxWindowSize (2.2.8.4.5, 1-8): blocks of a fragmented frame sent before an acknowledgement is awaited.</summary>
        public byte MaxWindowSize
        {
            get => _window;
            set => _window = value >= 1 && value <= 8 ? value : throw new ArgumentOutOfRangeException(nameof(value), "apsMaxWindowSize is 1 to 8.");
        }

        /// <summary>
        /// The payload octets of one block of a fragmented frame (the "fragmentation block size"; 16-64 here, so a
        /// block fits one 802.15.4 frame with APS and NWK security and a source route). A payload longer than one block
        /// is fragmented.
        /// </summary>
        public byte FragmentBlockSize
        {
            get => _blockSize;
            set => _blockSize = value >= 16 && value <= 64 ? value : throw new ArgumentOutOfRangeException(nameof(value), "The fragment block size is 16 to 64 octets.");
        }

        /// <summary>apsInterframeDelay (2.2.8.4.5): the pause between the blocks of one window.</summary>
        public TimeSpan InterframeDelay
        {
            get => _interframeDelay;
            set => _interframeDelay = value >= TimeSpan.Zero && value <= TimeSpan.FromSeconds(1)
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), "apsInterframeDelay is 0 to 1 s.");
        }

        /// <summary>How long a receiver keeps a partly received fragmented frame without news before discarding it.</summary>
        public TimeSpan ReassemblyTimeout
        {
            get => _reassemblyTimeout;
            set => _reassemblyTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        public override string ToString() =>
            $"apsAckWaitDuration {AckWaitDuration.TotalMilliseconds} ms, apsMaxFrameRetries {MaxFrameRetries}, apsMaxWindowSize {MaxWindowSize}, block {FragmentBlockSize} octets";
    }
}
