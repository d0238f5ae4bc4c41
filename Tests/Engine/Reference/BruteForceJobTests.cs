using MathNet.Numerics.Statistics;
using NodeSim.Kernel;
using static NodeSim.Tests.Engine.Reference.BruteForceJob;

namespace NodeSim.Tests.Engine.Reference;

/// <summary>The brute-force reference against the closed forms the design guide (§3.3) and issue 16 name.</summary>
public class BruteForceJobTests
{
    private static readonly Periodic[] NoPeriodic = [];
    private static readonly Poisson[] NoPoisson = [];

    [TestCase(Collective.Allreduce, 64, 6)]
    [TestCase(Collective.Barrier, 48, 6)]
    [TestCase(Collective.None, 16, 0)]
    public void WithoutNoiseACollectiveCostsExactlyItsStages(Collective collective, int ranks, int stages)
    {
        var r = Run(ranks, work: 1e-3, iterations: 100, collective, stageSeconds: 5e-6, NoPeriodic, NoPoisson, seed: 1);
        Assert.That(r.Seconds, Is.EqualTo(100 * (1e-3 + stages * 5e-6)).Within(1e-12));
        Assert.That(r.Detours, Is.Zero);
    }

    [TestCase(10, 2.5e-3)]
    [TestCase(1000, 25e-6)]
    [TestCase(250, 6e-6)]
    public void OneRankUnderPeriodicNoiseStretchesByOneOverOneMinusTheNetFraction(double hz, double seconds)
    {
        // f·d / (1 − f·d) of extra time: compute runs only between detours. Long work, so the phase hardly matters.
        var work = 200.0;
        var r = Run(1, work, iterations: 1, Collective.None, 0, [new Periodic(hz, seconds, false)], NoPoisson, seed: 3);
        var fd = hz * seconds;
        Assert.That(r.Seconds / work - 1, Is.EqualTo(fd / (1 - fd)).Within(1e-3 * fd / (1 - fd) + seconds / work));
    }

    [Test]
    public void NoiseSynchronisedAcrossRanksCostsTheSameAtAnyScale()
    {
        Periodic[] noise = [new Periodic(1000, 25e-6, Synchronized: true)];
        double Slowdown(int ranks) => Run(ranks, 1e-3, 200, Collective.Allreduce, 5e-6, noise, NoPoisson, seed: 5).Seconds;
        var one = Slowdown(1);
        Assert.That(Slowdown(64), Is.EqualTo(one + 200 * 6 * 5e-6).Within(200 * 25e-6), "the 64-rank job pays only its collective's stages beyond one rank");
        Assert.That(Slowdown(1024), Is.EqualTo(Slowdown(64) + 200 * 4 * 5e-6).Within(200 * 25e-6));
    }

    [Test]
    public void PoissonDetoursStretchLongWorkToWOverOneMinusLambdaDBarInExpectation()
    {
        const double lambda = 50, dbar = 1e-3, work = 20;
        Poisson[] noise = [new Poisson(lambda, r => -Math.Log(1 - r.NextDouble()) * dbar)];
        var stretch = Enumerable.Range(1, 20).Select(s => Run(1, work, 1, Collective.None, 0, NoPeriodic, noise, (ulong)s).Seconds / work).ToList();
        var expected = 1 / (1 - lambda * dbar);
        var half = 2.1 * stretch.StandardDeviation() / Math.Sqrt(stretch.Count);   // t(19) at 95% ≈ 2.09
        Assert.That(stretch.Mean(), Is.EqualTo(expected).Within(half + 1e-9), $"mean {stretch.Mean():F5} ± {half:F5}");
    }

    [Test]
    public void UnsynchronisedNoiseIsAmplifiedWithScaleAndFerreirasSignaturesDiffer()
    {
        // Ferreira et al. (SC'08): equal net noise (2.5%) hurts a fine-grained collective code far more as
        // rare long detours than as frequent short ones, and more as ranks grow.
        double Extra(int ranks, Periodic noise) =>
            Run(ranks, 1e-3, 200, Collective.Allreduce, 5e-6, [noise], NoPoisson, seed: 9).Seconds / (200 * (1e-3 + Math.Log2(ranks) * 5e-6)) - 1;
        var longRare = new Periodic(10, 2.5e-3, false);
        var shortFrequent = new Periodic(1000, 25e-6, false);
        Assert.That(Extra(1024, longRare), Is.GreaterThan(Extra(16, longRare)));
        Assert.That(Extra(1024, longRare), Is.GreaterThan(5 * Extra(1024, shortFrequent)));
    }

    [Test]
    public void DetoursThatArriveTogetherQueue()
    {
        // Two sources with the same phase-free timing on one core: every detour of the second waits for the first.
        Periodic[] noise = [new Periodic(10, 0.01, Synchronized: true), new Periodic(10, 0.01, Synchronized: true)];
        var work = 100.0;
        var r = Run(1, work, 1, Collective.None, 0, noise, NoPoisson, seed: 2);
        Assert.That(r.Seconds / work - 1, Is.EqualTo(0.2 / 0.8).Within(1e-3));
    }
}

/// <summary>The reference's LogGP communication (issue 28) against its closed forms.</summary>
public class BruteForceLogGpTests
{
    private static readonly Periodic[] NoPeriodic = [];
    private static readonly Poisson[] NoPoisson = [];
    private const double O = 1.5e-6, L = 2.5e-6, Shm = 1e-6;

    [TestCase(Pattern.RecursiveDoubling, 64, 1, 6 * (2 * O + L))]
    [TestCase(Pattern.Binomial, 64, 1, 12 * (2 * O + L))]
    [TestCase(Pattern.Ring, 5, 1, 8 * (2 * O + L))]
    [TestCase(Pattern.Hierarchical, 64, 4, 4 * (2 * O + Shm) + 4 * (2 * O + L))]
    public void WithoutNoiseAnAllreduceCostsItsCriticalPath(Pattern pattern, int ranks, int coresPerNode, double expected)
    {
        var r = RunLogGp(ranks, coresPerNode, 1e-3, 10, pattern, L, Shm, O, NoPeriodic, NoPoisson, seed: 1);
        Assert.That(r.Seconds, Is.EqualTo(10 * (1e-3 + expected)).Within(1e-12));
    }

    [Test]
    public void AHaloExchangeOnFourNeighboursEndsWithTheLastReceive()
    {
        // o = 1 µs, 10 µs latency: four sends, arrivals at k·o + L, the last receive ends at 5o + L.
        var r = RunLogGp(16, 1, 1e-3, 10, Pattern.Halo, 10e-6, 10e-6, 1e-6, NoPeriodic, NoPoisson, seed: 1, grid: [4, 4]);
        Assert.That(r.Seconds, Is.EqualTo(10 * (1e-3 + 15e-6)).Within(1e-12));
    }
}
