using NodeSim.Models.Isolation;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Tests.Models;

/// <summary>The stack → noise-source table, read directly off the models: which sources interrupt a rank, in which order, costing what.</summary>
public class NoiseSourceTableTests
{
    private static readonly SocPreset Pine = SocPresets.PineA64;

    [TestCase("ideal", new string[0])]
    [TestCase("native-linux", new[] { "tick", "daemons", "device interrupts" })]
    [TestCase("native-kitten", new[] { "tick", "device interrupts" })]
    [TestCase("hafnium-linux", new[] { "primary tick", "guest tick", "primary daemons", "device interrupts", "mailbox messages", "scheduling delay" })]
    [TestCase("hafnium-kitten", new[] { "primary tick", "guest tick", "device interrupts", "mailbox messages" })]
    public void EachStackHasItsSourcesInOrderAndNoInactiveOnes(string stack, string[] names)
    {
        var sources = IsolationStack.Registry.Get(stack).NoiseSources(JobProfiles.Io, Pine);
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
    public void ALinuxPrimaryDelaysTheVcpuInProportionToItsForcedExits()
    {
        var delay = (NoiseSource.Poisson)IsolationStack.HafniumLinux.NoiseSources(JobProfiles.Io, Pine).Single(s => s.Name == "scheduling delay");
        // exits per second: primary tick 250 + guest tick 1 + primary daemons 5 + device interrupts 1,000; 2% preempt.
        Assert.That(delay.RatePerSecond, Is.EqualTo((250 + 1 + 5 + 1000) * 0.02).Within(1e-9));
        Assert.That(delay.DurationCause, Is.EqualTo(OverheadCause.SchedulingDelay));
    }
}
