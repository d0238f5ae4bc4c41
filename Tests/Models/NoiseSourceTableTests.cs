using NodeSim.Models.Isolation;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;
using NodeSim.Models.Costs;

namespace NodeSim.Tests.Models;

/// <summary>The stack → noise-source table, read directly off the models: which sources interrupt a rank, in which order, costing what.</summary>
public class NoiseSourceTableTests
{
    private static readonly SocPreset Pine = SocPresets.PineA64;

    [TestCase("ideal", new string[0])]
    [TestCase("native-linux", new[] { "tick", "daemons", "device interrupts" })]
    [TestCase("native-kitten", new[] { "tick", "device interrupts" })]
    [TestCase("hafnium-linux", new[] { "primary tick", "guest tick", "primary threads", "device interrupts", "mailbox messages" })]
    [TestCase("hafnium-kitten", new[] { "primary tick", "guest tick", "device interrupts", "mailbox messages" })]
    public void EachStackHasItsSourcesInOrderAndNoInactiveOnes(string stack, string[] names)
    {
        var sources = Contexts.Models.Stacks.Get(stack).NoiseSources(JobProfiles.Io, Pine);
        Assert.That(sources.Select(s => s.Name), Is.EqualTo(names));
    }

    [Test]
    public void AComputeJobHasNoDeviceInterruptsOrMessagesAndInjectedNoiseComesFirst()
    {
        var sources = IsolationStack.HafniumKitten.NoiseSources(JobProfiles.Compute, Pine, new InjectedNoise(10, 2.5e-3, false));
        Assert.That(sources.Select(s => s.Name), Is.EqualTo(new[] { "injected", "primary tick", "guest tick" }));
        Assert.That(sources[0].Cost[OverheadCause.InjectedNoise], Is.EqualTo(2.5e-3));
    }

    [Test]
    public void AForcedExitUnderHafniumCostsTwoWorldSwitchesAtTheSocClock()
    {
        var tick = IsolationStack.HafniumKitten.NoiseSources(JobProfiles.Compute, Pine).Single(s => s.Name == "primary tick");
        Assert.That(tick.Cost.WorldSwitches, Is.EqualTo(2));
        Assert.That(tick.Cost[OverheadCause.WorldSwitches], Is.EqualTo(2 * 2_000 / Pine.FrequencyHz).Within(1e-18));
        var guestTick = IsolationStack.HafniumKitten.NoiseSources(JobProfiles.Compute, Pine).Single(s => s.Name == "guest tick");
        Assert.That(guestTick.Cost.InjectedInterrupts, Is.EqualTo(1));
        Assert.That(guestTick.Cost.Hypercalls, Is.EqualTo(3));
    }

    [Test]
    public void ALinuxPrimaryDeschedulesTheVcpuOnlyForItsOwnThreads()
    {
        // CFS wake-up preemption: each of the primary's threads that wakes on the core takes it from the vCPU thread,
        // with the exit and re-entry; nothing else delays the vCPU (no chance per forced exit).
        var sources = IsolationStack.HafniumLinux.NoiseSources(JobProfiles.Io, Pine);
        var threads = (NoiseSource.Poisson)sources.Single(s => s.Name == "primary threads");
        Assert.That(threads.RatePerSecond, Is.EqualTo(NodeSim.Models.NodeKernels.NodeKernelPresets.Linux.DaemonRatePerSecond));
        Assert.That(threads.DurationCause, Is.EqualTo(OverheadCause.SchedulingDelay));
        Assert.That(threads.Cost.WorldSwitches, Is.EqualTo(2));
        Assert.That(sources.Count(s => s is NoiseSource.Poisson { DurationCause: OverheadCause.SchedulingDelay }), Is.EqualTo(1));
        // Kitten has no threads to run: its vCPU thread re-enters at once.
        Assert.That(IsolationStack.HafniumKitten.NoiseSources(JobProfiles.Io, Pine).Where(s => s.Name == "primary threads"), Is.Empty);
        // A tuned primary keeps its threads on the housekeeping core and routes device interrupts there.
        var tuned = IsolationStack.HafniumLinuxTuned.NoiseSources(JobProfiles.Io, Pine);
        Assert.That(tuned.Where(s => s.Name == "primary threads"), Is.Empty);
        var irq = tuned.Single(s => s.Name == "device interrupts");
        Assert.That(irq.Cost[OverheadCause.InterruptRouting], Is.EqualTo(NodeSim.Models.NodeKernels.NodeKernelPresets.Kitten.IrqHandlerCycles / Pine.FrequencyHz).Within(1e-15),
            "only the guest's handler stays on the vCPU's core");
    }
}
