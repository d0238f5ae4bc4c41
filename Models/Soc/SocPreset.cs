using NodeSim.Models.Parameters;

namespace NodeSim.Models.Soc;

/// <summary>A set-associative cache: capacity, associativity, line size and the load-to-use latency of a hit.</summary>
public sealed record CacheSpec(int SizeBytes, int Ways, int LineBytes, int HitCycles) : IParameterized
{
    public static ParameterSet Catalogue { get; } = ParameterSet.For<CacheSpec>("cache")
        .Size("size_bytes", 64, int.MaxValue, "capacity", c => c.SizeBytes, (c, v) => c with { SizeBytes = (int)v })
        .Integer("ways", "1", 1, 16, "associativity (the cache model holds up to 16 ways)", c => c.Ways, (c, v) => c with { Ways = (int)v })
        .Integer("line_bytes", "B", 4, 4096, "line size", c => c.LineBytes, (c, v) => c with { LineBytes = (int)v })
        .Integer("hit_cycles", "cycles", 0, 10_000, "load-to-use latency of a hit", c => c.HitCycles, (c, v) => c with { HitCycles = (int)v })
        .Build();

    public ParameterSet Parameters => Catalogue;

    public int Sets => SizeBytes / (Ways * LineBytes);

    public void Validate(string name)
    {
        if (SizeBytes <= 0 || Ways <= 0 || LineBytes <= 0 || !IsPowerOfTwo(LineBytes) || SizeBytes % (Ways * LineBytes) != 0 || !IsPowerOfTwo(Sets))
            throw new ParameterException($"{name}: size must be ways × line × a power-of-two number of sets, with a power-of-two line size");
    }

    internal static bool IsPowerOfTwo(long x) => x > 0 && (x & (x - 1)) == 0;
}

/// <summary>A TLB: entries and associativity (0 = fully associative), and the largest page an entry can hold (the Cortex-A53 main TLB holds a 1 GB block as 512 MB).</summary>
public sealed record TlbSpec(int Entries, int Ways, long MaxPageBytes = 1L << 30) : IParameterized
{
    public static ParameterSet Catalogue { get; } = ParameterSet.For<TlbSpec>("TLB")
        .Integer("entries", "1", 1, 1 << 20, "entries", t => t.Entries, (t, v) => t with { Entries = (int)v })
        .Integer("ways", "1", 0, 1 << 20, "associativity (0 = fully associative)", t => t.Ways, (t, v) => t with { Ways = (int)v })
        .Size("max_page_bytes", 4096, 1L << 40, "the largest page an entry holds; larger pages are cached in pieces of this size",
            t => t.MaxPageBytes, (t, v) => t with { MaxPageBytes = v })
        .Build();

    public ParameterSet Parameters => Catalogue;

    public bool FullyAssociative => Ways == 0 || Ways == Entries;
    public int Sets => FullyAssociative ? 1 : Entries / Ways;

    public void Validate(string name)
    {
        if (Entries <= 0 || Ways < 0 || (!FullyAssociative && (Entries % Ways != 0 || !CacheSpec.IsPowerOfTwo(Sets))))
            throw new ParameterException($"{name}: entries must be ways × a power-of-two number of sets (ways 0 = fully associative)");
        if (!CacheSpec.IsPowerOfTwo(MaxPageBytes) || MaxPageBytes < 4096)
            throw new ParameterException($"{name}: the largest page must be a power of two of at least 4 KiB");
    }
}

/// <summary>
/// An ARM64 SoC as the translation and cache models see it. What each parameter is:
/// <see cref="Catalogue"/>; the presets and the source of every value: <see cref="SocPresets"/>.
/// </summary>
public sealed record SocPreset(
    string Name,
    string Description,
    int Cores,
    double FrequencyHz,
    CacheSpec L1D,
    CacheSpec L1I,
    CacheSpec L2,
    double DramLatencyNs,
    TlbSpec L1DTlb,
    TlbSpec L1ITlb,
    TlbSpec MainTlb,
    int MainTlbHitCycles,
    TlbSpec Stage1WalkCache,
    TlbSpec IpaCache,
    int WalkCacheHitCycles,
    int PhysicalAddressBits,
    int VirtualAddressBits) : IParameterized
{
    /// <summary>The SoC's parameters (<c>soc.*</c> in scenarios); each preset's values and sources: <see cref="SocPresets"/>.</summary>
    public static ParameterSet Catalogue { get; } = ParameterSet.For<SocPreset>("SoC")
        .Integer("cores", "1", 1, 1024, "cores per node", p => p.Cores, (p, v) => p with { Cores = (int)v })
        .Number("frequency_hz", "Hz", 1e6, 1e10, "core clock", p => p.FrequencyHz, (p, v) => p with { FrequencyHz = v })
        .Number("dram_latency_ns", "ns", 1, 10_000, "load-to-use latency of a DRAM access", p => p.DramLatencyNs, (p, v) => p with { DramLatencyNs = v })
        .Integer("main_tlb_hit_cycles", "cycles", 0, 10_000, "extra cycles when the level-1 TLB misses and the main TLB hits",
            p => p.MainTlbHitCycles, (p, v) => p with { MainTlbHitCycles = (int)v })
        .Integer("walk_cache_hit_cycles", "cycles", 0, 10_000, "cycles of a walk-cache or IPA-cache hit",
            p => p.WalkCacheHitCycles, (p, v) => p with { WalkCacheHitCycles = (int)v })
        .Integer("physical_address_bits", "bits", 32, 48, "PA size; sets the stage-2 depth (40 → 3 levels with concatenated roots, 44 → 4)",
            p => p.PhysicalAddressBits, (p, v) => p with { PhysicalAddressBits = (int)v })
        .Integer("virtual_address_bits", "bits", 39, 48, "stage-1 VA size: 39 (3 levels with a 4 KB granule) or 48 (4 levels)",
            p => p.VirtualAddressBits, (p, v) => p with { VirtualAddressBits = (int)v })
        .Group("l1_d", "level-1 data cache (per core)", p => p.L1D, (p, c) => p with { L1D = c })
        .Group("l1_i", "level-1 instruction cache (per core); not simulated: the address streams are data accesses",
            p => p.L1I, (p, c) => p with { L1I = c }, sweepable: false)
        .Group("l2", "shared level-2 cache; page-table walks read through it", p => p.L2, (p, c) => p with { L2 = c })
        .Group("l1_dtlb", "level-1 data TLB (micro-TLB on the A53)", p => p.L1DTlb, (p, t) => p with { L1DTlb = t })
        .Group("l1_itlb", "level-1 instruction TLB; not simulated: the address streams are data accesses",
            p => p.L1ITlb, (p, t) => p with { L1ITlb = t }, sweepable: false)
        .Group("main_tlb", "unified level-2 (main) TLB", p => p.MainTlb, (p, t) => p with { MainTlb = t })
        .Group("stage1_walk_cache", "caches intermediate stage-1 descriptors", p => p.Stage1WalkCache, (p, t) => p with { Stage1WalkCache = t })
        .Group("ipa_cache", "caches stage-2 translations (IPA page → PA)", p => p.IpaCache, (p, t) => p with { IpaCache = t })
        .Build();

    public ParameterSet Parameters => Catalogue;

    /// <summary>The time <paramref name="cycles"/> of a core take at its clock.</summary>
    public double Seconds(double cycles) => cycles / FrequencyHz;

    /// <summary>DRAM latency in core cycles.</summary>
    public int DramCycles => (int)Math.Round(DramLatencyNs * FrequencyHz / 1e9);

    /// <summary>Throws <see cref="ParameterException"/> for a value outside its range or a geometry no cache or TLB can have.</summary>
    public void Validate()
    {
        Catalogue.Check(this);
        L1D.Validate("l1_d");
        L1I.Validate("l1_i");
        L2.Validate("l2");
        L1DTlb.Validate("l1_dtlb");
        L1ITlb.Validate("l1_itlb");
        MainTlb.Validate("main_tlb");
        Stage1WalkCache.Validate("stage1_walk_cache");
        IpaCache.Validate("ipa_cache");
        if (VirtualAddressBits is not (39 or 48)) throw new ParameterException($"virtual_address_bits = {VirtualAddressBits}: stage-1 VA size must be 39 or 48 bits (4 KB granule)");
    }
}
