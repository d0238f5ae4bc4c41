using NodeSim.Reporting.Plots;
using NodeSim.Tests.Cli;
using ScottPlot;
using Layout = NodeSim.Reporting.Plots.Layout;

namespace NodeSim.Tests.Reporting;

/// <summary>
/// The plotting rules, checked on every figure of two real campaigns (several sweep keys, eight stacks, every kind) from
/// ScottPlot's own layout: the data area keeps at least half the image, the legend and every label lie inside the figure and
/// outside the data, the legend lists only what is drawn and at most <see cref="LegendStrip.MaxEntries"/> entries, and a stack
/// or a cause wears one colour in every figure of both campaigns.
/// </summary>
[NonParallelizable]
public class FigureLayoutTests
{
    private const string Eight = "[ideal, native-linux, native-linux-tuned, native-kitten, hafnium-linux, hafnium-linux-tuned, hafnium-linux-linuxguest, hafnium-kitten]";

    private static readonly string CampaignA = $$"""
        campaign: layout-a
        seed: 5
        replications: 2
        scenarios:
          - name: two-keys
            kind: job
            interconnect: hpc
            stacks: {{Eight}}
            window_s: 0.05
            sweep:
              ranks: [4, 64, 1024]
              profile: [bsp-allreduce, io]
          - name: one-point
            kind: job
            stacks: {{Eight}}
            profile: io
            ranks: 16
            window_s: 0.1
          - name: replay
            kind: replay
            stacks: {{Eight}}
            replications: 1
            trace: synthetic:hpc?jobs=120&nodes=16&seed=7
            policy: fcfs
            backfill: easy
          - name: serve
            kind: edge
            stacks: [native-linux, native-kitten, hafnium-linux, hafnium-kitten]
            trace: synthetic:edge?requests=2000&service=exponential&service_median_seconds=0.0001386
            sweep:
              load: [0.3, 0.8]
              cores: [2, 4]
          - name: study
            kind: sensitivity
            stacks: [hafnium-linux, hafnium-kitten]
            compare_to: hafnium-kitten
            profile: bsp-allreduce
            ranks: 64
            window_s: 0.05
            replications: 1
            sensitivity: {trajectories: 2}
        """;

    // The stacks in another order, and other scenarios: colours must follow the names, not the positions.
    private const string CampaignB = """
        campaign: layout-b
        seed: 9
        replications: 3
        scenarios:
          - name: switch
            kind: job
            interconnect: hpc
            stacks: [hafnium-kitten, hafnium-linux-linuxguest, hafnium-linux]
            profile: io
            ranks: 16
            window_s: 0.1
            sweep:
              stack.hypervisor.world_switch_cycles: [1000, 3000]
          - name: lone
            kind: job
            stacks: [hafnium-kitten]
            profile: compute
            ranks: 4
            window_s: 0.1
        """;

    private static TempDir dir = null!;
    private static readonly Dictionary<string, List<(string Scenario, PlannedFigure Figure)>> Plans = [];

    [OneTimeSetUp]
    public void RunBothCampaigns()
    {
        dir = new TempDir();
        foreach (var (name, yaml) in new[] { ("a", CampaignA), ("b", CampaignB) })
        {
            var output = Path.Combine(dir.Path, name);
            var run = NodeSimInProcess.Run("run", dir.File(name + ".yaml", yaml), "--out", output, "--workers", "2");
            Assert.That(run.ExitCode, Is.Zero, run.Stderr);
            var outputs = Contexts.BuiltIn.Outputs;
            Plans[name] = outputs.Plots(null!, outputs.Read(output), PlotOptions.Default).Plan();
        }
    }

    [OneTimeTearDown]
    public void Remove() => dir.Dispose();

    private static IEnumerable<(string Campaign, string File, Figure Figure)> Drawn() =>
        Plans.SelectMany(p => p.Value.Where(f => f.Figure.Draw is not null).Select(f => (p.Key, f.Figure.File, f.Figure.Draw!())));

    [TestCase("wide")]
    [TestCase("column")]
    public void EveryFigureKeepsHalfTheImageForDataAndEveryLabelInsideTheFigureAndOutsideTheData(string size)
    {
        var options = PlotOptions.Default with { Size = FigureSize.Parse(size, "--size") };
        var outputs = Contexts.BuiltIn.Outputs;
        var figures = Plans.Keys.SelectMany(campaign => outputs.Plots(null!, outputs.Read(Path.Combine(dir.Path, campaign)), options).Plan()
            .Where(f => f.Figure.Draw is not null).Select(f => (campaign, f.Figure.File, f.Figure.Draw!()))).ToList();
        var checkedFigures = 0;
        Assert.Multiple(() =>
        {
            foreach (var (campaign, file, figure) in figures)
            {
                figure.Render(FigureFormat.Png);
                var render = figure.Plot.RenderManager.LastRender;
                var (w, h) = (figure.Size.WidthPoints, figure.HeightPoints);
                var data = render.DataRect;
                var name = $"{campaign}/{file}";
                // A column is half as wide for the same fonts and legend: its data area is not held to half.
                if (size == "wide")
                    Assert.That(data.Width * data.Height, Is.GreaterThanOrEqualTo(0.5 * w * h), $"{name}: the data area ({data}) keeps half of {w} × {h}");
                Assert.That(data.Height, Is.GreaterThan(0.15 * h), $"{name}: the data area ({data}) is not squeezed flat");
                using var paint = ScottPlot.Paint.NewDisposablePaint();
                foreach (var (panel, size) in render.Layout.PanelSizes)
                {
                    var rect = panel.GetPanelRect(data, size, render.Layout.PanelOffsets[panel], paint);
                    Assert.That(Inside(rect, w, h), Is.True, $"{name}: {panel.GetType().Name} at {rect} lies inside the figure");
                }
                var legend = figure.Legend.LastRect;
                if (figure.Legend.Entries.Count > 0)
                {
                    Assert.That(Inside(legend, w, h), Is.True, $"{name}: the legend at {legend} lies inside the figure");
                    Assert.That(legend.Bottom, Is.LessThanOrEqualTo(data.Top + 0.5f), $"{name}: the legend lies above the data area");
                }
                Assert.That(figure.Legend.Entries, Has.Count.LessThanOrEqualTo(LegendStrip.MaxEntries), $"{name}: legend entries are capped");
                Assert.That(Layout.TextWidth(figure.Plot.Axes.Title.Label.Text, Figure.TitlePoints), Is.LessThanOrEqualTo(2 * Math.Min(data.HorizontalCenter, w - data.HorizontalCenter)),
                    $"{name}: the title, centred on the data, fits the figure");
                Assert.That(Layout.TextWidth(figure.Plot.Axes.Left.Label.Text, Figure.LabelPoints), Is.LessThanOrEqualTo(data.Height + 2 * data.Top),
                    $"{name}: the y title, centred on the data, fits the figure's height");
                foreach (var tick in figure.Plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor && t.Label.Length > 0))
                {
                    var x = data.Left + (float)((tick.Position - render.AxisLimits.Left) / (render.AxisLimits.Right - render.AxisLimits.Left)) * data.Width;
                    if (x < data.Left - 0.5f || x > data.Right + 0.5f) continue;
                    var widest = tick.Label.Split('\n').Max(l => Layout.TextWidth(l, Figure.TickPoints));
                    var slanted = figure.Plot.Axes.Bottom.TickLabelStyle.Rotation != 0;
                    // A level label is centred on its tick; a slanted one ends at it.
                    Assert.That(slanted ? x - widest * MathF.Cos(40 * MathF.PI / 180) : x - widest / 2, Is.GreaterThanOrEqualTo(-0.5f), $"{name}: tick '{tick.Label}' starts inside the figure");
                    Assert.That(slanted ? x : x + widest / 2, Is.LessThanOrEqualTo(w + 0.5f), $"{name}: tick '{tick.Label}' ends inside the figure");
                }
                checkedFigures++;
            }
        });
        Assert.That(checkedFigures, Is.GreaterThan(25), "every kind's figures were drawn");
    }

    [Test]
    public void TheLegendListsOnlyWhatIsDrawnAndAStackOrCauseWearsOneColourInBothCampaigns()
    {
        var colours = new Dictionary<string, HashSet<Color>>();
        var campaignsOf = new Dictionary<string, HashSet<string>>();
        Assert.Multiple(() =>
        {
            foreach (var (campaign, file, figure) in Drawn())
            {
                var drawn = DrawnColours(figure.Plot);
                foreach (var entry in figure.Legend.Entries.Where(e => e.Colour != Colors.Transparent))
                {
                    Assert.That(drawn, Does.Contain(entry.Colour), $"{campaign}/{file}: legend entry '{entry.Label}' is drawn");
                    colours.TryAdd(entry.Label, []);
                    colours[entry.Label].Add(entry.Colour);
                    campaignsOf.TryAdd(entry.Label, []);
                    campaignsOf[entry.Label].Add(campaign);
                }
            }
            foreach (var (label, seen) in colours) Assert.That(seen, Has.Count.EqualTo(1), $"'{label}' wears one colour in every figure");
        });
        Assert.That(campaignsOf.Where(c => c.Value.Count == 2).Select(c => c.Key), Is.SupersetOf(new[] { "hafnium-kitten", "hafnium-linux", "world switches" }),
            "stacks and causes are compared across the two campaigns");
    }

    [Test]
    public void FiguresThatWouldShowNothingAreNotDrawnAndTheSummarySaysWhy()
    {
        var lone = Plans["b"].Single(p => p.Scenario == "lone" && p.Figure.File == "lone-overhead").Figure;
        Assert.That(lone.Draw is null, Is.True, "one bar is no figure");
        Assert.That(lone.Omitted, Does.StartWith("one value (hafnium-kitten: "));
        var timelines = Plans["a"].Where(p => p.Figure.File.StartsWith("replay-timeline-", StringComparison.Ordinal)).ToList();
        Assert.That(timelines.Count(t => t.Figure.Draw is null), Is.GreaterThan(0), "a stack whose schedule is another's gets no timeline of its own");
        Assert.That(timelines.Where(t => t.Figure.Draw is null).Select(t => t.Figure.Omitted), Has.All.StartWith("the same schedule as under "));
        var summary = File.ReadAllText(Path.Combine(dir.Path, "b", "summary.md"));
        Assert.That(summary, Does.Contain("*overhead by stack: no figure, one value (hafnium-kitten: "));
    }

    [Test]
    public void AnExtraSweepKeyGetsAFigureOfItsOwnPerValue()
    {
        var panels = Plans["a"].Where(p => p.Figure.File.StartsWith("two-keys-vs-ranks", StringComparison.Ordinal)).Select(p => p.Figure.Caption).ToList();
        Assert.That(panels, Is.EquivalentTo(new[] { "overhead against ranks at profile = bsp-allreduce", "overhead against ranks at profile = io" }));
    }

    private static bool Inside(PixelRect rect, float w, float h) =>
        rect.Left >= -0.5f && rect.Right <= w + 0.5f && rect.Top >= -0.5f && rect.Bottom <= h + 0.5f;

    /// <summary>Every colour a plottable of the plot draws with.</summary>
    private static HashSet<Color> DrawnColours(Plot plot)
    {
        var colours = new HashSet<Color>();
        foreach (var p in plot.GetPlottables())
            switch (p)
            {
                case ScottPlot.Plottables.BarPlot bars: colours.UnionWith(bars.Bars.Select(b => b.FillColor)); break;
                case ScottPlot.Plottables.Scatter scatter: colours.Add(scatter.Color); break;
                case ScottPlot.Plottables.Markers markers: colours.Add(markers.MarkerStyle.FillColor); colours.Add(markers.MarkerStyle.LineColor); break;
                case ScottPlot.Plottables.Rectangle box: colours.Add(box.FillColor); break;
                case ScottPlot.Plottables.LinePlot line: colours.Add(line.LineColor); break;
            }
        return colours;
    }
}
