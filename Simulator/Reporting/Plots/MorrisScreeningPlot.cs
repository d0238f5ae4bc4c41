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
        var unit = SensitivityMarkdown.ContrastUnit(study.Measure, input.Kind.Metrics.First(m => m.Name == input.Kind.Headline.Metric).Unit);
        var figure = new Figure($"{study.Stack} − {study.Reference}{study.At}", $"μ*, mean |effect| over the range ({unit})",
            $"σ, spread of the effects ({unit})");
        var effects = study.Effects.Where(e => double.IsFinite(e.Morris.MuStar) && double.IsFinite(e.Morris.Sigma)).ToList();
        var top = Math.Max(effects.Max(e => Math.Max(e.Morris.MuStar, e.Morris.Sigma)), 1e-12);
        var diagonal = figure.Plot.Add.Line(0, 0, top, top);
        diagonal.Color = Colors.Gray;
        diagonal.LegendText = "σ = μ*";
        var points = figure.Plot.Add.Markers(effects.Select(e => e.Morris.MuStar).ToArray(), effects.Select(e => e.Morris.Sigma).ToArray(),
            MarkerShape.FilledCircle, 9, input.Style.Colour(study.Stack));
        // Names for the leading parameters, each only where no name already stands (points crowd near the origin).
        var named = new List<(double X, double Y)>();
        foreach (var e in effects.Where(e => e.Morris.MuStar > 0).Take(Named))
        {
            if (named.Any(n => Math.Abs(n.X - e.Morris.MuStar) < 0.25 * top && Math.Abs(n.Y - e.Morris.Sigma) < 0.05 * top)) continue;
            named.Add((e.Morris.MuStar, e.Morris.Sigma));
            var label = figure.Plot.Add.Text(Figure.Text(e.Parameter.Name, 45), e.Morris.MuStar, e.Morris.Sigma);
            label.LabelFontSize = 13;
            label.LabelAlignment = e.Morris.MuStar > 0.6 * top ? Alignment.LowerRight : Alignment.LowerLeft;
        }
        figure.Plot.Axes.SetLimits(0, top * 1.08, 0, top * 1.08);
        figure.Plot.ShowLegend(Alignment.UpperLeft);
        return figure;
    }
}
