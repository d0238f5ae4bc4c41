namespace NodeSim.Reporting.Plots;

/// <summary>
/// What every plot of a campaign shares: each stack's look (keyed by its name, the same in every plot of every campaign), the
/// reader's options (scale, size, stack subset) and how a figure is started.
/// </summary>
public sealed class PlotStyle(PlotOptions options)
{
    public PlotOptions Options => options;

    /// <summary>The stack's colour, the same in every plot of every campaign (<see cref="Palette"/>).</summary>
    public ScottPlot.Color Colour(string stack) => Palette.Stack(stack);

    /// <summary>The stack's colour, marker and line pattern.</summary>
    public SeriesLook Look(string stack) => Palette.StackLook(stack);

    /// <summary>A stack as a legend names it: its name (summary.md's stack table says what it runs).</summary>
    public static string Label(string stack) => Figure.Text(stack, 32);

    /// <summary>The scenario's stacks the reader asked to see, in the scenario's order.</summary>
    public IReadOnlyList<string> Stacks(ScenarioInfo scenario) =>
        options.Stacks is null ? scenario.Stacks : [.. scenario.Stacks.Where(options.Stacks.Contains)];

    /// <summary>A new figure at the reader's size, or <paramref name="size"/> (the wide one when none).</summary>
    public Figure NewFigure(string title, string xLabel, string yLabel, FigureSize? size = null) => new(title, xLabel, yLabel, options.Size ?? size);
}
