namespace NodeSim.Traces.Noise;

/// <summary>One detour on a core: when it began and how long the core was taken from what it ran (ns).</summary>
public readonly record struct Detour(long StartNs, long DurationNs)
{
    public long EndNs => StartNs + DurationNs;
}

/// <summary>What a noise trace says about itself: where and how it was measured (each field as given, or null).</summary>
/// <param name="Format">The file format it was read from: <c>nodesim</c>, <c>csv</c> or <c>loggopsim</c>.</param>
/// <param name="DurationNs">The time the trace covers: as its header says, or from its first start to its last detour's end.</param>
/// <param name="ResolutionNs">The probe's undisturbed loop iteration: no detour shorter than about this is seen.</param>
/// <param name="ThresholdNs">The probe's threshold: gaps above it are detours.</param>
/// <param name="Condition">What the machine was doing: idle, loaded, in a VM, …</param>
public sealed record NoiseTraceHeader(string Format, long DurationNs, string? Machine = null, string? Kernel = null, string? Condition = null,
    double? ResolutionNs = null, double? ThresholdNs = null);

/// <summary>
/// Detours measured (or simulated) on some cores, each core's in time order and none overlapping: what a noise probe
/// records, what <c>noise fit</c> and <c>noise show</c> read, and what a simulated core can replay as its noise.
/// </summary>
public sealed record NoiseTrace(NoiseTraceHeader Header, IReadOnlyDictionary<int, Detour[]> ByCore)
{
    /// <summary>The cores, in order.</summary>
    public IReadOnlyList<int> Cores => [.. ByCore.Keys.Order()];

    public long Detours => ByCore.Values.Sum(d => (long)d.Length);

    /// <summary>Every detour of every core, in core order.</summary>
    public IEnumerable<(int Core, Detour Detour)> All => Cores.SelectMany(c => ByCore[c].Select(d => (c, d)));
}
