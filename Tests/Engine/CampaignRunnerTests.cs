using NodeSim.Engine;
using NodeSim.Files;
using NodeSim.Orchestration;
using NodeSim.Tests.Cli;

namespace NodeSim.Tests.Engine;

/// <summary>The campaign runner: results independent of workers and order, resumable, failures contained.</summary>
public class CampaignRunnerTests
{
    /// <summary>Two job scenarios (one with a name that needs sanitising) and a small replay: 18 runs, a few seconds.</summary>
    public const string Small = """
        campaign: small test/campaign
        seed: 7
        replications: 2
        scenarios:
          - name: noise vs ranks
            kind: job
            stacks: [native-linux, hafnium-kitten]
            profile: bsp-allreduce
            sweep:
              ranks: [4, 64]
          - name: tick
            kind: job
            stacks: [native-linux]
            profile: bsp-allreduce
            ranks: 16
            sweep:
              stack.primary.tick_hz: {from: 100, to: 300, step: 100}
          - name: replay
            kind: replay
            stacks: [ideal, native-linux]
            trace: synthetic:hpc?jobs=150&nodes=8
        """;

    private const string OneFineJob = """
        campaign: partly broken
        replications: 1
        scenarios:
          - name: fine
            kind: job
            stacks: [native-kitten]
            profile: compute
        """;

    /// <summary>A scenario replaying <see cref="BrokenSwf"/>, to append to a campaign.</summary>
    private const string BadTraceScenario = """

          - name: bad trace
            kind: replay
            stacks: [ideal]
            trace: broken.swf
            nodes: 4
        """;

    /// <summary>A trace that exists (so the campaign is valid) but is malformed on line 2: only its runs fail.</summary>
    private const string GoodSwf = "1 0 10 100 4 -1 -1 4 100 -1 1 1 1 1 1 -1 -1 -1\n";

    private const string BrokenSwf = "1 0 10 100 4 -1 -1 4 100 -1 1 1 1 1 1 -1 -1 -1\n2 5 x 100 4 -1 -1 4 100 -1 1 1 1 1 1 -1 -1 -1\n";

    private static Campaign Load(TempDir dir, string text = Small)
    {
        var file = Path.Combine(dir.Path, "campaign.yaml");
        File.WriteAllText(file, text);
        return Contexts.Loader.Load(file);
    }

    private static (CampaignOutcome Outcome, string Directory) RunAndWrite(Campaign campaign, string output, int workers, bool resume = false, CancellationToken cancel = default,
        Action<CampaignProgress>? progress = null)
    {
        using var session = CampaignSession.Open(Contexts.BuiltIn, AtomicFile.Disk, campaign, output, new RunOptions(workers, resume), new LocalBackend());
        return (session.Run(new Observer(progress), cancel).Outcome!, output);
    }

    /// <summary>A campaign's progress, to a test.</summary>
    private sealed class Observer(Action<CampaignProgress>? progress) : ICampaignObserver
    {
        public void Note(string message)
        {
        }

        public void Progress(CampaignProgress p) => progress?.Invoke(p);
    }

    [Test]
    public void ExpandsGridsRangesAndReplicationsIntoRunsWithSharedSeedsAcrossStacks()
    {
        using var dir = new TempDir();
        var runs = Load(dir).Runs;
        Assert.That(runs, Has.Count.EqualTo(2 * 2 * 2 + 3 * 2 * 1 + 1 * 2 * 2));
        var tick = runs.Where(r => r.Scenario.Name == "tick").Select(r => r.Point["stack.primary.tick_hz"]).Distinct();
        Assert.That(tick, Is.EqualTo(new[] { "100", "200", "300" }));
        // Every stack of a point and replica gets the same seed (common random numbers); replicas differ.
        var noise = runs.Where(r => r.Scenario.Name == "noise vs ranks" && r.Point.Index == 0).ToList();
        Assert.That(noise.Where(r => r.Replica == 0).Select(r => r.Seed).Distinct().Count(), Is.EqualTo(1));
        Assert.That(noise.Select(r => r.Seed).Distinct().Count(), Is.EqualTo(2));
        Assert.That(runs.Select(r => r.Key).Distinct().Count(), Is.EqualTo(runs.Count));
        Assert.That(runs[0].Key, Is.EqualTo("noise-vs-ranks__p000__native-linux__r00"));
    }

    [Test]
    public void OneAndTwoWorkersWriteByteIdenticalRunsAndSummaryTables()
    {
        using var dir = new TempDir();
        var campaign = Load(dir);
        var (one, a) = RunAndWrite(campaign, Path.Combine(dir.Path, "one"), workers: 1);
        var (two, b) = RunAndWrite(campaign, Path.Combine(dir.Path, "two"), workers: 2);
        Assert.That(one.Failures, Is.Empty);
        Assert.That(two.Failures, Is.Empty);
        foreach (var table in new[] { "runs.csv", "summary.csv" })
            Assert.That(File.ReadAllBytes(Path.Combine(b, table)), Is.EqualTo(File.ReadAllBytes(Path.Combine(a, table))), table);
        Assert.That(File.ReadAllText(Path.Combine(a, "runs.csv")), Does.Contain("native-linux"));
    }

    [Test]
    public void ACancelledCampaignResumesToTheSameResultsAsAnUninterruptedOne()
    {
        using var dir = new TempDir();
        var campaign = Load(dir);
        var (_, whole) = RunAndWrite(campaign, Path.Combine(dir.Path, "whole"), workers: 2);

        var output = Path.Combine(dir.Path, "stopped");
        using var stop = new CancellationTokenSource();
        var (first, _) = RunAndWrite(campaign, output, workers: 2, cancel: stop.Token, progress: p => { if (p.Done >= 5) stop.Cancel(); });
        Assert.That(first.Interrupted, Is.True);
        Assert.That(first.Results.Count, Is.InRange(5, campaign.Runs.Count - 1));
        Assert.That(File.Exists(Path.Combine(output, "runs.csv")), Is.False, "an interrupted campaign writes no tables");

        var (second, _) = RunAndWrite(campaign, output, workers: 2, resume: true);
        Assert.That(second.Interrupted, Is.False);
        Assert.That(second.Resumed, Is.EqualTo(first.Results.Count));
        foreach (var table in new[] { "runs.csv", "summary.csv" })
            Assert.That(File.ReadAllBytes(Path.Combine(output, table)), Is.EqualTo(File.ReadAllBytes(Path.Combine(whole, table))), table);
    }

    [Test]
    public void AFailingRunIsReportedWithItsScenarioAndPointAndTheOthersAreKept()
    {
        using var dir = new TempDir();
        // The trace is fine when the campaign is validated and broken by the time it runs: only its runs fail.
        File.WriteAllText(Path.Combine(dir.Path, "broken.swf"), GoodSwf);
        var campaign = Load(dir, OneFineJob + BadTraceScenario);
        File.WriteAllText(Path.Combine(dir.Path, "broken.swf"), BrokenSwf);
        var (outcome, output) = RunAndWrite(campaign, Path.Combine(dir.Path, "out"), workers: 2);
        var failure = outcome.Failures.Single();
        Assert.That(failure.Scenario, Is.EqualTo("bad trace"));
        Assert.That(failure.Point, Is.EqualTo(0));
        Assert.That(failure.Error, Does.Contain("broken.swf:2"));
        Assert.That(outcome.Results.Single(r => r.Scenario == "fine").Error, Is.Null);
        var runs = File.ReadAllText(Path.Combine(output, "runs.csv"));
        Assert.That(runs, Does.Contain("broken.swf:2"));
        Assert.That(File.ReadAllText(Path.Combine(output, "summary.md")), Does.Contain("## Failed runs"));
    }

    /// <summary>A campaign of a dozen runs of about a tenth of a second each: one worker is mid-campaign for a second, long enough to be killed there.</summary>
    public const string Slow = """
        campaign: slow
        seed: 5
        replications: 12
        scenarios:
          - {name: wide, kind: job, stacks: [hafnium-linux], profile: bsp-allreduce, ranks: 4096, window_s: 0.5}
        """;

    /// <summary>Starts <c>nodesim</c> and returns once <paramref name="parts"/> holds at least <paramref name="runs"/> finished runs (the process still running).</summary>
    public static System.Diagnostics.Process StartAndWaitForRuns(string parts, int runs, params string[] args)
    {
        var process = NodeSimProcess.Start(null, null, args);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((!Directory.Exists(parts) || Directory.GetFiles(parts, "*.json").Length < runs) && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
            Thread.Sleep(5);
        return process;
    }

    [Test]
    public void KilledMidCampaignThenResumedEqualsAnUninterruptedRun()
    {
        using var dir = new TempDir();
        var file = dir.File("campaign.yaml", Slow);
        var whole = Path.Combine(dir.Path, "whole");
        Assert.That(NodeSimProcess.Run("run", file, "--out", whole, "--workers", "2").ExitCode, Is.EqualTo(0));

        // A real kill (SIGKILL) at whatever moment the third run is seen persisted: it may land mid-write of a fourth.
        var output = Path.Combine(dir.Path, "killed");
        var parts = Path.Combine(output, "parts");
        using (var process = StartAndWaitForRuns(parts, 3, "run", file, "--out", output, "--workers", "1"))
        {
            Assert.That(process.HasExited, Is.False, "the campaign was still running when it was killed");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        var done = Directory.GetFiles(parts, "*.json").Length;
        Assert.That(done, Is.InRange(3, 11), "killed mid-campaign");
        var resumed = NodeSimProcess.Run("run", file, "--out", output, "--workers", "2", "--resume", "--json");
        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.Stderr);
        Assert.That(resumed.Json.GetProperty("resumed").GetInt32(), Is.EqualTo(done));
        foreach (var table in new[] { "runs.csv", "summary.csv" })
            Assert.That(File.ReadAllBytes(Path.Combine(output, table)), Is.EqualTo(File.ReadAllBytes(Path.Combine(whole, table))), table);
        Assert.That(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories), Is.Empty);
        Assert.That(Directory.Exists(parts), Is.False, "a campaign that ends without failures removes its parts");
    }

    /// <summary>A scenario of <see cref="FailingKind"/>: valid, but its run fails as it executes.</summary>
    private const string FailingScenario = """

          - name: refused
            kind: fails
            stacks: [native-kitten]
        """;

    [Test]
    public void PartsAreKeptOnRequestOrWhenARunFailed()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "campaign.yaml");
        File.WriteAllText(file, OneFineJob);
        var kept = Path.Combine(dir.Path, "kept");
        Assert.That(NodeSimProcess.Run("run", file, "--out", kept, "--keep-parts").ExitCode, Is.EqualTo(0));
        Assert.That(Directory.GetFiles(Path.Combine(kept, "parts"), "*.json"), Has.Length.EqualTo(1));

        File.WriteAllText(Path.Combine(dir.Path, "broken.swf"), BrokenSwf);
        File.AppendAllText(file, BadTraceScenario);
        var failed = Path.Combine(dir.Path, "failed");
        var refused = NodeSimProcess.Run("run", file, "--out", failed);
        Assert.That(refused.ExitCode, Is.EqualTo(2), "validation reads the trace");
        Assert.That(refused.Stderr, Does.Contain("scenarios[1].trace: ").And.Contain("broken.swf:2: field 3 (wait time): 'x' is not a number"));

        // A run that fails only as it executes: a kind of scenario from the test assembly whose runs all do.
        File.WriteAllText(file, OneFineJob + FailingScenario);
        var registries = NodeSim.Hosting.BuiltIns.Registries();
        registries.Kinds.Add(new FailingKind());
        var run = NodeSimInProcess.Run(registries, AtomicFile.Disk, "run", file, "--out", failed);
        Assert.That(run.ExitCode, Is.EqualTo(1), "a run that fails is exit 1");
        Assert.That(run.Stderr, Does.Contain("run failed: scenario 'refused'").And.Contain(FailingKind.Problem));
        Assert.That(Directory.GetFiles(Path.Combine(failed, "parts"), "*.json"), Has.Length.EqualTo(2), "kept for --resume");
    }
}
