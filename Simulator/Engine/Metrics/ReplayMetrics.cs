using CsvHelper;
using NodeSim.Engine;
using NodeSim.Models.Isolation;
using NodeSim.Models.Scheduling;

namespace NodeSim.Engine;

/// <summary>One replayed job, in seconds: a row of the per-job CSV.</summary>
[CsvRecord]
public sealed partial record JobRecord
{
    /// <summary>The campaign scenario, point and replica the row belongs to (empty outside campaigns).</summary>
    [CsvColumn("scenario")] public string Scenario { get; init; } = "";
    [CsvColumn("point")] public int Point { get; init; }
    [CsvColumn("replica")] public int Replica { get; init; }
    /// <summary>The isolation stack of the replay (empty when none was modelled).</summary>
    [CsvColumn("stack")] public string Stack { get; init; } = "";
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
    /// <summary>The job's profile from the workload mix (empty without a stack model).</summary>
    [CsvColumn("profile")] public string Profile { get; init; } = "";
    /// <summary>Ranks the job runs (nodes × cores; 0 without a stack model).</summary>
    [CsvColumn("ranks")] public int Ranks { get; init; }
    // The ledger: percent of the job's ideal time lost to each cause (they sum to overhead_pct).
    [CsvColumn("translation_pct")] public double TranslationPct { get; init; }
    [CsvColumn("world_switches_pct")] public double WorldSwitchesPct { get; init; }
    [CsvColumn("interrupt_routing_pct")] public double InterruptRoutingPct { get; init; }
    [CsvColumn("tick_noise_pct")] public double TickNoisePct { get; init; }
    [CsvColumn("daemon_noise_pct")] public double DaemonNoisePct { get; init; }
    [CsvColumn("pollution_pct")] public double PollutionPct { get; init; }
    [CsvColumn("scheduling_delay_pct")] public double SchedulingDelayPct { get; init; }
    [CsvColumn("injected_noise_pct")] public double InjectedNoisePct { get; init; }
    [CsvColumn("collective_amplification_pct")] public double CollectiveAmplificationPct { get; init; }
    // Counters: events per second of the job's run time, all its ranks together (expected rates).
    [CsvColumn("world_switches_per_s")] public double WorldSwitchesPerS { get; init; }
    [CsvColumn("hypercalls_per_s")] public double HypercallsPerS { get; init; }
    [CsvColumn("injected_interrupts_per_s")] public double InjectedInterruptsPerS { get; init; }
    [CsvColumn("mailbox_messages_per_s")] public double MailboxMessagesPerS { get; init; }

    /// <summary>A row with the profile, ranks, ledger and counters of the job's execution.</summary>
    public JobRecord WithCost(JobCost cost) =>
        this with
        {
            Profile = cost.Profile ?? "", Ranks = cost.Ranks,
            TranslationPct = ReplayMetrics.Pct(cost, OverheadCause.Translation), WorldSwitchesPct = ReplayMetrics.Pct(cost, OverheadCause.WorldSwitches),
            InterruptRoutingPct = ReplayMetrics.Pct(cost, OverheadCause.InterruptRouting), TickNoisePct = ReplayMetrics.Pct(cost, OverheadCause.TickNoise),
            DaemonNoisePct = ReplayMetrics.Pct(cost, OverheadCause.DaemonNoise), PollutionPct = ReplayMetrics.Pct(cost, OverheadCause.Pollution),
            SchedulingDelayPct = ReplayMetrics.Pct(cost, OverheadCause.SchedulingDelay), InjectedNoisePct = ReplayMetrics.Pct(cost, OverheadCause.InjectedNoise),
            CollectiveAmplificationPct = ReplayMetrics.Pct(cost, OverheadCause.CollectiveAmplification),
            WorldSwitchesPerS = cost.Execution?.WorldSwitchesPerSecond ?? 0, HypercallsPerS = cost.Execution?.HypercallsPerSecond ?? 0,
            InjectedInterruptsPerS = cost.Execution?.InjectedInterruptsPerSecond ?? 0, MailboxMessagesPerS = cost.Execution?.MailboxMessagesPerSecond ?? 0,
        };
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
            Processors = j.Processors, Nodes = j.Nodes,
        }.WithCost(cost);
    }


    internal static double Pct(JobCost cost, OverheadCause cause) => cost.Execution?.LedgerPct[cause] ?? 0;

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
