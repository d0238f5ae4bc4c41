using NodeSim.Engine;

namespace NodeSim.Reporting.Campaigns;

/// <summary>
/// Reduces run results to means and 95% Student-t confidence intervals over replications and, where a
/// scenario names a stack to compare to, to paired differences and ratios against it.
/// </summary>
public static class Summaries
{
    /// <summary>One row per (scenario, point, stack, metric), in run order; failed runs are left out.</summary>
    /// <param name="compareTo">The stack each scenario compares every other stack with (its <c>compare_to</c>), or null.</param>
    public static List<SummaryRow> Of(IEnumerable<RunResult> results, Func<string, string?> compareTo)
    {
        var rows = new List<SummaryRow>();
        var succeeded = results.Where(r => r.Error is null).OrderBy(r => r.Index).ToList();
        // Each point's runs by stack, then replica: the pairs a comparison is made of.
        var byPoint = succeeded.GroupBy(r => (r.Scenario, r.Point))
            .ToDictionary(g => g.Key, g => g.GroupBy(r => r.Stack).ToDictionary(s => s.Key, s => s.ToDictionary(r => r.Replica)));
        foreach (var group in succeeded.GroupBy(r => (r.Scenario, r.Point, r.Stack)))   // GroupBy keeps the order of first appearance
        {
            var first = group.First();
            var reference = compareTo(first.Scenario) is { } name && name != first.Stack && byPoint[(first.Scenario, first.Point)].TryGetValue(name, out var runs)
                ? (Name: name, Runs: runs) : default;
            foreach (var metric in first.Metrics)
            {
                var samples = group.Select(r => r[metric.Name] ?? double.NaN).ToList();
                rows.Add(new SummaryRow(first.Scenario, first.Kind, first.Point, first.Parameters, first.Stack, metric.Name, MeanEstimate.Of(samples))
                {
                    Against = reference.Runs is null ? null
                        : PairedComparison.Of(reference.Name, group.ToDictionary(r => r.Replica, r => r[metric.Name] ?? double.NaN),
                            reference.Runs.ToDictionary(p => p.Key, p => p.Value[metric.Name] ?? double.NaN)),
                });
            }
        }
        return rows;
    }
}
