using NodeSim.Engine;
using NodeSim.Models.Costs;
using NodeSim.Models.Isolation;
using NodeSim.Models.Network;
using NodeSim.Models.Parameters;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Tests.Isolation;

/// <summary>Issue 28: who owns the NIC under Hafnium — the primary, the job's secondary, or a Linux driver VM — and what each message then costs.</summary>
public class IoOwnershipTests
{
    private static readonly SocPreset Pine = SocPresets.PineA64;

    private static IsolationStack With(IsolationStack stack, IoOwnership ownership, DriverVmCore core = DriverVmCore.Shared) =>
        stack with { Hypervisor = ((Hafnium)stack.Hypervisor!) with { IoOwnership = ownership, DriverVmCore = core } };

    private static MessagePath Path(IsolationStack stack) => stack.MessagePath(Interconnects.GigeTcp, 8, Pine);

    [Test]
    public void PrimaryOwnershipIsTheRelayAsBefore()
    {
        var path = Path(IsolationStack.HafniumLinux);
        Assert.That(path.SendRelay.Total, Is.Zero);
        Assert.That(path.Send[OverheadCause.NetworkStack], Is.EqualTo(Pine.Seconds(15_000)).Within(1e-15), "the primary's stack sends, on the vCPU's core");
        Assert.That(path.InterruptCore[OverheadCause.NetworkStack], Is.EqualTo(Pine.Seconds(20_000)).Within(1e-15), "the primary's stack receives, on the I/O core");
        Assert.That(path.Total.Count(Counter.MailboxMessages), Is.EqualTo(2), "into the primary and out to the secondary");
    }

    [Test]
    public void PassthroughRunsTheGuestsStackAndOnlyTheInterruptPassesThroughThePrimary()
    {
        var path = Path(With(IsolationStack.HafniumLinux, IoOwnership.Passthrough));
        var guest = IsolationStack.HafniumLinux.Guest!;
        Assert.That(path.Send[OverheadCause.NetworkStack], Is.EqualTo(Pine.Seconds(guest.NetTxCycles)).Within(1e-15));
        Assert.That(path.Send.Count(Counter.WorldSwitches) + path.Send.Count(Counter.Hypercalls), Is.Zero, "the guest drives its own NIC");
        Assert.That(path.TargetCore[OverheadCause.NetworkStack], Is.EqualTo(Pine.Seconds(guest.NetRxCycles)).Within(1e-15), "the guest's stack, on its core");
        Assert.That(path.InterruptCore[OverheadCause.NetworkStack], Is.Zero, "the primary only forwards the interrupt");
        Assert.That(path.Total.Count(Counter.MailboxMessages), Is.Zero, "no copy through the mailbox");
        Assert.That(path.Total.Total, Is.LessThan(Path(IsolationStack.HafniumLinux).Total.Total));
    }

    [Test]
    public void UnderADriverVmThePrimaryNoLongerRunsTheStackSoBothPrimariesPayLinuxs()
    {
        var linux = Path(With(IsolationStack.HafniumLinux, IoOwnership.DriverVm));
        var kitten = Path(With(IsolationStack.HafniumKitten, IoOwnership.DriverVm));
        Assert.That(kitten.Total[OverheadCause.NetworkStack], Is.EqualTo(linux.Total[OverheadCause.NetworkStack]));
        Assert.That(linux.Total[OverheadCause.NetworkStack], Is.EqualTo(Pine.Seconds(Hafnium.DriverVmKernel.NetTxCycles + Hafnium.DriverVmKernel.NetRxCycles)).Within(1e-15));
        Assert.That(linux.SendRelay[OverheadCause.NetworkStack], Is.GreaterThan(0), "the driver VM sends for the rank, on the I/O core");
        // What differs is the primary's handler forwarding the interrupt.
        Assert.That(kitten.InterruptCore[OverheadCause.InterruptRouting], Is.LessThan(linux.InterruptCore[OverheadCause.InterruptRouting]));
    }

    [Test]
    public void ADedicatedDriverVmCoreRunsNoRankAndHoldsNone()
    {
        var dedicated = With(IsolationStack.HafniumKitten, IoOwnership.DriverVm, DriverVmCore.Dedicated);
        Assert.That(dedicated.HousekeepingCores, Is.EqualTo(1));
        Assert.That(dedicated.RankCores(Pine), Is.EqualTo(3));
        var request = new JobExecutionRequest(JobProfiles.BspAllreduce, dedicated, 48, Pine, WindowSeconds: 0.2, Interconnect: Interconnects.GigeTcp);
        var r = Contexts.Shared.Job(request);
        var shared = Contexts.Shared.Job(request with { Stack = With(IsolationStack.HafniumKitten, IoOwnership.DriverVm), Ranks = 64 });
        TestContext.Out.WriteLine($"driver VM dedicated {r.SlowdownPct:F2}% (48 ranks), shared {shared.SlowdownPct:F2}% (64 ranks)");
        Assert.That(shared.AmplificationPct[OverheadCause.NetworkStack], Is.GreaterThan(0), "on a shared core the relay holds a rank and the collective waits");
        Assert.That(r.AmplificationPct[OverheadCause.NetworkStack] + r.AmplificationPct[OverheadCause.MessageRelay], Is.Zero.Within(1e-9),
            "no rank's core relays: the relay no longer holds the collective");
    }

    [Test]
    public void ADedicatedCoreWithoutADriverVmIsRefused()
    {
        var h = new Hafnium() with { DriverVmCore = DriverVmCore.Dedicated };
        Assert.That(h.Validate, Throws.TypeOf<ParameterException>().With.Message.Contains("io_ownership = driver-vm"));
    }
}
