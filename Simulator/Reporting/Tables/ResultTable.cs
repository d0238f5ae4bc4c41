using System.Globalization;

namespace NodeSim.Reporting.Tables;

/// <summary>What a column holds; decides its CSV formatting and its Parquet type.</summary>
public enum ColumnType { Text, Integer, Real }

/// <summary>A named, typed column. Values are <see cref="string"/>, <see cref="long"/> or <see cref="double"/>, or null when absent.</summary>
public sealed record Column(string Name, ColumnType Type, IReadOnlyList<object?> Values);

/// <summary>
/// A rectangular result table, written the same way to CSV and Parquet. Reals are written
/// round-trip exact ("R"); NaN and absent values are empty cells.
/// </summary>
public sealed class ResultTable
{
    public ResultTable(IReadOnlyList<Column> columns)
    {
        var rows = columns.Count == 0 ? 0 : columns[0].Values.Count;
        if (columns.Any(c => c.Values.Count != rows)) throw new ArgumentException("columns differ in length", nameof(columns));
        var duplicate = columns.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"column '{duplicate.Key}' appears twice", nameof(columns));
        Columns = columns;
        RowCount = rows;
    }

    public IReadOnlyList<Column> Columns { get; }
    public int RowCount { get; }

    public Column this[string name] => Columns.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"no column '{name}'");

    public bool Has(string name) => Columns.Any(c => c.Name == name);

    /// <summary>A cell as CSV text.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        double d when double.IsNaN(d) => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>A column of text cells typed by their content: integers, else reals, else text (empty cells are absent).</summary>
    public static Column Infer(string name, IReadOnlyList<string> cells)
    {
        var present = cells.Where(c => c.Length > 0).ToList();
        if (present.Count > 0 && present.All(c => long.TryParse(c, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
            return new Column(name, ColumnType.Integer, [.. cells.Select(c => c.Length == 0 ? null : (object)long.Parse(c, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))]);
        if (present.Count > 0 && present.All(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            return new Column(name, ColumnType.Real, [.. cells.Select(c => c.Length == 0 ? (object)double.NaN : double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture))]);
        return new Column(name, ColumnType.Text, [.. cells.Select(c => c.Length == 0 ? null : (object)c)]);
    }
}
