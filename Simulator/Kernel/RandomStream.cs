using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace NodeSim.Kernel;

/// <summary>
/// A seeded random stream (xoshiro256**, Blackman and Vigna 2018) usable wherever a
/// <see cref="System.Random"/> is expected, e.g. by MathNet.Numerics distributions.
/// </summary>
/// <remarks>
/// Why not <c>new Random(int)</c> or MathNet's <c>Xoshiro256StarStar(int)</c>: both take a 32-bit
/// seed, too few bits to derive thousands of independent per-component streams without seed
/// collisions. Streams here are seeded with 64 bits derived from (root seed, component name,
/// replica) by <see cref="DeriveSeed"/>, so adding a component never shifts another's draws, and
/// the draws do not depend on which thread or in which order runs are executed.
/// </remarks>
public sealed class RandomStream : Random
{
    private ulong _s0, _s1, _s2, _s3;

    public RandomStream(ulong seed)
    {
        Seed = seed;
        // Expand the 64-bit seed into the 256-bit state with SplitMix64, as the xoshiro authors recommend.
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    public ulong Seed { get; }

    /// <summary>The seed of the stream named <paramref name="component"/> for <paramref name="replica"/> under <paramref name="rootSeed"/>.</summary>
    public static ulong DeriveSeed(ulong rootSeed, string component, int replica = 0)
    {
        ArgumentNullException.ThrowIfNull(component);
        // FNV-1a over the UTF-8 name: stable across runs and platforms (string.GetHashCode is not).
        var h = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(component))
        {
            h ^= b;
            h *= 1099511628211UL;
        }
        return Mix(Mix(Mix(rootSeed) ^ h) ^ (ulong)(uint)replica);
    }

    /// <summary>The key of instance <paramref name="instance"/> (a core) of the draws keyed <paramref name="key"/> (see <see cref="CounterRandom"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong DeriveKey(ulong key, int instance) => Mix(key ^ Mix((ulong)(uint)instance + 0x9E3779B97F4A7C15UL));

    /// <summary>A uniformly distributed 64-bit value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    protected override double Sample() => NextDouble();

    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    public override int Next() => (int)NextBounded(int.MaxValue);

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)NextBounded((ulong)maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)(minValue + (long)NextBounded((ulong)((long)maxValue - minValue)));
    }

    public override long NextInt64() => (long)NextBounded(long.MaxValue);

    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (long)NextBounded((ulong)maxValue);
    }

    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue + (long)NextBounded((ulong)(maxValue - minValue));
    }

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++) buffer[i] = (byte)(NextUInt64() >> 56);
    }

    /// <summary>Uniform in [0, bound) without modulo bias (Lemire's multiply-and-reject method).</summary>
    public ulong NextBounded(ulong bound)
    {
        if (bound == 0) return 0;
        var hi = Math.BigMul(NextUInt64(), bound, out var lo);
        if (lo < bound)
        {
            var threshold = (0 - bound) % bound;
            while (lo < threshold) hi = Math.BigMul(NextUInt64(), bound, out lo);
        }
        return hi;
    }

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Mix(x);
    }

    /// <summary>The SplitMix64 finaliser: a bijective avalanche of 64 bits.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
