using Zsep.Stack.Frames;

namespace Zsep.Stack.Capture
{
    /// <summary>Decodes a captured frame through every layer the keys allow, keeping its capture metadata.</summary>
    public static class CaptureDecoder
    {
        /// <exception cref="Codec.FrameFormatException">The frame is malformed at some layer.</exception>
        public static DecodedFrame Decode(CapturedFrame captured, FrameKeys keys)
        {
            DecodedFrame frame = FrameDecoder.Decode(captured.Psdu, captured.HasFcs ? FcsMode.Present : FcsMode.Absent, keys);
            frame.FrameNumber = captured.Number;
            frame.Time = captured.Time;
            frame.Channel = captured.Channel;
            frame.Rssi = captured.Rssi;
            frame.Lqi = captured.Lqi;
            return frame;
        }
    }
}
