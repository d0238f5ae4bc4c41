using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>The layout helpers plots share: points and their labels, grouped bars, category ticks that fit, confidence intervals on either scale.</summary>
public static class Layout
{
    /// <summary>Points of a scenario in order, labelled by their swept values (numbers in the tick style).</summary>
    public static List<(int Point, string Label)> Points(ScenarioInfo scenario, IEnumerable<SummaryRow> rows) =>
        [.. rows.GroupBy(r => r.Point).Select(g => (g.Key, Label(scenario, g.First())))];

    /// <summary>A point's swept values, "1,024" or "1,024, 100" (the axis title names the parameters).</summary>
    public static string Label(ScenarioInfo scenario, SummaryRow row) =>
        string.Join(", ", scenario.Swept.Select(p => NumberText.TickLabel(row.Parameter(p) ?? "")));

    /// <summary>A point as a title names it: "ranks (ranks) = 1,024", or nothing for a scenario that sweeps nothing.</summary>
    public static string At(ScenarioInfo scenario, SummaryRow row) => scenario.Swept.Count == 0 ? ""
        : " at " + string.Join(", ", scenario.Swept.Select(p => $"{Short(p)} = {NumberText.TickLabel(row.Parameter(p) ?? "")}"));

    /// <summary>The last segment of a dotted parameter path: <c>tick_hz</c> for <c>stack.primary.tick_hz</c>.</summary>
    public static string Short(string parameter) => parameter[(parameter.LastIndexOf('.') + 1)..];

    /// <summary>The x-axis title of a scenario's points: its swept parameters with their units, or <paramref name="none"/> when it sweeps nothing.</summary>
    public static string PointAxis(ScenarioInfo scenario, string none) => scenario.Swept.Count == 0 ? none : string.Join(", ", scenario.Swept.Select(scenario.Label));

    /// <summary>", mean and 95% CI over N replications" when there are several; nothing for one.</summary>
    public static string Ci(IEnumerable<SummaryRow> rows) =>
        rows.Max(r => r.Estimate.N) > 1 ? $", mean and 95% CI over {rows.Max(r => r.Estimate.N)} replications" : "";

    /// <summary>Grouped bars: one group per point, one bar per stack; positions and group centres.</summary>
    public static (double Position, double Centre) Slot(int group, int stack, int stacks) =>
        (group * (stacks + 1) + stack, group * (stacks + 1) + (stacks - 1) / 2.0);

    /// <summary>
    /// Whether the series are the same within their intervals: at least two, and at every point each stack's mean lies inside
    /// every other's 95 % CI (equal means, for series without intervals). A figure of them would show one curve drawn over
    /// itself; the table says the same.
    /// </summary>
    public static bool Indistinguishable(IReadOnlyList<SummaryRow> rows)
    {
        if (rows.Select(r => r.Stack).Distinct().Count() < 2) return false;
        static double Half(MeanEstimate e) => double.IsNaN(e.Low) ? 0 : (e.High - e.Low) / 2;
        return rows.GroupBy(r => r.Point).All(point => point.All(a => point.All(b =>
            Math.Abs(a.Estimate.Mean - b.Estimate.Mean) <= Math.Min(Half(a.Estimate), Half(b.Estimate)) + 1e-12 * Math.Max(1, Math.Abs(a.Estimate.Mean)))));
    }

    /// <summary>
    /// Error bars of 95 % CIs at <paramref name="xs"/>, on either scale (asymmetric on a log axis, where an interval reaching zero or
    /// below runs to the axis' bottom, <paramref name="floor"/>, in log10), in <paramref name="colour"/>; none when no row has an interval.
    /// </summary>
    public static void Intervals(Figure figure, IReadOnlyList<double> xs, IReadOnlyList<MeanEstimate> estimates, bool log, Color colour, double floor = double.NegativeInfinity)
    {
        if (estimates.All(e => double.IsNaN(e.Low))) return;
        var ys = estimates.Select(e => ValueAxis.Place(e.Mean, log)).ToList();
        var below = estimates.Select((e, i) => double.IsNaN(e.Low) ? 0 : ys[i] - (log ? e.Low > 0 ? Math.Max(Math.Log10(e.Low), floor) : floor : e.Low)).ToList();
        var above = estimates.Select((e, i) => double.IsNaN(e.High) ? 0 : ValueAxis.Place(e.High, log) - ys[i]).ToList();
        // ScottPlot's order: x errors positive and negative, then y errors positive and negative.
        var bars = new ScottPlot.Plottables.ErrorBar([.. xs], ys, null, null, above, below) { Color = colour, LineWidth = 1, CapSize = 3 };
        figure.Plot.Add.Plottable(bars);
    }

    /// <summary>
    /// Ticks at <paramref name="positions"/> labelled <paramref name="labels"/>. A label wider than its slot is broken into lines
    /// after its hyphens, commas and spaces (at most <see cref="MaxLines"/>); one that still does not fit is slanted, with room
    /// made for it (the axis does not size itself for rotated labels).
    /// </summary>
    /// <param name="span">The x range the ticks share, in axis units (the slot of a tick is the figure's data width over it).</param>
    public static void CategoryTicks(Figure figure, IReadOnlyList<double> positions, IReadOnlyList<string> labels, double span)
    {
        var shown = labels.Select(l => Figure.Text(l, 40)).ToList();
        var room = 0.85f * figure.Size.WidthPoints / (float)Math.Max(1, span) * (float)(positions.Count > 1 ? positions[1] - positions[0] : span) - 6;
        var wrapped = shown.Select(l => Wrap(l, room)).ToList();
        var fits = wrapped.All(w => w.Count <= MaxLines && w.All(line => TextWidth(line, Figure.TickPoints) <= room));
        figure.Plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. positions],
            [.. fits ? wrapped.Select(w => string.Join("\n", w)) : shown]);
        if (fits || shown.Count == 0) return;
        const float angle = 40;
        var style = figure.Plot.Axes.Bottom.TickLabelStyle;
        style.Rotation = -angle;
        style.Alignment = Alignment.UpperRight;
        var rad = angle * MathF.PI / 180;
        var widest = shown.Max(l => TextWidth(l, Figure.TickPoints));
        figure.Plot.Axes.Bottom.MinimumSize = widest * MathF.Sin(rad) + Figure.TickPoints * MathF.Cos(rad) + Figure.LabelPoints * 1.6f + 10;
    }

    /// <summary>The most lines a category label is broken into before it is slanted instead.</summary>
    public const int MaxLines = 3;

    /// <summary>
    /// <paramref name="label"/> broken into lines at most <paramref name="room"/> points wide where it can be: after its commas and
    /// spaces first (between values), and inside a word at its hyphens only where the word alone is too wide.
    /// </summary>
    private static List<string> Wrap(string label, float room)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in System.Text.RegularExpressions.Regex.Split(label, "(?<=[, ])").Where(p => p.Length > 0))
            foreach (var piece in TextWidth(word.TrimEnd(), Figure.TickPoints) <= room ? [word] : System.Text.RegularExpressions.Regex.Split(word, "(?<=-)"))
            {
                if (line.Length > 0 && TextWidth((line + piece).TrimEnd(), Figure.TickPoints) > room)
                {
                    lines.Add(line.TrimEnd());
                    line = "";
                }
                line += piece;
            }
        if (line.Length > 0) lines.Add(line.TrimEnd());
        return lines;
    }

    /// <summary>How wide <paramref name="text"/> is at <paramref name="points"/> in the figures' font.</summary>
    public static float TextWidth(string text, float points)
    {
        using var paint = Paint.NewDisposablePaint();
        return new LabelStyle { FontName = "DejaVu Sans", FontSize = points }.Measure(text, paint).Width;
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
        figure.Plot.Add.Markers(marked.Select(p => p.X).ToArray(), marked.Select(p => p.Y).ToArray(), MarkerShape.Eks, 10, Colors.Black);
        figure.Legend.Add(LegendEntry.Point($"{flag.Label} (not a measurement)", Colors.Black, MarkerShape.Eks));
    }
}
