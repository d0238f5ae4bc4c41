using NodeSim.Reporting.Sensitivity;
using NodeSim.Engine;
using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// A sensitivity study's contrast over its samples, as an empirical CDF per base point: where the curve crosses zero is the share
/// of the box in which the ranking flips. One figure per contrast and per setting of the base points' keys after the first (a
/// study over interconnects × profiles gets a figure per profile, a curve per interconnect), so curves of one scale share an axis.
/// </summary>
public sealed class ContrastDistributionPlot : ScenarioPlot
{
    public override string Name => "contrast-distribution";
    public override string Description => "a sensitivity study's contrast over its samples, as a CDF per base point, a figure per contrast and setting of the later keys";

    public override IEnumerable<PlannedFigure> Plan(PlotInput input)
    {
        var studies = SensitivityAnalysis.Of(input.Scenario, input.Rows, input.Kind.Headline.Metric);
        foreach (var contrast in studies.Where(s => s.Contrast is not null).GroupBy(s => s.Stack))
        {
            var facets = contrast.GroupBy(s => Rest(s)).ToList();
            for (var i = 0; i < facets.Count; i++)
            {
                var facet = facets[i].ToList();
                var file = $"{input.Stem}-contrast-{FileNames.Sanitize(contrast.Key)}{(facets.Count == 1 ? "" : $"-{i + 1}")}";
                var at = facets[i].Key.Length == 0 ? "" : $" at {facets[i].Key}";
                yield return new PlannedFigure(file, $"{contrast.Key} against {facet[0].Reference} over the samples{at}", () => Draw(input, facet, at));
            }
        }
    }

    /// <summary>The base point's keys after the first, "profile = io, ranks = 16": what a figure holds fixed.</summary>
    private static string Rest(ContrastStudy study) => string.Join(", ", study.Study.Base.Skip(1).Select(b => $"{Layout.Short(b.Key)} = {NumberText.TickLabel(b.Value)}"));

    private static Figure Draw(PlotInput input, IReadOnlyList<ContrastStudy> studies, string at)
    {
        var first = studies[0];
        var unit = PlotUnit(SensitivityMarkdown.ContrastUnit(first.Measure, input.Kind.Metrics.First(m => m.Name == input.Kind.Headline.Metric).Unit));
        var figure = input.Style.NewFigure($"{first.Stack} − {first.Reference}{at}", $"contrast ({unit}; above 0: {first.Stack} loses more)", "fraction of samples");
        figure.Plot.Add.VerticalLine(0, 1, Colors.Gray);
        for (var i = 0; i < studies.Count; i++)
        {
            var values = studies[i].Samples.Where(double.IsFinite).Order().ToArray();
            if (values.Length == 0) continue;
            var ys = values.Select((_, k) => (k + 1.0) / values.Length).ToArray();
            // The curve is named by the base point's first key, which the figure varies (the others are in its title).
            var name = studies[i].Study.Base.Count == 0 ? "all samples" : $"{Layout.Short(studies[i].Study.Base[0].Key)} = {studies[i].Study.Base[0].Value}";
            figure.Line(values, ys, Palette.Series(i) with { Marker = MarkerShape.None }, Figure.Text(name, 40), steps: true);
        }
        figure.Plot.Axes.SetLimitsY(0, 1);
        return figure;
    }

    /// <summary>A contrast's unit as an axis names it: percentage points as "pp".</summary>
    public static string PlotUnit(string unit) => unit.Replace("percentage points", "pp", StringComparison.Ordinal);
}
