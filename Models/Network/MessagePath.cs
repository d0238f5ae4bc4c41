using NodeSim.Models.Isolation;
using NodeSim.Models.Costs;

namespace NodeSim.Models.Network;

/// <summary>
/// What one message between nodes costs beyond the wire, step by step, as a stack carries it on an
/// interrupt-driven interconnect, and on which core each step runs. Every step is work on a core:
/// <list type="bullet">
/// <item><see cref="Send"/>: on the sending core, in the sender's context (a system call into the network stack natively;
/// under Hafnium the hypercall, the copy and the primary's stack, on the vCPU's core).</item>
/// <item><see cref="InterruptCore"/>: on the node's interrupt core — the core the NIC's one interrupt line is routed to,
/// the node's first core, or a housekeeping core when the stack keeps one. Natively the kernel's interrupt handler and its
/// network stack (NAPI's softirq runs on the core that took the interrupt; with one receive queue and no RPS all receive
/// processing is there: Linux Documentation/networking/scaling.rst, "RSS", "RPS"); under Hafnium the primary's handler,
/// stack and relay.</item>
/// <item><see cref="TargetCore"/>: on the receiving core, before the receiver goes on (under Hafnium the forced exit, the
/// injection and the guest's handler; nothing natively, where the interrupt core's stack already delivered it).</item>
/// </list>
/// <see cref="Receive"/> is <see cref="InterruptCore"/> and <see cref="TargetCore"/> together: the receive path's length.
/// </summary>
public sealed record MessagePath(EventCost Send, EventCost InterruptCore, EventCost TargetCore)
{
    /// <summary>The receive path: the interrupt core's part, then the target core's.</summary>
    public EventCost Receive => InterruptCore.Plus(TargetCore);

    /// <summary>No cost beyond the wire: a polled interconnect, or a stack without any.</summary>
    public static readonly MessagePath Free = new(new EventCost(), new EventCost(), new EventCost());
}
