using NodeSim.Models.Costs;
using NodeSim.Models.Network;
using NodeSim.Models.Parameters;
using NodeSim.Models.Registries;
using NodeSim.Models.Scheduling;
using NodeSim.Models.Workloads;
using NodeSim.Traces.Sources;

namespace NodeSim.Engine.Kinds;

/// <summary>A point of a replay scenario: the workload, the cluster, its scheduler, and what the jobs do.</summary>
public sealed record ReplaySettings(string? Trace, int? Nodes, string Policy, string Backfill, string Mix, EstimateSource Estimate, double WindowSeconds,
    string Preset, string Interconnect, HousekeepingAccounting Housekeeping = NodeParameters.DefaultHousekeeping);

/// <summary>A batch workload replayed on a cluster under a stack, a queue policy and a backfilling variant.</summary>
/// <param name="Seed">The run's seed: the workload generator's, the workload mix's and the job windows'.</param>
/// <param name="WindowSeconds">Simulated time of each job window that gives jobs their slowdown (see <see cref="StackSlowdown"/>).</param>
/// <param name="Interconnect">The network between nodes (null: polled).</param>
/// <param name="Housekeeping">How a job pays for the stack's housekeeping cores: on more nodes, or spread and stretched.</param>
public sealed record ReplayWork(Models.Isolation.IsolationStack Stack, Models.Soc.SocPreset Soc, WorkloadSource Source, int? Nodes, IQueuePolicy Policy,
    IBackfill Backfill, WorkloadMix Mix, EstimateSource Estimate, ulong Seed, double WindowSeconds = StackSlowdown.DefaultWindowSeconds,
    Interconnect? Interconnect = null, HousekeepingAccounting Housekeeping = NodeParameters.DefaultHousekeeping) : RunWork(Stack, Soc)
{
    public override IEnumerable<JobProfile> Profiles => Mix.Profiles;

    public override IEnumerable<(string Root, IParameterized Model)> Models => Interconnect is null ? base.Models : [.. base.Models, ("interconnect", Interconnect)];
}

/// <summary>A replay under one stack: the schedule, its per-job rows and its metrics.</summary>
public sealed record ReplayRun(ReplayOutcome Outcome, List<JobRecord> Rows, ReplayMetrics Metrics);

/// <summary>
/// <c>kind: replay</c>: a batch workload (an SWF trace or a generator) on a cluster of whole nodes
/// under each stack: every job's run time stretched by its execution's slowdown, the schedule, and
/// wait, bounded slowdown, utilisation, makespan and the ledger averaged over jobs.
/// </summary>
public sealed class ReplayKind(ModelCatalogue models) : ScenarioKind<ReplaySettings, ReplayWork, ReplayRunOutcome>(Declare(models))
{
    /// <summary>A replay scenario's defaults, each with why.</summary>
    private static Preset<ReplaySettings> Declare(ModelCatalogue models) => new("replay", "a batch workload on a cluster under each stack: wait, bounded slowdown, utilisation",
        new ReplaySettings(null, null, "fcfs", "easy", "default", EstimateSource.Requested, StackSlowdown.DefaultWindowSeconds, NodeParameters.DefaultPreset, NodeParameters.DefaultInterconnect),
        // Declared in the order of the parameters' columns in runs.csv (a kind's fixed values are listed in this order).
        ParameterSet.For<ReplaySettings>("replay scenario")
            .Number("window_s", "s", 1e-6, 1e6, "simulated time of each job window that gives a job its slowdown",
                s => s.WindowSeconds, (s, v) => s with { WindowSeconds = v })
            .Text("trace", "an SWF file (in a campaign, relative to the campaign file) or a generator, e.g. synthetic:hpc?jobs=5000&nodes=64",
                s => s.Trace, (s, v) => s with { Trace = v }, required: true)
            .OptionalInteger("nodes", "nodes", 1, 10_000_000, "the trace's", "cluster size", s => s.Nodes, (s, v) => s with { Nodes = (int)v })
            .Name("policy", "queue policy", "queue order", () => models.QueuePolicies.Names, s => s.Policy, (s, v) => s with { Policy = v })
            .Name("backfill", "backfilling", "backfilling", () => models.Backfills.Names, s => s.Backfill, (s, v) => s with { Backfill = v })
            .Name("mix", "mix", "what the jobs do: default (a documented mix of every profile), or one profile for every job",
                () => ["default", .. models.Profiles.Names], s => s.Mix, (s, v) => s with { Mix = v })
            .Choice("estimate", "what scheduling decisions use as a job's run time: requested (its request, or its run time when unknown) or runtime (exact)",
                [("requested", EstimateSource.Requested), ("runtime", EstimateSource.RunTime)], s => s.Estimate, (s, v) => s with { Estimate = v })
            .Preset(models, s => s.Preset, (s, v) => s with { Preset = v })
            .Interconnect(models, s => s.Interconnect, (s, v) => s with { Interconnect = v })
            .Housekeeping(s => s.Housekeeping, (s, v) => s with { Housekeeping = v })
            .Build(),
        new Dictionary<string, Source>
        {
            ["trace"] = Source.Setting("none: a replay scenario names its workload"),
            ["nodes"] = Source.Setting("the trace header's MaxNodes, or the generator's nodes"),
            ["policy"] = Source.Setting("first come, first served, the batch default of Slurm and PBS"),
            ["backfill"] = Source.Setting("EASY backfilling, what production schedulers run (Slurm's backfill is EASY-like)"),
            ["mix"] = Source.Setting($"traces do not say what their jobs do: {WorkloadMix.Default().Text}, drawn per job"),
            ["estimate"] = Source.Setting("the user's requested time, as a real scheduler sees it"),
            ["window_s"] = Source.Setting("0.5 s: a replay simulates hundreds of windows; 5 iterations of the 0.1 s profiles and hundreds of the fine-grained"),
            ["preset"] = NodeParameters.PresetSource,
            ["interconnect"] = NodeParameters.InterconnectSource,
            ["housekeeping"] = NodeParameters.HousekeepingSource,
        });

    public override IReadOnlyList<string> ModelRoots { get; } = ["stack", "soc", "interconnect"];

    public override Headline Headline { get; } = new("mean_overhead_pct", "overhead", "overhead (% of ideal run time)");

    public override Ledger Ledger { get; } = Ledgers.ByCause("overhead by cause (the ledger), mean over jobs");

    public override SummaryTable Summary { get; } = new SummaryTable.MetricColumns(
    [
        new("mean_wait_s", "mean wait (h)", 1 / 3600.0), new("mean_bsld", "mean bsld (×)"), new("p95_bsld", "p95 bsld (×)"),
        new("utilization", "busy utilisation (fraction)"), new("useful_utilization", "useful utilisation (fraction)"), new("makespan_s", "makespan (d)", 1 / 86400.0), new("mean_overhead_pct", "overhead (%)"),
        new("node_seconds_ratio", "node-seconds / ideal (×)"),
    ]);

    public override bool RowsAreJobs => true;

    /// <summary>A replay's metrics: the batch layer's, then the ledger averaged over jobs.</summary>
    public override IReadOnlyList<MetricDefinition<ReplayRunOutcome>> Definitions { get; } =
    [
        new(new("jobs", "1", "jobs replayed"), r => r.Metrics.Jobs),
        new(new("mean_wait_s", "s", "mean wait (start − submit)"), r => r.Metrics.WaitS.Mean),
        new(new("median_wait_s", "s", "median wait"), r => r.Metrics.WaitS.Median),
        new(new("p95_wait_s", "s", "95th-percentile wait"), r => r.Metrics.WaitS.P95),
        new(new("mean_turnaround_s", "s", "mean turnaround (end − submit)"), r => r.Metrics.TurnaroundS.Mean),
        new(new("mean_bsld", "1", "mean bounded slowdown max(1, turnaround / max(trace run time, 10 s))"), r => r.Metrics.BoundedSlowdown.Mean),
        new(new("median_bsld", "1", "median bounded slowdown"), r => r.Metrics.BoundedSlowdown.Median),
        new(new("p95_bsld", "1", "95th-percentile bounded slowdown"), r => r.Metrics.BoundedSlowdown.P95),
        new(new("utilization", "1", "busy utilisation: Σ run time × processors / (makespan × machine processors); a stack's overhead counts as busy"), r => r.Metrics.Utilization),
        new(new("useful_utilization", "1", "useful utilisation: Σ trace run time × processors / (makespan × machine processors), the work asked for; overhead lowers it"),
            r => r.Metrics.UsefulUtilization),
        new(new("makespan_s", "s", "last end − first submit"), r => r.Metrics.MakespanS),
        new(new("mean_queue_length", "jobs", "time-weighted mean number of waiting jobs"), r => r.Metrics.MeanQueueLength),
        new(new("mean_busy_nodes", "nodes", "time-weighted mean number of nodes running jobs"), r => r.Metrics.MeanBusyNodes),
        new(new("mean_overhead_pct", "%", "run-time overhead of the stack, averaged over jobs"), r => r.Metrics.MeanOverheadPct),
        new(new("node_seconds_ratio", "1", "node-seconds the jobs consumed over what they would on the ideal machine (nodes × run time, summed over jobs)"),
            r => r.Metrics.NodeSecondsRatio),
        .. OverheadCauses.All.Select(c => new MetricDefinition<ReplayRunOutcome>(
            new(Ledgers.Column(c), "%", $"ledger: {OverheadCauses.Description(c)}, averaged over jobs", MetricGroups.Ledger), r => r.MeanLedgerPct(c))),
        .. OverheadCauses.Noise.Select(c => new MetricDefinition<ReplayRunOutcome>(
            new(Ledgers.AmplifiedColumn(c), "%", $"collective amplification of {OverheadCauses.Description(c)}, averaged over jobs", MetricGroups.Amplification),
            r => r.MeanAmplificationPct(c))),
    ];

    protected override ReplayWork Resolve(ReplaySettings s, IPointContext point)
    {
        var soc = point.Soc(s.Preset);
        var network = point.Interconnect(s.Interconnect);
        var source = point.Trace(s.Trace!);
        if (source is WorkloadSource.Edge) throw point.Error("trace", "an edge-request generator has no batch jobs; use an SWF file or synthetic:hpc?...");
        // A generator without a seed of its own draws a new workload for each point and replica
        // (the same under every stack, so stacks are compared on identical jobs).
        if (source is WorkloadSource.Hpc hpc && !WorkloadSource.HasParameter(s.Trace!, "seed"))
            source = new WorkloadSource.Hpc(hpc.Parameters with { Seed = point.Seed });
        // Read a trace file through once, so that what the replay could not use is refused by validate, at the line that names it.
        if (source is WorkloadSource.File)
            point.CheckOnce((source, s.Nodes, s.Estimate), () => BatchWorkload.Load(source, s.Nodes, s.Estimate), "trace");
        var mix = s.Mix == "default" ? WorkloadMix.Default(point.Seed) : WorkloadMix.Only(models.Profiles.Get(s.Mix).Model);
        if (mix.Profiles.Select(p => JobExecution.WindowProblem(p, s.WindowSeconds)).FirstOrDefault(p => p is not null) is { } problem)
            throw point.Error("window_s", problem);
        return new ReplayWork(point.Stack, soc, source, s.Nodes, models.QueuePolicies.Get(s.Policy), models.Backfills.Get(s.Backfill), mix, s.Estimate,
            point.Seed, s.WindowSeconds, network, s.Housekeeping);
    }

    protected override (ReplayRunOutcome Outcome, IReadOnlyList<JobRecord> Rows) Execute(ReplayWork work, RunContext context, JobRecord label)
    {
        var replay = Replay(work, context.Workload(work.Source, work.Nodes, work.Estimate), ReplayMetrics.DefaultBoundSeconds, label, context, parallelism: 1);
        return (new ReplayRunOutcome(replay.Metrics, replay.Outcome), replay.Rows);
    }

    /// <summary>A replay simulates hundreds of job windows and a whole schedule: costlier than any one window.</summary>
    protected override double Cost(ReplayWork work) => double.PositiveInfinity;

    /// <summary>
    /// Replays <paramref name="workload"/> under the work's stack: every job's execution is simulated
    /// (<paramref name="parallelism"/> threads; a campaign's workers pass 1), then the schedule.
    /// </summary>
    public static ReplayRun Replay(ReplayWork work, BatchWorkload workload, double boundSeconds, JobRecord label, RunContext context, int parallelism = -1)
    {
        var slowdown = new StackSlowdown(work.Stack, work.Soc, work.Mix, work.Seed, context, work.WindowSeconds, work.Interconnect, work.Housekeeping,
            workload.Machine.Nodes);
        var placed = slowdown.Placed(workload);
        slowdown.Prepare(placed.Jobs, parallelism);
        return Schedule(placed, work.Policy, work.Backfill, slowdown, boundSeconds, label);
    }

    /// <summary>
    /// Schedules <paramref name="workload"/> on its machine, each job running its trace time × <paramref name="slowdown"/>'s
    /// factor (none: the batch layer alone), and measures it: rows labelled as <paramref name="label"/>, metrics with τ = <paramref name="boundSeconds"/>.
    /// </summary>
    public static ReplayRun Schedule(BatchWorkload workload, IQueuePolicy policy, IBackfill backfill, IJobSlowdown? slowdown, double boundSeconds, JobRecord label)
    {
        var outcome = ClusterReplay.Run(workload.Jobs, workload.Machine, policy, backfill, slowdown);
        var rows = ReplayMetrics.JobRecords(outcome, boundSeconds, label);
        return new ReplayRun(outcome, rows, ReplayMetrics.Compute(outcome, rows, boundSeconds));
    }
}
