using NodeSim.Models.Isolation;
using NodeSim.Models.Costs;

namespace NodeSim.Models.Network;

/// <summary>
/// What one message between nodes costs beyond the wire, step by step, as a stack carries it on an
/// interrupt-driven interconnect. <see cref="Send"/> and <see cref="Receive"/> lie on the message's
/// path (the receiver cannot go on before them); <see cref="Relay"/> is the work a hypervisor's
/// primary does on the node's first core for each message it relays to another core (that core's
/// rank loses it), null on bare metal, where each core takes its own messages.
/// </summary>
/// <param name="TargetCore">The part of <see cref="Receive"/> spent on the receiving rank's own core (its exit, injection and handler):
/// what an unsolicited message (the io profile's) costs the rank there.</param>
public sealed record MessagePath(EventCost Send, EventCost Receive, EventCost TargetCore, EventCost? Relay)
{
    /// <summary>No cost beyond the wire: a polled interconnect, or a stack without any.</summary>
    public static readonly MessagePath Free = new(new EventCost(), new EventCost(), new EventCost(), null);
}
