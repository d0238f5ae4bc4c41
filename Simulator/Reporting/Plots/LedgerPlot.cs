using NodeSim.Engine;
using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// Scenarios whose kind has a ledger: its parts as stacked bars. A scenario of one point gets one figure with a bar per stack;
/// one of several points gets a figure per stack with a bar per point, each on its own scale, so a ledger a hundred times
/// smaller than another's is still read (a stacked bar has no log scale: a part's length would depend on what lies under it).
/// The legend lists the parts that show (at least 1 % of some bar); the rest are drawn as one grey "other" part. When a
/// figure's totals span more than <see cref="ShareSpan"/>× (gups' 70 % beside 0.5 % elsewhere), its bars are shares of their
/// totals, each total written above its bar: what a ledger is for, the split, then reads in every bar.
/// </summary>
public sealed class LedgerPlot : ScenarioPlot
{
    /// <summary>A part smaller than this share of every bar it is in cannot be seen; it joins "other".</summary>
    public const double VisibleShare = 0.01;

    /// <summary>Totals spanning more than this factor are drawn as shares (see the class).</summary>
    public const double ShareSpan = 10;

    private static readonly Color Other = Color.FromHex("#E8E8E8");

    public override string Name => "ledger";
    public override string Description => "the kind's ledger as stacked bars by part: one figure per stack across the points, or one of all stacks at a single point";

    public override IEnumerable<PlannedFigure> Plan(PlotInput input)
    {
        if (!input.PointsAreSettings || input.Kind.Ledger is not { } ledger) yield break;
        var points = Layout.Points(input.Scenario, input.Rows);
        if (points.Count == 1)
        {
            yield return new PlannedFigure(input.Stem + ledger.FileSuffix, ledger.Caption, () => Draw(input, ledger, input.Stacks, points, byStack: true));
            yield break;
        }
        foreach (var stack in input.Stacks)
        {
            if (!input.Rows.Any(r => r.Stack == stack && ledger.Parts.Any(p => p.Metric == r.Metric && r.Estimate.Mean > 0))) continue;
            var file = input.Stacks.Count == 1 ? input.Stem + ledger.FileSuffix : $"{input.Stem}{ledger.FileSuffix}-{FileNames.Sanitize(stack)}";
            yield return new PlannedFigure(file, $"{ledger.Caption} under {stack}", () => Draw(input, ledger, [stack], points, byStack: false));
        }
    }

    /// <summary>One bar per stack at the single point (<paramref name="byStack"/>), or one per point under the single stack.</summary>
    private static Figure Draw(PlotInput input, Engine.Ledger ledger, IReadOnlyList<string> stacks, List<(int Point, string Label)> points, bool byStack)
    {
        var scenario = input.Scenario;
        var slots = byStack ? stacks.Select(s => (Point: points[0].Point, Stack: s, Label: s)).ToList()
            : points.Select(p => (p.Point, Stack: stacks[0], p.Label)).ToList();
        double Value(int point, string stack, string metric) =>
            Math.Max(0, input.Rows.FirstOrDefault(r => r.Point == point && r.Stack == stack && r.Metric == metric)?.Estimate.Mean ?? 0);
        var totals = slots.Select(s => ledger.Parts.Sum(p => Value(s.Point, s.Stack, p.Metric))).ToList();
        // The parts that show somewhere, largest first in the legend's order of the ledger; at most a legend's worth.
        var visible = ledger.Parts.Where(p => slots.Select((s, i) => totals[i] > 0 && Value(s.Point, s.Stack, p.Metric) >= VisibleShare * totals[i]).Any(v => v))
            .OrderByDescending(p => slots.Max(s => Value(s.Point, s.Stack, p.Metric))).Take(LegendStrip.MaxEntries - 1).ToHashSet();
        var positive = totals.Where(t => t > 0).ToList();
        var shares = input.Style.Options.YScale != AxisScale.Linear && positive.Count > 1 && positive.Max() / positive.Min() > ShareSpan;
        var title = byStack ? $"{scenario.Name}: {ledger.Title}{Layout.At(scenario, input.Rows.First(r => r.Point == points[0].Point))}"
            : $"{scenario.Name}: {ledger.Title} under {stacks[0]}";
        if (shares) title += $"; totals above the bars, {ledger.Axis}";
        var figure = input.Style.NewFigure(title, byStack ? "" : Layout.PointAxis(scenario, ""),   // stacks by name need no axis title
            shares ? "share of the bar's total (%)" : ledger.Axis);
        double Scaled(double value, int slot) => shares ? 100 * value / totals[slot] : value;
        var bars = new List<Bar>();
        var otherDrawn = false;
        for (var i = 0; i < slots.Count; i++)
        {
            var bottom = 0.0;
            foreach (var part in ledger.Parts.Where(visible.Contains))
            {
                var value = Value(slots[i].Point, slots[i].Stack, part.Metric);
                if (value <= 0) continue;
                value = Scaled(value, i);
                bars.Add(new Bar { Position = i, ValueBase = bottom, Value = bottom + value, FillColor = Palette.Part(part.Label), LineWidth = 0 });
                bottom += value;
            }
            var top = Scaled(totals[i], i);
            if (top - bottom > 1e-12 * Math.Max(1, top))
            {
                bars.Add(new Bar { Position = i, ValueBase = bottom, Value = top, FillColor = Other, LineWidth = 0 });
                otherDrawn = true;
            }
            if (shares && totals[i] > 0)
            {
                var total = figure.Plot.Add.Text(NumberText.Number(totals[i]), i, top);
                total.LabelFontSize = Figure.TickPoints;
                total.LabelAlignment = Alignment.LowerCenter;
                total.LabelOffsetY = -2;
            }
        }
        figure.Plot.Add.Bars(bars);
        Layout.MarkFlagged(figure, input, slots.Select((s, i) => (s.Point, s.Stack, (double)i, Scaled(totals[i], i) * 1.04)));
        foreach (var part in ledger.Parts.Where(visible.Contains)) figure.Legend.Add(LegendEntry.Box(part.Label, Palette.Part(part.Label)));
        if (otherDrawn) figure.Legend.Add(LegendEntry.Box($"other (each < {NumberText.Percent(VisibleShare)} of a bar)", Other));
        Layout.CategoryTicks(figure, [.. slots.Select((_, i) => (double)i)], [.. slots.Select(s => s.Label)], slots.Count);
        if (shares)
        {
            figure.Plot.Axes.SetLimitsY(0, 112);
            figure.Plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([0, 25, 50, 75, 100], ["0", "25", "50", "75", "100"]);
        }
        else figure.Plot.Axes.Margins(bottom: 0, top: 0.1);
        return figure;
    }
}
