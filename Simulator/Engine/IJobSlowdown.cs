using NodeSim.Models.Isolation;
using NodeSim.Models.Scheduling;

namespace NodeSim.Engine;

/// <summary>
/// What running a job on the simulated machine costs beyond its trace run time: a factor on the run
/// time and, when a stack model produced it, the profile the job was given, its ranks, and the
/// ledger and counters of its execution.
/// </summary>
public sealed record JobCost(double Factor, string? Profile = null, int Ranks = 0, JobExecutionResult? Execution = null)
{
    public static readonly JobCost None = new(1.0);
}

/// <summary>
/// The hook through which node-level costs (isolation stacks) reach the cluster replay. The
/// scheduler still decides by the job's estimate; completions use run time × factor.
/// </summary>
public interface IJobSlowdown
{
    /// <summary>The cost of running <paramref name="job"/> (factor ≥ 1 for a cost, exactly 1 for none).</summary>
    JobCost Cost(BatchJob job);
}

/// <summary>No slowdown: jobs run exactly their trace run time.</summary>
public sealed class NoSlowdown : IJobSlowdown
{
    public static readonly NoSlowdown Instance = new();

    public JobCost Cost(BatchJob job) => JobCost.None;
}
