using NodeSim.Models.Parameters;

namespace NodeSim.Models.Network;

/// <summary>How a message reaches the receiving rank.</summary>
public enum Delivery
{
    /// <summary>The receiver polls (MPI on an HPC fabric, in user space): no interrupt, no kernel on the message's path.</summary>
    Polled,
    /// <summary>The NIC raises an interrupt and the node's kernel network stack carries the message (MPI over kernel TCP).</summary>
    Interrupt,
}

/// <summary>
/// The network between nodes, as the collectives and the io profile see it. A stage's message
/// between nodes takes the profile's stage latency α on the wire plus β per byte; how it is
/// delivered decides what else it costs: nothing more when polled; when interrupt-driven, the
/// sending and receiving kernels' network stacks and, under a hypervisor, the primary's relay
/// (<see cref="Isolation.IsolationStack.MessagePath"/>). Messages between ranks of one node go
/// through shared memory (α only). The parameters: <see cref="Catalogue"/>; the presets and their
/// sources: <see cref="Interconnects"/>.
/// </summary>
/// <param name="SecondsPerByte">β: the wire's time per byte.</param>
/// <param name="MessagesPerInterrupt">Interrupt coalescing: messages per interrupt (1: one each). Divides every per-interrupt cost.</param>
public sealed record Interconnect(string Name, double SecondsPerByte, Delivery Delivery, int MessagesPerInterrupt) : IParameterized
{
    public static ParameterSet Catalogue { get; } = ParameterSet.For<Interconnect>("interconnect")
        .Number("seconds_per_byte", "s/B", 0, 1e-3, "β: the wire's time per byte of a message between nodes",
            i => i.SecondsPerByte, (i, v) => i with { SecondsPerByte = v })
        .Choice("delivery", "how a message reaches the receiving rank: polled (no interrupt, no kernel) or interrupt (the kernel's network stack)",
            [("polled", Delivery.Polled), ("interrupt", Delivery.Interrupt)], i => i.Delivery, (i, v) => i with { Delivery = v })
        .Integer("messages_per_interrupt", "1", 1, 1024, "interrupt coalescing: messages delivered per interrupt",
            i => i.MessagesPerInterrupt, (i, v) => i with { MessagesPerInterrupt = (int)v })
        .Build();

    public ParameterSet Parameters => Catalogue;

    public bool Interrupts => Delivery == Delivery.Interrupt;

    /// <summary>Throws <see cref="ParameterException"/> for a value outside its range.</summary>
    public void Validate() => Catalogue.Check(this);
}

/// <summary>The built-in interconnects, each value with its source. To add one: declare its preset and register it in <see cref="Registries.ModelCatalogue.BuiltIn"/>.</summary>
public static class Interconnects
{
    /// <summary>Today's behaviour, the default: an HPC fabric that MPI polls, so results stay comparable.</summary>
    public static readonly Preset<Interconnect> PolledPreset = new("polled",
        "an HPC fabric polled by MPI in user space: the profile's stage latency, no interrupt, no kernel on the message path",
        new Interconnect("polled", 0, Delivery.Polled, 1),
        new Dictionary<string, Source>
        {
            ["seconds_per_byte"] = Source.Cited("the collectives' messages are a few bytes; the profile's α holds the whole stage latency (NodeSim's model before issue 18)"),
            ["delivery"] = Source.Cited("MPI on HPC interconnects polls completion queues in user space"),
            ["messages_per_interrupt"] = Source.Cited("unused when polled"),
        });

    /// <summary>The Pine A64's 1 GbE MAC under kernel TCP: the cluster the paper's boards would form.</summary>
    public static readonly Preset<Interconnect> GigeTcpPreset = new("gige-tcp",
        "the Pine A64's 1 GbE under kernel TCP: β = 8 ns/B, an interrupt per message, each kernel's network stack on every message",
        new Interconnect("gige-tcp", 8e-9, Delivery.Interrupt, 1),
        new Dictionary<string, Source>
        {
            ["seconds_per_byte"] = Source.Cited("1 Gb/s = 125 MB/s: 8 ns per byte on the wire"),
            ["delivery"] = Source.Cited("the Pine A64 has no RDMA NIC: MPI runs over kernel TCP, each message raises an interrupt"),
            ["messages_per_interrupt"] = Source.Assume("no coalescing (ethtool rx-usecs 0), as latency-bound MPI runs tune it; swept in Scenarios/sensitivity.yaml"),
        });

    public static Interconnect Polled => PolledPreset.Model;
    public static Interconnect GigeTcp => GigeTcpPreset.Model;
}
