using System.Diagnostics;
using NodeSim.Engine;

namespace NodeSim.Orchestration;

/// <summary>Progress of a campaign: runs finished (including those found done on resume) out of all.</summary>
/// <param name="WorkDone">The share of this session's work done, from the runs' measured costs (<see cref="RemainingWork"/>): with the time
/// taken, what the remaining time is extrapolated from, since runs differ in cost by orders of magnitude.</param>
public readonly record struct CampaignProgress(int Done, int Total, int Failed, string? Last, double WorkDone = 0);

/// <summary>How a campaign's runs ended.</summary>
/// <param name="Interrupted">Stopped before every run finished (cancelled); the runs done are kept.</param>
/// <param name="Missing">Runs that another executor left undone (a Slurm task that failed), each with how: the campaign is incomplete.</param>
public sealed record CampaignOutcome(IReadOnlyList<RunResult> Results, int Resumed, bool Interrupted, TimeSpan Wall,
    IReadOnlyList<(RunSpec Run, string How)>? Missing = null)
{
    public IEnumerable<RunResult> Failures => Results.Where(r => r.Error is not null);
}

/// <summary>
/// Runs a campaign into a run directory's parts: the engine's <see cref="RunExecutor"/> executes the
/// runs on <c>workers</c> threads and the <see cref="RunStore"/> persists each as it finishes, so
/// <c>--resume</c> skips those done. Results are returned in run order, so they do not depend on
/// the number of workers or the order runs finish in.
/// </summary>
/// <param name="only">Runs this runner executes (null: all); the others it only reads from the parts, as a resume does.</param>
/// <param name="execute">False: execute nothing — gather the results the parts hold (the Slurm backend's merge).</param>
/// <param name="joinParts">True for one of several processes writing the same parts at once (a Slurm array task).</param>
/// <param name="windows">Where job windows are kept between processes: the default disk cache (<see cref="JobWindowCache.Default"/>) unless told.</param>
public sealed class CampaignRunner(Campaign campaign, RunStore store, int workers, bool resume,
    Func<RunSpec, bool>? only = null, bool execute = true, bool joinParts = false, IJobWindowStore? windows = null)
{
    private readonly RunExecutor _executor = new(windows ?? JobWindowCache.Default);

    /// <summary>
    /// Runs what is not done yet; <paramref name="progress"/> hears of each run as it is persisted. Cancelling stops the workers
    /// taking runs: those in progress finish and are persisted, and the outcome says it was interrupted.
    /// </summary>
    public CampaignOutcome Run(CancellationToken cancellation, Action<CampaignProgress>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var runs = campaign.Runs;
        if (joinParts) store.Join();
        else store.Open(resume);
        var results = new RunResult?[runs.Count];
        var resumed = 0;
        if (resume)
            foreach (var run in runs)
                if (store.Read(run) is { } done)
                {
                    results[run.Index] = done;
                    resumed++;
                }
        var finished = resumed;
        var failed = results.Count(r => r?.Error is not null);
        var todo = runs.Where(r => execute && results[r.Index] is null && (only is null || only(r))).ToList();
        var work = new RemainingWork(runs, r => results[r.Index] is null);
        var gate = new object();
        progress?.Invoke(new CampaignProgress(finished, runs.Count, failed, null));

        _executor.ExecuteAll(todo, workers, cancellation, output =>
        {
            var run = runs[output.Result.Index];
            store.Write(output, keepRows: run.Scenario.Kind.RowsAreJobs);
            results[run.Index] = output.Result;
            var done = Interlocked.Increment(ref finished);
            var bad = output.Result.Error is null ? Volatile.Read(ref failed) : Interlocked.Increment(ref failed);
            double share;
            lock (gate) share = work.Finished(run.Index, output.Result.WallSeconds);
            progress?.Invoke(new CampaignProgress(done, runs.Count, bad, run.Label, share));
        });
        var interrupted = results.Any(r => r is null);
        return new CampaignOutcome([.. results.Where(r => r is not null).Select(r => r!).OrderBy(r => r.Index)], resumed, interrupted, clock.Elapsed);
    }
}
