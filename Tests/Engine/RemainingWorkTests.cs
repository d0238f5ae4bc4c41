using NodeSim.Orchestration;

namespace NodeSim.Tests.Engine;

/// <summary>The time a campaign has left comes from its runs' measured costs: by scenario, then by kind, then by the mean run.</summary>
public class RemainingWorkTests
{
    private const string Campaign = """
        campaign: eta
        seed: 1
        replications: 2
        scenarios:
          - name: small
            kind: job
            stacks: [native-linux, hafnium-kitten]
            profile: compute
            ranks: 4
          - name: large
            kind: job
            stacks: [native-linux]
            profile: compute
            ranks: 40
          - name: replay
            kind: replay
            stacks: [ideal]
            replications: 1
            trace: synthetic:hpc?jobs=20&nodes=4
        """;

    [Test]
    public void AScenarioTakesWhatItsOwnRunsTookThenWhatItsKindsTookPerUnitThenTheMeanRun()
    {
        var runs = Contexts.Loader.Parse("eta.yaml", Campaign).Runs;
        var small = runs.Where(r => r.Scenario.Name == "small").ToList();
        var replay = runs.Single(r => r.Scenario.Name == "replay");
        var work = new RemainingWork(runs, _ => true);
        // 2 s for a 4-rank run: 0.5 s a rank. Left: 3 small runs (6 s), 2 large ones at the job kind's rate (2 × 40 × 0.5 = 40 s),
        // and the replay, whose kind has no run timed yet, at the mean run (2 s).
        Assert.That(work.Finished(small[0].Index, 2.0), Is.EqualTo(2.0 / (2 + 6 + 40 + 2)).Within(1e-12));
        // The replay took 10 s; now the mean run no longer stands in for anything.
        Assert.That(work.Finished(replay.Index, 10.0), Is.EqualTo(12.0 / (12 + 6 + 40)).Within(1e-12));
        foreach (var run in runs.Where(r => r.Index != small[0].Index && r.Index != replay.Index).Take(runs.Count - 3)) work.Finished(run.Index, 1);
        Assert.That(work.Finished(runs.Last(r => r.Index != small[0].Index && r.Index != replay.Index).Index, 1), Is.EqualTo(1.0), "every run done: all the work");
    }

    [Test]
    public void RunsFoundDoneAreNeitherWorkDoneNorWorkLeft()
    {
        var runs = Contexts.Loader.Parse("eta.yaml", Campaign).Runs;
        var small = runs.Where(r => r.Scenario.Name == "small").ToList();
        // Only the small scenario is left to do: its first run's 2 s make the other three 6 s.
        var work = new RemainingWork(runs, r => r.Scenario.Name == "small");
        Assert.That(work.Finished(small[0].Index, 2.0), Is.EqualTo(0.25).Within(1e-12));
    }
}
