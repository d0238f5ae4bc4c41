using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// What every plot of a campaign shares: a colour per stack (the same in every plot of the
/// campaign) and how legends name each stack (its primary, guest and page policy).
/// </summary>
/// <param name="stacks">Every stack of the campaign, in order of first appearance.</param>
/// <param name="labels">Legend names by stack; a stack without one is named as it is.</param>
public sealed class PlotStyle(IReadOnlyList<string> stacks, IReadOnlyDictionary<string, string>? labels)
{
    private readonly List<string> _stacks = [.. stacks];

    public Color Colour(string stack) => Figure.Colour(_stacks.IndexOf(stack));

    public string Label(string stack) => Figure.Text(labels?.GetValueOrDefault(stack) ?? stack, 60);

    /// <summary>A legend of <paramref name="shown"/> stacks by colour, in the upper left.</summary>
    public void StackLegend(Figure figure, IEnumerable<string> shown)
    {
        foreach (var stack in shown)
            figure.Plot.Legend.ManualItems.Add(new LegendItem { LabelText = Label(stack), FillColor = Colour(stack) });
        figure.Plot.ShowLegend(Alignment.UpperLeft);
    }
}
