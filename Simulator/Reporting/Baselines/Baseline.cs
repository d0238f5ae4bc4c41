using NodeSim.Models;
using System.Globalization;
using NodeSim.Engine;
using NodeSim.Reporting.Campaigns;
using NodeSim.Reporting.Tables;
using NodeSim.Files;

namespace NodeSim.Reporting.Baselines;

/// <summary>One committed number: a metric at a scenario point under a stack, over its replications.</summary>
/// <param name="Parameters">The point's parameters as <c>name=value; …</c>, for people reading the file.</param>
/// <param name="HalfWidth">The 95% Student-t half-width (NaN with one replication).</param>
public sealed record BaselineRow(string Campaign, string Scenario, int Point, string Parameters, string Stack, string Metric, string Unit,
    int N, double Mean, double StdDev, double HalfWidth)
{
    public (string Scenario, int Point, string Stack, string Metric) Key => (Scenario, Point, Stack, Metric);
}

/// <summary>
/// <c>Results/baselines/&lt;campaign&gt;.csv</c>: a campaign's summary as committed reference numbers —
/// one row per (scenario, point, stack, metric): mean, standard deviation, 95% half-width,
/// replications and unit. A run of the same campaign is checked against it (<see cref="BaselineCheck"/>).
/// </summary>
public static class Baseline
{
    public static string DefaultPath(string campaign) => Path.Combine("Results", "baselines", Engine.FileNames.Sanitize(campaign) + ".csv");

    /// <summary>The baseline rows of a finished campaign's summary, each metric with its unit from <paramref name="metrics"/> (a kind's, by kind).</summary>
    public static List<BaselineRow> Of(string campaign, IEnumerable<SummaryRow> summary, IReadOnlyDictionary<string, IReadOnlyList<MetricInfo>> metrics)
    {
        var units = metrics.Values.SelectMany(m => m).GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.First().Unit);
        return [.. summary.Select(r => new BaselineRow(campaign, r.Scenario, r.Point, string.Join("; ", r.Parameters.Select(p => $"{p.Key}={p.Value}")),
            r.Stack, r.Metric, units.GetValueOrDefault(r.Metric, ""), r.Estimate.N, r.Estimate.Mean, r.Estimate.StdDev,
            double.IsNaN(r.Estimate.Low) ? double.NaN : (r.Estimate.High - r.Estimate.Low) / 2))];
    }

    /// <summary>The rows of a run directory's <c>summary.csv</c>, named by its manifest's campaign.</summary>
    public static List<BaselineRow> OfRunDirectory(string directory)
    {
        var manifest = CampaignManifest.Read(directory);
        var path = Path.Combine(directory, CampaignOutputs.SummaryFile);
        if (!File.Exists(path)) throw new UserInputException($"{path}: missing; is {directory} a directory `nodesim run` finished?");
        using var stream = InputFile.OpenRead(path, "a NodeSim summary table", CsvTables.MaxBytes);
        return Of(manifest.Campaign, RunTables.ReadSummary(CsvTables.Read(stream, path)), manifest.Metrics);
    }

    public static void Write(AtomicFile files, string path, IReadOnlyList<BaselineRow> rows) =>
        files.Write(path, stream => CsvTables.Write(new ResultTable(
        [
            new Column("campaign", ColumnType.Text, [.. rows.Select(r => r.Campaign)]),
            new Column("scenario", ColumnType.Text, [.. rows.Select(r => r.Scenario)]),
            new Column("point", ColumnType.Integer, [.. rows.Select(r => (object)(long)r.Point)]),
            new Column("parameters", ColumnType.Text, [.. rows.Select(r => r.Parameters)]),
            new Column("stack", ColumnType.Text, [.. rows.Select(r => r.Stack)]),
            new Column("metric", ColumnType.Text, [.. rows.Select(r => r.Metric)]),
            new Column("unit", ColumnType.Text, [.. rows.Select(r => r.Unit)]),
            new Column("n", ColumnType.Integer, [.. rows.Select(r => (object)(long)r.N)]),
            new Column("mean", ColumnType.Real, [.. rows.Select(r => (object)r.Mean)]),
            new Column("sd", ColumnType.Real, [.. rows.Select(r => (object)r.StdDev)]),
            new Column("ci95_half_width", ColumnType.Real, [.. rows.Select(r => (object)r.HalfWidth)]),
        ]), stream));

    private static readonly string[] Columns = ["campaign", "scenario", "point", "parameters", "stack", "metric", "unit", "n", "mean", "sd", "ci95_half_width"];

    public static List<BaselineRow> Read(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path) && FileEntry.Of(path).Kind == EntryKind.Absent)
            throw new UserInputException($"{path}: no such baseline file; make one with nodesim baseline update");
        ReadTable table;
        using (var stream = InputFile.OpenRead(path, "a baseline file (.csv)", CsvTables.MaxBytes)) table = CsvTables.Read(stream, path);
        if (Columns.FirstOrDefault(c => !table.Has(c)) is { } missing)
            throw new UserInputException($"{path}: not a NodeSim baseline (no column '{missing}'); expected the columns {string.Join(", ", Columns)}");
        var rows = new List<BaselineRow>(table.RowCount);
        var seen = new Dictionary<(string, int, string, string), long>();
        for (var i = 0; i < table.RowCount; i++)
        {
            var n = table.Whole("n", i);
            if (n is < 1 or > int.MaxValue) throw table.Error(i, "n", $"= {n}: a baseline's mean is over 1 replication or more");
            var row = new BaselineRow(table.Text("campaign", i), table.Text("scenario", i), RunTables.Index(table, "point", i), table.Text("parameters", i),
                table.Text("stack", i), table.Text("metric", i), table.Text("unit", i), (int)n, table.Real("mean", i), table.Real("sd", i), table.Real("ci95_half_width", i));
            // Welch's test squares the standard deviation: one so large that its square overflows would let any change pass.
            if (!(double.IsNaN(row.StdDev) || row.StdDev >= 0 && double.IsFinite(row.StdDev * row.StdDev)))
                throw table.Error(i, "sd", $"= {Format(row.StdDev)}: not a standard deviation a check can use (negative, or its square overflows)");
            if (!seen.TryAdd(row.Key, table.Line(i)))
                throw new UserInputException($"{path}:{table.Line(i)}: a second row for scenario '{Printable.Of(row.Scenario)}', point {row.Point}, stack " +
                                             $"'{Printable.Of(row.Stack)}', metric '{Printable.Of(row.Metric)}' (the first is on line {seen[row.Key]})");
            rows.Add(row);
        }
        return rows;
    }

    public static string Format(double v) => double.IsNaN(v) ? "—" : v.ToString("G6", CultureInfo.InvariantCulture);
}
