using NodeSim.Models.Parameters;
using NodeSim.Models.Soc;

namespace NodeSim.Models.Workloads;

/// <summary>How the ranks of a job synchronise globally.</summary>
public enum Collective
{
    /// <summary>A barrier: the dissemination pattern (Hensgen, Finkel and Manber 1988), ⌈log₂ R⌉ stages of one empty message each.</summary>
    Barrier,
    /// <summary>An allreduce of the profile's <see cref="JobProfile.CollectiveBytes"/>, by its <see cref="JobProfile.Allreduce"/> algorithm.</summary>
    Allreduce,
}

/// <summary>
/// What a job does on each core: its memory accesses (pattern, working set per rank, compute cycles
/// between accesses), its bulk-synchronous structure (iteration length on the ideal machine; then a
/// halo exchange with its grid neighbours, if it has one, and a global collective every
/// <see cref="CollectiveEvery"/> iterations) and its I/O (device interrupts and messages per
/// rank-second). Messages cost what the interconnect's LogGP parameters say
/// (<see cref="Network.Interconnect"/>). The parameters: <see cref="Catalogue"/>.
/// </summary>
public sealed record JobProfile(
    string Name,
    string Description,
    AccessPattern Pattern,
    long WorkingSetBytesPerRank,
    double ComputeCyclesPerAccess,
    double IterationSeconds,
    Collective Collective,
    double DeviceInterruptsPerSecond = 0,
    double MessagesPerSecond = 0,
    int MessageBytes = 4096,
    int CollectiveBytes = 8,
    AllreduceAlgorithm Allreduce = AllreduceAlgorithm.Auto,
    int AllreduceShortBytes = AllreduceSelection.CselShortBytes,
    int HaloDimensions = 0,
    int HaloBytes = 0,
    int CollectiveEvery = 1) : IParameterized
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
        .Choice("collective", "how the ranks synchronise globally: barrier or allreduce",
            [.. Enum.GetValues<Collective>().Select(c => (c.ToString().ToLowerInvariant(), c))], p => p.Collective, (p, v) => p with { Collective = v })
        .Choice("allreduce_algorithm", "the allreduce's algorithm: auto (by message size, as MPICH picks), recursive-doubling, rabenseifner, binomial, ring or hierarchical",
            AllreduceAlgorithms.Names, p => p.Allreduce, (p, v) => p with { Allreduce = v })
        .Size("allreduce_short_bytes", 0, int.MaxValue, "auto's threshold: an allreduce of at most this many bytes uses recursive doubling, a larger one Rabenseifner's",
            p => p.AllreduceShortBytes, (p, v) => p with { AllreduceShortBytes = (int)v })
        .Integer("collective_every", "iterations", 1, 1_000_000, "iterations between global collectives (1: after every iteration)",
            p => p.CollectiveEvery, (p, v) => p with { CollectiveEvery = (int)v })
        .Integer("halo_dimensions", "1", 0, 3, "a halo exchange with the neighbours on a periodic 2-D or 3-D grid of ranks after each iteration (0: none)",
            p => p.HaloDimensions, (p, v) => p with { HaloDimensions = (int)v })
        .Size("halo_bytes", 0, int.MaxValue, "bytes of each halo message (one per neighbour and iteration)",
            p => p.HaloBytes, (p, v) => p with { HaloBytes = (int)v })
        .Number("device_interrupts_per_second", "1/s", 0, 1e7, "device interrupts per rank-second",
            p => p.DeviceInterruptsPerSecond, (p, v) => p with { DeviceInterruptsPerSecond = v })
        .Number("messages_per_second", "1/s", 0, 1e7, "messages per rank-second through the hypervisor's mailbox or shared memory",
            p => p.MessagesPerSecond, (p, v) => p with { MessagesPerSecond = v })
        .Size("message_bytes", 1, int.MaxValue, "bytes per message (≤ 4 KiB through the mailbox, larger by memory sharing)",
            p => p.MessageBytes, (p, v) => p with { MessageBytes = (int)v })
        .Size("collective_bytes", 0, int.MaxValue, "bytes each rank contributes to the allreduce (its partial result)",
            p => p.CollectiveBytes, (p, v) => p with { CollectiveBytes = (int)v })
        .Build();

    public ParameterSet Parameters => Catalogue;

    /// <summary>Whether the ranks exchange halos with their grid neighbours after each iteration.</summary>
    public bool HasHalo => HaloDimensions > 0;

    /// <summary>Throws <see cref="ParameterException"/> for a value outside its range or a combination that cannot run.</summary>
    public void Validate()
    {
        Catalogue.Check(this);
        if (HaloDimensions == 1) throw new ParameterException($"profile '{Name}': halo_dimensions = 1: a halo exchange is on a 2-D or 3-D grid (0: none)");
        if (HaloDimensions == 0 && HaloBytes > 0)
            throw new ParameterException($"profile '{Name}': halo_bytes = {HaloBytes} with halo_dimensions = 0: there is no halo exchange to carry them; set halo_dimensions to 2 or 3");
    }
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
    private static readonly Source Auto = Source.Cited("auto: the algorithm MPICH picks by message size (AllreduceSelection)");
    private static readonly Source Csel = Source.Cited("MPICH ≥ 3.4's collective selection (maint/tuning/coll/mpir/generic.json): recursive doubling up to 8 B");
    private static readonly Source EveryIteration = Source.Cited("a bulk-synchronous code synchronises after every iteration");
    private static readonly Source NoHalo = Source.Cited("no neighbour exchange: the ranks synchronise only in the collective");
    private static readonly Source NoIo = Source.Cited("a compute job: communication polls (MPI on HPC interconnects), so no device interrupts or mailbox messages");
    private static readonly Source OneDouble = Source.Assume("one double per stage: a scalar reduction (a residual, a time step), as fine-grained codes do; swept 8 B–1 KiB (a few doubles to a small vector)", 8, 1024);

    /// <summary>A profile's preset: the archetype's shared sources, then its own, which replace them.</summary>
    private static Preset<JobProfile> Profile(JobProfile profile, params (string Path, Source Source)[] sources)
    {
        var all = new Dictionary<string, Source>
        {
            ["*"] = Archetype, ["collective_bytes"] = OneDouble, ["allreduce_algorithm"] = Auto, ["allreduce_short_bytes"] = Csel,
            ["collective_every"] = EveryIteration, ["halo_dimensions"] = NoHalo, ["halo_bytes"] = NoHalo,
        };
        foreach (var (path, source) in sources) all[path] = source;
        return new(profile.Name, profile.Description, profile, all);
    }

    private static readonly (string, Source)[] NoIoSources =
        [("device_interrupts_per_second", NoIo), ("messages_per_second", NoIo), ("message_bytes", NoIo)];

    public static readonly Preset<JobProfile> ComputePreset = Profile(new JobProfile("compute", "compute-bound: small, cache-resident working set (64 KiB per rank)",
        Pattern: AccessPattern.Sequential, WorkingSetBytesPerRank: 64 * KiB, ComputeCyclesPerAccess: 20, IterationSeconds: 0.1,
        Collective: Collective.Barrier), NoIoSources);

    public static readonly Preset<JobProfile> StreamPreset = Profile(new JobProfile("stream", "memory streaming (STREAM-like): sequential over 256 MiB per rank",
        Pattern: AccessPattern.Sequential, WorkingSetBytesPerRank: 256 * MiB, ComputeCyclesPerAccess: 1, IterationSeconds: 0.1,
        Collective: Collective.Barrier), NoIoSources);

    public static readonly Preset<JobProfile> GupsPreset = Profile(new JobProfile("gups", "random updates (GUPS/RandomAccess): uniform random over 256 MiB per rank",
        Pattern: AccessPattern.Random, WorkingSetBytesPerRank: 256 * MiB, ComputeCyclesPerAccess: 4, IterationSeconds: 0.1,
        Collective: Collective.Barrier), NoIoSources);

    public static readonly Preset<JobProfile> StencilPreset = Profile(new JobProfile("stencil",
        "3-D 7-point stencil over 128 MiB per rank: 10 ms iterations, a halo exchange with its 6 grid neighbours after each (32 KiB per face), an allreduce every 10",
        Pattern: AccessPattern.Stencil, WorkingSetBytesPerRank: 128 * MiB, ComputeCyclesPerAccess: 8, IterationSeconds: 0.01,
        Collective: Collective.Allreduce, HaloDimensions: 3, HaloBytes: 32 * (int)KiB, CollectiveEvery: 10),
        [.. NoIoSources,
         ("halo_dimensions", Source.Cited("a 3-D domain decomposition: each rank exchanges a face with its 6 neighbours per iteration (a 7-point stencil)")),
         ("halo_bytes", Source.Assume("a 64 × 64 face of doubles (32 KiB); swept 1–512 KiB", KiB, 512 * KiB)),
         ("collective_every", Source.Assume("a convergence check (a residual's allreduce) every 10 iterations; swept 1–100", 1, 100))]);

    public static readonly Preset<JobProfile> BspAllreducePreset = Profile(new JobProfile("bsp-allreduce", "fine-grained bulk-synchronous: 1 ms iterations, allreduce after each",
        Pattern: AccessPattern.Sequential, WorkingSetBytesPerRank: 1 * MiB, ComputeCyclesPerAccess: 20, IterationSeconds: 0.001,
        Collective: Collective.Allreduce), NoIoSources);

    public static readonly Preset<JobProfile> IoPreset = Profile(new JobProfile("io", "I/O-heavy service: 1,000 device interrupts and 100 messages of 4 KiB per rank-second",
        Pattern: AccessPattern.Sequential, WorkingSetBytesPerRank: 1 * MiB, ComputeCyclesPerAccess: 20, IterationSeconds: 0.1,
        Collective: Collective.Barrier, DeviceInterruptsPerSecond: 1000, MessagesPerSecond: 100, MessageBytes: 4096),
        ("device_interrupts_per_second", Source.Assume("an interrupt-heavy service: one device interrupt per ms per rank; swept 300–3,000 (above ~5,000 per rank-second the I/O core of a Hafnium node with a Linux primary saturates on 1 GbE, and the job's window grows without bound)", 300, 3_000)),
        ("messages_per_second", Source.Assume("a message every 10 ms per rank; swept 10–1,000", 10, 1_000)),
        ("message_bytes", Source.Assume("one page, the largest message the mailbox carries; swept 256 B–16 KiB (above a page, by memory sharing)", 256, 16 * KiB)));

    public static JobProfile Compute => ComputePreset.Model;
    public static JobProfile Stream => StreamPreset.Model;
    public static JobProfile Gups => GupsPreset.Model;
    public static JobProfile Stencil => StencilPreset.Model;
    public static JobProfile BspAllreduce => BspAllreducePreset.Model;
    public static JobProfile Io => IoPreset.Model;
}
