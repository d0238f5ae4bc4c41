using System.Globalization;

namespace NodeSim.Engine.Edge;

/// <summary>
/// How bursty a request stream is against the cores serving it: the work its busiest minute and busiest second bring
/// (Σ service of the requests arriving in a sliding window, over the window × the cores), and the share of seconds in which
/// more work arrives than the cores can do. A stream whose mean load is below 1 but whose busiest minute is far above it
/// queues through every burst: its latency quantiles measure the bursts' backlog, not a stationary queue.
/// </summary>
/// <param name="MeanLoad">The whole stream's work over its span × the cores (the nominal load).</param>
/// <param name="PeakMinuteLoad">The busiest 60-second window's work over 60 s × the cores.</param>
/// <param name="PeakSecondLoad">The busiest 1-second window's.</param>
/// <param name="ShareOfSecondsAbove">The share of whole seconds of the span whose arriving work exceeds what the cores do in a second.</param>
public sealed record Burstiness(double MeanLoad, double PeakMinuteLoad, double PeakSecondLoad, double ShareOfSecondsAbove)
{
    /// <summary>Whether the busiest minute brings more work than the cores do: the quantiles are a burst's backlog.</summary>
    public bool Overloads => PeakMinuteLoad >= 1;

    /// <summary>The bursts of <paramref name="requests"/> (ascending arrivals) against <paramref name="cores"/> serving cores.</summary>
    public static Burstiness Of(IReadOnlyList<ServedRequest> requests, int cores)
    {
        if (requests.Count < 2 || cores < 1) return new Burstiness(0, 0, 0, 0);
        var first = requests[0].ArrivalSeconds;
        var span = requests[^1].ArrivalSeconds - first;
        var mean = span > 0 ? requests.Sum(r => r.ServiceSeconds) / (span * cores) : double.PositiveInfinity;
        double Peak(double window)
        {
            // A window ending at each arrival: two pointers over the arrivals, the work between them summed as they move.
            double work = 0, peak = 0;
            var from = 0;
            for (var to = 0; to < requests.Count; to++)
            {
                work += requests[to].ServiceSeconds;
                while (requests[to].ArrivalSeconds - requests[from].ArrivalSeconds >= window) work -= requests[from++].ServiceSeconds;
                peak = Math.Max(peak, work);
            }
            return peak / (window * cores);
        }
        var seconds = new Dictionary<long, double>();
        foreach (var r in requests)
        {
            var second = (long)Math.Floor(r.ArrivalSeconds - first);
            seconds[second] = seconds.GetValueOrDefault(second) + r.ServiceSeconds;
        }
        var whole = Math.Max(1, (long)Math.Ceiling(span));
        return new Burstiness(mean, Peak(60), Peak(1), seconds.Values.Count(w => w > cores) / (double)whole);
    }

    /// <summary>A warning for a stream whose busiest minute overloads its cores, or null.</summary>
    public string? Warning(int cores) => !Overloads ? null : string.Create(CultureInfo.InvariantCulture,
        $"bursty: its busiest minute brings {PeakMinuteLoad:G3} times the work {cores} cores do (the mean brings {MeanLoad:G3}), and {ShareOfSecondsAbove * 100:F0}% of its seconds exceed them; its latency quantiles measure the bursts' backlog, not a stationary queue");
}
