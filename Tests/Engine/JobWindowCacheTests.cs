using NodeSim.Engine;
using NodeSim.Orchestration;
using NodeSim.Models.Isolation;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Tests.Engine;

/// <summary>Job windows kept on disk: read back exactly, keyed by everything that decides them, safe when damaged, trimmed to their own files.</summary>
public class JobWindowCacheTests
{
    private static JobExecutionRequest Request(IsolationStack? stack = null, int ranks = 16) =>
        new(JobProfiles.BspAllreduce, stack ?? IsolationStack.BuiltIn.Single(s => s.Name == "hafnium-kitten"), ranks, SocPresets.PineA64, WindowSeconds: 0.05);

    [Test]
    public void AWindowReadBackIsTheWindowSimulatedToTheLastBit()
    {
        using var dir = new TempDir();
        var cache = new JobWindowCache(dir.Path);
        var request = Request();
        var simulated = cache.GetOrRun(request, () => JobExecution.Run(request, new RunContext()));
        var read = new JobWindowCache(dir.Path).GetOrRun(request, () => throw new AssertionException("a cached window is not simulated again"));
        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFiles(dir.Path, "*.window.json", SearchOption.AllDirectories), Has.Length.EqualTo(1));
            Assert.That(BitConverter.DoubleToInt64Bits(read.SlowdownPct), Is.EqualTo(BitConverter.DoubleToInt64Bits(simulated.SlowdownPct)));
            Assert.That(read.LedgerPct, Is.EquivalentTo(simulated.LedgerPct));
            Assert.That(read.AmplificationPct, Is.EquivalentTo(simulated.AmplificationPct));
            Assert.That(read.PerSecond, Is.EqualTo(simulated.PerSecond));
            Assert.That((read.TranslationFactor, read.Iterations, read.SimulatedSeconds), Is.EqualTo((simulated.TranslationFactor, simulated.Iterations, simulated.SimulatedSeconds)));
            Assert.That(read.Factor, Is.EqualTo(simulated.Factor));
        });
    }

    [Test]
    public void EveryInputThatDecidesAWindowChangesItsKey()
    {
        var stack = IsolationStack.BuiltIn.Single(s => s.Name == "hafnium-linux");
        var key = JobWindowCache.Key(Request(stack));
        Assert.Multiple(() =>
        {
            Assert.That(JobWindowCache.Key(Request(stack)), Is.EqualTo(key), "the same request, the same key");
            Assert.That(JobWindowCache.Key(Request(stack.Parameters.With(stack, "primary.tick_hz", "1000"))), Is.Not.EqualTo(key), "a kernel parameter");
            Assert.That(JobWindowCache.Key(Request(stack.Parameters.With(stack, "hypervisor.world_switch_cycles", "3000"))), Is.Not.EqualTo(key), "a hypervisor parameter");
            Assert.That(JobWindowCache.Key(Request(stack, ranks: 32)), Is.Not.EqualTo(key), "the ranks");
            Assert.That(JobWindowCache.Key(Request(stack) with { Seed = 2 }), Is.Not.EqualTo(key), "the seed");
            Assert.That(JobWindowCache.Key(Request(stack) with { Soc = SocPresets.Rpi4 }), Is.Not.EqualTo(key), "the SoC");
            Assert.That(JobWindowCache.Key(Request(stack) with { Profile = JobProfiles.Stencil }), Is.Not.EqualTo(key), "the profile");
            Assert.That(JobWindowCache.Key(Request(IsolationStack.BuiltIn.Single(s => s.Name == "hafnium-kitten"))), Is.Not.EqualTo(key), "another stack");
        });
    }

    [Test]
    public void ADamagedEntryIsSimulatedAgainAndReplaced()
    {
        using var dir = new TempDir();
        var request = Request();
        var cache = new JobWindowCache(dir.Path);
        cache.GetOrRun(request, () => JobExecution.Run(request, new RunContext()));
        var file = Directory.GetFiles(dir.Path, "*.window.json", SearchOption.AllDirectories).Single();
        File.WriteAllText(file, "{\"SlowdownPct\": 1, \"Led");
        var runs = 0;
        new JobWindowCache(dir.Path).GetOrRun(request, () => { runs++; return JobExecution.Run(request, new RunContext()); });
        Assert.That(runs, Is.EqualTo(1));
        Assert.That(File.ReadAllText(file), Does.Contain("\"PerSecond\""), "rewritten whole");
    }

    [Test]
    public void ACampaignRerunReadsItsWindowsFromTheCacheAndGivesTheSameResults()
    {
        using var dir = new TempDir();
        var file = dir.File("c.yaml", CampaignRunnerTests.Small);
        var cache = new JobWindowCache(Path.Combine(dir.Path, "cache"));
        List<NodeSim.Engine.RunResult> Run(string name)
        {
            var campaign = Contexts.Loader.Load(file);
            var store = new RunStore(Path.Combine(dir.Path, name), NodeSim.Files.AtomicFile.Disk);
            return [.. new CampaignRunner(campaign, store, 2, resume: false, windows: cache).Run(CancellationToken.None).Results];
        }
        var cold = Run("cold");
        var windows = Directory.GetFiles(Path.Combine(dir.Path, "cache"), "*.window.json", SearchOption.AllDirectories);
        var warm = Run("warm");
        Assert.Multiple(() =>
        {
            Assert.That(windows, Is.Not.Empty, "the campaign kept its windows");
            Assert.That(Directory.GetFiles(Path.Combine(dir.Path, "cache"), "*.window.json", SearchOption.AllDirectories), Has.Length.EqualTo(windows.Length),
                "the rerun simulated nothing new");
            Assert.That(warm.Select(r => r.Metrics.Select(m => BitConverter.DoubleToInt64Bits(m.Value)).ToList()),
                Is.EqualTo(cold.Select(r => r.Metrics.Select(m => BitConverter.DoubleToInt64Bits(m.Value)).ToList())), "every metric the same to the bit");
        });
    }

    [Test]
    public void ACacheThatCannotBeWrittenCostsTimeNeverAResult()
    {
        // The cache's root is a file of the user's: nothing can be written under it, and it is left as it was.
        using var dir = new TempDir();
        var root = dir.File("not-a-directory", "a user's file");
        var request = Request();
        var expected = JobExecution.Run(request, new RunContext());
        var result = new JobWindowCache(root).GetOrRun(request, () => JobExecution.Run(request, new RunContext()));
        Assert.Multiple(() =>
        {
            Assert.That(result.SlowdownPct, Is.EqualTo(expected.SlowdownPct));
            Assert.That(File.ReadAllText(root), Is.EqualTo("a user's file"));
            Assert.That(Directory.GetFileSystemEntries(dir.Path), Is.EqualTo(new[] { root }));
        });
    }

    [Test]
    public void TrimmingDeletesTheOldestEntriesAndNothingElse()
    {
        using var dir = new TempDir();
        var build = Path.Combine(dir.Path, "job-windows", "b");
        Directory.CreateDirectory(build);
        for (var i = 0; i < 5; i++)
        {
            var path = Path.Combine(build, $"{i}.window.json");
            File.WriteAllBytes(path, new byte[100]);
            File.SetLastWriteTimeUtc(path, new DateTime(2026, 1, 1 + i, 0, 0, 0, DateTimeKind.Utc));
        }
        var mine = Path.Combine(build, "notes.txt");
        File.WriteAllBytes(mine, new byte[1000]);
        JobWindowCache.Trim(Path.Combine(dir.Path, "job-windows"), 250);
        Assert.That(Directory.GetFiles(build).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "3.window.json", "4.window.json", "notes.txt" }));
    }
}
