using System;
using System.Diagnostics;
using System.IO;
using Zsep.Radio.Driver;
using Zsep.Radio.Spinel;
using Zsep.Radio.Transport;
using Zsep.Simulation.Rcp;
using Zsep.Stack.Gateway;
using Zsep.Stack.Radio;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;
using Xunit;

namespace Zsep.Radio.Tests.EndToEnd
{
    /// <summary>Issue 6 §1 and acceptance: a port that goes away ends in a clear error, with no hang and no lost state; incompatible firmware is refused.</summary>
    [Trait("Category", "EndToEnd")]
    public sealed class RcpFaultTests
    {
        [Fact]
        public void An_unplugged_line_fails_the_waiting_call_with_RadioUnavailable_and_the_network_reopens_with_its_nodes()
        {
            Bounded.Run(nameof(An_unplugged_line_fails_the_waiting_call_with_RadioUnavailable_and_the_network_reopens_with_its_nodes), () =>
            {
                (InMemoryTransport host, InMemoryTransport radio) = InMemoryTransport.CreatePair("unplug");
                using RcpNetwork net = RcpNetwork.Form("serial://memory", radio, _ => host);
                net.AddMeters(6);
                Assert.True(net.JoinAll(6, TimeSpan.FromMinutes(3)));
                string path = net.Gateway.StatePath;

                radio.Dispose(); // the cable is pulled
                var clock = Stopwatch.StartNew();
                var error = Assert.Throws<RadioUnavailableException>(() => net.Gateway.RunFor(TimeSpan.FromMinutes(10)));
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
                Assert.Contains("serial://memory", error.Message);
                Assert.False(net.Radio.IsAvailable);
                Assert.Throws<RadioUnavailableException>(() => net.Radio.Transmit(new byte[] { 0x41, 0x88, 0x01 }, RadioTransmitOptions.Default, _ => { }));
                Assert.Equal(6, net.Gateway.GetNodes().Count);
                net.Gateway.Dispose();

                // The radio is back: the same network opens again with every node and key.
                (InMemoryTransport host2, InMemoryTransport radio2) = InMemoryTransport.CreatePair("replug");
                using EmulatedRcp rcp2 = EmulatedRcp.Start(radio2, "replug-" + Guid.NewGuid().ToString("N"), 1, RcpNetwork.RcpIeee, RcpNetwork.TimeScale);
                using Gateway again = Gateway.Open(path, new SpinelRadioProvider { TimeScale = RcpNetwork.TimeScale, TransportFactory = _ => host2 });
                Assert.Equal(6, again.GetNodes().Count);
                Assert.True(again.Radio is SpinelRadio { IsAvailable: true });
                again.RunFor(TimeSpan.FromSeconds(2));
            });
        }

        [Fact]
        public void A_pseudo_terminal_whose_far_end_closes_gives_RadioUnavailable_without_hanging()
        {
            Bounded.Run(nameof(A_pseudo_terminal_whose_far_end_closes_gives_RadioUnavailable_without_hanging), () =>
            {
                if (!PseudoTerminal.IsSupported)
                {
                    return;
                }

                var pty = PseudoTerminal.Open();
                using RcpNetwork net = RcpNetwork.Form(pty.SlavePath, pty.CreateMasterTransport(), a => a.CreateTransport());
                net.Keep(pty);
                net.Gateway.RunFor(TimeSpan.FromSeconds(2));
                net.Rcp.Emulator.Dispose(); // closes the master: the slave hangs up
                pty.Dispose();
                var clock = Stopwatch.StartNew();
                Assert.Throws<RadioUnavailableException>(() => net.Gateway.RunFor(TimeSpan.FromMinutes(10)));
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
            });
        }

        [Fact]
        public void Nothing_answering_is_RadioUnavailable()
        {
            Bounded.Run(nameof(Nothing_answering_is_RadioUnavailable), () =>
            {
                (InMemoryTransport host, InMemoryTransport radio) = InMemoryTransport.CreatePair("silent");
                radio.Open();
                var options = new SpinelRadioOptions { ResetTimeout = TimeSpan.FromMilliseconds(100) };
                var error = Assert.Throws<RadioUnavailableException>(() => SpinelRadio.Open("serial://silent", host, new RealTimeScheduler(1), options));
                Assert.Contains("reset notification", error.Message);
                Assert.False(host.IsOpen);
                radio.Dispose();
            });
        }

        [Fact]
        public void A_port_that_does_not_exist_is_RadioUnavailable()
        {
            Bounded.Run(nameof(A_port_that_does_not_exist_is_RadioUnavailable), () =>
            {
                var error = Assert.Throws<RadioUnavailableException>(() => SpinelRadioProvider.Default.Open("/dev/zsep-no-such-port", default, 1));
                Assert.Contains("/dev/zsep-no-such-port", error.Message);
            });
        }

        [Theory]
        [InlineData(5u, 11u, 4u, "Spinel protocol 5.3", "4.x")]
        [InlineData(4u, 3u, 1u, "RCP API version 3", "needs 4 or newer")]
        [InlineData(4u, 14u, 12u, "RCP API version 12 or newer", "implements 11")]
        public void Incompatible_firmware_is_refused_with_both_versions_named(uint major, uint api, uint minHost, string radioText, string hostText)
        {
            Bounded.Run(nameof(Incompatible_firmware_is_refused_with_both_versions_named), () =>
            {
                (InMemoryTransport host, InMemoryTransport radio) = InMemoryTransport.CreatePair("old");
                using EmulatedRcp rcp = EmulatedRcp.Start(radio, "fw-" + Guid.NewGuid().ToString("N"), 1, new Eui64(0x1234), 10, new RcpEmulatorOptions
                {
                    ProtocolVersion = new SpinelProtocolVersion(major, 3),
                    RcpApiVersion = api,
                    RcpMinHostApiVersion = minHost,
                });
                var error = Assert.Throws<RadioFirmwareException>(() => SpinelRadio.Open("serial://old", host, new RealTimeScheduler(1)));
                Assert.Contains(radioText, error.Message);
                Assert.Contains(hostText, error.Message);
            });
        }

        [Fact]
        public void Probe_reports_what_answers()
        {
            Bounded.Run(nameof(Probe_reports_what_answers), () =>
            {
                (InMemoryTransport host, InMemoryTransport radio) = InMemoryTransport.CreatePair("probe");
                using EmulatedRcp rcp = EmulatedRcp.Start(radio, "probe-" + Guid.NewGuid().ToString("N"), 1, new Eui64(0x00124B0000001234UL), 10);
                SpinelRadioInfo info = SpinelRadio.Probe("serial://probe", host);
                Assert.Equal(new SpinelProtocolVersion(4, 3), info.ProtocolVersion);
                Assert.Equal(11u, info.RcpApiVersion);
                Assert.Equal(new Eui64(0x00124B0000001234UL), info.HardwareAddress);
                Assert.Contains(SpinelCapability.ConfigRadio, info.Capabilities);
                Assert.False(host.IsOpen);
            });
        }
    }
}
