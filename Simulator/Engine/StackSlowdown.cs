using NodeSim.Models.Isolation;
using NodeSim.Models.Scheduling;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Engine;

/// <summary>
/// The slowdown of each replayed job under an isolation stack: the job gets a profile from the
/// workload mix and runs one rank per core of the nodes it asked for; a stack that keeps cores for
/// housekeeping places it by <paramref name="accounting"/> (<see cref="Placement"/>): on more nodes,
/// or spread over the application cores of its own and stretched. Its factor is the job-execution
/// model's, for that profile on that many ranks (rounded up to a power of two, so a trace needs only a
/// few hundred distinct simulations).
/// </summary>
/// <param name="windowSeconds">Simulated time of each job window (at least 5 iterations).</param>
/// <param name="machineNodes">The cluster's nodes: a job placed on more nodes gets at most these, and spreads beyond them.</param>
public sealed class StackSlowdown(IsolationStack stack, SocPreset soc, WorkloadMix mix, ulong seed, RunContext context,
    double windowSeconds = StackSlowdown.DefaultWindowSeconds, Models.Network.Interconnect? interconnect = null,
    HousekeepingAccounting accounting = HousekeepingAccounting.MoreNodes, int machineNodes = int.MaxValue) : IJobSlowdown
{
    /// <summary>
    /// A replay's windows are shorter than a job scenario's (2 s): a replay simulates hundreds of them,
    /// up to thousands of ranks each, and the window's cost grows with ranks × simulated time. Half a
    /// second is 5 iterations of the 0.1 s profiles and hundreds of the fine-grained ones; each
    /// iteration's critical path is the slowest of all ranks, so even a few iterations measure it.
    /// </summary>
    public const double DefaultWindowSeconds = 0.5;

    public IsolationStack Stack { get; } = stack;

    /// <summary>Ranks of <paramref name="job"/>: one per core of the nodes it asked for, or, spread, per application core of them.</summary>
    private int Ranks(BatchJob job) => job.RequestedNodes * (accounting == HousekeepingAccounting.Spread && !Stack.IsIdeal ? Stack.RankCores(soc) : soc.Cores);

    /// <summary>Ranks of a job, as simulated (a power of two at least as many).</summary>
    public static int SimulatedRanks(int ranks) => (int)Math.Min(1 << 20, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, ranks)));

    /// <summary>Where <paramref name="job"/> runs under the stack: its nodes, against the ideal machine's.</summary>
    public Placement Place(BatchJob job) =>
        Stack.IsIdeal ? new Placement(job.RequestedNodes, job.RequestedNodes, 1) : Placement.Of(accounting, job.RequestedNodes * soc.Cores, Stack, soc, machineNodes);

    private JobExecutionRequest Request(BatchJob job) =>
        new(mix.Assign(job), Stack, SimulatedRanks(Ranks(job)), soc, null, seed, windowSeconds, interconnect);

    public JobCost Cost(BatchJob job)
    {
        if (Stack.IsIdeal) return JobCost.None with { Profile = mix.Assign(job).Name, Ranks = job.RequestedNodes * soc.Cores };
        var request = Request(job);
        var result = context.Job(request).Placed(Place(job));
        return new JobCost(result.Factor, request.Profile.Name, Ranks(job), result);
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
