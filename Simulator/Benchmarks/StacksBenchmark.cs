using NodeSim.Engine;
using NodeSim.Models.Isolation;
using NodeSim.Models.NodeKernels;
using NodeSim.Models.Scheduling;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Benchmarks;

/// <summary>
/// The isolation-stack replay benchmarks: a workload replayed under all stacks (FCFS + EASY, pine-a64
/// nodes, the default mix), with job executions simulated afresh ("cold") or already cached ("warm"),
/// and the cost's dependence on the Linux tick rate and on simulated duration.
/// </summary>
public static class StacksBenchmark
{
    /// <summary>
    /// Replays <paramref name="workload"/> under every stack in <paramref name="stacks"/>: cold, every job simulation runs
    /// again in each call (SoC characterisations are kept); warm, the calls share one context.
    /// </summary>
    public static Func<BenchRun> Replay(BatchWorkload workload, IReadOnlyList<IsolationStack> stacks, bool cold)
    {
        var warm = new RunContext();
        return () => Replay(workload, stacks, cold ? new RunContext(characterizations: warm.Characterizations) : warm);
    }

    private static BenchRun Replay(BatchWorkload workload, IReadOnlyList<IsolationStack> stacks, RunContext context)
    {
        double checksum = 0;
        foreach (var stack in stacks)
        {
            var slowdown = new StackSlowdown(stack, SocPresets.PineA64, WorkloadMix.Default(), 1, context);
            slowdown.Prepare(workload.Jobs);
            checksum += ClusterReplay.Run(workload.Jobs, workload.Machine, new QueuePolicies.Fcfs(), new EasyBackfill(), slowdown).MeanBusyNodes;
        }
        return new BenchRun((long)workload.Jobs.Count * stacks.Count, checksum);
    }

    /// <summary>The two stacks whose node resource manager is Linux, with its tick at <paramref name="hz"/>.</summary>
    public static IReadOnlyList<IsolationStack> LinuxAt(double hz)
    {
        var linux = NodeKernelPresets.Linux with { TickHz = hz };
        return
        [
            IsolationStack.NativeLinux with { Name = $"native-linux-{hz}hz", Primary = linux },
            IsolationStack.HafniumLinux with { Name = $"hafnium-linux-{hz}hz", Primary = linux },
        ];
    }
}
