using System.Diagnostics;

namespace NodeSim.Benchmarks;

/// <summary>What one run of a benchmarked body did: how many model events, and a checksum of its result.</summary>
/// <param name="Events">Model events processed (the same count for every way of running a model).</param>
/// <param name="Checksum">A result of the run; equal checksums show the ways computed the same thing.</param>
public readonly record struct BenchRun(long Events, double Checksum);

/// <summary>Medians of one way of running a model.</summary>
/// <param name="Name">The way, e.g. <c>process</c>.</param>
/// <param name="WallSeconds">Wall time of every measured run.</param>
/// <param name="MedianSeconds">Median wall time.</param>
/// <param name="Events">Model events per run.</param>
/// <param name="AllocatedBytesPerEvent">Median managed bytes allocated per event (<see cref="GC.GetTotalAllocatedBytes"/>).</param>
/// <param name="Checksum">The result of the last run.</param>
public sealed record Measurement(string Name, IReadOnlyList<double> WallSeconds, double MedianSeconds, long Events, double AllocatedBytesPerEvent, double Checksum)
{
    public double EventsPerSecond => Events / MedianSeconds;
}

/// <summary>
/// Times several ways of doing the same work in one process: warm-up rounds (JIT, tiering, caches),
/// then <c>runs</c> rounds in which the ways take turns, so drift of the machine affects them alike.
/// Reports medians, which resist the odd slow run.
/// </summary>
public static class BenchmarkHarness
{
    /// <summary>
    /// By default warm-up lasts at least this long as well as the requested rounds: tiered compilation
    /// promotes a method to optimised code only after ~30 calls and a 100 ms pause in new compilations,
    /// and replaces long loops on the stack, so a few short rounds would be measured half-compiled
    /// (a 30 ms replay measured 87, 66, 65, 40, 19 ms in its first five rounds).
    /// </summary>
    public const double DefaultWarmupSeconds = 2;

    /// <summary>A bound on warm-up rounds for tiny bodies, which take long to fill the warm-up time.</summary>
    private const int MaximumWarmupRounds = 100;

    /// <param name="runs">Measured rounds.</param>
    /// <param name="warmups">Warm-up rounds at the least.</param>
    /// <param name="warmupSeconds">Warm-up time at the least (see <see cref="DefaultWarmupSeconds"/>); 0 for a smoke run.</param>
    /// <param name="ways">The ways of doing the work, measured in turns within each round.</param>
    /// <param name="progress">Told of each round as it starts.</param>
    public static IReadOnlyList<Measurement> Compare(int runs, int warmups, double warmupSeconds, IReadOnlyList<(string Name, Func<BenchRun> Body)> ways, Action<string>? progress = null)
    {
        if (runs < 1) throw new ArgumentOutOfRangeException(nameof(runs), runs, "at least one measured run");
        if (!(warmupSeconds >= 0)) throw new ArgumentOutOfRangeException(nameof(warmupSeconds), warmupSeconds, "warm-up time must not be negative");
        var times = ways.Select(_ => new List<double>()).ToArray();
        var bytes = ways.Select(_ => new List<double>()).ToArray();
        var results = new BenchRun[ways.Count];
        var warming = Stopwatch.StartNew();
        var warmupRounds = 0;
        while (warmupRounds < warmups || (warming.Elapsed.TotalSeconds < warmupSeconds && warmupRounds < MaximumWarmupRounds))
        {
            progress?.Invoke($"warm-up {++warmupRounds}");
            for (var w = 0; w < ways.Count; w++) results[w] = ways[w].Body();
        }
        for (var round = 0; round < runs; round++)
        {
            progress?.Invoke($"run {round + 1}/{runs}");
            for (var w = 0; w < ways.Count; w++)
            {
                var (result, seconds, allocated) = Time(ways[w].Body);
                results[w] = result;
                times[w].Add(seconds);
                bytes[w].Add((double)allocated / result.Events);
            }
        }
        return ways.Select((way, w) => new Measurement(way.Name, times[w], Median(times[w]), results[w].Events, Median(bytes[w]), results[w].Checksum)).ToList();
    }

    /// <summary>Runs <paramref name="body"/> once from a collected heap: its result, wall seconds and allocated bytes.</summary>
    private static (BenchRun Result, double Seconds, long Allocated) Time(Func<BenchRun> body)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var result = body();
        clock.Stop();
        return (result, clock.Elapsed.TotalSeconds, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    /// <summary>
    /// The median over rounds of <paramref name="way"/>'s time divided by <paramref name="baseline"/>'s in the
    /// same round: a paired ratio, robust to the machine's speed drifting between rounds.
    /// </summary>
    public static double PairedRatio(Measurement way, Measurement baseline) => Median(PairedRatios(way, baseline));

    /// <summary>Each round's time of <paramref name="way"/> over <paramref name="baseline"/>'s: their spread shows how noisy the machine was.</summary>
    public static IReadOnlyList<double> PairedRatios(Measurement way, Measurement baseline) =>
        way.WallSeconds.Zip(baseline.WallSeconds, (a, b) => a / b).ToList();

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
