using NodeSim.Models;
using NodeSim.Models.Soc;

namespace NodeSim.Tests.Soc;

/// <summary>The literature's shapes on pine-a64, and TLB reach = entries × page size.</summary>
public class CharacterizationTests
{
    private static readonly SocPreset Pine = SocPresets.PineA64;
    private const long MiB = 1 << 20;

    private static readonly BoundedCache<(SocPreset, CharacterizationRequest), Characterization> Memo = SocCharacterizer.NewCache();

    private static Characterization C(AccessPattern pattern, long ws, long page, Stage2Mode s2, int accesses = 200_000) =>
        Memo.Get((Pine, new CharacterizationRequest(pattern, ws, page, s2, accesses)));

    [Test]
    public void RandomAccessWithinTlbReachStopsMissingAfterWarmup()
    {
        // 512 entries × 4 KB = 2 MB of reach.
        Assert.That(C(AccessPattern.Random, 2 * MiB, 4096, Stage2Mode.Off).L2TlbMissRate, Is.LessThan(0.001));
        Assert.That(C(AccessPattern.Random, 1 * MiB, 4096, Stage2Mode.Pages4K).L2TlbMissRate, Is.LessThan(0.001));
    }

    [TestCase(4)]
    [TestCase(8)]
    [TestCase(32)]
    public void BeyondReachTheMissRateApproachesOneMinusReachOverWorkingSet(int mib)
    {
        var expected = 1 - 2.0 / mib;
        Assert.That(C(AccessPattern.Random, mib * MiB, 4096, Stage2Mode.Off).L2TlbMissRate, Is.EqualTo(expected).Within(0.02));
    }

    [Test]
    public void NestedPagingCostsRandomAccessMuchAndLargePagesRecoverIt()
    {
        var native = C(AccessPattern.Random, 256 * MiB, 4096, Stage2Mode.Off);
        var nested = C(AccessPattern.Random, 256 * MiB, 4096, Stage2Mode.Pages4K);
        var large = C(AccessPattern.Random, 256 * MiB, 2 * MiB, Stage2Mode.Blocks2M);
        TestContext.Out.WriteLine($"random 256 MiB translation cycles/access: native 4K {native.TranslationCyclesPerAccess:F1}, stage-2 4K {nested.TranslationCyclesPerAccess:F1}, 2M/2M {large.TranslationCyclesPerAccess:F2}");
        Assert.That(nested.TranslationCyclesPerAccess, Is.GreaterThanOrEqualTo(1.5 * native.TranslationCyclesPerAccess));
        Assert.That(large.TranslationCyclesPerAccess, Is.LessThanOrEqualTo(native.TranslationCyclesPerAccess / 4));
    }

    [Test]
    public void StreamingLosesLittleToNestedPaging()
    {
        var native = C(AccessPattern.Sequential, 256 * MiB, 4096, Stage2Mode.Off, 1_000_000);
        var nested = C(AccessPattern.Sequential, 256 * MiB, 4096, Stage2Mode.Pages4K, 1_000_000);
        Assert.That(nested.TotalCyclesPerAccess, Is.EqualTo(native.TotalCyclesPerAccess).Within(0.05 * native.TotalCyclesPerAccess));
        Assert.That(nested.TranslationCyclesPerAccess, Is.GreaterThan(native.TranslationCyclesPerAccess), "but it does cost something");
    }

    [Test]
    public void GuestLargePagesOverA4KStage2BuyNoReach()
    {
        var small = C(AccessPattern.Random, 32 * MiB, 4096, Stage2Mode.Pages4K);
        var splintered = C(AccessPattern.Random, 32 * MiB, 2 * MiB, Stage2Mode.Pages4K);
        var both = C(AccessPattern.Random, 32 * MiB, 2 * MiB, Stage2Mode.Blocks2M);
        Assert.That(splintered.L2TlbMissRate, Is.EqualTo(small.L2TlbMissRate).Within(0.01));
        Assert.That(both.L2TlbMissRate, Is.LessThan(0.001));
    }

    [Test]
    public void CharacterizationsAreDeterministicAndMemoised()
    {
        var r = new CharacterizationRequest(AccessPattern.Chase, 16 * MiB, 4096, Stage2Mode.Pages4K, 50_000);
        var first = SocCharacterizer.Run(Pine, r);
        Assert.That(SocCharacterizer.Run(Pine, r), Is.EqualTo(first));
        var cache = SocCharacterizer.NewCache();
        var memo = cache.Get((Pine, r));
        Assert.That(cache.Get((Pine, r)), Is.SameAs(memo));
        Assert.That(SocCharacterizer.Run(Pine, r with { Seed = 2 }), Is.Not.EqualTo(first));
    }

    [Test]
    public void StatisticsHaveNamesUnitsAndDescriptions()
    {
        var stats = C(AccessPattern.Stencil, 8 * MiB, 4096, Stage2Mode.Pages4K).Statistics();
        Assert.That(stats.Select(s => s.Name), Does.Contain("translation_cycles_per_access").And.Contain("walk_refs_per_miss"));
        Assert.That(stats.All(s => s.Unit.Length > 0 && s.Description.Length > 10), Is.True);
    }
}

public class AddressStreamTests
{
    [Test]
    public void SequentialAndStridedStreamsWrap()
    {
        var seq = AddressStream.Create(AccessPattern.Sequential, 64, 1);
        Assert.That(Enumerable.Range(0, 10).Select(_ => seq.Next()), Is.EqualTo(new ulong[] { 0, 8, 16, 24, 32, 40, 48, 56, 0, 8 }));
        var strided = AddressStream.Create(AccessPattern.Strided, 1000, 1, strideBytes: 300);
        Assert.That(Enumerable.Range(0, 5).Select(_ => strided.Next()), Is.EqualTo(new ulong[] { 0, 300, 600, 900, 200 }));
    }

    [Test]
    public void TheChaseVisitsEveryLineOncePerRound()
    {
        const int lines = 1000; // not a power of two: values past the end are skipped
        var chase = AddressStream.Create(AccessPattern.Chase, lines * 64, 7);
        var seen = Enumerable.Range(0, lines).Select(_ => chase.Next()).ToList();
        Assert.That(seen.Distinct().Count(), Is.EqualTo(lines));
        Assert.That(seen.All(a => a % 64 == 0 && a < lines * 64), Is.True);
        Assert.That(seen.Take(20).SequenceEqual(seen.Take(20).Order()), Is.False, "not in address order");
    }

    [Test]
    public void TheStencilTouchesAPointAndItsSixNeighbours()
    {
        var stencil = AddressStream.Create(AccessPattern.Stencil, 4 * 4 * 4 * 8, 1); // n = 4
        var first = Enumerable.Range(0, 7).Select(_ => stencil.Next()).ToList();
        Assert.That(first, Is.EqualTo(new ulong[] { 0, 0, 8, 0, 32, 0, 128 })); // (0,0,0) clamped below, +x, +y (n·8), +z (n²·8)
        var second = Enumerable.Range(0, 7).Select(_ => stencil.Next()).ToList();
        Assert.That(second, Is.EqualTo(new ulong[] { 8, 0, 16, 8, 40, 8, 136 }));
    }

    [Test]
    public void RandomStreamsAreSeededAndUniform()
    {
        var a = AddressStream.Create(AccessPattern.Random, 1 << 20, 3);
        var b = AddressStream.Create(AccessPattern.Random, 1 << 20, 3);
        var xs = Enumerable.Range(0, 20_000).Select(_ => a.Next()).ToList();
        Assert.That(Enumerable.Range(0, 20_000).Select(_ => b.Next()), Is.EqualTo(xs));
        Assert.That(xs.All(x => x % 8 == 0 && x < 1 << 20), Is.True);
        Assert.That(xs.Average(x => (double)x) / (1 << 20), Is.EqualTo(0.5).Within(0.02));
    }
}
