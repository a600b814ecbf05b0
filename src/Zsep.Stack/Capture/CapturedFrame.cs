using System;

namespace Zsep.Stack.Capture
{
    /// <summary>The link-layer header types of a capture file that carry IEEE 802.15.4 frames (tcpdump.org link types).</summary>
    public enum CaptureLinkType
    {
        /// <summary>LINKTYPE_IEEE802_15_4_WITHFCS (195): the PSDU with its 2-byte FCS.</summary>
        Ieee802154WithFcs = 195,

        /// <summary>LINKTYPE_IEEE802_15_4_NOFCS (230): the PSDU without FCS.</summary>
        Ieee802154NoFcs = 230,

        /// <summary>LINKTYPE_IEEE802_15_4_TAP (283): a TLV header (channel, RSS, LQI, FCS type) before the PSDU.</summary>
        Ieee802154Tap = 283,
    }

    /// <summary>Whether a captured frame went out of the gateway's radio or came in.</summary>
    public enum CaptureDirection
    {
        Unknown = 0,
        Received = 1,
        Sent = 2,
    }

    /// <summary>
    /// One IEEE 802.15.4 frame of a capture file: the PSDU as on the air and what the capture header says about it.
    /// <see cref="Psdu"/> includes the FCS when <see cref="HasFcs"/> is set.
    /// </summary>
    public sealed record CapturedFrame
    {
        /// <summary>The frame's 1-based position in its file.</summary>
        public int Number { get; init; }

        public DateTimeOffset Time { get; init; }

        public byte[] Psdu { get; init; } = Array.Empty<byte>();

        /// <summary>True when <see cref="Psdu"/> ends with the 2-byte FCS.</summary>
        public bool HasFcs { get; init; }

        public byte? Channel { get; init; }

        /// <summary>Received signal strength in dBm (TAP RSS), when the capture gives it.</summary>
        public float? Rssi { get; init; }

        public byte? Lqi { get; init; }

        public CaptureDirection Direction { get; init; }

        public CaptureLinkType LinkType { get; init; }
    }

    /// <summary>A capture file that cannot be read: the message names the file offset and what is wrong.</summary>
    public sealed class CaptureFormatException : Exception
    {
        public CaptureFormatException(long offset, string reason)
            : base($"Not a readable capture at byte {offset}: {reason}")
        {
            Offset = offset;
            Reason = reason;
        }

        public long Offset { get; }

        public string Reason { get; }
    }
}
