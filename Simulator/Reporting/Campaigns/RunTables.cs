using System.Globalization;
using NodeSim.Engine;
using NodeSim.Reporting.Tables;

namespace NodeSim.Reporting.Campaigns;

/// <summary>
/// The layout of <c>runs.csv</c> and <c>summary.csv</c>. Point parameters are columns between
/// <c>point</c> and <c>stack</c>, so a reader finds them without a schema:
/// runs: run, key, scenario, kind, point, ⟨parameters⟩, stack, replica, seed, ⟨metrics⟩, error;
/// summary: scenario, kind, point, ⟨parameters⟩, stack, metric, n, mean, sd, ci95_low, ci95_high.
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
        ];
        return new ResultTable(columns);
    }

    /// <summary>Summary rows back from <c>summary.csv</c>.</summary>
    public static List<SummaryRow> ReadSummary(ResultTable table)
    {
        var names = table.Columns.Select(c => c.Name).ToList();
        var from = names.IndexOf("point") + 1;
        var to = names.IndexOf("stack");
        if (from <= 0 || to < from || !table.Has("metric") || !table.Has("ci95_high"))
            throw new UserInputException($"not a NodeSim summary table: expected the columns scenario, kind, point, …, stack, metric, n, mean, sd, ci95_low, ci95_high");
        var parameters = table.Columns.Skip(from).Take(to - from).ToList();
        var rows = new List<SummaryRow>(table.RowCount);
        for (var i = 0; i < table.RowCount; i++)
        {
            var point = parameters.Where(p => p.Values[i] is not null).Select(p => KeyValuePair.Create(p.Name, ResultTable.Format(p.Values[i]))).ToList();
            rows.Add(new SummaryRow(Text(table["scenario"], i), Text(table["kind"], i), (int)Integer(table["point"], i), point, Text(table["stack"], i),
                Text(table["metric"], i),
                new MeanEstimate((int)Integer(table["n"], i), Real(table["mean"], i), Real(table["sd"], i), Real(table["ci95_low"], i), Real(table["ci95_high"], i))));
        }
        return rows;
    }

    private static string Text(Column c, int i) => ResultTable.Format(c.Values[i]);
    private static long Integer(Column c, int i) => c.Values[i] is long l ? l : throw new UserInputException($"summary table: column {c.Name}, row {i + 1}: not a whole number");
    private static double Real(Column c, int i) => c.Values[i] switch { double d => d, long l => l, _ => double.NaN };

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
