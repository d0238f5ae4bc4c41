using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using NodeSim.Config;
using NodeSim.Models.Isolation;
using NodeSim.Reporting;
using NodeSim.Reporting.Campaigns;
using NodeSim.Traces;

namespace NodeSim.Engine;

/// <summary>Progress of a campaign: runs finished (including those found done on resume) out of all.</summary>
public readonly record struct CampaignProgress(int Done, int Total, int Failed, string? Last);

/// <summary>How a campaign ended.</summary>
public sealed record CampaignOutcome(IReadOnlyList<RunResult> Results, int Resumed, bool Interrupted, TimeSpan Wall)
{
    public IEnumerable<RunResult> Failures => Results.Where(r => r.Error is not null);
}

/// <summary>
/// Runs a campaign's runs on <c>workers</c> threads. Each run's result is written atomically to
/// <c>parts/&lt;key&gt;.json</c> (after its job rows, <c>parts/&lt;key&gt;.jobs.csv.gz</c>) as soon as it
/// finishes, so an interrupted campaign leaves only complete results and <c>--resume</c> skips
/// them. Every run's seed comes from the campaign, so results do not depend on the number of
/// workers or the order runs finish in; outputs are assembled in run order.
/// </summary>
public sealed class CampaignRunner(Campaign campaign, string outputDirectory, int workers, bool resume)
{
    private readonly ConcurrentDictionary<(WorkloadSource, int?, EstimateSource), Lazy<BatchWorkload>> _workloads = new();
    // The job rows of the replays run in this process, kept for the plots so they need not be read back.
    private readonly ConcurrentDictionary<int, List<JobRecord>> _replayRows = new();
    // The job executions the replays share: one campaign's own, so a campaign costs the same
    // whatever ran before it in this process (a benchmark runs the same campaign many times).
    private readonly JobExecutionCache _executions = new();

    public string PartsDirectory => Path.Combine(outputDirectory, "parts");

    public CampaignOutcome Run(CancellationToken cancellation, Action<CampaignProgress>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var runs = campaign.Runs();
        if (!resume && Directory.Exists(PartsDirectory)) Directory.Delete(PartsDirectory, recursive: true);
        Directory.CreateDirectory(PartsDirectory);
        // A process killed while writing leaves its temporary file behind (never a result): remove them.
        foreach (var stale in Directory.EnumerateFiles(PartsDirectory, ".*.tmp")) File.Delete(stale);
        var results = new RunResult?[runs.Count];
        var resumed = 0;
        if (resume)
            foreach (var run in runs)
                if (ReadPart(run) is { } done)
                {
                    results[run.Index] = done;
                    resumed++;
                }
        var finished = resumed;
        var failed = results.Count(r => r?.Error is not null);
        progress?.Invoke(new CampaignProgress(finished, runs.Count, failed, null));

        // The most expensive runs first (replays, then many ranks), so workers finish together.
        var todo = runs.Where(r => results[r.Index] is null)
            .OrderByDescending(r => r.Scenario.Kind == "replay")
            .ThenByDescending(r => r.Point["ranks"] is { } ranks ? int.Parse(ranks, System.Globalization.CultureInfo.InvariantCulture) : 4)
            .ThenBy(r => r.Index).ToList();
        CharacterizeFirst(todo, cancellation);

        // Dedicated threads, each taking the next run until none are left or the campaign is
        // stopped; a run in progress always finishes, so its result is complete.
        var next = -1;
        var threads = Enumerable.Range(0, Math.Min(workers, Math.Max(todo.Count, 1))).Select(w => new Thread(() =>
        {
            int i;
            while (!cancellation.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < todo.Count)
            {
                var run = todo[i];
                var result = Execute(run);
                results[run.Index] = result;
                var done = Interlocked.Increment(ref finished);
                var bad = result.Error is null ? Volatile.Read(ref failed) : Interlocked.Increment(ref failed);
                progress?.Invoke(new CampaignProgress(done, runs.Count, bad, $"{run.Scenario.Name}, point {run.Point.Index}, {run.Stack}, replica {run.Replica}"));
            }
        }) { Name = $"campaign worker {w}", IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var interrupted = results.Any(r => r is null);
        return new CampaignOutcome(results.Where(r => r is not null).Select(r => r!).OrderBy(r => r.Index).ToList(), resumed, interrupted, clock.Elapsed);
    }

    /// <summary>
    /// Characterises every (profile, stack, SoC) the runs need, in parallel, before any run starts.
    /// Many runs share each characterisation; made on first use, they would leave workers waiting
    /// for one another at the start of a campaign.
    /// </summary>
    private void CharacterizeFirst(List<RunSpec> todo, CancellationToken cancellation)
    {
        var needs = new HashSet<(Models.Workloads.JobProfile, IsolationStack, Models.Soc.SocPreset)>();
        foreach (var run in todo)
        {
            ResolvedRun resolved;
            try
            {
                resolved = ScenarioResolver.Resolve(campaign, run.Scenario, run.Point, run.Stack, run.Seed);
            }
            catch (UserInputException)
            {
                continue;   // the run itself reports it
            }
            var profiles = resolved switch
            {
                ResolvedJob job => [job.Request.Profile],
                ResolvedReplay replay => replay.Mix.Profiles,
                _ => [],
            };
            foreach (var profile in profiles) needs.Add((profile, resolved.Stack, resolved.Soc));
        }
        try
        {
            Parallel.ForEach(needs, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellation },
                n => JobExecution.TranslationFactor(n.Item1, n.Item2, n.Item3));
        }
        catch (OperationCanceledException)
        {
            // Stopped before any run: the runs loop sees the cancellation too.
        }
    }

    /// <summary>Runs one run, persists it, and never throws for a model failure: the failure is part of the result.</summary>
    private RunResult Execute(RunSpec run)
    {
        var clock = Stopwatch.StartNew();
        var parameters = Parameters(run);
        List<Metric> metrics;
        List<JobRecord> rows;
        string? error = null;
        try
        {
            (metrics, rows) = ScenarioResolver.Resolve(campaign, run.Scenario, run.Point, run.Stack, run.Seed) switch
            {
                ResolvedJob job => RunJob(run, job),
                ResolvedReplay replay => RunReplay(run, replay),
                _ => throw new InvalidOperationException("unknown run kind"),
            };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            metrics = [];
            rows = [];
            error = e is UserInputException ? e.Message : $"{e.GetType().Name}: {e.Message}";
        }
        var result = new RunResult(run.Index, run.Key, run.Scenario.Name, run.Scenario.Kind, run.Point.Index, parameters, run.Stack, run.Replica, run.Seed,
            metrics, error, clock.Elapsed.TotalSeconds);
        WritePart(run, result, rows);
        return result;
    }

    private static (List<Metric>, List<JobRecord>) RunJob(RunSpec run, ResolvedJob job)
    {
        var r = JobExecution.Run(job.Request);
        var metrics = RunMetrics.Measure(RunMetrics.Job, r);
        // The window as one row of the job table: its times on this stack, its ledger and counters.
        var ideal = r.SimulatedSeconds / r.Factor;
        var row = new JobRecord
        {
            Scenario = run.Scenario.Name, Point = run.Point.Index, Replica = run.Replica, Stack = run.Stack,
            EndS = r.SimulatedSeconds, RunS = r.SimulatedSeconds, ReferenceRunS = ideal, TurnaroundS = r.SimulatedSeconds,
            Slowdown = r.Factor, BoundedSlowdown = Math.Max(1, r.SimulatedSeconds / Math.Max(ideal, ReplayMetrics.DefaultBoundSeconds)),
            OverheadPct = r.SlowdownPct, Processors = job.Request.Ranks, Nodes = (job.Request.Ranks + job.Request.Soc.Cores - 1) / job.Request.Soc.Cores,
        }.WithCost(new JobCost(r.Factor, job.Request.Profile.Name, job.Request.Ranks, r));
        return (metrics, [row]);
    }

    private (List<Metric>, List<JobRecord>) RunReplay(RunSpec run, ResolvedReplay replay)
    {
        var workload = _workloads.GetOrAdd((replay.Source, replay.Nodes, replay.Estimate),
            key => new Lazy<BatchWorkload>(() => BatchWorkload.Load(key.Item1, key.Item2, key.Item3))).Value;
        var slowdown = new StackSlowdown(replay.Stack, replay.Soc, replay.Mix, replay.Seed, _executions);
        slowdown.Prepare(workload.Jobs, parallelism: 1);
        var outcome = ClusterReplay.Run(workload.Jobs, workload.Machine, replay.Policy, replay.Backfill, slowdown);
        var rows = ReplayMetrics.JobRecords(outcome, ReplayMetrics.DefaultBoundSeconds,
            new JobRecord { Scenario = run.Scenario.Name, Point = run.Point.Index, Replica = run.Replica, Stack = run.Stack });
        var m = ReplayMetrics.Compute(outcome, rows, ReplayMetrics.DefaultBoundSeconds);
        var metrics = RunMetrics.Measure(RunMetrics.Replay, new ReplayRunOutcome(m, outcome));
        _replayRows[run.Index] = rows;
        return (metrics, rows);
    }

    /// <summary>A run's parameters, each once with its effective value, in the order first written.</summary>
    private static List<KeyValuePair<string, string>> Parameters(RunSpec run) =>
        [.. run.Scenario.Parameters(run.Point).GroupBy(v => v.Name).Select(g => KeyValuePair.Create(g.Key, g.Last().Value))];

    private string PartPath(RunSpec run, string extension) => Path.Combine(PartsDirectory, run.Key + extension);

    private void WritePart(RunSpec run, RunResult result, List<JobRecord> rows)
    {
        // Rows first, the result last: a result file means the run is complete.
        JobTable.WritePart(PartPath(run, JobTable.PartExtension), rows);
        AtomicFile.Write(PartPath(run, ".json"), stream => JsonSerializer.Serialize(stream, result, PartJson));
    }

    private RunResult? ReadPart(RunSpec run)
    {
        var path = PartPath(run, ".json");
        if (!File.Exists(path) || !File.Exists(PartPath(run, JobTable.PartExtension))) return null;
        try
        {
            using var stream = File.OpenRead(path);
            var result = JsonSerializer.Deserialize<RunResult>(stream, PartJson);
            // A part from another campaign, seed or parameter values is not this run's result; a failed run is run again.
            return result is not null && result.Error is null && result.Key == run.Key && result.Seed == run.Seed && result.Index == run.Index
                && result.Parameters.SequenceEqual(Parameters(run)) ? result : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Removes <c>parts/</c>: once the tables are written from them, a campaign without failures has nothing to resume.</summary>
    public void DiscardParts()
    {
        if (Directory.Exists(PartsDirectory)) Directory.Delete(PartsDirectory, recursive: true);
    }

    /// <summary>The part file holding a finished run's job rows.</summary>
    public string JobPartPath(RunResult result) => Path.Combine(PartsDirectory, result.Key + JobTable.PartExtension);

    /// <summary>A finished run's job rows: kept from this process's run, or read from its part (a resumed run).</summary>
    public IReadOnlyList<JobRecord> JobRows(RunResult result) =>
        _replayRows.TryGetValue(result.Index, out var rows) ? rows : JobTable.ReadPart(JobPartPath(result));

    private static readonly JsonSerializerOptions PartJson = new() { WriteIndented = false };
}
