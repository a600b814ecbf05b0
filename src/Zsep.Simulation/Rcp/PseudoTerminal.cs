using System;
using System.Runtime.InteropServices;
using System.Threading;
using Zsep.Radio.Transport;

namespace Zsep.Simulation.Rcp
{
    /// <summary>
    /// A real pseudo-terminal pair (openpty(3)): the driver opens the slave path (/dev/pts/N) with System.IO.Ports
    /// exactly as it would open /dev/ttyACM0, and the RCP emulator serves the master end. The slave is put in raw
    /// mode at once (cfmakeraw), so nothing is echoed or translated before the serial port is opened; a slave
    /// descriptor stays open here so the master does not see a hang-up while the port is closed and reopened.
    /// </summary>
    public sealed class PseudoTerminal : IDisposable
    {
        private int _slaveFd;
        private int _masterTaken;

        private PseudoTerminal(int master, int slave, string path)
        {
            MasterFd = master;
            _slaveFd = slave;
            SlavePath = path;
        }

        public static bool IsSupported => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

        // Linux only: the P/Invoke names glibc's libc.so.6 (openpty is in libc since glibc 2.34).

        public int MasterFd { get; }

        /// <summary>/dev/pts/N.</summary>
        public string SlavePath { get; }

        public static PseudoTerminal Open()
        {
            if (Native.openpty(out int master, out int slave, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero) != 0)
            {
                throw new InvalidOperationException($"openpty failed: errno {Marshal.GetLastWin32Error()}");
            }

            byte[] termios = new byte[256];
            if (Native.tcgetattr(slave, termios) != 0)
            {
                throw new InvalidOperationException("tcgetattr failed");
            }

            Native.cfmakeraw(termios);
            if (Native.tcsetattr(slave, 0, termios) != 0)
            {
                throw new InvalidOperationException("tcsetattr failed");
            }

            var name = new byte[256];
            if (Native.ttyname_r(slave, name, (UIntPtr)name.Length) != 0)
            {
                throw new InvalidOperationException("ttyname_r failed");
            }

            string path = System.Text.Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
            return new PseudoTerminal(master, slave, path);
        }

        /// <summary>The master end as a transport (for the emulator). Disposing it closes the master: the port is "unplugged".</summary>
        public IByteTransport CreateMasterTransport()
        {
            // The transport owns the descriptor and closes it: a second owner would close it twice.
            if (Interlocked.Exchange(ref _masterTaken, 1) != 0)
            {
                throw new InvalidOperationException($"The master of {SlavePath} has a transport already.");
            }

            return new MasterTransport(MasterFd, SlavePath);
        }

        public void Dispose()
        {
            int fd = Interlocked.Exchange(ref _slaveFd, -1);
            if (fd >= 0)
            {
                Native.close(fd);
            }

            // A master no transport took is ours to close (a transport closes the one it took).
            if (Interlocked.Exchange(ref _masterTaken, 1) == 0)
            {
                Native.close(MasterFd);
            }
        }

        /// <summary>
        /// The master end, as a UART on the radio's side sees its line: writes never block for long (the master is
        /// non-blocking; bytes the host does not read within <see cref="WriteLimit"/> are lost, as on a line whose
        /// receiver stopped reading, and counted), and the descriptor is held by a <see cref="SafeHandle"/> so that
        /// closing it while the reader polls or a write is under way never lets a later open() reuse the number under
        /// their feet (a stale read or write would otherwise land on whatever the process opened next).
        /// </summary>
        private sealed class MasterTransport : ThreadedTransport
        {
            /// <summary>How long a write waits for the host to make room before the rest of it is dropped.</summary>
            private static readonly TimeSpan WriteLimit = TimeSpan.FromSeconds(2);

            private readonly FdHandle _fd;
            private readonly ManualResetEventSlim _closing = new ManualResetEventSlim(false);
            private long _dropped;
            private volatile bool _stalled;

            public MasterTransport(int fd, string slave)
                : base("pty-master:" + slave)
            {
                _fd = new FdHandle(fd);
            }

            /// <summary>Bytes dropped because the host did not read them in time.</summary>
            public long BytesDropped => Interlocked.Read(ref _dropped);

            protected override void OpenCore()
            {
                int flags = Native.fcntl(_fd.Fd, Native.F_GETFL, 0);
                if (flags < 0 || Native.fcntl(_fd.Fd, Native.F_SETFL, flags | Native.O_NONBLOCK) < 0)
                {
                    throw new System.IO.IOException($"fcntl(O_NONBLOCK) on the pty master failed: errno {Marshal.GetLastWin32Error()}");
                }
            }

            protected override int ReadCore(byte[] buffer)
            {
                bool held = false;
                try
                {
                    _fd.DangerousAddRef(ref held);
                }
                catch (ObjectDisposedException)
                {
                    return -1;
                }

                try
                {
                    var poll = new Native.PollFd { Fd = _fd.Fd, Events = Native.POLLIN };
                    int ready = Native.poll(ref poll, 1, 200);
                    if (ready <= 0)
                    {
                        return 0;
                    }

                    long n = (long)Native.read(_fd.Fd, buffer, (UIntPtr)buffer.Length);
                    if (n >= 0)
                    {
                        return (int)n;
                    }

                    int errno = Marshal.GetLastWin32Error();
                    if (errno == Native.EIO)
                    {
                        // No slave is open just now (the port is being reopened): poll reports a hang-up at once, so
                        // wait a little rather than spin, and wake at once when closed here.
                        _closing.Wait(50);
                        return 0;
                    }

                    return errno == Native.EAGAIN || errno == Native.EINTR ? 0 : -1;
                }
                finally
                {
                    if (held)
                    {
                        _fd.DangerousRelease();
                    }
                }
            }

            protected override void WriteCore(byte[] data)
            {
                bool held = false;
                try
                {
                    _fd.DangerousAddRef(ref held);
                }
                catch (ObjectDisposedException ex)
                {
                    throw new System.IO.IOException("The pty master is closed.", ex);
                }

                try
                {
                    int offset = 0;
                    var waited = System.Diagnostics.Stopwatch.StartNew(); // wall time: a bound on I/O, not stack timing
                    while (offset < data.Length)
                    {
                        byte[] rest = offset == 0 ? data : data.AsSpan(offset).ToArray();
                        long n = (long)Native.write(_fd.Fd, rest, (UIntPtr)rest.Length);
                        if (n > 0)
                        {
                            offset += (int)n;
                            _stalled = false;
                            continue;
                        }

                        if (n == 0)
                        {
                            if (waited.Elapsed <= WriteLimit && !_closing.IsSet)
                            {
                                continue;
                            }

                            _stalled = true;
                            Interlocked.Add(ref _dropped, data.Length - offset);
                            return;
                        }

                        int errno = Marshal.GetLastWin32Error();
                        if (errno != Native.EAGAIN && errno != Native.EINTR)
                        {
                            throw new System.IO.IOException($"write to the pty master failed: errno {errno}");
                        }

                        if (_stalled || waited.Elapsed > WriteLimit || _closing.IsSet)
                        {
                            // The host has not read for a while: what it does not take is lost, as on a real line,
                            // and so is what follows at once, until the host reads again.
                            _stalled = true;
                            Interlocked.Add(ref _dropped, data.Length - offset);
                            return;
                        }

                        var poll = new Native.PollFd { Fd = _fd.Fd, Events = Native.POLLOUT };
                        Native.poll(ref poll, 1, 100);
                    }
                }
                finally
                {
                    if (held)
                    {
                        _fd.DangerousRelease();
                    }
                }
            }

            protected override void CloseCore()
            {
                _closing.Set();
                _fd.Dispose(); // closes the descriptor once no read or write holds it
            }
        }

        /// <summary>A file descriptor closed exactly once, after the last use in progress ends.</summary>
        private sealed class FdHandle : SafeHandle
        {
            public FdHandle(int fd)
                : base(new IntPtr(-1), ownsHandle: true)
            {
                SetHandle(new IntPtr(fd));
            }

            public int Fd => (int)handle;

            public override bool IsInvalid => handle == new IntPtr(-1);

            protected override bool ReleaseHandle() => Native.close((int)handle) == 0;
        }

        private static class Native
        {
            public const short POLLIN = 1;
            public const short POLLOUT = 4;
            public const int EINTR = 4;
            public const int EIO = 5;
            public const int EAGAIN = 11;
            public const int F_GETFL = 3;
            public const int F_SETFL = 4;
            public const int O_NONBLOCK = 0x800; // Linux (x86-64 and arm64): 04000


            [StructLayout(LayoutKind.Sequential)]
            public struct PollFd
            {
                public int Fd;
                public short Events;
                public short Revents;
            }

            [DllImport("libc.so.6", SetLastError = true)]
            public static extern int openpty(out int amaster, out int aslave, IntPtr name, IntPtr termp, IntPtr winp);

            [DllImport("libc.so.6", SetLastError = true)]
            public static extern int tcgetattr(int fd, byte[] termios);

            [DllImport("libc.so.6", SetLastError = true)]
            public static extern int tcsetattr(int fd, int optionalActions, byte[] termios);

            [DllImport("libc.so.6")]
            public static extern void cfmakeraw(byte[] termios);

            [DllImport("libc.so.6", SetLastError = true)]
            public static extern int ttyname_r(int fd, byte[] buffer, UIntPtr length);

            [DllImport("libc.so.6", SetLastError = true)]
            public static extern int poll(ref PollFd fds, ulong count, int timeoutMs);

            [DllImport("libc.so.6", SetLastError = true)]
            public static extern IntPtr read(int fd, byte[] buffer, UIntPtr count);

            [DllImport("libc.so.6", SetLastError = true)]
            public static extern IntPtr write(int fd, byte[] buffer, UIntPtr count);

            [DllImport("libc.so.6", SetLastError = true)]
            public static extern int close(int fd);

            [DllImport("libc.so.6", SetLastError = true)]
            public static extern int fcntl(int fd, int command, int argument);
        }
    }
}
