using NodeSim.Models.Soc;

namespace NodeSim.Tests.Soc;

public class CacheAndTlbTests
{
    [Test]
    public void TwoWayLruMatchesAHandComputedSequence()
    {
        // 2 sets × 2 ways × 64 B lines. Lines 0, 2, 4, 6 all map to set 0.
        var cache = new SetAssociativeCache(new CacheSpec(256, 2, 64, 1));
        var lines = new[] { 0, 2, 0, 4, 2, 0, 4, 1, 6, 4 };
        var hits = lines.Select(l => cache.Access((ulong)l * 64)).ToArray();
        // 0 m | 2 m | 0 h (MRU 0,2) | 4 m evicts 2 | 2 m evicts 0 | 0 m evicts 4 | 4 m evicts 2 | 1 m (set 1) | 6 m evicts 0 | 4 h
        Assert.That(hits, Is.EqualTo(new[] { false, false, true, false, false, false, false, false, false, true }));
        Assert.That((cache.Hits, cache.Misses), Is.EqualTo((2L, 8L)));
        Assert.That(cache.Contains(6 * 64) && cache.Contains(4 * 64) && !cache.Contains(0), Is.True);
    }

    [Test]
    public void SixteenWayLruEvictsTheLeastRecentlyUsedLine()
    {
        // One set of 16 ways (the vector path): fill 16 lines, touch line 0 again, add a 17th: line 1 goes.
        var cache = new SetAssociativeCache(new CacheSpec(16 * 64, 16, 64, 1));
        for (var l = 0UL; l < 16; l++) cache.Access(l * 64);
        Assert.That(cache.Access(0), Is.True);
        Assert.That(cache.Access(16 * 64), Is.False);
        Assert.That(cache.Contains(1 * 64), Is.False);
        Assert.That(Enumerable.Range(0, 17).Count(l => l != 1 && cache.Contains((ulong)l * 64)), Is.EqualTo(16));
        // A bytes-within-a-line access hits the same line.
        Assert.That(cache.Access(16 * 64 + 63), Is.True);
    }

    [Test]
    public void ThreeWayCachesWork()
    {
        var cache = new SetAssociativeCache(new CacheSpec(3 * 64, 3, 64, 1)); // one set, 3 ways (the A72's L1I shape)
        foreach (var l in new ulong[] { 0, 1, 2, 0, 3 }) cache.Access(l * 64); // 3 evicts 1 (the LRU)
        Assert.That(new[] { cache.Contains(0), cache.Contains(64), cache.Contains(128), cache.Contains(192) }, Is.EqualTo(new[] { true, false, true, true }));
    }

    [Test]
    public void TlbEntriesAreTaggedByVmidAndAsidSoASwitchNeedsNoFlush()
    {
        var tlb = new TranslationCache(new TlbSpec(8, 0));
        var vm1 = TranslationCache.Context(1, 7);
        var vm2 = TranslationCache.Context(2, 7);
        tlb.Insert(0x40_0000_1000, 12, vm1, 0x2_0000_1000);
        Assert.That(tlb.TryLookup(0x40_0000_1abc, vm2, out _, out _), Is.False, "another VM does not hit");
        tlb.Insert(0x40_0000_1000, 12, vm2, 0x3_0000_1000);
        Assert.That(tlb.TryLookup(0x40_0000_1abc, vm1, out var a, out _) && a == 0x2_0000_1000, Is.True, "the first VM's entry survived");
        Assert.That(tlb.TryLookup(0x40_0000_1abc, vm2, out var b, out _) && b == 0x3_0000_1000, Is.True);
        tlb.Invalidate(vm1);
        Assert.That(tlb.TryLookup(0x40_0000_1abc, vm1, out _, out _), Is.False);
        Assert.That(tlb.TryLookup(0x40_0000_1abc, vm2, out _, out _), Is.True);
    }

    [Test]
    public void EntriesOfDifferentSizesCoexist()
    {
        var tlb = new TranslationCache(new TlbSpec(16, 4));
        var ctx = TranslationCache.Context(1, 1);
        tlb.Insert(0x4000_0000, 21, ctx, 0xA00000);       // a 2 MB entry
        tlb.Insert(0x8000_0000, 12, ctx, 0xB000);         // a 4 KB entry
        Assert.That(tlb.TryLookup(0x4012_3456, ctx, out var v, out var shift) && v == 0xA00000 && shift == 21, Is.True);
        Assert.That(tlb.TryLookup(0x8000_0fff, ctx, out v, out shift) && v == 0xB000 && shift == 12, Is.True);
        Assert.That(tlb.TryLookup(0x8000_1000, ctx, out _, out _), Is.False);
    }

    [Test]
    public void SetAssociativeTlbEvictsLruWithinASet()
    {
        var tlb = new TranslationCache(new TlbSpec(4, 2)); // 2 sets × 2 ways; pages 0, 2, 4 share set 0
        var ctx = TranslationCache.Context(1, 1);
        foreach (var page in new ulong[] { 0, 2 }) tlb.Insert(page << 12, 12, ctx, page);
        Assert.That(tlb.TryLookup(0, ctx, out _, out _), Is.True); // page 0 is now the most recent
        tlb.Insert(4UL << 12, 12, ctx, 4);                         // evicts page 2
        Assert.That(tlb.TryLookup(2UL << 12, ctx, out _, out _), Is.False);
        Assert.That(tlb.TryLookup(0, ctx, out _, out _) && tlb.TryLookup(4UL << 12, ctx, out _, out _), Is.True);
    }

    [Test]
    public void SpecsRejectImpossibleShapes()
    {
        Assert.That(() => new SetAssociativeCache(new CacheSpec(1000, 4, 64, 1)), Throws.TypeOf<NodeSim.Models.Parameters.ParameterException>());
        Assert.That(() => new SetAssociativeCache(new CacheSpec(32 * 64, 32, 64, 1)), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("16 ways"));
        Assert.That(() => new TranslationCache(new TlbSpec(12, 5)), Throws.TypeOf<NodeSim.Models.Parameters.ParameterException>());
    }
}
