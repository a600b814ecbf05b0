using System;

namespace Zsep.Stack.Codec
{
    /// <summary>A decoder of one frame structure; throws <see cref="FrameFormatException"/> for malformed bytes.</summary>
    public delegate T SpanDecoder<out T>(ReadOnlySpan<byte> data);

    /// <summary>A decoder that needs one more argument (a cluster, a command identifier, a flag) besides the bytes.</summary>
    public delegate T SpanDecoder<in TArg, out T>(ReadOnlySpan<byte> data, TArg arg);

    /// <summary>The shared shape of the <c>TryDecode</c> methods of the codecs.</summary>
    public static class FrameCodec
    {
        /// <summary>
        /// Runs <paramref name="decode"/> and turns a <see cref="FrameFormatException"/> into a false return with the
        /// error; any other exception propagates. On failure <paramref name="value"/> is null (or default for a struct).
        /// Pass a static lambda or method group so that no delegate is allocated per call.
        /// </summary>
        public static bool TryDecode<T>(ReadOnlySpan<byte> data, SpanDecoder<T> decode, out T? value, out FrameFormatException? error) =>
            TryDecode(data, decode, static (d, f) => f(d), out value, out error);

        /// <summary>
        /// As <see cref="TryDecode{T}(ReadOnlySpan{byte}, SpanDecoder{T}, out T, out FrameFormatException)"/>, passing
        /// <paramref name="arg"/> through to <paramref name="decode"/> so that a static lambda needs no captured variable.
        /// </summary>
        public static bool TryDecode<TArg, T>(ReadOnlySpan<byte> data, TArg arg, SpanDecoder<TArg, T> decode, out T? value, out FrameFormatException? error)
        {
            try
            {
                value = decode(data, arg);
                error = null;
                return true;
            }
            catch (FrameFormatException e)
            {
                value = default;
                error = e;
                return false;
            }
        }
    }
}
