using ScottPlot;
using ScottPlot.TickGenerators;

namespace NodeSim.Reporting.Plots;

/// <summary>Scenarios whose kind has a ledger: its parts as stacked bars per point and stack (causes that are zero everywhere left out).</summary>
public sealed class LedgerPlot : ScenarioPlot
{
    public override string Name => "ledger";
    public override string Description => "the kind's ledger as stacked bars by part, per point and stack (kinds with a ledger)";

    public override IEnumerable<PlannedFigure> Plan(PlotInput input)
    {
        if (!input.PointsAreSettings) yield break;
        if (input.Kind.Ledger is { } ledger) yield return new PlannedFigure(input.Stem + ledger.FileSuffix, ledger.Caption, () => Draw(input, ledger));
    }

    private static Figure Draw(PlotInput input, Engine.Ledger ledger)
    {
        var (scenario, rows) = (input.Scenario, input.Rows);
        var points = Layout.Points(scenario, rows);
        var parts = ledger.Parts.Where(p => rows.Any(r => r.Metric == p.Metric && r.Estimate.Mean > 0)).ToList();
        var figure = new Figure($"{scenario.Name}: {ledger.Title}", Layout.PointAxis(scenario, ""), ledger.Axis);
        var n = scenario.Stacks.Count;
        var bars = new List<Bar>();
        var positions = new List<double>();
        var labels = new List<string>();
        for (var g = 0; g < points.Count; g++)
            for (var s = 0; s < n; s++)
            {
                var position = Layout.Slot(g, s, n).Position;
                var bottom = 0.0;
                for (var c = 0; c < parts.Count; c++)
                {
                    var value = rows.FirstOrDefault(r => r.Point == points[g].Point && r.Stack == scenario.Stacks[s] && r.Metric == parts[c].Metric)?.Estimate.Mean ?? 0;
                    if (value <= 0) continue;
                    bars.Add(new Bar { Position = position, ValueBase = bottom, Value = bottom + value, FillColor = Palette.Part(parts[c].Label), LineWidth = 0 });
                    bottom += value;
                }
                positions.Add(position);
                labels.Add(points.Count == 1 ? scenario.Stacks[s] : $"{points[g].Label} · {scenario.Stacks[s]}");
            }
        figure.Plot.Add.Bars(bars);
        figure.Plot.Axes.Bottom.TickGenerator = Layout.Ticks(positions, labels);
        if (points.Count > 1 || n > 5) Layout.Slant(figure, labels);
        for (var c = 0; c < parts.Count; c++)
            figure.Plot.Legend.ManualItems.Add(new LegendItem { LabelText = parts[c].Label, FillColor = Palette.Part(parts[c].Label) });
        figure.Plot.ShowLegend(Alignment.UpperLeft);
        figure.Plot.Axes.Margins(bottom: 0);
        return figure;
    }
}
