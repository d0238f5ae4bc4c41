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

/// <summary>A noise trace as a kernel's noise.</summary>
public static class NoiseTraceReplay
{
    /// <summary>This trace replayed by a kernel's cores, mapped as <paramref name="mapping"/> says, replacing its tick and daemons or beside them.</summary>
    public static Models.Costs.MeasuredNoise AsKernelNoise(this NoiseTrace trace, string name, Models.Costs.NoiseTraceMapping mapping, bool replacesParametric)
    {
        var cores = trace.Cores;
        return new Models.Costs.MeasuredNoise(name, trace.Header.DurationNs, [.. cores.Select(c => trace.ByCore[c].Select(d => d.StartNs).ToArray())],
            [.. cores.Select(c => trace.ByCore[c].Select(d => d.DurationNs).ToArray())], mapping, replacesParametric);
    }

    /// <summary><paramref name="stack"/> with <paramref name="noise"/> on its primary's or its guest's cores.</summary>
    public static Models.Isolation.IsolationStack WithMeasuredNoise(this Models.Isolation.IsolationStack stack, Models.Costs.MeasuredNoise noise, bool onGuest)
    {
        if (onGuest)
            return stack.Guest is { } guest ? stack with { Guest = guest with { Measured = noise } }
                : throw new UserInputException($"stack '{stack.Name}' has no guest kernel to take the measured noise; put it on its primary");
        return stack.Primary is { } primary ? stack with { Primary = primary with { Measured = noise } }
            : throw new UserInputException($"stack '{stack.Name}' has no primary kernel (the ideal machine) to take the measured noise");
    }
}
