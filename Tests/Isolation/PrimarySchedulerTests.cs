using MathNet.Numerics.Statistics;
using NodeSim.Engine;
using NodeSim.Models.Isolation;
using NodeSim.Models.NodeKernels;
using NodeSim.Models.Scheduling;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;
using NodeSim.Models.Costs;

namespace NodeSim.Tests.Isolation;

/// <summary>
/// Issue 17's acceptance: the primary's scheduler as a mechanism (no chance per forced exit), and the
/// fair baselines — Hafnium with every cost zero equals the native stack, the tick's cost is what the
/// ledger says, tuned Linux lies between Linux and Kitten, and housekeeping cores cost a replay capacity.
/// </summary>
public class PrimarySchedulerTests
{
    private static readonly SocPreset Pine = SocPresets.PineA64;

    private static List<JobExecutionResult> Runs(IsolationStack stack, int ranks, int seeds = 6, double window = 1) =>
        [.. Enumerable.Range(1, seeds).Select(s => Contexts.Shared.Job(new JobExecutionRequest(JobProfiles.BspAllreduce, stack, ranks, Pine, Seed: (ulong)s, WindowSeconds: window)))];

    /// <summary>Hafnium that costs nothing: no switch, hypercall, injection, routing, copy or sharing cost; stage 2 still on.</summary>
    private static IsolationStack FreeHafnium(NodeKernel primary) =>
        new($"hafnium-free-{primary.Name}", "Hafnium with every cost zero", primary,
            new Hafnium(WorldSwitchCycles: 0, HypercallCycles: 0, InjectionEl2Entries: 0, PrimaryIrqRoutingCycles: 0, MailboxCopyCyclesPerKiB: 0, MemoryShareCyclesPerPage: 0),
            // A guest that adds no noise and maps memory as the primary does.
            NodeKernelPresets.Kitten with { TickHz = 0, IrqHandlerCycles = 0, Pages = primary.Pages });

    [TestCase("linux")]
    [TestCase("kitten")]
    public void HafniumWithEveryCostZeroGivesTheNativeStacksSlowdown(string kernel)
    {
        var primary = Contexts.Models.NodeKernels.Get(kernel).Model;
        var native = Runs(new IsolationStack($"native-{kernel}", "native", primary), 1024).Select(r => r.SlowdownPct).ToList();
        var free = Runs(FreeHafnium(primary), 1024).Select(r => r.SlowdownPct).ToList();
        var half = 2.6 * Math.Sqrt(native.Variance() / native.Count + free.Variance() / free.Count);   // t at 99% with ~10 degrees of freedom
        TestContext.Out.WriteLine($"{kernel}: native {native.Mean():F3}% ± {native.StandardDeviation():F3}, free Hafnium {free.Mean():F3}% ± {free.StandardDeviation():F3}");
        Assert.That(free.Mean(), Is.EqualTo(native.Mean()).Within(half + 0.01), "stage 2 with 2 MB blocks adds only a little translation");
    }

    [Test]
    public void LinuxTickFrom100To1000HzCostsWhatTheLedgerSays()
    {
        // 900 more ticks a second, each a handler and as much again of pollution (7,000 cycles), and under Hafnium two world switches.
        double Seconds(double cycles) => cycles / Pine.FrequencyHz;
        var tickCost = 100 * 900 * Seconds(NodeKernelPresets.Linux.TickHandlerCycles + NodeKernelPresets.Linux.PollutionCycles);
        var switchCost = 100 * 900 * Seconds(2 * new Hafnium().WorldSwitchCycles);
        foreach (var stack in new[] { IsolationStack.NativeLinux, IsolationStack.HafniumLinux })
        {
            List<JobExecutionResult> At(double hz) => Runs(stack with { Name = $"{stack.Name}-{hz}hz", Primary = NodeKernelPresets.Linux with { TickHz = hz } }, 64, seeds: 8);
            var (slow, fast) = (At(100), At(1000));
            double Delta(Func<JobExecutionResult, double> part) => fast.Average(part) - slow.Average(part);
            var overhead = Delta(r => r.SlowdownPct);
            var direct = Delta(r => r.LedgerPct[OverheadCause.TickNoise] + r.LedgerPct[OverheadCause.Pollution]);
            var switches = Delta(r => r.LedgerPct[OverheadCause.WorldSwitches]);
            var tickParts = direct + switches + Delta(r => r.AmplificationPct[OverheadCause.TickNoise] + r.AmplificationPct[OverheadCause.Pollution]
                                                           + r.AmplificationPct[OverheadCause.WorldSwitches]);
            // What is left moved with the daemons' amplification only: within its noise over the seeds.
            var daemons = slow.Concat(fast).Select(r => r.AmplificationPct[OverheadCause.DaemonNoise] + r.AmplificationPct[OverheadCause.SchedulingDelay]).ToList();
            var noise = 3 * daemons.StandardDeviation() * Math.Sqrt(2.0 / slow.Count);
            TestContext.Out.WriteLine($"{stack.Name}: +{overhead:F3} points; tick handler and pollution +{direct:F3} (expected {tickCost:F3}), " +
                                      $"world switches +{switches:F3} (expected {(stack.Hypervisor is null ? 0 : switchCost):F3}), all tick parts +{tickParts:F3}");
            Assert.That(direct, Is.EqualTo(tickCost).Within(0.2 * tickCost));
            Assert.That(switches, Is.EqualTo(stack.Hypervisor is null ? 0 : switchCost).Within(0.1 * switchCost));
            Assert.That(overhead, Is.EqualTo(tickParts).Within(noise));
        }
    }

    [Test]
    public void TunedLinuxLiesBetweenLinuxAndKitten()
    {
        foreach (var ranks in new[] { 1024, 16_384 })
        {
            double Mean(IsolationStack stack) => Runs(stack, ranks, seeds: 2, window: 0.5).Average(r => r.SlowdownPct);
            var (linux, tuned, kitten) = (Mean(IsolationStack.NativeLinux), Mean(IsolationStack.NativeLinuxTuned), Mean(IsolationStack.NativeKitten));
            TestContext.Out.WriteLine($"{ranks} ranks: native-linux {linux:F3}%, native-linux-tuned {tuned:F4}%, native-kitten {kitten:F4}%");
            Assert.That(tuned, Is.InRange(kitten, linux));
            Assert.That(tuned, Is.LessThan(linux / 10), "tuning removes the daemons that make Linux's loss at scale");
        }
    }

    [Test]
    public void AReplayedJobOnATunedStackSpreadsItsWorkOverTheCoresLeft()
    {
        // A Pine A64 node keeps one of its four cores for housekeeping: a job's work per node runs on three.
        var slowdown = new StackSlowdown(IsolationStack.NativeLinuxTuned, Pine, WorkloadMix.Only(JobProfiles.Compute), 1, Contexts.Shared,
            accounting: HousekeepingAccounting.Spread);
        var job = new BatchJob(0, 1, 0, 100, 100, 8, nodes: 2);
        var cost = slowdown.Cost(job);
        var window = Contexts.Shared.Job(new JobExecutionRequest(JobProfiles.Compute, IsolationStack.NativeLinuxTuned, 8, Pine, Seed: 1,
            WindowSeconds: StackSlowdown.DefaultWindowSeconds));
        Assert.That(cost.Ranks, Is.EqualTo(2 * 3), "two nodes of three rank cores (simulated as 8 ranks, the next power of two)");
        Assert.That(cost.Factor, Is.EqualTo(window.Factor * 4 / 3).Within(1e-12));
        Assert.That(cost.Execution!.LedgerPct[OverheadCause.HousekeepingCores], Is.EqualTo(100 * window.Factor / 3).Within(1e-9));
        Assert.That(cost.Execution.LedgerPct.Values.Sum(), Is.EqualTo(cost.Execution.SlowdownPct).Within(1e-9));
        Assert.That(new StackSlowdown(IsolationStack.NativeLinux, Pine, WorkloadMix.Only(JobProfiles.Compute), 1, Contexts.Shared).Cost(job).Ranks, Is.EqualTo(8));
        // Placed on more nodes instead (the default): its 8 ranks, one per application core, on 3 nodes, as fast as the window.
        var more = new StackSlowdown(IsolationStack.NativeLinuxTuned, Pine, WorkloadMix.Only(JobProfiles.Compute), 1, Contexts.Shared);
        Assert.That(more.Place(job), Is.EqualTo(new Placement(3, 2, 1)));
        Assert.That(more.Cost(job).Factor, Is.EqualTo(window.Factor).Within(1e-12));
    }
}
