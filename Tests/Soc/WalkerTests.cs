using NodeSim.Models.Soc;

namespace NodeSim.Tests.Soc;

public class WalkerTests
{
    private static readonly SocPreset Pine = SocPresets.PineA64;

    [Test]
    public void AHandBuiltStage1TableTranslatesPagesAndBlocks()
    {
        var table = PageTable.Stage1(new TableMemory(0x1000_0000), 39);
        table.Map(0x40_0000_3000, 0x8_0000_7000, 4096);
        table.Map(0x40_0060_0000, 0x9_0020_0000, 2 << 20);
        Assert.That(table.Translate(0x40_0000_3abc), Is.EqualTo((0x8_0000_7abcUL, 12)));
        Assert.That(table.Translate(0x40_0061_2345), Is.EqualTo((0x9_0021_2345UL, 21)));
        Assert.That(table.Translate(0x40_0000_4000), Is.Null);
        // Levels 1, 2, 3 → root + one level-2 table + one level-3 table.
        Assert.That(table.Memory.Tables, Is.EqualTo(3));
        Assert.That(table.Levels, Is.EqualTo(3));
        // The descriptor layout is ARMv8's: the root entry for VA bits [38:30] = 0 is a table descriptor (0b11).
        var root = table.Memory.Read(table.DescriptorAddress(table.Root, 1, 0x40_0000_3000));
        Assert.That(root & 0b11, Is.EqualTo(0b11UL));
        Assert.That(() => table.Map(0x40_0060_1000, 0, 4096), Throws.InvalidOperationException.With.Message.Contains("a block already covers"));
    }

    [Test]
    public void Stage2DepthComesFromThePhysicalAddressSize()
    {
        var s40 = PageTable.Stage2(new TableMemory(0), 40);
        Assert.That((s40.StartLevel, s40.RootTables, s40.Levels), Is.EqualTo((1, 2, 3)), "40-bit: level 1 with two concatenated roots");
        var s44 = PageTable.Stage2(new TableMemory(0), 44);
        Assert.That((s44.StartLevel, s44.RootTables, s44.Levels), Is.EqualTo((0, 1, 4)));
        // A 40-bit IPA above 2^39 uses the second concatenated root table.
        s40.Map(0xC0_0000_0000, 0xC0_0000_0000, 1 << 30);
        Assert.That(s40.DescriptorAddress(s40.Root, 1, 0xC0_0000_0000) - s40.Root, Is.EqualTo(768UL * 8));
        Assert.That(s40.Translate(0xC0_1234_5678), Is.EqualTo((0xC0_1234_5678UL, 30)));
    }

    private static double RefsPerWalk(SocPreset soc, long stage1Page, Stage2Mode stage2) =>
        SocCharacterizer.Run(soc, new CharacterizationRequest(AccessPattern.Random, 64 << 20, stage1Page, stage2,
            Accesses: 5000, WarmupAccesses: 0, WalkCaches: false, DataCaches: false)).WalkRefsPerMiss;

    [Test]
    public void WalksFollowTheTwoDimensionalWalkLengthLaw()
    {
        // (n + 1)(m + 1) − 1 references with walk caches and data caches off.
        var rpi = SocPresets.Rpi4;
        var wide = Pine with { Name = "vA48-pA44", VirtualAddressBits = 48, PhysicalAddressBits = 44 };
        Assert.That(RefsPerWalk(Pine, 4096, Stage2Mode.Off), Is.EqualTo(3), "native: n");
        Assert.That(RefsPerWalk(Pine, 4096, Stage2Mode.Pages4K), Is.EqualTo(15), "3 × 3");
        Assert.That(RefsPerWalk(rpi, 4096, Stage2Mode.Pages4K), Is.EqualTo(19), "3 over 4");
        Assert.That(RefsPerWalk(wide, 4096, Stage2Mode.Off), Is.EqualTo(4), "native 48-bit: n = 4");
        Assert.That(RefsPerWalk(wide, 4096, Stage2Mode.Pages4K), Is.EqualTo(24), "4 × 4");
        Assert.That(RefsPerWalk(Pine, 4096, Stage2Mode.Blocks2M), Is.EqualTo(11), "pine-a64, 2 MB stage-2 blocks");
        Assert.That(RefsPerWalk(Pine, 4096, Stage2Mode.Blocks1G), Is.EqualTo(7), "pine-a64, 1 GB stage-2 blocks");
        Assert.That(RefsPerWalk(Pine, 2 << 20, Stage2Mode.Pages4K), Is.EqualTo(11), "2 MB stage-1 blocks shorten stage 1 to n = 2");
    }

    [Test]
    public void TheMmuReturnsThePhysicalAddressOfTheTables()
    {
        var space = AddressSpace.Build(Pine, 8 << 20, 4096, Stage2Mode.Pages4K);
        var mmu = new Mmu(Pine, space, new MemorySystem(Pine));
        var va = AddressSpace.DataVa + 0x12_3458;
        Assert.That(mmu.Translate(va, out var first), Is.EqualTo(AddressSpace.DataIpa + 0x12_3458), "identity stage 2: PA = IPA");
        Assert.That(first, Is.GreaterThan(Pine.MainTlbHitCycles), "the first access walks");
        Assert.That(mmu.Translate(va + 8, out var second), Is.EqualTo(AddressSpace.DataIpa + 0x12_3460));
        Assert.That(second, Is.Zero, "then the level-1 TLB hits");
    }

    [Test]
    public void TlbEntriesCoverTheSmallerStagesPageAndTheA53CapsBlocksAt512MB()
    {
        // 2 MB guest pages over 4 KB stage 2: entries are 4 KB (splintering).
        var splinter = new Mmu(Pine, AddressSpace.Build(Pine, 4 << 20, 2 << 20, Stage2Mode.Pages4K), new MemorySystem(Pine));
        splinter.Walk(AddressSpace.DataVa, out var shift, out _);
        Assert.That(shift, Is.EqualTo(12));
        // 2 MB over 2 MB: 2 MB entries.
        var blocks = new Mmu(Pine, AddressSpace.Build(Pine, 4 << 20, 2 << 20, Stage2Mode.Blocks2M), new MemorySystem(Pine));
        blocks.Translate(AddressSpace.DataVa, out _);
        Assert.That(blocks.MainTlb.TryLookup(AddressSpace.DataVa + (1 << 20), TranslationCache.Context(1, 1), out _, out shift) && shift == 21, Is.True);
    }
}
