using ScottPlot;
using SkiaSharp;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// A plot in NodeSim's house style: laid out in points at its paper size (<see cref="FigureSize"/>), sans fonts sized for
/// print (title 10 pt, axis titles 9 pt, ticks and legend 8 pt), the legend in a strip above the data
/// (<see cref="LegendStrip"/>), ticks in one number style; written as PNG, SVG or PDF.
/// </summary>
public sealed class Figure
{
    public const float TitlePoints = 10, LabelPoints = 9, TickPoints = 8, LegendPoints = 8;

    public Figure(string title, string xLabel, string yLabel, FigureSize? size = null)
    {
        Size = size ?? FigureSize.Wide;
        Plot.Font.Set("DejaVu Sans");
        // Each text cut to what fits beside the figure's other parts, so no label leaves the figure.
        Plot.Title(Fit(title, TitlePoints, Size.WidthPoints - 100));  // centred over the data, which the left axis shifts right
        Plot.XLabel(Fit(xLabel.Replace("\n", ", ", StringComparison.Ordinal), LabelPoints, Size.WidthPoints - 60));
        this.yLabel = yLabel;
        Plot.Axes.Title.Label.FontSize = TitlePoints;
        Plot.Axes.Title.Label.Bold = false;
        foreach (var axis in new IAxis[] { Plot.Axes.Bottom, Plot.Axes.Left })
        {
            axis.Label.FontSize = LabelPoints;
            axis.Label.Bold = false;
            axis.TickLabelStyle.FontSize = TickPoints;
        }
        ValueAxis.Linear(Plot.Axes.Bottom);
        ValueAxis.Linear(Plot.Axes.Left);
        // The unused top axis keeps only a margin, not an empty axis's room (the right one: see Render).
        Plot.Axes.Top.MaximumSize = 6;
        Plot.Grid.MajorLineColor = Colors.Black.WithOpacity(0.08);
        Legend = new LegendStrip(Size.WidthPoints, LegendPoints);
        Plot.Axes.AddPanel(Legend);
    }

    /// <summary>
    /// Text as a figure shows it: control characters escaped, and cut to what fits its width with "…". The text comes from
    /// campaign files (names of any length); measuring it costs more than linearly in its length, cutting it costs nothing.
    /// </summary>
    public static string Text(string text, int max = 80) => Models.Printable.Of(text, max);

    /// <summary><paramref name="text"/> (as <see cref="Text"/> shows it), cut with "…" until it is at most <paramref name="width"/> points wide at <paramref name="points"/>.</summary>
    public static string Fit(string text, float points, float width)
    {
        // Each line of a title of several lines is cut on its own.
        if (text.Contains('\n')) return string.Join("\n", text.Split('\n').Select(line => Fit(line, points, width)));
        var shown = Text(text, 200);
        if (Layout.TextWidth(shown, points) <= width) return shown;
        if (width < points) return "";
        // Average glyph width gives the first guess; then shorten until it fits.
        var length = Math.Max(1, (int)(shown.Length * width / Layout.TextWidth(shown, points)));
        while (length > 1 && Layout.TextWidth(shown[..length] + "…", points) > width) length--;
        return shown[..length] + "…";
    }

    private readonly string yLabel;

    public Plot Plot { get; } = new();

    /// <summary>A series drawn in <paramref name="look"/> (as a step curve when <paramref name="steps"/>), named in the legend.</summary>
    public ScottPlot.Plottables.Scatter Line(double[] xs, double[] ys, SeriesLook look, string label, bool steps = false)
    {
        var line = Plot.Add.Scatter(xs, ys, look.Colour);
        line.LineWidth = 1.5f;
        line.LinePattern = look.Pattern;
        line.MarkerShape = look.Marker;
        line.MarkerSize = 5;
        if (steps) line.ConnectStyle = ConnectStyle.StepHorizontal;
        Legend.Add(LegendEntry.Line(label, look));
        return line;
    }

    /// <summary>Its size on paper.</summary>
    public FigureSize Size { get; }

    /// <summary>
    /// Its height as drawn, in points: a named size's (<see cref="FigureSize.Wide"/>, <see cref="FigureSize.Column"/>) grows by
    /// each legend row past two, so a long legend does not squeeze the data flat; a size given in inches is kept.
    /// </summary>
    public float HeightPoints
    {
        get
        {
            if (Size != FigureSize.Wide && Size != FigureSize.Column) return Size.HeightPoints;
            using var paint = Paint.NewDisposablePaint();
            return Size.HeightPoints + Math.Max(0, Legend.Measure(paint) - Legend.Rows(2));
        }
    }

    /// <summary>Its legend: what it draws, by name.</summary>
    public LegendStrip Legend { get; }

    /// <summary>Writes <c>name</c> in each of <paramref name="formats"/> into <paramref name="subdirectory"/> of <paramref name="output"/>, each atomically; returns the first file's name.</summary>
    public string Save(IOutputDirectory output, string subdirectory, string name, IReadOnlyList<FigureFormat> formats)
    {
        foreach (var format in formats)
        {
            var bytes = Render(format);
            output.Write($"{subdirectory}/{name}{format.Extension()}", s => s.Write(bytes));
        }
        return name + formats[0].Extension();
    }

    /// <summary>The figure in <paramref name="format"/>: PNG at <see cref="FigureSize.PngDotsPerInch"/>, SVG and PDF at its size in points.</summary>
    public byte[] Render(FigureFormat format)
    {
        // The y title is centred on the data area, which is what the title, the legend and the bottom axis leave: cut it to that.
        using (var paint = Paint.NewDisposablePaint())
        {
            Plot.YLabel(Fit(yLabel, LabelPoints, HeightPoints - TitlePoints * 2.2f - Legend.Measure(paint) - Math.Max(Plot.Axes.Bottom.MinimumSize, 40) - 20));
            // The right margin takes half the widest bottom tick label where the ticks are known (a log axis's last decade sits on the
            // data's right edge), and the 15 points of an empty axis otherwise.
            var ticks = Plot.Axes.Bottom.TickGenerator is ScottPlot.TickGenerators.NumericManual manual ? manual.Ticks.Where(t => t.IsMajor).ToList() : [];
            Plot.Axes.Right.MinimumSize = Plot.Axes.Right.MaximumSize =
                ticks.Count == 0 ? 15 : Math.Max(6, ticks.Max(t => t.Label.Split('\n').Max(l => Layout.TextWidth(l, TickPoints))) / 2 + 2);
        }
        var (w, h) = (Size.WidthPoints, HeightPoints);
        switch (format)
        {
            case FigureFormat.Png:
                var scale = (float)(FigureSize.PngDotsPerInch / FigureSize.PointsPerInch);
                Plot.ScaleFactor = scale;
                try { return Plot.GetImageBytes((int)Math.Round(w * scale), (int)Math.Round(h * scale), ImageFormat.Png); }
                finally { Plot.ScaleFactor = 1; }
            case FigureFormat.Svg:
                Plot.ScaleFactor = 1;
                // Skia's SVG canvas draws no dash patterns (and says so on standard output, which would corrupt --json): the SVG's
                // lines are solid, told apart by colour and marker; PNG and PDF keep the patterns.
                var lines = Plot.GetPlottables().OfType<IHasLine>().Select(p => (p.LineStyle, p.LineStyle.Pattern)).ToList();
                foreach (var (style, _) in lines) style.Pattern = LinePattern.Solid;
                Legend.SolidLines = true;
                try { return System.Text.Encoding.UTF8.GetBytes(Plot.GetSvgXml((int)w, (int)h)); }
                finally
                {
                    foreach (var (style, pattern) in lines) style.Pattern = pattern;
                    Legend.SolidLines = false;
                }
            default:
                Plot.ScaleFactor = 1;
                using (var stream = new MemoryStream())
                {
                    // No dates in the metadata: the same figure gives the same file.
                    var metadata = new SKDocumentPdfMetadata { Creator = "NodeSim", Producer = "NodeSim", Creation = null, Modified = null };
                    using (var document = SKDocument.CreatePdf(stream, metadata))
                    {
                        var canvas = document.BeginPage(w, h);
                        Plot.Render(canvas, (int)w, (int)h);
                        document.EndPage();
                        document.Close();
                    }
                    return stream.ToArray();
                }
        }
    }
}
