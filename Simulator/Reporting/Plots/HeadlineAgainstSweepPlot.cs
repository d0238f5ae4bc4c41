using System.Globalization;
using NodeSim.Engine;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// Scenarios that sweep a numeric parameter: the headline metric against the first such parameter, a line per stack (colour,
/// marker and pattern its own), one figure per value of each other swept parameter. A parameter its kind declares on a log
/// scale (ranks), or whose values span more than 100×, is drawn on one; the headline too past a 100× span. Not drawn when
/// every stack lies within the others' 95 % CIs at every point.
/// </summary>
public sealed class HeadlineAgainstSweepPlot : ScenarioPlot
{
    /// <summary>The most figures one scenario gets, one per combination of its other swept values; the summary names those left out.</summary>
    public const int MaxPanels = 12;

    public override string Name => "headline-against-sweep";
    public override string Description => "the headline metric against the first numeric swept parameter, a line per stack, a figure per value of the other swept parameters";

    public override IEnumerable<PlannedFigure> Plan(PlotInput input)
    {
        if (!input.PointsAreSettings) yield break;
        if (NumericSweep(input.Scenario, input.Rows) is not { } parameter) yield break;
        var others = input.Scenario.Swept.Where(p => p != parameter).ToList();
        var headline = input.Rows.Where(r => r.Metric == input.Kind.Headline.Metric).ToList();
        var panels = headline.GroupBy(r => string.Join(", ", others.Select(p => $"{Layout.Short(p)} = {NumberText.TickLabel(r.Parameter(p) ?? "")}"))).ToList();
        var stem = $"{input.Stem}-vs-{FileNames.Sanitize(Layout.Short(parameter))}";
        var caption = $"{input.Kind.Headline.Name} against {Layout.Short(parameter)}";
        for (var i = 0; i < panels.Count; i++)
        {
            var rows = panels[i].ToList();
            var at = panels.Count == 1 ? "" : $" at {panels[i].Key}";
            var (file, text) = panels.Count == 1 ? (stem, caption) : ($"{stem}-{i + 1}", caption + at);
            if (i >= MaxPanels) yield return PlannedFigure.Omit(file, text, $"past the first {MaxPanels} values of {string.Join(", ", others.Select(Layout.Short))}; the table gives it");
            else if (Layout.Indistinguishable(rows)) yield return PlannedFigure.Omit(file, text, "every stack lies within the others' 95 % CIs at every point; the table gives the values");
            else yield return new PlannedFigure(file, text, () => Draw(input, parameter, rows, at));
        }
    }

    /// <summary>The first swept parameter whose values are all numbers, if there is one with at least two points.</summary>
    private static string? NumericSweep(ScenarioInfo scenario, IReadOnlyList<SummaryRow> rows) =>
        scenario.Swept.FirstOrDefault(p => rows.Select(r => r.Parameter(p)).Distinct().Count() > 1
            && rows.All(r => double.TryParse(r.Parameter(p), NumberStyles.Float, CultureInfo.InvariantCulture, out _)));

    private static Figure Draw(PlotInput input, string parameter, List<SummaryRow> rows, string at)
    {
        var (scenario, headline) = (input.Scenario, input.Kind.Headline);
        double X(SummaryRow r) => double.Parse(r.Parameter(parameter)!, CultureInfo.InvariantCulture);
        var xs = rows.Select(X).ToList();
        var logX = input.Kind.Parameters.Parameters.FirstOrDefault(p => p.Name == parameter)?.LogScale == true || ValueAxis.UseLog(xs, AxisScale.Auto);
        var logY = ValueAxis.UseLog(rows.Select(r => r.Estimate.Mean), input.Style.Options.YScale);
        var shown = rows.Where(r => (!logX || X(r) > 0) && (!logY || r.Estimate.Mean > 0)).ToList();
        var figure = input.Style.NewFigure($"{scenario.Name}: {headline.Name} against {Layout.Short(parameter)}{at}{Layout.Ci(rows)}",
            ValueAxis.Title(scenario.Label(parameter), logX), ValueAxis.Title(headline.Axis, logY));
        var drawn = new List<(int, string, double, double)>();
        // Stacks dodge each other by a little of the x range, so their intervals at one x do not cover each other.
        var placed = shown.Select(r => ValueAxis.Place(X(r), logX)).ToList();
        var dodge = 0.008 * (placed.Max() - placed.Min());
        var stacks = input.Stacks.Where(st => shown.Any(r => r.Stack == st)).ToList();
        foreach (var (stack, index) in stacks.Select((st, i) => (st, i)))
        {
            var points = shown.Where(r => r.Stack == stack).OrderBy(X).ToList();
            var look = input.Style.Look(stack);
            var offset = (index - (stacks.Count - 1) / 2.0) * dodge;
            double[] px = [.. points.Select(r => ValueAxis.Place(X(r), logX) + offset)], py = [.. points.Select(r => ValueAxis.Place(r.Estimate.Mean, logY))];
            figure.Line(px, py, look, PlotStyle.Label(stack));
            Layout.Intervals(figure, px, [.. points.Select(r => r.Estimate)], logY, look.Colour,
                logY ? Math.Floor(Math.Log10(shown.Min(r => r.Estimate.Mean))) : double.NegativeInfinity);
            drawn.AddRange(points.Select((r, i) => (r.Point, r.Stack, px[i], py[i])));
        }
        Layout.MarkFlagged(figure, input, drawn);
        if (logX) ValueAxis.Decades(figure.Plot.Axes.Bottom, shown.Min(X), shown.Max(X));
        if (logX && input.Kind.Parameters.Parameters.Any(p => p.Name == parameter && p.LogScale))
        {
            // A parameter declared on a log scale (ranks) is ticked at its swept values.
            var values = shown.Select(X).Distinct().Order().ToList();
            figure.Plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. values.Select(Math.Log10)], [.. values.Select(NumberText.Tick)]);
        }
        if (logY)
        {
            var (from, to) = ValueAxis.Decades(figure.Plot.Axes.Left, shown.Min(r => r.Estimate.Mean),
                shown.Max(r => double.IsNaN(r.Estimate.High) ? r.Estimate.Mean : r.Estimate.High));
            figure.Plot.Axes.SetLimitsY(from, to);
        }
        return figure;
    }
}
