namespace NodeSim.Models.Soc;

/// <summary>
/// A core's memory management unit: the level-1 data TLB, the main TLB, the stage-1 walk cache,
/// the IPA cache and a two-stage table walker, reading real tables through the
/// <see cref="MemorySystem"/>. Costs are in cycles.
/// </summary>
/// <remarks>
/// <para>A TLB hit costs nothing extra (level 1) or <see cref="SocPreset.MainTlbHitCycles"/> (main).
/// A main-TLB miss walks. Under a hypervisor every stage-1 descriptor address is an IPA that is
/// itself translated through stage 2 before it can be read, and so is the final output address:
/// with n stage-1 and m stage-2 levels and no caching a walk reads (n + 1)(m + 1) − 1 descriptors.
/// The stage-1 walk cache (deepest cached table, by VA prefix) and the IPA cache (stage-2
/// translations) absorb many of these; each remaining read costs an L2 hit or a DRAM access.</para>
/// <para>A TLB entry made from a two-stage walk covers the <em>smaller</em> of the stage-1 and
/// stage-2 page sizes (guest 2 MB pages over a 4 KB stage 2 buy no reach), capped at what the TLB
/// can hold. Entries are tagged with VMID and ASID.</para>
/// </remarks>
public sealed class Mmu
{
    private readonly SocPreset _soc;
    private readonly AddressSpace _space;
    private readonly MemorySystem _memory;
    private readonly bool _walkCaches;
    private readonly uint _context;
    private readonly uint _vmContext;
    private readonly int _mainMaxShift;
    private readonly int _l1MaxShift;

    /// <param name="walkCaches">False turns the stage-1 walk cache and the IPA cache off (for the walk-length law).</param>
    public Mmu(SocPreset soc, AddressSpace space, MemorySystem memory, bool walkCaches = true, ushort vmid = 1, ushort asid = 1)
    {
        _soc = soc;
        _space = space;
        _memory = memory;
        _walkCaches = walkCaches;
        _context = TranslationCache.Context(vmid, asid);
        _vmContext = TranslationCache.Context(vmid, 0);
        L1Tlb = new TranslationCache(soc.L1DTlb);
        MainTlb = new TranslationCache(soc.MainTlb);
        WalkCache = new TranslationCache(soc.Stage1WalkCache);
        IpaCache = new TranslationCache(soc.IpaCache);
        _mainMaxShift = System.Numerics.BitOperations.Log2((ulong)soc.MainTlb.MaxPageBytes);
        _l1MaxShift = System.Numerics.BitOperations.Log2((ulong)soc.L1DTlb.MaxPageBytes);
    }

    public TranslationCache L1Tlb { get; }
    public TranslationCache MainTlb { get; }
    public TranslationCache WalkCache { get; }
    public TranslationCache IpaCache { get; }

    public long Walks { get; private set; }
    /// <summary>Descriptor reads issued to the memory system (not absorbed by a walk cache).</summary>
    public long WalkReferences { get; private set; }
    public long WalkCycles { get; private set; }

    public void ResetCounters()
    {
        L1Tlb.ResetCounters();
        MainTlb.ResetCounters();
        WalkCache.ResetCounters();
        IpaCache.ResetCounters();
        Walks = WalkReferences = WalkCycles = 0;
    }

    /// <summary>Translates virtual address <paramref name="va"/>; <paramref name="cycles"/> is the translation's cost.</summary>
    public ulong Translate(ulong va, out int cycles)
    {
        if (L1Tlb.TryLookup(va, _context, out var pageBase, out var shift))
        {
            cycles = 0;
            return pageBase | Offset(va, shift);
        }
        cycles = _soc.MainTlbHitCycles;
        ulong pa;
        if (MainTlb.TryLookup(va, _context, out pageBase, out shift))
            pa = pageBase | Offset(va, shift);
        else
        {
            pa = Walk(va, out shift, out var walkCycles);
            cycles += walkCycles;
            var mainShift = Math.Min(shift, _mainMaxShift);
            MainTlb.Insert(va, mainShift, _context, Base(pa, mainShift), absent: true); // the lookup above missed at every size
        }
        var l1Shift = Math.Min(shift, _l1MaxShift);
        L1Tlb.Insert(va, l1Shift, _context, Base(pa, l1Shift), absent: true);
        return pa;
    }

    private static ulong Offset(ulong address, int shift) => address & ((1UL << shift) - 1);
    private static ulong Base(ulong address, int shift) => address & ~((1UL << shift) - 1);

    /// <summary>A full two-stage walk for <paramref name="va"/>: the PA, the size of the translation (smaller of the two stages) and its cost.</summary>
    public ulong Walk(ulong va, out int shift, out int cycles)
    {
        Walks++;
        cycles = 0;
        var s1 = _space.Stage1;
        var level = s1.StartLevel;
        var table = s1.Root;
        if (_walkCaches)
        {
            // Start from the deepest table the walk cache knows for this VA.
            for (var l = 2; l >= s1.StartLevel; l--)
            {
                if (WalkCache.TryLookup(va, PageTable.Shift(l), _context, out var next))
                {
                    level = l + 1;
                    table = next;
                    cycles += _soc.WalkCacheHitCycles;
                    break;
                }
            }
        }
        ulong outputIpa;
        int stage1Shift;
        while (true)
        {
            var descriptorIpa = s1.DescriptorAddress(table, level, va);
            var descriptorPa = Stage2(descriptorIpa, ref cycles, out _);
            cycles += _memory.Walk(descriptorPa);
            WalkReferences++;
            var d = s1.Memory.Read(descriptorIpa);
            if (!PageTable.IsValid(d)) throw new InvalidOperationException($"VA 0x{va:x} is not mapped at stage 1");
            if (PageTable.IsTable(d, level))
            {
                table = d & PageTable.OutputMask;
                // Levels below the one the walk started from were not in the walk cache (it found the deepest).
                if (_walkCaches) WalkCache.Insert(va, PageTable.Shift(level), _context, table, absent: true);
                level++;
                continue;
            }
            stage1Shift = PageTable.Shift(level);
            outputIpa = Base(d & PageTable.OutputMask, stage1Shift) | Offset(va, stage1Shift);
            break;
        }
        var pa = Stage2(outputIpa, ref cycles, out var stage2Shift);
        shift = Math.Min(stage1Shift, stage2Shift);
        WalkCycles += cycles;
        return pa;
    }

    /// <summary>Translates an IPA through stage 2 (identity when there is none): IPA cache, else a stage-2 walk.</summary>
    private ulong Stage2(ulong ipa, ref int cycles, out int shift)
    {
        var s2 = _space.Stage2Table;
        if (s2 is null)
        {
            shift = 63;
            return ipa;
        }
        if (_walkCaches && IpaCache.TryLookup(ipa, _vmContext, out var pageBase, out shift))
        {
            cycles += _soc.WalkCacheHitCycles;
            return pageBase | Offset(ipa, shift);
        }
        var table = s2.Root;
        for (var level = s2.StartLevel; level <= 3; level++)
        {
            var at = s2.DescriptorAddress(table, level, ipa);
            cycles += _memory.Walk(at);
            WalkReferences++;
            var d = s2.Memory.Read(at);
            if (!PageTable.IsValid(d)) throw new InvalidOperationException($"IPA 0x{ipa:x} is not mapped at stage 2");
            if (PageTable.IsTable(d, level))
            {
                table = d & PageTable.OutputMask;
                continue;
            }
            shift = PageTable.Shift(level);
            var block = Base(d & PageTable.OutputMask, shift);
            if (_walkCaches) IpaCache.Insert(ipa, shift, _vmContext, block, absent: true); // the lookup above missed
            return block | Offset(ipa, shift);
        }
        throw new InvalidOperationException("a stage-2 walk ran past level 3");
    }
}
