using CsvHelper;
using NodeSim.Engine;
using NodeSim.Models.Scheduling;

namespace NodeSim.Reporting;

/// <summary>One replayed job, in seconds: a row of the per-job CSV.</summary>
[CsvRecord]
public sealed partial record JobRecord
{
    [CsvColumn("job_id")] public long JobId { get; init; }
    [CsvColumn("submit_s")] public double SubmitS { get; init; }
    [CsvColumn("start_s")] public double StartS { get; init; }
    [CsvColumn("end_s")] public double EndS { get; init; }
    /// <summary>start − submit.</summary>
    [CsvColumn("wait_s")] public double WaitS { get; init; }
    /// <summary>Actual run time on the simulated machine (trace run time × slowdown).</summary>
    [CsvColumn("run_s")] public double RunS { get; init; }
    /// <summary>The trace's run time (on the reference machine).</summary>
    [CsvColumn("reference_run_s")] public double ReferenceRunS { get; init; }
    /// <summary>end − submit = wait + actual run.</summary>
    [CsvColumn("turnaround_s")] public double TurnaroundS { get; init; }
    /// <summary>turnaround / reference run time.</summary>
    [CsvColumn("slowdown")] public double Slowdown { get; init; }
    /// <summary>max(1, turnaround / max(reference run time, τ)).</summary>
    [CsvColumn("bounded_slowdown")] public double BoundedSlowdown { get; init; }
    /// <summary>(actual run / reference run − 1) × 100.</summary>
    [CsvColumn("overhead_pct")] public double OverheadPct { get; init; }
    [CsvColumn("processors")] public int Processors { get; init; }
    [CsvColumn("nodes")] public int Nodes { get; init; }
}

/// <summary>
/// The metrics of one replay. Slowdowns divide by the trace's (reference) run time, so a slowdown
/// hook that lengthens jobs shows up in them; with no hook they are the textbook definitions.
/// </summary>
/// <param name="Utilization">Σ actual run · processors / (makespan · machine processors).</param>
/// <param name="UtilizationToLastStart">The RLScheduler artifact's variant: Σ actual run · processors /
/// ((last start − first submit) · machine processors).</param>
/// <param name="MakespanS">Last end − first submit.</param>
/// <param name="MeanQueueLength">Time-weighted mean number of waiting jobs.</param>
/// <param name="MeanBusyNodes">Time-weighted mean number of nodes running jobs.</param>
/// <param name="BoundSeconds">τ of the bounded slowdown.</param>
public sealed record ReplayMetrics(int Jobs, Distribution WaitS, Distribution TurnaroundS, Distribution Slowdown, Distribution BoundedSlowdown,
    double MeanOverheadPct, double Utilization, double UtilizationToLastStart, double MakespanS, double MeanQueueLength, double MeanBusyNodes, double BoundSeconds)
{
    public const double DefaultBoundSeconds = 10;

    public static IReadOnlyList<JobRecord> JobRecords(ReplayOutcome outcome, double boundSeconds = DefaultBoundSeconds) =>
        outcome.Jobs.Select(j => Record(j, boundSeconds)).ToList();

    public static JobRecord Record(BatchJob j, double boundSeconds)
    {
        if (j.StartNs < 0) throw new InvalidOperationException($"{j} never started");
        var submit = j.SubmitNs / 1e9;
        var start = j.StartNs / 1e9;
        var run = j.ActualRunNs / 1e9;
        var reference = j.RunNs / 1e9;
        var turnaround = start - submit + run;
        return new JobRecord
        {
            JobId = j.Id, SubmitS = submit, StartS = start, EndS = start + run, WaitS = start - submit, RunS = run,
            ReferenceRunS = reference, TurnaroundS = turnaround,
            Slowdown = reference > 0 ? turnaround / reference : double.PositiveInfinity,
            BoundedSlowdown = Math.Max(1, turnaround / Math.Max(reference, boundSeconds)),
            OverheadPct = reference > 0 ? (run / reference - 1) * 100 : 0,
            Processors = j.Processors, Nodes = j.Nodes,
        };
    }

    public static ReplayMetrics Compute(ReplayOutcome outcome, double boundSeconds = DefaultBoundSeconds)
    {
        var jobs = JobRecords(outcome, boundSeconds);
        if (jobs.Count == 0) throw new InvalidOperationException("no jobs were replayed");
        var firstSubmit = jobs.Min(j => j.SubmitS);
        var lastEnd = jobs.Max(j => j.EndS);
        var lastStart = jobs.Max(j => j.StartS);
        var work = jobs.Sum(j => j.RunS * j.Processors);
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
            makespan, outcome.MeanQueueLength, outcome.MeanBusyNodes, boundSeconds);
    }
}
