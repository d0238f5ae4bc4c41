using NodeSim.Kernel;
using MathNet.Numerics.Distributions;
using NodeSim.Engine;
using NodeSim.Models;
using NodeSim.Models.Isolation;
using NodeSim.Models.NodeKernels;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;
using Part = NodeSim.Engine.RankExtraDistribution.PoissonPart;

namespace NodeSim.Tests.Engine;

/// <summary>
/// The distribution of one rank's extra time per interval, against closed forms and against brute
/// force; and job windows that draw their slowest rank from it against windows that follow ranks.
/// </summary>
public class RankExtraDistributionTests
{
    private static readonly double[] NoPeriodicExtra = [0];
    private static readonly double[] Certainly = [1];

    private static RankExtraDistribution Create(IReadOnlyList<Part> parts, int ranks = 1000, double[]? values = null, double[]? probabilities = null) =>
        RankExtraDistribution.TryCreate(parts, values ?? NoPeriodicExtra, probabilities ?? Certainly, ranks)
        ?? throw new AssertionException("the grid did not resolve the distribution");

    [Test]
    public void FixedCostEventsGiveThePoissonTailBetweenTheirMultiples()
    {
        // S = 10 µs × N with N ~ Poisson(3): P(S > (k + ½) × 10 µs) = P(N > k).
        var d = Create([new Part(3, 10e-6, 0, 0)]);
        for (var k = 0; k <= 12; k++)
            Assert.That(d.Survival((k + 0.5) * 10e-6), Is.EqualTo(1 - Poisson.CDF(3, k)).Within(1e-9), $"k = {k}");
    }

    [Test]
    public void RareLogNormalEventsGiveTheTailOfOneEvent()
    {
        // μ = 10⁻³ events per interval: P(S > x) = e^−μ μ P(D > x) + O(μ²).
        const double mu = 1e-3;
        // (With so few events the slowest of a thousand ranks is usually idle; a large R needs the tail.)
        var d = Create([new Part(mu, 0, 50e-6, 1.0)], ranks: 100_000);
        foreach (var x in new[] { 20e-6, 100e-6, 300e-6, 1e-3 })
        {
            var oneEvent = Math.Exp(-mu) * mu * (1 - LogNormal.CDF(Math.Log(50e-6), 1.0, x));
            Assert.That(d.Survival(x), Is.EqualTo(oneEvent).Within(0.01 * oneEvent), $"x = {x * 1e6} µs");
        }
    }

    [Test]
    public void MeanAndSpreadMatchTheCompoundPoissonMoments()
    {
        // The io profile's sources under hafnium-linux at 1000 Hz, roughly: daemons, device interrupts, messages, scheduling delay.
        Part[] parts = [new(0.5, 3e-6, 30e-6, 1.0), new(100, 5e-6, 0, 0), new(10, 2e-6, 0, 0), new(4, 0, 50e-6, 1.0)];
        var d = Create(parts, ranks: 64);
        var mean = parts.Sum(p => p.MeanEvents * (p.FixedSeconds + p.MeanDuration));
        var variance = parts.Sum(p => p.MeanEvents * p.SecondMoment);
        // E[S] = ∫ P(S > x) dx and E[S²] = ∫ 2x P(S > x) dx, integrated finely over the grid.
        double m1 = 0, m2 = 0;
        const double dx = 0.05e-6;
        for (var x = dx / 2; x < 0.02; x += dx)
        {
            var survival = d.Survival(x);
            m1 += survival * dx;
            m2 += 2 * x * survival * dx;
        }
        Assert.That(m1, Is.EqualTo(mean).Within(0.002 * mean));
        Assert.That(m2 - m1 * m1, Is.EqualTo(variance).Within(0.02 * variance));
    }

    [Test]
    public void TheSlowestOfRRanksMatchesBruteForce()
    {
        // Brute force: every rank's periodic extra, Poisson counts and log-normal durations drawn one by one.
        const int ranks = 256, intervals = 4000;
        Part[] parts = [new(0.5, 3e-6, 30e-6, 1.0), new(2, 0, 50e-6, 1.0)];
        double[] values = [0, 4e-6];
        double[] probabilities = [0.7, 0.3];
        var random = new RandomStream(RandomStream.DeriveSeed(5, "brute force"));
        var brute = new List<double>();
        for (var i = 0; i < intervals; i++)
        {
            var slowest = 0.0;
            for (var r = 0; r < ranks; r++)
            {
                var extra = random.NextDouble() < probabilities[1] ? values[1] : 0;
                foreach (var p in parts)
                    for (var n = Poisson.Sample(random, p.MeanEvents); n > 0; n--)
                        extra += p.FixedSeconds + LogNormal.Sample(random, Math.Log(p.DurationMedianSeconds), p.DurationLogSigma);
                slowest = Math.Max(slowest, extra);
            }
            brute.Add(slowest);
        }
        var d = Create(parts, ranks, values, probabilities);
        var drawn = new RandomStream(RandomStream.DeriveSeed(5, "distribution"));
        var sampled = Enumerable.Range(0, intervals).Select(_ => d.SampleSlowest(drawn, ranks)).ToList();
        TestContext.Out.WriteLine($"mean slowest: brute force {brute.Average() * 1e6:F1} µs, distribution {sampled.Average() * 1e6:F1} µs");
        // Means within 3 standard errors; quartiles within 3%.
        var se = Math.Sqrt(Variance(brute) / intervals + Variance(sampled) / intervals);
        Assert.That(sampled.Average(), Is.EqualTo(brute.Average()).Within(3 * se));
        brute.Sort();
        sampled.Sort();
        foreach (var q in new[] { 0.25, 0.5, 0.75 })
            Assert.That(sampled[(int)(q * intervals)], Is.EqualTo(brute[(int)(q * intervals)]).Within(0.03 * brute[(int)(q * intervals)]), $"quantile {q}");
    }

    private static double Variance(List<double> xs)
    {
        var mean = xs.Average();
        return xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1);
    }

    [TestCase("bsp-allreduce", 256, 1000.0)]
    [TestCase("io", 64, 250.0)]
    [TestCase("compute", 128, 1000.0)]
    public void WindowsThatDrawTheSlowestRankAgreeWithWindowsThatFollowRanks(string profileName, int ranks, double hz)
    {
        var profile = JobProfiles.Find(profileName)!;
        var stack = IsolationStack.HafniumLinux with { Primary = NodeKernelPresets.Linux with { TickHz = hz } };
        List<double> Slowdowns(JobExecution.RankFollowing following) =>
            Enumerable.Range(1, 6).Select(seed => JobExecution.Run(new JobExecutionRequest(profile, stack, ranks, SocPresets.PineA64, Seed: (ulong)seed), Contexts.Shared, following).SlowdownPct).ToList();
        var followed = Slowdowns(JobExecution.RankFollowing.OneByOne);
        var drawn = Slowdowns(JobExecution.RankFollowing.Distribution);
        TestContext.Out.WriteLine($"{profileName}, {ranks} ranks, {hz} Hz: followed {followed.Average():F3}% (sd {Math.Sqrt(Variance(followed)):F3}), drawn {drawn.Average():F3}% (sd {Math.Sqrt(Variance(drawn)):F3})");
        var se = Math.Sqrt(Variance(followed) / followed.Count + Variance(drawn) / drawn.Count);
        Assert.That(drawn.Average(), Is.EqualTo(followed.Average()).Within(Math.Max(4 * se, 0.01 * followed.Average())));
    }
}
