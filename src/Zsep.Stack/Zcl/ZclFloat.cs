using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;

namespace Zsep.Stack.Zcl
{
    /// <summary>IEEE 754 binary16 (ZCL semi-precision, 2.6.2.10) to and from float, without System.Half (netstandard2.0).</summary>
    internal static class HalfFloat
    {
        public static float ToSingle(ushort h)
        {
            uint sign = (uint)(h & 0x8000) << 16;
            int exp = (h >> 10) & 0x1F;
            uint mant = (uint)(h & 0x3FF);
            if (exp == 0)
            {
                float v = mant * (1f / 16777216f); // 2^-24
                return sign != 0 ? -v : v;
            }

            if (exp == 31)
            {
                return FloatBits.ToSingle(sign | 0x7F800000u | (mant << 13));
            }

            return FloatBits.ToSingle(sign | ((uint)(exp - 15 + 127) << 23) | (mant << 13));
        }

        /// <summary>Round-to-nearest-even conversion; NaN becomes 0x7E00.</summary>
        public static ushort FromSingle(float f)
        {
            uint bits = FloatBits.ToBits(f);
            ushort sign = (ushort)((bits >> 16) & 0x8000);
            int exp = (int)((bits >> 23) & 0xFF);
            uint mant = bits & 0x7FFFFF;
            if (exp == 0xFF)
            {
                return mant != 0 ? (ushort)0x7E00 : (ushort)(sign | 0x7C00);
            }

            int e = exp - 127 + 15;
            if (e >= 31)
            {
                return (ushort)(sign | 0x7C00);
            }

            if (e <= 0)
            {
                // subnormal half: value = m * 2^-24
                if (e < -10)
                {
                    return sign;
                }

                uint full = mant | 0x800000; // 24-bit significand, value = full * 2^(exp-127-23)
                int shift = 14 - e; // bits to drop to reach units of 2^-24
                uint m = full >> shift;
                uint rem = full & ((1u << shift) - 1);
                uint half = 1u << (shift - 1);
                if (rem > half || (rem == half && (m & 1) != 0))
                {
                    m++;
                }

                return (ushort)(sign | m);
            }

            uint result = ((uint)e << 10) | (mant >> 13);
            uint r = mant & 0x1FFF;
            if (r > 0x1000 || (r == 0x1000 && (result & 1) != 0))
            {
                result++; // may carry into the exponent, up to infinity: still correct
            }

            return (ushort)(sign | result);
        }
    }

    internal static class FloatBits
    {
        public static float ToSingle(uint bits)
        {
            Span<uint> u = stackalloc uint[1];
            u[0] = bits;
            return MemoryMarshal.Cast<uint, float>(u)[0];
        }

        public static uint ToBits(float value)
        {
            Span<float> f = stackalloc float[1];
            f[0] = value;
            return MemoryMarshal.Cast<float, uint>(f)[0];
        }
    }
}
