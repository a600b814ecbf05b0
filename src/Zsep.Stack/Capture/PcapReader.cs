using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;

namespace Zsep.Stack.Capture
{
    /// <summary>
    /// Reads IEEE 802.15.4 frames from capture files: classic libpcap (either byte order, microsecond or nanosecond
    /// timestamps) and pcapng (Section Header, Interface Description, Enhanced and Simple Packet blocks; per-interface
    /// if_tsresol), for link types 195 (with FCS), 230 (no FCS) and 283 (802.15.4 TAP: channel, RSS, LQI and FCS type
    /// from its TLVs). Records of other link types are skipped and counted in <see cref="Skipped"/>. A damaged file
    /// ends with one <see cref="CaptureFormatException"/> naming the offset; frames before it have been returned.
    /// </summary>
    public sealed class PcapReader
    {
        private const uint PcapMicro = 0xA1B2C3D4, PcapNano = 0xA1B23C4D;
        private const uint NgSectionHeader = 0x0A0D0D0A, NgByteOrder = 0x1A2B3C4D;
        private const int MaxRecord = 1 << 20;

        private readonly Stream _stream;
        private long _offset;

        public PcapReader(Stream stream)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        }

        /// <summary>Records whose link type does not carry IEEE 802.15.4 (or that are not packets), skipped.</summary>
        public int Skipped { get; private set; }

        public static IReadOnlyList<CapturedFrame> ReadAll(string path)
        {
            using FileStream file = File.OpenRead(path);
            var list = new List<CapturedFrame>();
            foreach (CapturedFrame frame in new PcapReader(file).Read())
            {
                list.Add(frame);
            }

            return list;
        }

        /// <summary>The frames, in file order, read as they are enumerated.</summary>
        public IEnumerable<CapturedFrame> Read()
        {
            byte[] head = new byte[4];
            if (!Fill(head, 4, allowEnd: true))
            {
                throw new CaptureFormatException(0, "the file is empty.");
            }

            uint magicLe = BinaryPrimitives.ReadUInt32LittleEndian(head);
            uint magicBe = BinaryPrimitives.ReadUInt32BigEndian(head);
            if (magicLe == NgSectionHeader)
            {
                return ReadPcapNg(head);
            }

            if (magicLe == PcapMicro || magicLe == PcapNano || magicBe == PcapMicro || magicBe == PcapNano)
            {
                bool big = magicBe == PcapMicro || magicBe == PcapNano;
                bool nano = (big ? magicBe : magicLe) == PcapNano;
                return ReadPcap(big, nano);
            }

            throw new CaptureFormatException(0, $"unknown magic number 0x{magicLe:X8}; expected pcap (A1B2C3D4) or pcapng (0A0D0D0A).");
        }

        private IEnumerable<CapturedFrame> ReadPcap(bool bigEndian, bool nano)
        {
            byte[] rest = new byte[20];
            Fill(rest, 20, allowEnd: false);
            int linkType = (int)(U32(rest, 16, bigEndian) & 0x0FFFFFFF);
            byte[] header = new byte[16];
            int number = 0;
            while (true)
            {
                long recordAt = _offset;
                if (!Fill(header, 16, allowEnd: true))
                {
                    yield break;
                }

                uint seconds = U32(header, 0, bigEndian);
                uint fraction = U32(header, 4, bigEndian);
                uint included = U32(header, 8, bigEndian);
                if (included > MaxRecord)
                {
                    throw new CaptureFormatException(recordAt + 8, $"a record claims {included} bytes.");
                }

                byte[] data = new byte[included];
                Fill(data, (int)included, allowEnd: false);
                number++;
                DateTimeOffset time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nano ? fraction / 100 : fraction * 10L);
                CapturedFrame? frame = Frame(number, time, linkType, data, recordAt + 16);
                if (frame is null)
                {
                    Skipped++;
                    continue;
                }

                yield return frame;
            }
        }

        private IEnumerable<CapturedFrame> ReadPcapNg(byte[] firstType)
        {
            bool big = false;
            var interfaces = new List<(int LinkType, long TicksPerUnit, long UnitsPerSecond)>();
            byte[] blockHead = new byte[8];
            firstType.CopyTo(blockHead, 0);
            bool haveType = true;
            int number = 0;
            while (true)
            {
                long blockAt = _offset - (haveType ? 4 : 0);
                if (haveType)
                {
                    Fill(blockHead, 4, allowEnd: false, at: 4);
                }
                else if (!Fill(blockHead, 8, allowEnd: true))
                {
                    yield break;
                }

                haveType = false;
                uint type = BinaryPrimitives.ReadUInt32LittleEndian(blockHead);
                if (type == NgSectionHeader)
                {
                    byte[] order = new byte[4];
                    Fill(order, 4, allowEnd: false);
                    if (BinaryPrimitives.ReadUInt32LittleEndian(order) == NgByteOrder)
                    {
                        big = false;
                    }
                    else if (BinaryPrimitives.ReadUInt32BigEndian(order) == NgByteOrder)
                    {
                        big = true;
                    }
                    else
                    {
                        throw new CaptureFormatException(blockAt + 8, "the pcapng byte-order magic is wrong.");
                    }

                    interfaces.Clear();
                    uint shbLength = U32(blockHead, 4, big);
                    if (shbLength < 28 || shbLength > MaxRecord || shbLength % 4 != 0)
                    {
                        throw new CaptureFormatException(blockAt + 4, $"a section header block of {shbLength} bytes.");
                    }

                    Skip(shbLength - 12);
                    continue;
                }

                type = U32(blockHead, 0, big);
                uint length = U32(blockHead, 4, big);
                if (length < 12 || length > MaxRecord || length % 4 != 0)
                {
                    throw new CaptureFormatException(blockAt + 4, $"a block (type {type}) of {length} bytes.");
                }

                byte[] body = new byte[length - 12];
                Fill(body, body.Length, allowEnd: false);
                Skip(4); // trailing block length
                long bodyAt = blockAt + 8;
                switch (type)
                {
                    case 1: // Interface Description Block
                        if (body.Length < 8)
                        {
                            throw new CaptureFormatException(bodyAt, "an interface description block is too short.");
                        }

                        interfaces.Add((U16(body, 0, big), 10, 1_000_000));
                        ApplyTsResol(body, 8, big, interfaces);
                        break;
                    case 6: // Enhanced Packet Block
                    {
                        if (body.Length < 20)
                        {
                            throw new CaptureFormatException(bodyAt, "an enhanced packet block is too short.");
                        }

                        int id = (int)U32(body, 0, big);
                        uint captured = U32(body, 12, big);
                        if (id >= interfaces.Count)
                        {
                            throw new CaptureFormatException(bodyAt, $"a packet names interface {id}, which is not described.");
                        }

                        if (captured > body.Length - 20)
                        {
                            throw new CaptureFormatException(bodyAt + 12, $"a packet claims {captured} bytes in a block of {body.Length}.");
                        }

                        ulong units = ((ulong)U32(body, 4, big) << 32) | U32(body, 8, big);
                        var (linkType, _, perSecond) = interfaces[id];
                        DateTimeOffset time = DateTimeOffset.FromUnixTimeSeconds((long)(units / (ulong)perSecond))
                            .AddTicks((long)((units % (ulong)perSecond) * (ulong)TimeSpan.TicksPerSecond / (ulong)perSecond));
                        byte[] data = new byte[captured];
                        Array.Copy(body, 20, data, 0, captured);
                        number++;
                        CapturedFrame? frame = Frame(number, time, linkType, data, bodyAt + 20);
                        if (frame is null)
                        {
                            Skipped++;
                        }
                        else
                        {
                            yield return frame;
                        }

                        break;
                    }

                    case 3: // Simple Packet Block
                    {
                        if (interfaces.Count == 0 || body.Length < 4)
                        {
                            throw new CaptureFormatException(bodyAt, "a simple packet block without an interface.");
                        }

                        uint original = U32(body, 0, big);
                        int captured = (int)Math.Min(original, (uint)(body.Length - 4));
                        byte[] data = new byte[captured];
                        Array.Copy(body, 4, data, 0, captured);
                        number++;
                        CapturedFrame? frame = Frame(number, DateTimeOffset.FromUnixTimeSeconds(0), interfaces[0].LinkType, data, bodyAt + 4);
                        if (frame is null)
                        {
                            Skipped++;
                        }
                        else
                        {
                            yield return frame;
                        }

                        break;
                    }

                    default:
                        break; // name resolution, statistics, custom blocks: nothing to decode
                }
            }
        }

        /// <summary>if_tsresol (option 9): a power of ten, or of two when the top bit is set.</summary>
        private static void ApplyTsResol(byte[] body, int at, bool big, List<(int LinkType, long TicksPerUnit, long UnitsPerSecond)> interfaces)
        {
            while (at + 4 <= body.Length)
            {
                int code = U16(body, at, big);
                int length = U16(body, at + 2, big);
                if (code == 0 || at + 4 + length > body.Length)
                {
                    return;
                }

                if (code == 9 && length >= 1)
                {
                    byte resol = body[at + 4];
                    int exponent = resol & 0x7F;
                    long perSecond = 1;
                    for (int i = 0; i < exponent && perSecond < 1_000_000_000_000L; i++)
                    {
                        perSecond *= (resol & 0x80) != 0 ? 2 : 10;
                    }

                    var last = interfaces[interfaces.Count - 1];
                    interfaces[interfaces.Count - 1] = (last.LinkType, last.TicksPerUnit, Math.Max(1, perSecond));
                }

                at += 4 + ((length + 3) & ~3);
            }
        }

        /// <summary>One record's bytes by link type; null when the link type does not carry 802.15.4.</summary>
        private static CapturedFrame? Frame(int number, DateTimeOffset time, int linkType, byte[] data, long dataAt)
        {
            switch ((CaptureLinkType)linkType)
            {
                case CaptureLinkType.Ieee802154WithFcs:
                    return new CapturedFrame { Number = number, Time = time, Psdu = data, HasFcs = true, LinkType = CaptureLinkType.Ieee802154WithFcs };
                case CaptureLinkType.Ieee802154NoFcs:
                    return new CapturedFrame { Number = number, Time = time, Psdu = data, HasFcs = false, LinkType = CaptureLinkType.Ieee802154NoFcs };
                case CaptureLinkType.Ieee802154Tap:
                    return Tap(number, time, data, dataAt);
                default:
                    return null;
            }
        }

        private static CapturedFrame Tap(int number, DateTimeOffset time, byte[] data, long dataAt)
        {
            if (data.Length < 4 || data[0] != 0)
            {
                throw new CaptureFormatException(dataAt, "an 802.15.4 TAP header of an unknown version or too short.");
            }

            int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(2));
            if (headerLength < 4 || headerLength > data.Length)
            {
                throw new CaptureFormatException(dataAt + 2, $"an 802.15.4 TAP header length of {headerLength} in a record of {data.Length} bytes.");
            }

            bool hasFcs = true;
            byte? channel = null, lqi = null;
            float? rssi = null;
            int at = 4;
            while (at + 4 <= headerLength)
            {
                int type = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(at));
                int length = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(at + 2));
                int padded = (length + 3) & ~3;
                if (at + 4 + padded > headerLength)
                {
                    throw new CaptureFormatException(dataAt + at, $"an 802.15.4 TAP TLV (type {type}) runs past the header.");
                }

                ReadOnlySpan<byte> value = data.AsSpan(at + 4, length);
                switch (type)
                {
                    case 0 when length >= 1:
                        hasFcs = value[0] != 0;
                        break;
                    case 1 when length >= 4:
                        rssi = BitConverter.ToSingle(BitConverter.GetBytes(BinaryPrimitives.ReadInt32LittleEndian(value)), 0);
                        break;
                    case 3 when length >= 2:
                        ushort ch = BinaryPrimitives.ReadUInt16LittleEndian(value);
                        channel = ch <= 255 ? (byte)ch : null;
                        break;
                    case 10 when length >= 1:
                        lqi = value[0];
                        break;
                }

                at += 4 + padded;
            }

            byte[] psdu = data.AsSpan(headerLength).ToArray();
            return new CapturedFrame
            {
                Number = number, Time = time, Psdu = psdu, HasFcs = hasFcs, Channel = channel, Rssi = rssi, Lqi = lqi,
                LinkType = CaptureLinkType.Ieee802154Tap,
            };
        }

        private bool Fill(byte[] buffer, int count, bool allowEnd, int at = 0)
        {
            int read = 0;
            while (read < count)
            {
                int n = _stream.Read(buffer, at + read, count - read);
                if (n == 0)
                {
                    if (allowEnd && read == 0)
                    {
                        return false;
                    }

                    throw new CaptureFormatException(_offset + read, $"the file ends inside a record ({count - read} more bytes expected).");
                }

                read += n;
            }

            _offset += count;
            return true;
        }

        private void Skip(long count)
        {
            byte[] scratch = new byte[Math.Min(count, 4096)];
            while (count > 0)
            {
                int n = (int)Math.Min(count, scratch.Length);
                Fill(scratch, n, allowEnd: false);
                count -= n;
            }
        }

        private static uint U32(byte[] b, int at, bool big) =>
            big ? BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));

        private static int U16(byte[] b, int at, bool big) =>
            big ? BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at));
    }
}
