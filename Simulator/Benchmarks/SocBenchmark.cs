using NodeSim.Models.Soc;

namespace NodeSim.Benchmarks;

/// <summary>
/// Throughput of the SoC models: accesses simulated per second through the TLBs, the walker and the
/// caches, for each access pattern natively and under a 4 KB stage 2, and the wall time of the
/// default characterisation (what <c>nodesim soc characterize</c> runs with no options).
/// </summary>
public static class SocBenchmark
{
    public const long WorkingSet = 256L << 20;

    /// <summary>The default characterisation: random access over 256 MiB, 4 KB pages, no stage 2, 1 M accesses after a 250 k warm-up.</summary>
    public static readonly CharacterizationRequest Default = new(AccessPattern.Random, WorkingSet);

    public static IReadOnlyList<(string Name, Func<BenchRun> Body)> Cases(SocPreset soc, int accesses)
    {
        var cases = new List<(string, Func<BenchRun>)>();
        foreach (var pattern in Enum.GetValues<AccessPattern>())
            foreach (var stage2 in new[] { Stage2Mode.Off, Stage2Mode.Pages4K })
            {
                var request = new CharacterizationRequest(pattern, WorkingSet, 4096, stage2, accesses);
                var simulated = accesses + accesses / 4;
                cases.Add(($"{pattern.ToString().ToLowerInvariant()}/{(stage2 == Stage2Mode.Off ? "native" : "stage2-4k")}",
                    () => new BenchRun(simulated, SocCharacterizer.Run(soc, request).TotalCyclesPerAccess)));
            }
        return cases;
    }
}
