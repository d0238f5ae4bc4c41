using System.Globalization;

using NodeSim.Models;

namespace NodeSim.Reporting.Tables;

/// <summary>
/// A table read back from a CSV file: its cells as written and the line each row came from, so a
/// cell that is not what its column holds is refused by file, line and field — never read as
/// absent, which would make a number that cannot be right look like a result.
/// </summary>
public sealed class ReadTable
{
    private readonly string[] _headers;
    private readonly List<string>[] _cells;
    private readonly List<long> _lines;

    internal ReadTable(string file, string[] headers, List<string>[] cells, List<long> lines)
    {
        File = file;
        (_headers, _cells, _lines) = (headers, cells, lines);
        Table = new ResultTable([.. headers.Select((h, c) => ResultTable.Infer(h, cells[c]))]);
    }

    /// <summary>The cells typed by their content (see <see cref="ResultTable.Infer"/>).</summary>
    public ResultTable Table { get; }

    public string File { get; }

    public IReadOnlyList<string> Headers => _headers;

    public int RowCount => _lines.Count;

    public bool Has(string column) => _headers.Contains(column);

    /// <summary>The line row <paramref name="row"/> is on (the header is line 1).</summary>
    public long Line(int row) => _lines[row];

    /// <summary>A cell as written (empty when absent).</summary>
    public string Text(string column, int row) => _cells[Index(column)][row];

    /// <summary>A whole number; an empty, fractional or non-numeric cell is refused.</summary>
    public long Whole(string column, int row)
    {
        var cell = Text(column, row);
        return long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(row, column, cell.Length == 0 ? "is empty; expected a whole number" : $"'{Printable.Of(cell)}' is not a whole number");
    }

    /// <summary>A finite number, or NaN for an empty cell (NodeSim writes NaN as nothing); text, "NaN" and infinities are refused.</summary>
    public double Real(string column, int row)
    {
        var cell = Text(column, row);
        if (cell.Length == 0) return double.NaN;
        return double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Error(row, column, $"'{Printable.Of(cell)}' is not a finite number");
    }

    /// <summary>A problem with a cell, placed at its file, line and field.</summary>
    public UserInputException Error(int row, string column, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{File}:{_lines[row]}: field {Index(column) + 1} ({column}) {problem}"));

    private int Index(string column) => Array.IndexOf(_headers, column) is >= 0 and var i ? i : throw new KeyNotFoundException($"no column '{column}'");
}
