using System.Globalization;
using NodeSim.Models;
using NodeSim.Models.Parameters;
using MathNet.Numerics.Distributions;
using NodeSim.Kernel;
using NodeSim.Traces.Edge;

namespace NodeSim.Traces.Synthetic;

/// <summary>How a generated request's service time is drawn.</summary>
public enum EdgeServiceDistribution
{
    /// <summary>Log-normal, truncated at the maximum (fitted to the Azure Functions excerpt).</summary>
    LogNormal,
    /// <summary>Exponential with median <c>service_median_seconds</c> (M/M/c; its mean is that / ln 2).</summary>
    Exponential,
    /// <summary>Always <c>service_median_seconds</c> (M/D/c).</summary>
    Deterministic,
}

/// <summary>How edge requests arrive.</summary>
public enum EdgeArrivalProcess
{
    /// <summary>A Poisson process of constant rate.</summary>
    Poisson,
    /// <summary>A two-state Markov-modulated Poisson process: bursts and calm spells of exponential length.</summary>
    Mmpp,
}

/// <summary>
/// Parameters of <see cref="EdgeWorkloadModel"/> (<c>synthetic:edge?name=value&amp;…</c>). Arrival
/// defaults come from the Azure LLM inference trace (code, 2023; 8,819 requests in 57 min); service
/// defaults from the Azure Functions 2021 excerpt. What each is: <see cref="Catalogue"/>; its
/// source: <see cref="Defaults"/>.
/// </summary>
/// <remarks>
/// Service times span four decades between p10 and p90 in the excerpt (p10 0.019 s, median 1.63 s, p90 238 s, mean 53 s)
/// and stop at the timeout. An untruncated log-normal with that spread has a mean of ~500 s and
/// puts 4% of requests beyond 10 min (one of 8,819 draws took 7 days), so the fit is of a log-normal
/// truncated at <see cref="ServiceMaxSeconds"/>: μ and σ minimise the squared error of ln(quantile)
/// at p = 0.1, 0.25, 0.5, 0.75, 0.9. It gives p10/p25/p50/p75/p90 = 0.012/0.17/2.6/30/155 s and a
/// mean of 46 s (excerpt: 0.019/0.10/1.6/46/238 s, 53 s).
/// </remarks>
public sealed record EdgeWorkloadParameters(
    int Requests = 10_000,
    ulong Seed = 1,
    EdgeArrivalProcess Arrivals = EdgeArrivalProcess.Poisson,
    double Rate = 2.57,
    double BurstRate = 7.33,
    double CalmRate = 0.26,
    double MeanBurstSeconds = 23,
    double MeanCalmSeconds = 48,
    double ServiceMedianSeconds = 2.641,
    double ServiceLogStdDev = 4.58,
    double ServiceMaxSeconds = 600,
    EdgeServiceDistribution Service = EdgeServiceDistribution.LogNormal) : IParameterized
{
    public static ParameterSet Catalogue { get; } = ParameterSet.For<EdgeWorkloadParameters>("edge request generator")
        .Integer("requests", "requests", 1, 10_000_000, "requests to generate (held in memory while sorted: 10,000,000 take about 500 MB)", p => p.Requests, (p, v) => p with { Requests = (int)v })
        .Unsigned("seed", "root seed", p => p.Seed, (p, v) => p with { Seed = v })
        .Choice("arrivals", "how requests arrive: a Poisson process, or a two-state Markov-modulated Poisson process (bursts and calm spells)",
            [("poisson", EdgeArrivalProcess.Poisson), ("mmpp", EdgeArrivalProcess.Mmpp)], p => p.Arrivals, (p, v) => p with { Arrivals = v })
        .Number("rate", "1/s", 1e-9, 1e9, "Poisson arrival rate", p => p.Rate, (p, v) => p with { Rate = v })
        .Number("burst_rate", "1/s", 1e-9, 1e9, "MMPP arrival rate in a burst", p => p.BurstRate, (p, v) => p with { BurstRate = v })
        .Number("calm_rate", "1/s", 1e-9, 1e9, "MMPP arrival rate between bursts", p => p.CalmRate, (p, v) => p with { CalmRate = v })
        .Number("mean_burst_seconds", "s", 1e-9, 1e9, "mean length of a burst", p => p.MeanBurstSeconds, (p, v) => p with { MeanBurstSeconds = v })
        .Number("mean_calm_seconds", "s", 1e-9, 1e9, "mean length of a calm spell", p => p.MeanCalmSeconds, (p, v) => p with { MeanCalmSeconds = v })
        .Number("service_median_seconds", "s", 1e-9, 1e9,
"the service time's median under every distribution: the truncated log-normal's (its μ follows from this, σ and the maximum); ln 2 × the exponential's mean; the deterministic value",
            p => p.ServiceMedianSeconds, (p, v) => p with { ServiceMedianSeconds = v })
        .Number("service_log_std_dev", "1", 1e-9, 20, "σ of ln(service time) before truncation", p => p.ServiceLogStdDev, (p, v) => p with { ServiceLogStdDev = v })
        .Number("service_max_seconds", "s", 1e-9, 1e9, "the longest service time: the log-normal is truncated here",
            p => p.ServiceMaxSeconds, (p, v) => p with { ServiceMaxSeconds = v })
.Choice("service", "how service times are drawn: lognormal (truncated at service_max_seconds), exponential or deterministic, each with median service_median_seconds",
            [("lognormal", EdgeServiceDistribution.LogNormal), ("exponential", EdgeServiceDistribution.Exponential), ("deterministic", EdgeServiceDistribution.Deterministic)],
            p => p.Service, (p, v) => p with { Service = v })
        .Build();

    public ParameterSet Parameters => Catalogue;

    /// <summary>The defaults and the source of each.</summary>
    public static readonly Preset<EdgeWorkloadParameters> Defaults = new("synthetic:edge", "edge requests fitted to Azure traces", new EdgeWorkloadParameters(),
        new Dictionary<string, Source>
        {
            ["requests"] = Source.Assume("enough for stable percentiles"),
            ["seed"] = Source.Assume("any"),
            ["arrivals"] = Source.Assume("Poisson: the simplest arrival process; mmpp for the trace's burstiness"),
            ["rate"] = Source.Cited("Azure LLM inference trace (code, 2023): 8,819 requests in 57 min, 2.57/s"),
            ["burst_rate"] = Source.Cited("Azure LLM: 10-s windows above the mean rate average 7.33/s"),
            ["calm_rate"] = Source.Cited("Azure LLM: windows below the mean average 0.26/s"),
            ["mean_burst_seconds"] = Source.Cited("Azure LLM: bursts last 23 s on average"),
            ["mean_calm_seconds"] = Source.Cited("Azure LLM: calm spells last 48 s on average"),
            ["service_median_seconds"] = Source.Cited("Azure Functions 2021 excerpt: the median of the fit of a log-normal truncated at 10 min to its quantiles (μ = ln 6.82 s, σ = 4.58; the excerpt's own median is 1.63 s)"),
            ["service_log_std_dev"] = Source.Cited("Azure Functions 2021 excerpt: the same fit, σ = 4.58"),
            ["service"] = Source.Cited("the Azure Functions fit; exponential and deterministic give the M/M/c and M/D/1 oracles, and short requests (e.g. service_median_seconds=1e-4; an exponential's mean is that / ln 2)"),
            ["service_max_seconds"] = Source.Cited("Azure Functions Consumption plan: functionTimeout at most 10 min (learn.microsoft.com, \"Azure Functions hosting options\"); the excerpt's longest is 405 s"),
        });

    public void Validate()
    {
        Catalogue.Check(this);
        if (Service == EdgeServiceDistribution.LogNormal && !(ServiceMedianSeconds < ServiceMaxSeconds))
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"synthetic:edge: service_median_seconds = {ServiceMedianSeconds:G} must be below service_max_seconds = {ServiceMaxSeconds:G}, where the log-normal is truncated"));
    }

    /// <summary>
    /// The μ of a log-normal with log-deviation <paramref name="sigma"/> which, truncated at <paramref name="max"/>, has median
    /// <paramref name="median"/>: F(m) = F(max) / 2 for the untruncated CDF F. The truncated median grows with μ (from below
    /// e^μ towards the maximum), so bisection finds it.
    /// </summary>
    public static double TruncatedLogNormalMu(double median, double sigma, double max)
    {
        if (!(median < max)) throw new ArgumentOutOfRangeException(nameof(median), median, "the median of a log-normal truncated at the maximum lies below it");
        if (sigma == 0) return Math.Log(median);
        double MedianOf(double mu) => Math.Exp(mu + sigma * Normal.InvCDF(0, 1, Normal.CDF(mu, sigma, Math.Log(max)) / 2));
        var (low, high) = (Math.Log(median), Math.Log(median) + sigma);
        while (MedianOf(high) < median) high += sigma;
        for (var i = 0; i < 200 && high - low > 1e-13 * Math.Max(1, Math.Abs(low)); i++)
        {
            var mid = (low + high) / 2;
            if (MedianOf(mid) < median) low = mid; else high = mid;
        }
        return (low + high) / 2;
    }

    /// <summary>The long-run mean arrival rate, requests/s.</summary>
    public double MeanRate => Arrivals == EdgeArrivalProcess.Poisson
        ? Rate
        : (BurstRate * MeanBurstSeconds + CalmRate * MeanCalmSeconds) / (MeanBurstSeconds + MeanCalmSeconds);
}

/// <summary>Synthetic edge requests: Poisson or two-state MMPP arrivals, log-normal service times.</summary>
public static class EdgeWorkloadModel
{
    /// <summary>The requests, streamed; refused before any is returned when they would span more than a trace may.</summary>
    /// <exception cref="UserInputException">The requests would arrive over more than <see cref="TraceFile.MaxSeconds"/>.</exception>
    public static IEnumerable<EdgeRequest> Generate(EdgeWorkloadParameters p)
    {
        p.Validate();
        // The reader refuses an arrival beyond what the simulator's clock can replay: so does the generator, from the same limit,
        // with room for the spread of the arrivals around their mean (the last one's is far below half its mean).
        var span = p.Requests / p.MeanRate;
        if (span * 1.5 > TraceFile.MaxSeconds)
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"synthetic:edge: {p.Requests:N0} requests at {p.MeanRate:G4}/s arrive over about {span:G3} s; a trace may span at most {TraceFile.MaxSeconds:N0} s (about 31 years, as the simulator's clock counts), with room for chance: give fewer requests or a higher rate"));
        return Requests(p);
    }

    private static IEnumerable<EdgeRequest> Requests(EdgeWorkloadParameters p)
    {
        var arrivals = new RandomStream(RandomStream.DeriveSeed(p.Seed, "edge.arrivals"));
        var phases = new RandomStream(RandomStream.DeriveSeed(p.Seed, "edge.phases"));
        var service = new RandomStream(RandomStream.DeriveSeed(p.Seed, "edge.service"));
        var mu = EdgeWorkloadParameters.TruncatedLogNormalMu(p.ServiceMedianSeconds, p.ServiceLogStdDev, p.ServiceMaxSeconds);
        // Truncation by inversion: a uniform draw over the CDF's range below the maximum.
        var belowMax = Normal.CDF(mu, p.ServiceLogStdDev, Math.Log(p.ServiceMaxSeconds));
        double t = 0;
        // MMPP: start in a burst or calm spell with the stationary probabilities.
        var burst = phases.NextDouble() < p.MeanBurstSeconds / (p.MeanBurstSeconds + p.MeanCalmSeconds);
        var phaseEnd = Exponential.Sample(phases, 1 / (burst ? p.MeanBurstSeconds : p.MeanCalmSeconds));
        for (var i = 0; i < p.Requests; i++)
        {
            if (p.Arrivals == EdgeArrivalProcess.Poisson)
                t += Exponential.Sample(arrivals, p.Rate);
            else
            {
                // Memorylessness: draw a gap at the current phase's rate; if the phase ends first, restart from its end.
                while (true)
                {
                    var next = t + Exponential.Sample(arrivals, burst ? p.BurstRate : p.CalmRate);
                    if (next <= phaseEnd)
                    {
                        t = next;
                        break;
                    }
                    t = phaseEnd;
                    burst = !burst;
                    phaseEnd = t + Exponential.Sample(phases, 1 / (burst ? p.MeanBurstSeconds : p.MeanCalmSeconds));
                }
            }
            var seconds = p.Service switch
            {
                // An exponential of median m has rate ln 2 / m (its mean is m / ln 2).
                EdgeServiceDistribution.Exponential => Exponential.Sample(service, Math.Log(2) / p.ServiceMedianSeconds),
                EdgeServiceDistribution.Deterministic => p.ServiceMedianSeconds,
                _ => Math.Exp(Normal.InvCDF(mu, p.ServiceLogStdDev, service.NextDouble() * belowMax)),
            };
            if (t > TraceFile.MaxSeconds)
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"synthetic:edge: request {i:N0} arrives at {t:G4} s, beyond the {TraceFile.MaxSeconds:N0} s a trace may span; give fewer requests or a higher rate"));
            yield return new EdgeRequest($"q{i}", t, seconds);
        }
    }
}
