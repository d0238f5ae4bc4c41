using System.Globalization;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// A figure's size on paper. Figures are laid out in points (1/72 in) and their fonts are sized in points, so text reads at
/// its stated size when the figure is placed at this width: <see cref="Wide"/> spans a two-column paper's text (a
/// <c>figure*</c>) or a one-column page, <see cref="Column"/> one column of a two-column paper (IEEE/ACM: 3.3–3.5 in).
/// </summary>
public sealed record FigureSize(string Name, double WidthInches, double HeightInches)
{
    /// <summary>Points per inch: the figure's drawing unit.</summary>
    public const double PointsPerInch = 72;

    /// <summary>The PNG's resolution: enough for print at the figure's size (vector SVG and PDF have none).</summary>
    public const double PngDotsPerInch = 200;

    public static readonly FigureSize Wide = new("wide", 7.0, 3.6);
    public static readonly FigureSize Column = new("column", 3.5, 2.9);

    public float WidthPoints => (float)(WidthInches * PointsPerInch);
    public float HeightPoints => (float)(HeightInches * PointsPerInch);

    /// <summary>"wide", "column" or "WIDTHxHEIGHT" in inches (2–20 each).</summary>
    /// <exception cref="UserInputException">Anything else.</exception>
    public static FigureSize Parse(string text, string option)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t == Wide.Name) return Wide;
        if (t == Column.Name) return Column;
        var parts = t.Split('x');
        if (parts.Length == 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && w is >= 2 and <= 20 && h is >= 1.5 and <= 20)
            return new FigureSize(t, w, h);
        throw new UserInputException($"{option} {text}: expected `wide` (7 × 3.6 in), `column` (3.5 × 2.9 in) or WIDTHxHEIGHT in inches, e.g. 6x3.5 (width 2–20, height 1.5–20)");
    }
}
