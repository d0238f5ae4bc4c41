using NodeSim.Engine;
using NodeSim.Models.Scheduling;
using NodeSim.Traces;
using NodeSim.Traces.Synthetic;
using NodeSim.Traces.Sources;

namespace NodeSim.Benchmarks;

/// <summary>
/// The replay benchmarks: a full trace under EASY, the whole RLScheduler protocol, and the cost of
/// a generated 100,000-job trace against a 10,000-job one (linear cost means a ratio near 10).
/// </summary>
public static class ReplayBenchmark
{
    /// <summary>The Lublin-1 trace beside the project, if present.</summary>
    public static string? SharedLublin()
    {
        foreach (var dir in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(dir); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, "shared", "traces", "lublin_256.swf.gz");
                if (File.Exists(candidate)) return candidate;
                candidate = Path.Combine(d.FullName, "..", "shared", "traces", "lublin_256.swf.gz");
                if (File.Exists(candidate)) return Path.GetFullPath(candidate);
            }
        }
        return null;
    }

    /// <summary>Replays a whole workload under FCFS + EASY; events = jobs.</summary>
    public static Func<BenchRun> FullTraceEasy(BatchWorkload workload) => () =>
    {
        var outcome = ClusterReplay.Run(workload.Jobs, workload.Machine, new QueuePolicies.Fcfs(), new EasyBackfill());
        return new BenchRun(workload.Jobs.Count, outcome.MeanBusyNodes);
    };

    /// <summary>All 60 protocol replays (3 policies × 2 modes × 10 windows); events = jobs replayed.</summary>
    public static Func<BenchRun> WholeProtocol(BatchWorkload workload) => () =>
    {
        double checksum = 0;
        foreach (var policy in new IQueuePolicy[] { new QueuePolicies.Fcfs(), new QueuePolicies.Sjf(), new QueuePolicies.F1() })
            foreach (var backfill in new IBackfill[] { new NoBackfill(), new GreedyBackfill() })
                checksum += RlSchedulerProtocol.Run(workload, policy, backfill).MeanBsld;
        return new BenchRun(6L * RlSchedulerProtocol.WindowStarts.Length * RlSchedulerProtocol.WindowLength, checksum);
    };

    /// <summary>A generated workload of <paramref name="jobs"/> jobs on 256 nodes at the default load.</summary>
    public static BatchWorkload Generated(int jobs) =>
        BatchWorkload.Load(new WorkloadSource.Hpc(new HpcWorkloadParameters(Jobs: jobs, Nodes: 256, Seed: 1)));
}
