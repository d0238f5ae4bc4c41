using NodeSim.Engine.Kinds;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// Scenarios that report latency quantiles (edge runs): each stack's latency tail through its quantiles (p10 … p99.9) as a
/// complementary CDF on log axes — the share of requests slower than a latency, so p90, p99 and p99.9 sit a decade apart and
/// the tail, where isolation shows, is not squeezed into the top of the plot — at the last point no stack's queue is flagged unstable at, a line per stack.
/// </summary>
public sealed class LatencyQuantilesPlot : ScenarioPlot
{
    public override string Name => "latency-quantiles";
    public override string Description => "each stack's latency tail through its reported quantiles, as a complementary CDF on log axes (scenarios that report them)";

    public override IEnumerable<PlannedFigure> Plan(PlotInput input)
    {
        if (EdgeKind.Quantiles.All(q => input.Rows.Any(r => r.Metric == q.Metric)))
            yield return new PlannedFigure(input.Stem + "-latency", "latency tail (complementary CDF)", () => Draw(input));
    }

    private static Figure Draw(PlotInput input)
    {
        var (scenario, rows) = (input.Scenario, input.Rows);
        // The highest load (the last point) under which no stack's queue is flagged unstable: where the stacks part, as far as the
        // tail is a measurement; the first point when every one is flagged.
        var flagged = input.Kind.Flag is { } flag ? SummaryRows.Flagged(rows, flag) : [];
        var stable = rows.Select(r => r.Point).Distinct().Where(p => !flagged.Any(f => f.Point == p)).ToList();
        var first = stable.Count > 0 ? stable.Max() : rows.Min(r => r.Point);
        var at = Layout.At(scenario, rows.First(r => r.Point == first));
        var replications = rows.Max(r => r.Estimate.N);
        var figure = input.Style.NewFigure($"{scenario.Name}: latency tail per stack{at}{(replications > 1 ? $", quantiles' means over {replications} replications" : "")}",
            ValueAxis.Title("latency (µs)", true), ValueAxis.Title("share of requests slower", true));
        var (low, high) = (double.MaxValue, 0.0);
        foreach (var stack in input.Stacks)
        {
            var points = EdgeKind.Quantiles.Select(q => (q.Quantile, Value: rows.FirstOrDefault(r => r.Point == first && r.Stack == stack && r.Metric == q.Metric)?.Estimate.Mean))
                .Where(p => p.Value > 0).ToList();
            if (points.Count == 0) continue;
            figure.Line([.. points.Select(p => Math.Log10(p.Value!.Value))], [.. points.Select(p => Math.Log10(1 - p.Quantile))], input.Style.Look(stack),
                PlotStyle.Label(stack));
            (low, high) = (Math.Min(low, points.Min(p => p.Value!.Value)), Math.Max(high, points.Max(p => p.Value!.Value)));
        }
        if (high > 0) ValueAxis.Decades(figure.Plot.Axes.Bottom, low, high);
        var (from, to) = ValueAxis.Decades(figure.Plot.Axes.Left, 1 - EdgeKind.Quantiles[^1].Quantile, 1 - EdgeKind.Quantiles[0].Quantile);
        figure.Plot.Axes.SetLimitsY(from, to);
        return figure;
    }
}
