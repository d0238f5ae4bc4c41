namespace NodeSim.Models.Costs;

/// <summary>How the cores of a measured noise trace map onto a job's many simulated cores.</summary>
public enum NoiseTraceMapping
{
    /// <summary>
    /// Core c replays measured core c mod M from a random point of the trace, cyclically: independent noise, as LogGOPSim replays
    /// a trace by default (a random start per rank, wrapping at the end).
    /// </summary>
    Independent,
    /// <summary>Every core replays from one random point (its measured core c mod M): co-scheduled noise (LogGOPSim's <c>--noise-cosched</c>).</summary>
    Coscheduled,
    /// <summary>Core c replays measured core c mod M from the trace's start: the measured cores exactly as recorded (a dumped window replayed).</summary>
    Aligned,
}

/// <summary>
/// A measured noise trace as a kernel's noise: each measured core's detours (starts and durations, ns, in time order, none
/// overlapping), the span they cover — after which they repeat — how they map onto simulated cores, and whether they replace
/// the kernel's parametric sources (its tick and daemons) or come beside them.
/// </summary>
/// <param name="Name">What the trace is, for the ledger and messages (its file name).</param>
public sealed record MeasuredNoise(string Name, long SpanNs, IReadOnlyList<long[]> Starts, IReadOnlyList<long[]> Durations, NoiseTraceMapping Mapping,
    bool ReplacesParametric)
{
    public int Cores => Starts.Count;

    /// <summary>The mappings by the names campaigns and options give them (the first is the default).</summary>
    public static readonly IReadOnlyList<(string Name, NoiseTraceMapping Value)> Mappings =
        [("independent", NoiseTraceMapping.Independent), ("coscheduled", NoiseTraceMapping.Coscheduled), ("aligned", NoiseTraceMapping.Aligned)];

    /// <summary>The mapping named <paramref name="name"/> (null: the default), or null for a name that is none.</summary>
    public static NoiseTraceMapping? MappingNamed(string? name) =>
        name is null ? Mappings[0].Value : Mappings.Where(m => m.Name == name).Select(m => (NoiseTraceMapping?)m.Value).FirstOrDefault();

    /// <summary>Detours per second per core.</summary>
    public double RatePerSecond => Starts.Sum(s => (double)s.Length) / (SpanNs / 1e9 * Cores);

    /// <summary>The share of a core's time its detours take (their lengths as measured, before what a stack adds to each).</summary>
    public double Fraction => Durations.Sum(d => d.Sum(x => (double)x)) / ((double)SpanNs * Cores);
}
