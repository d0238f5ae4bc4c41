using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>What a legend entry shows beside its label.</summary>
public enum LegendSymbol { Box, Line, Marker }

/// <summary>An entry of a legend: a filled box (bars), a line with its pattern and marker (series), or a marker alone (points).</summary>
public sealed record LegendEntry(string Label, Color Colour, LegendSymbol Symbol, LinePattern Pattern, MarkerShape Marker)
{
    public static LegendEntry Box(string label, Color colour) => new(label, colour, LegendSymbol.Box, LinePattern.Solid, MarkerShape.None);

    public static LegendEntry Line(string label, SeriesLook look) => new(label, look.Colour, LegendSymbol.Line, look.Pattern, look.Marker);

    public static LegendEntry Point(string label, Color colour, MarkerShape marker) => new(label, colour, LegendSymbol.Marker, LinePattern.Solid, marker);
}

/// <summary>
/// The legend as a strip of entries between the title and the data area, wrapped into rows over the figure's width: it never
/// covers data, takes only the rows it needs, and lists only what the figure draws. At most <see cref="MaxEntries"/> entries;
/// a figure with more series says so in its last entry. ScottPlot's own edge legend reserves rows it does not fill, so the
/// strip measures and draws itself.
/// </summary>
public sealed class LegendStrip(float figureWidth, float fontSize) : IPanel
{
    /// <summary>The most entries a legend lists: beyond it a reader cannot match colours to names.</summary>
    public const int MaxEntries = 10;

    private const float Symbol = 24, Gap = 4, Spacing = 12, Margin = 6, RowPadding = 3;

    private readonly List<LegendEntry> added = [];

    /// <summary>The entries it lists, in order: all added, or the first <see cref="MaxEntries"/> − 1 and a count of the rest.</summary>
    public IReadOnlyList<LegendEntry> Entries => added.Count <= MaxEntries ? added
        : [.. added.Take(MaxEntries - 1), LegendEntry.Box($"… and {added.Count - MaxEntries + 1} more (see summary.md)", Colors.Transparent)];

    /// <summary>Where it was last drawn, in figure points (for checks that it lies inside the figure and outside the data).</summary>
    public PixelRect LastRect { get; private set; }

    /// <summary>Draws every line solid (for a canvas that cannot draw dashes).</summary>
    public bool SolidLines { get; set; }

    public bool IsVisible { get; set; } = true;
    public Edge Edge => Edge.Top;
    public bool ShowDebugInformation { get; set; }
    public float MinimumSize { get; set; }
    public float MaximumSize { get; set; } = float.MaxValue;

    /// <summary>Adds an entry; past <see cref="MaxEntries"/> the last entry counts those left out.</summary>
    public void Add(LegendEntry entry)
    {
        added.Add(entry);
    }

    private LabelStyle Style() => new() { FontSize = fontSize, FontName = "DejaVu Sans", Alignment = Alignment.MiddleLeft, ForeColor = Colors.Black };

    /// <summary>Each entry's row and left edge, wrapped at the figure's width.</summary>
    private List<(int Row, float Left)> Arrange(Paint paint)
    {
        var style = Style();
        var placed = new List<(int, float)>();
        var (row, x) = (0, Margin);
        foreach (var entry in Entries)
        {
            var width = Symbol + Gap + style.Measure(entry.Label, paint).Width;
            if (x > Margin && x + width > figureWidth - Margin) (row, x) = (row + 1, Margin);
            placed.Add((row, x));
            x += width + Spacing;
        }
        return placed;
    }

    private float RowHeight => fontSize * 1.25f + RowPadding;

    public float Measure(Paint paint) => added.Count == 0 ? 0 : Rows(Arrange(paint).Max(p => p.Row) + 1);

    /// <summary>The height of <paramref name="rows"/> rows of entries.</summary>
    public float Rows(int rows) => rows * RowHeight + RowPadding;

    public PixelRect GetPanelRect(PixelRect dataRect, float size, float offset, Paint paint) =>
        new(Margin, figureWidth - Margin, dataRect.Top - offset, dataRect.Top - offset - size);

    public void Render(RenderPack rp, float size, float offset)
    {
        if (added.Count == 0) return;
        var rect = GetPanelRect(rp.DataRect, size, offset, rp.Paint);
        LastRect = rect;
        var style = Style();
        foreach (var (entry, (row, left)) in Entries.Zip(Arrange(rp.Paint)))
        {
            var y = rect.Top + RowPadding + row * RowHeight + RowHeight / 2;
            if (entry.Symbol == LegendSymbol.Box)
                Drawing.FillRectangle(rp.Canvas, new PixelRect(left + 3, left + Symbol - 3, y + fontSize * 0.45f, y - fontSize * 0.45f), rp.Paint, new FillStyle { Color = entry.Colour });
            if (entry.Symbol == LegendSymbol.Line)
                Drawing.DrawLine(rp.Canvas, rp.Paint, new Pixel(left, y), new Pixel(left + Symbol, y), entry.Colour, 1.5f, true, SolidLines ? LinePattern.Solid : entry.Pattern);
            if (entry.Symbol != LegendSymbol.Box && entry.Marker != MarkerShape.None)
                Drawing.DrawMarker(rp.Canvas, rp.Paint, new Pixel(left + Symbol / 2, y), new MarkerStyle(entry.Marker, 5, entry.Colour));
            style.Render(rp.Canvas, new Pixel(left + Symbol + Gap, y), rp.Paint, entry.Label, true);
        }
    }
}
