using NodeSim.Engine;
using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>Small replays (up to <see cref="MaxJobs"/> jobs on <see cref="MaxNodes"/> nodes): the jobs on the nodes over time, one plot per stack (point 0, replica 0).</summary>
public sealed class TimelinePlot : ScenarioPlot
{
    /// <summary>Replays up to this many jobs and nodes get a timeline.</summary>
    public const int MaxJobs = 1000, MaxNodes = 128;

    public override string Name => "timeline";
    public override string Description => $"jobs on nodes over time per stack, for workloads of up to {MaxJobs:N0} jobs on {MaxNodes} nodes";

    public override IEnumerable<PlannedFigure> Plan(PlotInput input)
    {
        if (!input.Kind.RowsAreJobs) yield break;
        foreach (var stack in input.Scenario.Stacks)
        {
            var run = input.Jobs.Where(j => j.Stack == stack && j.Point == 0 && j.Replica == 0).ToList();
            if (run.Count is > 0 and <= MaxJobs && run.Max(j => j.Nodes) <= MaxNodes)
                yield return new PlannedFigure($"{input.Stem}-timeline-{FileNames.Sanitize(stack)}", $"timeline under {stack}", () => Draw(input.Scenario, stack, run));
        }
    }

    private static Figure Draw(ScenarioInfo scenario, string stack, List<JobRecord> jobs)
    {
        var placements = NodeTimeline.Place(jobs);
        var profiles = jobs.Select(j => j.Profile).Distinct().Order(StringComparer.Ordinal).ToList();
        var origin = jobs.Min(j => j.SubmitS);
        var figure = new Figure($"{scenario.Name}: jobs on nodes under {stack} (point 0, replica 0)", "time since first submission (h)", "node");
        foreach (var p in placements)
            foreach (var (first, count) in p.Ranges)
            {
                var box = figure.Plot.Add.Rectangle((p.Job.StartS - origin) / 3600, (p.Job.EndS - origin) / 3600, first, first + count);
                box.FillColor = Figure.Colour(profiles.IndexOf(p.Job.Profile));
                box.LineColor = Colors.White;
                box.LineWidth = 0.5f;
            }
        foreach (var (profile, i) in profiles.Select((p, i) => (p, i)))
            figure.Plot.Legend.ManualItems.Add(new LegendItem { LabelText = profile.Length == 0 ? "job" : profile, FillColor = Figure.Colour(i) });
        figure.Plot.ShowLegend(Edge.Right);
        figure.Plot.Axes.Margins(0, 0);
        return figure;
    }
}
