namespace Mercato.Core.Demo;

/// <summary>
/// The demo's own pseudo-random generator: xoshiro256** (Blackman and Vigna) seeded through SplitMix64. Owning the
/// algorithm, rather than relying on <see cref="Random"/>, keeps the demo's facts identical across .NET versions.
/// Integer draws and the uniform doubles are exact; the exponential and geometric draws use <see cref="Math.Log(double)"/>,
/// which is deterministic on one runtime and platform.
/// </summary>
internal sealed class DemoRandom
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    /// <summary>A generator for one stream of the demo; <paramref name="stream"/> separates independent streams of one seed.</summary>
    public DemoRandom(int seed, ulong stream)
    {
        var x = unchecked(((ulong)(uint)seed << 32) ^ (stream * 0x9E3779B97F4A7C15UL) ^ 0x5DEECE66DUL);
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    /// <summary>64 uniformly random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>) (multiply-shift; the bias is below 2⁻³²).</summary>
    public int Next(int maxExclusive) => (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>An exponential variate with the given mean.</summary>
    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>The number of failures before the first success, with the given mean (0 when the mean is 0).</summary>
    public int Geometric(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        var q = mean / (1.0 + mean);
        var draw = Math.Floor(Math.Log(1.0 - NextDouble()) / Math.Log(q));
        return draw > int.MaxValue ? int.MaxValue : (int)draw;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        x = unchecked(x + 0x9E3779B97F4A7C15UL);
        var z = x;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
