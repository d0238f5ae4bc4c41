using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// Every scenario: its kind's headline metric (overhead; an edge run's p99 latency) by point and stack, as grouped bars with
/// 95 % CI error bars, on a log axis when the values span more than 100×. Not drawn for a single value, or when every stack is
/// within the others' intervals at every point.
/// </summary>
public sealed class HeadlineByStackPlot : ScenarioPlot
{
    public override string Name => "headline-by-stack";
    public override string Description => "the kind's headline metric by point and stack, with 95% CI error bars, log axis past a 100x span (every scenario)";

    public override IEnumerable<PlannedFigure> Plan(PlotInput input)
    {
        if (!input.PointsAreSettings) yield break;
        var (file, caption) = ($"{input.Stem}-overhead", $"{input.Kind.Headline.Name} by stack");
        var rows = input.Rows.Where(r => r.Metric == input.Kind.Headline.Metric).ToList();
        if (rows.Count == 0) yield break;
        if (rows.Count == 1)
            yield return PlannedFigure.Omit(file, caption, $"one value ({rows[0].Stack}: {NumberText.Number(rows[0].Estimate.Mean)}), in the table");
        else if (Layout.Indistinguishable(rows))
            yield return PlannedFigure.Omit(file, caption, "every stack lies within the others' 95 % CIs at every point; the table gives the values");
        else yield return new PlannedFigure(file, caption, () => Draw(input, rows));
    }

    private static Figure Draw(PlotInput input, List<SummaryRow> rows)
    {
        var (scenario, headline) = (input.Scenario, input.Kind.Headline);
        var stacks = input.Stacks;
        var points = Layout.Points(scenario, rows);
        var log = ValueAxis.UseLog(rows.Select(r => r.Estimate.Mean), input.Style.Options.YScale);
        var figure = input.Style.NewFigure($"{scenario.Name}: {headline.Name} by stack{Layout.Ci(rows)}", Layout.PointAxis(scenario, "stack"),
            ValueAxis.Title(headline.Axis, log));
        var (floor, ceiling) = log ? ValueAxis.Decades(figure.Plot.Axes.Left, rows.Where(r => r.Estimate.Mean > 0).Min(r => r.Estimate.Mean),
            rows.Max(r => double.IsNaN(r.Estimate.High) ? r.Estimate.Mean : r.Estimate.High)) : (0, 0);
        var bars = new List<Bar>();
        var drawn = new List<(int, string, double, double)>();
        foreach (var (stack, s) in stacks.Select((x, i) => (x, i)))
        {
            var series = new List<(double X, MeanEstimate E)>();
            for (var g = 0; g < points.Count; g++)
                if (rows.FirstOrDefault(r => r.Point == points[g].Point && r.Stack == stack) is { } row && (!log || row.Estimate.Mean > 0))
                {
                    var x = Layout.Slot(g, s, stacks.Count).Position;
                    var top = ValueAxis.Place(row.Estimate.Mean, log);
                    bars.Add(new Bar { Position = x, ValueBase = floor, Value = top, FillColor = input.Style.Colour(stack), LineWidth = 0 });
                    series.Add((x, row.Estimate));
                    drawn.Add((row.Point, stack, x, top));
                }
            Layout.Intervals(figure, [.. series.Select(p => p.X)], [.. series.Select(p => p.E)], log, Colors.Black);
        }
        figure.Plot.Add.Bars(bars);
        input.Style.BoxLegend(figure, stacks.Where(st => drawn.Any(d => d.Item2 == st)));
        Layout.MarkFlagged(figure, input, drawn);
        if (points.Count > 1 || scenario.Swept.Count > 0)
            Layout.CategoryTicks(figure, [.. points.Select((_, g) => Layout.Slot(g, 0, stacks.Count).Centre)], [.. points.Select(p => p.Label)],
                points.Count * (stacks.Count + 1));
        else figure.Plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        if (log) figure.Plot.Axes.SetLimitsY(floor, ceiling);
        else figure.Plot.Axes.Margins(bottom: 0, top: 0.08);
        return figure;
    }
}
