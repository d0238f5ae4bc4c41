using System.Diagnostics;
using NodeSim.Engine;
using NodeSim.Engine.Kinds;
using NodeSim.Models.Registries;
using NodeSim.Models.Isolation;
using NodeSim.Models.Scheduling;
using NodeSim.Models.Workloads;
using NodeSim.Traces.Sources;
using NodeSim.Traces.Swf;
using NodeSim.Traces.Synthetic;

namespace NodeSim.Benchmarks;

/// <summary>One phase of a replay under one stack (or of the trace, for parsing): medians over the measured rounds.</summary>
public sealed record ReplayPhase(string Phase, string Stack, double MedianSeconds, double BytesPerJob, long Jobs)
{
    public double JobsPerSecond => Jobs / MedianSeconds;
}

/// <summary>
/// Where a replay's time goes, by phase, as <c>nodesim replay --stack …</c> does it: parsing the SWF file, preparing each stack's job
/// windows (cold: a new context, so every window is simulated; warm: the windows already at hand), the schedule (FCFS + EASY), and the
/// metrics from the job rows; then the whole of it end to end under every stack at once. A generated workload is written to an SWF
/// file first, so parsing is measured on a real file.
/// </summary>
public sealed class ReplayPhasesBenchmark(ModelCatalogue models, int jobs, int nodes, IReadOnlyList<IsolationStack> stacks)
{
    private readonly WorkloadSource source = new WorkloadSource.Hpc(new HpcWorkloadParameters(Jobs: jobs, Nodes: nodes, Seed: 1));

    /// <summary>The phases, each measured <paramref name="runs"/> times after <paramref name="warmups"/> rounds.</summary>
    public IReadOnlyList<ReplayPhase> Measure(int runs, int warmups, Action<string>? progress)
    {
        var file = Path.Combine(Path.GetTempPath(), $"nodesim-bench-{Environment.ProcessId}-{jobs}.swf");
        try
        {
            WriteSwf(file);
            var results = new List<ReplayPhase>();
            progress?.Invoke($"parse: {jobs:N0} jobs from an SWF file");
            var workload = BatchWorkload.Load(new WorkloadSource.File(file));
            results.Add(Phase("parse", "", runs, warmups, () => BatchWorkload.Load(new WorkloadSource.File(file)).Jobs.Count));
            foreach (var stack in stacks)
            {
                progress?.Invoke($"{stack.Name}: prepare (cold and warm), replay, metrics");
                var slowdown = Slowdown(stack, new RunContext(), workload);
                var placed = slowdown.Placed(workload);
                results.Add(Phase("prepare, cold", stack.Name, runs, 0, () => { Slowdown(stack, new RunContext(), workload).Prepare(placed.Jobs, 1); return jobs; }));
                slowdown.Prepare(placed.Jobs, 1);
                results.Add(Phase("prepare, warm", stack.Name, runs, warmups, () => { slowdown.Prepare(placed.Jobs, 1); return jobs; }));
                ReplayOutcome? outcome = null;
                results.Add(Phase("replay", stack.Name, runs, warmups, () =>
                {
                    outcome = ClusterReplay.Run(placed.Jobs, placed.Machine, new QueuePolicies.Fcfs(), new EasyBackfill(), slowdown);
                    return outcome.Jobs.Count;
                }));
                results.Add(Phase("metrics", stack.Name, runs, warmups, () =>
                {
                    var rows = ReplayMetrics.JobRecords(outcome!, ReplayMetrics.DefaultBoundSeconds, new JobRecord { Stack = stack.Name });
                    return ReplayMetrics.Compute(outcome!, rows, ReplayMetrics.DefaultBoundSeconds).Jobs;
                }));
            }
            return results;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// The whole replay under every stack at once, as <c>nodesim replay --stack …</c> runs it (the stacks in parallel, job windows from a
    /// warm context, parse of an SWF file included), for each of <paramref name="sizes"/> jobs: median wall seconds of <paramref name="runs"/>.
    /// </summary>
    public IReadOnlyList<(int Jobs, double MedianSeconds)> Growth(IReadOnlyList<int> sizes, int runs, Action<string>? progress)
    {
        var context = new RunContext();
        var results = new List<(int, double)>();
        foreach (var size in sizes)
        {
            var file = Path.Combine(Path.GetTempPath(), $"nodesim-bench-{Environment.ProcessId}-{size}.swf");
            try
            {
                new ReplayPhasesBenchmark(models, size, nodes, stacks).WriteSwf(file);
                progress?.Invoke($"end to end: {size:N0} jobs under {stacks.Count} stacks");
                double Once()
                {
                    var clock = Stopwatch.StartNew();
                    var workload = BatchWorkload.Load(new WorkloadSource.File(file));
                    Parallel.For(0, stacks.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, s =>
                    {
                        var slowdown = Slowdown(stacks[s], context, workload);
                        var placed = slowdown.Placed(workload);
                        slowdown.Prepare(placed.Jobs, 1);
                        ReplayKind.Schedule(placed, new QueuePolicies.Fcfs(), new EasyBackfill(), slowdown, ReplayMetrics.DefaultBoundSeconds, new JobRecord { Stack = stacks[s].Name });
                    });
                    return clock.Elapsed.TotalSeconds;
                }
                Once();   // warm-up: compiled code and the job windows at hand
                results.Add((size, BenchmarkHarness.Median([.. Enumerable.Range(0, runs).Select(_ => Once())])));
            }
            finally
            {
                File.Delete(file);
            }
        }
        return results;
    }

    /// <summary>A stack's job slowdowns as <c>nodesim replay</c> makes them by default: the Pine A64, the HPC fabric, the default mix.</summary>
    private StackSlowdown Slowdown(IsolationStack stack, RunContext context, BatchWorkload workload) =>
        new(stack, models.Socs.Get("pine-a64").Model, WorkloadMix.Default(1), 1, context, StackSlowdown.DefaultWindowSeconds, models.Interconnects.Get("hpc").Model,
            HousekeepingAccounting.MoreNodes, workload.Machine.Nodes);

    private void WriteSwf(string file)
    {
        var p = ((WorkloadSource.Hpc)source).Parameters;
        using var writer = new StreamWriter(file);
        SwfWriter.Write(writer, [new("Version", "2.2"), new("MaxNodes", $"{p.Nodes}"), new("MaxProcs", $"{p.Nodes}")], HpcWorkloadModel.Generate(p));
    }

    /// <summary>A phase's median wall time and allocation per job over <paramref name="runs"/> rounds.</summary>
    private static ReplayPhase Phase(string phase, string stack, int runs, int warmups, Func<int> body)
    {
        for (var i = 0; i < warmups; i++) body();
        var times = new List<double>();
        var bytes = new List<double>();
        var count = 0;
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            count = body();
            times.Add(clock.Elapsed.TotalSeconds);
            bytes.Add((GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Math.Max(1, count));
        }
        return new ReplayPhase(phase, stack, BenchmarkHarness.Median(times), BenchmarkHarness.Median(bytes), count);
    }
}
