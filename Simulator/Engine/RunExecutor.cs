using System.Collections.Concurrent;
using System.Diagnostics;
using NodeSim.Models.Isolation;
using NodeSim.Models.Scheduling;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;
using NodeSim.Traces;

namespace NodeSim.Engine;

/// <summary>A finished run: its result (metrics, or why it failed), its job rows, and the unexpected exception that failed it, if one did (with its stack trace).</summary>
public sealed record RunOutput(RunResult Result, IReadOnlyList<JobRecord> Rows, Exception? Defect = null);

/// <summary>A replay under one stack: the schedule, its per-job rows and its metrics.</summary>
public sealed record ReplayRun(ReplayOutcome Outcome, List<JobRecord> Rows, ReplayMetrics Metrics);

/// <summary>
/// Executes runs of a plan — a campaign's, or the single run of <c>nodesim job</c> or
/// <c>nodesim replay</c> — and returns their results; it writes no files. It owns the caches its
/// runs share (loaded workloads, job executions, SoC characterisations), so a run costs the same
/// whatever ran before it in this process, and nothing is shared between executors.
/// </summary>
public sealed class RunExecutor
{
    private readonly ConcurrentDictionary<(WorkloadSource, int?, EstimateSource), Lazy<BatchWorkload>> _workloads = new();

    /// <summary>What the executor's runs share: job executions and SoC characterisations.</summary>
    public RunContext Context { get; } = new();

    /// <summary>Runs one run and never throws for a model failure: the failure is part of the result.</summary>
    public RunOutput Execute(RunSpec run)
    {
        var clock = Stopwatch.StartNew();
        List<Metric> metrics;
        List<JobRecord> rows;
        string? error = null;
        Exception? defect = null;
        try
        {
            (metrics, rows) = run.Work switch
            {
                JobWork job => RunJob(run, job),
                ReplayWork replay => RunReplay(run, replay),
                EdgeWork edge => RunEdge(run, edge),
                _ => throw new InvalidOperationException($"no executor for {run.Work.GetType().Name}"),
            };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            metrics = [];
            rows = [];
            // A failed workload load is not cached: the next run that needs it tries again.
            if (run.Work is ReplayWork r) _workloads.TryRemove((r.Source, r.Nodes, r.Estimate), out _);
            error = e is UserInputException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            if (e is not UserInputException) defect = e;
        }
        var result = new RunResult(run.Index, run.Key, run.Scenario.Name, run.Scenario.Kind, run.Point.Index, run.Parameters, run.Stack, run.Replica, run.Seed,
            metrics, error, clock.Elapsed.TotalSeconds);
        return new RunOutput(result, rows, defect);
    }

    /// <summary>
    /// Executes <paramref name="runs"/> on <paramref name="workers"/> threads, the costliest first
    /// (replays, then many ranks) so workers finish together, calling <paramref name="finished"/>
    /// on the worker's thread as each ends. Stops taking new runs when cancelled; a run in progress
    /// always finishes, so its result is complete. Results do not depend on the number of workers:
    /// every run's seed comes from the plan. When <paramref name="finished"/> throws (a full disk
    /// while persisting, say), every worker stops taking runs and the first such exception is
    /// rethrown here, on the caller's thread, once all have stopped.
    /// </summary>
    public void ExecuteAll(IReadOnlyList<RunSpec> runs, int workers, CancellationToken cancellation, Action<RunOutput> finished)
    {
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        var todo = runs.OrderByDescending(r => r.Work.Kind == ScenarioKind.Replay)
            .ThenByDescending(r => r.Work is JobWork j ? j.Request.Ranks : 4)
            .ThenBy(r => r.Index).ToList();
        CharacterizeFirst(todo, workers, cancellation);
        var next = -1;
        var threads = Enumerable.Range(0, Math.Min(workers, Math.Max(todo.Count, 1))).Select(w => new Thread(() =>
        {
            int i;
            while (!cancellation.IsCancellationRequested && Volatile.Read(ref failure) is null && (i = Interlocked.Increment(ref next)) < todo.Count)
            {
                try
                {
                    finished(Execute(todo[i]));
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e), null);
                }
            }
        }) { Name = $"run worker {w}", IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        failure?.Throw();
    }

    /// <summary>
    /// Characterises every (profile, stack, SoC) the runs need, in parallel, before any run starts.
    /// Many runs share each characterisation; made on first use, they would leave workers waiting
    /// for one another at the start of a campaign.
    /// </summary>
    private void CharacterizeFirst(List<RunSpec> todo, int workers, CancellationToken cancellation)
    {
        var needs = new HashSet<(JobProfile, IsolationStack, SocPreset)>();
        foreach (var run in todo)
        {
            IEnumerable<JobProfile> profiles = run.Work switch
            {
                JobWork job => [job.Request.Profile],
                ReplayWork replay => replay.Mix.Profiles,
                _ => [],
            };
            foreach (var profile in profiles) needs.Add((profile, run.Work.Stack, run.Work.Soc));
        }
        try
        {
            Parallel.ForEach(needs, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellation },
                n => Context.TranslationFactor(n.Item1, n.Item2, n.Item3));
        }
        catch (OperationCanceledException)
        {
            // Stopped before any run: the runs loop sees the cancellation too.
        }
    }

    /// <summary>One job's execution under a stack.</summary>
    public JobExecutionResult Job(JobExecutionRequest request) => Context.Job(request);

    private (List<Metric>, List<JobRecord>) RunJob(RunSpec run, JobWork job)
    {
        var r = Job(job.Request);
        var metrics = RunMetrics.Measure(RunMetrics.Job, r);
        // The window as one row of the job table: its times on this stack, its ledger and counters.
        var ideal = r.SimulatedSeconds / r.Factor;
        var row = new JobRecord
        {
            Scenario = run.Scenario.Name, Point = run.Point.Index, Replica = run.Replica, Stack = run.Stack,
            EndS = r.SimulatedSeconds, RunS = r.SimulatedSeconds, ReferenceRunS = ideal, TurnaroundS = r.SimulatedSeconds,
            Slowdown = r.Factor, BoundedSlowdown = Math.Max(1, r.SimulatedSeconds / Math.Max(ideal, ReplayMetrics.DefaultBoundSeconds)),
            OverheadPct = r.SlowdownPct, Processors = job.Request.Ranks, Nodes = Nodes(job.Request),
        }.WithCost(new JobCost(r.Factor, job.Request.Profile.Name, job.Request.Ranks, r));
        return (metrics, [row]);
    }

    private (List<Metric>, List<JobRecord>) RunEdge(RunSpec run, EdgeWork work)
    {
        var stream = Edge.EdgeWorkload.Load(work.Source, work.Spec, work.Seed, new NodeSim.Traces.Edge.LlmServiceModel())
            .ForServing(work.Cores / work.CoresPerRequest, work.Load, work.RateScale, work.QueueLimit);
        var result = Edge.EdgeServing.Run(new Edge.EdgeExperiment(work.Stack, work.Soc, stream.Requests, work.Cores, work.QueueLimit, work.Seed,
            CoresPerRequest: work.CoresPerRequest));
        return (RunMetrics.Measure(RunMetrics.Edge, new Edge.EdgeRun(result, stream.OfferedLoad(work.Cores / work.CoresPerRequest))), []);
    }

    /// <summary>Nodes a job's ranks occupy, one per core that runs ranks (the stack's housekeeping cores run none).</summary>
    private static int Nodes(JobExecutionRequest request)
    {
        var cores = request.Stack.RankCores(request.Soc);
        if (cores < 1) throw new UserInputException($"stack '{request.Stack.Name}' keeps every core of {request.Soc.Name} for housekeeping: none is left for ranks");
        return (request.Ranks + cores - 1) / cores;
    }

    private (List<Metric>, List<JobRecord>) RunReplay(RunSpec run, ReplayWork work)
    {
        var replay = Replay(work, Workload(work.Source, work.Nodes, work.Estimate), ReplayMetrics.DefaultBoundSeconds,
            new JobRecord { Scenario = run.Scenario.Name, Point = run.Point.Index, Replica = run.Replica, Stack = run.Stack }, parallelism: 1);
        return (RunMetrics.Measure(RunMetrics.Replay, new ReplayRunOutcome(replay.Metrics, replay.Outcome)), replay.Rows);
    }

    /// <summary>A workload, loaded once per executor (a failed load is not kept).</summary>
    public BatchWorkload Workload(WorkloadSource source, int? nodes, EstimateSource estimate) =>
        _workloads.GetOrAdd((source, nodes, estimate), key => new Lazy<BatchWorkload>(() => BatchWorkload.Load(key.Item1, key.Item2, key.Item3))).Value;

    /// <summary>
    /// Replays <paramref name="workload"/> under the work's stack: every job's execution is simulated
    /// (<paramref name="parallelism"/> threads; a campaign's workers pass 1), then the schedule.
    /// </summary>
    public ReplayRun Replay(ReplayWork work, BatchWorkload workload, double boundSeconds, JobRecord label, int parallelism = -1)
    {
        var slowdown = new StackSlowdown(work.Stack, work.Soc, work.Mix, work.Seed, Context, work.WindowSeconds, work.Interconnect);
        slowdown.Prepare(workload.Jobs, parallelism);
        return Schedule(workload, work.Policy, work.Backfill, slowdown, boundSeconds, label);
    }

    /// <summary>
    /// Schedules <paramref name="workload"/> on its machine, each job running its trace time × <paramref name="slowdown"/>'s
    /// factor (none: the batch layer alone), and measures it: rows labelled as <paramref name="label"/>, metrics with τ = <paramref name="boundSeconds"/>.
    /// </summary>
    public static ReplayRun Schedule(BatchWorkload workload, IQueuePolicy policy, IBackfill backfill, IJobSlowdown? slowdown, double boundSeconds, JobRecord label)
    {
        var outcome = ClusterReplay.Run(workload.Jobs, workload.Machine, policy, backfill, slowdown);
        var rows = ReplayMetrics.JobRecords(outcome, boundSeconds, label);
        return new ReplayRun(outcome, rows, ReplayMetrics.Compute(outcome, rows, boundSeconds));
    }
}
