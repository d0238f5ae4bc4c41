using NodeSim.Models.Parameters;
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
/// io profile is the one with interrupts. The parameters: <see cref="Catalogue"/>.
/// </summary>
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
    int MessageBytes = 4096,
    int CollectiveBytes = 8) : IParameterized
{
    /// <summary>A profile's parameters (<c>profile.*</c> in job scenarios).</summary>
    public static ParameterSet Catalogue { get; } = ParameterSet.For<JobProfile>("job profile")
        .Choice("pattern", "memory access pattern", AccessPatterns.Names, p => p.Pattern, (p, v) => p with { Pattern = v }, aliases: AccessPatterns.Aliases)
        .Size("working_set_bytes_per_rank", 64, AddressSpace.MaxWorkingSetBytes, "bytes each rank's accesses range over",
            p => p.WorkingSetBytesPerRank, (p, v) => p with { WorkingSetBytesPerRank = v })
        .Number("compute_cycles_per_access", "cycles", 0, 1e9, "cycles of computation per memory access (low = memory-bound)",
            p => p.ComputeCyclesPerAccess, (p, v) => p with { ComputeCyclesPerAccess = v })
        .Number("iteration_seconds", "s", 1e-9, 1e6, "compute time of one iteration on the ideal machine (no translation cost, no noise)",
            p => p.IterationSeconds, (p, v) => p with { IterationSeconds = v })
        .Choice("collective", "how the ranks synchronise after each iteration",
            [.. Enum.GetValues<Collective>().Select(c => (c.ToString().ToLowerInvariant(), c))], p => p.Collective, (p, v) => p with { Collective = v })
        .Number("collective_stage_seconds", "s", 0, 1, "α: latency of one stage of the collective",
            p => p.CollectiveStageSeconds, (p, v) => p with { CollectiveStageSeconds = v })
        .Number("device_interrupts_per_second", "1/s", 0, 1e7, "device interrupts per rank-second",
            p => p.DeviceInterruptsPerSecond, (p, v) => p with { DeviceInterruptsPerSecond = v })
        .Number("messages_per_second", "1/s", 0, 1e7, "messages per rank-second through the hypervisor's mailbox or shared memory",
            p => p.MessagesPerSecond, (p, v) => p with { MessagesPerSecond = v })
        .Size("message_bytes", 1, int.MaxValue, "bytes per message (≤ 4 KiB through the mailbox, larger by memory sharing)",
            p => p.MessageBytes, (p, v) => p with { MessageBytes = (int)v })
        .Size("collective_bytes", 0, int.MaxValue, "bytes each rank sends per stage of the collective (its partial result)",
            p => p.CollectiveBytes, (p, v) => p with { CollectiveBytes = (int)v })
        .Build();

    public ParameterSet Parameters => Catalogue;

    /// <summary>Stages of the collective on <paramref name="ranks"/> ranks: ⌈log₂ R⌉.</summary>
    public static int Stages(int ranks) => ranks <= 1 ? 0 : (int)Math.Ceiling(Math.Log2(ranks));

    /// <summary>One stage's latency: α for a barrier's message; 2α for an allreduce's, which also combines the partner's data.</summary>
    public double StageSeconds => (Collective == Collective.Allreduce ? 2 : 1) * CollectiveStageSeconds;

    /// <summary>Throws <see cref="ParameterException"/> for a value outside its range.</summary>
    public void Validate() => Catalogue.Check(this);
}

/// <summary>
/// The built-in profiles. They are archetypes, not measurements of particular codes: the access
/// patterns and intensities are chosen to span compute-bound to translation-bound behaviour
/// (STREAM, GUPS/RandomAccess, a 7-point stencil, a fine-grained BSP code). To add a profile:
/// declare its preset and register it in <see cref="Registries.ModelCatalogue.BuiltIn"/>.
/// </summary>
public static class JobProfiles
{
    private const long KiB = 1 << 10, MiB = 1 << 20;

    private static readonly Source Archetype = Source.Assume("an archetype chosen to span compute-bound to translation-bound behaviour, not a measurement of a particular code");
    private static readonly Source Alpha = Source.Assume("α = 5 µs per collective stage, a small-cluster Ethernet/RDMA latency");
    private static readonly Source NoIo = Source.Cited("a compute job: communication polls (MPI on HPC interconnects), so no device interrupts or mailbox messages");
    private static readonly Source OneDouble = Source.Assume("one double per stage: a scalar reduction (a residual, a time step), as fine-grained codes do");

    private static Preset<JobProfile> Profile(JobProfile profile, params (string Path, Source Source)[] sources) =>
        new(profile.Name, profile.Description, profile, new Dictionary<string, Source>(
            [KeyValuePair.Create("*", Archetype), KeyValuePair.Create("collective_stage_seconds", Alpha), KeyValuePair.Create("collective_bytes", OneDouble),
             .. sources.Select(s => KeyValuePair.Create(s.Path, s.Source))]));

    private static readonly (string, Source)[] NoIoSources =
        [("device_interrupts_per_second", NoIo), ("messages_per_second", NoIo), ("message_bytes", NoIo)];

    public static readonly Preset<JobProfile> ComputePreset = Profile(new JobProfile("compute", "compute-bound: small, cache-resident working set (64 KiB per rank)",
        Pattern: AccessPattern.Sequential, WorkingSetBytesPerRank: 64 * KiB, ComputeCyclesPerAccess: 20, IterationSeconds: 0.1,
        Collective: Collective.Barrier, CollectiveStageSeconds: 5e-6), NoIoSources);

    public static readonly Preset<JobProfile> StreamPreset = Profile(new JobProfile("stream", "memory streaming (STREAM-like): sequential over 256 MiB per rank",
        Pattern: AccessPattern.Sequential, WorkingSetBytesPerRank: 256 * MiB, ComputeCyclesPerAccess: 1, IterationSeconds: 0.1,
        Collective: Collective.Barrier, CollectiveStageSeconds: 5e-6), NoIoSources);

    public static readonly Preset<JobProfile> GupsPreset = Profile(new JobProfile("gups", "random updates (GUPS/RandomAccess): uniform random over 256 MiB per rank",
        Pattern: AccessPattern.Random, WorkingSetBytesPerRank: 256 * MiB, ComputeCyclesPerAccess: 4, IterationSeconds: 0.1,
        Collective: Collective.Barrier, CollectiveStageSeconds: 5e-6), NoIoSources);

    public static readonly Preset<JobProfile> StencilPreset = Profile(new JobProfile("stencil", "3-D 7-point stencil over 128 MiB per rank, halo exchange every 10 ms",
        Pattern: AccessPattern.Stencil, WorkingSetBytesPerRank: 128 * MiB, ComputeCyclesPerAccess: 8, IterationSeconds: 0.01,
        Collective: Collective.Barrier, CollectiveStageSeconds: 5e-6), NoIoSources);

    public static readonly Preset<JobProfile> BspAllreducePreset = Profile(new JobProfile("bsp-allreduce", "fine-grained bulk-synchronous: 1 ms iterations, allreduce after each",
        Pattern: AccessPattern.Sequential, WorkingSetBytesPerRank: 1 * MiB, ComputeCyclesPerAccess: 20, IterationSeconds: 0.001,
        Collective: Collective.Allreduce, CollectiveStageSeconds: 5e-6), NoIoSources);

    public static readonly Preset<JobProfile> IoPreset = Profile(new JobProfile("io", "I/O-heavy service: 1,000 device interrupts and 100 messages of 4 KiB per rank-second",
        Pattern: AccessPattern.Sequential, WorkingSetBytesPerRank: 1 * MiB, ComputeCyclesPerAccess: 20, IterationSeconds: 0.1,
        Collective: Collective.Barrier, CollectiveStageSeconds: 5e-6, DeviceInterruptsPerSecond: 1000, MessagesPerSecond: 100, MessageBytes: 4096),
        ("device_interrupts_per_second", Source.Assume("an interrupt-heavy service: one device interrupt per ms per rank")),
        ("messages_per_second", Source.Assume("a message every 10 ms per rank")),
        ("message_bytes", Source.Assume("one page, the largest message the mailbox carries")));

    public static JobProfile Compute => ComputePreset.Model;
    public static JobProfile Stream => StreamPreset.Model;
    public static JobProfile Gups => GupsPreset.Model;
    public static JobProfile Stencil => StencilPreset.Model;
    public static JobProfile BspAllreduce => BspAllreducePreset.Model;
    public static JobProfile Io => IoPreset.Model;
}
