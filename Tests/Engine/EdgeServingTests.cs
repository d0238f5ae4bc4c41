using MathNet.Numerics.Statistics;
using NodeSim.Engine.Edge;
using NodeSim.Models.Isolation;
using NodeSim.Models.Soc;
using NodeSim.Traces.Synthetic;
using NodeSim.Validation;

namespace NodeSim.Tests.Engine;

/// <summary>Issue 19's acceptance for the edge engine: queueing theory under the ideal stack, and the isolation path per stack.</summary>
public class EdgeServingTests
{
    private static IReadOnlyList<ServedRequest> Stream(double rate, double meanService, EdgeServiceDistribution service, int requests, ulong seed) =>
        [.. EdgeWorkloadModel.Generate(new EdgeWorkloadParameters(Requests: requests, Seed: seed, Rate: rate, ServiceMedianSeconds: meanService, Service: service))
            .Select(r => new ServedRequest(r.ArrivalSeconds, r.ServiceSeconds!.Value))];

    private static List<EdgeResult> Replicas(IsolationStack stack, double rate, double meanService, EdgeServiceDistribution service, int cores, int requests = 40_000) =>
        [.. Enumerable.Range(1, 8).Select(s => EdgeServing.Run(new EdgeExperiment(stack, SocPresets.PineA64, Stream(rate, meanService, service, requests, (ulong)s), cores, Seed: (ulong)s)))];

    private static void Within(IEnumerable<double> samples, double expected, string what)
    {
        var xs = samples.ToList();
        var half = 3.5 * xs.StandardDeviation() / Math.Sqrt(xs.Count);   // t(7) at 99.5 %
        TestContext.Out.WriteLine($"{what}: {xs.Mean():G5} ± {half:G3} (theory {expected:G5})");
        Assert.That(xs.Mean(), Is.EqualTo(expected).Within(half + 1e-3 * expected), what);
    }

    [TestCase(1, 0.8)]
    [TestCase(4, 0.75)]
    public void UnderTheIdealStackTheWaitIsErlangCs(int c, double rho)
    {
        // M/M/c: P(W > t) = C · e^{−(cμ − λ)t}; the atom at zero has mass 1 − C.
        const double mu = 1000;   // 1 ms mean service: a short request
        var lambda = rho * c * mu;
        var runs = Replicas(IsolationStack.Ideal, lambda, 1 / mu, EdgeServiceDistribution.Exponential, c);
        var erlang = QueueingTheory.ErlangC(c, lambda, mu);
        double WaitQuantile(double q) => q <= 1 - erlang ? 0 : Math.Log(erlang / (1 - q)) / (c * mu - lambda);
        Within(runs.Select(r => r.WaitsSeconds.Average()), QueueingTheory.MMcMeanWait(c, lambda, mu), $"M/M/{c} mean wait");
        foreach (var q in new[] { 0.5, 0.9, 0.99 })
            if (WaitQuantile(q) > 0) Within(runs.Select(r => r.WaitQuantile(q)), WaitQuantile(q), $"M/M/{c} p{q * 100} wait");
            else Assert.That(runs.Select(r => r.WaitQuantile(q)), Has.All.LessThan(1e-4), $"p{q * 100} falls in the atom at zero");
    }

    [Test]
    public void DeterministicServiceWaitsAsPollaczekKhinchineSays()
    {
        const double d = 1e-3, rho = 0.7;
        var runs = Replicas(IsolationStack.Ideal, rho / d, d, EdgeServiceDistribution.Deterministic, 1);
        Within(runs.Select(r => r.WaitsSeconds.Average()), rho * d / (2 * (1 - rho)), "M/D/1 mean wait");
    }

    [Test]
    public void AtLowLoadHafniumAddsItsPathAndAKittenPrimaryKeepsTheTailShorter()
    {
        // 1,000 requests/s of 100 µs on 4 cores: 2.5 % load, so latency is the path, the service and the noise.
        EdgeResult Run(IsolationStack stack) => EdgeServing.Run(new EdgeExperiment(stack, SocPresets.PineA64,
            Stream(1000, 1e-4, EdgeServiceDistribution.Exponential, 20_000, 5), 4, Seed: 5));
        var (native, linux, kitten) = (Run(IsolationStack.NativeLinux), Run(IsolationStack.HafniumLinux), Run(IsolationStack.HafniumKitten));
        var hafnium = new Hafnium();
        var pine = SocPresets.PineA64;
        // At least two world switches in (out of and back into the target vCPU), the routing, and the injection's EL2 entries.
        var atLeast = (2 * hafnium.WorldSwitchCycles + hafnium.PrimaryIrqRoutingCycles + hafnium.InjectionEl2Entries * hafnium.HypercallCycles) / pine.FrequencyHz;
        TestContext.Out.WriteLine($"mean latency: native-linux {native.MeanSeconds * 1e6:F1} µs, hafnium-linux {linux.MeanSeconds * 1e6:F1} µs, hafnium-kitten {kitten.MeanSeconds * 1e6:F1} µs; " +
                                  $"p99 {native.Quantile(0.99) * 1e6:F1} / {linux.Quantile(0.99) * 1e6:F1} / {kitten.Quantile(0.99) * 1e6:F1} µs");
        Assert.That(linux.MeanSeconds - native.MeanSeconds, Is.GreaterThan(atLeast));
        Assert.That(linux.LedgerSeconds["world_switches"], Is.GreaterThan(native.LedgerSeconds["world_switches"] + 2 * hafnium.WorldSwitchCycles / pine.FrequencyHz));
        Assert.That(linux.LedgerSeconds["interrupt_routing"], Is.GreaterThan(native.LedgerSeconds["interrupt_routing"]));
        Assert.That(kitten.Quantile(0.99), Is.LessThan(linux.Quantile(0.99)));
    }

    [Test]
    public void TheTailGrowsSharplyAsTheOfferedLoadNearsCapacity()
    {
        double P99(double rho) => EdgeServing.Run(new EdgeExperiment(IsolationStack.HafniumKitten, SocPresets.PineA64,
            Stream(rho * 2 / 1e-3, 1e-3, EdgeServiceDistribution.Exponential, 40_000, 3), 2, Seed: 3)).Quantile(0.99);
        var p99 = new[] { 0.3, 0.6, 0.9, 0.97 }.Select(P99).ToList();
        TestContext.Out.WriteLine($"p99 at 30/60/90/97 % load: {string.Join(", ", p99.Select(v => $"{v * 1e3:F2} ms"))}");
        Assert.That(p99, Is.Ordered.Ascending);
        Assert.That(p99[3] - p99[2], Is.GreaterThan(2 * (p99[1] - p99[0])), "the knee: the last steps cost more than the first");
    }

    [Test]
    public void AFullQueueDropsRequests()
    {
        var requests = Stream(3000, 1e-3, EdgeServiceDistribution.Exponential, 5_000, 9);   // three times what one core serves
        var bounded = EdgeServing.Run(new EdgeExperiment(IsolationStack.Ideal, SocPresets.PineA64, requests, 1, QueueLimit: 8, Seed: 9));
        Assert.That(bounded.Dropped, Is.GreaterThan(2_000));
        Assert.That(bounded.WaitsSeconds.Max(), Is.LessThanOrEqualTo(9 * 0.02), "never more than the queue's worth of waiting");
        Assert.That(EdgeServing.Run(new EdgeExperiment(IsolationStack.Ideal, SocPresets.PineA64, requests, 1, Seed: 9)).Dropped, Is.Zero);
    }

    [Test]
    public void ARequestOnSeveralCoresWaitsForThemAllAndTheQueueFollowsMmcWithFewerServers()
    {
        // Four cores, two per request: as two servers each twice as wide — the wait is M/M/2's.
        const double mu = 1000, rho = 0.7;
        var runs = Enumerable.Range(1, 8).Select(s => EdgeServing.Run(new EdgeExperiment(IsolationStack.Ideal, SocPresets.PineA64,
            Stream(rho * 2 * mu, 1 / mu, EdgeServiceDistribution.Exponential, 40_000, (ulong)s), 4, Seed: (ulong)s, CoresPerRequest: 2))).ToList();
        Within(runs.Select(r => r.WaitsSeconds.Average()), QueueingTheory.MMcMeanWait(2, rho * 2 * mu, mu), "two cores per request on four: M/M/2 mean wait");
        Assert.That(() => EdgeServing.Run(new EdgeExperiment(IsolationStack.Ideal, SocPresets.PineA64, [], 2, CoresPerRequest: 3)), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
