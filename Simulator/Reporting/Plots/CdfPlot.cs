using NodeSim.Engine;
using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// Scenarios whose job rows are a workload's jobs (replays): the empirical CDF of one quantity of
/// the jobs per stack, on a log axis (values + <paramref name="shift"/>), every point and replica pooled.
/// </summary>
/// <param name="what">The quantity and its unit as the axis names it, e.g. "wait + 1 (s)".</param>
/// <param name="short">Its name in the title: "wait".</param>
/// <param name="suffix">Added to the scenario's name for the file: <c>-wait-cdf</c>.</param>
public sealed class CdfPlot(string name, string what, string @short, string suffix, Func<JobRecord, double> value, double shift) : ScenarioPlot
{
    public override string Name => name;
    public override string Description => $"the CDF of the jobs' {@short} per stack, on a log axis (scenarios whose rows are a workload's jobs)";

    public override IEnumerable<PlannedFigure> Plan(PlotInput input)
    {
        if (input.Kind.RowsAreJobs && input.Jobs.Count > 0) yield return new PlannedFigure(input.Stem + suffix, $"CDF of {what}", () => Draw(input));
    }

    private Figure Draw(PlotInput input)
    {
        var figure = new Figure($"{input.Scenario.Name}: CDF of {@short} per stack", $"{what}, log scale", "fraction of jobs");
        var top = 1.0;
        foreach (var stack in input.Scenario.Stacks)
        {
            var values = input.Jobs.Where(j => j.Stack == stack).Select(j => value(j) + shift).Where(double.IsFinite).Order().ToArray();
            if (values.Length == 0) continue;
            // At most 600 steps: the quantiles, so the curve stays exact in shape and the SVG small.
            var steps = Math.Min(values.Length, 600);
            var xs = new double[steps];
            var ys = new double[steps];
            for (var k = 0; k < steps; k++)
            {
                var i = (int)((long)(k + 1) * values.Length / steps) - 1;
                xs[k] = Math.Log10(Math.Max(values[i], 1e-9));
                ys[k] = (i + 1.0) / values.Length;
            }
            top = Math.Max(top, values[^1]);
            var line = figure.Plot.Add.ScatterLine(xs, ys, input.Style.Colour(stack));
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2;
            line.LegendText = input.Style.Label(stack);
        }
        Layout.LogTicks(figure, top, from: 0);
        figure.Plot.Axes.SetLimitsY(0, 1.02);
        figure.Plot.ShowLegend(Alignment.LowerRight);
        return figure;
    }
}
