using System;
using System.Collections.Generic;

namespace Zsep.Radio.Hdlc
{
    /// <summary>
    /// A streaming HDLC-lite deframer (draft-rquattle-spinel-unified Appendix A, HDLC-Lite, RFC 1662 section 4) for the byte
    /// stream of a serial line: feed it chunks of any size as they are read and it returns each complete frame whose
    /// FCS checks, without the FCS. It tolerates what serial lines do:
    /// <list type="bullet">
    /// <item>noise before the first flag is skipped (counted in <see cref="BytesDiscarded"/>);</item>
    /// <item>frames split over reads, several frames in one read, an escape byte at the end of a read;</item>
    /// <item>back-to-back flags (empty frames) are ignored;</item>
    /// <item>a frame with a bad FCS is dropped and counted in <see cref="FcsErrors"/>;</item>
    /// <item>a frame longer than <see cref="MaxFrameLength"/> is dropped, counted in <see cref="Overflows"/>, and the
    /// decoder skips to the next flag: its buffer is allocated once and never grows;</item>
    /// <item>a frame too short to hold an FCS, or aborted by an escape followed by a flag (RFC 1662 "abort
    /// sequence"), is dropped and counted in <see cref="InvalidFrames"/>.</item>
    /// </list>
    /// Not thread-safe: one reader feeds one decoder.
    /// </summary>
    public sealed class HdlcDecoder
    {
        /// <summary>The default bound on a frame's unescaped length (without FCS): 2048 bytes, above Spinel's 1300.</summary>
        public const int DefaultMaxFrameLength = 2048;

        private readonly byte[] _buffer;
        private State _state = State.Hunting;
        private int _length;
        private int _rawLength;
        private ushort _register = HdlcFcs.InitialValue;

        public HdlcDecoder(int maxFrameLength = DefaultMaxFrameLength)
        {
            if (maxFrameLength < 1 || maxFrameLength > 1 << 20)
            {
                throw new ArgumentOutOfRangeException(nameof(maxFrameLength), maxFrameLength, "Expected 1 to 1048576 bytes.");
            }

            MaxFrameLength = maxFrameLength;
            _buffer = new byte[maxFrameLength + HdlcFcs.Size];
        }

        private enum State
        {
            /// <summary>Waiting for a flag: after start-up or an overflow.</summary>
            Hunting,

            /// <summary>After a flag, collecting frame bytes.</summary>
            InFrame,

            /// <summary>After an escape byte inside a frame.</summary>
            Escaped,
        }

        /// <summary>The longest frame (unescaped, without its FCS) delivered; longer frames are dropped as overflows.</summary>
        public int MaxFrameLength { get; }

        /// <summary>Frames delivered with a good FCS.</summary>
        public long FramesDecoded { get; private set; }

        /// <summary>Frames dropped because their FCS did not check.</summary>
        public long FcsErrors { get; private set; }

        /// <summary>Frames dropped because they exceeded <see cref="MaxFrameLength"/>.</summary>
        public long Overflows { get; private set; }

        /// <summary>Frames dropped because they were shorter than an FCS or aborted by an escape followed by a flag.</summary>
        public long InvalidFrames { get; private set; }

        /// <summary>
        /// Received bytes (other than flags) that did not end up in a delivered frame: noise outside frames and the
        /// raw bytes of every dropped frame.
        /// </summary>
        public long BytesDiscarded { get; private set; }

        /// <summary>True while the decoder waits for a flag (at start-up and after an overflow).</summary>
        public bool IsHunting => _state == State.Hunting;

        /// <summary>Forgets any partial frame and waits for the next flag; the counters are kept.</summary>
        public void Reset()
        {
            BytesDiscarded += _state == State.Hunting ? 0 : _rawLength;
            _state = State.Hunting;
            StartFrame();
        }

        /// <summary>Sets every counter back to zero.</summary>
        public void ResetCounters()
        {
            FramesDecoded = 0;
            FcsErrors = 0;
            Overflows = 0;
            InvalidFrames = 0;
            BytesDiscarded = 0;
        }

        /// <summary>Feeds one chunk of the byte stream and returns the frames it completed (often none).</summary>
        public IReadOnlyList<byte[]> Feed(ReadOnlySpan<byte> chunk)
        {
            List<byte[]>? frames = null;
            foreach (byte b in chunk)
            {
                byte[]? frame = Step(b);
                if (frame != null)
                {
                    (frames ??= new List<byte[]>()).Add(frame);
                }
            }

            return frames ?? (IReadOnlyList<byte[]>)Array.Empty<byte[]>();
        }

        /// <summary>Feeds one chunk of the byte stream, adds the frames it completed to <paramref name="frames"/> and returns how many.</summary>
        public int Feed(ReadOnlySpan<byte> chunk, ICollection<byte[]> frames)
        {
            if (frames == null)
            {
                throw new ArgumentNullException(nameof(frames));
            }

            int count = 0;
            foreach (byte b in chunk)
            {
                byte[]? frame = Step(b);
                if (frame != null)
                {
                    frames.Add(frame);
                    count++;
                }
            }

            return count;
        }

        private byte[]? Step(byte b)
        {
            switch (_state)
            {
                case State.Hunting:
                    if (b == HdlcEncoder.Flag)
                    {
                        _state = State.InFrame;
                        StartFrame();
                    }
                    else
                    {
                        BytesDiscarded++;
                    }

                    return null;

                case State.InFrame:
                    if (b == HdlcEncoder.Flag)
                    {
                        return EndFrame();
                    }

                    _rawLength++;
                    if (b == HdlcEncoder.Escape)
                    {
                        _state = State.Escaped;
                    }
                    else
                    {
                        Append(b);
                    }

                    return null;

                default: // Escaped
                    if (b == HdlcEncoder.Flag)
                    {
                        // RFC 1662 abort sequence: drop the frame; this flag opens the next one.
                        InvalidFrames++;
                        BytesDiscarded += _rawLength;
                        _state = State.InFrame;
                        StartFrame();
                        return null;
                    }

                    _rawLength++;
                    _state = State.InFrame;
                    Append((byte)(b ^ HdlcEncoder.EscapeXor));
                    return null;
            }
        }

        private void Append(byte value)
        {
            if (_length == _buffer.Length)
            {
                Overflows++;
                BytesDiscarded += _rawLength;
                _state = State.Hunting;
                StartFrame();
                return;
            }

            _buffer[_length++] = value;
            _register = HdlcFcs.Update(_register, value);
        }

        private byte[]? EndFrame()
        {
            byte[]? frame = null;
            if (_rawLength == 0)
            {
                // Back-to-back flags: an empty frame, ignored.
            }
            else if (_length < HdlcFcs.Size)
            {
                InvalidFrames++;
                BytesDiscarded += _rawLength;
            }
            else if (_register != HdlcFcs.GoodResidue)
            {
                FcsErrors++;
                BytesDiscarded += _rawLength;
            }
            else
            {
                frame = new byte[_length - HdlcFcs.Size];
                Buffer.BlockCopy(_buffer, 0, frame, 0, frame.Length);
                FramesDecoded++;
            }

            StartFrame();
            return frame;
        }

        private void StartFrame()
        {
            _length = 0;
            _rawLength = 0;
            _register = HdlcFcs.InitialValue;
        }
    }
}
