using NodeSim.Engine;
using NodeSim.Models.Isolation;
using NodeSim.Models.Network;
using NodeSim.Models.NodeKernels;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;
using NodeSim.Models.Costs;

namespace NodeSim.Tests.Isolation;

/// <summary>Issue 18's acceptance: the interconnect's closed forms, and the primary's relay as the ledger shows it.</summary>
public class InterconnectTests
{
    private static readonly SocPreset Pine = SocPresets.PineA64;

    /// <summary>A kernel that costs nothing: no tick, no threads, free interrupts and network stack, 2 MB pages.</summary>
    private static readonly NodeKernel Silent = NodeKernelPresets.Kitten with
    {
        Name = "silent", TickHz = 0, DaemonRatePerSecond = 0, IrqHandlerCycles = 0, NetTxCycles = 0, NetRxCycles = 0,
    };

    /// <summary>A fine-grained code whose stages carry a megabyte each, so G shows; recursive doubling named, not picked by size.</summary>
    private static readonly JobProfile Heavy = JobProfiles.BspAllreduce with { CollectiveBytes = 1 << 20, Allreduce = AllreduceAlgorithm.RecursiveDoubling };

    private static JobExecutionResult Job(IsolationStack stack, int ranks, SocPreset soc, Interconnect network, JobProfile? profile = null) =>
        Contexts.Shared.Job(new JobExecutionRequest(profile ?? Heavy, stack, ranks, soc, WindowSeconds: 0.1, Interconnect: network));

    [TestCase(2, 1)]    // a ping-pong between two nodes
    [TestCase(2, 4)]    // two ranks of one node: shared memory
    [TestCase(8, 4)]
    [TestCase(64, 4)]
    public void WithEveryCostZeroAStageCostsExactlyItsLatencyPlusGTimesBytes(int ranks, int coresPerNode)
    {
        var soc = Pine with { Cores = coresPerNode };
        var r = Job(new IsolationStack("silent", "a kernel that costs nothing", Silent), ranks, soc, Interconnects.GigeTcp);
        // Ranks fill nodes in order: stage s crosses nodes when its step 2^s reaches the ranks of a node; earlier ones use shared memory.
        var net = Interconnects.GigeTcp;
        var stages = Enumerable.Range(0, JobExecution.CollectiveStages(ranks))
            .Sum(s => (long)Math.Round(1e9 * ((1 << s) >= coresPerNode ? net.LatencySeconds + 8e-9 * (1 << 20) : net.SharedMemoryLatencySeconds + 0.5e-9 * (1 << 20))));
        Assert.That(r.SlowdownPct, Is.Zero);
        Assert.That(r.SimulatedSeconds, Is.EqualTo(r.Iterations * (1_000_000 + stages) / 1e9).Within(1e-12));
        Assert.That(r.Rate(Counter.WorldSwitches) + r.Rate(Counter.Hypercalls) + r.Rate(Counter.InjectedInterrupts), Is.Zero);
    }

    [Test]
    public void UnderHafniumEachMessageAddsTheRelayAsTheLedgerShowsIt()
    {
        // One core per node: every stage crosses nodes and no core relays for another, so each message costs exactly its path.
        var soc = Pine with { Cores = 1 };
        var stack = new IsolationStack("hafnium-silent", "Hafnium, silent kernels", Silent with { NetTxCycles = 15_000, NetRxCycles = 20_000 }, new Hafnium(), Silent);
        var r = Job(stack, 16, soc, Interconnects.GigeTcp, JobProfiles.BspAllreduce);
        var path = stack.MessagePath(Interconnects.GigeTcp, JobProfiles.BspAllreduce.CollectiveBytes, soc);
        var ideal = r.Iterations * (JobProfiles.BspAllreduce.IterationSeconds + 4 * (Interconnects.GigeTcp.LatencySeconds + 8e-9 * 8));
        double Expected(OverheadCause c) => 100 * r.Iterations * 4 * path.Total[c] / ideal;
        foreach (var cause in new[] { OverheadCause.WorldSwitches, OverheadCause.InterruptRouting, OverheadCause.NetworkStack, OverheadCause.MessageRelay })
            Assert.That(r.LedgerPct[cause], Is.EqualTo(Expected(cause)).Within(1e-3 * Expected(cause) + 1e-6), cause.ToString());
        Assert.That(r.SlowdownPct, Is.EqualTo(OverheadCauses.All.Sum(Expected)).Within(1e-3), "nothing but the messages' paths");
        // 4 stages × 16 messages per iteration, each 2 switches to send and 4 to receive (out of and into the first core's secondary, and the target's).
        Assert.That(r.Rate(Counter.WorldSwitches) * r.SimulatedSeconds, Is.EqualTo(r.Iterations * 4 * 16 * (2 + 4)).Within(1e-6));
    }

    [Test]
    public void ThePrimaryRelayingItsNodesMessagesHoldsTheFirstCoreAndTheCollectiveWaitsForIt()
    {
        // Four cores per node: the first core relays three other messages per stage between nodes; nothing else is noisy.
        var stack = new IsolationStack("hafnium-silent", "Hafnium, silent kernels", Silent with { NetTxCycles = 15_000, NetRxCycles = 20_000 }, new Hafnium(), Silent);
        var r = Job(stack, 64, Pine, Interconnects.GigeTcp, JobProfiles.BspAllreduce);
        var alone = Job(stack, 64, Pine with { Cores = 1 }, Interconnects.GigeTcp, JobProfiles.BspAllreduce);
        TestContext.Out.WriteLine($"64 ranks, 4 per node: {r.SlowdownPct:F2}% (relay amplified {r.AmplificationPct[OverheadCause.MessageRelay]:F2}); one per node: {alone.SlowdownPct:F2}%");
        Assert.That(r.LedgerPct[OverheadCause.CollectiveAmplification], Is.GreaterThan(0), "the relaying core is late and the collective waits for it");
        Assert.That(r.AmplificationPct[OverheadCause.MessageRelay] + r.AmplificationPct[OverheadCause.NetworkStack] + r.AmplificationPct[OverheadCause.InterruptRouting]
                    + r.AmplificationPct[OverheadCause.WorldSwitches], Is.EqualTo(r.LedgerPct[OverheadCause.CollectiveAmplification]).Within(1e-5 * (1 + r.SlowdownPct)),
            "the split agrees up to the make-up fractions' single precision");
        Assert.That(r.LedgerPct.Values.Sum(), Is.EqualTo(r.SlowdownPct).Within(1e-9));
        // A primary with a housekeeping core relays there: the ranks' cores are not held.
        var tuned = Job(stack with { Primary = stack.Primary! with { HousekeepingCores = 1 } }, 48, Pine, Interconnects.GigeTcp, JobProfiles.BspAllreduce);
        Assert.That(tuned.LedgerPct[OverheadCause.CollectiveAmplification], Is.Zero.Within(1e-9));
    }

    [Test]
    public void HpcIsTheDefaultAndCoalescingDividesThePerInterruptCosts()
    {
        var unnamed = Contexts.Shared.Job(new JobExecutionRequest(JobProfiles.BspAllreduce, IsolationStack.HafniumLinux, 64, Pine, Seed: 3));
        var named = Contexts.Shared.Job(new JobExecutionRequest(JobProfiles.BspAllreduce, IsolationStack.HafniumLinux, 64, Pine, Seed: 3, Interconnect: Interconnects.Hpc));
        Assert.That(named.SlowdownPct, Is.EqualTo(unnamed.SlowdownPct));
        Assert.That(named.LedgerPct[OverheadCause.NetworkStack] + named.LedgerPct[OverheadCause.MessageRelay], Is.Zero);
        var one = IsolationStack.HafniumKitten.MessagePath(Interconnects.GigeTcp, 8, Pine);
        var eight = IsolationStack.HafniumKitten.MessagePath(Interconnects.GigeTcp with { MessagesPerInterrupt = 8 }, 8, Pine);
        Assert.That(eight.Receive[OverheadCause.InterruptRouting], Is.LessThan(one.Receive[OverheadCause.InterruptRouting]));
        Assert.That(eight.Receive[OverheadCause.NetworkStack], Is.EqualTo(one.Receive[OverheadCause.NetworkStack]), "the stack still handles every message");
    }
}
