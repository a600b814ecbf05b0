using System;
using System.Collections.Concurrent;

namespace Zsep.Radio.Transport
{
    /// <summary>
    /// One end of an in-memory byte pipe (<see cref="CreatePair"/>): what one end writes, the other receives, on its
    /// own reader thread, as a real line would deliver it. Closing one end closes the other with an error, like an
    /// unplugged cable. For tests and for an RCP emulator in the same process.
    /// </summary>
    public sealed class InMemoryTransport : ThreadedTransport
    {
        private readonly BlockingCollection<byte[]> _inbox = new BlockingCollection<byte[]>();
        private InMemoryTransport? _peer;

        private InMemoryTransport(string name)
            : base(name)
        {
        }

        /// <summary>Two connected ends: the host's and the radio's.</summary>
        public static (InMemoryTransport Host, InMemoryTransport Radio) CreatePair(string name = "memory")
        {
            var host = new InMemoryTransport(name + ":host");
            var radio = new InMemoryTransport(name + ":radio");
            host._peer = radio;
            radio._peer = host;
            return (host, radio);
        }

        protected override void OpenCore()
        {
        }

        protected override int ReadCore(byte[] buffer)
        {
            if (_inbox.IsCompleted)
            {
                return -1;
            }

            if (!_inbox.TryTake(out byte[]? chunk, 200))
            {
                return _inbox.IsCompleted ? -1 : 0;
            }

            // Writers hand over chunks no bigger than a read buffer; a longer one is split by the writer.
            chunk.CopyTo(buffer, 0);
            return chunk.Length;
        }

        protected override void WriteCore(byte[] data)
        {
            InMemoryTransport peer = _peer!;
            for (int offset = 0; offset < data.Length; offset += 4096)
            {
                int n = Math.Min(4096, data.Length - offset);
                byte[] chunk = new byte[n];
                Array.Copy(data, offset, chunk, 0, n);
                try
                {
                    peer._inbox.Add(chunk);
                }
                catch (InvalidOperationException ex)
                {
                    throw new System.IO.IOException($"{peer.Name} is closed.", ex);
                }
            }
        }

        protected override void CloseCore()
        {
            _inbox.CompleteAdding();
            _peer?._inbox.CompleteAdding();
        }
    }
}
