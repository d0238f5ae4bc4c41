using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>Every scenario: its kind's headline metric (overhead; an edge run's p99 latency) by stack and point, with 95% CI error bars.</summary>
public sealed class HeadlineByStackPlot : ScenarioPlot
{
    public override string Name => "headline-by-stack";
    public override string Description => "the kind's headline metric by stack and point, with 95% CI error bars (every scenario)";

    public override IEnumerable<PlannedFigure> Plan(PlotInput input)
    {
        if (!input.PointsAreSettings) yield break;
        yield return new PlannedFigure($"{input.Stem}-overhead", $"{input.Kind.Headline.Name} by stack", () => Draw(input));
    }

    private static Figure Draw(PlotInput input)
    {
        var (scenario, headline, rows) = (input.Scenario, input.Kind.Headline, input.Rows);
        var points = Layout.Points(scenario, rows);
        var figure = new Figure($"{scenario.Name}: {headline.Name} by stack{Layout.Ci(rows)}", Layout.PointAxis(scenario, "stack"), headline.Axis);
        var bars = new List<Bar>();
        for (var g = 0; g < points.Count; g++)
            for (var s = 0; s < scenario.Stacks.Count; s++)
                if (rows.FirstOrDefault(r => r.Point == points[g].Point && r.Stack == scenario.Stacks[s] && r.Metric == headline.Metric) is { } row)
                    bars.Add(new Bar
                    {
                        Position = Layout.Slot(g, s, scenario.Stacks.Count).Position, Value = row.Estimate.Mean, Error = Layout.HalfWidth(row.Estimate),
                        FillColor = input.Style.Colour(row.Stack),
                    });
        figure.Plot.Add.Bars(bars);
        Layout.MarkFlagged(figure, input, [.. from g in Enumerable.Range(0, points.Count) from s in Enumerable.Range(0, scenario.Stacks.Count)
            let row = rows.FirstOrDefault(r => r.Point == points[g].Point && r.Stack == scenario.Stacks[s] && r.Metric == headline.Metric)
            where row is not null select (points[g].Point, scenario.Stacks[s], Layout.Slot(g, s, scenario.Stacks.Count).Position, row.Estimate.Mean)]);
        Layout.GroupTicks(figure, input, points);
        // Headroom above the tallest bar for the stack legend (a row per stack), so it never hides a bar.
        figure.Plot.Axes.Margins(bottom: 0, top: points.Count == 1 ? 0.1 : Math.Min(0.65, 0.09 * scenario.Stacks.Count));
        return figure;
    }
}
