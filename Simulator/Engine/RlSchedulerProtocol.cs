using NodeSim.Models.Scheduling;
using NodeSim.Traces.Swf;

namespace NodeSim.Engine;

/// <summary>One window of the protocol: its first job's index, mean bounded slowdown and utilisation.</summary>
public sealed record ProtocolWindow(int Start, double MeanBsld, double Utilization);

/// <summary>The protocol's result for one policy and backfilling mode: the windows and their means.</summary>
public sealed record ProtocolResult(string Policy, string Backfill, IReadOnlyList<ProtocolWindow> Windows)
{
    public double MeanBsld => Windows.Average(w => w.MeanBsld);
    public double MeanUtilization => Windows.Average(w => w.Utilization);
}

/// <summary>
/// The evaluation protocol of the RLScheduler artifact (Zhang et al., SC'20; described in
/// <c>../shared/traces/README.md</c>): ten windows of 1,024 consecutive jobs, each replayed on an
/// empty machine; per window the mean bounded slowdown (τ = 10 s) and the utilisation up to the
/// last start; the table cell is the mean over the windows.
/// </summary>
public static class RlSchedulerProtocol
{
    /// <summary>The 0-based start indices of the windows (the artifact's seed-1 draws).</summary>
    public static readonly int[] WindowStarts = [1981, 2756, 4299, 8850, 3316, 2714, 5228, 7762, 4022, 7085];

    public const int WindowLength = 1024;

    /// <summary>
    /// The published Lublin-1 table (mean bounded slowdown; utilisation) by policy and backfilling: the RLScheduler artifact's
    /// README and Tables V–VI of Zhang et al., SC'20, as <c>../shared/traces/README.md</c> quotes them. Shown beside a protocol
    /// run so a reader sees it reproduced; the tests hold their own copy.
    /// </summary>
    public static readonly IReadOnlyDictionary<(string Policy, string Backfill), (double MeanBsld, double Utilization)> PublishedLublin1 =
        new Dictionary<(string, string), (double, double)>
        {
            [("fcfs", "none")] = (7273.77, 0.657), [("fcfs", "greedy")] = (235.82, 0.868),
            [("sjf", "none")] = (277.35, 0.762), [("sjf", "greedy")] = (73.31, 0.778),
            [("f1", "none")] = (258.37, 0.816), [("f1", "greedy")] = (75.07, 0.840),
        };

    /// <summary>
    /// Loads an SWF trace as the artifact does: processors = max(allocated, requested); estimate =
    /// requested time, or the run time when unknown; an unknown or negative run time becomes 10 s;
    /// jobs whose run time is 0 are dropped; jobs sorted (stably) by job number.
    /// </summary>
    public static BatchWorkload Load(string path)
    {
        using var reader = SwfReader.Open(path);
        var swf = reader.Jobs().ToList();
        if (swf.Count == 0) throw new UserInputException($"{path}: no jobs");
        var machine = BatchWorkload.MachineFrom(reader.Header, null, path);
        var adjusted = swf
            .Select(j => j.RunTime is null or < 0 ? j with { RunTime = 10 } : j)
            .Where(j => j.RunTime > 0)
            .Select(j => j.RequestedTime is null ? j with { RequestedTime = j.RunTime } : j)
            .OrderBy(j => j.JobNumber) // LINQ OrderBy is stable
            .ToList();
        var workload = BatchWorkload.FromSwf(Path.GetFileName(path), adjusted, machine, EstimateSource.Requested, reader.Header);
        var needed = WindowStarts.Max() + WindowLength;
        if (workload.Jobs.Count < needed)
            throw new UserInputException($"{path}: the protocol needs at least {needed} jobs, the trace has {workload.Jobs.Count}");
        return workload;
    }

    /// <summary>Runs the windows for one policy and backfilling mode (windows in parallel; results in window order).</summary>
    public static ProtocolResult Run(BatchWorkload workload, IQueuePolicy policy, IBackfill backfill)
    {
        var windows = new ProtocolWindow[WindowStarts.Length];
        Parallel.For(0, WindowStarts.Length, w =>
        {
            var start = WindowStarts[w];
            var jobs = workload.Jobs.Skip(start).Take(WindowLength).ToList();
            var outcome = ClusterReplay.Run(jobs, workload.Machine, policy, backfill);
            var metrics = ReplayMetrics.Compute(outcome, ReplayMetrics.DefaultBoundSeconds);
            windows[w] = new ProtocolWindow(start, metrics.BoundedSlowdown.Mean, metrics.UtilizationToLastStart);
        });
        return new ProtocolResult(policy.Name, backfill.Name, windows);
    }
}
