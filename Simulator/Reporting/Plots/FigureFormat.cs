namespace NodeSim.Reporting.Plots;

/// <summary>A file format a figure is written in: PNG for screens, SVG and PDF (vector, fonts embedded) for papers.</summary>
public enum FigureFormat { Png, Svg, Pdf }

/// <summary>Reading a list of formats as the command line writes it.</summary>
public static class FigureFormats
{
    /// <summary>What a campaign writes unless told otherwise.</summary>
    public static readonly IReadOnlyList<FigureFormat> Default = [FigureFormat.Png, FigureFormat.Svg];

    /// <summary>The file extension, with its dot.</summary>
    public static string Extension(this FigureFormat format) => "." + format.ToString().ToLowerInvariant();

    /// <summary>"png,svg,pdf" or any part of it, in that order whatever order it was given in.</summary>
    /// <exception cref="UserInputException">An unknown format, or none.</exception>
    public static IReadOnlyList<FigureFormat> Parse(string text, string option)
    {
        var formats = new SortedSet<FigureFormat>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<FigureFormat>(part, ignoreCase: true, out var format) || !Enum.IsDefined(format) || part.All(char.IsDigit))
                throw new UserInputException($"{option} {text}: unknown format `{part}`; expected a comma-separated list of png, svg, pdf");
            formats.Add(format);
        }
        if (formats.Count == 0) throw new UserInputException($"{option}: expected a comma-separated list of png, svg, pdf");
        return [.. formats];
    }
}
