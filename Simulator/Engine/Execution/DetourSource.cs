using NodeSim.Models.Isolation;
using NodeSim.Models.Costs;

namespace NodeSim.Engine.Execution;

/// <summary>
/// One noise source as the job window simulates it, in integer nanoseconds: when its detours
/// arrive on a core, how long each takes, what each is made of (by cause) and which
/// security-relevant operations each performs.
/// </summary>
internal sealed class DetourSource
{
    /// <summary>The noise source's name.</summary>
    public string Name { get; }

    /// <summary>The random stream its events are drawn from (<see cref="NoiseSource.Stream"/>): with the core, what its draws are keyed by (see <see cref="CoreTimelines"/>).</summary>
    public string Stream { get; }

    /// <summary>Periodic sources: the period; 0 for a Poisson source.</summary>
    public long PeriodNs { get; }

    /// <summary>Periodic sources: one phase for every core of the job instead of one per core.</summary>
    public bool Synchronized { get; }

    /// <summary>Scheduled sources: the times of its detours, ascending (ns); null for a periodic or Poisson source.</summary>
    public long[]? Times { get; }

    /// <summary>Poisson sources: arrivals per nanosecond on each core.</summary>
    public double RatePerNs { get; }

    /// <summary>The part of every detour that does not vary, by noise cause (ns, see <see cref="NoiseCauses"/>).</summary>
    public float[] FixedMakeup { get; }

    public long FixedNs { get; }

    /// <summary>The sum of <see cref="FixedMakeup"/>.</summary>
    public double FixedMakeupTotal { get; }

    /// <summary>Where a detour's log-normal duration is charged (a slot of <see cref="NoiseCauses"/>), when it has one.</summary>
    public int DurationSlot { get; }

    public bool HasDuration { get; }

    /// <summary>Measured sources: the trace its detours replay (their lengths are the trace's, booked as measured noise); else null.</summary>
    public MeasuredNoise? Measured { get; }

    /// <summary>Whether a detour's length varies (a drawn or a measured duration): its run's make-up is summed, not shared.</summary>
    public bool VariableLength => HasDuration || Measured is not null;
    public double LogMedianNs { get; }
    public double LogSigma { get; }

    /// <summary>Only on the first core of each node.</summary>
    public bool FirstCoreOfNode { get; }

    /// <summary>One detour's counts, indexed by <see cref="Counter"/>: the detour itself and its operations.</summary>
    public int[] Counts { get; }

    private DetourSource(NoiseSource source, long periodNs, bool synchronized, double ratePerNs, OverheadCause durationCause,
        double durationMedianSeconds, double durationLogSigma, long[]? times = null, MeasuredNoise? measured = null)
    {
        Times = times;
        Measured = measured;
        Name = source.Name;
        Stream = source.Stream;
        PeriodNs = periodNs;
        Synchronized = synchronized;
        RatePerNs = ratePerNs;
        FixedMakeup = new float[NoiseCauses.Count];
        double fixedNs = 0;
        foreach (var cause in OverheadCauses.All)
        {
            var ns = source.Cost[cause] * 1e9;
            if (ns == 0) continue;
            FixedMakeup[NoiseCauses.Slot(cause)] += (float)ns;
            fixedNs += ns;
        }
        FixedNs = (long)Math.Round(fixedNs);
        FixedMakeupTotal = FixedMakeup.Sum(m => (double)m);
        HasDuration = durationMedianSeconds > 0;
        DurationSlot = NoiseCauses.Slot(durationCause);
        LogMedianNs = HasDuration ? Math.Log(durationMedianSeconds * 1e9) : 0;
        LogSigma = durationLogSigma;
        Counts = [.. Counters.All.Select(source.Cost.Count)];
        FirstCoreOfNode = source.FirstCoreOfNode;
    }

    /// <summary>
    /// Detours at given times (ascending, ns), each costing <paramref name="cost"/>, on the first core of each node: the
    /// interrupts of a request stream on the core they are routed to, each at its request's arrival.
    /// </summary>
    public static DetourSource Scheduled(string name, EventCost cost, long[] times) =>
        // The source record only carries the name and the cost: its times are the detours.
        new(new NoiseSource.Poisson(name, 0, cost) { FirstCoreOfNode = true }, 0, false, 0, OverheadCause.DaemonNoise, 0, 0, times);

    public static DetourSource From(NoiseSource source) => source switch
    {
        NoiseSource.Periodic p => new DetourSource(p, Math.Max(1, (long)Math.Round(1e9 / p.RateHz)), p.Synchronized, 0, OverheadCause.DaemonNoise, 0, 0),
        NoiseSource.Poisson q => new DetourSource(q, 0, false, q.RatePerSecond / 1e9, q.DurationCause, q.DurationMedianSeconds, q.DurationLogSigma),
        NoiseSource.Measured m => new DetourSource(m, 0, m.Noise.Mapping == NoiseTraceMapping.Coscheduled, 0, OverheadCause.MeasuredNoise, 0, 0, measured: m.Noise),
        _ => throw new ArgumentException($"unknown kind of noise source: {source.GetType().Name}", nameof(source)),
    };
}

/// <summary>
/// The causes a detour can be made of — every cause but translation (the job's own compute) and
/// collective amplification (what the critical path adds) — each with a slot in per-cause arrays.
/// </summary>
internal static class NoiseCauses
{
    public static readonly OverheadCause[] All = OverheadCauses.Noise;

    public static readonly int Count = All.Length;

    private static readonly int[] Slots = [.. OverheadCauses.All.Select(c => Array.IndexOf(All, c))];

    /// <summary>The slot of a noise cause.</summary>
    public static int Slot(OverheadCause cause) =>
        Slots[(int)cause] is var slot and >= 0 ? slot : throw new ArgumentException($"{cause} is not a cause a detour is made of", nameof(cause));
}
