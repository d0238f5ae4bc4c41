using System.Diagnostics;
using NodeSim.Engine;

namespace NodeSim.Reporting.Campaigns;

/// <summary>Progress of a campaign: runs finished (including those found done on resume) out of all.</summary>
public readonly record struct CampaignProgress(int Done, int Total, int Failed, string? Last);

/// <summary>How a campaign ended.</summary>
public sealed record CampaignOutcome(IReadOnlyList<RunResult> Results, int Resumed, bool Interrupted, TimeSpan Wall)
{
    public IEnumerable<RunResult> Failures => Results.Where(r => r.Error is not null);
}

/// <summary>
/// Runs a campaign into a run directory: the engine's <see cref="RunExecutor"/> executes the runs on
/// <c>workers</c> threads and the <see cref="RunStore"/> persists each as it finishes, so
/// <c>--resume</c> skips those done. Outputs are assembled in run order, so they do not depend on
/// the number of workers or the order runs finish in.
/// </summary>
/// <param name="only">Runs this runner executes (null: all); the others it only reads from the parts, as a resume does.</param>
/// <param name="execute">False: execute nothing — gather the results the parts hold (the Slurm backend's merge).</param>
/// <param name="joinParts">True for one of several processes writing the same parts at once (a Slurm array task).</param>
public sealed class CampaignRunner(Campaign campaign, string outputDirectory, int workers, bool resume,
    Func<RunSpec, bool>? only = null, bool execute = true, bool joinParts = false)
{
    private readonly RunExecutor _executor = new();

    /// <summary>
    /// A test seam: with this environment variable set to N, the campaign stops taking runs once N
    /// are persisted, says so on standard error, and waits to be killed — so a test can kill it at a
    /// known point instead of racing it.
    /// </summary>
    public const string HoldAfterRunsVariable = "NODESIM_TEST_HOLD_AFTER_RUNS";

    /// <summary>A test seam: every run of the scenario this environment variable names fails, as a run that fails inside the model does.</summary>
    public const string FailScenarioVariable = "NODESIM_TEST_FAIL_SCENARIO";

    public RunStore Store { get; } = new(outputDirectory);

    public CampaignOutcome Run(CancellationToken cancellation, Action<CampaignProgress>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var runs = campaign.Runs;
        if (joinParts) Store.Join();
        else Store.Open(resume);
        var results = new RunResult?[runs.Count];
        var resumed = 0;
        if (resume)
            foreach (var run in runs)
                if (Store.Read(run) is { } done)
                {
                    results[run.Index] = done;
                    resumed++;
                }
        var finished = resumed;
        var failed = results.Count(r => r?.Error is not null);
        var holdAfter = int.TryParse(Environment.GetEnvironmentVariable(HoldAfterRunsVariable), out var n) ? n : int.MaxValue;
        var failScenario = Environment.GetEnvironmentVariable(FailScenarioVariable);
        progress?.Invoke(new CampaignProgress(finished, runs.Count, failed, null));

        _executor.ExecuteAll([.. runs.Where(r => execute && results[r.Index] is null && (only is null || only(r)))], workers, cancellation, output =>
        {
            if (output.Result.Scenario == failScenario)
                output = new RunOutput(output.Result with { Metrics = [], Error = $"injected failure ({FailScenarioVariable})" }, []);
            Store.Write(output);
            var result = output.Result;
            results[result.Index] = result;
            var done = Interlocked.Increment(ref finished);
            var bad = result.Error is null ? Volatile.Read(ref failed) : Interlocked.Increment(ref failed);
            progress?.Invoke(new CampaignProgress(done, runs.Count, bad, runs[result.Index].Label));
            if (done >= holdAfter)
            {
                Console.Error.WriteLine($"nodesim: holding after {done} runs ({HoldAfterRunsVariable})");
                Thread.Sleep(Timeout.Infinite);
            }
        });
        var interrupted = results.Any(r => r is null);
        return new CampaignOutcome(results.Where(r => r is not null).Select(r => r!).OrderBy(r => r.Index).ToList(), resumed, interrupted, clock.Elapsed);
    }
}
