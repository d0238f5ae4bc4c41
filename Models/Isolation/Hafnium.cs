using NodeSim.Models.Soc;

namespace NodeSim.Models.Isolation;

/// <summary>
/// The Hafnium secure partition manager's costs. Hafnium has no scheduler of its own: the primary
/// VM's kernel runs one thread per secondary vCPU that loops on FFA_RUN. Every physical interrupt
/// that arrives while a secondary runs traps to Hafnium and returns to the primary; the primary's
/// tick does too; interrupts for a secondary are paravirtual (inject + run + virtual IRQ +
/// interrupt_get). Every VM, the primary included, runs with stage 2 on.
/// </summary>
/// <param name="WorldSwitchCycles">One-way VM switch: save/restore EL1 state, FP/SIMD and the virtual timer.
/// Design guide: an estimated 1,000–3,000 cycles on a Cortex-A53 (no published Hafnium figure); default the middle.</param>
/// <param name="HypercallCycles">One EL2 entry and return. Dall et al. (ISCA'16): a null hypercall round trip costs 376 cycles on Xen/ARM,
/// the closest design to a small type-1 SPM; 400 assumed.</param>
/// <param name="InjectionEl2Entries">EL2 entries to deliver one paravirtual interrupt (design guide: ~3).</param>
/// <param name="PrimaryIrqRoutingCycles">The primary's work to route one interrupt to a secondary (find the vCPU, inject): assumed 1,500.</param>
/// <param name="MailboxCopyCyclesPerKiB">Copying a message through the RX/TX buffers: assumed ≈ 3.4 bytes/cycle on an A53 memcpy.</param>
/// <param name="MemoryShareCyclesPerPage">Sharing a page (rewrite stage-2 entries of both VMs, TLB invalidation): assumed.</param>
/// <param name="Stage2">How Hafnium maps VM memory: identity, with 2 MB blocks where aligned (1 GB blocks need 1 GB-aligned partitions).</param>
public sealed record Hafnium(
    double WorldSwitchCycles = 2_000,
    double HypercallCycles = 400,
    int InjectionEl2Entries = 3,
    double PrimaryIrqRoutingCycles = 1_500,
    double MailboxCopyCyclesPerKiB = 300,
    double MemoryShareCyclesPerPage = 1_000,
    Stage2Mode Stage2 = Stage2Mode.Blocks2M)
{
    /// <summary>Where each default comes from (what <c>nodesim stacks</c> prints).</summary>
    public static readonly IReadOnlyDictionary<string, string> Sources = new Dictionary<string, string>
    {
        ["world_switch_cycles"] = "design guide §3.2: estimated 1,000–3,000 cycles one way on a Cortex-A53 (no published Hafnium figure); the middle",
        ["hypercall_cycles"] = "Dall et al., ISCA'16: a null hypercall round trip is 376 cycles on Xen/ARM (6,500 on KVM/ARM); 400 assumed for a small type-1 SPM",
        ["injection_el2_entries"] = "design guide: paravirtual injection costs ~3 EL2 entries (inject, run + virtual IRQ, interrupt_get)",
        ["primary_irq_routing_cycles"] = "assumed: the primary's work to find the vCPU and inject",
        ["mailbox_copy_cycles_per_kib"] = "assumed: ≈ 3.4 bytes/cycle memcpy on a Cortex-A53, messages ≤ 4 KiB through RX/TX",
        ["memory_share_cycles_per_page"] = "assumed: rewriting both VMs' stage-2 entries and invalidating TLBs",
        ["stage2"] = "design guide §3.1: identity map with 2 MB and 1 GB blocks where aligned; 2 MB for partitions not 1 GB-aligned",
    };

    public void Validate()
    {
        foreach (var (name, v) in new[] { (nameof(WorldSwitchCycles), WorldSwitchCycles), (nameof(HypercallCycles), HypercallCycles),
                     (nameof(PrimaryIrqRoutingCycles), PrimaryIrqRoutingCycles), (nameof(MailboxCopyCyclesPerKiB), MailboxCopyCyclesPerKiB),
                     (nameof(MemoryShareCyclesPerPage), MemoryShareCyclesPerPage) })
            if (!(v >= 0) || double.IsInfinity(v)) throw new ArgumentOutOfRangeException(name, v, $"{name} must be a non-negative number");
        if (InjectionEl2Entries < 0) throw new ArgumentOutOfRangeException(nameof(InjectionEl2Entries), InjectionEl2Entries, "must not be negative");
        if (Stage2 == Stage2Mode.Off) throw new ArgumentOutOfRangeException(nameof(Stage2), Stage2, "Hafnium runs every VM with stage 2 on");
    }
}
