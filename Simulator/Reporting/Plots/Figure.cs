using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// A plot in NodeSim's house style — sans font, fixed size, stacks in fixed colours — saved as PNG
/// and SVG together.
/// </summary>
public sealed class Figure
{
    public const int Width = 1000;
    public const int Height = 560;

    public Figure(string title, string xLabel, string yLabel)
    {
        Plot.Font.Set("DejaVu Sans");
        Plot.Title(Text(title, 150));
        Plot.XLabel(Text(xLabel));
        Plot.YLabel(Text(yLabel));
    }

    /// <summary>
    /// Text as a figure shows it: control characters escaped, and cut to what fits its width with "…". The text comes from
    /// campaign files (names of any length); measuring it costs more than linearly in its length, cutting it costs nothing.
    /// </summary>
    public static string Text(string text, int max = 80) => Models.Printable.Of(text, max);

    public Plot Plot { get; } = new();

    /// <summary>Writes <c>name.png</c> and <c>name.svg</c> into <paramref name="subdirectory"/> of <paramref name="output"/>, each atomically; returns the PNG's file name.</summary>
    public string Save(IOutputDirectory output, string subdirectory, string name)
    {
        var png = Plot.GetImageBytes(Width, Height, ImageFormat.Png);
        output.Write($"{subdirectory}/{name}.png", s => s.Write(png));
        var svg = Plot.GetSvgXml(Width, Height);
        output.WriteText($"{subdirectory}/{name}.svg", w => w.Write(svg));
        return name + ".png";
    }

    /// <summary>The figure as PNG bytes and SVG text, for a file of the user's (see <see cref="Save"/> for a result directory).</summary>
    public (byte[] Png, string Svg) Render() => (Plot.GetImageBytes(Width, Height, ImageFormat.Png), Plot.GetSvgXml(Width, Height));

    /// <summary>Category10, the colour cycle of matplotlib, so figures look familiar beside others.</summary>
    public static Color Colour(int index) => new ScottPlot.Palettes.Category10().GetColor(index);
}
