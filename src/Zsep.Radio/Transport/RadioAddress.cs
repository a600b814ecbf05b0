using System;
using System.Globalization;

namespace Zsep.Radio.Transport
{
    /// <summary>The kinds of radio string.</summary>
    public enum RadioAddressKind
    {
        Serial,
        Tcp,
        Simulated,
    }

    /// <summary>
    /// A parsed radio string: "/dev/ttyACM0", "COM5", "serial:///dev/ttyUSB0?baud=115200&amp;flow=rtscts",
    /// "tcp://host:6638", "sim://name". Serial settings default to 460800 baud without flow control.
    /// </summary>
    public sealed record RadioAddress
    {
        /// <summary>The port ser2net and OpenThread's RCP TCP bridges commonly use.</summary>
        public const int DefaultTcpPort = 6638;

        public RadioAddressKind Kind { get; init; }

        /// <summary>The serial port name, the TCP host, or the simulated medium's name.</summary>
        public string Target { get; init; } = "";

        public int Port { get; init; }

        public int BaudRate { get; init; } = SerialTransport.DefaultBaudRate;

        public SerialFlowControl FlowControl { get; init; }

        /// <summary>The string as given.</summary>
        public string Original { get; init; } = "";

        public static RadioAddress Parse(string radio)
        {
            if (string.IsNullOrWhiteSpace(radio))
            {
                throw new FormatException("A radio string is needed: /dev/ttyACM0, COM5, serial:///dev/ttyUSB0?baud=115200, tcp://host:6638 or sim://name.");
            }

            radio = radio.Trim();
            if (radio.StartsWith("sim://", StringComparison.OrdinalIgnoreCase))
            {
                return new RadioAddress { Kind = RadioAddressKind.Simulated, Target = radio.Substring(6).Trim('/'), Original = radio };
            }

            if (radio.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
            {
                string rest = radio.Substring(6).TrimEnd('/');
                int colon = rest.LastIndexOf(':');
                string host = colon > 0 ? rest.Substring(0, colon) : rest;
                int port = DefaultTcpPort;
                if (colon > 0 && !int.TryParse(rest.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port))
                {
                    throw new FormatException($"'{radio}': the TCP port must be a number (tcp://host:6638).");
                }

                if (host.Length == 0 || port <= 0 || port > 65535)
                {
                    throw new FormatException($"'{radio}' is not tcp://host:port.");
                }

                return new RadioAddress { Kind = RadioAddressKind.Tcp, Target = host.Trim('[', ']'), Port = port, Original = radio };
            }

            string path = radio;
            string query = "";
            if (radio.StartsWith("serial://", StringComparison.OrdinalIgnoreCase))
            {
                path = radio.Substring(9);
                int q = path.IndexOf('?');
                if (q >= 0)
                {
                    query = path.Substring(q + 1);
                    path = path.Substring(0, q);
                }
            }
            else if (radio.Contains("://"))
            {
                throw new FormatException($"'{radio}': unknown radio scheme; use a port name, serial://, tcp:// or sim://.");
            }

            if (path.Length == 0)
            {
                throw new FormatException($"'{radio}' names no serial port.");
            }

            var address = new RadioAddress { Kind = RadioAddressKind.Serial, Target = path, Original = radio };
            foreach (string pair in query.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string[] kv = pair.Split(new[] { '=' }, 2);
                string key = kv[0].ToLowerInvariant();
                string value = kv.Length > 1 ? kv[1] : "";
                switch (key)
                {
                    case "baud":
                        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int baud) || baud <= 0)
                        {
                            throw new FormatException($"'{radio}': baud must be a positive number.");
                        }

                        address = address with { BaudRate = baud };
                        break;
                    case "flow":
                        address = address with
                        {
                            FlowControl = value.ToLowerInvariant() switch
                            {
                                "rtscts" or "hw" or "hardware" => SerialFlowControl.RtsCts,
                                "none" or "" => SerialFlowControl.None,
                                _ => throw new FormatException($"'{radio}': flow is rtscts or none."),
                            },
                        };
                        break;
                    default:
                        throw new FormatException($"'{radio}': unknown setting '{key}' (baud, flow).");
                }
            }

            return address;
        }

        /// <summary>A transport for a serial or TCP address (not opened).</summary>
        public IByteTransport CreateTransport() => Kind switch
        {
            RadioAddressKind.Serial => new SerialTransport(Target, BaudRate, FlowControl),
            RadioAddressKind.Tcp => new TcpTransport(Target, Port),
            _ => throw new NotSupportedException($"'{Original}' is a simulated radio; it has no byte transport."),
        };
    }
}
