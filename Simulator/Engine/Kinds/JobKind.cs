using NodeSim.Engine.Execution;
using NodeSim.Models.Costs;
using NodeSim.Models.Isolation;
using NodeSim.Models.Parameters;
using NodeSim.Models.Registries;

namespace NodeSim.Engine.Kinds;

/// <summary>A point of a job scenario: what the job is and how long a window of it is simulated.</summary>
public sealed record JobSettings(string? Profile, int Ranks, string? InjectNoise, double WindowSeconds, string Preset, string Interconnect,
    HousekeepingAccounting Housekeeping = NodeParameters.DefaultHousekeeping);

/// <summary>One job's execution (a window of it) under a stack, and how the job pays for the stack's housekeeping cores.</summary>
public sealed record JobWork(JobExecutionRequest Request, HousekeepingAccounting Housekeeping = NodeParameters.DefaultHousekeeping) : RunWork(Request.Stack, Request.Soc)
{
    public override IEnumerable<Models.Workloads.JobProfile> Profiles => [Request.Profile];

    public override IEnumerable<(string Root, IParameterized Model)> Models => [.. base.Models, ("interconnect", Request.Network)];
}

/// <summary>
/// <c>kind: job</c>: one job's execution window under each stack — its slowdown against the ideal
/// machine, the ledger by cause, and the security-relevant counters (<see cref="JobExecution"/>).
/// </summary>
public sealed class JobKind(ModelCatalogue models) : ScenarioKind<JobSettings, JobWork, JobExecutionResult>(Declare(models))
{
    /// <summary>A job scenario's defaults, each with why.</summary>
    private static Preset<JobSettings> Declare(ModelCatalogue models) => new("job", "one job's execution window under each stack: slowdown, ledger, counters",
        new JobSettings(null, 4, null, 2.0, NodeParameters.DefaultPreset, NodeParameters.DefaultInterconnect),
        // Declared in the order of the parameters' columns in runs.csv (a kind's fixed values are listed in this order).
        ParameterSet.For<JobSettings>("job scenario")
            .Name("profile", "profile", "what the job does", () => models.Profiles.Names, s => s.Profile, (s, v) => s with { Profile = v }, required: true)
            .Integer("ranks", "ranks", 1, 1_000_000, "ranks, one per core", s => s.Ranks, (s, v) => s with { Ranks = (int)v }, logScale: true)
            .Text("inject_noise", "noise injected on purpose, FREQUENCY:DURATION[:sync], e.g. 10hz:2500us", s => s.InjectNoise, (s, v) => s with { InjectNoise = v },
                absent: "none", check: InjectedNoise.Problem)
            .Number("window_s", "s", 1e-6, 1e6, "simulated time of the job's window (at least 5, at most 20,000 iterations)",
                s => s.WindowSeconds, (s, v) => s with { WindowSeconds = v })
            .Preset(models, s => s.Preset, (s, v) => s with { Preset = v })
            .Interconnect(models, s => s.Interconnect, (s, v) => s with { Interconnect = v })
            .Housekeeping(s => s.Housekeeping, (s, v) => s with { Housekeeping = v })
            .Build(),
        new Dictionary<string, Source>
        {
            ["housekeeping"] = NodeParameters.HousekeepingSource,
            ["profile"] = Source.Setting("none: a job scenario names the profile it runs"),
            ["ranks"] = Source.Setting("one node of the default SoC: four cores, a rank on each"),
            ["inject_noise"] = Source.Setting("none: noise is injected only where an experiment asks for it"),
            ["window_s"] = Source.Setting("2 s: 20 iterations of the 0.1 s profiles, 2,000 of the 1 ms one; each iteration's critical path is the slowest rank's"),
            ["preset"] = NodeParameters.PresetSource,
            ["interconnect"] = NodeParameters.InterconnectSource,
        });

    public override IReadOnlyList<string> ModelRoots { get; } = ["stack", "soc", "interconnect", "profile"];

    public override Headline Headline { get; } = new("overhead_pct", "overhead", "overhead (% of ideal run time)");

    public override Ledger Ledger { get; } = Ledgers.ByCause("overhead by cause (the ledger)");

    public override SummaryTable Summary { get; } = new SummaryTable.StackColumns("overhead_pct", "Overhead (% of ideal run time)");

    public override IReadOnlyList<MetricDefinition<JobExecutionResult>> Definitions { get; } =
    [
        new(new("overhead_pct", "%", "slowdown of the job on this stack against the ideal machine, (time / ideal time − 1) × 100"), r => r.SlowdownPct),
        .. OverheadCauses.All.Select(c => new MetricDefinition<JobExecutionResult>(
            new(Ledgers.Column(c), "%", $"ledger: {OverheadCauses.Description(c)}, in percent of the ideal time", MetricGroups.Ledger), r => r.LedgerPct[c])),
        .. OverheadCauses.Noise.Select(c => new MetricDefinition<JobExecutionResult>(
            new(Ledgers.AmplifiedColumn(c), "%", $"collective amplification of {OverheadCauses.Description(c)}: the critical path's share beyond the average rank's", MetricGroups.Amplification),
            r => r.AmplificationPct[c])),
        new(new("translation_factor", "1", "compute time under this stack's address translation / under the ideal machine's"), r => r.TranslationFactor),
        .. Counters.All.Select(c => new MetricDefinition<JobExecutionResult>(
            new(Ledgers.RateColumn(c), "1/s", $"{Counters.Description(c)} per second of job time, all ranks", MetricGroups.Counters), r => r.Rate(c))),
        new(new("simulated_s", "s", "simulated job time of the window (on this stack)"), r => r.SimulatedSeconds),
        new(new("nodes_used", "nodes", "nodes the job occupies: its ranks one per application core (more_nodes), or the ideal machine's (spread)"),
            r => r.Placement?.Nodes ?? 0),
        new(new("node_seconds_ratio", "1", "node-seconds the job consumes over the ideal machine's: nodes × run time against the ideal's " +
                                           "(either accounting charges the housekeeping cores here; they differ by whole nodes' rounding)"), r => r.NodeSecondsRatio),
    ];

    protected override JobWork Resolve(JobSettings s, IPointContext point)
    {
        var soc = point.Soc(s.Preset);
        var network = point.Interconnect(s.Interconnect);
        var profile = point.Profile(s.Profile!);
        var noise = s.InjectNoise is null ? null : InjectedNoise.Parse(s.InjectNoise);
        if (JobExecution.WindowProblem(profile, s.WindowSeconds) is { } problem) throw point.Error("window_s", problem);
        if (CommunicationSchedule.RingProblem(profile, s.Ranks) is { } ring) throw point.Error("ranks", ring);
        return new JobWork(new JobExecutionRequest(profile, point.Stack, s.Ranks, soc, noise, point.Seed, s.WindowSeconds, network), s.Housekeeping);
    }

    protected override (JobExecutionResult Outcome, IReadOnlyList<JobRecord> Rows) Execute(JobWork work, RunContext context, JobRecord label)
    {
        var request = work.Request;
        var placement = Placement.Of(work.Housekeeping, request.Ranks, request.Stack, request.Soc);
        var window = context.Job(request);
        var r = window.Placed(placement);
        // The window as one row of the job table: its times on this stack (stretched when spread), its ledger and counters.
        var ideal = window.SimulatedSeconds / window.Factor;
        var run = ideal * r.Factor;
        var row = label with
        {
            EndS = run, RunS = run, ReferenceRunS = ideal, TurnaroundS = run,
            Slowdown = r.Factor, BoundedSlowdown = Math.Max(1, run / Math.Max(ideal, ReplayMetrics.DefaultBoundSeconds)),
            OverheadPct = r.SlowdownPct, Processors = request.Ranks, Nodes = placement.Nodes,
            NodeSeconds = placement.Nodes * run, IdealNodeSeconds = placement.IdealNodes * ideal,
        };
        return (r, [row.WithCost(new JobCost(r.Factor, request.Profile.Name, request.Ranks, r))]);
    }

    /// <summary>A window's cost grows with its ranks.</summary>
    protected override double Cost(JobWork work) => work.Request.Ranks;

}
