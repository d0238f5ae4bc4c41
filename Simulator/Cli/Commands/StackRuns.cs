using NodeSim.Cli.Conventions;
using NodeSim.Engine;
using NodeSim.Kernel;
using NodeSim.Reporting;
using NodeSim.Reporting.Campaigns;
using Spectre.Console;

namespace NodeSim.Cli.Commands;

/// <summary>
/// One stack's runs of a command's work: per replica, the metrics its kind declares, in order. Replica r of every stack
/// runs on the same seed, so two stacks' runs pair by replica, as a campaign's do.
/// </summary>
public sealed record StackRuns(string Stack, IReadOnlyList<IReadOnlyList<Metric>> Replicas)
{
    public IReadOnlyList<double> Values(int metric) => [.. Replicas.Select(r => r[metric].Value)];

    /// <summary>The mean of metric number <paramref name="metric"/> over the replicas, with its 95% interval.</summary>
    public MeanEstimate Estimate(int metric) => MeanEstimate.Of(Values(metric));

    /// <summary>
    /// The stack's metrics as JSON: each metric's mean over the replicas under the name its kind declares, and, with
    /// <paramref name="intervals"/>, each one's 95% half-width under <c>ci95_half</c>.
    /// </summary>
    public Dictionary<string, object> Json(IReadOnlyList<MetricInfo> metrics, bool intervals = true)
    {
        var estimates = metrics.Select((_, k) => Estimate(k)).ToList();
        var json = new Dictionary<string, object> { ["stack"] = Stack };
        foreach (var (key, value) in MetricJson.Of(metrics, estimates.Select(e => e.Mean))) json[key] = value;
        if (intervals) json["ci95_half"] = MetricJson.Of(metrics, estimates.Select(e => e.High - e.Mean));
        return json;
    }

    /// <summary>Metric number <paramref name="metric"/> against <paramref name="reference"/>'s, paired by replica.</summary>
    public PairedComparison Against(StackRuns reference, int metric) => PairedComparison.Of(reference.Stack, Values(metric), reference.Values(metric))!;
}

/// <summary>
/// What <c>nodesim job</c>, <c>edge</c> and <c>replay</c> print when given several stacks: each stack against one of them
/// (<c>--compare-to</c>, by default the first), as summary.md's comparison table does for a scenario's <c>compare_to</c>.
/// </summary>
public static class StackComparisons
{
    /// <summary>
    /// The seed of replica <paramref name="replica"/> under every stack: replica 0 runs on <paramref name="seed"/> itself (one run is what
    /// it always was), each other on a seed derived from it, so that two seeds' replicas never coincide.
    /// </summary>
    public static ulong ReplicaSeed(ulong seed, int replica) => replica == 0 ? seed : RandomStream.DeriveSeed(seed, "replica", replica);

    /// <summary>The stack to compare to: <paramref name="option"/> (one of <paramref name="stacks"/>), else the first of several, else none.</summary>
    public static string? Reference(IReadOnlyList<string> stacks, string? option) =>
        option is null ? stacks.Count > 1 ? stacks[0] : null
        : !stacks.Contains(option) ? throw new UserInputException($"--compare-to: '{option}' is not one of the stacks given ({string.Join(", ", stacks)})")
        : stacks.Count < 2 ? throw new UserInputException("--compare-to needs a second stack in --stack to compare with")
        : option;

    /// <summary>
    /// A terminal table: a row per stack but the reference and column's metric — the difference ± 95% half-width, then the ratio of
    /// the means — long rather than wide, so that it never wraps.
    /// </summary>
    /// <param name="flagged">Stacks whose results rank nothing (unstable): a comparison with one of them, either side, is marked ⚠.</param>
    public static Table Table(IReadOnlyList<MetricInfo> metrics, IReadOnlyList<SummaryColumn> columns, IReadOnlyList<StackRuns> runs, string reference,
        IReadOnlyCollection<string>? flagged = null)
    {
        var against = runs.Single(r => r.Stack == reference);
        var n = against.Replicas.Count;
        var t = new Table().Title(Terminal.Cell($"against {reference}, paired by replica ({(n > 1 ? $"± 95% CI of {n} pairs" : "one replication, no interval")})"))
            .AddColumn("stack").AddColumn("metric").AddColumn(new TableColumn("difference").RightAligned()).AddColumn(new TableColumn("ratio").RightAligned());
        var index = columns.Select(c => metrics.ToList().FindIndex(m => m.Name == c.Metric)).ToList();
        foreach (var r in runs.Where(r => r.Stack != reference))
            foreach (var (c, i) in columns.Select((c, i) => (c, i)))
            {
                var comparison = r.Against(against, index[i]);
                var marked = flagged is not null && (flagged.Contains(r.Stack) || flagged.Contains(reference));
                t.AddRow(i == 0 ? Terminal.Cell(r.Stack) + (marked ? " ⚠" : "") : "", Terminal.Cell(c.Header), SummaryMarkdown.Signed(comparison.Difference, c.Scale),
                    SummaryMarkdown.Ratio(comparison));
            }
        return t;
    }

    /// <summary>The comparisons as JSON: per stack but the reference, per metric, the difference and the ratio with their 95% intervals.</summary>
    public static object Json(IReadOnlyList<MetricInfo> metrics, IReadOnlyList<StackRuns> runs, string reference)
    {
        var against = runs.Single(r => r.Stack == reference);
        return new
        {
            compare_to = reference,
            pairs = against.Replicas.Count,
            stacks = runs.Where(r => r.Stack != reference).Select(r => metrics.Select((m, k) => (m, c: r.Against(against, k)))
                .ToDictionary(x => x.m.Name, x => (object)new
                {
                    difference = x.c.Difference.Mean, difference_ci95_low = x.c.Difference.Low, difference_ci95_high = x.c.Difference.High,
                    ratio = x.c.Ratio.Ratio, ratio_ci95_low = x.c.Ratio.Low, ratio_ci95_high = x.c.Ratio.High,
                }).Prepend(KeyValuePair.Create("stack", (object)r.Stack)).ToDictionary()),
        };
    }
}
