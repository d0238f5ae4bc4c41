using System.Globalization;
using NodeSim.Engine.Edge;
using NodeSim.Models.Costs;
using NodeSim.Models.Parameters;
using NodeSim.Models.Registries;
using NodeSim.Traces.Edge;
using NodeSim.Traces.Sources;

namespace NodeSim.Engine.Kinds;

/// <summary>A point of an edge scenario: the request stream and how one node serves it.</summary>
public sealed record EdgeSettings(string? Trace, int Cores, int CoresPerRequest, double? Load, double? RateScale, int? QueueLimit, string Preset);

/// <summary>A request stream served by one node under a stack (see <see cref="EdgeServing"/>).</summary>
/// <param name="Spec">The trace as the scenario names it: an edge CSV or <c>synthetic:edge?…</c>.</param>
/// <param name="Load">Rescale arrivals to this offered load; <paramref name="RateScale"/>: this many times as fast; neither: as they are.</param>
public sealed record EdgeWork(Models.Isolation.IsolationStack Stack, Models.Soc.SocPreset Soc, WorkloadSource Source, string Spec, int Cores, double? Load,
    double? RateScale, int? QueueLimit, ulong Seed, int CoresPerRequest = 1) : RunWork(Stack, Soc)
{
    /// <summary>Requests served at once: the cores, <see cref="CoresPerRequest"/> to a request.</summary>
    public int Servers => Cores / CoresPerRequest;
}

/// <summary>
/// <c>kind: edge</c>: a request stream served by one node under each stack — each arrival a NIC
/// interrupt through the stack's message path, served by the node's cores amid their noise:
/// latency quantiles, throughput, drops and where each request's time goes (<see cref="EdgeServing"/>).
/// </summary>
public sealed class EdgeKind(ModelCatalogue models) : ScenarioKind<EdgeSettings, EdgeWork, EdgeRun>(Declare(models))
{
    /// <summary>An edge scenario's defaults, each with why.</summary>
    private static Preset<EdgeSettings> Declare(ModelCatalogue models) => new("edge", "a request stream served by one node under each stack: latency quantiles, throughput, ledger",
        new EdgeSettings(null, 4, 1, null, null, null, NodeParameters.DefaultPreset),
        // Declared in the order of the parameters' columns in runs.csv (a kind's fixed values are listed in this order).
        ParameterSet.For<EdgeSettings>("edge scenario")
            .Text("trace", "an edge trace (a file; in a campaign, relative to the campaign file) or a generator, e.g. synthetic:edge?requests=5000",
                s => s.Trace, (s, v) => s with { Trace = v }, required: true)
            .Preset(models, s => s.Preset, (s, v) => s with { Preset = v })
            .Integer("cores", "cores", 1, 1024, "the partition's cores (vCPUs): those the stack does not keep for housekeeping serve requests",
                s => s.Cores, (s, v) => s with { Cores = (int)v })
            .Integer("cores_per_request", "cores", 1, 1024, "cores one request occupies at once (multi-threaded inference), at most cores",
                s => s.CoresPerRequest, (s, v) => s with { CoresPerRequest = (int)v })
            .OptionalNumber("load", "1", 1e-9, 1, "the trace's rate", "rescale arrivals to this offered load (rate × mean service / cores), below 1",
                s => s.Load, (s, v) => s with { Load = v })
            .OptionalNumber("rate_scale", "1", 1e-12, 1e12, "the trace's rate", "rescale arrivals this many times as fast",
                s => s.RateScale, (s, v) => s with { RateScale = v })
            .OptionalInteger("queue_limit", "requests", 0, int.MaxValue, "unbounded", "requests that may wait; more are dropped",
                s => s.QueueLimit, (s, v) => s with { QueueLimit = (int)v })
            .Build(),
        new Dictionary<string, Source>
        {
            ["trace"] = Source.Setting("none: an edge scenario names its request stream"),
            ["cores"] = Source.Setting("every core of one node of the default SoC"),
            ["cores_per_request"] = Source.Setting("one: a request on one core, as single-threaded handlers run"),
            ["load"] = Source.Setting("the stream as it is, unless a study rescales it"),
            ["rate_scale"] = Source.Setting("the stream as it is, unless a study rescales it"),
            ["queue_limit"] = Source.Setting("no limit: every request waits its turn"),
            ["preset"] = NodeParameters.PresetSource,
        });

    public override IReadOnlyList<string> ModelRoots { get; } = ["stack", "soc"];

    public override Headline Headline { get; } = new("p99_us", "p99 latency", "p99 latency (µs)");

    public override Ledger Ledger { get; } = new([.. LedgerParts.Select(p => (P99Column(p), p.Replace('_', ' ')))],
        "where the p99 request's time goes", "the p99 request's ledger", "time of the p99 request (µs)", "-p99-ledger");

    public override SummaryTable Summary { get; } = new SummaryTable.MetricColumns(SummaryColumns);

    public override ResultFlag Flag { get; } = new("unstable", "unstable",
        "in some replications of this stack, or of the stack it is compared with, the queue had no stationary state (the effective load on " +
        "a core at or above 1, the served rate short of the offered, or a busiest minute bringing more work than the cores do): " +
        "its latency quantiles grow with the run's length or measure a burst's backlog, and rank nothing");

    /// <summary>The key numbers of a served stream, as summary.md and <c>nodesim edge</c> show them.</summary>
    public static IReadOnlyList<SummaryColumn> SummaryColumns { get; } =
    [
        new("p50_us", "p50 (µs)"), new("p99_us", "p99 (µs)"), new("p999_us", "p99.9 (µs)"), new("mean_us", "mean (µs)"),
        new("throughput_rps", "throughput (req/s)"), new("drops", "drops (requests)"), new("offered_load", "offered load (of capacity)"),
        new("effective_load", "effective load (of capacity)"),
        new("unstable", "unstable (share of runs)"),
    ];

    /// <summary>The parts of a request's ledger: its wait, its work, then each cause of its path and noise.</summary>
    public static IReadOnlyList<string> LedgerParts { get; } = [EdgeServing.Queueing, EdgeServing.Service, .. OverheadCauses.Noise.Select(OverheadCauses.Key)];

    /// <summary>The latency quantiles reported, each as a metric, e.g. <c>p99_us</c> for 0.99.</summary>
    public static IReadOnlyList<(string Metric, double Quantile, string Description)> Quantiles { get; } =
    [
        ("p10_us", 0.1, "10th-percentile latency, NIC to reply on the wire"), ("p25_us", 0.25, "25th-percentile latency"),
        ("p50_us", 0.5, "median latency"), ("p75_us", 0.75, "75th-percentile latency"), ("p90_us", 0.9, "90th-percentile latency"),
        ("p95_us", 0.95, "95th-percentile latency"), ("p99_us", 0.99, "99th-percentile latency"), ("p999_us", 0.999, "99.9th-percentile latency"),
    ];

    public override IReadOnlyList<MetricDefinition<EdgeRun>> Definitions { get; } =
    [
        .. Quantiles.Select(q => new MetricDefinition<EdgeRun>(new(q.Metric, "µs", q.Description), r => r.Result.Quantile(q.Quantile) * 1e6)),
        new(new("mean_us", "µs", "mean latency"), r => r.Result.MeanSeconds * 1e6),
        new(new("max_us", "µs", "longest latency"), r => r.Result.MaxSeconds * 1e6),
        new(new("throughput_rps", "1/s", "requests served per second"), r => r.Result.ThroughputPerSecond),
        new(new("drops", "requests", "requests dropped at a full queue"), r => r.Result.Dropped),
        new(new("offered_load", "1", "nominal load: rate × mean service / cores, after any rescaling (the service alone)"), r => r.OfferedLoad),
        new(new("effective_load", "1", "the service and the path's work on the serving cores, over what their noise leaves of them"), r => r.Result.EffectiveLoad),
        new(new("interrupt_core_load", "1", "the load of the core the NIC's interrupt lands on from every request's receive path (and its noise, " +
                                            "when it also serves)"), r => r.Result.InterruptCoreLoad),
        new(new("peak_minute_load", "1", "the busiest minute's service over a minute of the serving cores (a stream shorter than a minute: its mean)"),
            r => r.Result.PeakMinuteLoad),
        new(new("unstable", "1", "1 when the effective load or the interrupt core's is at or above 1 (with a queue limit, the latter), the served rate fell short of " +
                                 "the offered beyond its sampling error, or the busiest minute brings more work than the serving cores do: the queue " +
                                 "has no stationary state and its latency quantiles grow with the run's length or measure a burst's backlog"),
            r => r.Result.Unstable ? 1 : 0),
        new(new("queueing_us", "µs", "per request: waiting for a core", MetricGroups.Ledger), r => r.Result.LedgerSeconds[EdgeServing.Queueing] * 1e6),
        new(new("service_us", "µs", "per request: its own work", MetricGroups.Ledger), r => r.Result.LedgerSeconds[EdgeServing.Service] * 1e6),
        .. OverheadCauses.Noise.Select(c => new MetricDefinition<EdgeRun>(
            new(OverheadCauses.Key(c) + "_us", "µs", $"per request: {OverheadCauses.Description(c)}", MetricGroups.Ledger), r => r.Result.LedgerSeconds[OverheadCauses.Key(c)] * 1e6)),
        .. LedgerParts.Select(part => new MetricDefinition<EdgeRun>(
            new(P99Column(part), "µs", $"the p99 request's {part.Replace('_', ' ')}", MetricGroups.P99Request), r => r.Result.P99LedgerSeconds.GetValueOrDefault(part) * 1e6)),
    ];

    /// <summary>The metric of a part of the p99 request's ledger, e.g. <c>p99_request_queueing_us</c>.</summary>
    public static string P99Column(string part) => $"p99_request_{part}_us";

    protected override EdgeWork Resolve(EdgeSettings s, IPointContext point)
    {
        var soc = point.Soc(s.Preset);
        var source = point.Trace(s.Trace!);
        if (!source.IsEdge) throw point.Error("trace", "an edge scenario serves requests: give an edge CSV or synthetic:edge?..., not a batch workload");
        if (s.Load >= 1)
            throw point.Error("load", string.Create(CultureInfo.InvariantCulture, $"load must lie below 1 (got {s.Load}): a queue at or above capacity has no stationary latency"));
        if (s.Load is not null && s.RateScale is not null)
            throw point.Error("rate_scale", "load and rate_scale both rescale the arrivals; give one of them");
        if (s.CoresPerRequest > s.Cores)
            throw point.Error("cores_per_request", $"{s.CoresPerRequest} is more than the cores serving ({s.Cores}): a request occupies 1 to {s.Cores} of them");
        // A stack's housekeeping cores are among the partition's: they take its interrupts and serve no request.
        if (s.Cores - point.Stack.HousekeepingCores < s.CoresPerRequest)
            throw point.Error("cores", $"{point.Stack.Name} keeps {point.Stack.HousekeepingCores} of the {s.Cores} cores for housekeeping, which leaves " +
                                       $"{s.Cores - point.Stack.HousekeepingCores} to serve requests of {s.CoresPerRequest} core{(s.CoresPerRequest == 1 ? "" : "s")} each");
        var work = new EdgeWork(point.Stack, soc, source, s.Trace!, s.Cores, s.Load, s.RateScale, s.QueueLimit, point.Seed, s.CoresPerRequest);
        // The stream's offered load after any rescaling, checked before anything runs: at or above capacity no latency is stationary.
        var seed = source is WorkloadSource.Edge && !WorkloadSource.HasParameter(s.Trace!, "seed") ? point.Seed : 0;
        point.CheckOnce((s.Trace, seed, work.Servers, s.Load, s.RateScale, s.QueueLimit), () => Stream(work), s.RateScale is null ? "trace" : "rate_scale");
        return work;
    }

    protected override (EdgeRun Outcome, IReadOnlyList<JobRecord> Rows) Execute(EdgeWork work, RunContext context, JobRecord label)
    {
        var stream = Stream(work);
        var result = EdgeServing.Run(new EdgeExperiment(work.Stack, work.Soc, stream.Requests, work.Cores, work.QueueLimit, work.Seed,
            CoresPerRequest: work.CoresPerRequest));
        return (new EdgeRun(result, stream.OfferedLoad(work.Servers)), []);
    }

    /// <summary>The request stream as the work serves it (rescaled; refused at or above capacity without a queue limit).</summary>
    private static EdgeWorkload Stream(EdgeWork work) =>
        EdgeWorkload.Load(work.Source, work.Spec, work.Seed, new LlmServiceModel()).ForServing(work.Servers, work.Load, work.RateScale, work.QueueLimit);

    /// <summary>A stream's cost grows with the cores serving it (as a window's with its ranks).</summary>
    protected override double Cost(EdgeWork work) => work.Cores;
}
