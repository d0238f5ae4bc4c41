using NodeSim.Engine;
using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// Small replays (up to <see cref="MaxJobs"/> jobs on <see cref="MaxNodes"/> nodes): the jobs on the nodes over time (point 0,
/// replica 0), job profiles in colours of their own. A stack whose schedule is the same as one already drawn (no job starts
/// more than <see cref="SameSchedule"/> of the span apart) gets no figure of its own; the summary says whose it matches.
/// </summary>
public sealed class TimelinePlot : ScenarioPlot
{
    /// <summary>Replays up to this many jobs and nodes get a timeline.</summary>
    public const int MaxJobs = 1000, MaxNodes = 128;

    /// <summary>Schedules whose jobs all start within this share of the span of each other look the same on a timeline.</summary>
    public const double SameSchedule = 0.005;

    public override string Name => "timeline";
    public override string Description => $"jobs on nodes over time per stack whose schedule differs, for workloads of up to {MaxJobs:N0} jobs on {MaxNodes} nodes";

    public override IEnumerable<PlannedFigure> Plan(PlotInput input)
    {
        if (!input.Kind.RowsAreJobs) yield break;
        var drawn = new List<(string Stack, List<JobRecord> Jobs)>();
        foreach (var stack in input.Stacks)
        {
            var run = input.Jobs.Where(j => j.Stack == stack && j.Point == 0 && j.Replica == 0).OrderBy(j => j.JobId).ToList();
            if (run.Count is 0 or > MaxJobs || run.Max(j => j.Nodes) > MaxNodes) continue;
            var file = $"{input.Stem}-timeline-{FileNames.Sanitize(stack)}";
            if (drawn.FirstOrDefault(d => Same(d.Jobs, run)) is { Stack: { } twin })
            {
                yield return PlannedFigure.Omit(file, $"timeline under {stack}", $"the same schedule as under {twin} (every job starts within {NumberText.Percent(SameSchedule)} of the span)");
                continue;
            }
            drawn.Add((stack, run));
            yield return new PlannedFigure(file, $"timeline under {stack}", () => Draw(input, stack, run));
        }
    }

    private static bool Same(List<JobRecord> a, List<JobRecord> b)
    {
        if (a.Count != b.Count) return false;
        var span = Math.Max(a.Max(j => j.EndS), b.Max(j => j.EndS)) - Math.Min(a.Min(j => j.SubmitS), b.Min(j => j.SubmitS));
        return a.Zip(b).All(p => p.First.JobId == p.Second.JobId && Math.Abs(p.First.StartS - p.Second.StartS) <= SameSchedule * span);
    }

    private static Figure Draw(PlotInput input, string stack, List<JobRecord> jobs)
    {
        var placements = NodeTimeline.Place(jobs);
        var profiles = jobs.Select(j => j.Profile).Distinct().Order(StringComparer.Ordinal).ToList();
        var origin = jobs.Min(j => j.SubmitS);
        var figure = input.Style.NewFigure($"{input.Scenario.Name}: jobs on nodes under {stack} (point 0, replica 0)", "time since first submission (h)", "node");
        foreach (var p in placements)
            foreach (var (first, count) in p.Ranges)
            {
                var box = figure.Plot.Add.Rectangle((p.Job.StartS - origin) / 3600, (p.Job.EndS - origin) / 3600, first, first + count);
                box.FillColor = Palette.Profile(p.Job.Profile);
                box.LineColor = Colors.White;
                box.LineWidth = 0.3f;
            }
        foreach (var profile in profiles) figure.Legend.Add(LegendEntry.Box(profile.Length == 0 ? "job" : profile, Palette.Profile(profile)));
        figure.Plot.Axes.Margins(0, 0);
        return figure;
    }
}
