using System;
using System.Buffers.Binary;
using System.IO;
using Zsep.Stack.Mac;

namespace Zsep.Stack.Capture
{
    /// <summary>
    /// Writes a classic libpcap file (tcpdump.org "pcap" format: 24-byte global header, 16-byte record headers,
    /// microsecond timestamps, little-endian) with link type LINKTYPE_IEEE802_15_4_TAP (283). Each record carries the
    /// IEEE 802.15.4 TAP header (github.com/jkcko/ieee802.15.4-tap: version 0, reserved, total header length, then
    /// TLVs padded to 4 bytes: FCS type 0, RSS 1 as float dBm, channel assignment 3 as channel + page, LQI 10) and the
    /// PSDU with its 16-bit FCS, as on the air. Wireshark opens it and hands the frame to its 802.15.4 dissector.
    /// </summary>
    public sealed class PcapWriter : IDisposable
    {
        public const uint Magic = 0xA1B2C3D4;
        private const int TlvFcsType = 0, TlvRss = 1, TlvChannel = 3, TlvLqi = 10;
        private static readonly long UnixEpochTicks = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero).Ticks;

        private readonly Stream _stream;
        private readonly bool _ownsStream;
        private readonly byte[] _record = new byte[16 + 32 + 127 + 2];
        private bool _disposed;

        public PcapWriter(Stream stream, bool ownsStream = true)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            _ownsStream = ownsStream;
            Span<byte> header = stackalloc byte[24];
            BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
            BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(4), 2);
            BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(6), 4);
            BinaryPrimitives.WriteInt32LittleEndian(header.Slice(8), 0);
            BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(12), 0);
            BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(16), 65535);
            BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(20), (uint)CaptureLinkType.Ieee802154Tap);
            _stream.Write(header.ToArray(), 0, header.Length);
        }

        /// <summary>Frames written so far.</summary>
        public int Frames { get; private set; }

        /// <summary>Bytes written so far, headers included.</summary>
        public long Bytes => _stream.CanSeek ? _stream.Length : 24 + _written;

        private long _written;

        /// <summary>
        /// Writes one frame. <paramref name="psdu"/> is the MAC frame without FCS (as the radio seam carries it); the
        /// FCS is computed and appended so the record is what was on the air.
        /// </summary>
        public void Write(DateTimeOffset time, ReadOnlySpan<byte> psdu, byte channel, float? rssi, byte? lqi)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(PcapWriter));
            }

            if (psdu.Length > 125)
            {
                throw new ArgumentException($"An IEEE 802.15.4 PSDU is at most 127 bytes with its FCS; {psdu.Length} were given.", nameof(psdu));
            }

            int tap = 4 + 8 + 8 + (rssi.HasValue ? 8 : 0) + (lqi.HasValue ? 8 : 0);
            int length = tap + psdu.Length + 2;
            Span<byte> r = _record.AsSpan(0, 16 + length);
            r.Clear();
            long ticks = time.ToUniversalTime().Ticks - UnixEpochTicks;
            BinaryPrimitives.WriteUInt32LittleEndian(r, (uint)(ticks / TimeSpan.TicksPerSecond));
            BinaryPrimitives.WriteUInt32LittleEndian(r.Slice(4), (uint)(ticks % TimeSpan.TicksPerSecond / 10));
            BinaryPrimitives.WriteUInt32LittleEndian(r.Slice(8), (uint)length);
            BinaryPrimitives.WriteUInt32LittleEndian(r.Slice(12), (uint)length);
            Span<byte> p = r.Slice(16);
            p[0] = 0; // TAP version
            p[1] = 0; // reserved
            BinaryPrimitives.WriteUInt16LittleEndian(p.Slice(2), (ushort)tap);
            int at = 4;
            at = Tlv(p, at, TlvFcsType, 1);
            p[at - 4] = 1; // 16-bit ITU-T CRC
            at = Tlv(p, at, TlvChannel, 3);
            BinaryPrimitives.WriteUInt16LittleEndian(p.Slice(at - 4), channel);
            p[at - 2] = 0; // channel page 0 (2.4 GHz O-QPSK)
            if (rssi is float dbm)
            {
                at = Tlv(p, at, TlvRss, 4);
                BinaryPrimitives.WriteInt32LittleEndian(p.Slice(at - 4), SingleToInt32Bits(dbm));
            }

            if (lqi is byte quality)
            {
                at = Tlv(p, at, TlvLqi, 1);
                p[at - 4] = quality;
            }

            psdu.CopyTo(p.Slice(at));
            MacFcs.Write(psdu, p.Slice(at + psdu.Length));
            _stream.Write(_record, 0, 16 + length);
            _written += 16 + length;
            Frames++;
        }

        public void Flush() => _stream.Flush();

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _stream.Flush();
            if (_ownsStream)
            {
                _stream.Dispose();
            }
        }

        /// <summary>Writes a TLV header; returns the offset after its 4-byte-padded value (the value starts 4 bytes earlier for values up to 4 bytes).</summary>
        private static int Tlv(Span<byte> p, int at, int type, int length)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(p.Slice(at), (ushort)type);
            BinaryPrimitives.WriteUInt16LittleEndian(p.Slice(at + 2), (ushort)length);
            return at + 8;
        }

        private static int SingleToInt32Bits(float value) => BitConverter.ToInt32(BitConverter.GetBytes(value), 0);
    }
}
