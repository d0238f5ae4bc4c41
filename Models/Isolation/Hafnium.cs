using NodeSim.Models.Network;
using NodeSim.Models.NodeKernels;
using NodeSim.Models.Parameters;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;
using NodeSim.Models.Costs;

namespace NodeSim.Models.Isolation;

/// <summary>
/// The Hafnium secure partition manager. Hafnium has no scheduler of its own: the primary VM's
/// kernel runs one thread per secondary vCPU that loops on FFA_RUN, and its scheduler decides when
/// that thread runs (see <see cref="NodeKernels.NodeKernel"/>). Every physical interrupt that
/// arrives while a secondary runs traps to Hafnium and returns to the primary; the primary's tick
/// does too; interrupts for a secondary are paravirtual (inject + run + virtual IRQ +
/// interrupt_get). Every VM, the primary included, runs with stage 2 on. The parameters:
/// <see cref="Catalogue"/>; the default of each and its source: <see cref="Preset"/>.
/// </summary>
public sealed record Hafnium(
    double WorldSwitchCycles = 2_000,
    double HypercallCycles = 400,
    int InjectionEl2Entries = 3,
    double PrimaryIrqRoutingCycles = 1_500,
    double MailboxCopyCyclesPerKiB = 300,
    double MemoryShareCyclesPerPage = 1_000,
    Stage2Mode Stage2 = Stage2Mode.Blocks2M,
    double IpiCycles = 1_000,
    IoOwnership IoOwnership = IoOwnership.Primary,
    DriverVmCore DriverVmCore = DriverVmCore.Shared) : IHypervisor
{
    public string Name => "hafnium";

    public static ParameterSet Catalogue { get; } = ParameterSet.For<Hafnium>("hypervisor (Hafnium)")
        .Number("world_switch_cycles", "cycles", 0, 1e7, "one-way VM switch: save/restore EL1 state, FP/SIMD and the virtual timer",
            h => h.WorldSwitchCycles, (h, v) => h with { WorldSwitchCycles = v })
        .Number("hypercall_cycles", "cycles", 0, 1e7, "one EL2 entry and return", h => h.HypercallCycles, (h, v) => h with { HypercallCycles = v })
        .Integer("injection_el2_entries", "1", 0, 100, "EL2 entries to deliver one paravirtual interrupt",
            h => h.InjectionEl2Entries, (h, v) => h with { InjectionEl2Entries = (int)v })
        .Number("primary_irq_routing_cycles", "cycles", 0, 1e7, "the primary's work to route one interrupt to a secondary (find the vCPU, inject)",
            h => h.PrimaryIrqRoutingCycles, (h, v) => h with { PrimaryIrqRoutingCycles = v })
        .Number("mailbox_copy_cycles_per_kib", "cycles/KiB", 0, 1e6, "copying a message through the RX/TX buffers",
            h => h.MailboxCopyCyclesPerKiB, (h, v) => h with { MailboxCopyCyclesPerKiB = v })
        .Number("memory_share_cycles_per_page", "cycles", 0, 1e7, "sharing a page: rewriting stage-2 entries of both VMs and invalidating TLBs",
            h => h.MemoryShareCyclesPerPage, (h, v) => h with { MemoryShareCyclesPerPage = v })
        .Number("ipi_cycles", "cycles", 0, 1e7, "signalling a vCPU on another core: sending the inter-processor interrupt and its delivery",
            h => h.IpiCycles, (h, v) => h with { IpiCycles = v })
        .Choice("io_ownership", "who owns the NIC: primary (it relays every message), passthrough (the manifest assigns it to the job's secondary; only its interrupts pass through the primary) or driver-vm (a Linux VM owns it and relays)",
            IoOwnerships.Names, h => h.IoOwnership, (h, v) => h with { IoOwnership = v })
        .Choice("driver_vm_core", "with io_ownership driver-vm, where the driver VM runs: shared (the node's first core, beside a rank) or dedicated (a core of its own, which runs no rank)",
            [("shared", DriverVmCore.Shared), ("dedicated", DriverVmCore.Dedicated)], h => h.DriverVmCore, (h, v) => h with { DriverVmCore = v })
        .Choice("stage2", "how VM memory is mapped at stage 2: an identity map from 4 KB pages, or 2 MB / 1 GB blocks where aligned",
            [("4k", Stage2Mode.Pages4K), ("2m", Stage2Mode.Blocks2M), ("1g", Stage2Mode.Blocks1G)], h => h.Stage2, (h, v) => h with { Stage2 = v })
        .Build();

    /// <summary>Hafnium's defaults and where each comes from.</summary>
    public static readonly Preset<IHypervisor> Preset = new("hafnium", "Hafnium, the reference secure partition manager (SPM)", new Hafnium(),
        new Dictionary<string, Source>
        {
            ["world_switch_cycles"] = Source.Cited("design guide §3.2: estimated 1,000–3,000 cycles one way on a Cortex-A53 (no published Hafnium figure); the middle", 1_000, 3_000),
            ["hypercall_cycles"] = Source.Cited("Dall et al., ISCA'16: a null hypercall round trip is 376 cycles on Xen/ARM (6,500 on KVM/ARM); 400 for a small type-1 SPM"),
            ["injection_el2_entries"] = Source.Cited("design guide: paravirtual injection costs ~3 EL2 entries (inject, run + virtual IRQ, interrupt_get)"),
            ["primary_irq_routing_cycles"] = Source.Assume("the primary's work to find the vCPU and inject; swept 500–5,000", 500, 5_000),
            ["mailbox_copy_cycles_per_kib"] = Source.Assume("≈ 3.4 bytes/cycle memcpy on a Cortex-A53, messages ≤ 4 KiB through RX/TX; swept 100–1,000 (10 down to 1 byte per cycle)", 100, 1_000),
            ["memory_share_cycles_per_page"] = Source.Assume("rewriting both VMs' stage-2 entries and invalidating TLBs; swept 500–5,000", 500, 5_000),
            ["stage2"] = Source.Cited("design guide §3.1: identity map with 2 MB and 1 GB blocks where aligned; 2 MB for partitions not 1 GB-aligned"),
            ["ipi_cycles"] = Source.Assume("a GIC software-generated interrupt: the send and the receiving core's exception entry, ~1 µs; swept 300–3,000", 300, 3_000),
            ["io_ownership"] = Source.Cited("design guide §3.3: under Hafnium the primary owns the devices and relays every message (the ROSS 2021 port's design)"),
            ["driver_vm_core"] = Source.Assume("the driver VM time-shares the node's first core, as the primary's relay does; dedicated costs a core per node"),
        });

    /// <summary>
    /// The Linux VM that owns the NIC under <see cref="IoOwnership.DriverVm"/>: its handler and network stack are Linux's defaults.
    /// Its own noise is not modelled beyond its work per message: with NO_HZ_IDLE (the default) an idle Linux VM takes no tick, and
    /// a driver VM is idle between messages; its daemons and tick while busy are an assumption left out.
    /// </summary>
    public static NodeKernel DriverVmKernel => NodeKernelPresets.Linux;

    /// <summary>Cores per node the hypervisor keeps from ranks: the driver VM's, when it has one of its own.</summary>
    public int DedicatedCores => IoOwnership == IoOwnership.DriverVm && DriverVmCore == DriverVmCore.Dedicated ? 1 : 0;

    public ParameterSet Parameters => Catalogue;

    public void Validate()
    {
        if (Stage2 == Stage2Mode.Off) throw new ParameterException("stage2 = off: Hafnium runs every VM with stage 2 on");
        if (DriverVmCore == DriverVmCore.Dedicated && IoOwnership != IoOwnership.DriverVm)
            throw new ParameterException("driver_vm_core = dedicated needs io_ownership = driver-vm: only a driver VM runs on a core of its own");
        Catalogue.Check(this);
    }

    public MessagePath MessagePath(NodeKernel primary, NodeKernel guest, Interconnect interconnect, int bytes, SocPreset soc)
    {
        double PerInterrupt(double cycles) => soc.Seconds(cycles) / interconnect.MessagesPerInterrupt;
        // Into and out of a secondary: through the mailbox up to 4 KiB, by sharing pages above.
        var copy = bytes <= 4096 ? MailboxCopyCyclesPerKiB * bytes / 1024.0 : Math.Ceiling(bytes / 4096.0) * MemoryShareCyclesPerPage;
        // The NIC's interrupt lands on the node's I/O core (its first, or one without ranks) and traps to the primary: out of the
        // secondary running there (none on a core without ranks), the primary's handler and routing.
        var ioCoreHasRank = !primary.HasHousekeeping && DedicatedCores == 0;
        var exits = ioCoreHasRank ? 2 : 0;
        var trap = new EventCost { WorldSwitches = exits }
            .Add(OverheadCause.WorldSwitches, exits * PerInterrupt(WorldSwitchCycles))
            .Add(OverheadCause.InterruptRouting, PerInterrupt(primary.IrqHandlerCycles) + soc.Seconds(PrimaryIrqRoutingCycles));
        // Injecting into a VM's vCPU: a switch out and back in, and the paravirtual injection's EL2 entries; per interrupt, or per message.
        EventCost Inject(Func<double, double> seconds) => new EventCost { WorldSwitches = 2, Hypercalls = InjectionEl2Entries, InjectedInterrupts = 1 }
            .Add(OverheadCause.WorldSwitches, 2 * seconds(WorldSwitchCycles) + InjectionEl2Entries * seconds(HypercallCycles));
        // On the receiving vCPU's core: the forced exit, the paravirtual injection, re-entry, the guest's handler.
        var injection = Inject(PerInterrupt).Add(OverheadCause.InterruptRouting, PerInterrupt(guest.IrqHandlerCycles));
        var none = new EventCost();
        switch (IoOwnership)
        {
            case IoOwnership.Passthrough:
            {
                // The NIC is the secondary's: its own stack sends, with no exit; the interrupt still traps to the primary, which
                // signals the vCPU's core and injects it; the guest's handler and stack take the message there.
                var send = new EventCost().Add(OverheadCause.NetworkStack, soc.Seconds(guest.NetTxCycles));
                var signal = trap.Plus(new EventCost().Add(OverheadCause.MessageRelay, soc.Seconds(IpiCycles)));
                return new MessagePath(send, none, signal, injection.Plus(new EventCost().Add(OverheadCause.NetworkStack, soc.Seconds(guest.NetRxCycles))));
            }
            case IoOwnership.DriverVm:
            {
                var driver = DriverVmKernel;
                // Entering the driver VM on the I/O core: the primary injects into its vCPU (a switch in and out, the injection).
                var enterDriver = Inject(soc.Seconds);
                // Send: the guest hands the message to the driver VM through the mailbox (a hypercall and the copy); the I/O core is
                // signalled (out of the secondary there when it shares the core), the driver VM is entered and Linux's stack sends.
                var send = new EventCost { Hypercalls = 1, MailboxMessages = 1 }
                    .Add(OverheadCause.WorldSwitches, soc.Seconds(HypercallCycles)).Add(OverheadCause.MessageRelay, soc.Seconds(copy));
                var wake = new EventCost { WorldSwitches = exits }
                    .Add(OverheadCause.WorldSwitches, exits * soc.Seconds(WorldSwitchCycles)).Add(OverheadCause.MessageRelay, soc.Seconds(IpiCycles));
                var sendRelay = wake.Plus(enterDriver).Plus(new EventCost().Add(OverheadCause.NetworkStack, soc.Seconds(driver.NetTxCycles)));
                // Receive: the primary takes the NIC's interrupt and forwards it into the driver VM, whose handler and stack take the
                // message and relay it into the secondary's mailbox, then signal the vCPU's core. Per interrupt, the forwarding is
                // shared by the messages it carries.
                var relay = trap.Plus(Inject(PerInterrupt)).Plus(new EventCost { MailboxMessages = 1 }
                    .Add(OverheadCause.InterruptRouting, PerInterrupt(driver.IrqHandlerCycles))
                    .Add(OverheadCause.NetworkStack, soc.Seconds(driver.NetRxCycles))
                    .Add(OverheadCause.MessageRelay, soc.Seconds(copy + IpiCycles)));
                return new MessagePath(send, sendRelay, relay, injection);
            }
            default:
            {
                // Send: the guest hands the message to the primary (a hypercall, the copy, a switch to the primary and back), whose stack sends it.
                var send = new EventCost { WorldSwitches = 2, Hypercalls = 1, MailboxMessages = 1 }
                    .Add(OverheadCause.WorldSwitches, soc.Seconds(2 * WorldSwitchCycles + HypercallCycles)).Add(OverheadCause.MessageRelay, soc.Seconds(copy))
                    .Add(OverheadCause.NetworkStack, soc.Seconds(primary.NetTxCycles));
                // Receive: the primary's handler, its stack, the relay (the copy, the signal to the vCPU's core).
                var relay = trap.Plus(new EventCost { MailboxMessages = 1 }
                    .Add(OverheadCause.NetworkStack, soc.Seconds(primary.NetRxCycles))
                    .Add(OverheadCause.MessageRelay, soc.Seconds(copy + IpiCycles)));
                return new MessagePath(send, none, relay, injection);
            }
        }
    }

    public IEnumerable<NoiseSource> NoiseSources(NodeKernel primary, NodeKernel guest, JobProfile profile, SocPreset soc)
    {
        var exitAndReenter = 2 * soc.Seconds(WorldSwitchCycles);
        var injection = InjectionEl2Entries * soc.Seconds(HypercallCycles);
        // The primary's tick fires while the secondary runs: exit to the primary, its handler, re-enter.
        // A measured trace of the primary's machine: each detour takes the core from the vCPU, an exit and a re-entry around it.
        // The guest's, inside the VM, costs no switch. The same stream as on bare metal, so the two stacks replay the same detours.
        if (primary.Measured is { } pm)
            yield return new NoiseSource.Measured("primary measured noise", pm, new EventCost { WorldSwitches = 2 }.Add(OverheadCause.WorldSwitches, exitAndReenter))
                { Stream = "measured noise" };
        if (guest.Measured is { } gm) yield return new NoiseSource.Measured("guest measured noise", gm, new EventCost());
        // It is the primary kernel's own tick, on bare metal its "tick": the same stream, so the two stacks' ticks share their phases.
        if (primary.ParametricNoise)
            yield return new NoiseSource.Periodic("primary tick", primary.TickHz, false, new EventCost { WorldSwitches = 2 }
                .Add(OverheadCause.WorldSwitches, exitAndReenter).Add(OverheadCause.TickNoise, soc.Seconds(primary.TickHandlerCycles))
                .Add(OverheadCause.Pollution, soc.Seconds(primary.PollutionCycles))) { Stream = "tick" };
        // The guest's virtual-timer tick bounces through the primary and comes back as an injection.
        if (guest.ParametricNoise)
            yield return new NoiseSource.Periodic("guest tick", guest.TickHz, false, new EventCost { WorldSwitches = 2, Hypercalls = InjectionEl2Entries, InjectedInterrupts = 1 }
                .Add(OverheadCause.WorldSwitches, exitAndReenter + injection).Add(OverheadCause.InterruptRouting, soc.Seconds(PrimaryIrqRoutingCycles))
                .Add(OverheadCause.TickNoise, soc.Seconds(guest.TickHandlerCycles)).Add(OverheadCause.Pollution, soc.Seconds(guest.PollutionCycles)));
        // The primary's scheduler: a thread of its own that wakes on this core (a daemon, a kworker, softirq work) preempts
        // the vCPU thread (CFS wake-up preemption): exit, the thread's run, re-entry. While it runs the vCPU is descheduled —
        // the scheduling delay. A kernel with none (Kitten), or one that keeps them on a housekeeping core, re-runs the vCPU at once.
        if (!primary.HasHousekeeping && primary.ParametricNoise)
            yield return new NoiseSource.Poisson("primary threads", primary.DaemonRatePerSecond, new EventCost { WorldSwitches = 2 }
                .Add(OverheadCause.WorldSwitches, exitAndReenter).Add(OverheadCause.Pollution, soc.Seconds(primary.PollutionCycles)),
                OverheadCause.SchedulingDelay, primary.DaemonMedianSeconds, primary.DaemonLogSigma) { Stream = "daemons" };   // the kernel's threads: on bare metal its "daemons"

        // Daemons of the guest kernel run on the vCPU itself.
        if (guest.ParametricNoise)
            yield return new NoiseSource.Poisson("guest daemons", guest.DaemonRatePerSecond,
                new EventCost().Add(OverheadCause.Pollution, soc.Seconds(guest.PollutionCycles)), OverheadCause.DaemonNoise, guest.DaemonMedianSeconds, guest.DaemonLogSigma);
        // Device interrupts: trap to Hafnium, the primary routes, paravirtual injection, the guest's handler. A primary with a
        // housekeeping core takes the interrupt and routes it there; the vCPU's core still exits for the injection.
        var routing = primary.HasHousekeeping ? 0 : PrimaryIrqRoutingCycles + primary.IrqHandlerCycles;
        yield return new NoiseSource.Poisson(NoiseSource.DeviceInterrupts, profile.DeviceInterruptsPerSecond, new EventCost { WorldSwitches = 2, Hypercalls = InjectionEl2Entries, InjectedInterrupts = 1 }
            .Add(OverheadCause.WorldSwitches, exitAndReenter + injection)
            .Add(OverheadCause.InterruptRouting, soc.Seconds(routing + guest.IrqHandlerCycles)));
        // Messages: up to 4 KiB through the mailbox (send hypercall + copy + the receiver's retrieve); larger ones by memory sharing.
        var pages = Math.Ceiling(profile.MessageBytes / 4096.0);
        var messageCycles = profile.MessageBytes <= 4096
            ? 2 * HypercallCycles + MailboxCopyCyclesPerKiB * profile.MessageBytes / 1024.0
            : 4 * HypercallCycles + pages * MemoryShareCyclesPerPage;
        yield return new NoiseSource.Poisson("mailbox messages", profile.MessagesPerSecond,
            new EventCost { Hypercalls = profile.MessageBytes <= 4096 ? 2 : 4, MailboxMessages = 1 }.Add(OverheadCause.WorldSwitches, soc.Seconds(messageCycles)));
    }
}
