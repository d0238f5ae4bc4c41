using System.Runtime.CompilerServices;

namespace NodeSim.Kernel;

/// <summary>
/// Random numbers addressed by a key and an index instead of drawn from a stream's state (a counter-based generator: the
/// index-th output of SplitMix64 started at the key, which is what SplitMix64 computes, Steele, Lea and Flood, OOPSLA 2014).
/// A draw depends only on its key and index — not on what else was drawn before it or beside it — so two runs that share
/// a key see the same numbers at the same indices whatever other sources they have: the basis of common random numbers
/// across the points of a sweep. A key costs eight bytes of state (its index), where a stream object costs an allocation.
/// </summary>
public static class CounterRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>The key of the draws of <paramref name="component"/> (a noise source, say) for <paramref name="instance"/> (a core) under <paramref name="seed"/>.</summary>
    public static ulong Key(ulong seed, string component, int instance) => RandomStream.DeriveSeed(seed, component, instance);

    /// <summary>The <paramref name="index"/>-th uniform draw of <paramref name="key"/>, in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uniform(ulong key, long index) => (RandomStream.Mix(key + (ulong)(index + 1) * Golden) >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal draw made of the uniforms at <paramref name="index"/> and the one after it (Box–Muller).</summary>
    public static double Normal(ulong key, long index)
    {
        var u = 1 - Uniform(key, index);   // in (0, 1]: its logarithm is finite
        var v = Uniform(key, index + 1);
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
