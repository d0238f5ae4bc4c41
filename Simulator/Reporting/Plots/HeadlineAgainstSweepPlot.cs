using System.Globalization;
using NodeSim.Engine;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// Scenarios that sweep a numeric parameter: the headline metric against the first such parameter,
/// a line per stack (and per value of any other swept parameter); a parameter its kind declares on a log scale (ranks) on one.
/// </summary>
public sealed class HeadlineAgainstSweepPlot : ScenarioPlot
{
    public override string Name => "headline-against-sweep";
    public override string Description => "the headline metric against the first numeric swept parameter, a line per stack (ranks on a log scale)";

    public override IEnumerable<PlannedFigure> Plan(PlotInput input)
    {
        if (!input.PointsAreSettings) yield break;
        if (NumericSweep(input.Scenario, input.Rows) is not { } parameter) yield break;
        yield return new PlannedFigure($"{input.Stem}-vs-{FileNames.Sanitize(Layout.Short(parameter))}",
            $"{input.Kind.Headline.Name} against {Layout.Short(parameter)}", () => Draw(input, parameter));
    }

    /// <summary>The first swept parameter whose values are all numbers, if there is one with at least two points.</summary>
    private static string? NumericSweep(ScenarioInfo scenario, IReadOnlyList<SummaryRow> rows) =>
        scenario.Swept.FirstOrDefault(p => rows.Select(r => r.Parameter(p)).Distinct().Count() > 1
            && rows.All(r => double.TryParse(r.Parameter(p), NumberStyles.Float, CultureInfo.InvariantCulture, out _)));

    private static Figure Draw(PlotInput input, string parameter)
    {
        var (scenario, headline, rows) = (input.Scenario, input.Kind.Headline, input.Rows);
        // A scenario parameter its kind declares on a log scale (ranks) is drawn on one, in powers of two.
        var log = input.Kind.Parameters.Parameters.FirstOrDefault(p => p.Name == parameter)?.LogScale == true;
        var others = scenario.Swept.Where(p => p != parameter).ToList();
        var figure = new Figure($"{scenario.Name}: {headline.Name} against {Layout.Short(parameter)}{Layout.Ci(rows)}",
            log ? $"{parameter} (log scale)" : parameter, headline.Axis);
        double X(SummaryRow r) => double.Parse(r.Parameter(parameter)!, CultureInfo.InvariantCulture);
        // One line per stack (and per value of any other swept parameter), in order of x.
        var series = rows.Where(r => r.Metric == headline.Metric)
            .GroupBy(r => (r.Stack, Others: string.Join(", ", others.Select(p => $"{Layout.Short(p)}={r.Parameter(p)}"))));
        var style = 0;
        var drawn = new List<(int, string, double, double)>();
        foreach (var line in series)
        {
            var points = line.OrderBy(X).ToList();
            double[] xs = [.. points.Select(r => log ? Math.Log2(X(r)) : X(r))];
            double[] ys = [.. points.Select(r => r.Estimate.Mean)];
            var colour = others.Count == 0 ? input.Style.Colour(line.Key.Stack) : Figure.Colour(style);
            var scatter = figure.Plot.Add.Scatter(xs, ys, colour);
            scatter.LegendText = others.Count == 0 ? input.Style.Label(line.Key.Stack) : Figure.Text($"{input.Style.Label(line.Key.Stack)}, {line.Key.Others}");
            scatter.LineWidth = 2;
            scatter.MarkerSize = 7;
            if (points.Any(r => Layout.HalfWidth(r.Estimate) > 0))
            {
                var errors = figure.Plot.Add.ErrorBar(xs, ys, [.. points.Select(r => Layout.HalfWidth(r.Estimate))]);
                errors.Color = colour;
            }
            drawn.AddRange(points.Select((r, i) => (r.Point, r.Stack, xs[i], ys[i])));
            style++;
        }
        Layout.MarkFlagged(figure, input, drawn);
        if (log)
        {
            var ranks = rows.Select(X).Distinct().Order().ToList();
            figure.Plot.Axes.Bottom.TickGenerator = new NumericManual([.. ranks.Select(Math.Log2)],
                [.. ranks.Select(r => r.ToString("N0", CultureInfo.InvariantCulture))]);
        }
        figure.Plot.ShowLegend(Alignment.UpperLeft);
        return figure;
    }
}
