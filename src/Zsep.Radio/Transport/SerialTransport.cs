using System;
using System.IO.Ports;

namespace Zsep.Radio.Transport
{
    /// <summary>Flow control on a serial line to an RCP.</summary>
    public enum SerialFlowControl
    {
        None,

        /// <summary>Hardware flow control (RTS/CTS), as most USB RCP dongles at 460800 baud want.</summary>
        RtsCts,
    }

    /// <summary>
    /// A serial port through System.IO.Ports: 8 data bits, no parity, one stop bit, 460800 baud unless told
    /// otherwise (OpenThread RCP's usual rate), RTS/CTS optional. On Unix the Unix build of System.IO.Ports must be
    /// the one loaded (shared/design.md "Platform facts"): hosts reference the package themselves.
    /// </summary>
    public sealed class SerialTransport : ThreadedTransport
    {
        /// <summary>The default line rate.</summary>
        public const int DefaultBaudRate = 460800;

        private SerialPort? _port;

        public SerialTransport(string portName, int baudRate = DefaultBaudRate, SerialFlowControl flowControl = SerialFlowControl.None)
            : base(portName)
        {
            if (string.IsNullOrWhiteSpace(portName))
            {
                throw new ArgumentException("A port name is needed (/dev/ttyACM0, COM5).", nameof(portName));
            }

            if (baudRate <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(baudRate), baudRate, "The baud rate must be positive.");
            }

            PortName = portName;
            BaudRate = baudRate;
            FlowControl = flowControl;
        }

        public string PortName { get; }

        public int BaudRate { get; }

        public SerialFlowControl FlowControl { get; }

        protected override void OpenCore()
        {
            var port = new SerialPort(PortName, BaudRate, Parity.None, 8, StopBits.One)
            {
                Handshake = FlowControl == SerialFlowControl.RtsCts ? Handshake.RequestToSend : Handshake.None,
                // Reads wake at least this often, so closing the port never waits on a silent line.
                ReadTimeout = 200,
                WriteTimeout = 2000,
                ReadBufferSize = 16384,
                WriteBufferSize = 16384,
            };
            try
            {
                port.Open();
                port.DiscardInBuffer();
            }
            catch
            {
                port.Dispose();
                throw;
            }

            _port = port;
        }

        protected override int ReadCore(byte[] buffer)
        {
            SerialPort port = _port!;
            try
            {
                return port.BaseStream.Read(buffer, 0, buffer.Length);
            }
            catch (TimeoutException)
            {
                if (!port.IsOpen)
                {
                    return -1;
                }

                return 0;
            }
        }

        protected override void WriteCore(byte[] data) => _port!.BaseStream.Write(data, 0, data.Length);

        /// <summary>
        /// Closes the port's stream first, then the port. On Unix, SerialPort.Dispose flushes before closing, and its
        /// flush spins until the write queue is empty; once the port's I/O loop has ended (the device hung up: a USB
        /// radio unplugged, a pseudo-terminal's master closed) a write queued after that is never taken off the
        /// queue, so the flush never returns (System.IO.Ports 10.0, SerialStream.Unix Flush). Disposing the stream
        /// fails what is queued and releases the handle without that flush; the port's Dispose then has nothing left
        /// to wait for.
        /// </summary>
        protected override void CloseCore()
        {
            SerialPort? port = _port;
            if (port is null)
            {
                return;
            }

            try
            {
                if (port.IsOpen)
                {
                    port.BaseStream.Dispose();
                }
            }
            finally
            {
                port.Dispose();
            }
        }
    }
}
