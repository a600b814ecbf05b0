using System;
using System.Net.Sockets;

namespace Zsep.Radio.Transport
{
    /// <summary>An RCP behind a TCP socket ("tcp://host:6638"): ser2net, or a radio emulator in another process.</summary>
    public sealed class TcpTransport : ThreadedTransport
    {
        private TcpClient? _client;
        private NetworkStream? _stream;

        public TcpTransport(string host, int port)
            : base($"tcp://{host}:{port}")
        {
            Host = host;
            Port = port;
        }

        public string Host { get; }

        public int Port { get; }

        protected override void OpenCore()
        {
            // A peer that stops reading (a stalled ser2net) makes a blocking send wait forever once the socket's
            // buffer is full: give up after two seconds instead (the write then fails the line).
            var client = new TcpClient { NoDelay = true, SendTimeout = 2000 };
            try
            {
                if (!client.ConnectAsync(Host, Port).Wait(TimeSpan.FromSeconds(5)))
                {
                    throw new TimeoutException($"No connection to {Host}:{Port} within 5 s.");
                }
            }
            catch (AggregateException ex) when (ex.InnerException is not null)
            {
                client.Dispose();
                throw ex.InnerException;
            }
            catch
            {
                client.Dispose();
                throw;
            }

            _client = client;
            _stream = client.GetStream();
        }

        protected override int ReadCore(byte[] buffer)
        {
            int n = _stream!.Read(buffer, 0, buffer.Length);
            return n == 0 ? -1 : n;
        }

        protected override void WriteCore(byte[] data) => _stream!.Write(data, 0, data.Length);

        protected override void CloseCore()
        {
            _stream?.Dispose();
            _client?.Dispose();
        }
    }
}
