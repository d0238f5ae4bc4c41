using NodeSim.Reporting.Plots;
using ScottPlot;

namespace NodeSim.Tests.Extensions;

/// <summary>A plot NodeSim does not ship: for scenarios that report detours per second, one bar per stack (the first point).</summary>
public sealed class DetourRatePlot : ScenarioPlot
{
    public override string Name => "detour-rate";
    public override string Description => "detours per second by stack (scenarios that report them)";

    public override IEnumerable<PlannedFigure> Plan(PlotInput input)
    {
        if (input.Rows.Any(r => r.Metric == "detours_per_s")) yield return new PlannedFigure(input.Stem + "-detour-rate", "detours per second", () => Draw(input));
    }

    private static Figure Draw(PlotInput input)
    {
        var first = input.Rows.Min(r => r.Point);
        var rows = input.Rows.Where(r => r.Point == first && r.Metric == "detours_per_s").ToList();
        var figure = input.Style.NewFigure($"{input.Scenario.Name}: detours per second", "stack", "detours per second on a core");
        figure.Plot.Add.Bars(rows.Select((r, i) => new Bar { Position = i, Value = r.Estimate.Mean, FillColor = input.Style.Colour(r.Stack) }).ToList());
        figure.Plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. rows.Select((_, i) => (double)i)], [.. rows.Select(r => r.Stack)]);
        return figure;
    }
}
