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
        public IByteTransport CreateMasterTransport() => new MasterTransport(MasterFd, SlavePath);

        public void Dispose()
        {
            int fd = Interlocked.Exchange(ref _slaveFd, -1);
            if (fd >= 0)
            {
                Native.close(fd);
            }
        }

        private sealed class MasterTransport : ThreadedTransport
        {
            private int _fd;

            public MasterTransport(int fd, string slave)
                : base("pty-master:" + slave)
            {
                _fd = fd;
            }

            protected override void OpenCore()
            {
            }

            protected override int ReadCore(byte[] buffer)
            {
                int fd = Volatile.Read(ref _fd);
                if (fd < 0)
                {
                    return -1;
                }

                var poll = new Native.PollFd { Fd = fd, Events = 1 /* POLLIN */ };
                int ready = Native.poll(ref poll, 1, 200);
                if (ready <= 0)
                {
                    return 0;
                }

                long n = (long)Native.read(fd, buffer, (UIntPtr)buffer.Length);
                if (n < 0)
                {
                    int errno = Marshal.GetLastWin32Error();
                    // EIO: no slave is open just now (the port is being reopened); wait for one.
                    return errno == 5 || errno == 11 || errno == 4 ? 0 : -1;
                }

                return (int)n;
            }

            protected override void WriteCore(byte[] data)
            {
                int offset = 0;
                {
                    while (offset < data.Length)
                    {
                        byte[] rest = offset == 0 ? data : data.AsSpan(offset).ToArray();
                        long n = (long)Native.write(_fd, rest, (UIntPtr)rest.Length);
                        if (n < 0)
                        {
                            int errno = Marshal.GetLastWin32Error();
                            if (errno == 11 || errno == 4)
                            {
                                var poll = new Native.PollFd { Fd = _fd, Events = 4 /* POLLOUT */ };
                                Native.poll(ref poll, 1, 100);
                                continue;
                            }

                            throw new System.IO.IOException($"write to the pty master failed: errno {errno}");
                        }

                        offset += (int)n;
                    }
                }
            }

            protected override void CloseCore()
            {
                int fd = Interlocked.Exchange(ref _fd, -1);
                if (fd >= 0)
                {
                    Native.close(fd);
                }
            }
        }

        private static class Native
        {
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
        }
    }
}
