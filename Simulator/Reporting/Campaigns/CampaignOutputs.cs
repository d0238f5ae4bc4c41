using NodeSim.Engine;
using NodeSim.Reporting.Plots;
using NodeSim.Reporting.Tables;

namespace NodeSim.Reporting.Campaigns;

/// <summary>What a campaign wrote.</summary>
public sealed record CampaignFiles(string Directory, IReadOnlyList<string> Tables, IReadOnlyList<PlotFile> Plots);

/// <summary>
/// A campaign's result directory: <c>runs.csv</c>, <c>summary.csv</c>, <c>jobs.csv.gz</c>
/// (and Parquet copies of the three on request), <c>plots/</c>, <c>summary.md</c>, and
/// <c>manifest.json</c>, written last. Every file is written atomically.
/// </summary>
public static class CampaignOutputs
{
    public const string RunsFile = "runs.csv", SummaryFile = "summary.csv", PlotDirectory = "plots";

    /// <summary>Writes the tables, then the plots, summary and manifest, from a campaign's results and its runs' job parts (in run order).</summary>
    /// <param name="jobPart">The part file of a run's job rows.</param>
    /// <param name="jobRows">A run's job rows (for the replays' plots).</param>
    public static CampaignFiles Write(RunDirectory run, CampaignManifest manifest, IReadOnlyList<RunResult> results, Func<RunResult, string> jobPart,
        Func<RunResult, IReadOnlyList<JobRecord>> jobRows, bool parquet, int threads = 1)
    {
        var directory = run.Path;
        run.CheckWritable([.. OutputTables.Registry.All.SelectMany(t => parquet ? new[] { t.CsvFile, t.ParquetFile } : [t.CsvFile]),
            SummaryMarkdown.FileName, CampaignManifest.FileName]);
        var summary = Summaries.Of(results);
        var inputs = new CampaignResults(results, summary, jobPart);
        List<string> tables = [];
        foreach (var table in OutputTables.Registry.All)
        {
            table.WriteCsv(directory, inputs);
            tables.Add(table.CsvFile);
        }
        if (parquet)
            foreach (var table in OutputTables.Registry.All)
            {
                AtomicFile.Write(Path.Combine(directory, table.ParquetFile), s => ParquetTables.Write(table.Columns(directory, inputs), s));
                tables.Add(table.ParquetFile);
            }
        var failures = results.Where(r => r.Error is not null)
            .Select(r => new RunFailure(r.Scenario, r.Point, string.Join(", ", r.Parameters.Select(p => $"{p.Key}={p.Value}")), r.Stack, r.Replica, r.Error!))
            .ToList();
        // The replays' rows for the plots (those read from parts, several at a time).
        var replays = results.Where(r => r.Kind == ScenarioKind.Replay && r.Error is null).ToList();
        var partRows = new IReadOnlyList<JobRecord>[replays.Count];
        Parallel.For(0, replays.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i => partRows[i] = jobRows(replays[i]));
        run.Record(tables);
        var plots = Render(run, manifest with { Files = [.. tables, SummaryMarkdown.FileName, PlotDirectory + "/"] }, summary, failures,
            [.. partRows.SelectMany(r => r)], threads);
        return new CampaignFiles(directory, tables, plots);
    }

    /// <summary>Draws the plots and writes <c>summary.md</c> again from a result directory's files (<c>nodesim plot</c>).</summary>
    public static CampaignFiles Redraw(RunDirectory run, int threads = 1)
    {
        var directory = run.Path;
        run.CheckWritable([SummaryMarkdown.FileName, CampaignManifest.FileName]);
        var manifest = CampaignManifest.Read(directory);
        var summary = RunTables.ReadSummary(ReadCsv(Path.Combine(directory, SummaryFile)));
        var runs = ReadCsv(Path.Combine(directory, RunsFile));
        var failures = new List<RunFailure>();
        if (runs.Has("error"))
            for (var i = 0; i < runs.RowCount; i++)
                if (runs["error"].Values[i] is string error)
                    failures.Add(new RunFailure(ResultTable.Format(runs["scenario"].Values[i]), (int)(long)runs["point"].Values[i]!, "",
                        ResultTable.Format(runs["stack"].Values[i]), (int)(long)runs["replica"].Values[i]!, error));
        var replays = manifest.Scenarios.Where(s => s.Kind == ScenarioKind.Replay).Select(s => s.Name).ToHashSet();
        var jobsPath = Path.Combine(directory, JobTable.FileName);
        var jobs = replays.Count > 0 && File.Exists(jobsPath) ? JobTable.Read(jobsPath, j => replays.Contains(j.Scenario)) : [];
        var plots = Render(run, manifest, summary, failures, jobs, threads);
        return new CampaignFiles(directory, [], plots);
    }

    private static List<PlotFile> Render(RunDirectory run, CampaignManifest manifest, List<SummaryRow> summary, List<RunFailure> failures,
        List<JobRecord> jobs, int threads)
    {
        var directory = run.Path;
        var plotDirectory = Path.Combine(directory, PlotDirectory);
        var plots = new CampaignPlots(plotDirectory, manifest.Scenarios, summary, jobs.ToLookup(j => j.Scenario),
            name => run.CheckWritable([$"{PlotDirectory}/{name}"]), manifest.StackLabels).DrawAll(threads);
        List<string> plotFiles = [.. plots.SelectMany(p => new[] { p.Png, Path.ChangeExtension(p.Png, ".svg") }).Select(f => $"{PlotDirectory}/{f}")];
        run.Record(plotFiles);
        RemoveStalePlots(run, plotFiles);
        var markdown = SummaryMarkdown.Render(manifest, summary, failures, plots, PlotDirectory);
        AtomicFile.WriteText(Path.Combine(directory, SummaryMarkdown.FileName), w => w.Write(markdown));
        manifest.Write(directory);
        run.Record([SummaryMarkdown.FileName, CampaignManifest.FileName]);
        return plots;
    }

    /// <summary>Plots NodeSim drew for scenarios no longer in the results would mislead: remove them (only NodeSim's own).</summary>
    private static void RemoveStalePlots(RunDirectory run, List<string> current)
    {
        var plotDirectory = Path.Combine(run.Path, PlotDirectory);
        if (!Directory.Exists(plotDirectory)) return;
        foreach (var file in Directory.EnumerateFiles(plotDirectory).Select(f => $"{PlotDirectory}/{Path.GetFileName(f)}"))
            if (!current.Contains(file)) run.DeleteOwned(file);
    }

    private static ResultTable ReadCsv(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: missing; is this a directory `nodesim run` wrote?");
        using var stream = File.OpenRead(path);
        return CsvTables.Read(stream, path);
    }
}
