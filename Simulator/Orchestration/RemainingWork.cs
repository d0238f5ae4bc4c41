using NodeSim.Engine;

namespace NodeSim.Orchestration;

/// <summary>
/// The share of a campaign's work done, from the runs' measured costs: each scenario's unfinished runs are expected to take
/// what its finished runs took per unit of their kind's cost estimate (<see cref="ScenarioKind.Cost"/>, e.g. a job's ranks; a
/// kind whose estimate is not finite counts runs); a scenario none of whose runs has finished, what its kind's finished runs
/// took per unit elsewhere; and a kind none of whose runs has finished, the mean time of the runs finished anywhere. Runs a campaign found done (resumed) took no time here and are left out of both sides.
/// </summary>
public sealed class RemainingWork
{
    private readonly int[] scenarioOf, kindOf;
    private readonly double[] kindSize, kindSeconds;
    private readonly double[] size;
    private readonly double[] pendingSize, doneSize, doneSeconds;
    private readonly int[] pendingRuns;
    private double seconds;
    private int finished;

    /// <param name="runs">Every run of the campaign.</param>
    /// <param name="pending">Whether a run is still to be done this session.</param>
    public RemainingWork(IReadOnlyList<RunSpec> runs, Func<RunSpec, bool> pending)
    {
        var scenarios = runs.Select(r => r.Scenario.Name).Distinct().Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
        scenarioOf = [.. runs.Select(r => scenarios[r.Scenario.Name])];
        // Kinds by the unit of their cost estimate: a sensitivity study's runs are its wrapped kind's.
        var kinds = runs.Select(r => r.Work.GetType()).Distinct().Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        kindOf = new int[scenarios.Count];
        foreach (var run in runs) kindOf[scenarioOf[run.Index]] = kinds[run.Work.GetType()];
        (kindSize, kindSeconds) = (new double[kinds.Count], new double[kinds.Count]);
        size = [.. runs.Select(r => r.Scenario.Kind.Cost(r.Work) is var c && double.IsFinite(c) && c > 0 ? c : 1)];
        (pendingSize, doneSize, doneSeconds, pendingRuns) = (new double[scenarios.Count], new double[scenarios.Count], new double[scenarios.Count], new int[scenarios.Count]);
        foreach (var run in runs.Where(pending))
        {
            pendingSize[scenarioOf[run.Index]] += size[run.Index];
            pendingRuns[scenarioOf[run.Index]]++;
        }
    }

    /// <summary>Records a run done in <paramref name="wallSeconds"/> and returns the share of this session's work now done (0 to 1).</summary>
    public double Finished(int run, double wallSeconds)
    {
        var s = scenarioOf[run];
        pendingSize[s] -= size[run];
        pendingRuns[s]--;
        doneSize[s] += size[run];
        doneSeconds[s] += wallSeconds;
        kindSize[kindOf[s]] += size[run];
        kindSeconds[kindOf[s]] += wallSeconds;
        seconds += wallSeconds;
        finished++;
        var meanRun = seconds / finished;
        var remaining = 0.0;
        for (var i = 0; i < pendingSize.Length; i++)
            if (pendingRuns[i] > 0)
                remaining += doneSize[i] > 0 ? pendingSize[i] * doneSeconds[i] / doneSize[i]
                    : kindSize[kindOf[i]] > 0 ? pendingSize[i] * kindSeconds[kindOf[i]] / kindSize[kindOf[i]]
                    : pendingRuns[i] * meanRun;
        return seconds + remaining <= 0 ? 1 : seconds / (seconds + remaining);
    }
}
