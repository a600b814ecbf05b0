using System;
using System.Diagnostics;
using System.Threading;
using Zsep.Radio.Transport;
using Zsep.Simulation.Rcp;
using Xunit;

namespace Zsep.Radio.Tests.Transport
{
    /// <summary>
    /// Closing a line never hangs: a serial port whose device hung up with writes still queued (the cause of the
    /// Radio test host hanging idle under load), and the RCP emulator's end of a pseudo-terminal whose host stopped
    /// reading.
    /// </summary>
    public sealed class LineCloseTests
    {
        /// <summary>
        /// The device end closes (a USB radio unplugged; here the pty master), System.IO.Ports' I/O loop ends on the
        /// hang-up, and a write is queued after that: SerialPort.Dispose then spun forever in its flush, so the
        /// transport never raised Closed and whoever closed it (the test, or a cmdlet) hung. The line must report
        /// the loss and close within seconds.
        /// </summary>
        [Fact]
        public void A_serial_line_whose_device_hangs_up_with_a_write_queued_closes_and_says_so_within_seconds()
        {
            if (!PseudoTerminal.IsSupported)
            {
                return;
            }

            Bounded.Run("closing a hung-up serial line", () =>
            {
                using var pty = PseudoTerminal.Open();
                IByteTransport master = pty.CreateMasterTransport();
                master.Open();
                var line = new SerialTransport(pty.SlavePath);
                using var closed = new ManualResetEventSlim(false);
                Exception? reason = null;
                line.Closed += e =>
                {
                    reason = e;
                    closed.Set();
                };
                line.Open();
                line.Write(new byte[] { 0x7E, 0x7E });

                master.Dispose(); // the device end goes away
                pty.Dispose();
                var clock = Stopwatch.StartNew();
                // Keep writing as the stack's loop does until the line says it is gone: writes queued after the
                // port's I/O loop ended are what made its close hang.
                while (!closed.IsSet && clock.Elapsed < TimeSpan.FromSeconds(20))
                {
                    try
                    {
                        line.Write(new byte[] { 0x7E, 0x81, 0x02, 0x7E });
                    }
                    catch (Zsep.Radio.RadioUnavailableException)
                    {
                    }

                    closed.Wait(20);
                }

                Assert.True(closed.IsSet, $"the line did not report the hang-up within {clock.Elapsed.TotalSeconds:F1} s");
                Assert.NotNull(reason);
                Assert.False(line.IsOpen);
                var dispose = Stopwatch.StartNew();
                line.Dispose();
                Assert.True(dispose.Elapsed < TimeSpan.FromSeconds(5), $"Dispose took {dispose.Elapsed}");
                Assert.Throws<Zsep.Radio.RadioUnavailableException>(() => line.Write(new byte[] { 1 }));
            }, TimeSpan.FromSeconds(60));
        }

        /// <summary>The same with the port closed here while writes are queued and the device is gone.</summary>
        [Fact]
        public void Closing_a_serial_line_after_its_device_hung_up_returns()
        {
            if (!PseudoTerminal.IsSupported)
            {
                return;
            }

            Bounded.Run("closing a serial line after a hang-up", () =>
            {
                using var pty = PseudoTerminal.Open();
                IByteTransport master = pty.CreateMasterTransport();
                master.Open();
                var line = new SerialTransport(pty.SlavePath);
                using var closed = new ManualResetEventSlim(false);
                line.Closed += _ => closed.Set();
                line.Open();
                master.Dispose();
                pty.Dispose();
                for (int i = 0; i < 5; i++)
                {
                    // Whatever a write throws here (it must be RadioUnavailableException; see the test above), the
                    // point is the close that follows.
                    Assert.ThrowsAny<Exception>(() => line.Write(new byte[] { 0x7E, 0x81, 0x02, 0x7E }));
                }

                Assert.True(closed.Wait(TimeSpan.FromSeconds(10)), "the hang-up was never reported (the line's close hangs)");
                var dispose = Stopwatch.StartNew();
                line.Dispose();
                Assert.True(dispose.Elapsed < TimeSpan.FromSeconds(10), $"Dispose took {dispose.Elapsed}");
            }, TimeSpan.FromSeconds(60));
        }

        /// <summary>
        /// The RCP emulator's end never blocks when the host stops reading (a closed port, a busy host): what does
        /// not fit within a bound is dropped and counted, as on a line whose receiver is gone, so the emulator's loop
        /// keeps running and can be stopped.
        /// </summary>
        [Fact]
        public void The_emulator_end_of_a_pty_does_not_block_when_the_host_does_not_read()
        {
            if (!PseudoTerminal.IsSupported)
            {
                return;
            }

            Bounded.Run("writing to a pty nobody reads", () =>
            {
                using var pty = PseudoTerminal.Open();
                IByteTransport master = pty.CreateMasterTransport();
                master.Open();
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < 40; i++)
                {
                    master.Write(new byte[4096]); // 160 KB; a pty holds a few tens of KB
                    if (clock.Elapsed > TimeSpan.FromSeconds(8))
                    {
                        break; // dropping: each write waits at most its bound
                    }
                }

                Assert.True(master.IsOpen);
                var dispose = Stopwatch.StartNew();
                master.Dispose();
                Assert.True(dispose.Elapsed < TimeSpan.FromSeconds(5), $"Dispose took {dispose.Elapsed}");
            }, TimeSpan.FromSeconds(60));
        }
    }
}
