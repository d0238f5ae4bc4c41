using NodeSim.Engine.Kinds;
using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// Scenarios that report latency quantiles (edge runs): each stack's latency distribution through
/// its quantiles (p10 … p99.9) on a log axis — the upper part of the CDF, which is where isolation
/// shows — for the scenario's first point.
/// </summary>
public sealed class LatencyQuantilesPlot : ScenarioPlot
{
    public override string Name => "latency-quantiles";
    public override string Description => "each stack's latency distribution through its reported quantiles, on a log axis (scenarios that report them)";

    public override IEnumerable<PlannedFigure> Plan(PlotInput input)
    {
        if (EdgeKind.Quantiles.All(q => input.Rows.Any(r => r.Metric == q.Metric)))
            yield return new PlannedFigure(input.Stem + "-latency", "latency distribution", () => Draw(input));
    }

    private static Figure Draw(PlotInput input)
    {
        var (scenario, rows) = (input.Scenario, input.Rows);
        var first = rows.Min(r => r.Point);
        var figure = new Figure($"{scenario.Name}: latency distribution per stack (quantiles, point {first}){Layout.Ci(rows)}", "latency (µs, log scale)", "fraction of requests");
        foreach (var stack in scenario.Stacks)
        {
            var points = EdgeKind.Quantiles.Select(q => (q.Quantile, Value: rows.FirstOrDefault(r => r.Point == first && r.Stack == stack && r.Metric == q.Metric)?.Estimate.Mean))
                .Where(p => p.Value > 0).ToList();
            if (points.Count == 0) continue;
            var line = figure.Plot.Add.Scatter(points.Select(p => Math.Log10(p.Value!.Value)).ToArray(), points.Select(p => p.Quantile).ToArray(), input.Style.Colour(stack));
            line.LegendText = input.Style.Label(stack);
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }
        var top = EdgeKind.Quantiles[^1].Metric;
        Layout.LogTicks(figure, rows.Where(r => r.Point == first && r.Metric == top).Select(r => r.Estimate.Mean).DefaultIfEmpty(1).Max(), from: 0);
        figure.Plot.ShowLegend(Alignment.LowerRight);
        return figure;
    }
}
