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

    /// <summary><paramref name="workload"/> as the scheduler sees it under the stack: a job placed on more nodes than it asked for is that larger job.</summary>
    public BatchWorkload Placed(BatchWorkload workload) =>
        workload with { Jobs = [.. workload.Jobs.Select(j => Place(j).Nodes is var n && n != j.Nodes ? j.WithNodes(n) : j)] };

    private JobExecutionRequest Request(BatchJob job, JobProfile profile) =>
        new(profile, Stack, SimulatedRanks(Ranks(job)), soc, null, seed, windowSeconds, interconnect);

    public JobCost Cost(BatchJob job)
    {
        // A job's cost depends on it only through its profile and the nodes it asked for: each pair is looked up once, not once per
        // job (the lookup hashes the whole request, stack and SoC included, which cost more than the replay itself).
        var profile = mix.Assign(job);
        var key = (profile, job.RequestedNodes);
        if (_costs.TryGetValue(key, out var known)) return known;
        if (Stack.IsIdeal) return _costs[key] = JobCost.None with { Profile = profile.Name, Ranks = job.RequestedNodes * soc.Cores };
        var request = Request(job, profile);
        var result = context.Job(request).Placed(Place(job));
        return _costs[key] = new JobCost(result.Factor, request.Profile.Name, Ranks(job), result);
    }

    private readonly Dictionary<(JobProfile Profile, int Nodes), JobCost> _costs = new(ProfileAndNodes.Instance);

    /// <summary>Keys by the profile object itself (a mix hands out the same ones) and the node count.</summary>
    private sealed class ProfileAndNodes : IEqualityComparer<(JobProfile Profile, int Nodes)>
    {
        public static readonly ProfileAndNodes Instance = new();
        public bool Equals((JobProfile Profile, int Nodes) a, (JobProfile Profile, int Nodes) b) => ReferenceEquals(a.Profile, b.Profile) && a.Nodes == b.Nodes;
        public int GetHashCode((JobProfile Profile, int Nodes) k) => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(k.Profile), k.Nodes);
    }

    /// <summary>Simulates, in parallel, every distinct (profile, ranks) the jobs need, so the replay finds them cached.</summary>
    /// <param name="parallelism">Threads to use (−1: all cores; a campaign's workers pass 1).</param>
    public void Prepare(IEnumerable<BatchJob> jobs, int parallelism = -1)
    {
        if (Stack.IsIdeal) return;
        // Distinct (profile, simulated ranks) first, by reference and number, then one request each: a request's own hash is dear.
        var distinct = new HashSet<(JobProfile Profile, int Nodes)>(ProfileAndNodes.Instance);
        var requests = new List<JobExecutionRequest>();
        foreach (var job in jobs)
        {
            var profile = mix.Assign(job);
            if (distinct.Add((profile, SimulatedRanks(Ranks(job))))) requests.Add(Request(job, profile));
        }
        requests = [.. requests.Distinct()];
        if (parallelism == 1)
            foreach (var r in requests) context.Job(r);   // on the caller's thread: no tasks for the thread pool to schedule
        else
            Parallel.ForEach(requests, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, r => context.Job(r));
    }
}
