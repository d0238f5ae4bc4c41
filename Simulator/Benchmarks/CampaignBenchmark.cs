using NodeSim.Engine;
using NodeSim.Files;
using NodeSim.Orchestration;

namespace NodeSim.Benchmarks;

/// <summary>
/// The campaign benchmark: a whole campaign as <c>nodesim run</c> does it (runs, tables, plots,
/// summary) with one worker and with several, and the machine's own parallel ceiling: the same
/// allocation-free work on one thread and on as many threads as workers.
/// </summary>
/// <remarks>
/// The ceiling is what the campaign's speed-up should be judged against: two vCPUs of a virtual
/// machine may be two hyperthreads of one host core, and then no program runs twice as fast on two.
/// </remarks>
public static class CampaignBenchmark
{
    /// <summary>Units of reference work in each ceiling run: enough to keep every thread busy to the end.</summary>
    private const int ReferenceUnits = 32;

    /// <summary>M/M/4 customers per unit of reference work (about 15 ms on one core).</summary>
    private const long ReferenceCustomers = 250_000;

    /// <summary>
    /// The campaign with one worker and with <paramref name="workers"/>, each time into a fresh
    /// directory under <paramref name="scratch"/> (deleted afterwards); events = runs. The checksum
    /// is the sum of every run's metrics, the same for any number of workers.
    /// </summary>
    public static IReadOnlyList<(string, Func<BenchRun>)> Ways(Registries registries, Campaign campaign, int workers, string scratch) =>
    [
        ("1 worker", () => Run(registries, campaign, 1, scratch)),
        ($"{workers} workers", () => Run(registries, campaign, workers, scratch)),
    ];

    /// <summary>The reference work on one thread and spread over <paramref name="workers"/> threads; events = units.</summary>
    public static IReadOnlyList<(string, Func<BenchRun>)> CeilingWays(int workers) =>
    [
        ("1 thread", () => Reference(1)),
        ($"{workers} threads", () => Reference(workers)),
    ];

    private static BenchRun Run(Registries registries, Campaign campaign, int workers, string scratch)
    {
        var directory = Path.Combine(scratch, $"{workers}-workers");
        try
        {
            using var session = CampaignSession.Open(registries, AtomicFile.Disk, campaign, directory, new RunOptions(workers), new LocalBackend());
            var outcome = session.Run(new Silent(), CancellationToken.None).Outcome!;
            var failure = outcome.Failures.FirstOrDefault();
            if (failure is not null) throw new UserInputException($"run {failure.Key} of the benchmarked campaign failed: {failure.Error}");
            var checksum = outcome.Results.SelectMany(r => r.Metrics).Select(m => m.Value).Where(double.IsFinite).Sum();
            return new BenchRun(outcome.Results.Count, checksum);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A benchmark's campaign tells nobody how it goes.</summary>
    private sealed class Silent : ICampaignObserver
    {
        public void Note(string message)
        {
        }

        public void Progress(CampaignProgress progress)
        {
        }
    }

    private static BenchRun Reference(int threads)
    {
        var waits = new double[ReferenceUnits];
        var unit = KernelBenchmark.MultiServerQueueWays(new KernelBenchmark.Sizes(Customers: ReferenceCustomers))[0].Item2;
        Parallel.For(0, ReferenceUnits, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => waits[i] = unit().Checksum);
        return new BenchRun(ReferenceUnits, waits.Sum());
    }
}
