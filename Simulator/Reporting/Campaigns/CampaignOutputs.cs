using NodeSim.Files;
using NodeSim.Engine;
using NodeSim.Models;
using NodeSim.Reporting.Findings;
using NodeSim.Reporting.Plots;
using NodeSim.Reporting.Tables;

namespace NodeSim.Reporting.Campaigns;

/// <summary>A result directory as read back: its manifest, summary rows, failed runs and job rows (of the kinds whose rows are jobs).</summary>
public sealed record StoredResults(CampaignManifest Manifest, List<SummaryRow> Summary, List<RunFailure> Failures, List<JobRecord> Jobs);

/// <summary>What a campaign wrote.</summary>
public sealed record CampaignFiles(string Directory, IReadOnlyList<string> Tables, IReadOnlyList<PlotFile> Plots);

/// <summary>
/// A campaign's result directory: every registered table (<c>runs.csv</c>, <c>summary.csv</c>,
/// <c>jobs.csv.gz</c>, and Parquet copies on request), the registered plots in <c>plots/</c>,
/// <c>summary.md</c>, and <c>manifest.json</c>, written last. Every file is written atomically,
/// through the directory.
/// </summary>
/// <param name="kinds">The kinds of scenario, by which a result's kind name is read.</param>
public sealed class CampaignOutputs(Registry<OutputTable> tables, Registry<ScenarioPlot> plots, Registry<ScenarioKind> kinds)
{
    public const string RunsFile = "runs.csv", SummaryFile = "summary.csv", PlotDirectory = "plots";

    /// <summary>The files at the top of a run directory that <see cref="Write"/> writes (and the directory of its plots, <see cref="PlotDirectory"/>).</summary>
    public IReadOnlyList<string> Files(bool parquet) =>
        [.. tables.All.SelectMany(t => parquet ? new[] { t.CsvFile, t.ParquetFile } : [t.CsvFile]), SummaryMarkdown.FileName, CampaignFindings.FileName,
            ResolvedConfiguration.CampaignCopy, ResolvedConfiguration.FileName, CampaignManifest.FileName];

    /// <summary>Writes the tables, then the plots, summary and manifest, from a campaign's results and its runs' job parts (in run order).</summary>
    /// <param name="jobPart">The part of a run's job rows, as written.</param>
    /// <param name="jobRows">A run's job rows (for the plots of kinds whose rows are jobs).</param>
    public CampaignFiles Write(IOutputDirectory run, CampaignManifest manifest, IReadOnlyList<RunResult> results, Func<RunResult, JobPart> jobPart,
        Func<RunResult, IReadOnlyList<JobRecord>> jobRows, bool parquet, int threads = 1)
    {
        run.CheckWritable(Files(parquet));
        var compareTo = manifest.Scenarios.ToDictionary(s => s.Name, s => s.CompareTo);
        var summary = Summaries.Of(results, s => compareTo.GetValueOrDefault(s));
        var inputs = new CampaignResults(results, summary, jobPart);
        List<string> written = [];
        foreach (var table in tables.All)
        {
            table.WriteCsv(run, inputs);
            written.Add(table.CsvFile);
        }
        foreach (var table in tables.All)
            if (parquet)
            {
                run.Write(table.ParquetFile, s => ParquetTables.Write(table.Columns(run.Path, inputs), s));
                written.Add(table.ParquetFile);
            }
            else
            {
                // A Parquet copy an earlier run wrote would now disagree with the CSV: remove it (only NodeSim's own).
                run.DeleteOwned(table.ParquetFile);
            }
        var failures = results.Where(r => r.Error is not null)
            .Select(r => new RunFailure(r.Scenario, r.Point, string.Join(", ", r.Parameters.Select(p => $"{p.Key}={p.Value}")), r.Stack, r.Replica, r.Error!))
            .ToList();
        // The job rows the plots draw (those read from parts, several at a time).
        var withJobs = results.Where(r => r.Error is null && kinds.Get(r.Kind).RowsAreJobs).ToList();
        var partRows = new IReadOnlyList<JobRecord>[withJobs.Count];
        Parallel.For(0, withJobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i => partRows[i] = jobRows(withJobs[i]));
        var files = manifest with { Files = [.. written, SummaryMarkdown.FileName, CampaignFindings.FileName, ResolvedConfiguration.CampaignCopy, ResolvedConfiguration.FileName, PlotDirectory + "/"] };
        var plotted = Render(run, new StoredResults(files, summary, failures, [.. partRows.SelectMany(r => r)]), threads, PlotOptions.Default);
        return new CampaignFiles(run.Path, written, plotted);
    }

    /// <summary>Draws the plots and writes <c>summary.md</c> again from a result directory's files (<c>nodesim plot</c>).</summary>
    /// <param name="options">The reader's choices of scale, stacks, size and formats.</param>
    public CampaignFiles Redraw(IOutputDirectory run, PlotOptions options, int threads = 1)
    {
        run.CheckWritable([SummaryMarkdown.FileName, CampaignFindings.FileName, CampaignManifest.FileName]);
        var stored = Read(run.Path);
        var plotted = Render(run, stored, threads, options);
        return new CampaignFiles(run.Path, [], plotted);
    }

    /// <summary>A result directory's manifest and tables, as its plots and summary are drawn from them.</summary>
    public StoredResults Read(string directory)
    {
        var manifest = CampaignManifest.Read(directory);
        foreach (var scenario in manifest.Scenarios)
            if (kinds.Find(scenario.Kind) is null)
                throw new UserInputException($"{Path.Combine(directory, CampaignManifest.FileName)}: scenario '{scenario.Name}' is of kind '{scenario.Kind}', " +
                                             $"which this NodeSim does not know (it knows {string.Join(", ", kinds.Names)})");
        var summary = RunTables.ReadSummary(ReadCsv(Path.Combine(directory, SummaryFile)));
        var runs = ReadCsv(Path.Combine(directory, RunsFile));
        var failures = new List<RunFailure>();
        if (runs.Has("error"))
            for (var i = 0; i < runs.RowCount; i++)
                if (runs.Text("error", i) is { Length: > 0 } error)
                    failures.Add(new RunFailure(runs.Text("scenario", i), RunTables.Index(runs, "point", i), "", runs.Text("stack", i), RunTables.Index(runs, "replica", i), error));
        var withJobs = manifest.Scenarios.Where(s => kinds.Get(s.Kind).RowsAreJobs).Select(s => s.Name).ToHashSet();
        var jobsPath = Path.Combine(directory, JobTable.FileName);
        var jobs = withJobs.Count > 0 && File.Exists(jobsPath) ? JobTable.Read(jobsPath, j => withJobs.Contains(j.Scenario)) : [];
        return new StoredResults(manifest, summary, failures, jobs);
    }

    /// <summary>The plots of stored results, to draw into <paramref name="run"/>'s <see cref="PlotDirectory"/>.</summary>
    public CampaignPlots Plots(IOutputDirectory run, StoredResults stored, PlotOptions options) =>
        new(run, PlotDirectory, stored.Manifest.Scenarios, stored.Summary, stored.Jobs.ToLookup(j => j.Scenario), kinds.Get, plots.All, options);

    private List<PlotFile> Render(IOutputDirectory run, StoredResults stored, int threads, PlotOptions options)
    {
        var (manifest, summary, failures) = (stored.Manifest, stored.Summary, stored.Failures);
        var plotted = Plots(run, stored, options).DrawAll(threads);
        List<string> plotFiles = [.. plotted.Where(p => p.File is not null)
            .SelectMany(p => options.Formats.Select(f => Path.ChangeExtension(p.File!, f.Extension()))).Select(f => $"{PlotDirectory}/{f}")];
        // Plots NodeSim drew for scenarios no longer in the results would mislead: remove them (only NodeSim's own).
        foreach (var stale in run.Owned(PlotDirectory).Except(plotFiles)) run.DeleteOwned(stale);
        var findings = CampaignFindings.Of(manifest.Scenarios, summary, kinds.Get);
        CampaignFindings.Write(run, findings);
        var markdown = SummaryMarkdown.Render(manifest, summary, failures, plotted, PlotDirectory, kinds.Get, findings);
        run.WriteText(SummaryMarkdown.FileName, w => w.Write(markdown));
        manifest.Write(run);
        return plotted;
    }

    private static ReadTable ReadCsv(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: missing; is this a directory `nodesim run` wrote?");
        using var stream = InputFile.OpenRead(path, "a NodeSim result table", CsvTables.MaxBytes);
        return CsvTables.Read(stream, path);
    }
}
