using NodeSim.Tests.Cli;
using NodeSim.Traces.Noise;

namespace NodeSim.Tests.Noise;

/// <summary>
/// A measured trace as a kernel's noise: a window's own noise dumped and replayed gives the window again (exactly when aligned,
/// within the interval when each core starts at a random point); co-scheduled replay is synchronised noise, which collectives do
/// not amplify; a campaign's stack takes a trace by file, and a bad one is refused where the file names it.
/// </summary>
public class MeasuredNoiseTests
{
    private static double Overhead(params string[] args)
    {
        var r = NodeSimInProcess.Run(["job", "--profile", "bsp-allreduce", "--window", "0.5", "--json", .. args]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        return r.Json.TryGetProperty("overhead_pct", out var single) ? single.GetDouble() : r.Json.GetProperty("stacks")[0].GetProperty("overhead_pct").GetDouble();
    }

    [TestCase(64)]
    [TestCase(1024)]
    public void AWindowsDumpedNoiseReplayedGivesTheSameSlowdown(int ranks)
    {
        using var dir = new TempDir();
        var dump = Path.Combine(dir.Path, "dump");
        var n = ranks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var parametric = Overhead("--ranks", n, "--stack", "native-linux", "--seed", "3", "--dump-noise", dump);
        var trace = NoiseTraceReader.Read(Path.Combine(dump, "noise.csv"));
        Assert.That(trace.Cores, Has.Count.EqualTo(ranks));
        Assert.That(Directory.GetFiles(Path.Combine(dump, "loggopsim")), Has.Length.EqualTo(ranks));
        // LogGOPSim's file of rank 0 holds the same detours (read back, its times count from its first).
        var first = trace.ByCore[0][0].StartNs;
        Assert.That(NoiseTraceReader.Read(Directory.GetFiles(Path.Combine(dump, "loggopsim")).Order().First()).ByCore[0],
            Is.EqualTo(trace.ByCore[0].Select(d => d with { StartNs = d.StartNs - first })));
        // Aligned: every core replays its own detours from the start — the same window, to the last bit.
        Assert.That(Overhead("--ranks", n, "--stack", "native-linux", "--seed", "3", "--noise-trace", Path.Combine(dump, "noise.csv"), "--noise-mapping", "aligned"),
            Is.EqualTo(parametric).Within(1e-9));
        // Independent: each core from a random point of its trace; over replications, the same slowdown within the interval.
        var r = NodeSimInProcess.Run("job", "--profile", "bsp-allreduce", "--window", "0.5", "--ranks", n, "--stack", "native-linux", "--replications", "6", "--json",
            "--noise-trace", Path.Combine(dump, "noise.csv"));
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var s = r.Json.GetProperty("stacks")[0];
        var (mean, half) = (s.GetProperty("overhead_pct").GetDouble(), s.GetProperty("ci95_half").GetProperty("overhead_pct").GetDouble());
        var parametricRuns = NodeSimInProcess.Run("job", "--profile", "bsp-allreduce", "--window", "0.5", "--ranks", n, "--stack", "native-linux", "--replications", "6", "--json");
        var p = parametricRuns.Json.GetProperty("stacks")[0];
        var (pMean, pHalf) = (p.GetProperty("overhead_pct").GetDouble(), p.GetProperty("ci95_half").GetProperty("overhead_pct").GetDouble());
        Assert.That(Math.Abs(mean - pMean), Is.LessThan(Math.Sqrt(half * half + pHalf * pHalf)), $"replayed {mean} ± {half}, parametric {pMean} ± {pHalf}");
        Assert.That(s.GetProperty("ledger").GetProperty("measured_noise_pct").GetDouble(), Is.GreaterThan(0), "the ledger books it as measured noise");
        Assert.That(s.GetProperty("ledger").GetProperty("tick_noise_pct").GetDouble(), Is.Zero, "replacing the kernel's own tick");
    }

    [Test]
    public void ADumpIntoADirectoryThatHoldsAnythingIsRefusedAndTouchesNothing()
    {
        using var dir = new TempDir();
        var target = Path.Combine(dir.Path, "mine");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "notes.txt"), "a user's file");
        var r = NodeSimInProcess.Run("job", "--profile", "bsp-allreduce", "--ranks", "16", "--stack", "native-linux", "--dump-noise", target);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr.Trim(), Is.EqualTo($"error: --dump-noise {target}: is not empty; choose a new or empty directory"));
        Assert.That(Directory.GetFileSystemEntries(target).Select(Path.GetFileName), Is.EqualTo(new[] { "notes.txt" }));
        Assert.That(File.ReadAllText(Path.Combine(target, "notes.txt")), Is.EqualTo("a user's file"));
    }

    [Test]
    public void CoscheduledNoiseIsNotAmplifiedAndIndependentNoiseIs()
    {
        // One measured core: a 2 ms detour every 10 ms. On 256 ranks, co-scheduled, every rank loses it at once: no rank waits for
        // another. Independent, each rank at its own point: the slowest rank sets the pace.
        using var dir = new TempDir();
        var rows = string.Concat(Enumerable.Range(0, 100).Select(i => $"0,{i * 10_000_000 + 1_000_000},200000\n"));
        var path = dir.File("periodic.csv", "core,start_ns,duration_ns\n" + rows);
        double Amplification(string mapping)
        {
            var r = NodeSimInProcess.Run("job", "--profile", "bsp-allreduce", "--window", "0.5", "--ranks", "256", "--stack", "native-linux", "--json",
                "--noise-trace", path, "--noise-mapping", mapping);
            Assert.That(r.ExitCode, Is.Zero, r.Stderr);
            return r.Json.GetProperty("ledger").GetProperty("collective_amplification_pct").GetDouble();
        }
        Assert.That(Amplification("coscheduled"), Is.LessThan(0.05));
        Assert.That(Amplification("independent"), Is.GreaterThan(1));
    }

    [Test]
    public void ACampaignStackReplaysATraceAndABadOneIsRefusedWhereItIsNamed()
    {
        using var dir = new TempDir();
        using (var f = File.Create(dir.File("idle.noise.csv"))) NoiseTraceWriter.Write(f, NoiseTraceTests.TickAndDaemons(2, 5));
        string Campaign(string file) => $"""
            campaign: measured
            replications: 2
            define_stacks:
              measured-linux:
                primary: linux
                noise_trace: {"{"}file: {file}, mapping: independent{"}"}
            scenarios:
              - name: a
                kind: job
                stacks: [measured-linux, native-linux]
                compare_to: native-linux
                profile: bsp-allreduce
                ranks: 16
                window_s: 0.2
            """;
        var ok = NodeSimInProcess.Run("run", dir.File("ok.yaml", Campaign("idle.noise.csv")), "--out", Path.Combine(dir.Path, "out"));
        Assert.That(ok.ExitCode, Is.Zero, ok.Stderr);
        Assert.That(File.ReadAllText(Path.Combine(dir.Path, "out", "runs.csv")), Does.Contain("measured_noise_pct"));
        File.WriteAllText(dir.File("bad.noise.csv"), "core,start_ns,duration_ns\n0,10,5\n0,5,5\n");
        var bad = NodeSimInProcess.Run("validate", dir.File("bad.yaml", Campaign("bad.noise.csv")));
        Assert.That(bad.ExitCode, Is.EqualTo(2));
        Assert.That(bad.Stderr, Does.Contain("bad.yaml:6:25: define_stacks.measured-linux.noise_trace.file: ").And.Contain("bad.noise.csv:3: core 0's detour at 5 ns comes after"));
    }
}
