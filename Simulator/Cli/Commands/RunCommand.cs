using NodeSim.Backends.Slurm;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.InteropServices;
using NodeSim.Config;
using NodeSim.Engine;
using NodeSim.Reporting;
using NodeSim.Reporting.Campaigns;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim run</c>: a campaign's runs in parallel, then its tables, plots and summary.</summary>
public sealed class RunCommand : Command<RunCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandArgument(0, "[FILE]")]
        [Description("The campaign file.")]
        [DefaultValue("scenarios.yaml")]
        public string File { get; init; } = "scenarios.yaml";

        [CommandOption("--out <DIR>")]
        [Description("Where results go (default: Results/runs/<campaign name>).")]
        public string? Out { get; init; }

        [CommandOption("--workers <N>")]
        [Description("Runs in parallel (default: the number of logical cores). Results do not depend on it.")]
        public int? Workers { get; init; }

        [CommandOption("--resume")]
        [Description("Keep the runs already complete in the output directory (from an interrupted or partly failed campaign); run only the rest.")]
        public bool Resume { get; init; }

        [CommandOption("--keep-parts")]
        [Description("Keep parts/ (each run's result and job rows) after a campaign without failures. By default it is removed once the tables are written: jobs.csv.gz holds the same rows.")]
        public bool KeepParts { get; init; }

        [CommandOption("--reseed <N>")]
        [Description("Draw fresh random numbers: the campaign seed becomes one derived from the file's seed and N (recorded in the manifest). For checking that a baseline's rule holds on new samples.")]
        public ulong? Reseed { get; init; }

        [CommandOption("--force")]
        [Description("Use an output directory that holds another campaign's results, or unfinished runs without --resume: NodeSim replaces its own files there and leaves every other file alone.")]
        public bool Force { get; init; }

        [CommandOption("--break-lock")]
        [Description("Take over the output directory's lock even when it names a process on another host (only when that run is certainly gone).")]
        public bool BreakLock { get; init; }

        [CommandOption("--format <FORMAT>")]
        [Description("csv, or parquet to also write runs, summary and jobs as Parquet files.")]
        [DefaultValue("csv")]
        public string Format { get; init; } = "csv";


        [CommandOption("--backend <BACKEND>")]
        [Description("local (this machine), or slurm: submit the runs as a Slurm job array and gather their results into the same tables.")]
        [DefaultValue("local")]
        public string Backend { get; init; } = "local";

        [CommandOption("--partition <P>")]
        [Description("slurm: the partition to submit to (default: Slurm's default).")]
        public string? Partition { get; init; }

        [CommandOption("--array-chunk <K>")]
        [Description("slurm: runs per array task (the costliest spread across tasks).")]
        [DefaultValue(8)]
        public int ArrayChunk { get; init; } = 8;

        [CommandOption("--time <LIMIT>")]
        [Description("slurm: each task's time limit, as sbatch takes it (e.g. 30:00).")]
        public string? Time { get; init; }

        [CommandOption("--sbatch-arg <ARG>")]
        [Description("slurm: a site option for the script's #SBATCH lines, e.g. --sbatch-arg=--account=hpc (repeatable).")]
        public string[] SbatchArgs { get; init; } = [];

        [CommandOption("--dry-run")]
        [Description("slurm: write the run list and the sbatch script into the run directory, submit nothing.")]
        public bool DryRun { get; init; }

        [CommandOption("--task-index <I>", IsHidden = true)]
        [Description("Internal: run one array task's share of a campaign submitted with --backend slurm.")]
        public int? TaskIndex { get; init; }

        public override ValidationResult Validate() =>
            Workers is < 1 ? ValidationResult.Error("--workers must be at least 1")
            : Backend is not ("local" or "slurm") ? ValidationResult.Error($"--backend: '{Backend}' is not a backend; choose local or slurm")
            : ArrayChunk < 1 ? ValidationResult.Error("--array-chunk must be at least 1")
            : Backend != "slurm" && (Partition is not null || Time is not null || SbatchArgs.Length > 0 || DryRun)
                ? ValidationResult.Error("--partition, --time, --sbatch-arg and --dry-run apply to --backend slurm only")
            : Format is not ("csv" or "parquet") ? ValidationResult.Error($"--format: '{Format}' is not a format; choose csv or parquet")
            : ValidationResult.Success();
    }

    /// <summary>Exit code of a campaign stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken) => Run(s, cancellationToken);

    /// <summary>Runs a campaign as <c>nodesim run</c> does (also for <c>nodesim baseline update</c>); returns the exit code.</summary>
    public static int Run(Settings s, CancellationToken cancellationToken)
    {
        if (s.TaskIndex is { } task) return SlurmBackend.RunTask(s, task, cancellationToken);
        if (s.Backend == "slurm") SlurmBackend.Preflight(s);
        var campaign = CampaignLoader.Load(s.File, s.Reseed);
        var output = s.Out ?? Path.Combine("Results", "runs", FileNames.Sanitize(campaign.Name));
        if (s.Backend == "slurm") SlurmBackend.CheckVisible(output);
        using var directory = RunDirectory.Open(output, campaign, s.Resume, s.Force, s.BreakLock);
        if (directory.TookOverLockFrom is { } stale)
            Terminal.Note($"{output}: took over the lock of nodesim PID {stale.Pid} on {stale.Host}, which is no longer running");
        var workers = s.Workers ?? Environment.ProcessorCount;
        var runs = campaign.Runs;
        if (!s.Json)
            Terminal.Note(string.Create(CultureInfo.InvariantCulture,
                $"campaign {campaign.Name}: {campaign.Scenarios.Count} scenarios, {runs.Count} runs on {workers} workers → {output}{(s.Resume ? " (resuming)" : "")}"));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = OnInterrupt(stop);
        var started = DateTimeOffset.UtcNow;
        var runner = new CampaignRunner(campaign, directory.Path, workers, s.Resume);
        CampaignOutcome outcome;
        if (s.Backend == "slurm")
        {
            var gathered = SlurmBackend.Submit(s, campaign, directory.Path, stop.Token);
            if (gathered is null) return ExitCodes.Success;   // --dry-run
            (runner, outcome) = gathered.Value;
            if (outcome.Interrupted) return SlurmBackend.ReportMissing(s, campaign, directory.Path, outcome);
        }
        else
        try
        {
            outcome = ProgressDisplay.Run($"{campaign.Name}", runs.Count, report =>
                runner.Run(stop.Token, p => report(p.Done, p.Total, p.Last is null ? null : $"{p.Last}{(p.Failed > 0 ? $" ({p.Failed} failed so far)" : "")}")),
                costliestFirst: true);
        }
        catch (UserInputException e)
        {
            // A run's result could not be persisted (a full disk, say): the campaign stopped; what was persisted stays.
            throw new UserInputException($"{e.Message}; the campaign stopped, and the runs finished so far are kept in {runner.Store.PartsDirectory}: " +
                                         $"fix the cause, then nodesim run {s.File} --out {output} --resume", e);
        }

        if (outcome.Interrupted)
        {
            Terminal.Note($"interrupted: {outcome.Results.Count} of {runs.Count} runs are complete in {runner.Store.PartsDirectory}.");
            Terminal.Note($"resume with: nodesim run {s.File} --out {output} --resume");
            return Interrupted;
        }

        var manifest = CampaignManifest.Of(campaign, outcome, workers, started);
        var files = CampaignOutputs.Write(directory, manifest, outcome.Results, runner.Store.JobPartPath, runner.Store.JobRows, s.Format == "parquet", workers);
        var failures = outcome.Failures.ToList();
        // The parts are what --resume reuses; with nothing left to resume they only duplicate the tables.
        if (failures.Count == 0 && !s.KeepParts) runner.Store.Discard();

        if (s.Json)
        {
            Terminal.WriteJson(new
            {
                Campaign = campaign.Name, Directory = Path.GetFullPath(output), Runs = runs.Count, outcome.Resumed, Failed = failures.Count,
                WallSeconds = outcome.Wall.TotalSeconds, Workers = workers, Files = files.Tables.Append(SummaryMarkdown.FileName).Append(CampaignManifest.FileName),
                Plots = files.Plots.Select(p => $"{CampaignOutputs.PlotDirectory}/{p.Png}"),
                Failures = failures.Select(f => new { f.Scenario, f.Point, Parameters = f.Parameters.ToDictionary(p => p.Key, p => p.Value), f.Stack, f.Replica, f.Error }),
            });
        }
        else
        {
            Describe(output, files, outcome, runs.Count);
        }
        foreach (var f in failures)
            Terminal.ErrorLine($"run failed: scenario '{f.Scenario}', point {f.Point} ({string.Join(", ", f.Parameters.Select(p => $"{p.Key}={p.Value}"))}), stack {f.Stack}, replica {f.Replica}: {f.Error}");
        if (File.Exists(runner.Store.ErrorLog)) Terminal.Note($"the full stack traces of unexpected failures are in {runner.Store.ErrorLog}");
        return failures.Count > 0 ? ExitCodes.ChecksFailed : ExitCodes.Success;
    }

    private static void Describe(string output, CampaignFiles files, CampaignOutcome outcome, int runs)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("file").AddColumn("what it holds");
        void Row(string file, string what) => table.AddRow(Markup.Escape(file), Markup.Escape(what));
        Row(CampaignOutputs.RunsFile, "one row per run: scenario, point parameters, stack, replica, seed, metrics");
        Row(CampaignOutputs.SummaryFile, "per scenario point, stack and metric: n, mean, sd, 95% CI");
        Row(JobTable.FileName, "one row per job (replays) or window (job runs): times, ledger by cause, counters");
        foreach (var parquet in files.Tables.Where(t => t.EndsWith(".parquet", StringComparison.Ordinal))) Row(parquet, "the same table as Parquet");
        Row(SummaryMarkdown.FileName, "the key table of each scenario, with its plots");
        Row(CampaignOutputs.PlotDirectory + "/", $"{files.Plots.Count} plots, PNG and SVG");
        Row(CampaignManifest.FileName, "version, commit, campaign file hash, seed, machine, wall time");
        Terminal.Out.Write(table);
        Terminal.Out.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{runs} runs ({outcome.Resumed} resumed, {outcome.Failures.Count()} failed) in {outcome.Wall.TotalSeconds:F1} s; results in {Path.GetFullPath(output)}")));
    }

    /// <summary>Ctrl-C or SIGTERM stops the campaign after the runs in progress finish; a second Ctrl-C stops at once.</summary>
    private static IDisposable OnInterrupt(CancellationTokenSource stop)
    {
        void Handler(PosixSignalContext signal)
        {
            if (stop.IsCancellationRequested) return;   // the second one: let the runtime terminate the process
            signal.Cancel = true;
            Terminal.Note("stopping after the runs in progress (complete runs are kept; Ctrl-C again to stop at once)…");
            stop.Cancel();
        }
        return new Registrations(PosixSignalRegistration.Create(PosixSignal.SIGINT, Handler), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handler));
    }

    private sealed class Registrations(params IDisposable[] registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var r in registrations) r.Dispose();
        }
    }
}
