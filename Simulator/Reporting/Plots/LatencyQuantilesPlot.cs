using NodeSim.Engine.Kinds;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// Scenarios that report latency quantiles (edge runs): each stack's latency distribution through its quantiles (p10 …
/// p99.9) on a log axis — the upper part of the CDF, which is where isolation shows — at the scenario's first point, a line
/// per stack in its own colour, marker and pattern.
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
        var at = Layout.At(scenario, rows.First(r => r.Point == first));
        var figure = input.Style.NewFigure($"{scenario.Name}: latency distribution per stack{at}{Layout.Ci(rows)}", ValueAxis.Title("latency (µs)", true),
            "fraction of requests");
        var (low, high) = (double.MaxValue, 0.0);
        foreach (var stack in input.Stacks)
        {
            var points = EdgeKind.Quantiles.Select(q => (q.Quantile, Value: rows.FirstOrDefault(r => r.Point == first && r.Stack == stack && r.Metric == q.Metric)?.Estimate.Mean))
                .Where(p => p.Value > 0).ToList();
            if (points.Count == 0) continue;
            var look = input.Style.Look(stack);
            var line = figure.Plot.Add.Scatter(points.Select(p => Math.Log10(p.Value!.Value)).ToArray(), points.Select(p => p.Quantile).ToArray(), look.Colour);
            line.LineWidth = 1.5f;
            line.LinePattern = look.Pattern;
            line.MarkerShape = look.Marker;
            line.MarkerSize = 5;
            figure.Legend.Add(LegendEntry.Line(PlotStyle.Label(stack), look));
            (low, high) = (Math.Min(low, points.Min(p => p.Value!.Value)), Math.Max(high, points.Max(p => p.Value!.Value)));
        }
        if (high > 0) ValueAxis.Decades(figure.Plot.Axes.Bottom, low, high);
        figure.Plot.Axes.SetLimitsY(0, 1);
        return figure;
    }
}
