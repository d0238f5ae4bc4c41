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
/// <param name="ServiceMedianSeconds">Median of the log-normal service time. Azure Functions 2021: 2.10 s.</param>
/// <param name="ServiceLogStdDev">σ of ln(service time). Azure Functions 2021: 3.32.</param>
public sealed record EdgeWorkloadParameters(
    int Requests = 10_000,
    ulong Seed = 1,
    EdgeArrivalProcess Arrivals = EdgeArrivalProcess.Poisson,
    double Rate = 2.57,
    double BurstRate = 7.33,
    double CalmRate = 0.26,
    double MeanBurstSeconds = 23,
    double MeanCalmSeconds = 48,
    double ServiceMedianSeconds = 2.10,
    double ServiceLogStdDev = 3.32)
{
    public void Validate()
    {
        if (Requests < 1) throw new ArgumentOutOfRangeException(nameof(Requests), Requests, "Requests must be at least 1");
        foreach (var (name, v) in new[] { (nameof(Rate), Rate), (nameof(BurstRate), BurstRate), (nameof(CalmRate), CalmRate),
                     (nameof(MeanBurstSeconds), MeanBurstSeconds), (nameof(MeanCalmSeconds), MeanCalmSeconds),
                     (nameof(ServiceMedianSeconds), ServiceMedianSeconds), (nameof(ServiceLogStdDev), ServiceLogStdDev) })
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
            yield return new EdgeRequest($"q{i}", t, Math.Exp(Normal.Sample(service, mu, p.ServiceLogStdDev)));
        }
    }
}
