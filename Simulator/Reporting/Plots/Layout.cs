using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace NodeSim.Reporting.Plots;

/// <summary>The layout helpers plots share: points and their labels, grouped bars, slanted labels, decade ticks, confidence intervals.</summary>
public static class Layout
{
    /// <summary>Points of a scenario in order, labelled by their swept values.</summary>
    public static List<(int Point, string Label)> Points(ScenarioInfo scenario, IReadOnlyList<SummaryRow> rows) =>
        [.. rows.GroupBy(r => r.Point).Select(g => (g.Key, Label(scenario, g.First())))];

    private static string Label(ScenarioInfo scenario, SummaryRow row) => scenario.Swept.Count switch
    {
        0 => "",
        1 => row.Parameter(scenario.Swept[0]) ?? "",
        // The axis title names the parameters; a point's label is its values, short enough to read under a group.
        _ => string.Join(", ", scenario.Swept.Select(p => row.Parameter(p))),
    };

    /// <summary>The last segment of a dotted parameter path: <c>tick_hz</c> for <c>stack.primary.tick_hz</c>.</summary>
    public static string Short(string parameter) => parameter[(parameter.LastIndexOf('.') + 1)..];

    /// <summary>The x-axis title of a scenario's points: its swept parameters, or <paramref name="none"/> when it sweeps nothing.</summary>
    public static string PointAxis(ScenarioInfo scenario, string none) => scenario.Swept.Count == 0 ? none : string.Join(", ", scenario.Swept);

    public static double HalfWidth(MeanEstimate e) => double.IsNaN(e.Low) ? 0 : (e.High - e.Low) / 2;

    /// <summary>", mean and 95% CI over N replications" when there are several; nothing for one.</summary>
    public static string Ci(IEnumerable<SummaryRow> rows) =>
        rows.Max(r => r.Estimate.N) > 1 ? $", mean and 95% CI over {rows.Max(r => r.Estimate.N)} replications" : "";

    /// <summary>Grouped bars: one group per point, one bar per stack; positions and group centres.</summary>
    public static (double Position, double Centre) Slot(int group, int stack, int stacks) =>
        (group * (stacks + 1) + stack, group * (stacks + 1) + (stacks - 1) / 2.0);

    /// <summary>Group labels under each group (with a stack legend), or stack names when there is one group.</summary>
    public static void GroupTicks(Figure figure, PlotInput input, List<(int Point, string Label)> points)
    {
        var stacks = input.Scenario.Stacks;
        var n = stacks.Count;
        if (points.Count == 1)
        {
            figure.Plot.Axes.Bottom.TickGenerator = Ticks(stacks.Select((_, s) => Slot(0, s, n).Position), stacks);
            return;
        }
        figure.Plot.Axes.Bottom.TickGenerator = Ticks(points.Select((_, g) => Slot(g, 0, n).Centre), points.Select(p => p.Label));
        // Labels wider than their group would run into each other: slant them.
        if (points.Max(p => p.Label.Length) * 7 > 900 / points.Count) Slant(figure, points.Select(p => p.Label));
        input.Style.StackLegend(figure, stacks);
    }

    /// <summary>
    /// Marks the points whose result the kind's flag marks (an unstable queue's): a large black cross over each, and the flag's
    /// label once in the legend, so that no reader compares them as measurements.
    /// </summary>
    public static void MarkFlagged(Figure figure, PlotInput input, IEnumerable<(int Point, string Stack, double X, double Y)> points)
    {
        if (input.Kind.Flag is not { } flag) return;
        var flagged = SummaryRows.Flagged(input.Rows, flag);
        var marked = points.Where(p => flagged.Contains((p.Point, p.Stack))).ToList();
        if (marked.Count == 0) return;
        double[] xs = [.. marked.Select(p => p.X)], ys = [.. marked.Select(p => p.Y)];
        var crosses = figure.Plot.Add.Markers(xs, ys, MarkerShape.Eks, 16, Colors.Black);
        crosses.LegendText = $"{flag.Label} (not a measurement to compare)";
    }

    /// <summary>Ticks at <paramref name="positions"/> labelled <paramref name="labels"/>, each label as a figure shows text (<see cref="Figure.Text"/>).</summary>
    public static NumericManual Ticks(IEnumerable<double> positions, IEnumerable<string> labels) =>
        new([.. positions], [.. labels.Select(l => Figure.Text(l, 60))]);

    /// <summary>Bottom labels at −50°, with room made for the longest (the axis does not size itself for rotated labels).</summary>
    public static void Slant(Figure figure, IEnumerable<string> labels)
    {
        figure.Plot.Axes.Bottom.TickLabelStyle.Rotation = -50;
        figure.Plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        figure.Plot.Axes.Bottom.MinimumSize = 20 + 6.5f * labels.Max(l => Math.Min(l.Length, 61)) * MathF.Sin(50 * MathF.PI / 180);
    }

    /// <summary>Decade ticks 10^<paramref name="from"/> … on an axis drawn in log10 of the values, up to <paramref name="top"/>.</summary>
    public static void LogTicks(Figure figure, double top, int from)
    {
        var decades = (int)Math.Ceiling(Math.Log10(Math.Max(top, 1)));
        figure.Plot.Axes.Bottom.TickGenerator = new NumericManual([.. Enumerable.Range(from, decades - from + 1).Select(d => (double)d)],
            [.. Enumerable.Range(from, decades - from + 1).Select(d => Math.Pow(10, d).ToString("N0", CultureInfo.InvariantCulture))]);
    }
}
