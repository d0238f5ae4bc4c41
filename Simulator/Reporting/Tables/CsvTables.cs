using System.Globalization;
using CsvHelper;

using NodeSim.Models;

namespace NodeSim.Reporting.Tables;

/// <summary>Result tables to and from CSV (CsvHelper), with "\n" line ends.</summary>
public static class CsvTables
{
    /// <summary>The largest table read back whole (a summary, a baseline, runs.csv): far above what a million-run campaign writes.</summary>
    public const long MaxBytes = 1L << 30;

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

    /// <summary>Reads a table: every row as long as the header, each column named once.</summary>
    /// <exception cref="UserInputException">A header without names, a name twice, or a row of another length, by line.</exception>
    public static ReadTable Read(Stream stream, string file)
    {
        try
        {
            return ReadRows(stream, file);
        }
        catch (FormatException e)
        {
            // CsvHelper's own refusal of what is not CSV (an unterminated quote, say), in one sentence.
            throw new UserInputException($"{file}: not a CSV table ({e.Message.Split('\n')[0].TrimEnd('.')})", e);
        }
    }

    private static ReadTable ReadRows(Stream stream, string file)
    {
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default with { TrackLineNumbers = true }, leaveOpen: true);
        string[]? headers = null;
        List<string>[] cells = [];
        var lines = new List<long>();
        while (csv.Read())
        {
            headers ??= Header(csv, file, out cells);
            if (csv.FieldCount != headers.Length)
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"{file}:{csv.LineNumber}: {csv.FieldCount} fields where the header has {headers.Length}"));
            for (var c = 0; c < headers.Length; c++) cells[c].Add(csv.GetString(c));
            lines.Add(csv.LineNumber);
        }
        headers ??= Header(csv, file, out cells);
        return new ReadTable(file, headers, cells, lines);
    }

    private static string[] Header(CsvReader csv, string file, out List<string>[] cells)
    {
        string[] headers = [.. csv.Headers];
        if (headers.Length == 0 || headers.All(h => h.Length == 0)) throw new UserInputException($"{file}:1: no header; expected a CSV table whose first line names its columns");
        var twice = headers.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new UserInputException($"{file}:1: the column '{Printable.Of(twice.Key)}' is named {twice.Count()} times in the header; is this a NodeSim table?");
        cells = [.. headers.Select(_ => new List<string>())];
        return headers;
    }
}
