using System.Globalization;
using NodeSim.Engine;
using NodeSim.Models.Isolation;
using NodeSim.Reporting.Campaigns;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace NodeSim.Reporting.Plots;

/// <summary>A plot written for a scenario.</summary>
public sealed record PlotFile(string Scenario, string Caption, string Png);

/// <summary>
/// The plots of a campaign, chosen by scenario kind and sweep: overhead by stack with 95% CI error
/// bars and the ledger by cause for every scenario; overhead against ranks (log scale) or against
/// a numeric swept parameter; for replays, CDFs of bounded slowdown and wait per stack, and a
/// timeline of jobs on nodes when the replay is small. Drawn from the summary and job tables
/// alone, so <c>nodesim plot</c> redraws them from a result directory.
/// </summary>
/// <param name="checkReplace">Called with each file's name (<c>name.png</c>, <c>name.svg</c>) before it is written; throws to refuse replacing a file NodeSim did not write.</param>
/// <param name="stackLabels">How legends name each stack (its primary, guest and page policy); a stack without one is named as it is.</param>
public sealed class CampaignPlots(string directory, IReadOnlyList<ScenarioInfo> scenarios, IReadOnlyList<SummaryRow> summary,
    ILookup<string, JobRecord> replayJobs, Action<string>? checkReplace = null, IReadOnlyDictionary<string, string>? stackLabels = null)
{
    private string Label(string stack) => stackLabels?.GetValueOrDefault(stack) ?? stack;

    /// <summary>Replays up to this many jobs and nodes get a timeline.</summary>
    public const int TimelineMaxJobs = 1000, TimelineMaxNodes = 128;

    // One colour per stack, the same in every plot.
    private readonly List<string> _stacks = scenarios.SelectMany(s => s.Stacks).Distinct().ToList();

    /// <summary>Draws every plot, up to <paramref name="threads"/> at a time; the list is in scenario order.</summary>
    /// <exception cref="UserInputException">A plot could not be written (the first such error, as it was raised).</exception>
    public List<PlotFile> DrawAll(int threads = 1)
    {
        var plots = scenarios.SelectMany(Plan).ToList();
        var files = new PlotFile[plots.Count];
        try
        {
            Parallel.For(0, plots.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i => files[i] = plots[i]());
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<UserInputException>().FirstOrDefault() is { } first)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
        return [.. files];
    }

    private string Save(Figure figure, string name)
    {
        checkReplace?.Invoke(name + ".png");
        checkReplace?.Invoke(name + ".svg");
        return figure.Save(directory, name);
    }

    /// <summary>The plots a scenario gets, each to be drawn independently.</summary>
    private List<Func<PlotFile>> Plan(ScenarioInfo scenario)
    {
        var plots = new List<Func<PlotFile>>();
        var rows = summary.Where(r => r.Scenario == scenario.Name).ToList();
        if (rows.Count == 0) return plots;   // every run of it failed
        var stem = FileNames.Sanitize(scenario.Name);
        plots.Add(() => OverheadByStack(scenario, rows, stem));
        if (scenario.Kind == ScenarioKind.Edge)
        {
            plots.Add(() => LatencyQuantiles(scenario, rows, stem));
            plots.Add(() => Ledger(scenario, rows, stem, [.. RunMetrics.EdgeLedgerParts.Select(p => $"p99_request_{p}_us")], "p99_request_", "_us",
                $"{scenario.Name}: where the p99 request's time goes", "µs", "the p99 request's ledger", "-p99-ledger"));
        }
        else plots.Add(() => Ledger(scenario, rows, stem, [.. OverheadCauses.All.Select(c => OverheadCauses.Key(c) + "_pct")], "", "_pct",
            $"{scenario.Name}: overhead by cause (the ledger){(scenario.Kind == ScenarioKind.Replay ? ", mean over jobs" : "")}",
            "overhead (% of ideal run time)", "overhead by cause", "-ledger"));
        if (NumericSweep(scenario, rows) is { } parameter) plots.Add(() => OverheadAgainst(scenario, rows, parameter, stem));
        if (scenario.Kind != ScenarioKind.Replay) return plots;
        var jobs = replayJobs[scenario.Name].ToList();
        if (jobs.Count == 0) return plots;
        plots.Add(() => Cdf(scenario, jobs, j => j.BoundedSlowdown, "bounded slowdown", stem + "-bsld-cdf", shift: 0));
        plots.Add(() => Cdf(scenario, jobs, j => j.WaitS, "wait + 1 (s)", stem + "-wait-cdf", shift: 1));
        foreach (var stack in scenario.Stacks)
        {
            var run = jobs.Where(j => j.Stack == stack && j.Point == 0 && j.Replica == 0).ToList();
            if (run.Count is > 0 and <= TimelineMaxJobs && run.Max(j => j.Nodes) <= TimelineMaxNodes)
                plots.Add(() => Timeline(scenario, stack, run, stem));
        }
        return plots;
    }

    private Color StackColour(string stack) => Figure.Colour(_stacks.IndexOf(stack));

    /// <summary>Points of a scenario in order, labelled by their swept values.</summary>
    private static List<(int Point, string Label)> Points(ScenarioInfo scenario, List<SummaryRow> rows) =>
        [.. rows.GroupBy(r => r.Point).Select(g => (g.Key, Label(scenario, g.First())))];

    private static string Label(ScenarioInfo scenario, SummaryRow row) => scenario.Swept.Count switch
    {
        0 => "",
        1 => row.Parameter(scenario.Swept[0]) ?? "",
        // The axis title names the parameters; a point's label is its values, short enough to read under a group.
        _ => string.Join(", ", scenario.Swept.Select(p => row.Parameter(p))),
    };

    private static string Short(string parameter) => parameter[(parameter.LastIndexOf('.') + 1)..];

    private static double HalfWidth(MeanEstimate e) => double.IsNaN(e.Low) ? 0 : (e.High - e.Low) / 2;

    private static string Ci(IEnumerable<SummaryRow> rows) =>
        rows.Max(r => r.Estimate.N) > 1 ? $", mean and 95% CI over {rows.Max(r => r.Estimate.N)} replications" : "";

    /// <summary>Grouped bars: one group per point, one bar per stack; positions and group centres.</summary>
    private static (double Position, double Centre) Slot(int group, int stack, int stacks) =>
        (group * (stacks + 1) + stack, group * (stacks + 1) + (stacks - 1) / 2.0);

    private PlotFile OverheadByStack(ScenarioInfo scenario, List<SummaryRow> rows, string stem)
    {
        var metric = RunMetrics.Overhead(scenario.Kind);
        var points = Points(scenario, rows);
        var figure = new Figure($"{scenario.Name}: {Headline(scenario.Kind)} by stack{Ci(rows)}",
            scenario.Swept.Count == 0 ? "stack" : string.Join(", ", scenario.Swept), RunMetrics.HeadlineLabel(scenario.Kind));
        var bars = new List<Bar>();
        for (var g = 0; g < points.Count; g++)
            for (var s = 0; s < scenario.Stacks.Count; s++)
                if (rows.FirstOrDefault(r => r.Point == points[g].Point && r.Stack == scenario.Stacks[s] && r.Metric == metric) is { } row)
                    bars.Add(new Bar
                    {
                        Position = Slot(g, s, scenario.Stacks.Count).Position, Value = row.Estimate.Mean, Error = HalfWidth(row.Estimate),
                        FillColor = StackColour(row.Stack),
                    });
        figure.Plot.Add.Bars(bars);
        GroupTicks(figure, scenario, points);
        // Headroom above the tallest bar for the stack legend (a row per stack), so it never hides a bar.
        figure.Plot.Axes.Margins(bottom: 0, top: points.Count == 1 ? 0.1 : Math.Min(0.65, 0.09 * scenario.Stacks.Count));
        return new PlotFile(scenario.Name, $"{Headline(scenario.Kind)} by stack", Save(figure, stem + "-overhead"));
    }

    /// <summary>Group labels under each group (with a stack legend), or stack names when there is one group.</summary>
    private void GroupTicks(Figure figure, ScenarioInfo scenario, List<(int Point, string Label)> points)
    {
        var n = scenario.Stacks.Count;
        if (points.Count == 1)
        {
            figure.Plot.Axes.Bottom.TickGenerator = new NumericManual(
                [.. scenario.Stacks.Select((_, s) => Slot(0, s, n).Position)], [.. scenario.Stacks]);
            return;
        }
        figure.Plot.Axes.Bottom.TickGenerator = new NumericManual(
            [.. points.Select((_, g) => Slot(g, 0, n).Centre)], [.. points.Select(p => p.Label)]);
        // Labels wider than their group would run into each other: slant them.
        if (points.Max(p => p.Label.Length) * 7 > 900 / points.Count) Slant(figure, points.Select(p => p.Label));
        StackLegend(figure, scenario.Stacks);
    }

    /// <summary>Bottom labels at −50°, with room made for the longest (the axis does not size itself for rotated labels).</summary>
    private static void Slant(Figure figure, IEnumerable<string> labels)
    {
        figure.Plot.Axes.Bottom.TickLabelStyle.Rotation = -50;
        figure.Plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        figure.Plot.Axes.Bottom.MinimumSize = 20 + 6.5f * labels.Max(l => l.Length) * MathF.Sin(50 * MathF.PI / 180);
    }

    private void StackLegend(Figure figure, IEnumerable<string> stacks)
    {
        foreach (var stack in stacks)
            figure.Plot.Legend.ManualItems.Add(new LegendItem { LabelText = Label(stack), FillColor = StackColour(stack) });
        figure.Plot.ShowLegend(Alignment.UpperLeft);
    }

    /// <summary>Stacked bars of <paramref name="metrics"/> (a ledger's parts) per point and stack; legends drop <paramref name="prefix"/> and <paramref name="suffix"/>.</summary>
    private PlotFile Ledger(ScenarioInfo scenario, List<SummaryRow> rows, string stem, List<string> metrics, string prefix, string suffix,
        string title, string axis, string caption, string fileSuffix)
    {
        var points = Points(scenario, rows);
        var causes = metrics.Where(m => rows.Any(r => r.Metric == m && r.Estimate.Mean > 0)).ToList();
        var figure = new Figure(title, scenario.Swept.Count == 0 ? "" : string.Join(", ", scenario.Swept), axis);
        var n = scenario.Stacks.Count;
        var bars = new List<Bar>();
        var positions = new List<double>();
        var labels = new List<string>();
        for (var g = 0; g < points.Count; g++)
            for (var s = 0; s < n; s++)
            {
                var position = Slot(g, s, n).Position;
                var bottom = 0.0;
                for (var c = 0; c < causes.Count; c++)
                {
                    var value = rows.FirstOrDefault(r => r.Point == points[g].Point && r.Stack == scenario.Stacks[s] && r.Metric == causes[c])?.Estimate.Mean ?? 0;
                    if (value <= 0) continue;
                    bars.Add(new Bar { Position = position, ValueBase = bottom, Value = bottom + value, FillColor = Figure.Colour(c), LineWidth = 0 });
                    bottom += value;
                }
                positions.Add(position);
                labels.Add(points.Count == 1 ? scenario.Stacks[s] : $"{points[g].Label} · {scenario.Stacks[s]}");
            }
        figure.Plot.Add.Bars(bars);
        figure.Plot.Axes.Bottom.TickGenerator = new NumericManual([.. positions], [.. labels]);
        if (points.Count > 1 || n > 5) Slant(figure, labels);
        for (var c = 0; c < causes.Count; c++)
            figure.Plot.Legend.ManualItems.Add(new LegendItem { LabelText = causes[c][prefix.Length..^suffix.Length].Replace('_', ' '), FillColor = Figure.Colour(c) });
        figure.Plot.ShowLegend(Alignment.UpperLeft);
        figure.Plot.Axes.Margins(bottom: 0);
        return new PlotFile(scenario.Name, caption, Save(figure, stem + fileSuffix));
    }

    /// <summary>The first swept parameter whose values are all numbers, if there is one with at least two points.</summary>
    private static string? NumericSweep(ScenarioInfo scenario, List<SummaryRow> rows) =>
        scenario.Swept.FirstOrDefault(p => rows.Select(r => r.Parameter(p)).Distinct().Count() > 1
            && rows.All(r => double.TryParse(r.Parameter(p), NumberStyles.Float, CultureInfo.InvariantCulture, out _)));

    private PlotFile OverheadAgainst(ScenarioInfo scenario, List<SummaryRow> rows, string parameter, string stem)
    {
        var metric = RunMetrics.Overhead(scenario.Kind);
        var log = parameter == "ranks";
        var others = scenario.Swept.Where(p => p != parameter).ToList();
        var figure = new Figure($"{scenario.Name}: {Headline(scenario.Kind)} against {Short(parameter)}{Ci(rows)}",
            log ? "ranks (log scale)" : parameter, RunMetrics.HeadlineLabel(scenario.Kind));
        double X(SummaryRow r) => double.Parse(r.Parameter(parameter)!, CultureInfo.InvariantCulture);
        // One line per stack (and per value of any other swept parameter), in order of x.
        var series = rows.Where(r => r.Metric == metric)
            .GroupBy(r => (r.Stack, Others: string.Join(", ", others.Select(p => $"{Short(p)}={r.Parameter(p)}"))));
        var style = 0;
        foreach (var line in series)
        {
            var points = line.OrderBy(X).ToList();
            double[] xs = [.. points.Select(r => log ? Math.Log2(X(r)) : X(r))];
            double[] ys = [.. points.Select(r => r.Estimate.Mean)];
            var colour = others.Count == 0 ? StackColour(line.Key.Stack) : Figure.Colour(style);
            var scatter = figure.Plot.Add.Scatter(xs, ys, colour);
            scatter.LegendText = others.Count == 0 ? Label(line.Key.Stack) : $"{Label(line.Key.Stack)}, {line.Key.Others}";
            scatter.LineWidth = 2;
            scatter.MarkerSize = 7;
            if (points.Any(r => HalfWidth(r.Estimate) > 0))
            {
                var errors = figure.Plot.Add.ErrorBar(xs, ys, [.. points.Select(r => HalfWidth(r.Estimate))]);
                errors.Color = colour;
            }
            style++;
        }
        if (log)
        {
            var ranks = rows.Select(X).Distinct().Order().ToList();
            figure.Plot.Axes.Bottom.TickGenerator = new NumericManual([.. ranks.Select(Math.Log2)],
                [.. ranks.Select(r => r.ToString("N0", CultureInfo.InvariantCulture))]);
        }
        figure.Plot.ShowLegend(Alignment.UpperLeft);
        return new PlotFile(scenario.Name, $"{Headline(scenario.Kind)} against {Short(parameter)}", Save(figure, stem + "-vs-" + FileNames.Sanitize(Short(parameter))));
    }

    /// <summary>The headline metric's short name: overhead, or for edge runs the p99 latency.</summary>
    private static string Headline(ScenarioKind kind) => kind == ScenarioKind.Edge ? "p99 latency" : "overhead";

    /// <summary>
    /// Edge runs: each stack's latency distribution through its reported quantiles (p10 … p99.9) on a
    /// log axis — the upper part of the CDF, which is where isolation shows — for the scenario's first point.
    /// </summary>
    private PlotFile LatencyQuantiles(ScenarioInfo scenario, List<SummaryRow> rows, string stem)
    {
        (string Metric, double Q)[] quantiles =
            [("p10_us", 0.1), ("p25_us", 0.25), ("p50_us", 0.5), ("p75_us", 0.75), ("p90_us", 0.9), ("p95_us", 0.95), ("p99_us", 0.99), ("p999_us", 0.999)];
        var first = rows.Min(r => r.Point);
        var figure = new Figure($"{scenario.Name}: latency distribution per stack (quantiles, point {first}){Ci(rows)}", "latency (µs, log scale)", "fraction of requests");
        foreach (var stack in scenario.Stacks)
        {
            var points = quantiles.Select(q => (q.Q, Value: rows.FirstOrDefault(r => r.Point == first && r.Stack == stack && r.Metric == q.Metric)?.Estimate.Mean))
                .Where(p => p.Value > 0).ToList();
            if (points.Count == 0) continue;
            var line = figure.Plot.Add.Scatter(points.Select(p => Math.Log10(p.Value!.Value)).ToArray(), points.Select(p => p.Q).ToArray(), StackColour(stack));
            line.LegendText = Label(stack);
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }
        LogTicks(figure, rows.Where(r => r.Point == first && r.Metric == "p999_us").Select(r => r.Estimate.Mean).DefaultIfEmpty(1).Max(), from: 0);
        figure.Plot.ShowLegend(Alignment.LowerRight);
        return new PlotFile(scenario.Name, "latency distribution", Save(figure, stem + "-latency"));
    }

    /// <summary>Empirical CDF per stack on a log axis (values + <paramref name="shift"/>), all points and replicas pooled.</summary>
    private PlotFile Cdf(ScenarioInfo scenario, List<JobRecord> jobs, Func<JobRecord, double> value, string what, string name, double shift)
    {
        var figure = new Figure($"{scenario.Name}: CDF of {what.Split(' ')[0] switch { "wait" => "wait", _ => what }} per stack", $"{what}, log scale", "fraction of jobs");
        var top = 1.0;
        foreach (var stack in scenario.Stacks)
        {
            var values = jobs.Where(j => j.Stack == stack).Select(j => value(j) + shift).Where(double.IsFinite).Order().ToArray();
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
            var line = figure.Plot.Add.ScatterLine(xs, ys, StackColour(stack));
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2;
            line.LegendText = Label(stack);
        }
        LogTicks(figure, top, from: 0);
        figure.Plot.Axes.SetLimitsY(0, 1.02);
        figure.Plot.ShowLegend(Alignment.LowerRight);
        return new PlotFile(scenario.Name, $"CDF of {what}", Save(figure, name));
    }

    /// <summary>Decade ticks 10^<paramref name="from"/> … on an axis drawn in log10 of the values, up to <paramref name="top"/>.</summary>
    private static void LogTicks(Figure figure, double top, int from)
    {
        var decades = (int)Math.Ceiling(Math.Log10(Math.Max(top, 1)));
        figure.Plot.Axes.Bottom.TickGenerator = new NumericManual([.. Enumerable.Range(from, decades - from + 1).Select(d => (double)d)],
            [.. Enumerable.Range(from, decades - from + 1).Select(d => Math.Pow(10, d).ToString("N0", CultureInfo.InvariantCulture))]);
    }

    private PlotFile Timeline(ScenarioInfo scenario, string stack, List<JobRecord> jobs, string stem)
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
        return new PlotFile(scenario.Name, $"timeline under {stack}", Save(figure, $"{stem}-timeline-{FileNames.Sanitize(stack)}"));
    }
}
