using System;
using Zsep.Radio.Transport;
using Xunit;

namespace Zsep.Radio.Tests.Driver
{
    /// <summary>Radio strings (shared/conventions.md: "/dev/ttyACM0", "COM3", "tcp://host:port", "sim://name").</summary>
    public sealed class RadioAddressTests
    {
        [Theory]
        [InlineData("/dev/ttyACM0", RadioAddressKind.Serial, "/dev/ttyACM0", 460800, SerialFlowControl.None)]
        [InlineData("COM5", RadioAddressKind.Serial, "COM5", 460800, SerialFlowControl.None)]
        [InlineData("serial:///dev/ttyUSB0?baud=115200&flow=rtscts", RadioAddressKind.Serial, "/dev/ttyUSB0", 115200, SerialFlowControl.RtsCts)]
        [InlineData("serial://COM7?flow=none", RadioAddressKind.Serial, "COM7", 460800, SerialFlowControl.None)]
        public void Serial_strings(string text, RadioAddressKind kind, string port, int baud, SerialFlowControl flow)
        {
            RadioAddress a = RadioAddress.Parse(text);
            Assert.Equal(kind, a.Kind);
            Assert.Equal(port, a.Target);
            Assert.Equal(baud, a.BaudRate);
            Assert.Equal(flow, a.FlowControl);
            var t = Assert.IsType<SerialTransport>(a.CreateTransport());
            Assert.Equal(baud, t.BaudRate);
        }

        [Theory]
        [InlineData("tcp://gateway:6638", "gateway", 6638)]
        [InlineData("tcp://10.0.0.5", "10.0.0.5", 6638)]
        [InlineData("tcp://[::1]:7000", "::1", 7000)]
        public void Tcp_strings(string text, string host, int port)
        {
            RadioAddress a = RadioAddress.Parse(text);
            Assert.Equal(RadioAddressKind.Tcp, a.Kind);
            Assert.Equal(host, a.Target);
            Assert.Equal(port, a.Port);
        }

        [Fact]
        public void Sim_strings_are_recognised_and_have_no_transport()
        {
            RadioAddress a = RadioAddress.Parse("sim://meters");
            Assert.Equal(RadioAddressKind.Simulated, a.Kind);
            Assert.Equal("meters", a.Target);
            Assert.Throws<NotSupportedException>(() => a.CreateTransport());
        }

        [Theory]
        [InlineData("")]
        [InlineData("udp://x:1")]
        [InlineData("serial:///dev/ttyUSB0?baud=fast")]
        [InlineData("serial:///dev/ttyUSB0?parity=even")]
        [InlineData("tcp://host:port")]
        [InlineData("serial://")]
        public void Bad_strings_are_FormatExceptions(string text) =>
            Assert.Throws<FormatException>(() => RadioAddress.Parse(text));
    }
}
