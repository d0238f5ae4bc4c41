using System.Globalization;
using NodeSim.Engine;
using NodeSim.Models;
using NodeSim.Reporting.Tables;

namespace NodeSim.Reporting.Campaigns;

/// <summary>
/// The layout of <c>runs.csv</c> and <c>summary.csv</c>. Point parameters are columns between
/// <c>point</c> and <c>stack</c>, so a reader finds them without a schema:
/// runs: run, key, scenario, kind, point, ⟨parameters⟩, stack, replica, seed, ⟨metrics⟩, error;
/// summary: scenario, kind, point, ⟨parameters⟩, stack, metric, n, mean, sd, ci95_low, ci95_high, then the comparison with the
/// scenario's <c>compare_to</c> stack (empty without one, and for that stack itself): compare_to, pairs, difference,
/// difference_ci95_low, difference_ci95_high, ratio, ratio_ci95_low, ratio_ci95_high.
/// </summary>
public static class RunTables
{
    public static ResultTable Runs(IReadOnlyList<RunResult> results)
    {
        var parameters = Union(results.Select(r => r.Parameters.Select(p => p.Key)));
        var metrics = Union(results.Select(r => r.Metrics.Select(m => m.Name)));
        List<Column> columns =
        [
            new("run", ColumnType.Integer, [.. results.Select(r => (object)(long)r.Index)]),
            new("key", ColumnType.Text, [.. results.Select(r => r.Key)]),
            new("scenario", ColumnType.Text, [.. results.Select(r => r.Scenario)]),
            new("kind", ColumnType.Text, [.. results.Select(r => r.Kind)]),
            new("point", ColumnType.Integer, [.. results.Select(r => (object)(long)r.Point)]),
            .. parameters.Select(p => ParameterColumn(p, results.Select(r => r.Parameters.FirstOrDefault(x => x.Key == p).Value))),
            new("stack", ColumnType.Text, [.. results.Select(r => r.Stack)]),
            new("replica", ColumnType.Integer, [.. results.Select(r => (object)(long)r.Replica)]),
            // Seeds are 64-bit unsigned: text, so no reader turns them negative or rounds them.
            new("seed", ColumnType.Text, [.. results.Select(r => r.Seed.ToString(CultureInfo.InvariantCulture))]),
            .. metrics.Select(m => new Column(m, ColumnType.Real, [.. results.Select(r => (object)(r[m] ?? double.NaN))])),
            new("error", ColumnType.Text, [.. results.Select(r => r.Error)]),
        ];
        return new ResultTable(columns);
    }

    public static ResultTable Summary(IReadOnlyList<SummaryRow> rows)
    {
        var parameters = Union(rows.Select(r => r.Parameters.Select(p => p.Key)));
        List<Column> columns =
        [
            new("scenario", ColumnType.Text, [.. rows.Select(r => r.Scenario)]),
            new("kind", ColumnType.Text, [.. rows.Select(r => r.Kind)]),
            new("point", ColumnType.Integer, [.. rows.Select(r => (object)(long)r.Point)]),
            .. parameters.Select(p => ParameterColumn(p, rows.Select(r => r.Parameter(p)))),
            new("stack", ColumnType.Text, [.. rows.Select(r => r.Stack)]),
            new("metric", ColumnType.Text, [.. rows.Select(r => r.Metric)]),
            new("n", ColumnType.Integer, [.. rows.Select(r => (object)(long)r.Estimate.N)]),
            new("mean", ColumnType.Real, [.. rows.Select(r => (object)r.Estimate.Mean)]),
            new("sd", ColumnType.Real, [.. rows.Select(r => (object)r.Estimate.StdDev)]),
            new("ci95_low", ColumnType.Real, [.. rows.Select(r => (object)r.Estimate.Low)]),
            new("ci95_high", ColumnType.Real, [.. rows.Select(r => (object)r.Estimate.High)]),
            new("compare_to", ColumnType.Text, [.. rows.Select(r => r.Against?.Reference)]),
            new("pairs", ColumnType.Integer, [.. rows.Select(r => r.Against is { } c ? (object)(long)c.Pairs : null)]),
            Compared("difference", rows, c => c.Difference.Mean), Compared("difference_ci95_low", rows, c => c.Difference.Low),
            Compared("difference_ci95_high", rows, c => c.Difference.High),
            Compared("ratio", rows, c => c.Ratio.Ratio), Compared("ratio_ci95_low", rows, c => c.Ratio.Low), Compared("ratio_ci95_high", rows, c => c.Ratio.High),
        ];
        return new ResultTable(columns);
    }

    private static Column Compared(string name, IReadOnlyList<SummaryRow> rows, Func<PairedComparison, double> value) =>
        new(name, ColumnType.Real, [.. rows.Select(r => (object)(r.Against is { } c ? value(c) : double.NaN))]);

    /// <summary>Summary rows back from <c>summary.csv</c>; a cell that is not what its column holds, or a row given twice, is refused where it is.</summary>
    public static List<SummaryRow> ReadSummary(ReadTable table)
    {
        var names = table.Headers;
        var from = names.ToList().IndexOf("point") + 1;
        var to = names.ToList().IndexOf("stack");
        string[] required = ["scenario", "kind", "metric", "n", "mean", "sd", "ci95_low", "ci95_high"];
        if (from <= 0 || to < from || required.Any(c => !table.Has(c)))
            throw new UserInputException($"{table.File}: not a NodeSim summary table; expected the columns scenario, kind, point, …, stack, metric, n, mean, sd, ci95_low, ci95_high");
        var parameters = names.Skip(from).Take(to - from).ToList();
        var rows = new List<SummaryRow>(table.RowCount);
        var seen = new Dictionary<(string, int, string, string), long>();
        for (var i = 0; i < table.RowCount; i++)
        {
            var point = parameters.Where(p => table.Text(p, i).Length > 0).Select(p => KeyValuePair.Create(p, table.Text(p, i))).ToList();
            var n = table.Whole("n", i);
            if (n < 0 || n > int.MaxValue) throw table.Error(i, "n", $"= {n}: not a number of replications");
            var row = new SummaryRow(table.Text("scenario", i), table.Text("kind", i), Index(table, "point", i), point, table.Text("stack", i), table.Text("metric", i),
                new MeanEstimate((int)n, table.Real("mean", i), table.Real("sd", i), table.Real("ci95_low", i), table.Real("ci95_high", i)))
            {
                Against = ReadComparison(table, i),
            };
            if (!seen.TryAdd((row.Scenario, row.Point, row.Stack, row.Metric), table.Line(i)))
                throw new UserInputException($"{table.File}:{table.Line(i)}: a second row for scenario '{Printable.Of(row.Scenario)}', point {row.Point}, stack " +
                                             $"'{Printable.Of(row.Stack)}', metric '{Printable.Of(row.Metric)}' (the first is on line {seen[(row.Scenario, row.Point, row.Stack, row.Metric)]})");
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>A row's comparison with its scenario's <c>compare_to</c> stack: null when the row has none, or the table predates comparisons.</summary>
    private static PairedComparison? ReadComparison(ReadTable table, int i)
    {
        if (!table.Has("compare_to") || table.Text("compare_to", i) is not { Length: > 0 } reference) return null;
        var pairs = table.Whole("pairs", i);
        if (pairs < 1 || pairs > int.MaxValue) throw table.Error(i, "pairs", $"= {pairs}: not a number of paired replications");
        var difference = new MeanEstimate((int)pairs, table.Real("difference", i), double.NaN, table.Real("difference_ci95_low", i), table.Real("difference_ci95_high", i));
        return new PairedComparison(reference, (int)pairs, difference, new RatioEstimate(table.Real("ratio", i), table.Real("ratio_ci95_low", i), table.Real("ratio_ci95_high", i)));
    }

    /// <summary>A point or replica index: a whole number from 0.</summary>
    public static int Index(ReadTable table, string column, int row) =>
        table.Whole(column, row) is >= 0 and <= int.MaxValue and var v ? (int)v : throw table.Error(row, column, "is not an index (0 or more)");

    /// <summary>A parameter column: numeric when every present value is a number, so tools can plot it.</summary>
    private static Column ParameterColumn(string name, IEnumerable<string?> values) => ResultTable.Infer(name, [.. values.Select(v => v ?? "")]);

    /// <summary>Names in order of first appearance.</summary>
    private static List<string> Union(IEnumerable<IEnumerable<string>> lists)
    {
        var seen = new HashSet<string>();
        var names = new List<string>();
        foreach (var list in lists)
            foreach (var name in list)
                if (seen.Add(name)) names.Add(name);
        return names;
    }
}
