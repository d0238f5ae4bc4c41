using NodeSim.Models.Isolation;

namespace NodeSim.Engine;

/// <summary>How a metric is named in the results, its unit and what it measures.</summary>
public sealed record MetricInfo(string Name, string Unit, string Description);

/// <summary>A metric and how it is read off what a run produced.</summary>
public sealed record MetricDefinition<T>(MetricInfo Info, Func<T, double> Value);

/// <summary>A replay's metrics and its per-job costs, which the ledger averages.</summary>
public sealed record ReplayRunOutcome(ReplayMetrics Metrics, ReplayOutcome Outcome)
{
    /// <summary>A cause's share averaged over the jobs, in percent of their ideal run time.</summary>
    public double MeanLedgerPct(OverheadCause cause) =>
        Outcome.Jobs.Average(j => Outcome.Costs[j.Index]?.Execution?.LedgerPct[cause] ?? 0);

    /// <summary>The amplification of a noise cause averaged over the jobs, in percent of their ideal run time.</summary>
    public double MeanAmplificationPct(OverheadCause cause) =>
        Outcome.Jobs.Average(j => Outcome.Costs[j.Index]?.Execution?.AmplificationByCause[(int)cause] ?? 0);
}

/// <summary>
/// Every number a campaign run produces, by kind of run: name (with its unit as suffix), unit and
/// description. Runs report exactly these, in this order, so tables have the same columns whatever
/// order runs finish in.
/// </summary>
public static class RunMetrics
{
    public static readonly IReadOnlyList<MetricDefinition<JobExecutionResult>> Job =
    [
        new(new("overhead_pct", "%", "slowdown of the job on this stack against the ideal machine, (time / ideal time − 1) × 100"), r => r.SlowdownPct),
        .. OverheadCauses.All.Select(c => new MetricDefinition<JobExecutionResult>(
            new(OverheadCauses.Key(c) + "_pct", "%", $"ledger: {OverheadCauses.Description(c)}, in percent of the ideal time"), r => r.LedgerPct[c])),
        .. OverheadCauses.Noise.Select(c => new MetricDefinition<JobExecutionResult>(
            new(OverheadCauses.AmplifiedKey(c) + "_pct", "%", $"collective amplification of {OverheadCauses.Description(c)}: the critical path's share beyond the average rank's"),
            r => r.AmplificationPct[c])),
        new(new("translation_factor", "1", "compute time under this stack's address translation / under the ideal machine's"), r => r.TranslationFactor),
        new(new("world_switches_per_s", "1/s", "VM world switches per second of job time, all ranks"), r => r.WorldSwitchesPerSecond),
        new(new("hypercalls_per_s", "1/s", "hypercalls per second of job time, all ranks"), r => r.HypercallsPerSecond),
        new(new("injected_interrupts_per_s", "1/s", "virtual interrupts injected by the SPM per second of job time, all ranks"), r => r.InjectedInterruptsPerSecond),
        new(new("mailbox_messages_per_s", "1/s", "SPM mailbox messages per second of job time, all ranks"), r => r.MailboxMessagesPerSecond),
        new(new("detours_per_s", "1/s", "interruptions of the job's cores (each detour of any source) per second of job time, all ranks"), r => r.DetoursPerSecond),
        new(new("simulated_s", "s", "simulated job time of the window (on this stack)"), r => r.SimulatedSeconds),
    ];

    public static readonly IReadOnlyList<MetricDefinition<ReplayRunOutcome>> Replay =
    [
        new(new("jobs", "1", "jobs replayed"), r => r.Metrics.Jobs),
        new(new("mean_wait_s", "s", "mean wait (start − submit)"), r => r.Metrics.WaitS.Mean),
        new(new("median_wait_s", "s", "median wait"), r => r.Metrics.WaitS.Median),
        new(new("p95_wait_s", "s", "95th-percentile wait"), r => r.Metrics.WaitS.P95),
        new(new("mean_turnaround_s", "s", "mean turnaround (end − submit)"), r => r.Metrics.TurnaroundS.Mean),
        new(new("mean_bsld", "1", "mean bounded slowdown max(1, turnaround / max(trace run time, 10 s))"), r => r.Metrics.BoundedSlowdown.Mean),
        new(new("median_bsld", "1", "median bounded slowdown"), r => r.Metrics.BoundedSlowdown.Median),
        new(new("p95_bsld", "1", "95th-percentile bounded slowdown"), r => r.Metrics.BoundedSlowdown.P95),
        new(new("utilization", "1", "Σ run time × processors / (makespan × machine processors)"), r => r.Metrics.Utilization),
        new(new("makespan_s", "s", "last end − first submit"), r => r.Metrics.MakespanS),
        new(new("mean_queue_length", "jobs", "time-weighted mean number of waiting jobs"), r => r.Metrics.MeanQueueLength),
        new(new("mean_busy_nodes", "nodes", "time-weighted mean number of nodes running jobs"), r => r.Metrics.MeanBusyNodes),
        new(new("mean_overhead_pct", "%", "run-time overhead of the stack, averaged over jobs"), r => r.Metrics.MeanOverheadPct),
        .. OverheadCauses.All.Select(c => new MetricDefinition<ReplayRunOutcome>(
            new(OverheadCauses.Key(c) + "_pct", "%", $"ledger: {OverheadCauses.Description(c)}, averaged over jobs"), r => r.MeanLedgerPct(c))),
        .. OverheadCauses.Noise.Select(c => new MetricDefinition<ReplayRunOutcome>(
            new(OverheadCauses.AmplifiedKey(c) + "_pct", "%", $"collective amplification of {OverheadCauses.Description(c)}, averaged over jobs"),
            r => r.MeanAmplificationPct(c))),
    ];

    /// <summary>The parts of an edge request's ledger: its wait, its work, then each cause of its path and noise (declared first: <see cref="Edge"/> uses it).</summary>
    public static readonly IReadOnlyList<string> EdgeLedgerParts = [global::NodeSim.Engine.Edge.EdgeServing.Queueing, global::NodeSim.Engine.Edge.EdgeServing.Service, .. OverheadCauses.Noise.Select(OverheadCauses.Key)];

    public static readonly IReadOnlyList<MetricDefinition<Edge.EdgeRun>> Edge =
    [
        new(new("p10_us", "µs", "10th-percentile latency, NIC to reply on the wire"), r => r.Result.Quantile(0.1) * 1e6),
        new(new("p25_us", "µs", "25th-percentile latency"), r => r.Result.Quantile(0.25) * 1e6),
        new(new("p50_us", "µs", "median latency"), r => r.Result.Quantile(0.5) * 1e6),
        new(new("p75_us", "µs", "75th-percentile latency"), r => r.Result.Quantile(0.75) * 1e6),
        new(new("p90_us", "µs", "90th-percentile latency"), r => r.Result.Quantile(0.9) * 1e6),
        new(new("p95_us", "µs", "95th-percentile latency"), r => r.Result.Quantile(0.95) * 1e6),
        new(new("p99_us", "µs", "99th-percentile latency"), r => r.Result.Quantile(0.99) * 1e6),
        new(new("p999_us", "µs", "99.9th-percentile latency"), r => r.Result.Quantile(0.999) * 1e6),
        new(new("mean_us", "µs", "mean latency"), r => r.Result.MeanSeconds * 1e6),
        new(new("max_us", "µs", "longest latency"), r => r.Result.MaxSeconds * 1e6),
        new(new("throughput_rps", "1/s", "requests served per second"), r => r.Result.ThroughputPerSecond),
        new(new("drops", "requests", "requests dropped at a full queue"), r => r.Result.Dropped),
        new(new("offered_load", "1", "rate × mean service / cores, after any rescaling"), r => r.OfferedLoad),
        new(new("queueing_us", "µs", "per request: waiting for a core"), r => r.Result.LedgerSeconds[global::NodeSim.Engine.Edge.EdgeServing.Queueing] * 1e6),
        new(new("service_us", "µs", "per request: its own work"), r => r.Result.LedgerSeconds[global::NodeSim.Engine.Edge.EdgeServing.Service] * 1e6),
        .. OverheadCauses.Noise.Select(c => new MetricDefinition<Edge.EdgeRun>(
            new(OverheadCauses.Key(c) + "_us", "µs", $"per request: {OverheadCauses.Description(c)}"), r => r.Result.LedgerSeconds[OverheadCauses.Key(c)] * 1e6)),
        .. EdgeLedgerParts.Select(part => new MetricDefinition<Edge.EdgeRun>(
            new($"p99_request_{part}_us", "µs", $"the p99 request's {part.Replace('_', ' ')}"), r => r.Result.P99LedgerSeconds.GetValueOrDefault(part) * 1e6)),
    ];


    /// <summary>The metrics a kind of run reports, in order.</summary>
    public static IReadOnlyList<MetricInfo> For(ScenarioKind kind) => kind switch
    {
        ScenarioKind.Job => [.. Job.Select(m => m.Info)],
        ScenarioKind.Replay => [.. Replay.Select(m => m.Info)],
        ScenarioKind.Edge => [.. Edge.Select(m => m.Info)],
    };

    /// <summary>The metric a plot of overhead uses for a kind of run.</summary>
    public static string Overhead(ScenarioKind kind) => kind switch
    {
        ScenarioKind.Job => "overhead_pct",
        ScenarioKind.Replay => "mean_overhead_pct",
        ScenarioKind.Edge => "p99_us",
    };

    /// <summary>What the headline metric of a kind of run is, for axes.</summary>
    public static string HeadlineLabel(ScenarioKind kind) => kind switch
    {
        ScenarioKind.Job or ScenarioKind.Replay => "overhead (% of ideal run time)",
        ScenarioKind.Edge => "p99 latency (µs)",
    };

    public static List<Metric> Measure<T>(IReadOnlyList<MetricDefinition<T>> definitions, T outcome) =>
        [.. definitions.Select(d => new Metric(d.Info.Name, d.Value(outcome)))];
}
