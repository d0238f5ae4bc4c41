using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using CsvHelper;
using NodeSim.Config;
using NodeSim.Models.Isolation;
using NodeSim.Reporting;
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
/// <c>parts/&lt;key&gt;.json</c> (after its job rows, <c>parts/&lt;key&gt;.jobs.csv</c>) as soon as it
/// finishes, so an interrupted campaign leaves only complete results and <c>--resume</c> skips
/// them. Every run's seed comes from the campaign, so results do not depend on the number of
/// workers or the order runs finish in; outputs are assembled in run order.
/// </summary>
public sealed class CampaignRunner(Campaign campaign, string outputDirectory, int workers, bool resume, Action<CampaignProgress>? progress = null)
{
    private readonly ConcurrentDictionary<(WorkloadSource, int?, EstimateSource), Lazy<BatchWorkload>> _workloads = new();

    public string PartsDirectory => Path.Combine(outputDirectory, "parts");

    public CampaignOutcome Run(CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var runs = campaign.Runs();
        if (!resume && Directory.Exists(PartsDirectory)) Directory.Delete(PartsDirectory, recursive: true);
        Directory.CreateDirectory(PartsDirectory);
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
        var interrupted = false;
        try
        {
            Parallel.ForEach(
                System.Collections.Concurrent.Partitioner.Create(todo, EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellation },
                run =>
                {
                    var result = Execute(run);
                    results[run.Index] = result;
                    var done = Interlocked.Increment(ref finished);
                    var bad = result.Error is null ? Volatile.Read(ref failed) : Interlocked.Increment(ref failed);
                    progress?.Invoke(new CampaignProgress(done, runs.Count, bad, $"{run.Scenario.Name}, point {run.Point.Index}, {run.Stack}, replica {run.Replica}"));
                });
        }
        catch (OperationCanceledException)
        {
            interrupted = true;
        }
        return new CampaignOutcome(results.Where(r => r is not null).Select(r => r!).OrderBy(r => r.Index).ToList(), resumed, interrupted, clock.Elapsed);
    }

    /// <summary>Runs one run, persists it, and never throws for a model failure: the failure is part of the result.</summary>
    private RunResult Execute(RunSpec run)
    {
        var clock = Stopwatch.StartNew();
        var parameters = run.Scenario.Parameters(run.Point).GroupBy(v => v.Name).Select(g => KeyValuePair.Create(g.Key, g.Last().Value)).ToList();
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
        var metrics = new List<Metric> { new("slowdown_pct", r.SlowdownPct) };
        metrics.AddRange(OverheadCauses.All.Select(c => new Metric(OverheadCauses.Key(c) + "_pct", r.LedgerPct[c])));
        metrics.Add(new("world_switches_per_s", r.WorldSwitchesPerSecond));
        metrics.Add(new("hypercalls_per_s", r.HypercallsPerSecond));
        metrics.Add(new("injected_interrupts_per_s", r.InjectedInterruptsPerSecond));
        metrics.Add(new("mailbox_messages_per_s", r.MailboxMessagesPerSecond));
        metrics.Add(new("translation_factor", r.TranslationFactor));
        // One row per window in the per-job file: the job, its ledger and counters.
        var cost = new JobCost(r.Factor, job.Request.Profile.Name, job.Request.Ranks, r);
        var window = new Models.Scheduling.BatchJob(0, 0, 0, Kernel.SimTime.FromSeconds(r.SimulatedSeconds / r.Factor).Nanoseconds, 0, job.Request.Ranks, 1);
        var row = ReplayMetrics.Record(window, cost, ReplayMetrics.DefaultBoundSeconds) with
        {
            Scenario = run.Scenario.Name, Point = run.Point.Index, Replica = run.Replica, Stack = run.Stack,
            StartS = 0, EndS = r.SimulatedSeconds, RunS = r.SimulatedSeconds, TurnaroundS = r.SimulatedSeconds, OverheadPct = r.SlowdownPct,
        };
        return (metrics, [row]);
    }

    private (List<Metric>, List<JobRecord>) RunReplay(RunSpec run, ResolvedReplay replay)
    {
        var workload = _workloads.GetOrAdd((replay.Source, replay.Nodes, replay.Estimate),
            key => new Lazy<BatchWorkload>(() => BatchWorkload.Load(key.Item1, key.Item2, key.Item3))).Value;
        var slowdown = new StackSlowdown(replay.Stack, replay.Soc, replay.Mix, replay.Seed);
        slowdown.Prepare(workload.Jobs, parallelism: 1);
        var outcome = ClusterReplay.Run(workload.Jobs, workload.Machine, replay.Policy, replay.Backfill, slowdown);
        var m = ReplayMetrics.Compute(outcome);
        List<Metric> metrics =
        [
            new("jobs", m.Jobs), new("mean_wait_s", m.WaitS.Mean), new("median_wait_s", m.WaitS.Median), new("p95_wait_s", m.WaitS.P95),
            new("mean_turnaround_s", m.TurnaroundS.Mean), new("mean_bsld", m.BoundedSlowdown.Mean), new("median_bsld", m.BoundedSlowdown.Median),
            new("p95_bsld", m.BoundedSlowdown.P95), new("utilization", m.Utilization), new("utilization_to_last_start", m.UtilizationToLastStart),
            new("makespan_s", m.MakespanS), new("mean_queue_length", m.MeanQueueLength), new("mean_busy_nodes", m.MeanBusyNodes),
            new("mean_overhead_pct", m.MeanOverheadPct),
        ];
        var rows = ReplayMetrics.JobRecords(outcome, m.BoundSeconds, run.Stack)
            .Select(j => j with { Scenario = run.Scenario.Name, Point = run.Point.Index, Replica = run.Replica }).ToList();
        return (metrics, rows);
    }

    private string PartPath(RunSpec run, string extension) => Path.Combine(PartsDirectory, run.Key + extension);

    private void WritePart(RunSpec run, RunResult result, List<JobRecord> rows)
    {
        // Rows first, the result last: a result file means the run is complete.
        AtomicFile.Write(PartPath(run, ".jobs.csv"), stream =>
        {
            using var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
            csv.WriteRecords(rows);
        });
        AtomicFile.Write(PartPath(run, ".json"), stream => JsonSerializer.Serialize(stream, result, PartJson));
    }

    private RunResult? ReadPart(RunSpec run)
    {
        var path = PartPath(run, ".json");
        if (!File.Exists(path) || !File.Exists(PartPath(run, ".jobs.csv"))) return null;
        try
        {
            using var stream = File.OpenRead(path);
            var result = JsonSerializer.Deserialize<RunResult>(stream, PartJson);
            // A part from another campaign or seed is not this run's result.
            return result is not null && result.Key == run.Key && result.Seed == run.Seed && result.Index == run.Index ? result : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The job rows of a finished run, from its part.</summary>
    public IReadOnlyList<JobRecord> JobRows(RunResult result)
    {
        var path = Path.Combine(PartsDirectory, result.Key + ".jobs.csv");
        using var csv = CsvReader.Create(File.OpenRead(path), CsvReaderOptions.Default, leaveOpen: false);
        return csv.GetRecords<JobRecord>().ToList();
    }

    private static readonly JsonSerializerOptions PartJson = new() { WriteIndented = false };
}
