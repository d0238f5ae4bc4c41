using MathNet.Numerics.Statistics;

namespace NodeSim.Traces.Noise;

/// <summary>What a noise trace amounts to: how often and how long the cores were taken, and the periodic parts it holds.</summary>
/// <param name="DetoursPerSecond">Detours per second per core (the mean over the cores).</param>
/// <param name="NoiseFraction">The share of the cores' time spent in detours.</param>
/// <param name="DurationQuantilesNs">The detours' durations at 0.5, 0.9, 0.99 and 0.999.</param>
public sealed record NoiseSummary(int Cores, double Seconds, long Detours, double DetoursPerSecond, double NoiseFraction, double MeanNs, double MaxNs,
    IReadOnlyList<(double Quantile, double Ns)> DurationQuantilesNs, IReadOnlyList<PeriodicComponent> Periodic)
{
    public static readonly double[] Quantiles = [0.5, 0.9, 0.99, 0.999];

    public static NoiseSummary Of(NoiseTrace trace)
    {
        var durations = trace.All.Select(x => (double)x.Detour.DurationNs).ToArray();
        var cores = trace.ByCore.Count;
        var seconds = trace.Header.DurationNs / 1e9;
        Array.Sort(durations);
        var (periodic, _) = PeriodicComponent.Find(trace);
        if (durations.Length == 0) return new NoiseSummary(cores, seconds, 0, 0, 0, 0, 0, [.. Quantiles.Select(q => (q, 0.0))], periodic);
        return new NoiseSummary(cores, seconds, durations.Length, durations.Length / (seconds * cores), durations.Sum() / (trace.Header.DurationNs * (double)cores),
            durations.Average(), durations[^1], [.. Quantiles.Select(q => (q, SortedArrayStatistics.Quantile(durations, q)))], periodic);
    }
}
