using NodeSim.Models;
using NodeSim.Kernel;

namespace NodeSim.Tests.Kernel;

public class MonitorTests
{
    [Test]
    public void TimeWeightedMeanMatchesAHandComputedSchedule()
    {
        var sim = new Simulation();
        var m = new TimeWeightedMonitor(sim, "level", "items", "items held");
        // level 0 on [0,2), 3 on [2,3), 1 on [3,7), 0 on [7,10] → (0·2 + 3·1 + 1·4 + 0·3) / 10 = 0.7
        sim.Schedule(SimTime.FromSeconds(2), _ => m.Update(3), null);
        sim.Schedule(SimTime.FromSeconds(3), _ => m.Update(1), null);
        sim.Schedule(SimTime.FromSeconds(7), _ => m.Update(0), null);
        sim.Run(SimTime.FromSeconds(10));
        Assert.That(m.Mean, Is.EqualTo(0.7).Within(1e-12));
        Assert.That(m.Max, Is.EqualTo(3));
        Assert.That(m.Min, Is.EqualTo(0));
        Assert.That(m.TimeAtLevels(), Is.EqualTo(new[]
        {
            (0.0, SimTime.FromSeconds(5)), (1.0, SimTime.FromSeconds(4)), (3.0, SimTime.FromSeconds(1)),
        }));
        var report = m.Report();
        Assert.That(report.Select(r => r.Name), Does.Contain("level.mean"));
        Assert.That(report.All(r => r.Unit.Length > 0 && r.Description.Length > 0), Is.True);
    }

    [Test]
    public void ResetForgetsTheWarmup()
    {
        var sim = new Simulation();
        var m = new TimeWeightedMonitor(sim, "level", "items", "items held", initialLevel: 5);
        sim.Run(SimTime.FromSeconds(10));
        m.Reset();
        m.Update(1);
        sim.Run(SimTime.FromSeconds(12));
        Assert.That(m.Mean, Is.EqualTo(1.0));
        Assert.That(m.Duration, Is.EqualTo(SimTime.FromSeconds(2)));
    }

    [Test]
    public void SampleMonitorGivesMomentsAndPercentiles()
    {
        var m = new SampleMonitor("wait", "s", "waiting time");
        foreach (var x in new[] { 4.0, 1.0, 3.0, 2.0, 5.0 }) m.Add(x);
        Assert.That(m.Count, Is.EqualTo(5));
        Assert.That(m.Mean, Is.EqualTo(3.0));
        Assert.That(m.Variance, Is.EqualTo(2.5).Within(1e-12));
        Assert.That((m.Min, m.Max), Is.EqualTo((1.0, 5.0)));
        Assert.That(m.Percentile(50), Is.EqualTo(3.0));
        Assert.That(m.Percentile(90), Is.EqualTo(4.6).Within(1e-12)); // linear interpolation, as NumPy's default
        Assert.That(() => m.Percentile(101), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}

public class RandomStreamTests
{
    [Test]
    public void TheSameSeedAndNameGiveTheSameDraws()
    {
        var a = new Simulation(7).Random("arrivals");
        var b = new Simulation(7).Random("arrivals");
        Assert.That(Enumerable.Range(0, 100).Select(_ => a.NextDouble()), Is.EqualTo(Enumerable.Range(0, 100).Select(_ => b.NextDouble())));
    }

    [Test]
    public void AddingAStreamDoesNotChangeAnotherStreamsDraws()
    {
        var alone = new Simulation(7);
        var s1 = alone.Random("service");
        var expected = Enumerable.Range(0, 50).Select(_ => s1.NextUInt64()).ToList();

        var crowded = new Simulation(7);
        var extra = crowded.Random("a-new-component");
        var other = crowded.Random("service", replica: 1);
        _ = extra.NextDouble() + other.NextDouble();
        var s2 = crowded.Random("service");
        Assert.That(Enumerable.Range(0, 50).Select(_ => s2.NextUInt64()), Is.EqualTo(expected));
    }

    [Test]
    public void StreamsDifferByNameReplicaAndSeed()
    {
        var seeds = new[]
        {
            RandomStream.DeriveSeed(1, "x"), RandomStream.DeriveSeed(1, "y"),
            RandomStream.DeriveSeed(1, "x", 1), RandomStream.DeriveSeed(2, "x"),
        };
        Assert.That(seeds.Distinct().Count(), Is.EqualTo(4));
    }

    [Test]
    public void DrawsAreUniformAndBoundedIntegersAreUnbiased()
    {
        var r = new RandomStream(99);
        var doubles = Enumerable.Range(0, 100_000).Select(_ => r.NextDouble()).ToArray();
        Assert.That(doubles.Min(), Is.GreaterThanOrEqualTo(0));
        Assert.That(doubles.Max(), Is.LessThan(1));
        Assert.That(doubles.Average(), Is.EqualTo(0.5).Within(0.005));
        var counts = new int[3];
        for (var i = 0; i < 30_000; i++) counts[r.Next(3)]++;
        Assert.That(counts, Has.All.InRange(9_700, 10_300));
        Assert.That(r.Next(5, 5), Is.EqualTo(5));
        Assert.That(Enumerable.Range(0, 1000).Select(_ => r.NextInt64(-3, 3)), Has.All.InRange(-3L, 2L));
    }
}
