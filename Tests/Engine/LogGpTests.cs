using NodeSim.Engine;
using NodeSim.Engine.Execution;
using NodeSim.Models.Costs;
using NodeSim.Models.Isolation;
using NodeSim.Models.Network;
using NodeSim.Models.NodeKernels;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Tests.Engine;

/// <summary>
/// Issue 28's closed forms: with every noise off a message costs L + 2o (+ G·bytes), a round of each
/// allreduce algorithm costs what its definition says and an iteration the sum along its critical path;
/// with o &gt; 0 a detour during a send or a receive delays it by its overlap; a halo exchange's delay
/// reaches a rank at graph distance d only after d iterations.
/// </summary>
public class LogGpTests
{
    private const long Us = 1_000;

    private static readonly NodeKernel Silent = NodeKernelPresets.Kitten with
    {
        Name = "silent", TickHz = 0, DaemonRatePerSecond = 0, IrqHandlerCycles = 0, NetTxCycles = 0, NetRxCycles = 0,
    };

    private static readonly IsolationStack SilentStack = new("silent", "a kernel that costs nothing", Silent);

    /// <summary>LogGOPSim's L, o and G with no gap, so that the closed forms are sums of the other three.</summary>
    private static readonly Interconnect Net = Interconnects.Hpc with { GapSeconds = 0 };

    private const long O = 1500, L = 2500, G = 6, ShmL = 1000;   // ns, ns, ns/B, ns; shared memory 0.5 ns/B

    private static long Between(long bytes) => 2 * O + L + G * bytes;
    private static long Within(long bytes) => 2 * O + ShmL + (long)Math.Round(0.5 * bytes);

    /// <summary>Communication time per iteration (ns) of <paramref name="profile"/> with no noise: the window's time less the compute.</summary>
    private static double CommunicationNs(JobProfile profile, int ranks, int cores, Interconnect? network = null)
    {
        var r = Contexts.Shared.Job(new JobExecutionRequest(profile, SilentStack, ranks, SocPresets.PineA64 with { Cores = cores },
            WindowSeconds: 0.01, Interconnect: network ?? Net));
        Assert.That(r.SlowdownPct, Is.Zero.Within(1e-9), "a silent stack on the ideal machine's network costs nothing");
        return r.SimulatedSeconds * 1e9 / r.Iterations - profile.IterationSeconds * 1e9;
    }

    private static JobProfile Allreduce(AllreduceAlgorithm algorithm, int bytes) =>
        JobProfiles.BspAllreduce with { Allreduce = algorithm, CollectiveBytes = bytes };

    private static int Log2(int n) => (int)Math.Log2(n);

    [TestCase(8)]
    [TestCase(4096)]
    public void OneMessageCostsLPlusTwoOPlusGTimesBytes(int bytes)
    {
        // Two ranks on two nodes exchange once: each sends (o), the message travels (L + G·b), each receives (o).
        Assert.That(CommunicationNs(Allreduce(AllreduceAlgorithm.RecursiveDoubling, bytes), 2, 1), Is.EqualTo(Between(bytes)));
        // Through shared memory on one node: o, its latency and per-byte time, o.
        Assert.That(CommunicationNs(Allreduce(AllreduceAlgorithm.RecursiveDoubling, bytes), 2, 2), Is.EqualTo(Within(bytes)));
    }

    [TestCase(2)]
    [TestCase(4)]
    [TestCase(64)]
    [TestCase(1024)]
    public void RecursiveDoublingCostsLog2RExchanges(int ranks) =>
        Assert.That(CommunicationNs(Allreduce(AllreduceAlgorithm.RecursiveDoubling, 8), ranks, 1), Is.EqualTo(Log2(ranks) * Between(8)));

    [TestCase(7)]
    [TestCase(13)]
    [TestCase(100)]
    [TestCase(1000)]
    public void RecursiveDoublingOnOtherCountsFoldsTheExtraRanksInAndOut(int ranks) =>
        // MPICH: the rem = R − p ranks beyond the largest power of two p send their vector first and get the result last. When
        // rem > p/2 every partner of the first folded rank was folded too, so its path is log₂ p + 2 whole exchanges.
        Assert.That(CommunicationNs(Allreduce(AllreduceAlgorithm.RecursiveDoubling, 8), ranks, 1), Is.EqualTo((Log2(ranks) + 2) * Between(8)));

    [TestCase(3)]
    [TestCase(6)]
    public void AFoldedRankWhosePartnerWasNotFoldedWaitsOnlyForItsOwnOverheads(int ranks)
    {
        // rem ≤ p/2: in the last exchange the folded rank's partner sent long before, so that stage costs it 2o, not 2o + L.
        var expected = (Log2(ranks) + 2) * Between(8) - (L + G * 8);
        Assert.That(CommunicationNs(Allreduce(AllreduceAlgorithm.RecursiveDoubling, 8), ranks, 1), Is.EqualTo(expected));
    }

    [TestCase(4)]
    [TestCase(64)]
    [TestCase(1024)]
    public void RabenseifnerHalvesThenDoublesItsMessages(int ranks)
    {
        const int bytes = 8192;
        var expected = Enumerable.Range(1, Log2(ranks)).Sum(s => 2 * Between(bytes >> s));
        Assert.That(CommunicationNs(Allreduce(AllreduceAlgorithm.Rabenseifner, bytes), ranks, 1), Is.EqualTo(expected));
    }

    [Test]
    public void RabenseifnerBeginsWithTheNearestPartnerAndTheLargestHalf()
    {
        // MPICH's recursive halving: distance 1 exchanges half the vector, distance 2 a quarter, … With four ranks a node the two
        // largest parts stay in shared memory and the two smallest cross the network; the allgather retraces the same pairs.
        const int bytes = 65536;
        var expected = 2 * (Within(bytes / 2) + Within(bytes / 4) + Between(bytes / 8) + Between(bytes / 16));
        Assert.That(CommunicationNs(Allreduce(AllreduceAlgorithm.Rabenseifner, bytes), 16, 4), Is.EqualTo(expected));
    }

    [TestCase(2)]
    [TestCase(8)]
    [TestCase(256)]
    [TestCase(1024)]
    public void BinomialReduceThenBroadcastCostsTwiceLog2RHops(int ranks) =>
        Assert.That(CommunicationNs(Allreduce(AllreduceAlgorithm.Binomial, 8), ranks, 1), Is.EqualTo(2 * Log2(ranks) * Between(8)));

    [TestCase(2)]
    [TestCase(5)]
    [TestCase(16)]
    public void RingTakesTwoRMinusOneStepsOfAnRthOfTheVector(int ranks)
    {
        const int bytes = 4096;
        var chunk = (bytes + ranks - 1) / ranks;
        Assert.That(CommunicationNs(Allreduce(AllreduceAlgorithm.Ring, bytes), ranks, 1), Is.EqualTo(2 * (ranks - 1) * Between(chunk)));
    }

    [TestCase(8)]
    [TestCase(64)]
    [TestCase(1024)]
    public void HierarchicalReducesInTheNodeCrossesNodesAmongLeadersAndBroadcastsInTheNode(int ranks)
    {
        // Four ranks per node: a binomial reduce and broadcast through shared memory (2 rounds each), recursive doubling among R/4 leaders.
        var expected = 2 * 2 * Within(8) + Log2(ranks / 4) * Between(8);
        Assert.That(CommunicationNs(Allreduce(AllreduceAlgorithm.Hierarchical, 8), ranks, 4), Is.EqualTo(expected));
    }

    [Test]
    public void HierarchicalOnAPartialNodeFoldsItsLeaders()
    {
        // Ten ranks, four a node: nodes of 4, 4 and 2 ranks. Their leaders (0, 4, 8) are three, so recursive doubling folds rank 0
        // into rank 4, whose last partner (rank 8, from the short node) was ready early: that exchange costs 2o, not 2o + L.
        var expected = 2 * 2 * Within(8) + 3 * Between(8) - (L + G * 8);
        Assert.That(CommunicationNs(Allreduce(AllreduceAlgorithm.Hierarchical, 8), 10, 4), Is.EqualTo(expected));
    }

    [Test]
    public void AutoPicksAsMpichDoes()
    {
        // MPICH ≥ 3.4 (generic.json): ≤ 8 B, or fewer elements than the largest power of two ≤ R, recursive doubling; else Rabenseifner.
        Assert.That(AllreduceSelection.Choose(AllreduceAlgorithm.Auto, 8, 1024, AllreduceSelection.CselShortBytes), Is.EqualTo(AllreduceAlgorithm.RecursiveDoubling));
        Assert.That(AllreduceSelection.Choose(AllreduceAlgorithm.Auto, 16, 2, AllreduceSelection.CselShortBytes), Is.EqualTo(AllreduceAlgorithm.Rabenseifner));
        Assert.That(AllreduceSelection.Choose(AllreduceAlgorithm.Auto, 4096, 1024, AllreduceSelection.CselShortBytes), Is.EqualTo(AllreduceAlgorithm.RecursiveDoubling),
            "512 doubles on 1,024 ranks: fewer elements than p");
        Assert.That(AllreduceSelection.Choose(AllreduceAlgorithm.Auto, 1 << 20, 1024, AllreduceSelection.CselShortBytes), Is.EqualTo(AllreduceAlgorithm.Rabenseifner));
        // MPICH ≤ 3.3's 2,048-byte threshold.
        Assert.That(AllreduceSelection.Choose(AllreduceAlgorithm.Auto, 2048, 2, AllreduceSelection.ClassicShortBytes), Is.EqualTo(AllreduceAlgorithm.RecursiveDoubling));
        Assert.That(AllreduceSelection.Choose(AllreduceAlgorithm.Binomial, 1 << 20, 1024, 8), Is.EqualTo(AllreduceAlgorithm.Binomial), "a named algorithm is kept");
    }

    [TestCase(64, 3, new[] { 4, 4, 4 })]
    [TestCase(16384, 3, new[] { 32, 32, 16 })]
    [TestCase(12, 2, new[] { 4, 3 })]
    [TestCase(7, 2, new[] { 7, 1 })]
    public void TheHaloGridIsBalancedAsMpiDimsCreateMakesIt(int ranks, int dimensions, int[] expected) =>
        Assert.That(CommunicationSchedule.Dims(ranks, dimensions), Is.EqualTo(expected));

    /// <summary>A halo window whose shared memory costs what the network does: 10 µs, o = 1 µs, g as given; <paramref name="coresPerNode"/> ranks to a node.</summary>
    private static ScheduleWindow HaloWindow(int ranks, int dimensions, long gapNs, IReadOnlyList<DetourSource> sources, int coresPerNode, out CommunicationSchedule schedule)
    {
        var network = new Interconnect("test", 10e-6, 1e-6, gapNs / 1e9, 0, 10e-6, 0, Delivery.Polled, 1);
        var profile = JobProfiles.Stencil with { HaloDimensions = dimensions, HaloBytes = 8, CollectiveEvery = 1000 };
        schedule = new CommunicationSchedule(profile, ranks, coresPerNode);
        var costs = new MessageCosts(network, _ => MessagePath.Free, ioCoreRunsRank: false);
        return new ScheduleWindow(schedule, costs, ranks, coresPerNode, 1_000 * Us, 0, 1, 1, sources, 1, relays: false);
    }

    [TestCase(16, 2, 0, 5 * 1 + 10)]        // four neighbours: the last of four receives ends at 4o + L + o
    [TestCase(64, 3, 0, 7 * 1 + 10)]        // six neighbours
    [TestCase(16, 2, 4, 2 * 1 + 3 * 4 + 10)] // a gap of 4 µs > o spaces the four sends: o + 3g + L + o
    public void AHaloExchangeCostsItsSendsGapsLatencyAndReceives(int ranks, int dimensions, long gapUs, long expectedUs)
    {
        var w = HaloWindow(ranks, dimensions, gapUs * Us, [], coresPerNode: 1, out _);   // a node each: the NIC's gap applies
        w.RunIteration(collective: false);
        Assert.That(Enumerable.Range(0, ranks).Select(w.TimeOf), Has.All.EqualTo(1_000 * Us + expectedUs * Us));
    }

    [Test]
    public void AHaloDelayReachesARankAtDistanceDOnlyAfterDIterations()
    {
        // An 8 × 8 periodic grid; rank 0's core takes one 3 ms detour during the first iteration's compute.
        var detour = DetourSource.Scheduled("detour", new EventCost().Add(OverheadCause.InjectedNoise, 3e-3), [500 * Us]);
        var w = HaloWindow(64, 2, 0, [detour], coresPerNode: 64, out var schedule);   // one node: the detour is on rank 0's core only
        var nominal = 1_000 * Us + 15 * Us;   // compute + the halo exchange, per iteration
        for (var k = 1; k <= 6; k++)
        {
            w.RunIteration(collective: false);
            for (var r = 0; r < 64; r++)
            {
                var d = schedule.GridDistance(0, r);
                if (d <= k) Assert.That(w.TimeOf(r), Is.GreaterThan(k * nominal), $"rank {r} at distance {d} is late after {k} iterations");
                else Assert.That(w.TimeOf(r), Is.EqualTo(k * nominal), $"rank {r} at distance {d} is not yet late after {k} iterations");
            }
        }
    }

    /// <summary>Two ranks on one node, one exchange per iteration: 10 µs of latency, o as given; one detour on rank 0's core.</summary>
    private static (long Label, long Messages) OneExchangeWithADetour(long oNs, long detourAtNs, long detourNs)
    {
        var detour = DetourSource.Scheduled("detour", new EventCost().Add(OverheadCause.InjectedNoise, detourNs / 1e9), [detourAtNs]);
        var network = new Interconnect("test", 10e-6, oNs / 1e9, 0, 0, 10e-6, 0, Delivery.Polled, 1);
        var costs = new MessageCosts(network, _ => MessagePath.Free, ioCoreRunsRank: false);
        var labels = new BulkSynchronousWindow(2, 1_000 * Us, [costs.WireNs(false, 8)], true, 0, 1, 1, [detour], 1, coresPerNode: 2,
            sendNs: [costs.SendNs(false, 8)], receiveNs: [costs.ReceiveNs(false, 8)]);
        labels.Run();
        var schedule = new CommunicationSchedule(Allreduce(AllreduceAlgorithm.RecursiveDoubling, 8), 2, 2);
        var messages = new ScheduleWindow(schedule, costs, 2, 2, 1_000 * Us, 0, 1, 1, [detour], 1, relays: false);
        messages.Run();
        return (labels.EndNs, messages.EndNs);
    }

    [TestCase(2_000, 1_001_000, 5_000, 5_000)]   // inside rank 0's send: the whole detour
    [TestCase(2_000, 1_010_000, 4_000, 2_000)]   // from rank 0's wait into its receive (12–14 µs after compute): the overlap
    [TestCase(2_000, 1_013_000, 3_000, 3_000)]   // inside rank 0's receive (12–14 µs after compute)
    [TestCase(0, 1_001_000, 5_000, 0)]           // o = 0: a detour while the rank only waits is absorbed
    public void WithOverheadADetourDuringASendOrReceiveDelaysItByItsOverlap(long oNs, long atNs, long lengthNs, long expectedDelayNs)
    {
        var nominal = 1_000 * Us + 2 * oNs + 10 * Us;
        var (label, messages) = OneExchangeWithADetour(oNs, atNs, lengthNs);
        Assert.That(label - nominal, Is.EqualTo(expectedDelayNs), "the label front");
        Assert.That(messages - nominal, Is.EqualTo(expectedDelayNs), "the message-level window");
    }
}

/// <summary>The label front's costing of stages on nodes whose size is no power of two, against the message-level window on the same detours.</summary>
public class LabelFrontApproximationTests
{
    [TestCase("hafnium-linux-tuned")]
    [TestCase("native-linux-tuned")]
    public void ThreeRanksANodeCostLittleMoreExactlyThanTheFrontSays(string stackName)
    {
        // Tuned Linux keeps one of four cores: three ranks a node, so some pairs of the first two stages cross nodes.
        var stack = IsolationStack.BuiltIn.Single(s => s.Name == stackName);
        var soc = SocPresets.PineA64;
        var profile = JobProfiles.BspAllreduce with { Allreduce = AllreduceAlgorithm.RecursiveDoubling };
        const int ranks = 256;
        var front = Contexts.Shared.Job(new JobExecutionRequest(profile, stack, ranks, soc, WindowSeconds: 0.5, Seed: 4));

        var network = Interconnects.Hpc;
        var coresPerNode = stack.RankCores(soc);
        var costs = new MessageCosts(network, _ => MessagePath.Free, ioCoreRunsRank: false);
        var schedule = new CommunicationSchedule(profile, ranks, coresPerNode);
        var sources = stack.NoiseSources(profile, soc, null, network).Select(DetourSource.From).ToList();
        var computeNs = (long)Math.Round(profile.IterationSeconds * front.TranslationFactor * 1e9);
        var exact = new ScheduleWindow(schedule, costs, ranks, coresPerNode, computeNs, 500_000_000, JobExecution.MinIterations, JobExecution.MaxIterations,
            sources, 4, relays: false);
        exact.Run();
        var ideal = ScheduleWindow.NoiseFreeEnd(schedule, costs, ranks, coresPerNode, (long)Math.Round(profile.IterationSeconds * 1e9), exact.Iterations);
        var exactPct = 100.0 * (exact.EndNs - ideal) / ideal;
        TestContext.Out.WriteLine($"{stackName}, {ranks} ranks, 3 a node: label front {front.SlowdownPct:F4}%, message-level {exactPct:F4}%");
        Assert.That(front.SlowdownPct, Is.EqualTo(exactPct).Within(0.1 * exactPct + 0.002));
    }
}
