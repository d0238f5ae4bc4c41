using NodeSim.Reporting.Sensitivity;
using NodeSim.Engine;
using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// A sensitivity study's screening: each parameter's Morris μ* against σ, per contrast and base point (Morris 1991's
/// plot). Far right: the contrast depends strongly on it; high up: its effect depends on where the others are
/// (non-linearity or interaction). The grey line is σ = μ*; the leading parameters are named.
/// </summary>
public sealed class MorrisScreeningPlot : ScenarioPlot
{
    /// <summary>The parameters named beside their point: the first by μ*, where their names do not collide (the table lists every one).</summary>
    private const int Named = 6;

    public override string Name => "morris-screening";
    public override string Description => "a sensitivity study's Morris μ* against σ per parameter, for each contrast and base point";

    public override IEnumerable<PlannedFigure> Plan(PlotInput input)
    {
        var studies = SensitivityAnalysis.Of(input.Scenario, input.Rows, input.Kind.Headline.Metric);
        foreach (var study in studies.Where(s => s.Effects.Any(e => double.IsFinite(e.Morris.MuStar))))
            yield return new PlannedFigure($"{input.Stem}-morris-{FileNames.Sanitize(study.Stack)}-{study.Study.BasePoint}",
                $"Morris screening of {study.Stack} against {study.Reference}{study.At}", () => Draw(input, study));
    }

    private static Figure Draw(PlotInput input, ContrastStudy study)
    {
        var unit = ContrastDistributionPlot.PlotUnit(SensitivityMarkdown.ContrastUnit(study.Measure, input.Kind.Metrics.First(m => m.Name == input.Kind.Headline.Metric).Unit));
        var effects = study.Effects.Where(e => double.IsFinite(e.Morris.MuStar) && double.IsFinite(e.Morris.Sigma)).ToList();
        // Effects spanning more than 100× crowd at the origin on linear axes: then both axes are log (zeros left out).
        var log = ValueAxis.UseLog(effects.Select(e => e.Morris.MuStar), input.Style.Options.YScale);
        var all = effects.Count;
        if (log) effects = [.. effects.Where(e => e.Morris.MuStar > 0 && e.Morris.Sigma > 0)];
        // The base point by its values (the caption and summary.md name the keys), so the title fits.
        var at = study.Study.Base.Count == 0 ? "" : ": " + string.Join(", ", study.Study.Base.Select(b => NumberText.TickLabel(b.Value)));
        var figure = input.Style.NewFigure($"Morris screening, {study.Stack} − {study.Reference}{at}", ValueAxis.Title($"μ*, mean |effect| ({unit})", log),
            ValueAxis.Title($"σ of the effects ({unit})", log));
        double P(double v) => ValueAxis.Place(v, log);
        var top = Math.Max(effects.Max(e => Math.Max(e.Morris.MuStar, e.Morris.Sigma)), 1e-12);
        var bottom = log ? effects.Min(e => Math.Min(e.Morris.MuStar, e.Morris.Sigma)) : 0;
        var diagonal = figure.Plot.Add.Line(P(bottom), P(bottom), P(top), P(top));
        diagonal.Color = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        figure.Legend.Add(new LegendEntry("σ = μ*", Colors.Gray, LegendSymbol.Line, LinePattern.Dashed, MarkerShape.None));
        var look = input.Style.Look(study.Stack);
        figure.Plot.Add.Markers(effects.Select(e => P(e.Morris.MuStar)).ToArray(), effects.Select(e => P(e.Morris.Sigma)).ToArray(), look.Marker, 6, look.Colour);
        figure.Legend.Add(LegendEntry.Point(all > effects.Count ? $"a parameter ({all - effects.Count} with no effect not shown on log axes)" : "a parameter",
            look.Colour, look.Marker));
        // Names for the leading parameters, each only where no name already stands (points crowd near the origin).
        var named = new List<(double X, double Y)>();
        foreach (var e in effects.Where(e => e.Morris.MuStar > 0).Take(Named))
        {
            var (x, y) = (P(e.Morris.MuStar), P(e.Morris.Sigma));
            var (extent, low) = (P(top) - P(Math.Max(bottom, 1e-300)), P(Math.Max(bottom, 1e-300)));
            if (named.Any(n => Math.Abs(n.X - x) < 0.25 * extent && Math.Abs(n.Y - y) < 0.06 * extent)) continue;
            named.Add((x, y));
            var label = figure.Plot.Add.Text(Figure.Text(e.Parameter.Name, 45), x, y);
            label.LabelFontSize = Figure.TickPoints;
            // Beside its point, not on it: to the upper left of points on the right, to the upper right of the others.
            var right = x - low > 0.6 * extent;
            label.LabelAlignment = right ? Alignment.LowerRight : Alignment.LowerLeft;
            label.LabelOffsetX = right ? -5 : 5;
            label.LabelOffsetY = -3;
        }
        if (log)
        {
            var (xFrom, xTo) = ValueAxis.Decades(figure.Plot.Axes.Bottom, bottom, top);
            var (yFrom, yTo) = ValueAxis.Decades(figure.Plot.Axes.Left, bottom, top);
            figure.Plot.Axes.SetLimits(xFrom, xTo, yFrom, yTo);
        }
        else figure.Plot.Axes.SetLimits(0, top * 1.08, 0, top * 1.08);
        return figure;
    }
}
