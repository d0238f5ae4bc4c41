namespace NodeSim.Models.Soc;

/// <summary>What to characterise: a pattern over a working set, with the page sizes of both stages.</summary>
/// <param name="Pattern">Access pattern.</param>
/// <param name="WorkingSetBytes">Bytes the pattern ranges over (at most 4 GiB).</param>
/// <param name="Stage1PageBytes">The kernel's page size: 4 KB, or 2 MB blocks.</param>
/// <param name="Stage2">The hypervisor's stage-2 mapping, or none.</param>
/// <param name="Accesses">Measured accesses.</param>
/// <param name="WarmupAccesses">Accesses before measuring, so TLBs, walk caches and caches reach their steady state;
/// −1 = a quarter of <paramref name="Accesses"/> (250,000 by default: the largest structure, a 1 MB L2 of 16,384 lines,
/// fills many times over).</param>
/// <param name="Seed">Seed of the random patterns.</param>
/// <param name="WalkCaches">False turns off the stage-1 walk cache and the IPA cache.</param>
/// <param name="DataCaches">False makes every access and descriptor read go to DRAM.</param>
/// <param name="StrideBytes">Stride of the strided pattern.</param>
public sealed record CharacterizationRequest(
    AccessPattern Pattern,
    long WorkingSetBytes,
    long Stage1PageBytes = 4096,
    Stage2Mode Stage2 = Stage2Mode.Off,
    int Accesses = 1_000_000,
    int WarmupAccesses = -1,
    ulong Seed = 1,
    bool WalkCaches = true,
    bool DataCaches = true,
    long StrideBytes = 256);

/// <summary>The translation and cache cost of a workload's memory accesses on a SoC.</summary>
/// <param name="TranslationCyclesPerAccess">TLB and walk cycles per access.</param>
/// <param name="CacheCyclesPerAccess">Data-access (L1/L2/DRAM) cycles per access.</param>
/// <param name="L1TlbMissRate">Level-1 TLB misses per access.</param>
/// <param name="L2TlbMissRate">Main-TLB misses per main-TLB lookup (local miss rate).</param>
/// <param name="MainTlbMissesPerAccess">Main-TLB misses (walks) per access.</param>
/// <param name="WalkRefsPerMiss">Descriptor reads issued to the memory system per walk.</param>
/// <param name="CyclesPerWalk">Cycles per walk (walk-cache hits and descriptor reads).</param>
/// <param name="L1DMissRate">L1 data-cache misses per data access.</param>
/// <param name="L2MissRate">L2 misses per L2 access (data and walks).</param>
/// <param name="Stage1Levels">Levels of the stage-1 table.</param>
/// <param name="Stage2Levels">Levels of the stage-2 table (0 without a hypervisor).</param>
public sealed record Characterization(
    double TranslationCyclesPerAccess,
    double CacheCyclesPerAccess,
    double L1TlbMissRate,
    double L2TlbMissRate,
    double MainTlbMissesPerAccess,
    double WalkRefsPerMiss,
    double CyclesPerWalk,
    double L1DMissRate,
    double L2MissRate,
    int Stage1Levels,
    int Stage2Levels)
{
    public double TotalCyclesPerAccess => TranslationCyclesPerAccess + CacheCyclesPerAccess;

    /// <summary>Every number, with its name, unit and meaning.</summary>
    public IReadOnlyList<(string Name, double Value, string Unit, string Description)> Statistics() =>
    [
        ("translation_cycles_per_access", TranslationCyclesPerAccess, "cycles", "TLB and page-walk cycles per memory access"),
        ("cache_cycles_per_access", CacheCyclesPerAccess, "cycles", "L1/L2/DRAM cycles per memory access"),
        ("l1_tlb_miss_rate", L1TlbMissRate, "1", "level-1 TLB misses per access"),
        ("l2_tlb_miss_rate", L2TlbMissRate, "1", "main-TLB misses per main-TLB lookup"),
        ("main_tlb_misses_per_access", MainTlbMissesPerAccess, "1", "page walks per access"),
        ("walk_refs_per_miss", WalkRefsPerMiss, "references", "descriptor reads issued per walk (after walk caches)"),
        ("cycles_per_walk", CyclesPerWalk, "cycles", "cycles per page walk"),
        ("l1d_miss_rate", L1DMissRate, "1", "L1 data-cache misses per data access"),
        ("l2_miss_rate", L2MissRate, "1", "L2 misses per L2 access (data and walks)"),
    ];
}

/// <summary>
/// Drives a seeded address stream through a core's MMU (TLBs, walk caches, two-stage walker) and
/// caches, and reports the cost per access. A replay asks the same question for thousands of jobs:
/// callers keep the answers in a <see cref="BoundedCache{TKey,TValue}"/> of their own (<see cref="NewCache"/>).
/// </summary>
public static class SocCharacterizer
{
    /// <summary>A cache of characterisations by (SoC, request), holding at most <paramref name="capacity"/>.</summary>
    public static BoundedCache<(SocPreset Soc, CharacterizationRequest Request), Characterization> NewCache(int capacity = 1024) =>
        new(capacity, key => Run(key.Soc, key.Request));

    /// <summary>Simulates the accesses (no cache); <paramref name="progress"/>, if given, hears the share done (warm-up included) every million accesses.</summary>
    public static Characterization Run(SocPreset soc, CharacterizationRequest r, Action<double>? progress = null)
    {
        soc.Validate();
        if (r.Accesses < 1) throw new ArgumentOutOfRangeException(nameof(r), r.Accesses, "at least one measured access");
        var space = AddressSpace.Build(soc, r.WorkingSetBytes, r.Stage1PageBytes, r.Stage2);
        var memory = new MemorySystem(soc, r.DataCaches);
        var mmu = new Mmu(soc, space, memory, r.WalkCaches);
        var stream = AddressStream.Create(r.Pattern, r.WorkingSetBytes, r.Seed, r.StrideBytes);

        var warmup = r.WarmupAccesses < 0 ? r.Accesses / 4 : r.WarmupAccesses;
        double total = warmup + r.Accesses;
        for (var i = 0; i < warmup; i++)
        {
            memory.Data(mmu.Translate(AddressSpace.DataVa + stream.Next(), out _));
            if (progress is not null && (i + 1) % 1_000_000 == 0) progress((i + 1) / total);
        }
        mmu.ResetCounters();
        memory.ResetCounters();

        long translation = 0, cache = 0;
        for (var i = 0; i < r.Accesses; i++)
        {
            var pa = mmu.Translate(AddressSpace.DataVa + stream.Next(), out var cycles);
            translation += cycles;
            cache += memory.Data(pa);
            if (progress is not null && (i + 1) % 1_000_000 == 0) progress((warmup + i + 1) / total);
        }
        double n = r.Accesses;
        var walks = mmu.Walks;
        return new Characterization(
            translation / n,
            cache / n,
            mmu.L1Tlb.Misses / n,
            mmu.MainTlb.Hits + mmu.MainTlb.Misses == 0 ? 0 : (double)mmu.MainTlb.Misses / (mmu.MainTlb.Hits + mmu.MainTlb.Misses),
            walks / n,
            walks == 0 ? 0 : (double)mmu.WalkReferences / walks,
            walks == 0 ? 0 : (double)mmu.WalkCycles / walks,
            memory.L1D.MissRate,
            memory.L2.MissRate,
            space.Stage1.Levels,
            space.Stage2Table?.Levels ?? 0);
    }
}
