namespace NodeSim.Models.Soc;

/// <summary>A set-associative cache: capacity, associativity, line size and the load-to-use latency of a hit.</summary>
public sealed record CacheSpec(int SizeBytes, int Ways, int LineBytes, int HitCycles)
{
    public int Sets => SizeBytes / (Ways * LineBytes);

    public void Validate(string name)
    {
        if (SizeBytes <= 0 || Ways <= 0 || LineBytes <= 0 || !IsPowerOfTwo(LineBytes) || SizeBytes % (Ways * LineBytes) != 0 || !IsPowerOfTwo(Sets))
            throw new ArgumentOutOfRangeException(name, this, $"{name}: size must be ways × line × a power-of-two number of sets, with a power-of-two line size");
        if (HitCycles < 0) throw new ArgumentOutOfRangeException(name, HitCycles, $"{name}: hit latency must not be negative");
    }

    internal static bool IsPowerOfTwo(long x) => x > 0 && (x & (x - 1)) == 0;
}

/// <summary>A TLB: entries and associativity (0 = fully associative), and the largest page an entry can hold.</summary>
/// <param name="MaxPageBytes">Larger pages are cached in pieces of this size (the Cortex-A53 main TLB holds a 1 GB block as 512 MB).</param>
public sealed record TlbSpec(int Entries, int Ways, long MaxPageBytes = 1L << 30)
{
    public bool FullyAssociative => Ways == 0 || Ways == Entries;
    public int Sets => FullyAssociative ? 1 : Entries / Ways;

    public void Validate(string name)
    {
        if (Entries <= 0 || Ways < 0 || (!FullyAssociative && (Entries % Ways != 0 || !CacheSpec.IsPowerOfTwo(Sets))))
            throw new ArgumentOutOfRangeException(name, this, $"{name}: entries must be ways × a power-of-two number of sets (ways 0 = fully associative)");
        if (!CacheSpec.IsPowerOfTwo(MaxPageBytes) || MaxPageBytes < 4096)
            throw new ArgumentOutOfRangeException(name, MaxPageBytes, $"{name}: the largest page must be a power of two of at least 4 KiB");
    }
}

/// <summary>
/// An ARM64 SoC as the translation and cache models see it. Every field of a preset states its
/// source in <see cref="SocPresets"/>; a preset is overridden field by field with <c>with</c>.
/// </summary>
/// <param name="Name">Preset name.</param>
/// <param name="Description">Board, SoC and core.</param>
/// <param name="Cores">Cores per node.</param>
/// <param name="FrequencyHz">Core clock.</param>
/// <param name="L1D">Level-1 data cache (per core).</param>
/// <param name="L1I">Level-1 instruction cache (per core).</param>
/// <param name="L2">Shared level-2 cache; page-table walks read through it.</param>
/// <param name="DramLatencyNs">Load-to-use latency of a DRAM access.</param>
/// <param name="L1DTlb">Level-1 data TLB (micro-TLB on the A53).</param>
/// <param name="L1ITlb">Level-1 instruction TLB.</param>
/// <param name="MainTlb">Unified level-2 (main) TLB.</param>
/// <param name="MainTlbHitCycles">Extra cycles when the level-1 TLB misses and the main TLB hits.</param>
/// <param name="Stage1WalkCache">Caches intermediate stage-1 descriptors (table addresses by VA prefix and level).</param>
/// <param name="IpaCache">Caches stage-2 translations (IPA page → PA), for table accesses and final addresses.</param>
/// <param name="WalkCacheHitCycles">Cycles of a walk-cache or IPA-cache hit.</param>
/// <param name="PhysicalAddressBits">PA size; sets the stage-2 depth (40 → 3 levels with concatenated roots, 44 → 4).</param>
/// <param name="VirtualAddressBits">Stage-1 VA size; 39 → 3 levels with a 4 KB granule, 48 → 4.</param>
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
    int VirtualAddressBits)
{
    /// <summary>DRAM latency in core cycles.</summary>
    public int DramCycles => (int)Math.Round(DramLatencyNs * FrequencyHz / 1e9);

    public void Validate()
    {
        if (Cores < 1) throw new ArgumentOutOfRangeException(nameof(Cores), Cores, "a SoC has at least one core");
        if (!(FrequencyHz > 0)) throw new ArgumentOutOfRangeException(nameof(FrequencyHz), FrequencyHz, "the clock must be positive");
        if (!(DramLatencyNs > 0)) throw new ArgumentOutOfRangeException(nameof(DramLatencyNs), DramLatencyNs, "DRAM latency must be positive");
        L1D.Validate(nameof(L1D));
        L1I.Validate(nameof(L1I));
        L2.Validate(nameof(L2));
        L1DTlb.Validate(nameof(L1DTlb));
        L1ITlb.Validate(nameof(L1ITlb));
        MainTlb.Validate(nameof(MainTlb));
        Stage1WalkCache.Validate(nameof(Stage1WalkCache));
        IpaCache.Validate(nameof(IpaCache));
        if (PhysicalAddressBits is < 32 or > 48) throw new ArgumentOutOfRangeException(nameof(PhysicalAddressBits), PhysicalAddressBits, "PA size must be 32 to 48 bits");
        if (VirtualAddressBits is not (39 or 48)) throw new ArgumentOutOfRangeException(nameof(VirtualAddressBits), VirtualAddressBits, "stage-1 VA size must be 39 or 48 bits (4 KB granule)");
    }
}
