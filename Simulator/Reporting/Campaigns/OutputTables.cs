using NodeSim.Files;
using NodeSim.Engine;
using NodeSim.Models;
using NodeSim.Reporting.Tables;

namespace NodeSim.Reporting.Campaigns;

/// <summary>What a campaign's tables are made from: the runs' results, their summary, and each run's job part.</summary>
public sealed record CampaignResults(IReadOnlyList<RunResult> Runs, IReadOnlyList<SummaryRow> Summary, Func<RunResult, JobPart> JobPart);

/// <summary>
/// A table of a run directory: its name, its CSV file, and its columns (for Parquet). The run
/// directory holds every registered table (<see cref="OutputTables.Create"/>); adding a table is
/// one class and one registration.
/// </summary>
public abstract class OutputTable(string name, string csvFile)
{
    public string Name { get; } = name;
    public string CsvFile { get; } = csvFile;
    public string ParquetFile => Name + ".parquet";

    /// <summary>Writes the CSV file into <paramref name="directory"/> (atomically, through it).</summary>
    public abstract void WriteCsv(IOutputDirectory directory, CampaignResults results);

    /// <summary>The table's columns, for Parquet; called after <see cref="WriteCsv"/>.</summary>
    public abstract ResultTable Columns(string directory, CampaignResults results);
}

/// <summary>The tables every run directory holds, in the order they are written.</summary>
public static class OutputTables
{
    /// <summary>A new registry of the built-in tables. Adding a table is a class and a line here.</summary>
    public static Registry<OutputTable> Create() => new Registry<OutputTable>("output table", t => t.Name)
        .Add(new RunsTable())
        .Add(new SummaryTable())
        .Add(new JobsTable());

    /// <summary><c>runs.csv</c>: one row per run (see <see cref="RunTables.Runs"/>).</summary>
    private sealed class RunsTable() : OutputTable("runs", "runs.csv")
    {
        public override void WriteCsv(IOutputDirectory directory, CampaignResults results) =>
            directory.Write(CsvFile, s => CsvTables.Write(RunTables.Runs(results.Runs), s));

        public override ResultTable Columns(string directory, CampaignResults results) => RunTables.Runs(results.Runs);
    }

    /// <summary><c>summary.csv</c>: one row per scenario point, stack and metric (see <see cref="RunTables.Summary"/>).</summary>
    private sealed class SummaryTable() : OutputTable("summary", "summary.csv")
    {
        public override void WriteCsv(IOutputDirectory directory, CampaignResults results) =>
            directory.Write(CsvFile, s => CsvTables.Write(RunTables.Summary(results.Summary), s));

        public override ResultTable Columns(string directory, CampaignResults results) => RunTables.Summary(results.Summary);
    }

    /// <summary><c>jobs.csv.gz</c>: every run's job rows, joined from the runs' parts (see <see cref="JobTable"/>).</summary>
    private sealed class JobsTable() : OutputTable("jobs", JobTable.FileName)
    {
        public override void WriteCsv(IOutputDirectory directory, CampaignResults results) =>
            directory.Write(CsvFile, s => JobTable.Concatenate(results.Runs.Select(results.JobPart), s));

        public override ResultTable Columns(string directory, CampaignResults results)
        {
            var path = Path.Combine(directory, CsvFile);
            using var file = InputFile.OpenRead(path, "a NodeSim job table (jobs.csv.gz)");
            using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
            return CsvTables.Read(gzip, path).Table;
        }
    }
}
