using CsvHelper;

namespace NodeSim.Reporting.Tables;

/// <summary>
/// A column of a table of typed rows: its name, and how a row's cell is written. Cells are written
/// through CsvHelper's span formatting (no string per cell), so tables of millions of rows cost what
/// the source-generated records did.
/// </summary>
public abstract class RowColumn<TRow>(string name)
{
    public string Name { get; } = name;

    /// <summary>Writes <paramref name="row"/>'s cell as the next field.</summary>
    public abstract void Write(CsvWriter csv, TRow row);

    public static RowColumn<TRow> Text(string name, Func<TRow, string> get) => new TextColumn(name, get);
    public static RowColumn<TRow> Integer(string name, Func<TRow, long> get) => new IntegerColumn(name, get);
    public static RowColumn<TRow> Real(string name, Func<TRow, double> get) => new RealColumn(name, get);

    private sealed class TextColumn(string name, Func<TRow, string> get) : RowColumn<TRow>(name)
    {
        public override void Write(CsvWriter csv, TRow row) => csv.WriteField(get(row));
    }

    private sealed class IntegerColumn(string name, Func<TRow, long> get) : RowColumn<TRow>(name)
    {
        public override void Write(CsvWriter csv, TRow row) => csv.WriteField(get(row), default);
    }

    private sealed class RealColumn(string name, Func<TRow, double> get) : RowColumn<TRow>(name)
    {
        public override void Write(CsvWriter csv, TRow row) => csv.WriteField(get(row), default);
    }
}

/// <summary>A table of typed rows: its columns, written to CSV row by row.</summary>
public sealed class RowTable<TRow>(IReadOnlyList<RowColumn<TRow>> columns)
{
    public IReadOnlyList<RowColumn<TRow>> Columns { get; } = columns;

    /// <summary>Writes the header record (CsvHelper ends it).</summary>
    public void WriteHeader(CsvWriter csv) => csv.WriteHeader([.. Columns.Select(c => c.Name)]);

    public void WriteRows(CsvWriter csv, IEnumerable<TRow> rows)
    {
        foreach (var row in rows)
        {
            foreach (var column in Columns) column.Write(csv, row);
            csv.EndRecord();
        }
    }
}
