using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace NodeSim.Traces.Noise;

/// <summary>How well a fitted distribution describes what it was fitted to: the Kolmogorov–Smirnov distance, and its reading.</summary>
public readonly record struct Goodness(double KsDistance)
{
    /// <summary>
    /// good at a KS distance of at most 0.05, fair to 0.1, poor above (assumed thresholds: with thousands of detours any
    /// model is rejected by the KS test's p-value, so the distance itself is read — 0.05 is within the sampling spread of a
    /// few hundred draws from the model).
    /// </summary>
    public string Verdict => double.IsNaN(KsDistance) ? "none (too few detours)" : KsDistance <= 0.05 ? "good" : KsDistance <= 0.1 ? "fair" : "poor";

    /// <summary>The largest gap between the empirical CDF of <paramref name="sorted"/> (ascending) and <paramref name="cdf"/>.</summary>
    public static Goodness Of(IReadOnlyList<double> sorted, Func<double, double> cdf)
    {
        double d = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            var f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max(Math.Abs(f - i / (double)sorted.Count), Math.Abs((i + 1) / (double)sorted.Count - f)));
        }
        return new Goodness(d);
    }
}

/// <summary>A periodic component as the parametric model takes it: a frequency and a detour's length, with how well one length fits.</summary>
public sealed record PeriodicFit(double FrequencyHz, double MedianNs, int Cores, double DetoursPerTick, Goodness Regularity);

/// <summary>
/// The parametric model fitted to a noise trace: its periodic components, and the rest as a Poisson process per core whose
/// detours last a log-normal time — with the Kolmogorov–Smirnov distance of each part (arrivals: the gaps between the rest's
/// detours against an exponential of the fitted rate; durations: against the fitted log-normal).
/// </summary>
/// <param name="RatePerSecond">The rest's detours per second per core (the Poisson rate).</param>
/// <param name="MedianNs">The rest's log-normal median, e^μ with μ the mean of ln(duration) (maximum likelihood).</param>
/// <param name="LogSigma">The rest's σ of ln(duration) (maximum likelihood).</param>
public sealed record NoiseFit(IReadOnlyList<PeriodicFit> Periodic, double RatePerSecond, double MedianNs, double LogSigma, Goodness Arrivals, Goodness Durations,
    int RestDetours)
{
    /// <summary>The worst verdict of the parts that were fitted (a part with too few detours to fit has none): what the fit as a whole may be trusted as.</summary>
    public string Verdict => new[] { Arrivals, Durations }.Concat(Periodic.Select(p => p.Regularity)).Where(g => !double.IsNaN(g.KsDistance))
        .Select(g => g.KsDistance).DefaultIfEmpty(0).Max() is var worst ? new Goodness(worst).Verdict : "";

    public static NoiseFit Of(NoiseTrace trace)
    {
        var (components, rest) = PeriodicComponent.Find(trace);
        var periodic = components.Select(c =>
        {
            var durations = c.Detours.Select(d => (double)d.DurationNs).Order().ToList();
            var median = durations.Median();
            // A tick's detours should all last about the same: the share farther than half its median from it is its KS-like misfit.
            var spread = durations.Count(d => Math.Abs(d - median) > 0.5 * median) / (double)durations.Count;
            return new PeriodicFit(c.FrequencyHz, median, c.Cores, c.DetoursPerTick, new Goodness(spread));
        }).ToList();
        var cores = trace.ByCore.Count;
        var seconds = trace.Header.DurationNs / 1e9;
        var rate = rest.Count / (seconds * cores);
        if (rest.Count < 2) return new NoiseFit(periodic, rate, double.NaN, double.NaN, new Goodness(double.NaN), new Goodness(double.NaN), rest.Count);
        var logs = rest.Select(d => Math.Log(d.DurationNs)).ToList();
        var (mu, sigma) = (logs.Mean(), logs.PopulationStandardDeviation());
        var sorted = rest.Select(d => (double)d.DurationNs).Order().ToList();
        var durations = Goodness.Of(sorted, x => sigma > 0 ? LogNormal.CDF(mu, sigma, x) : x >= Math.Exp(mu) ? 1 : 0);
        // The rest's gaps core by core, in units of the fitted mean gap: Exp(1) for a Poisson process.
        var inRest = new HashSet<Detour>(rest);
        var gaps = new List<double>();
        foreach (var core in trace.Cores)
        {
            var own = trace.ByCore[core].Where(inRest.Contains).Select(d => d.StartNs).ToList();
            for (var i = 1; i < own.Count; i++) gaps.Add((own[i] - own[i - 1]) / 1e9 * rate);
        }
        gaps.Sort();
        var arrivals = gaps.Count > 1 ? Goodness.Of(gaps, x => 1 - Math.Exp(-x)) : new Goodness(double.NaN);
        return new NoiseFit(periodic, rate, Math.Exp(mu), sigma, arrivals, durations, rest.Count);
    }
}
