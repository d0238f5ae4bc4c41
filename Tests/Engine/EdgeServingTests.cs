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
        // The generator takes a median: an exponential's is its mean × ln 2.
        [.. EdgeWorkloadModel.Generate(new EdgeWorkloadParameters(Requests: requests, Seed: seed, Rate: rate,
                ServiceMedianSeconds: service == EdgeServiceDistribution.Exponential ? meanService * Math.Log(2) : meanService, Service: service))
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

    /// <summary>A bare-metal kernel with no noise at all and no interrupt path: what a request costs beyond its service is <paramref name="sendCycles"/>
    /// of network stack on the core that serves it, and <paramref name="receiveCycles"/> on the node's interrupt core at its arrival.</summary>
    private static IsolationStack Quiet(double sendCycles, double receiveCycles) => new("quiet", "a kernel without noise",
        NodeSim.Models.NodeKernels.NodeKernelPresets.Linux with { TickHz = 0, DaemonRatePerSecond = 0, IrqHandlerCycles = 0, NetTxCycles = sendCycles, NetRxCycles = receiveCycles });

    [Test]
    public void APathCostOnTheServingCoreQueuesAsServiceDoes()
    {
        // One core, exponential service s and a path of c on the same core: M/G/1 with service s + c. Pollaczek–Khinchine gives the
        // mean wait exactly. M/M/1 with mean s + c gives the p99 nearly: the path's c is constant, so the real service varies a
        // little less than an exponential of that mean, and its tail is a little lighter (about 10 % here), never heavier.
        const double s = 1e-3, rho = 0.7;
        var pine = SocPresets.PineA64;
        var c = 0.1 * s;
        var stack = Quiet(c * pine.FrequencyHz, 0);
        var lambda = rho / (s + c);
        var runs = Enumerable.Range(1, 8).Select(seed => EdgeServing.Run(new EdgeExperiment(stack, pine,
            Stream(lambda, s, EdgeServiceDistribution.Exponential, 40_000, (ulong)seed), 1, Seed: (ulong)seed))).ToList();
        var secondMoment = 2 * s * s + 2 * s * c + c * c;
        Within(runs.Select(r => r.WaitsSeconds.Average()), lambda * secondMoment / (2 * (1 - rho)), "M/G/1 mean wait, service s + c");
        var mmPercentile = Math.Log(rho / 0.01) / (1 / (s + c) - lambda);   // M/M/1: P(W > t) = ρ e^{−(μ−λ)t}
        var p99 = runs.Average(r => r.WaitQuantile(0.99));
        TestContext.Out.WriteLine($"p99 wait {p99 * 1e3:F3} ms against M/M/1's {mmPercentile * 1e3:F3} ms");
        Assert.That(p99, Is.EqualTo(mmPercentile).Within(15).Percent);
        Assert.That(p99, Is.LessThan(mmPercentile * 1.02), "a constant path makes the tail no heavier than M/M/1's");
        Assert.That(runs.All(r => Math.Abs(r.EffectiveLoad - rho) < 0.02 && !r.Unstable), "the effective load is the service and the path's");
    }

    [Test]
    public void TheInterruptCoresPartTakesTimeFromTheCoreItLandsOn()
    {
        // The receive's part on the node's first core: a serving core, which loses it whether or not it serves the request.
        var pine = SocPresets.PineA64;
        var stack = Quiet(0, 2e-4 * pine.FrequencyHz);   // 200 µs of receive on core 0 per request
        var requests = Stream(1000, 1e-4, EdgeServiceDistribution.Exponential, 20_000, 2);
        var r = EdgeServing.Run(new EdgeExperiment(stack, pine, requests, 2, Seed: 2));
        // Core 0 is busy 20 % of the time with interrupts: its capacity and core 1's serve 0.2 of two cores' work.
        Assert.That(r.EffectiveLoad, Is.EqualTo(1000 * 1e-4 / 1.8).Within(0.01));
        Assert.That(r.LatenciesSeconds.Min(), Is.GreaterThanOrEqualTo(2e-4), "no request is served before its receive is done");
    }

    [Test]
    public void AtAnEffectiveLoadOfOneOrMoreTheRunIsUnstableWhateverItsNominalLoad()
    {
        // 200 µs requests at a nominal 0.9 of four cores: native Linux adds its interrupt and stack work to the cores' load.
        var requests = Stream(0.9 * 4 / 2e-4, 2e-4, EdgeServiceDistribution.Exponential, 30_000, 4);
        EdgeResult Run(IsolationStack stack) => EdgeServing.Run(new EdgeExperiment(stack, SocPresets.PineA64, requests, 4, Seed: 4));
        var (ideal, native) = (Run(IsolationStack.Ideal), Run(IsolationStack.NativeLinux));
        TestContext.Out.WriteLine($"effective load: ideal {ideal.EffectiveLoad:F3}, native-linux {native.EffectiveLoad:F3}");
        Assert.That(ideal.NominalLoad, Is.EqualTo(0.9).Within(0.02));
        Assert.That(ideal.Unstable, Is.False);
        Assert.That(native.EffectiveLoad, Is.GreaterThanOrEqualTo(1));
        Assert.That(native.Unstable, Is.True);
        Assert.That(Burstiness.Of(requests, 4).Overloads, Is.False, "a Poisson stream below capacity has no overloading minute");
    }

    [Test]
    public void AnInterruptCoreThatCannotKeepUpIsUnstableAndHoldsRequestsBack()
    {
        // A tuned stack's housekeeping core takes every receive: 100 µs each at 12,000 requests per second is 1.2 cores' work, while the
        // three serving cores are lightly loaded. The requests wait for their receives, one after another, and the run says so.
        var pine = SocPresets.PineA64;
        var tuned = new IsolationStack("tuned quiet", "a quiet kernel with a housekeeping core", NodeSim.Models.NodeKernels.NodeKernelPresets.Linux with
            { TickHz = 0, DaemonRatePerSecond = 0, IrqHandlerCycles = 0, NetTxCycles = 0, NetRxCycles = 1e-4 * pine.FrequencyHz, HousekeepingCores = 1 });
        var requests = Stream(12_000, 2e-5, EdgeServiceDistribution.Exponential, 24_000, 3);
        var r = EdgeServing.Run(new EdgeExperiment(tuned, pine, requests, 4, Seed: 3));
        Assert.That(r.InterruptCoreLoad, Is.EqualTo(1.2).Within(0.03));
        Assert.That(r.EffectiveLoad, Is.LessThan(0.2), "the serving cores are not the bottleneck");
        Assert.That(r.Unstable, Is.True);
        // The last request's receive waits behind the backlog: about (1.2 − 1) × the stream's two seconds.
        Assert.That(r.LatenciesSeconds[^1], Is.GreaterThan(0.3));
    }

    [Test]
    public void ABoundedQueueIsStationaryAtAnyLoad()
    {
        // Offered 1.5 times what the ideal machine's two cores do, with room for two waiting requests: it drops a third of them and its
        // latencies are bounded; the drops are its result, not a sign of instability.
        var requests = Stream(1.5 * 2 / 1e-3, 1e-3, EdgeServiceDistribution.Exponential, 20_000, 5);
        var r = EdgeServing.Run(new EdgeExperiment(IsolationStack.Ideal, SocPresets.PineA64, requests, 2, QueueLimit: 2, Seed: 5));
        Assert.That(r.Dropped, Is.GreaterThan(20_000 / 4));
        Assert.That(r.Unstable, Is.False);
        Assert.That(r.Quantile(0.999), Is.LessThan(20e-3), "a bounded queue bounds the wait: a few services");
        var unbounded = EdgeServing.Run(new EdgeExperiment(IsolationStack.Ideal, SocPresets.PineA64, requests, 2, Seed: 5));
        Assert.That(unbounded.Unstable, Is.True);
    }

    [Test]
    public void ABurstThatOverloadsAMinuteMarksTheRunEvenBelowCapacityOnAverage()
    {
        // Ten quiet minutes at a load of 0.2 on two cores around one minute at 2: the mean load is under 0.4, the busiest minute's 2.
        var requests = new List<ServedRequest>();
        void Minute(double start, double load)
        {
            var rate = load * 2 / 0.1;
            for (var i = 0; i < (int)(rate * 60); i++) requests.Add(new ServedRequest(start + i / rate, 0.1));
        }
        for (var m = 0; m < 11; m++) Minute(60 * m, m == 5 ? 2 : 0.2);
        var bursts = Burstiness.Of(requests, 2);
        Assert.That(bursts.PeakMinuteLoad, Is.EqualTo(2).Within(0.02));
        Assert.That(bursts.MeanLoad, Is.LessThan(0.4));
        var r = EdgeServing.Run(new EdgeExperiment(IsolationStack.Ideal, SocPresets.PineA64, requests, 2, Seed: 1));
        Assert.That(r.EffectiveLoad, Is.LessThan(0.4));
        Assert.That(r.PeakMinuteLoad, Is.EqualTo(2).Within(0.02));
        Assert.That(r.Unstable, Is.True, "the busiest minute's latencies are its backlog");
    }

    [TestCase(EdgeServiceDistribution.Exponential)]
    [TestCase(EdgeServiceDistribution.LogNormal)]
    [TestCase(EdgeServiceDistribution.Deterministic)]
    public void ServiceMedianSecondsIsTheMedianUnderEveryDistribution(EdgeServiceDistribution service)
    {
        var times = EdgeWorkloadModel.Generate(new EdgeWorkloadParameters(Requests: 100_000, Seed: 9, ServiceMedianSeconds: 2e-4, ServiceLogStdDev: 1,
            ServiceMaxSeconds: 600, Service: service)).Select(r => r.ServiceSeconds!.Value).ToArray();
        Assert.That(times.Median(), Is.EqualTo(2e-4).Within(2).Percent);
    }

    [TestCase(2.641, 4.58, 600.0)]   // the default: the Azure Functions fit, where truncation moves the median from e^μ = 6.82 s to 2.64 s
    [TestCase(100.0, 2.0, 150.0)]    // the maximum just above the median: most of the upper half is cut away
    public void ATruncatedLogNormalsMedianIsTheOneAsked(double median, double sigma, double max)
    {
        var times = EdgeWorkloadModel.Generate(new EdgeWorkloadParameters(Requests: 100_000, Seed: 4, ServiceMedianSeconds: median, ServiceLogStdDev: sigma,
            ServiceMaxSeconds: max)).Select(r => r.ServiceSeconds!.Value).ToArray();
        // The sample median's standard error is 1 / (2 f(m) √n): under 1.5% of m here; 4% is beyond four of them.
        Assert.That(times.Median(), Is.EqualTo(median).Within(4).Percent);
        Assert.That(times.Max(), Is.LessThanOrEqualTo(max));
        // The untruncated fit's e^μ, from which the default's source starts.
        if (max == 600.0) Assert.That(Math.Exp(EdgeWorkloadParameters.TruncatedLogNormalMu(median, sigma, max)), Is.EqualTo(6.82).Within(0.1).Percent);
    }
}
