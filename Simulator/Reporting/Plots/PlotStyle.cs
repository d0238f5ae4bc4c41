using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// What every plot of a campaign shares: a colour per stack (keyed by its name, the same in every
/// plot of every campaign) and how legends name each stack (its primary, guest and page policy).
/// </summary>
/// <param name="labels">Legend names by stack; a stack without one is named as it is.</param>
public sealed class PlotStyle(IReadOnlyDictionary<string, string>? labels)
{
    /// <summary>The stack's colour, the same in every plot of every campaign (<see cref="Palette"/>).</summary>
    public Color Colour(string stack) => Palette.Stack(stack);

    public string Label(string stack) => Figure.Text(labels?.GetValueOrDefault(stack) ?? stack, 60);

    /// <summary>A legend of <paramref name="shown"/> stacks by colour, in the upper left.</summary>
    public void StackLegend(Figure figure, IEnumerable<string> shown)
    {
        foreach (var stack in shown)
            figure.Plot.Legend.ManualItems.Add(new LegendItem { LabelText = Label(stack), FillColor = Colour(stack) });
        figure.Plot.ShowLegend(Alignment.UpperLeft);
    }
}
