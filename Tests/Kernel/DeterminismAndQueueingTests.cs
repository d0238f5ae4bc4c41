using NodeSim.Kernel;
using NodeSim.Validation;

namespace NodeSim.Tests.Kernel;

public class DeterminismTests
{
    private static readonly MultiServerQueueSpec Mm4 = new(3.6, new ServiceTime.Exponential(1.0), 4, 20_000, 2_000);

    [Test]
    public void TheSameModelAndSeedGiveBitIdenticalResults()
    {
        var a = MultiServerQueue.RunWithProcesses(Mm4, 11, monitor: true);
        var b = MultiServerQueue.RunWithProcesses(Mm4, 11, monitor: true);
        Assert.That(BitConverter.DoubleToInt64Bits(a.MeanWait), Is.EqualTo(BitConverter.DoubleToInt64Bits(b.MeanWait)));
        Assert.That(a, Is.EqualTo(b));
        Assert.That(MultiServerQueue.RunWithProcesses(Mm4, 12).MeanWait, Is.Not.EqualTo(a.MeanWait));
    }

    [Test]
    public void CallbackAndProcessPathsGiveIdenticalResults()
    {
        var process = MultiServerQueue.RunWithProcesses(Mm4, 5, monitor: true);
        var callback = MultiServerQueue.RunWithCallbacks(Mm4, 5, monitor: true);
        Assert.That(callback.MeanWait, Is.EqualTo(process.MeanWait));
        Assert.That(callback.EndTime, Is.EqualTo(process.EndTime));
        Assert.That(callback.MeanQueueLength, Is.EqualTo(process.MeanQueueLength).Within(1e-12));
        Assert.That(callback.MeanBusyServers, Is.EqualTo(process.MeanBusyServers).Within(1e-12));
    }

    [Test]
    public void ParallelReplicationsDoNotDependOnThreads()
    {
        var options = new SelfCheckOptions(Replications: 6, CustomersPerRun: 2_000, Seed: 3);
        var one = SelfCheck.Run(options with { Threads = 1 });
        var four = SelfCheck.Run(options with { Threads = 4 });
        Assert.That(four, Is.EqualTo(one));
        Assert.That(SelfCheck.Run(options with { Seed = 4, Threads = 4 }), Is.Not.EqualTo(one), "the seed reaches the replications");
    }
}

public class QueueingTheoryTests
{
    [Test]
    public void ClosedFormsMatchPublishedValues()
    {
        Assert.That(QueueingTheory.MM1MeanWait(0.8, 1), Is.EqualTo(4.0).Within(1e-12));
        // Erlang C for c = 4, λ = 3.6, μ = 1 (the reference value).
        Assert.That(QueueingTheory.MMcMeanWait(4, 3.6, 1), Is.EqualTo(1.9694).Within(5e-5));
        Assert.That(QueueingTheory.MMcMeanWait(1, 0.8, 1), Is.EqualTo(QueueingTheory.MM1MeanWait(0.8, 1)).Within(1e-12));
        Assert.That(QueueingTheory.MG1MeanWait(0.8, 1, 1), Is.EqualTo(2.0).Within(1e-12));
        double[] l = [0.4, 0.4], m = [1, 1], s = [2, 2];
        Assert.That(QueueingTheory.PreemptiveResumeResponseTime(0, l, m, s), Is.EqualTo(1 / 0.6).Within(1e-12));
        // Conservation: the classes' mean equals the M/M/1 response time 1 / (1 − 0.8) = 5.
        var mean = (QueueingTheory.PreemptiveResumeResponseTime(0, l, m, s) + QueueingTheory.PreemptiveResumeResponseTime(1, l, m, s)) / 2;
        Assert.That(mean, Is.EqualTo(5.0).Within(1e-12));
        Assert.That(() => QueueingTheory.MM1MeanWait(1.2, 1), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void ErlangAReducesToKnownQueues()
    {
        // Patience as fast as service (θ = μ): every customer leaves at rate μ, as in M/M/∞, so the
        // number in system is Poisson(λ/μ) and Lq = E[(N − c)⁺] of that Poisson.
        const double lambda = 3, mu = 1;
        const int c = 2;
        double lq = 0, p = Math.Exp(-lambda / mu);
        for (var n = 0; n < 200; n++, p *= lambda / mu / n)
            lq += Math.Max(n - c, 0) * p;
        Assert.That(QueueingTheory.ErlangAMeanQueueLength(c, lambda, mu, mu), Is.EqualTo(lq).Within(1e-12));
        // Nearly infinite patience: Erlang C's queue length, λ Wq.
        Assert.That(QueueingTheory.ErlangAMeanQueueLength(4, 3.6, 1, 1e-9),
            Is.EqualTo(QueueingTheory.LittleQueueLength(3.6, QueueingTheory.MMcMeanWait(4, 3.6, 1))).Within(1e-4));
    }

    [Test]
    public void TheKernelReproducesQueueingTheory()
    {
        // Small enough to keep the suite quick; the full-size run is `nodesim selfcheck`.
        var checks = SelfCheck.Run(new SelfCheckOptions(Replications: 10, CustomersPerRun: 40_000, Seed: 1));
        Assert.That(checks, Has.Count.EqualTo(10));
        foreach (var c in checks)
            Assert.That(c.Pass, Is.True, $"{c.Name}: analytic {c.Analytic}, simulated {c.SimulatedMean} [{c.CiLow}, {c.CiHigh}], z = {c.Z:F2}");
    }

    [Test]
    public void AWrongModelFailsTheCheck()
    {
        // The check can fail: an M/M/1 at ρ = 0.9 is not the M/M/1 at ρ = 0.8 it is compared with.
        var spec = new MultiServerQueueSpec(0.9, new ServiceTime.Exponential(1), 1, 20_000, 2_000);
        var runs = Enumerable.Range(0, 8).Select(r => MultiServerQueue.RunWithCallbacks(spec, (ulong)r).MeanWait);
        var check = SelfCheck.Check("wrong", QueueingTheory.MM1MeanWait(0.8, 1), runs, "s");
        Assert.That(check.Pass, Is.False);
    }
}
