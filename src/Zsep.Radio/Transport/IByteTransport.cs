using System;

namespace Zsep.Radio.Transport
{
    /// <summary>
    /// A full-duplex byte stream to a radio co-processor: a serial port, a TCP socket (ser2net), one end of an
    /// in-memory pair, or a wrapper that misbehaves like a real line. Bytes arrive on the transport's own reader
    /// thread through <see cref="DataReceived"/>, in order, in chunks of any size (a frame may be split or several
    /// merged). <see cref="Write"/> may be called from any thread.
    /// </summary>
    public interface IByteTransport : IDisposable
    {
        /// <summary>What the transport reaches ("/dev/ttyACM0", "tcp://host:6638", "memory:a").</summary>
        string Name { get; }

        /// <summary>Whether it is open and has not failed.</summary>
        bool IsOpen { get; }

        /// <summary>Opens the line and starts delivering <see cref="DataReceived"/>. Throws RadioUnavailableException when it cannot.</summary>
        void Open();

        /// <summary>Writes bytes (all of them, in order). Throws RadioUnavailableException once the line is closed or failed.</summary>
        void Write(ReadOnlySpan<byte> data);

        /// <summary>Bytes read from the line, on the reader thread. The buffer is only valid during the call.</summary>
        event Action<ReadOnlyMemory<byte>>? DataReceived;

        /// <summary>Raised once when the line ends: null when closed by <see cref="IDisposable.Dispose"/>, else the failure (an unplugged port).</summary>
        event Action<Exception?>? Closed;
    }
}
