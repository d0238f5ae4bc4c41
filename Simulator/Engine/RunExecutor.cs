using System.Diagnostics;
using NodeSim.Models.Isolation;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Engine;

/// <summary>A finished run: its result (metrics, or why it failed), its job rows, and the unexpected exception that failed it, if one did (with its stack trace).</summary>
public sealed record RunOutput(RunResult Result, IReadOnlyList<JobRecord> Rows, Exception? Defect = null);

/// <summary>
/// Executes a campaign's runs and returns their results; it writes no files. Each run's scenario
/// kind executes it; the executor owns the context its runs share (loaded workloads, job
/// executions, SoC characterisations), so a run costs the same whatever ran before it in this
/// process, and nothing is shared between executors.
/// </summary>
/// <param name="store">Where job executions are kept between processes (the program's disk cache), or none.</param>
public sealed class RunExecutor(IJobWindowStore? store = null)
{
    /// <summary>What the executor's runs share: workloads, job executions and SoC characterisations.</summary>
    public RunContext Context { get; } = new(disk: store);

    /// <summary>Runs one run and never throws for a model failure: the failure is part of the result.</summary>
    public RunOutput Execute(RunSpec run)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<Metric> metrics;
        IReadOnlyList<JobRecord> rows;
        string? error = null;
        Exception? defect = null;
        try
        {
            (metrics, rows) = run.Scenario.Kind.Execute(run.Work, Context,
                new JobRecord { Scenario = run.Scenario.Name, Point = run.Point.Index, Replica = run.Replica, Stack = run.Stack });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            metrics = [];
            rows = [];
            error = e is UserInputException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            if (e is not UserInputException) defect = e;
        }
        var result = new RunResult(run.Index, run.Key, run.Scenario.Name, run.Scenario.Kind.Name, run.Point.Index, run.Parameters, run.Stack, run.Replica,
            run.Seed, metrics, error, clock.Elapsed.TotalSeconds);
        return new RunOutput(result, rows, defect);
    }

    /// <summary>
    /// Executes <paramref name="runs"/> on <paramref name="workers"/> threads, the costliest first
    /// (as their kinds estimate) so workers finish together, calling <paramref name="finished"/>
    /// on the worker's thread as each ends. Stops taking new runs when cancelled; a run in progress
    /// always finishes, so its result is complete. Results do not depend on the number of workers:
    /// every run's seed comes from the plan. When <paramref name="finished"/> throws (a full disk
    /// while persisting, say), every worker stops taking runs and the first such exception is
    /// rethrown here, on the caller's thread, once all have stopped.
    /// </summary>
    public void ExecuteAll(IReadOnlyList<RunSpec> runs, int workers, CancellationToken cancellation, Action<RunOutput> finished)
    {
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        var todo = CostliestFirst(runs);
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

    /// <summary><paramref name="runs"/> by their kinds' cost estimates, costliest first; equal costs in plan order.</summary>
    public static List<RunSpec> CostliestFirst(IEnumerable<RunSpec> runs) =>
        [.. runs.OrderByDescending(r => r.Scenario.Kind.Cost(r.Work)).ThenBy(r => r.Index)];

    /// <summary>
    /// Characterises every (profile, stack, SoC) the runs need, in parallel, before any run starts.
    /// Many runs share each characterisation; made on first use, they would leave workers waiting
    /// for one another at the start of a campaign.
    /// </summary>
    private void CharacterizeFirst(List<RunSpec> todo, int workers, CancellationToken cancellation)
    {
        var needs = new HashSet<(JobProfile, IsolationStack, SocPreset)>();
        foreach (var run in todo)
            foreach (var profile in run.Work.Profiles) needs.Add((profile, run.Work.Stack, run.Work.Soc));
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
}
