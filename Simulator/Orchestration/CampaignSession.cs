using NodeSim.Engine;
using NodeSim.Files;
using NodeSim.Reporting.Campaigns;

namespace NodeSim.Orchestration;

/// <summary>How a campaign session ended, and what it wrote.</summary>
/// <param name="Outcome">The runs' results (null for a dry run, which ran nothing).</param>
/// <param name="Files">The tables and plots written (null unless every run is done).</param>
/// <param name="PartsDirectory">Where the runs finished so far are kept, for a resume.</param>
/// <param name="ErrorLog">The stack traces of unexpected failures, when there were any.</param>
public sealed record CampaignReport(CampaignOutcome? Outcome, CampaignFiles? Files, string PartsDirectory, string? ErrorLog)
{
    /// <summary>Nothing ran, on purpose.</summary>
    public bool DryRun => Outcome is null;

    /// <summary>Stopped before every run finished: the outputs are not written, the parts are kept for a resume.</summary>
    public bool Stopped => Outcome is { Interrupted: true };
}

/// <summary>
/// A campaign from its run plan to its result directory. Opening it takes the run directory
/// (refusing one that is not NodeSim's, or in use) once the backend has found nothing that cannot
/// work; running it has the backend execute what is not done, then writes the tables, plots,
/// summary and manifest from every run's result and removes the parts no longer needed. It prints
/// nothing: the observer hears of progress, and the report says how it ended. Disposing it
/// releases the directory.
/// </summary>
public sealed class CampaignSession : IDisposable
{
    private readonly Registries _registries;
    private readonly Campaign _campaign;
    private readonly RunOptions _options;
    private readonly ICampaignBackend _backend;
    private readonly RunDirectory _directory;

    private CampaignSession(Registries registries, Campaign campaign, RunOptions options, ICampaignBackend backend, RunDirectory directory)
    {
        (_registries, _campaign, _options, _backend, _directory) = (registries, campaign, options, backend, directory);
        Store = new RunStore(directory.Path, directory.Files);
    }

    /// <summary>Where each finished run is persisted.</summary>
    public RunStore Store { get; }

    /// <summary>The holder of a stale lock taken over when the directory was opened, if any.</summary>
    public LockHolder? TookOverLockFrom => _directory.TookOverLockFrom;

    /// <exception cref="UserInputException">The backend refused (before anything is written), or the directory cannot be used.</exception>
    public static CampaignSession Open(Registries registries, AtomicFile files, Campaign campaign, string output, RunOptions options, ICampaignBackend backend)
    {
        backend.Preflight(options, output);
        var layout = new RunLayout(registries.Outputs.Files(options.Parquet), [CampaignOutputs.PlotDirectory, .. backend.Directories]);
        return new CampaignSession(registries, campaign, options, backend,
            RunDirectory.Open(output, campaign, options.Resume, options.Force, options.BreakLock, files, layout));
    }

    /// <summary>
    /// Executes what is not done and, once every run is, writes the run directory's outputs: marked as pending in the
    /// directory's marker until all are written, so that a stop in between is known (and a resume writes them again).
    /// </summary>
    /// <exception cref="CampaignStoppedException">
    /// A result or an output could not be written (a full disk), or a part turned out damaged: the runs finished so far are kept.
    /// </exception>
    public CampaignReport Run(ICampaignObserver observer, CancellationToken cancellation)
    {
        var started = DateTimeOffset.UtcNow;
        var outcome = _backend.Run(_campaign, _directory, Store, _options, observer, cancellation);
        if (Store.Damaged is { Count: > 0 } damaged)
            observer.Note($"{damaged.Count} finished runs' parts were cut short or changed since they were written, so they ran again (e.g. {damaged[0]})");
        var report = new CampaignReport(outcome, null, Store.PartsDirectory, ErrorLog());
        if (outcome is null || outcome.Interrupted) return report;

        var manifest = CampaignManifest.Of(_campaign, outcome.Resumed, outcome.Failures.Count(), outcome.Wall, _options.Workers, started);
        observer.Progress(new CampaignProgress(outcome.Results.Count, _campaign.Runs.Count, outcome.Failures.Count(), WritingOutputs, 1));
        CampaignFiles written;
        try
        {
            _directory.OutputsPending(true);
            // The configuration first: the manifest, written last, is what marks the outputs whole.
            ResolvedConfiguration.Write(_directory, _campaign);
            written = _registries.Outputs.Write(_directory, manifest, outcome.Results, Store.JobPart, Store.JobRows, _options.Parquet, _options.Workers);
            _directory.OutputsPending(false);
        }
        catch (DamagedPartException e)
        {
            Store.Forget(e.Path);
            throw new CampaignStoppedException($"{e.Message}; its result is removed, so a resume makes that run again", Store.PartsDirectory, e);
        }
        catch (UserInputException e) when (e is not CampaignStoppedException)
        {
            throw new CampaignStoppedException(e.Message, Store.PartsDirectory, e);
        }
        // The parts are what --resume reuses; with nothing left to resume they only duplicate the tables.
        if (!outcome.Failures.Any() && !_options.KeepParts) Store.Discard();
        return report with { Files = written, ErrorLog = ErrorLog() };
    }

    /// <summary>What the last progress report of a campaign says while its outputs are written (a phase of its own, seconds long).</summary>
    public const string WritingOutputs = "every run done; writing the tables, plots and summary";

    private string? ErrorLog() => File.Exists(Store.ErrorLog) ? Store.ErrorLog : null;

    public void Dispose() => _directory.Dispose();
}
