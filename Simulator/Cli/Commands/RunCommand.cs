using System.ComponentModel;
using System.Globalization;
using System.Runtime.InteropServices;
using NodeSim.Engine;
using NodeSim.Files;
using NodeSim.Orchestration;
using NodeSim.Orchestration.Slurm;
using NodeSim.Reporting.Campaigns;
using NodeSim.Reporting.Findings;
using Spectre.Console;
using Spectre.Console.Cli;
using NodeSim.Cli.Conventions;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim run</c>: a campaign's runs in parallel, then its tables, plots and summary.</summary>
public sealed class RunCommand(Registries registries, AtomicFile files) : Command<RunCommand.Settings>
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
        [Description("Where the runs execute: {backends}. local: this machine; slurm: a Slurm job array, whose results are gathered into the same tables.")]
        [DefaultValue(DefaultBackend)]
        public string Backend { get; init; } = DefaultBackend;

        public const string DefaultBackend = "local";

        [CommandOption("--partition <PARTITION>")]
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
            : ArrayChunk < 1 ? ValidationResult.Error("--array-chunk must be at least 1")
            : !string.Equals(Backend, "slurm", StringComparison.OrdinalIgnoreCase) && (Partition is not null || Time is not null || SbatchArgs.Length > 0 || DryRun)
                ? ValidationResult.Error("--partition, --time, --sbatch-arg and --dry-run apply to --backend slurm only")
            : Format is not ("csv" or "parquet") ? ValidationResult.Error($"--format: '{Format}' is not a format; choose csv or parquet")
            : ValidationResult.Success();
    }

    /// <summary>Exit code of a campaign stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken) => Run(s, cancellationToken);

    /// <summary>Runs a campaign as <c>nodesim run</c> does (also for <c>nodesim baseline update</c>); returns the exit code.</summary>
    /// <param name="resumeCommand">The arguments of the command that resumes this one, if not <c>run … --resume</c> (an update's own).</param>
    public int Run(Settings s, CancellationToken cancellationToken, IReadOnlyList<string>? resumeCommand = null)
    {
        if (s.TaskIndex is { } task) return RunTask(s, task, cancellationToken);
        var backend = Choices.Named(registries.Backends, s.Backend, "--backend");
        var campaign = registries.Loader.Load(s.File, s.Reseed);
        var output = s.Out ?? Path.Combine("Results", "runs", FileNames.Sanitize(campaign.Name));
        var workers = s.Workers ?? Environment.ProcessorCount;
        var options = new RunOptions(workers, s.Resume, s.KeepParts, s.Force, s.BreakLock, s.Format == "parquet", s.Reseed,
            new SlurmOptions(s.Partition, s.ArrayChunk, s.Time, s.SbatchArgs, s.DryRun));
        using var session = CampaignSession.Open(registries, files, campaign, output, options, backend);
        if (session.TookOverLockFrom is { } stale) Terminal.Note($"{output}: took over the lock of {stale.TakenOver()}");
        if (!s.Json)
            Terminal.Note(string.Create(CultureInfo.InvariantCulture,
                $"campaign {campaign.Name}: {campaign.Scenarios.Count} scenarios, {campaign.Runs.Count} runs on {(backend.ReportsEachRun ? $"{workers} workers" : $"the {backend.Name} backend")} → {output}{(s.Resume ? " (resuming)" : "")}"));

        var resume = Invocation.Command(resumeCommand
            ?? ["run", s.File, "--out", output, .. s.Backend == Settings.DefaultBackend ? Array.Empty<string>() : ["--backend", backend.Name], "--resume"]);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = OnInterrupt(stop);
        CampaignReport report;
        try
        {
            report = backend.ReportsEachRun
                ? ProgressDisplay.Run(campaign.Name, campaign.Runs.Count, progress => session.Run(new Observer(progress), stop.Token))
                : session.Run(new Observer(null), stop.Token);
        }
        catch (CampaignStoppedException e)
        {
            Terminal.ErrorLine($"{e.Message}; the campaign stopped, and the runs finished so far are kept in {e.PartsDirectory}");
            Terminal.Note($"fix the cause, then resume with: {resume}");
            return ExitCodes.BadInput;
        }
        if (report.Outcome is not { } outcome) return ExitCodes.Success;   // a dry run
        if (outcome.Missing is { Count: > 0 } missing)
        {
            foreach (var (run, how) in missing) Terminal.ErrorLine($"run missing: {run.Label} ({how})");
            Terminal.Note($"{missing.Count} of {campaign.Runs.Count} runs are missing; the task logs are in {Path.Combine(output, SlurmPlan.Directory)}; resubmit only those with: {resume}");
            return ExitCodes.ChecksFailed;
        }
        if (report.Stopped)
        {
            Terminal.Note($"interrupted: {outcome.Results.Count} of {campaign.Runs.Count} runs are complete in {report.PartsDirectory}.");
            Terminal.Note($"resume with: {resume}");
            return Interrupted;
        }

        var failures = outcome.Failures.ToList();
        var written = report.Files!;
        if (s.Json)
        {
            Terminal.WriteJson(new
            {
                Campaign = campaign.Name, Directory = Path.GetFullPath(output), Runs = campaign.Runs.Count, outcome.Resumed, Failed = failures.Count,
                WallSeconds = outcome.Wall.TotalSeconds, Workers = workers, Files = written.Tables.Append(SummaryMarkdown.FileName).Append(CampaignManifest.FileName),
                Plots = written.Plots.Where(p => p.File is not null).Select(p => $"{CampaignOutputs.PlotDirectory}/{p.File}"),
                Failures = failures.Select(f => new { f.Scenario, f.Point, Parameters = f.Parameters.ToDictionary(p => p.Key, p => p.Value), f.Stack, f.Replica, f.Error }),
            });
        }
        else
        {
            Describe(output, written, outcome, campaign.Runs.Count);
        }
        foreach (var f in failures)
            Terminal.ErrorLine($"run failed: scenario '{f.Scenario}', point {f.Point} ({string.Join(", ", f.Parameters.Select(p => $"{p.Key}={p.Value}"))}), stack {f.Stack}, replica {f.Replica}: {f.Error}");
        if (report.ErrorLog is { } log) Terminal.Note($"the full stack traces of unexpected failures are in {log}");
        return failures.Count > 0 ? ExitCodes.ChecksFailed : ExitCodes.Success;
    }

    /// <summary>One Slurm array task's share of the campaign (<c>--task-index</c>, as the submitted script runs it).</summary>
    private int RunTask(Settings s, int task, CancellationToken cancellation)
    {
        var campaign = registries.Loader.Load(s.File, s.Reseed);
        var output = s.Out ?? throw new UserInputException("--task-index needs --out: the submitting run's directory");
        var (success, failed) = SlurmBackend.RunTask(campaign, output, task, s.Workers ?? 1, files, cancellation);
        foreach (var f in failed) Terminal.Note($"nodesim: run failed: {f.Key}: {f.Error}");
        return success ? ExitCodes.Success : ExitCodes.ChecksFailed;
    }

    /// <summary>Progress of a campaign as the command line shows it: runs done on the bar (or in plain lines), notes on standard error.</summary>
    private sealed class Observer(ProgressReport? report) : ICampaignObserver
    {
        public void Note(string message) => Terminal.Note(message);

        public void Progress(CampaignProgress p) =>
            report?.Invoke(p.Done, p.Total, p.Last is null ? null : $"{p.Last}{(p.Failed > 0 ? $" ({p.Failed} failed so far)" : "")}", p.WorkDone);
    }

    private static void Describe(string output, CampaignFiles files, CampaignOutcome outcome, int runs)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("file").AddColumn("what it holds");
        void Row(string file, string what) => table.AddRow(Terminal.Cell(file), Terminal.Cell(what));
        Row(CampaignOutputs.RunsFile, "one row per run: scenario, point parameters, stack, replica, seed, metrics");
        Row(CampaignOutputs.SummaryFile, "per scenario point, stack and metric: n, mean, sd, 95% CI");
        Row(JobTable.FileName, "one row per job (replays) or window (job runs): times, ledger by cause, counters");
        foreach (var parquet in files.Tables.Where(t => t.EndsWith(".parquet", StringComparison.Ordinal))) Row(parquet, "the same table as Parquet");
        Row(SummaryMarkdown.FileName, "the findings, then the key table of each scenario, with its plots");
        Row(CampaignFindings.FileName, "the findings, with their numbers by name and their robustness");
        Row(CampaignOutputs.PlotDirectory + "/", $"{files.Plots.Count(p => p.File is not null)} plots, PNG and SVG");
        Row(ResolvedConfiguration.CampaignCopy, "the campaign file as it was read");
        Row(ResolvedConfiguration.FileName, "every point under every stack: each setting and model parameter as it ran, and the replicas' seeds");
        Row(CampaignManifest.FileName, "version, commit, campaign file hash, seed, machine, wall time");
        Terminal.Out.Write(table);
        Terminal.Out.MarkupLine(Terminal.Cell(string.Create(CultureInfo.InvariantCulture,
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
