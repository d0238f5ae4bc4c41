using NodeSim.Models.Soc;

namespace NodeSim.Models.Workloads;

/// <summary>How the ranks of a job synchronise after each iteration.</summary>
public enum Collective
{
    /// <summary>A barrier: latency α·⌈log2 R⌉ (a dissemination barrier).</summary>
    Barrier,
    /// <summary>An allreduce: latency 2·α·⌈log2 R⌉ (recursive doubling, a send and a combine per stage).</summary>
    Allreduce,
}

/// <summary>
/// What a job does on each core: its memory accesses (pattern, working set per rank, compute cycles
/// between accesses), its bulk-synchronous structure (iteration length on the ideal machine, the
/// collective after each iteration) and its I/O (device interrupts and messages per rank-second).
/// Communication polls, as MPI does on HPC interconnects, so collectives raise no interrupts; the
/// io profile is the one with interrupts.
/// </summary>
/// <param name="IterationSeconds">Compute time of one iteration on the ideal machine (no translation cost, no noise).</param>
/// <param name="CollectiveStageSeconds">α: latency of one stage of the collective.</param>
/// <param name="ComputeCyclesPerAccess">Cycles of computation per memory access (low = memory-bound).</param>
public sealed record JobProfile(
    string Name,
    string Description,
    AccessPattern Pattern,
    long WorkingSetBytesPerRank,
    double ComputeCyclesPerAccess,
    double IterationSeconds,
    Collective Collective,
    double CollectiveStageSeconds,
    double DeviceInterruptsPerSecond = 0,
    double MessagesPerSecond = 0,
    int MessageBytes = 4096)
{
    /// <summary>The collective's latency for <paramref name="ranks"/> ranks.</summary>
    public double CollectiveSeconds(int ranks)
    {
        var stages = ranks <= 1 ? 0 : Math.Ceiling(Math.Log2(ranks));
        return (Collective == Collective.Allreduce ? 2 : 1) * CollectiveStageSeconds * stages;
    }

    public void Validate()
    {
        if (WorkingSetBytesPerRank is < 64 or > AddressSpace.MaxWorkingSetBytes)
            throw new ArgumentOutOfRangeException(nameof(WorkingSetBytesPerRank), WorkingSetBytesPerRank, "the working set per rank must be 64 B to 4 GiB");
        if (!(IterationSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(IterationSeconds), IterationSeconds, "an iteration must last a positive time");
        foreach (var (name, v) in new[] { (nameof(ComputeCyclesPerAccess), ComputeCyclesPerAccess), (nameof(CollectiveStageSeconds), CollectiveStageSeconds),
                     (nameof(DeviceInterruptsPerSecond), DeviceInterruptsPerSecond), (nameof(MessagesPerSecond), MessagesPerSecond) })
            if (!(v >= 0) || double.IsInfinity(v)) throw new ArgumentOutOfRangeException(name, v, $"{name} must be a non-negative number");
        if (MessageBytes < 1) throw new ArgumentOutOfRangeException(nameof(MessageBytes), MessageBytes, "a message has at least one byte");
    }
}

/// <summary>
/// The built-in profiles. They are archetypes, not measurements of particular codes: the access
/// patterns and intensities are chosen to span compute-bound to translation-bound behaviour
/// (STREAM, GUPS/RandomAccess, a 7-point stencil, a fine-grained BSP code); α = 5 µs per
/// collective stage is a small-cluster Ethernet/RDMA latency (assumed).
/// </summary>
public static class JobProfiles
{
    private const long KiB = 1 << 10, MiB = 1 << 20;

    public static readonly JobProfile Compute = new("compute", "compute-bound: small, cache-resident working set (64 KiB per rank)",
        AccessPattern.Sequential, 64 * KiB, 20, 0.1, Collective.Barrier, 5e-6);

    public static readonly JobProfile Stream = new("stream", "memory streaming (STREAM-like): sequential over 256 MiB per rank",
        AccessPattern.Sequential, 256 * MiB, 1, 0.1, Collective.Barrier, 5e-6);

    public static readonly JobProfile Gups = new("gups", "random updates (GUPS/RandomAccess): uniform random over 256 MiB per rank",
        AccessPattern.Random, 256 * MiB, 4, 0.1, Collective.Barrier, 5e-6);

    public static readonly JobProfile Stencil = new("stencil", "3-D 7-point stencil over 128 MiB per rank, halo exchange every 10 ms",
        AccessPattern.Stencil, 128 * MiB, 8, 0.01, Collective.Barrier, 5e-6);

    public static readonly JobProfile BspAllreduce = new("bsp-allreduce", "fine-grained bulk-synchronous: 1 ms iterations, allreduce after each",
        AccessPattern.Sequential, 1 * MiB, 20, 0.001, Collective.Allreduce, 5e-6);

    public static readonly JobProfile Io = new("io", "I/O-heavy service: 1,000 device interrupts and 100 messages of 4 KiB per rank-second",
        AccessPattern.Sequential, 1 * MiB, 20, 0.1, Collective.Barrier, 5e-6, DeviceInterruptsPerSecond: 1000, MessagesPerSecond: 100);

    public static IReadOnlyList<JobProfile> All { get; } = [Compute, Stream, Gups, Stencil, BspAllreduce, Io];

    public static JobProfile? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
