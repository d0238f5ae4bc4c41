using System.Globalization;

namespace NodeSim.Engine.Edge;

/// <summary>
/// How bursty a request stream is against the cores serving it: the load its busiest minute and busiest second bring (the
/// arrival rate in a sliding window × the mean service, over the cores), and the share of seconds whose arrivals bring more
/// than the cores can do. A stream whose mean load is below 1 but whose busiest minute is far above it queues through every
/// burst: its latency quantiles measure the bursts' backlog, not a stationary queue. Rates, not the work of the requests in a
/// window, so that one long request (a 400-s function) is not a burst.
/// </summary>
/// <param name="MeanLoad">The whole stream's rate × mean service over the cores (the nominal load).</param>
/// <param name="PeakMinuteLoad">The busiest 60-second window's (a stream shorter than a minute: its mean).</param>
/// <param name="PeakSecondLoad">The busiest 1-second window's.</param>
/// <param name="ShareOfSecondsAbove">The share of whole seconds of the span whose arrivals bring a load above 1.</param>
/// <param name="PeakMinuteArrivals">The arrivals in the busiest minute.</param>
public sealed record Burstiness(double MeanLoad, double PeakMinuteLoad, double PeakSecondLoad, double ShareOfSecondsAbove, int PeakMinuteArrivals = 0)
{
    /// <summary>
    /// Whether the busiest minute brings more work than the cores do beyond the chance of a Poisson count (3 √n of its n
    /// arrivals): the quantiles are a burst's backlog. A long Poisson stream near capacity has minutes above it by chance
    /// alone; those are its stationary queue's, not a burst.
    /// </summary>
    public bool Overloads => PeakMinuteArrivals > 0 && PeakMinuteLoad * (1 - 3 / Math.Sqrt(PeakMinuteArrivals)) >= 1;

    /// <summary>The bursts of <paramref name="requests"/> (ascending arrivals) against <paramref name="cores"/> serving cores.</summary>
    public static Burstiness Of(IReadOnlyList<ServedRequest> requests, int cores)
    {
        if (requests.Count < 2 || cores < 1) return new Burstiness(0, 0, 0, 0);
        var first = requests[0].ArrivalSeconds;
        var span = requests[^1].ArrivalSeconds - first;
        var service = requests.Average(r => r.ServiceSeconds);
        // The load of a number of arrivals in a window: their rate × the mean service, over the cores.
        double Load(double arrivals, double window) => arrivals / window * service / cores;
        var mean = span > 0 ? Load(requests.Count, span) : double.PositiveInfinity;
        int Most(double window)
        {
            // A window ending at each arrival: two pointers over the arrivals.
            var (from, most) = (0, 0);
            for (var to = 0; to < requests.Count; to++)
            {
                while (requests[to].ArrivalSeconds - requests[from].ArrivalSeconds >= window) from++;
                most = Math.Max(most, to - from + 1);
            }
            return most;
        }
        // A stream shorter than the window has one window, its whole span.
        double Peak(double window) => Load(Most(window), Math.Min(window, span));
        var seconds = new Dictionary<long, int>();
        foreach (var r in requests)
        {
            var second = (long)Math.Floor(r.ArrivalSeconds - first);
            seconds[second] = seconds.GetValueOrDefault(second) + 1;
        }
        var whole = Math.Max(1, (long)Math.Ceiling(span));
        return new Burstiness(mean, Peak(60), Peak(1), seconds.Values.Count(n => Load(n, 1) > 1) / (double)whole, Most(60));
    }

    /// <summary>
    /// The lowest mean load at which <paramref name="requests"/>, rescaled in time to it (as <c>--load</c> does), has a busiest minute
    /// that overloads <paramref name="cores"/> cores (1 for a stream whose busiest minute is its mean). Rescaling changes which
    /// arrivals share a minute, so this is no fixed ratio of peak to mean: compressed to a higher load, a minute holds more of the
    /// original stream. The busiest minute's load grows with the load rescaled to, so bisection finds it.
    /// </summary>
    public static double OverloadingLoad(IReadOnlyList<ServedRequest> requests, int cores)
    {
        var mean = Of(requests, cores).MeanLoad;
        if (!(mean > 0) || !double.IsFinite(mean)) return double.NaN;
        Burstiness At(double load) => Of([.. requests.Select(r => r with { ArrivalSeconds = r.ArrivalSeconds * mean / load })], cores);
        double low = 0, high = 1;
        if (!At(high).Overloads) return 1;
        for (var i = 0; i < 30; i++)
        {
            var mid = (low + high) / 2;
            if (At(mid).Overloads) high = mid; else low = mid;
        }
        return high;
    }

    /// <summary>A warning for a stream whose busiest minute overloads its cores, or null.</summary>
    public string? Warning(int cores) => !Overloads ? null : string.Create(CultureInfo.InvariantCulture,
        $"bursty: its busiest minute brings {PeakMinuteLoad:G3} times the work {cores} cores do (the mean brings {MeanLoad:G3}), and {ShareOfSecondsAbove * 100:F0}% of its seconds exceed them; its latency quantiles measure the bursts' backlog, not a stationary queue");
}
