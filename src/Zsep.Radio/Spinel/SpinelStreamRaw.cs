using System;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;

namespace Zsep.Radio.Spinel
{
    /// <summary>Flags of the STREAM_RAW frame metadata (spinel.h <c>SPINEL_MD_FLAG_*</c>).</summary>
    [Flags]
    public enum SpinelMetadataFlags : ushort
    {
        None = 0,

        /// <summary>The frame was transmitted, not received.</summary>
        Tx = 0x0001,

        /// <summary>The frame was received with a bad FCS.</summary>
        BadFcs = 0x0004,

        /// <summary>The frame seems to be a duplicate.</summary>
        Dupe = 0x0008,

        /// <summary>The frame was acknowledged with frame pending set.</summary>
        AckedFramePending = 0x0010,

        /// <summary>The frame was acknowledged with a secure enhanced ACK.</summary>
        AckedSecure = 0x0020,
    }

    /// <summary>
    /// The value of a PROP_VALUE_IS STREAM_RAW from the radio: a received 802.15.4 frame and its metadata
    /// (draft-rquattle-spinel-unified section 5 "Properties", PROP_STREAM_RAW, format <c>dD</c>; metadata layout as OpenThread
    /// writes it in NcpBase::PackRadioFrame):
    /// <code>
    ///   d  MAC frame (uint16 length + PSDU including the 2-byte FCS)
    ///   c  RSSI dBm (default -128)       c  noise floor dBm (default -128)      S  flags
    ///   t( C channel  C LQI  X timestamp µs )      PHY data
    ///   t( i receive error (otError) )            vendor data
    ///   t( C ACK key id  L ACK frame counter )    MAC data
    /// </code>
    /// Metadata may be empty or stop after any field ("partially specified metadata MUST be accepted"); absent fields
    /// are null (RSSI, noise floor and flags take their defaults). A struct longer than the fields known here is
    /// accepted. The raw metadata bytes are kept in <see cref="Metadata"/>, so the value re-encodes exactly.
    /// </summary>
    public sealed class SpinelStreamRawReceived
    {
        /// <summary>The RSSI and noise floor reported when the metadata leaves them out.</summary>
        public const sbyte UnknownPower = -128;

        private SpinelStreamRawReceived(byte[] macFrame, byte[] metadata)
        {
            MacFrame = macFrame;
            Metadata = metadata;
        }

        /// <summary>The 802.15.4 PSDU: MAC header, payload and FCS.</summary>
        public byte[] MacFrame { get; }

        /// <summary>Received signal strength in dBm.</summary>
        public sbyte Rssi { get; private set; } = UnknownPower;

        /// <summary>Noise floor in dBm (-128 when the radio does not measure it).</summary>
        public sbyte NoiseFloor { get; private set; } = UnknownPower;

        public SpinelMetadataFlags Flags { get; private set; }

        /// <summary>PHY data: the channel the frame was received on.</summary>
        public byte? Channel { get; private set; }

        /// <summary>PHY data: IEEE 802.15.4 link quality indicator.</summary>
        public byte? Lqi { get; private set; }

        /// <summary>PHY data: receive timestamp in microseconds (radio clock).</summary>
        public ulong? Timestamp { get; private set; }

        /// <summary>Vendor data: the receive error (an OpenThread otError, 0 = none).</summary>
        public uint? ReceiveError { get; private set; }

        /// <summary>MAC data: key id of the auxiliary header of the ACK sent for this frame.</summary>
        public byte? AckKeyId { get; private set; }

        /// <summary>MAC data: frame counter of the auxiliary header of the ACK sent for this frame.</summary>
        public uint? AckFrameCounter { get; private set; }

        /// <summary>The metadata bytes as received (everything after the MAC frame).</summary>
        public byte[] Metadata { get; }

        /// <summary>Decodes the value of a STREAM_RAW PROP_VALUE_IS (the bytes after the property id).</summary>
        public static SpinelStreamRawReceived Decode(ReadOnlySpan<byte> value)
        {
            var reader = new FrameReader(value, FrameLayer.Spinel);
            ushort length = reader.ReadUInt16("StreamRaw.FrameLength");
            byte[] mac = reader.ReadArray(length, "StreamRaw.Frame");
            var result = new SpinelStreamRawReceived(mac, reader.Rest.ToArray());
            result.ReadMetadata(ref reader);
            return result;
        }

        /// <summary>As <see cref="Decode"/>, returning false with the error instead of throwing.</summary>
        public static bool TryDecode(ReadOnlySpan<byte> value, out SpinelStreamRawReceived? result, out FrameFormatException? error) =>
            FrameCodec.TryDecode(value, Decode, out result, out error);

        /// <summary>
        /// Builds a value with metadata in OpenThread's layout: RSSI, noise floor and flags always; each struct written
        /// when one of its fields (or a later struct) is given, up to its last given field, earlier gaps as zero.
        /// </summary>
        public static SpinelStreamRawReceived Create(
            byte[] macFrame,
            sbyte rssi = UnknownPower,
            sbyte noiseFloor = UnknownPower,
            SpinelMetadataFlags flags = SpinelMetadataFlags.None,
            byte? channel = null,
            byte? lqi = null,
            ulong? timestamp = null,
            uint? receiveError = null,
            byte? ackKeyId = null,
            uint? ackFrameCounter = null)
        {
            if (macFrame == null)
            {
                throw new ArgumentNullException(nameof(macFrame));
            }

            if (macFrame.Length > ushort.MaxValue)
            {
                throw new ArgumentException("A MAC frame is at most 65535 bytes here.", nameof(macFrame));
            }

            if (receiveError.HasValue)
            {
                SpinelPackedUInt.CheckRange(receiveError.Value);
            }

            bool macData = ackKeyId.HasValue || ackFrameCounter.HasValue;
            bool vendorData = macData || receiveError.HasValue;
            bool phyData = vendorData || channel.HasValue || lqi.HasValue || timestamp.HasValue;

            Span<byte> buffer = stackalloc byte[64];
            var writer = new FrameWriter(buffer);
            writer.WriteSByte(rssi);
            writer.WriteSByte(noiseFloor);
            writer.WriteUInt16((ushort)flags);
            if (phyData)
            {
                int lengthAt = writer.Reserve(2);
                int start = writer.Position;
                int fields = timestamp.HasValue ? 3 : lqi.HasValue ? 2 : channel.HasValue ? 1 : 0;
                if (fields >= 1)
                {
                    writer.WriteByte(channel ?? 0);
                }

                if (fields >= 2)
                {
                    writer.WriteByte(lqi ?? 0);
                }

                if (fields >= 3)
                {
                    writer.WriteUInt64(timestamp ?? 0);
                }

                WriteLength(ref writer, lengthAt, start);
            }

            if (vendorData)
            {
                int lengthAt = writer.Reserve(2);
                int start = writer.Position;
                if (receiveError.HasValue)
                {
                    SpinelPackedUInt.Write(ref writer, receiveError.Value);
                }

                WriteLength(ref writer, lengthAt, start);
            }

            if (macData)
            {
                int lengthAt = writer.Reserve(2);
                int start = writer.Position;
                writer.WriteByte(ackKeyId ?? 0);
                if (ackFrameCounter.HasValue)
                {
                    writer.WriteUInt32(ackFrameCounter.Value);
                }

                WriteLength(ref writer, lengthAt, start);
            }

            var result = new SpinelStreamRawReceived((byte[])macFrame.Clone(), writer.Written.ToArray());
            var reader = new FrameReader(result.Metadata, FrameLayer.Spinel);
            result.ReadMetadata(ref reader);
            return result;
        }

        public int EncodedLength => 2 + MacFrame.Length + Metadata.Length;

        /// <summary>Writes the STREAM_RAW value and returns the bytes written.</summary>
        public int Encode(Span<byte> destination)
        {
            var writer = new FrameWriter(destination);
            writer.WriteUInt16((ushort)MacFrame.Length);
            writer.WriteBytes(MacFrame);
            writer.WriteBytes(Metadata);
            return writer.Position;
        }

        public byte[] ToArray()
        {
            var result = new byte[EncodedLength];
            Encode(result);
            return result;
        }

        /// <summary>The PROP_VALUE_IS STREAM_RAW frame carrying this value (as the radio sends it).</summary>
        public SpinelFrame ToFrame(byte tid = 0) =>
            new SpinelFrame { Tid = tid, CommandId = SpinelCommandId.PropValueIs, PropertyId = SpinelPropertyId.StreamRaw, Value = ToArray() };

        public override string ToString() =>
            $"{MacFrame.Length}-byte frame rssi={Rssi} lqi={(Lqi.HasValue ? Lqi.Value.ToString() : "-")} channel={(Channel.HasValue ? Channel.Value.ToString() : "-")} {Hex.Format(MacFrame)}";

        private static void WriteLength(ref FrameWriter writer, int lengthAt, int start)
        {
            ushort length = (ushort)(writer.Position - start);
            Span<byte> slot = writer.Slice(lengthAt, 2);
            slot[0] = (byte)length;
            slot[1] = (byte)(length >> 8);
        }

        private void ReadMetadata(ref FrameReader reader)
        {
            if (reader.IsAtEnd)
            {
                return;
            }

            Rssi = reader.ReadSByte("StreamRaw.Metadata.Rssi");
            if (reader.IsAtEnd)
            {
                return;
            }

            NoiseFloor = reader.ReadSByte("StreamRaw.Metadata.NoiseFloor");
            if (reader.IsAtEnd)
            {
                return;
            }

            Flags = (SpinelMetadataFlags)reader.ReadUInt16("StreamRaw.Metadata.Flags");
            if (reader.IsAtEnd)
            {
                return;
            }

            FrameReader phy = ReadStruct(ref reader, "StreamRaw.Metadata.PhyData");
            if (!phy.IsAtEnd)
            {
                Channel = phy.ReadByte("StreamRaw.Metadata.PhyData.Channel");
            }

            if (!phy.IsAtEnd)
            {
                Lqi = phy.ReadByte("StreamRaw.Metadata.PhyData.Lqi");
            }

            if (!phy.IsAtEnd)
            {
                Timestamp = phy.ReadUInt64("StreamRaw.Metadata.PhyData.Timestamp");
            }

            if (reader.IsAtEnd)
            {
                return;
            }

            FrameReader vendor = ReadStruct(ref reader, "StreamRaw.Metadata.VendorData");
            if (!vendor.IsAtEnd)
            {
                ReceiveError = SpinelPackedUInt.Read(ref vendor, "StreamRaw.Metadata.VendorData.ReceiveError");
            }

            if (reader.IsAtEnd)
            {
                return;
            }

            FrameReader mac = ReadStruct(ref reader, "StreamRaw.Metadata.MacData");
            if (!mac.IsAtEnd)
            {
                AckKeyId = mac.ReadByte("StreamRaw.Metadata.MacData.AckKeyId");
            }

            if (!mac.IsAtEnd)
            {
                AckFrameCounter = mac.ReadUInt32("StreamRaw.Metadata.MacData.AckFrameCounter");
            }
        }

        /// <summary>A <c>t(...)</c> struct: uint16 length then that many bytes, returned as a reader of its own.</summary>
        internal static FrameReader ReadStruct(ref FrameReader reader, string field)
        {
            ushort length = reader.ReadUInt16(field + ".Length");
            int offset = reader.AbsoluteOffset;
            return new FrameReader(reader.ReadBytes(length, field), FrameLayer.Spinel, offset);
        }
    }

    /// <summary>
    /// The value of a PROP_VALUE_SET STREAM_RAW from the host: an 802.15.4 frame to transmit and its transmit metadata
    /// (draft-rquattle-spinel-unified section 5 "Properties", PROP_STREAM_RAW; field list as in OpenThread spinel.h):
    /// <code>
    ///   d  MAC frame (uint16 length + PSDU including room for the FCS)
    ///   C channel (required)   C max CSMA backoffs   C max frame retries   b CSMA-CA enabled
    ///   b header updated   b is a retransmission   b security processed
    ///   L TX delay   L TX delay base time   C RX channel after TX done
    /// </code>
    /// The encoder writes the fields up to the last one that is set; an unset field before a set one is written with
    /// its default (4 backoffs, 3 retries, CSMA on, false, 0, the TX channel). Fields appended by newer versions are
    /// kept verbatim in <see cref="ExtraMetadata"/>.
    /// </summary>
    public sealed record SpinelStreamRawTransmit
    {
        /// <summary>OpenThread's default maximum CSMA backoffs (macMaxCSMABackoffs).</summary>
        public const byte DefaultMaxCsmaBackoffs = 4;

        /// <summary>OpenThread's default maximum frame retries (macMaxFrameRetries).</summary>
        public const byte DefaultMaxFrameRetries = 3;

        /// <summary>The 802.15.4 PSDU to send, including the two FCS bytes (the radio fills them in).</summary>
        public byte[] MacFrame { get; init; } = Array.Empty<byte>();

        /// <summary>The channel to transmit on.</summary>
        public byte Channel { get; init; }

        public byte? MaxCsmaBackoffs { get; init; }

        public byte? MaxFrameRetries { get; init; }

        public bool? CsmaCaEnabled { get; init; }

        /// <summary>The host already updated the header (mIsHeaderUpdated).</summary>
        public bool? IsHeaderUpdated { get; init; }

        /// <summary>The frame is a retransmission (mIsARetx).</summary>
        public bool? IsARetx { get; init; }

        /// <summary>Security was already applied by the host (mIsSecurityProcessed).</summary>
        public bool? IsSecurityProcessed { get; init; }

        /// <summary>CSL transmit delay (mTxDelay).</summary>
        public uint? TxDelay { get; init; }

        /// <summary>CSL transmit delay base time (mTxDelayBaseTime).</summary>
        public uint? TxDelayBaseTime { get; init; }

        /// <summary>The channel to receive on after the transmission.</summary>
        public byte? RxChannelAfterTxDone { get; init; }

        /// <summary>Metadata bytes after the fields above (fields of newer versions), written as they are.</summary>
        public byte[] ExtraMetadata { get; init; } = Array.Empty<byte>();

        /// <summary>Decodes a STREAM_RAW PROP_VALUE_SET value (the bytes after the property id).</summary>
        public static SpinelStreamRawTransmit Decode(ReadOnlySpan<byte> value)
        {
            var reader = new FrameReader(value, FrameLayer.Spinel);
            ushort length = reader.ReadUInt16("StreamRaw.FrameLength");
            byte[] mac = reader.ReadArray(length, "StreamRaw.Frame");
            byte channel = reader.ReadByte("StreamRaw.Tx.Channel");
            byte? backoffs = reader.IsAtEnd ? null : reader.ReadByte("StreamRaw.Tx.MaxCsmaBackoffs");
            byte? retries = reader.IsAtEnd ? null : reader.ReadByte("StreamRaw.Tx.MaxFrameRetries");
            bool? csma = reader.IsAtEnd ? null : SpinelValue.ReadBool(ref reader, "StreamRaw.Tx.CsmaCaEnabled");
            bool? headerUpdated = reader.IsAtEnd ? null : SpinelValue.ReadBool(ref reader, "StreamRaw.Tx.IsHeaderUpdated");
            bool? retx = reader.IsAtEnd ? null : SpinelValue.ReadBool(ref reader, "StreamRaw.Tx.IsARetx");
            bool? secured = reader.IsAtEnd ? null : SpinelValue.ReadBool(ref reader, "StreamRaw.Tx.IsSecurityProcessed");
            uint? delay = reader.IsAtEnd ? null : reader.ReadUInt32("StreamRaw.Tx.TxDelay");
            uint? delayBase = reader.IsAtEnd ? null : reader.ReadUInt32("StreamRaw.Tx.TxDelayBaseTime");
            byte? rxChannel = reader.IsAtEnd ? null : reader.ReadByte("StreamRaw.Tx.RxChannelAfterTxDone");
            return new SpinelStreamRawTransmit
            {
                MacFrame = mac,
                Channel = channel,
                MaxCsmaBackoffs = backoffs,
                MaxFrameRetries = retries,
                CsmaCaEnabled = csma,
                IsHeaderUpdated = headerUpdated,
                IsARetx = retx,
                IsSecurityProcessed = secured,
                TxDelay = delay,
                TxDelayBaseTime = delayBase,
                RxChannelAfterTxDone = rxChannel,
                ExtraMetadata = reader.Rest.ToArray(),
            };
        }

        /// <summary>As <see cref="Decode"/>, returning false with the error instead of throwing.</summary>
        public static bool TryDecode(ReadOnlySpan<byte> value, out SpinelStreamRawTransmit? result, out FrameFormatException? error) =>
            FrameCodec.TryDecode(value, Decode, out result, out error);

        /// <summary>How many of the optional fields after the channel are written (0 to 10).</summary>
        private int OptionalFieldCount =>
            ExtraMetadata.Length > 0 || RxChannelAfterTxDone.HasValue ? 10
            : TxDelayBaseTime.HasValue ? 9
            : TxDelay.HasValue ? 8
            : IsSecurityProcessed.HasValue ? 7
            : IsARetx.HasValue ? 6
            : IsHeaderUpdated.HasValue ? 5
            : CsmaCaEnabled.HasValue ? 4
            : MaxFrameRetries.HasValue ? 3
            : MaxCsmaBackoffs.HasValue ? 2
            : 0;

        public int EncodedLength
        {
            get
            {
                int n = OptionalFieldCount;
                int length = 2 + MacFrame.Length + 1;
                if (n >= 2)
                {
                    length += 1;
                }

                if (n >= 3)
                {
                    length += 1;
                }

                length += Math.Max(0, Math.Min(n, 7) - 3); // four bools
                if (n >= 8)
                {
                    length += 4;
                }

                if (n >= 9)
                {
                    length += 4;
                }

                if (n >= 10)
                {
                    length += 1;
                }

                return length + ExtraMetadata.Length;
            }
        }

        /// <summary>Writes the STREAM_RAW value and returns the bytes written.</summary>
        public int Encode(Span<byte> destination)
        {
            if (MacFrame == null || ExtraMetadata == null)
            {
                throw new InvalidOperationException("MacFrame and ExtraMetadata must not be null.");
            }

            if (MacFrame.Length > ushort.MaxValue)
            {
                throw new InvalidOperationException("A MAC frame is at most 65535 bytes here.");
            }

            int n = OptionalFieldCount;
            var writer = new FrameWriter(destination);
            writer.WriteUInt16((ushort)MacFrame.Length);
            writer.WriteBytes(MacFrame);
            writer.WriteByte(Channel);
            if (n >= 2)
            {
                writer.WriteByte(MaxCsmaBackoffs ?? DefaultMaxCsmaBackoffs);
            }

            if (n >= 3)
            {
                writer.WriteByte(MaxFrameRetries ?? DefaultMaxFrameRetries);
            }

            if (n >= 4)
            {
                writer.WriteByte((CsmaCaEnabled ?? true) ? (byte)1 : (byte)0);
            }

            if (n >= 5)
            {
                writer.WriteByte((IsHeaderUpdated ?? false) ? (byte)1 : (byte)0);
            }

            if (n >= 6)
            {
                writer.WriteByte((IsARetx ?? false) ? (byte)1 : (byte)0);
            }

            if (n >= 7)
            {
                writer.WriteByte((IsSecurityProcessed ?? false) ? (byte)1 : (byte)0);
            }

            if (n >= 8)
            {
                writer.WriteUInt32(TxDelay ?? 0);
            }

            if (n >= 9)
            {
                writer.WriteUInt32(TxDelayBaseTime ?? 0);
            }

            if (n >= 10)
            {
                writer.WriteByte(RxChannelAfterTxDone ?? Channel);
            }

            writer.WriteBytes(ExtraMetadata);
            return writer.Position;
        }

        public byte[] ToArray()
        {
            var result = new byte[EncodedLength];
            Encode(result);
            return result;
        }

        /// <summary>The PROP_VALUE_SET STREAM_RAW frame that asks the radio to send this frame.</summary>
        public SpinelFrame ToFrame(byte tid) =>
            new SpinelFrame { Tid = tid, CommandId = SpinelCommandId.PropValueSet, PropertyId = SpinelPropertyId.StreamRaw, Value = ToArray() };

        public bool Equals(SpinelStreamRawTransmit? other) =>
            other is not null && MacFrame.AsSpan().SequenceEqual(other.MacFrame) && Channel == other.Channel
            && MaxCsmaBackoffs == other.MaxCsmaBackoffs && MaxFrameRetries == other.MaxFrameRetries
            && CsmaCaEnabled == other.CsmaCaEnabled && IsHeaderUpdated == other.IsHeaderUpdated && IsARetx == other.IsARetx
            && IsSecurityProcessed == other.IsSecurityProcessed && TxDelay == other.TxDelay
            && TxDelayBaseTime == other.TxDelayBaseTime && RxChannelAfterTxDone == other.RxChannelAfterTxDone
            && ExtraMetadata.AsSpan().SequenceEqual(other.ExtraMetadata);

        public override int GetHashCode() => (MacFrame.Length * 397) ^ Channel ^ (ExtraMetadata.Length << 16);
    }
}
