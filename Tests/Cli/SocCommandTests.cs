namespace NodeSim.Tests.Cli;

public class SocCommandTests
{
    [Test]
    public void CharacterizePrintsTheDocumentedJsonKeys()
    {
        var r = NodeSimProcess.Run("soc", "characterize", "--preset", "pine-a64", "--pattern", "random", "--working-set", "16MiB",
            "--stage1-page", "4k", "--stage2", "4k", "--accesses", "20000", "--json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        foreach (var key in new[] { "translation_cycles_per_access", "cache_cycles_per_access", "l1_tlb_miss_rate", "l2_tlb_miss_rate", "walk_refs_per_miss", "cycles_per_walk" })
            Assert.That(r.Json.GetProperty(key).GetDouble(), Is.GreaterThanOrEqualTo(0), key);
        Assert.That(r.Json.GetProperty("stage2_levels").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public void PresetsListBothBoards()
    {
        var r = NodeSimProcess.Run("soc", "presets", "--json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Json.EnumerateArray().Select(p => p.GetProperty("name").GetString()), Is.EqualTo(new[] { "pine-a64", "rpi4" }));
        Assert.That(r.Json[0].GetProperty("main_tlb").GetProperty("entries").GetInt32(), Is.EqualTo(512));
    }

    [TestCase(new[] { "soc", "characterize", "--preset", "pine64" }, "unknown SoC 'pine64' (did you mean 'pine-a64'?)")]
    [TestCase(new[] { "soc", "characterize", "--pattern", "randon" }, "--pattern: unknown pattern 'randon' (did you mean 'random'?); choose from: sequential, strided, random, stencil, chase")]
    [TestCase(new[] { "soc", "characterize", "--stage2", "64k" }, "--stage2: unknown value '64k' (did you mean '4k'?); choose from: off, 4k, 2m, 1g")]
    [TestCase(new[] { "soc", "characterize", "--working-set", "lots" }, "--working-set: 'lots' is not a size")]
    [TestCase(new[] { "soc", "characterize", "--working-set", "8GiB" }, "--working-set: '8GiB' is outside 64B to 4GiB")]
    [TestCase(new[] { "soc", "characterize", "--stage1-page", "64k" }, "--stage1-page: '64k' is not a stage-1 page size; expected 4k or 2m")]
    public void BadInputExitsWith2(string[] args, string message)
    {
        var r = NodeSimInProcess.Run(args);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain(message));
    }
}
