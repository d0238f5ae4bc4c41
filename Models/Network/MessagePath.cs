using NodeSim.Models.Isolation;
using NodeSim.Models.Costs;

namespace NodeSim.Models.Network;

/// <summary>
/// What one message between nodes costs beyond the wire, step by step, as a stack carries it on an
/// interrupt-driven interconnect, and on which core each step runs. Every step is work on a core:
/// <list type="bullet">
/// <item><see cref="Send"/>: on the sending core, in the sender's context (a system call into the network stack natively;
/// under Hafnium with the primary owning the NIC the hypercall, the copy and the primary's stack, on the vCPU's core). It is
/// part of the sender's LogGP overhead o: a detour during it delays the message.</item>
/// <item><see cref="SendRelay"/>: on the sending node's I/O core, when another VM sends for the rank (a driver VM's stack).</item>
/// <item><see cref="InterruptCore"/>: on the receiving node's I/O core — the core the NIC's one interrupt line is routed to,
/// the node's first core, or a core without ranks when the stack keeps one. Natively the kernel's interrupt handler and its
/// network stack (NAPI's softirq runs on the core that took the interrupt; with one receive queue and no RPS all receive
/// processing is there: Linux Documentation/networking/scaling.rst, "RSS", "RPS"); under Hafnium the primary's handler,
/// and the stack and relay of whichever VM owns the NIC.</item>
/// <item><see cref="TargetCore"/>: on the receiving core, before the receiver goes on (under Hafnium the forced exit, the
/// injection and the guest's handler, and its stack when the guest owns the NIC). Part of the receiver's o.</item>
/// </list>
/// <see cref="Receive"/> is <see cref="InterruptCore"/> and <see cref="TargetCore"/> together: the receive path's length.
/// </summary>
public sealed record MessagePath(EventCost Send, EventCost SendRelay, EventCost InterruptCore, EventCost TargetCore)
{
    /// <summary>The receive path: the interrupt core's part, then the target core's.</summary>
    public EventCost Receive => InterruptCore.Plus(TargetCore);

    /// <summary>What the I/O cores do for one message: the sending node's relay and the receiving node's interrupt work.</summary>
    public EventCost IoCores => SendRelay.Plus(InterruptCore);

    /// <summary>Every step: what the message costs beyond the wire, on whichever cores.</summary>
    public EventCost Total => Send.Plus(IoCores).Plus(TargetCore);

    /// <summary>No cost beyond the wire: a polled interconnect, or a stack without any.</summary>
    public static readonly MessagePath Free = new(new EventCost(), new EventCost(), new EventCost(), new EventCost());
}
