using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// Every scenario: its kind's headline metric (overhead; an edge run's p99 latency) by point and stack, as grouped bars with
/// 95 % CI error bars; when the values span more than 100×, on a log axis as dots (a bar's length on a log axis would measure
/// only its distance to the axis' bottom). Not drawn for a single value, or when every stack is within the others' intervals
/// at every point.
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
        // One point: the stacks are the categories, named under their bars. Several: a group per point, the stacks by colour.
        var single = points.Count == 1 && scenario.Swept.Count == 0;
        var figure = input.Style.NewFigure($"{scenario.Name}: {headline.Name} by stack{Layout.Ci(rows)}", single ? "" : Layout.PointAxis(scenario, "stack"),
            ValueAxis.Title(headline.Axis, log));
        var (floor, ceiling) = log ? ValueAxis.Decades(figure.Plot.Axes.Left, rows.Where(r => r.Estimate.Mean > 0).Min(r => r.Estimate.Mean),
            rows.Max(r => double.IsNaN(r.Estimate.High) ? r.Estimate.Mean : r.Estimate.High)) : (0, 0);
        var drawn = new List<(int Point, string Stack, double X, double Y)>();
        var bars = new List<Bar>();
        var intervals = new List<(double X, MeanEstimate E, Color Colour)>();
        foreach (var (stack, s) in stacks.Select((x, i) => (x, i)))
            for (var g = 0; g < points.Count; g++)
                if (rows.FirstOrDefault(r => r.Point == points[g].Point && r.Stack == stack) is { } row && (!log || row.Estimate.Mean > 0))
                {
                    var x = single ? s : Layout.Slot(g, s, stacks.Count).Position;
                    var y = ValueAxis.Place(row.Estimate.Mean, log);
                    // On a log axis a bar's length would only measure the distance to an arbitrary floor: a dot at the value instead
                    // (Cleveland's dot plot), with its interval.
                    if (!log) bars.Add(new Bar { Position = x, Value = y, FillColor = input.Style.Colour(stack), LineWidth = 0 });
                    intervals.Add((x, row.Estimate, log ? input.Style.Colour(stack) : Colors.Black));
                    drawn.Add((row.Point, stack, x, y));
                }
        if (bars.Count > 0) figure.Plot.Add.Bars(bars);
        foreach (var stack in stacks)
        {
            var mine = drawn.Where(d => d.Stack == stack).ToList();
            if (log && mine.Count > 0)
            {
                var look = input.Style.Look(stack);
                figure.Plot.Add.Markers(mine.Select(d => d.X).ToArray(), mine.Select(d => d.Y).ToArray(), look.Marker, 6, look.Colour);
            }
        }
        // Intervals over the bars, so both whiskers show.
        foreach (var group in intervals.GroupBy(i => i.Colour))
            Layout.Intervals(figure, [.. group.Select(i => i.X)], [.. group.Select(i => i.E)], log, group.Key, floor);
        if (!single)
        {
            foreach (var stack in stacks.Where(st => drawn.Any(d => d.Stack == st)))
                figure.Legend.Add(log ? LegendEntry.Point(PlotStyle.Label(stack), input.Style.Colour(stack), input.Style.Look(stack).Marker)
                    : LegendEntry.Box(PlotStyle.Label(stack), input.Style.Colour(stack)));
            Layout.CategoryTicks(figure, [.. points.Select((_, g) => Layout.Slot(g, 0, stacks.Count).Centre)], [.. points.Select(p => p.Label)],
                points.Count * (stacks.Count + 1));
        }
        else Layout.CategoryTicks(figure, [.. stacks.Select((_, s) => (double)s)], stacks, stacks.Count);
        Layout.MarkFlagged(figure, input, drawn);
        if (log) figure.Plot.Axes.SetLimitsY(floor, ceiling);
        else figure.Plot.Axes.Margins(bottom: 0, top: 0.08);
        return figure;
    }
}
