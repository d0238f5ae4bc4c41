using NodeSim.Engine;

namespace NodeSim.Reporting.Campaigns;

/// <summary>Reduces run results to means and 95% Student-t confidence intervals over replications.</summary>
public static class Summaries
{
    /// <summary>One row per (scenario, point, stack, metric), in run order; failed runs are left out.</summary>
    public static List<SummaryRow> Of(IEnumerable<RunResult> results)
    {
        var rows = new List<SummaryRow>();
        var groups = results.Where(r => r.Error is null).OrderBy(r => r.Index)
            .GroupBy(r => (r.Scenario, r.Point, r.Stack));   // GroupBy keeps the order of first appearance
        foreach (var group in groups)
        {
            var first = group.First();
            foreach (var metric in first.Metrics)
            {
                var samples = group.Select(r => r[metric.Name] ?? double.NaN).ToList();
                rows.Add(new SummaryRow(first.Scenario, first.Kind, first.Point, first.Parameters, first.Stack, metric.Name, MeanEstimate.Of(samples)));
            }
        }
        return rows;
    }
}
