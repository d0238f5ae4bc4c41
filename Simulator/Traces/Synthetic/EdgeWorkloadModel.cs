using NodeSim.Models;
using MathNet.Numerics.Distributions;
using NodeSim.Kernel;
using NodeSim.Traces.Edge;

namespace NodeSim.Traces.Synthetic;

/// <summary>How edge requests arrive.</summary>
public enum EdgeArrivalProcess
{
    /// <summary>A Poisson process of constant rate.</summary>
    Poisson,
    /// <summary>A two-state Markov-modulated Poisson process: bursts and calm spells of exponential length.</summary>
    Mmpp,
}

/// <summary>
/// Parameters of <see cref="EdgeWorkloadModel"/>. Arrival defaults come from the Azure LLM inference
/// trace (code, 2023; 8,819 requests in 57 min); service defaults from the Azure Functions 2021 excerpt.
/// </summary>
/// <param name="Requests">Requests to generate.</param>
/// <param name="Seed">Root seed.</param>
/// <param name="Arrivals">Poisson or MMPP.</param>
/// <param name="Rate">Poisson rate, requests/s. Azure LLM: 2.57/s.</param>
/// <param name="BurstRate">MMPP rate in a burst, requests/s. Azure LLM, 10-s windows above the mean: 7.33/s.</param>
/// <param name="CalmRate">MMPP rate between bursts. Azure LLM, windows below the mean: 0.26/s.</param>
/// <param name="MeanBurstSeconds">Mean length of a burst. Azure LLM: 23 s.</param>
/// <param name="MeanCalmSeconds">Mean length of a calm spell. Azure LLM: 48 s.</param>
/// <param name="ServiceMedianSeconds">Median of the log-normal before truncation, e^μ. Azure Functions 2021: 6.82 s (see below).</param>
/// <param name="ServiceLogStdDev">σ of ln(service time) before truncation. Azure Functions 2021: 4.58.</param>
/// <param name="ServiceMaxSeconds">The longest service time: the log-normal is truncated here. Azure Functions' Consumption plan
/// stops a function after at most 10 min (functionTimeout, learn.microsoft.com "Azure Functions hosting options"); the
/// excerpt's longest invocation takes 405 s.</param>
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
    double ServiceMedianSeconds = 6.82,
    double ServiceLogStdDev = 4.58,
    double ServiceMaxSeconds = 600)
{
    public void Validate()
    {
        if (Requests < 1) throw new ArgumentOutOfRangeException(nameof(Requests), Requests, "Requests must be at least 1");
        foreach (var (name, v) in new[] { (nameof(Rate), Rate), (nameof(BurstRate), BurstRate), (nameof(CalmRate), CalmRate),
                     (nameof(MeanBurstSeconds), MeanBurstSeconds), (nameof(MeanCalmSeconds), MeanCalmSeconds),
                     (nameof(ServiceMedianSeconds), ServiceMedianSeconds), (nameof(ServiceLogStdDev), ServiceLogStdDev),
                     (nameof(ServiceMaxSeconds), ServiceMaxSeconds) })
            if (!(v > 0) || double.IsInfinity(v)) throw new ArgumentOutOfRangeException(name, v, $"{name} must be a positive number");
    }

    /// <summary>The long-run mean arrival rate, requests/s.</summary>
    public double MeanRate => Arrivals == EdgeArrivalProcess.Poisson
        ? Rate
        : (BurstRate * MeanBurstSeconds + CalmRate * MeanCalmSeconds) / (MeanBurstSeconds + MeanCalmSeconds);
}

/// <summary>Synthetic edge requests: Poisson or two-state MMPP arrivals, log-normal service times.</summary>
public static class EdgeWorkloadModel
{
    public static IEnumerable<EdgeRequest> Generate(EdgeWorkloadParameters p)
    {
        p.Validate();
        var arrivals = new RandomStream(RandomStream.DeriveSeed(p.Seed, "edge.arrivals"));
        var phases = new RandomStream(RandomStream.DeriveSeed(p.Seed, "edge.phases"));
        var service = new RandomStream(RandomStream.DeriveSeed(p.Seed, "edge.service"));
        var mu = Math.Log(p.ServiceMedianSeconds);
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
            yield return new EdgeRequest($"q{i}", t, Math.Exp(Normal.InvCDF(mu, p.ServiceLogStdDev, service.NextDouble() * belowMax)));
        }
    }
}
