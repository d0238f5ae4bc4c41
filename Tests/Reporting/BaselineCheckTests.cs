using NodeSim.Reporting.Baselines;
using NodeSim.Tests.Cli;

namespace NodeSim.Tests.Reporting;

/// <summary>
/// The baseline rule on a small campaign of stacks composed so that a change can be made to some of
/// them and not others: it holds on the same seeds and any worker count, catches a deliberate model
/// change exactly where it acts, and rarely flags fresh random numbers.
/// </summary>
public class BaselineCheckTests
{
    private static string Set(params string[] values) =>
        values.Any(v => v.Length > 0) ? ", set: {" + string.Join(", ", values.Where(v => v.Length > 0)) + "}" : "";

    private static string Campaign(string linux = "", string hafnium = "") => """
        campaign: gate
        seed: 11
        replications: 4
        define_stacks:

        """ + "  lx: {primary: linux" + Set(linux) + "}\n"
            + "  kx: {primary: kitten}\n"
            + "  hx: {primary: linux, hypervisor: hafnium" + Set(linux, hafnium) + "}\n"
            + "  hk: {primary: kitten, hypervisor: hafnium" + Set(hafnium) + "}\n" + """
        scenarios:
          - name: jobs
            kind: job
            stacks: [ideal, lx, kx, hx, hk]
            ranks: 64
            window_s: 0.5
            sweep: {profile: [bsp-allreduce, io]}
          - name: replay
            kind: replay
            stacks: [ideal, lx, hk]
            replications: 3
            trace: synthetic:hpc?jobs=150&nodes=16
        """;

    private static List<BaselineRow> Run(TempDir dir, string name, string campaign, params string[] more)
    {
        var output = Path.Combine(dir.Path, name);
        var r = NodeSimInProcess.Run(["run", dir.File(name + ".yaml", campaign), "--out", output, .. more]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        return Baseline.OfRunDirectory(output);
    }

    private static CheckOutcome Check(List<BaselineRow> baseline, List<BaselineRow> run) => BaselineCheck.Compare(baseline, run, "baseline.csv", "run");

    [Test]
    public void TheSameSeedsPassWithAnyWorkerCountAndTheFileRoundTrips()
    {
        using var dir = new TempDir();
        var baseline = Run(dir, "base", Campaign(), "--workers", "2");
        var path = Path.Combine(dir.Path, "baseline.csv");
        Baseline.Write(NodeSim.Files.AtomicFile.Disk, path, baseline);
        Assert.That(Baseline.Read(path), Is.EqualTo(baseline).Using<BaselineRow>((a, b) => a.Key == b.Key && a.Mean.Equals(b.Mean) && a.StdDev.Equals(b.StdDev) && a.N == b.N));
        var outcome = Check(Baseline.Read(path), Run(dir, "one", Campaign(), "--workers", "1"));
        Assert.That(outcome.Moved, Is.Empty);
        Assert.That(outcome.Comparisons.All(c => c.Difference == 0), Is.True, "the same seeds give the same numbers");
    }

    [Test]
    public void TenTimesTheWorldSwitchCostMovesOnlyHafniumRows()
    {
        using var dir = new TempDir();
        var outcome = Check(Run(dir, "base", Campaign()), Run(dir, "ws", Campaign(hafnium: "hypervisor.world_switch_cycles: 20000")));
        var moved = outcome.Moved.ToList();
        Assert.That(moved.Select(c => c.Old.Stack).Distinct(), Is.EquivalentTo(new[] { "hx", "hk" }));
        Assert.That(moved.Select(c => c.Old.Metric), Does.Contain("overhead_pct").And.Contain("world_switches_pct"));
        Assert.That(outcome.Comparisons.Where(c => c.Old.Stack is "ideal" or "lx" or "kx").All(c => !c.Moved), Is.True);
    }

    [Test]
    public void ALinuxTickOf1000HzMovesLinuxPrimaryRowsAndNoKittenOnlyRow()
    {
        using var dir = new TempDir();
        var outcome = Check(Run(dir, "base", Campaign()), Run(dir, "tick", Campaign(linux: "primary.tick_hz: 1000")));
        var moved = outcome.Moved.ToList();
        Assert.That(moved.Select(c => c.Old.Stack).Distinct(), Is.EquivalentTo(new[] { "lx", "hx" }));
        Assert.That(moved.Select(c => c.Old.Metric), Does.Contain("tick_noise_pct"));
    }

    [Test]
    public void FreshRandomNumbersRarelyFlagAnything()
    {
        using var dir = new TempDir();
        var baseline = Run(dir, "base", Campaign());
        // The reseeded runs' summaries, straight from the runner (no tables or plots to draw).
        var file = dir.File("reseed.yaml", Campaign());
        var flagged = Enumerable.Range(1, 20).Count(n =>
        {
            var campaign = Contexts.Loader.Load(file, (ulong)n);
            var store = new NodeSim.Orchestration.RunStore(Path.Combine(dir.Path, $"reseed-{n}"), NodeSim.Files.AtomicFile.Disk);
            var outcome = new NodeSim.Orchestration.CampaignRunner(campaign, store, 2, resume: false).Run(CancellationToken.None);
            var metrics = campaign.Scenarios.Select(s => s.Kind).Distinct().ToDictionary(k => k.Name, k => k.Metrics);
            return Check(baseline, Baseline.Of(campaign.Name, NodeSim.Reporting.Campaigns.Summaries.Of(outcome.Results, _ => null), metrics)).Moved.Any();
        });
        TestContext.Out.WriteLine($"{flagged} of 20 reseeded runs flagged something");
        Assert.That(flagged, Is.LessThanOrEqualTo(1));
    }

    [Test]
    public void AnotherCampaignOrMissingRowsAreBadInputNamedOneByOne()
    {
        using var dir = new TempDir();
        var baseline = Run(dir, "base", Campaign());
        var other = baseline.Select(r => r with { Campaign = "else" }).ToList();
        Assert.That(() => Check(baseline, other), Throws.TypeOf<UserInputException>().With.Message.EqualTo("run: holds campaign 'else', but baseline.csv is the baseline of campaign 'gate'"));
        var fewer = baseline.Where(r => r.Metric != "overhead_pct").ToList();
        Assert.That(() => Check(baseline, fewer), Throws.TypeOf<UserInputException>().With.Message.StartWith("run has no result for 10 rows: jobs point 0 ideal overhead_pct"));
        Assert.That(() => Check(fewer, baseline), Throws.TypeOf<UserInputException>().With.Message.StartWith("baseline.csv has no baseline for 10 rows"));
    }

    [Test]
    public void TheCommandExitsOneWhenSomethingMovedAndTwoOnABadBaseline()
    {
        using var dir = new TempDir();
        Run(dir, "base", Campaign());
        var path = Path.Combine(dir.Path, "baseline.csv");
        Baseline.Write(NodeSim.Files.AtomicFile.Disk, path, Baseline.OfRunDirectory(Path.Combine(dir.Path, "base")));
        Run(dir, "ws", Campaign(hafnium: "hypervisor.world_switch_cycles: 20000"));
        Assert.That(NodeSimInProcess.Run("check", Path.Combine(dir.Path, "base"), "--baseline", path).ExitCode, Is.Zero);
        var moved = NodeSimInProcess.Run("check", Path.Combine(dir.Path, "ws"), "--baseline", path, "--json");
        Assert.That(moved.ExitCode, Is.EqualTo(1));
        Assert.That(moved.Json.GetProperty("moved").GetInt32(), Is.GreaterThan(0));
        var missing = NodeSimInProcess.Run("check", Path.Combine(dir.Path, "ws"), "--baseline", Path.Combine(dir.Path, "none.csv"));
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Stderr, Does.Contain("none.csv: no such baseline file"));
    }
}
