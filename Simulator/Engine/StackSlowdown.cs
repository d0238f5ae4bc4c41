using NodeSim.Models.Isolation;
using NodeSim.Models.Scheduling;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Engine;

/// <summary>
/// The slowdown of each replayed job under an isolation stack: the job gets a profile from the
/// workload mix and runs one rank per core of each node it occupies (ranks = nodes × cores, less the
/// stack's housekeeping cores, which also stretch the job: its work is on fewer cores); its
/// factor is the job-execution model's, for that profile on that many ranks (rounded up to a power
/// of two, so a trace needs only a few hundred distinct simulations).
/// </summary>
/// <param name="windowSeconds">Simulated time of each job window (at least 5 iterations).</param>
public sealed class StackSlowdown(IsolationStack stack, SocPreset soc, WorkloadMix mix, ulong seed, RunContext context,
    double windowSeconds = StackSlowdown.DefaultWindowSeconds, Models.Network.Interconnect? interconnect = null) : IJobSlowdown
{
    /// <summary>
    /// A replay's windows are shorter than a job scenario's (2 s): a replay simulates hundreds of them,
    /// up to thousands of ranks each, and the window's cost grows with ranks × simulated time. Half a
    /// second is 5 iterations of the 0.1 s profiles and hundreds of the fine-grained ones; each
    /// iteration's critical path is the slowest of all ranks, so even a few iterations measure it.
    /// </summary>
    public const double DefaultWindowSeconds = 0.5;

    public IsolationStack Stack { get; } = stack;

    /// <summary>Ranks of a job on <paramref name="nodes"/> nodes, as simulated (a power of two ≥ nodes × cores).</summary>
    public int SimulatedRanks(int nodes) => (int)Math.Min(1 << 20, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(nodes * RankCores)));

    /// <summary>Cores per node that run ranks: all but the stack's housekeeping cores.</summary>
    private int RankCores => Stack.RankCores(soc) is var cores and > 0 ? cores
        : throw new UserInputException($"stack '{Stack.Name}' keeps {Stack.HousekeepingCores} housekeeping cores per node, but {soc.Name} nodes have {soc.Cores}: no core is left for ranks");

    private JobExecutionRequest Request(BatchJob job) =>
        new(mix.Assign(job), Stack, SimulatedRanks(job.Nodes), soc, null, seed, windowSeconds, interconnect);

    public JobCost Cost(BatchJob job)
    {
        if (Stack.IsIdeal) return JobCost.None with { Profile = mix.Assign(job).Name, Ranks = job.Nodes * soc.Cores };
        var request = Request(job);
        var result = context.Job(request).OnRankCores(RankCores, soc.Cores);
        return new JobCost(result.Factor, request.Profile.Name, job.Nodes * RankCores, result);
    }

    /// <summary>Simulates, in parallel, every distinct (profile, ranks) the jobs need, so the replay finds them cached.</summary>
    /// <param name="parallelism">Threads to use (−1: all cores; a campaign's workers pass 1).</param>
    public void Prepare(IEnumerable<BatchJob> jobs, int parallelism = -1)
    {
        if (Stack.IsIdeal) return;
        var requests = jobs.Select(Request).Distinct().ToList();
        if (parallelism == 1)
            foreach (var r in requests) context.Job(r);   // on the caller's thread: no tasks for the thread pool to schedule
        else
            Parallel.ForEach(requests, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, r => context.Job(r));
    }
}
