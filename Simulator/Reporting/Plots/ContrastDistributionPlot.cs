using NodeSim.Reporting.Sensitivity;
using NodeSim.Engine;
using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// A sensitivity study's contrast over its samples, as an empirical CDF per base point, one figure per contrast: where the
/// curve crosses zero is the share of the box in which the ranking flips.
/// </summary>
public sealed class ContrastDistributionPlot : ScenarioPlot
{
    public override string Name => "contrast-distribution";
    public override string Description => "a sensitivity study's contrast over its samples, as a CDF per base point, for each contrast";

    public override IEnumerable<PlannedFigure> Plan(PlotInput input)
    {
        var studies = SensitivityAnalysis.Of(input.Scenario, input.Rows, input.Kind.Headline.Metric);
        foreach (var group in studies.Where(s => s.Contrast is not null).GroupBy(s => s.Stack))
            yield return new PlannedFigure($"{input.Stem}-contrast-{FileNames.Sanitize(group.Key)}", $"{group.Key} against {group.First().Reference} over the samples",
                () => Draw(input, [.. group]));
    }

    private static Figure Draw(PlotInput input, IReadOnlyList<ContrastStudy> studies)
    {
        var first = studies[0];
        var unit = SensitivityMarkdown.ContrastUnit(first.Measure, input.Kind.Metrics.First(m => m.Name == input.Kind.Headline.Metric).Unit);
        var figure = input.Style.NewFigure($"{first.Stack} − {first.Reference} over the Morris samples", $"contrast ({unit}; above 0: {first.Stack} loses more)", "fraction of samples");
        figure.Plot.Add.VerticalLine(0, 1, Colors.Gray);
        for (var i = 0; i < studies.Count; i++)
        {
            var values = studies[i].Samples.Where(double.IsFinite).Order().ToArray();
            if (values.Length == 0) continue;
            var ys = values.Select((_, k) => (k + 1.0) / values.Length).ToArray();
            var look = Palette.Series(i);
            var line = figure.Plot.Add.ScatterLine(values, ys, look.Colour);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 1.5f;
            line.LinePattern = i % 2 == 0 ? LinePattern.Solid : LinePattern.Dashed;
            figure.Legend.Add(LegendEntry.Line(studies[i].Study.Base.Count == 0 ? "all samples" : Figure.Text(studies[i].At.Trim()[3..], 48),
                look with { Marker = MarkerShape.None, Pattern = line.LinePattern }));
        }
        figure.Plot.Axes.SetLimitsY(0, 1);
        return figure;
    }
}
