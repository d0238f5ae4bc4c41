using NodeSim.Models.Isolation;
using NodeSim.Models.Scheduling;
using NodeSim.Models.Costs;

namespace NodeSim.Engine;

/// <summary>
/// One job as it ran, in seconds: times, sizes, the profile it was given, its ledger and counters. A
/// replay gives one per job; a job run gives one for its window. Reporting writes them as
/// <c>jobs.csv.gz</c> (its columns: <c>Reporting.Campaigns.JobTable</c>).
/// </summary>
public sealed record JobRecord
{
    /// <summary>The campaign scenario, point and replica the row belongs to (empty outside campaigns).</summary>
    public string Scenario { get; init; } = "";
    public int Point { get; init; }
    public int Replica { get; init; }
    /// <summary>The isolation stack of the replay (empty when none was modelled).</summary>
    public string Stack { get; init; } = "";
    public long JobId { get; init; }
    public double SubmitS { get; init; }
    public double StartS { get; init; }
    public double EndS { get; init; }
    /// <summary>start − submit.</summary>
    public double WaitS { get; init; }
    /// <summary>Actual run time on the simulated machine (trace run time × slowdown).</summary>
    public double RunS { get; init; }
    /// <summary>The trace's run time (on the reference machine).</summary>
    public double ReferenceRunS { get; init; }
    /// <summary>end − submit = wait + actual run.</summary>
    public double TurnaroundS { get; init; }
    /// <summary>turnaround / reference run time.</summary>
    public double Slowdown { get; init; }
    /// <summary>max(1, turnaround / max(reference run time, τ)).</summary>
    public double BoundedSlowdown { get; init; }
    /// <summary>(actual run / reference run − 1) × 100.</summary>
    public double OverheadPct { get; init; }
    public int Processors { get; init; }
    /// <summary>Nodes the job occupied (more than it asked for, on a stack that keeps cores for housekeeping and places it on more).</summary>
    public int Nodes { get; init; }
    /// <summary>Nodes occupied × actual run time.</summary>
    public double NodeSeconds { get; init; }
    /// <summary>What it would consume on the ideal machine: the nodes it asked for × its reference run time.</summary>
    public double IdealNodeSeconds { get; init; }
    /// <summary>The job's profile from the workload mix (empty without a stack model).</summary>
    public string Profile { get; init; } = "";
    /// <summary>Ranks the job runs (nodes × cores; 0 without a stack model).</summary>
    public int Ranks { get; init; }
    /// <summary>The ledger: percent of the job's ideal time lost to each cause, indexed by <see cref="OverheadCause"/> (they sum to <see cref="OverheadPct"/>).</summary>
    public IReadOnlyList<double> LedgerPct { get; init; } = NoLedger;
    /// <summary>Collective amplification split by noise cause, indexed by <see cref="OverheadCause"/> (0 for the others; they sum to its ledger entry).</summary>
    public IReadOnlyList<double> AmplificationPct { get; init; } = NoLedger;
    /// <summary>Events per second of the job's run time, all its ranks together (counted in its simulated window), indexed by <see cref="Counter"/>.</summary>
    public IReadOnlyList<double> PerSecond { get; init; } = NoCounts;

    private static readonly double[] NoLedger = new double[OverheadCauses.Count];
    private static readonly double[] NoCounts = new double[Counters.Count];

    /// <summary>A row with the profile, ranks, ledger and counters of the job's execution.</summary>
    public JobRecord WithCost(JobCost cost) =>
        this with
        {
            Profile = cost.Profile ?? "", Ranks = cost.Ranks,
            LedgerPct = cost.Execution?.LedgerByCause ?? NoLedger,
            AmplificationPct = cost.Execution?.AmplificationByCause ?? NoLedger,
            PerSecond = cost.Execution?.PerSecond ?? NoCounts,
        };
}

/// <summary>
/// The metrics of one replay. Slowdowns divide by the trace's (reference) run time, so a slowdown
/// hook that lengthens jobs shows up in them; with no hook they are the textbook definitions.
/// </summary>
/// <param name="Utilization">Busy utilisation: Σ actual run · processors / (makespan · machine processors). The time a stack's
/// overhead adds to a job counts as busy, so it rises with overhead.</param>
/// <param name="UsefulUtilization">Useful utilisation: Σ trace (reference) run · processors / (makespan · machine processors), the
/// work the jobs asked for over what the machine offered; overhead lowers it.</param>
/// <param name="UtilizationToLastStart">The RLScheduler artifact's variant: Σ actual run · processors /
/// ((last start − first submit) · machine processors).</param>
/// <param name="MakespanS">Last end − first submit.</param>
/// <param name="MeanQueueLength">Time-weighted mean number of waiting jobs.</param>
/// <param name="MeanBusyNodes">Time-weighted mean number of nodes running jobs.</param>
/// <param name="BoundSeconds">τ of the bounded slowdown.</param>
public sealed record ReplayMetrics(int Jobs, Distribution WaitS, Distribution TurnaroundS, Distribution Slowdown, Distribution BoundedSlowdown,
    double MeanOverheadPct, double Utilization, double UtilizationToLastStart, double MakespanS, double MeanQueueLength, double MeanBusyNodes, double BoundSeconds,
    double NodeSecondsRatio = 1, double UsefulUtilization = double.NaN)
{
    public const double DefaultBoundSeconds = 10;

    public static IReadOnlyList<JobRecord> JobRecords(ReplayOutcome outcome, double boundSeconds = DefaultBoundSeconds, string stack = "") =>
        JobRecords(outcome, boundSeconds, new JobRecord { Stack = stack });

    /// <summary>The rows of a replay labelled as <paramref name="label"/>'s scenario, point, replica and stack.</summary>
    public static List<JobRecord> JobRecords(ReplayOutcome outcome, double boundSeconds, JobRecord label) =>
        [.. outcome.Jobs.Select(j => Record(j, outcome.Costs[j.Index] ?? JobCost.None, boundSeconds, label))];

    public static JobRecord Record(BatchJob j, JobCost cost, double boundSeconds, JobRecord? label = null)
    {
        if (j.StartNs < 0) throw new InvalidOperationException($"{j} never started");
        var submit = j.SubmitNs / 1e9;
        var start = j.StartNs / 1e9;
        var run = j.ActualRunNs / 1e9;
        var reference = j.RunNs / 1e9;
        var turnaround = start - submit + run;
        return new JobRecord
        {
            Scenario = label?.Scenario ?? "", Point = label?.Point ?? 0, Replica = label?.Replica ?? 0, Stack = label?.Stack ?? "",
            JobId = j.Id, SubmitS = submit, StartS = start, EndS = (j.StartNs + j.ActualRunNs) / 1e9, WaitS = start - submit, RunS = run,
            ReferenceRunS = reference, TurnaroundS = turnaround,
            Slowdown = reference > 0 ? turnaround / reference : double.PositiveInfinity,
            BoundedSlowdown = Math.Max(1, turnaround / Math.Max(reference, boundSeconds)),
            OverheadPct = reference > 0 ? (run / reference - 1) * 100 : 0,
            Processors = j.Processors, Nodes = j.Nodes, NodeSeconds = j.Nodes * run, IdealNodeSeconds = j.RequestedNodes * reference,
        }.WithCost(cost);
    }

    public static ReplayMetrics Compute(ReplayOutcome outcome, double boundSeconds = DefaultBoundSeconds) =>
        Compute(outcome, JobRecords(outcome, boundSeconds), boundSeconds);

    /// <summary>The metrics from the replay's job rows, made with the same <paramref name="boundSeconds"/>.</summary>
    public static ReplayMetrics Compute(ReplayOutcome outcome, IReadOnlyList<JobRecord> jobs, double boundSeconds)
    {
        if (jobs.Count == 0) throw new InvalidOperationException("no jobs were replayed");
        var firstSubmit = jobs.Min(j => j.SubmitS);
        var lastEnd = jobs.Max(j => j.EndS);
        var lastStart = jobs.Max(j => j.StartS);
        var work = jobs.Sum(j => j.RunS * j.Processors);
        var useful = jobs.Sum(j => j.ReferenceRunS * j.Processors);
        var processors = outcome.Machine.Processors;
        var makespan = lastEnd - firstSubmit;
        return new ReplayMetrics(jobs.Count,
            Distribution.Of(jobs.Select(j => j.WaitS)),
            Distribution.Of(jobs.Select(j => j.TurnaroundS)),
            Distribution.Of(jobs.Select(j => j.Slowdown)),
            Distribution.Of(jobs.Select(j => j.BoundedSlowdown)),
            jobs.Average(j => j.OverheadPct),
            makespan > 0 ? work / (makespan * processors) : double.NaN,
            lastStart > firstSubmit ? work / ((lastStart - firstSubmit) * processors) : double.NaN,
            makespan, outcome.MeanQueueLength, outcome.MeanBusyNodes, boundSeconds,
            jobs.Sum(j => j.IdealNodeSeconds) is > 0 and var ideal ? jobs.Sum(j => j.NodeSeconds) / ideal : 1,
            makespan > 0 ? useful / (makespan * processors) : double.NaN);
    }
}
