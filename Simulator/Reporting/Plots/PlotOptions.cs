namespace NodeSim.Reporting.Plots;

/// <summary>How a value axis is scaled: chosen from the data (log when the values span more than <see cref="ValueAxis.LogSpan"/>×), or as told.</summary>
public enum AxisScale { Auto, Log, Linear }

/// <summary>
/// What the reader of a campaign's figures chose (<c>nodesim plot</c>'s options); <see cref="Default"/> is what <c>nodesim
/// run</c> draws.
/// </summary>
/// <param name="YScale">The scale of every value axis.</param>
/// <param name="Stacks">The stacks to draw, or null for every stack of each scenario.</param>
/// <param name="Size">The size of every figure, or null for each figure's own (<see cref="FigureSize.Wide"/>).</param>
/// <param name="Formats">The files written per figure; the first is the one <c>summary.md</c> shows.</param>
public sealed record PlotOptions(AxisScale YScale, IReadOnlySet<string>? Stacks, FigureSize? Size, IReadOnlyList<FigureFormat> Formats)
{
    public static readonly PlotOptions Default = new(AxisScale.Auto, null, null, FigureFormats.Default);
}
