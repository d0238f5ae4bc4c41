namespace NodeSim.Models.Soc;

/// <summary>
/// A core's view of memory: its L1 data cache, the shared L2 and DRAM, in load-to-use cycles.
/// Data accesses go L1 → L2 → DRAM; page-table walks read through the L2 (a hit costs the L2
/// latency, a miss DRAM's), so walk and data lines compete for it.
/// </summary>
public sealed class MemorySystem
{
    private readonly bool _cached;
    private readonly int _l1Cycles;
    private readonly int _l2Cycles;
    private readonly int _dramCycles;

    /// <param name="dataCaches">False models caches turned off: every access costs DRAM (for the walk-length law).</param>
    public MemorySystem(SocPreset soc, bool dataCaches = true)
    {
        L1D = new SetAssociativeCache(soc.L1D);
        L2 = new SetAssociativeCache(soc.L2);
        _cached = dataCaches;
        _l1Cycles = soc.L1D.HitCycles;
        _l2Cycles = soc.L2.HitCycles;
        _dramCycles = soc.DramCycles;
    }

    public SetAssociativeCache L1D { get; }
    public SetAssociativeCache L2 { get; }
    public long DramAccesses { get; private set; }

    /// <summary>A data load or store at physical address <paramref name="pa"/>: its latency in cycles.</summary>
    public int Data(ulong pa)
    {
        if (_cached)
        {
            if (L1D.Access(pa)) return _l1Cycles;
            if (L2.Access(pa)) return _l2Cycles;
        }
        DramAccesses++;
        return _dramCycles;
    }

    /// <summary>A page-table read at physical address <paramref name="pa"/>: its latency in cycles.</summary>
    public int Walk(ulong pa)
    {
        if (_cached && L2.Access(pa)) return _l2Cycles;
        DramAccesses++;
        return _dramCycles;
    }

    public void ResetCounters()
    {
        L1D.ResetCounters();
        L2.ResetCounters();
        DramAccesses = 0;
    }
}
