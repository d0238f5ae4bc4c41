using NodeSim.Engine;

namespace NodeSim.Reporting;

/// <summary>What a set of summary rows says as a whole.</summary>
public static class SummaryRows
{
    /// <summary>The (point, stack) pairs whose result <paramref name="flag"/> marks (its mean above 0): results not to compare.</summary>
    public static HashSet<(int Point, string Stack)> Flagged(IEnumerable<SummaryRow> rows, ResultFlag? flag) =>
        flag is null ? [] : [.. rows.Where(r => r.Metric == flag.Metric && r.Estimate.Mean > 0).Select(r => (r.Point, r.Stack))];
}

/// <summary>A metric at one scenario point under one stack, over the replications that succeeded (a row of <c>summary.csv</c>).</summary>
/// <param name="Kind">The scenario's kind, by name.</param>
public sealed record SummaryRow(string Scenario, string Kind, int Point, IReadOnlyList<KeyValuePair<string, string>> Parameters, string Stack,
    string Metric, MeanEstimate Estimate)
{
    public string? Parameter(string name) => Parameters.FirstOrDefault(p => p.Key == name).Value;

    /// <summary>This stack against the scenario's <c>compare_to</c> stack at the same point, paired by replica; null for that stack itself, or without <c>compare_to</c>.</summary>
    public PairedComparison? Against { get; init; }
}
