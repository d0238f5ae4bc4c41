using CsvHelper;

namespace NodeSim.Reporting.Tables;

/// <summary>Result tables to and from CSV (CsvHelper), with "\n" line ends.</summary>
public static class CsvTables
{
    public static void Write(ResultTable table, Stream stream)
    {
        using var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
        csv.WriteHeader([.. table.Columns.Select(c => c.Name)]);
        var cells = new string[table.Columns.Count];
        for (var row = 0; row < table.RowCount; row++)
        {
            for (var c = 0; c < cells.Length; c++) cells[c] = ResultTable.Format(table.Columns[c].Values[row]);
            csv.WriteRecord(cells);
        }
    }

    /// <summary>Reads a table, typing each column by its content (see <see cref="ResultTable.Infer"/>).</summary>
    public static ResultTable Read(Stream stream, string file)
    {
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default with { TrackLineNumbers = true }, leaveOpen: true);
        var cells = new List<List<string>>();
        string[]? headers = null;
        while (csv.Read())
        {
            headers ??= [.. csv.Headers];
            if (cells.Count == 0) cells.AddRange(headers.Select(_ => new List<string>()));
            if (csv.FieldCount != headers.Length)
                throw new UserInputException($"{file}:{csv.LineNumber}: {csv.FieldCount} fields where the header has {headers.Length}");
            for (var c = 0; c < headers.Length; c++) cells[c].Add(csv.GetString(c));
        }
        headers ??= [.. csv.Headers];
        if (cells.Count == 0) cells.AddRange(headers.Select(_ => new List<string>()));
        return new ResultTable([.. headers.Select((h, c) => ResultTable.Infer(h, cells[c]))]);
    }
}
