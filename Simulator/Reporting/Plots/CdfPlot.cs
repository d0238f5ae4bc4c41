using NodeSim.Engine;
using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// Scenarios whose job rows are a workload's jobs (replays): the empirical CDF of one quantity of the jobs per stack, on a log
/// axis (values + <paramref name="shift"/>), every point and replica pooled; each stack in its own line pattern, so curves on
/// top of each other still show. Not drawn when every stack's jobs have the same values.
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
        if (!input.Kind.RowsAreJobs || input.Jobs.Count == 0) yield break;
        var series = input.Stacks.Select(s => (Stack: s, Values: Values(input, s))).Where(s => s.Values.Length > 0).ToList();
        if (series.Count == 0) yield break;
        if (series.Count > 1 && series.All(s => s.Values.AsSpan().SequenceEqual(series[0].Values)))
            yield return PlannedFigure.Omit(input.Stem + suffix, $"CDF of {what}", $"every stack's jobs have the same {@short}s");
        else yield return new PlannedFigure(input.Stem + suffix, $"CDF of {what}", () => Draw(input, series));
    }

    private double[] Values(PlotInput input, string stack) =>
        input.Jobs.Where(j => j.Stack == stack).Select(j => value(j) + shift).Where(double.IsFinite).Order().ToArray();

    private Figure Draw(PlotInput input, List<(string Stack, double[] Values)> series)
    {
        var figure = input.Style.NewFigure($"{input.Scenario.Name}: CDF of {@short} per stack", ValueAxis.Title(what, true), "fraction of jobs");
        var (low, high) = (double.MaxValue, 1.0);
        foreach (var (stack, values) in series)
        {
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
            (low, high) = (Math.Min(low, Math.Max(values[0], 1e-9)), Math.Max(high, values[^1]));
            figure.Line(xs, ys, input.Style.Look(stack) with { Marker = MarkerShape.None }, PlotStyle.Label(stack), steps: true);
        }
        ValueAxis.Decades(figure.Plot.Axes.Bottom, low, high);
        figure.Plot.Axes.SetLimitsY(0, 1);
        return figure;
    }
}
