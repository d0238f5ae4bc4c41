using MathNet.Numerics.Statistics;
using NodeSim.Engine.Execution;
using NodeSim.Kernel;
using NodeSim.Models.Isolation;
using NodeSim.Tests.Engine.Reference;
using Ref = NodeSim.Tests.Engine.Reference.BruteForceJob;
using NodeSim.Models.Costs;
using NodeSim.Models.Network;
using NodeSim.Models.Workloads;

namespace NodeSim.Tests.Engine;

/// <summary>
/// The event-level job window (<see cref="BulkSynchronousWindow"/>) against closed forms and against
/// the brute-force reference (<see cref="BruteForceJob"/>), which shares no code with it.
/// </summary>
public class EventLevelJobTests
{
    private const long Ms = 1_000_000, Us = 1_000;

    private static NoiseSource Periodic(double hz, double seconds, bool synchronized = false, OverheadCause cause = OverheadCause.InjectedNoise) =>
        new NoiseSource.Periodic("periodic", hz, synchronized, new EventCost().Add(cause, seconds));

    private static NoiseSource Poisson(double rate, double fixedSeconds, double medianSeconds, double sigma) =>
        new NoiseSource.Poisson("poisson", rate, new EventCost().Add(OverheadCause.Pollution, fixedSeconds), OverheadCause.DaemonNoise, medianSeconds, sigma);

    private static BulkSynchronousWindow Window(int ranks, long computeNs, long stageNs, bool allreduce, int iterations, IEnumerable<NoiseSource> sources,
        ulong seed, double denseAbove = 0.25)
    {
        var stages = Enumerable.Repeat(stageNs, ranks <= 1 ? 0 : (int)Math.Ceiling(Math.Log2(ranks))).ToArray();
        var w = new BulkSynchronousWindow(ranks, computeNs, stages, allreduce, 0, iterations, iterations, [.. sources.Select(DetourSource.From)], seed, denseAbove);
        w.Run();
        return w;
    }

    /// <summary>Time on the stack / noise-free time − 1.</summary>
    private static double Extra(BulkSynchronousWindow w) => (double)w.EndNs / w.NominalEndNs - 1;

    [TestCase(1, true)]
    [TestCase(64, true)]
    [TestCase(48, false)]
    public void WithoutNoiseTheCollectiveCostsExactlyItsStages(int ranks, bool allreduce)
    {
        var w = Window(ranks, Ms, 10 * Us, allreduce, 100, [], seed: 1);
        Assert.That(w.EndNs, Is.EqualTo(100 * (Ms + (long)Math.Ceiling(Math.Log2(ranks)) * 10 * Us)));
        Assert.That(w.Cores.Counts[(int)Counter.Detours], Is.Zero);
    }

    [TestCase(10, 2.5e-3)]
    [TestCase(1000, 25e-6)]
    [TestCase(250, 6e-6)]
    public void OneRankUnderPeriodicNoiseStretchesByOneOverOneMinusTheNetFraction(double hz, double seconds)
    {
        // Compute runs only between detours: f·d / (1 − f·d) extra; long work, so the phase hardly matters.
        var w = Window(1, 100 * Ms, 0, false, 1000, [Periodic(hz, seconds)], seed: 3);
        var fd = hz * seconds;
        Assert.That(Extra(w), Is.EqualTo(fd / (1 - fd)).Within(1e-3 * fd + seconds / 100));
    }

    [Test]
    public void NoiseSynchronisedAcrossRanksCostsTheSameAtAnyScale()
    {
        // Every rank is held by the same detours at the same times: no rank waits for another beyond the stages.
        NoiseSource[] noise = [Periodic(1000, 25e-6, synchronized: true)];
        var extra = new[] { 1, 64, 1024 }.Select(r => Extra(Window(r, Ms, 10 * Us, true, 400, noise, seed: 5))).ToList();
        TestContext.Out.WriteLine($"synchronised 1 kHz × 25 µs: {string.Join(", ", extra.Select(e => $"{100 * e:F3}%"))} at 1, 64, 1,024 ranks");
        var fd = 1000 * 25e-6;
        Assert.That(extra, Has.All.EqualTo(fd / (1 - fd)).Within(0.004));
        Assert.That(extra[2], Is.EqualTo(extra[1]).Within(1e-3));
    }

    [Test]
    public void PoissonDetoursStretchLongWorkToWOverOneMinusLambdaDBarInExpectation()
    {
        // λ = 50/s, d̄ = 20 µs fixed + log-normal (median 0.5 ms, σ = 0.5): W / (1 − λ d̄) in expectation.
        const double lambda = 50, fixedS = 20e-6, median = 0.5e-3, sigma = 0.5;
        var dbar = fixedS + median * Math.Exp(sigma * sigma / 2);
        var stretch = Enumerable.Range(1, 20).Select(s => 1 + Extra(Window(1, 1000 * Ms, 0, false, 20, [Poisson(lambda, fixedS, median, sigma)], (ulong)s))).ToList();
        var half = 2.1 * stretch.StandardDeviation() / Math.Sqrt(stretch.Count);   // t(19) at 95% ≈ 2.09
        Assert.That(stretch.Mean(), Is.EqualTo(1 / (1 - lambda * dbar)).Within(half), $"mean {stretch.Mean():F5} ± {half:F5}");
    }

    /// <summary>
    /// The named grid on which the window must agree with the brute-force reference: a fine-grained
    /// bulk-synchronous code (1 ms of compute, 10 µs stages) under Ferreira's two signatures of 2.5 %
    /// net noise, under Linux-like noise (a 250 Hz tick plus log-normal daemons), on 16 to 1,024 ranks,
    /// with an allreduce (recursive doubling) or a barrier on a rank count that is no power of two.
    /// </summary>
    public static IEnumerable<TestCaseData> Grid()
    {
        yield return new TestCaseData("10 Hz × 2.5 ms", 16, Ref.Collective.Allreduce, 300).SetName("Reference_16_ranks_10Hz_2500us");
        yield return new TestCaseData("10 Hz × 2.5 ms", 1024, Ref.Collective.Allreduce, 200).SetName("Reference_1024_ranks_10Hz_2500us");
        yield return new TestCaseData("1 kHz × 25 µs", 1024, Ref.Collective.Allreduce, 200).SetName("Reference_1024_ranks_1kHz_25us");
        yield return new TestCaseData("linux", 256, Ref.Collective.Allreduce, 300).SetName("Reference_256_ranks_linux_like");
        yield return new TestCaseData("linux", 1024, Ref.Collective.Allreduce, 200).SetName("Reference_1024_ranks_linux_like");
        yield return new TestCaseData("1 kHz × 25 µs", 48, Ref.Collective.Barrier, 300).SetName("Reference_48_ranks_barrier_1kHz_25us");
    }

    [TestCaseSource(nameof(Grid))]
    public void AgreesWithTheBruteForceReference(string noise, int ranks, Ref.Collective collective, int iterations)
    {
        const double work = 1e-3, stage = 10e-6;
        (NoiseSource[] Model, Ref.Periodic[] Periodic, Ref.Poisson[] Poisson) sources = noise switch
        {
            "10 Hz × 2.5 ms" => ([Periodic(10, 2.5e-3)], [new Ref.Periodic(10, 2.5e-3, false)], []),
            "1 kHz × 25 µs" => ([Periodic(1000, 25e-6)], [new Ref.Periodic(1000, 25e-6, false)], []),
            _ => ([Periodic(250, 6e-6, cause: OverheadCause.TickNoise), Poisson(5, 3e-6, 30e-6, 1.0)],
                  [new Ref.Periodic(250, 6e-6, false)], [new Ref.Poisson(5, r => 3e-6 + 30e-6 * Math.Exp(1.0 * MathNet.Numerics.Distributions.Normal.Sample(r, 0, 1)))]),
        };
        const int seeds = 8;
        var model = Enumerable.Range(1, seeds).Select(s =>
            Extra(Window(ranks, (long)(work * 1e9), (long)(stage * 1e9), collective == Ref.Collective.Allreduce, iterations, sources.Model, (ulong)s))).ToList();
        var nominal = iterations * (work + Math.Ceiling(Math.Log2(ranks)) * stage);
        var reference = Enumerable.Range(101, seeds).Select(s =>
            Ref.Run(ranks, work, iterations, collective, stage, sources.Periodic, sources.Poisson, (ulong)s).Seconds / nominal - 1).ToList();
        var se = Math.Sqrt(model.Variance() / seeds + reference.Variance() / seeds);
        TestContext.Out.WriteLine($"{noise}, {ranks} ranks: model {100 * model.Mean():F3}% ± {100 * model.StandardDeviation():F3}, " +
                                  $"reference {100 * reference.Mean():F3}% ± {100 * reference.StandardDeviation():F3} (sd over {seeds} seeds)");
        // Welch's difference of means at 99.9% (t ≈ 4 at ~14 degrees of freedom), with a floor for noise-free agreement.
        Assert.That(model.Mean(), Is.EqualTo(reference.Mean()).Within(4 * se + 1e-4));
    }

    [TestCase(256, true)]
    [TestCase(200, false)]
    public void FollowingRaisedRanksAndLookingAtEveryRankGiveIdenticalResults(int ranks, bool allreduce)
    {
        NoiseSource[] noise = [Periodic(250, 6e-6, cause: OverheadCause.TickNoise), Poisson(20, 3e-6, 30e-6, 1.0), Periodic(10, 2.5e-3)];
        var sparse = Window(ranks, Ms, 10 * Us, allreduce, 300, noise, seed: 11, denseAbove: double.PositiveInfinity);
        var dense = Window(ranks, Ms, 10 * Us, allreduce, 300, noise, seed: 11, denseAbove: 0);
        Assert.That(sparse.Front.DenseStages, Is.Zero);
        Assert.That(dense.Front.DenseStages, Is.GreaterThan(100L * sparse.Front.Stages));
        Assert.That(dense.EndNs, Is.EqualTo(sparse.EndNs));
        Assert.That(dense.Front.LatestMakeup().ToArray(), Is.EqualTo(sparse.Front.LatestMakeup().ToArray()));
        Assert.That(dense.OwnLossNs, Is.EqualTo(sparse.OwnLossNs));
        Assert.That(Extra(dense), Is.GreaterThan(0.01), "the case has noise worth comparing");
    }

    [Test]
    public void TheCriticalPathIsSplitByTheCausesOfItsDetours()
    {
        // Rare long injected detours and frequent short ticks: the critical path is made of both, and only of them.
        NoiseSource[] noise = [Periodic(250, 6e-6, cause: OverheadCause.TickNoise), Periodic(10, 2.5e-3)];
        var w = Window(1024, Ms, 10 * Us, true, 500, noise, seed: 2);
        var makeup = w.Front.LatestMakeup().ToArray();
        var injected = makeup[NoiseCauses.Slot(OverheadCause.InjectedNoise)];
        var tick = makeup[NoiseCauses.Slot(OverheadCause.TickNoise)];
        TestContext.Out.WriteLine($"critical path: {100 * injected:F1}% injected, {100 * tick:F1}% tick");
        Assert.That(injected + tick, Is.EqualTo(1).Within(1e-5));
        Assert.That(injected, Is.GreaterThan(tick), "2.5 ms detours dominate the critical path");
        Assert.That(tick, Is.GreaterThan(0));
    }
}

/// <summary>
/// Issue 28: the windows with LogGP communication — o on the CPU, the other allreduce algorithms, halo
/// exchanges — against the brute-force reference (<see cref="BruteForceJob.RunLogGp"/>), on a named grid.
/// </summary>
public class LogGpReferenceTests
{
    private const double Work = 1e-3, O = 1.5e-6, L = 2.5e-6, Shm = 1e-6;

    private static NoiseSource Periodic(double hz, double seconds, OverheadCause cause = OverheadCause.InjectedNoise) =>
        new NoiseSource.Periodic("periodic", hz, false, new EventCost().Add(cause, seconds));

    private static NoiseSource Poisson(double rate, double fixedSeconds, double medianSeconds, double sigma) =>
        new NoiseSource.Poisson("poisson", rate, new EventCost().Add(OverheadCause.Pollution, fixedSeconds), OverheadCause.DaemonNoise, medianSeconds, sigma);

    public static IEnumerable<TestCaseData> Grid()
    {
        yield return new TestCaseData("1 kHz × 25 µs", Ref.Pattern.RecursiveDoubling, 1024, 1, 200, 0).SetName("LogGp_recursive_doubling_1024_ranks_1kHz_25us");
        yield return new TestCaseData("linux", Ref.Pattern.RecursiveDoubling, 256, 4, 300, 0).SetName("LogGp_recursive_doubling_256_ranks_4_per_node_linux_like");
        yield return new TestCaseData("linux", Ref.Pattern.Binomial, 256, 1, 300, 0).SetName("LogGp_binomial_256_ranks_linux_like");
        yield return new TestCaseData("1 kHz × 25 µs", Ref.Pattern.Ring, 32, 1, 200, 0).SetName("LogGp_ring_32_ranks_1kHz_25us");
        yield return new TestCaseData("10 Hz × 2.5 ms", Ref.Pattern.Hierarchical, 256, 4, 300, 0).SetName("LogGp_hierarchical_256_ranks_10Hz_2500us");
        yield return new TestCaseData("linux", Ref.Pattern.Halo, 256, 4, 300, 0).SetName("LogGp_halo_2d_256_ranks_linux_like");
        yield return new TestCaseData("10 Hz × 2.5 ms", Ref.Pattern.Halo, 512, 4, 200, 10).SetName("LogGp_halo_3d_512_ranks_allreduce_every_10_10Hz_2500us");
    }

    [TestCaseSource(nameof(Grid))]
    public void AgreesWithTheBruteForceReference(string noise, Ref.Pattern pattern, int ranks, int coresPerNode, int iterations, int allreduceEvery)
    {
        (NoiseSource[] Model, Ref.Periodic[] Periodic, Ref.Poisson[] Poisson) sources = noise switch
        {
            "10 Hz × 2.5 ms" => ([Periodic(10, 2.5e-3)], [new Ref.Periodic(10, 2.5e-3, false)], []),
            "1 kHz × 25 µs" => ([Periodic(1000, 25e-6)], [new Ref.Periodic(1000, 25e-6, false)], []),
            _ => ([Periodic(250, 6e-6, OverheadCause.TickNoise), Poisson(5, 3e-6, 30e-6, 1.0)],
                  [new Ref.Periodic(250, 6e-6, false)], [new Ref.Poisson(5, r => 3e-6 + 30e-6 * Math.Exp(1.0 * MathNet.Numerics.Distributions.Normal.Sample(r, 0, 1)))]),
        };
        int[]? grid = pattern != Ref.Pattern.Halo ? null : allreduceEvery > 0 ? [8, 8, 8] : [16, 16];
        var network = new Interconnect("test", L, O, 0, 0, Shm, 0, Delivery.Polled, 1);
        var costs = new MessageCosts(network, _ => MessagePath.Free, ioCoreRunsRank: false);
        var profile = JobProfiles.BspAllreduce with
        {
            Allreduce = pattern switch
            {
                Ref.Pattern.Binomial => AllreduceAlgorithm.Binomial,
                Ref.Pattern.Ring => AllreduceAlgorithm.Ring,
                Ref.Pattern.Hierarchical => AllreduceAlgorithm.Hierarchical,
                _ => AllreduceAlgorithm.RecursiveDoubling,
            },
            HaloDimensions = grid?.Length ?? 0, HaloBytes = 8, CollectiveEvery = allreduceEvery > 0 ? allreduceEvery : 1,
        };
        var detours = sources.Model.Select(DetourSource.From).ToList();
        double Model(ulong seed)
        {
            if (pattern == Ref.Pattern.RecursiveDoubling)
            {
                // The sparse label front, with o before and after each stage's latency.
                var stages = (int)Math.Log2(ranks);
                var between = Enumerable.Range(0, stages).Select(s => (1 << s) >= coresPerNode).ToArray();
                var w = new BulkSynchronousWindow(ranks, (long)(Work * 1e9), [.. between.Select(b => costs.WireNs(b, 8))], true, 0, iterations, iterations,
                    detours, seed, coresPerNode: coresPerNode, sendNs: [.. between.Select(b => costs.SendNs(b, 8))], receiveNs: [.. between.Select(b => costs.ReceiveNs(b, 8))]);
                w.Run();
                return w.EndNs / 1e9;
            }
            var schedule = new CommunicationSchedule(grid is null || allreduceEvery > 0 ? profile : profile with { CollectiveEvery = iterations }, ranks, coresPerNode);
            var window = new ScheduleWindow(schedule, costs, ranks, coresPerNode, (long)(Work * 1e9), 0, iterations, iterations, detours, seed, relays: false);
            if (grid is not null && allreduceEvery == 0)
            {
                for (var i = 0; i < iterations; i++) window.RunIteration(collective: false);
                return Enumerable.Range(0, ranks).Max(window.TimeOf) / 1e9;
            }
            window.Run();
            return window.EndNs / 1e9;
        }
        double Reference(ulong seed) => Ref.RunLogGp(ranks, coresPerNode, Work, iterations, pattern, L, Shm, O, sources.Periodic, sources.Poisson, seed, grid, allreduceEvery).Seconds;
        var nominal = Ref.RunLogGp(ranks, coresPerNode, Work, iterations, pattern, L, Shm, O, [], [], 1, grid, allreduceEvery).Seconds;
        const int seeds = 8;
        var model = Enumerable.Range(1, seeds).Select(s => Model((ulong)s) / nominal - 1).ToList();
        var reference = Enumerable.Range(101, seeds).Select(s => Reference((ulong)s) / nominal - 1).ToList();
        var se = Math.Sqrt(model.Variance() / seeds + reference.Variance() / seeds);
        TestContext.Out.WriteLine($"{pattern}, {noise}, {ranks} ranks: model {100 * model.Mean():F3}% ± {100 * model.StandardDeviation():F3}, " +
                                  $"reference {100 * reference.Mean():F3}% ± {100 * reference.StandardDeviation():F3} (sd over {seeds} seeds)");
        Assert.That(model.Mean(), Is.EqualTo(reference.Mean()).Within(4 * se + 1e-4));
    }
}
