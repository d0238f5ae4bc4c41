using NodeSim.Tests.Cli;
using NodeSim.Traces.Noise;

namespace NodeSim.Tests.Noise;

/// <summary>
/// Fitting the parametric model to a noise trace: it recovers known parameters (a 250 Hz tick exactly; the daemons' rate,
/// median and σ within their sampling error), says so when a trace is of another shape, and its define_stacks block is one
/// a campaign takes as it is.
/// </summary>
public class NoiseFitTests
{
    [Test]
    public void KnownParametersAreRecovered()
    {
        // 4 cores × 60 s at 5 daemons per second: about 1,200 daemons. The rate's relative standard error is 1/√1200 ≈ 3 %, the
        // median's about 1.25 σ/√n ≈ 4 %, σ's about 1/√(2n) ≈ 2 %: tolerances of 10 % are over 2.5 standard errors each.
        var fit = NoiseFit.Of(NoiseTraceTests.TickAndDaemons(4, 60, seed: 11));
        Assert.That(fit.Periodic, Has.Count.EqualTo(1), string.Join("; ", fit.Periodic.Select(p => $"{p.FrequencyHz} Hz on {p.Cores}, {p.DetoursPerTick}, median {p.MedianNs}")));
        Assert.That(fit.Periodic[0].FrequencyHz, Is.EqualTo(250).Within(1e-6), "the tick, exactly");
        Assert.That(fit.Periodic[0].MedianNs, Is.EqualTo(5_000).Within(1));
        Assert.That(fit.RatePerSecond, Is.EqualTo(5).Within(0.5));
        Assert.That(fit.MedianNs, Is.EqualTo(30_000).Within(3_000));
        Assert.That(fit.LogSigma, Is.EqualTo(1).Within(0.1));
        Assert.That(fit.Durations.Verdict, Is.Not.EqualTo("poor"));
        Assert.That(fit.Arrivals.Verdict, Is.Not.EqualTo("poor"));
    }

    [Test]
    public void ATraceOfAnotherShapeIsReportedAsAPoorFit()
    {
        // Detours in bursts of ten, 50 µs apart, every 300 ms or so (not Poisson), each of 2 or 200 µs (not log-normal).
        var random = new Random(3);
        var detours = new List<Detour>();
        for (long t = 1_000_000; t < 30_000_000_000L; t += 200_000_000 + (long)(random.NextDouble() * 200_000_000))
            for (var k = 0; k < 10; k++) detours.Add(new Detour(t + k * 300_000, random.Next(2) == 0 ? 2_000 : 200_000));
        var trace = new NoiseTrace(new NoiseTraceHeader("csv", 30_000_000_000L), new Dictionary<int, Detour[]> { [0] = [.. detours] });
        var fit = NoiseFit.Of(trace);
        Assert.That(fit.Verdict, Is.EqualTo("poor"));
        Assert.That(fit.Durations.KsDistance, Is.GreaterThan(0.1));
    }

    [Test]
    public void TheFitsBlockIsAStackACampaignTakes()
    {
        using var dir = new TempDir();
        var path = dir.File("t.noise.csv");
        using (var f = File.Create(path)) NoiseTraceWriter.Write(f, NoiseTraceTests.TickAndDaemons(2, 20));
        var r = NodeSimInProcess.Run("noise", "fit", path, "--json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var block = r.Json.GetProperty("define_stacks").GetString()!;
        var campaign = dir.File("c.yaml", "campaign: fitted\n" + block + "\nscenarios:\n  - name: a\n    kind: job\n    stacks: [measured-linux, native-linux]\n    profile: bsp-allreduce\n");
        var v = NodeSimInProcess.Run("validate", campaign);
        Assert.That(v.ExitCode, Is.Zero, v.Stderr + v.Stdout);
        Assert.That(NodeSimInProcess.Run("noise", "fit", path).Stdout, Does.Contain("primary.tick_hz: 250"));
    }
}
