using NodeSim.Models.Scheduling;

namespace NodeSim.Engine;

/// <summary>
/// How much longer a job runs on the simulated machine than its trace says: the hook through which
/// node-level costs (isolation stacks) reach the cluster replay. The scheduler still decides by the
/// job's estimate; completions use run time × factor.
/// </summary>
public interface IJobSlowdown
{
    /// <summary>The factor (≥ 1 for a cost, exactly 1 for none) for <paramref name="job"/>.</summary>
    double Factor(BatchJob job);
}

/// <summary>No slowdown: jobs run exactly their trace run time.</summary>
public sealed class NoSlowdown : IJobSlowdown
{
    public static readonly NoSlowdown Instance = new();

    public double Factor(BatchJob job) => 1.0;
}
