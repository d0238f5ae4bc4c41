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
/// The network between nodes in LogGP terms (Alexandrov et al., SPAA'95; LogGOPSim's LogGOPS,
/// Hoefler, Schneider and Lumsdaine, HPDC'10): a message of b bytes costs its sender
/// <see cref="OverheadSeconds"/> (o) of CPU time, then <see cref="LatencySeconds"/> (L) plus
/// <see cref="SecondsPerByte"/> (G) per byte on the wire, then its receiver o of CPU time; a rank's
/// NIC starts consecutive messages at least <see cref="GapSeconds"/> (g) plus G per byte apart.
/// o is time on the core, so a detour during a send or a receive delays it; L and G are not.
/// Messages between ranks of one node go through MPI's shared memory: o, then
/// <see cref="SharedMemoryLatencySeconds"/> and <see cref="SharedMemorySecondsPerByte"/>, then o.
/// How a message is delivered decides what else it costs: nothing more when polled; when
/// interrupt-driven, the kernels' network stacks and, under a hypervisor, its I/O path
/// (<see cref="Isolation.IsolationStack.MessagePath"/>). The parameters: <see cref="Catalogue"/>;
/// the presets and their sources: <see cref="Interconnects"/>.
/// </summary>
/// <param name="LatencySeconds">L: wire, switch and NIC latency of a message between nodes.</param>
/// <param name="OverheadSeconds">o: the MPI library's CPU time per send and per receive (each), beyond any kernel's.</param>
/// <param name="GapSeconds">g: least time between the starts of consecutive messages from one rank's NIC.</param>
/// <param name="SecondsPerByte">G: the wire's time per byte.</param>
/// <param name="SharedMemoryLatencySeconds">A message's latency between ranks of one node (shared memory), beyond o.</param>
/// <param name="SharedMemorySecondsPerByte">Shared memory's time per byte (the copies in and out).</param>
/// <param name="MessagesPerInterrupt">Interrupt coalescing: messages per interrupt (1: one each). Divides every per-interrupt cost.</param>
public sealed record Interconnect(string Name, double LatencySeconds, double OverheadSeconds, double GapSeconds, double SecondsPerByte,
    double SharedMemoryLatencySeconds, double SharedMemorySecondsPerByte, Delivery Delivery, int MessagesPerInterrupt) : IParameterized
{
    public static ParameterSet Catalogue { get; } = ParameterSet.For<Interconnect>("interconnect")
        .Number("latency_seconds", "s", 0, 1e-2, "L: wire, switch and NIC latency of a message between nodes",
            i => i.LatencySeconds, (i, v) => i with { LatencySeconds = v })
        .Number("overhead_seconds", "s", 0, 1e-2, "o: CPU time of the MPI library per send and per receive (each), on the rank's core and stretched by noise",
            i => i.OverheadSeconds, (i, v) => i with { OverheadSeconds = v })
        .Number("gap_seconds", "s", 0, 1e-2, "g: least time between the starts of consecutive messages from one rank",
            i => i.GapSeconds, (i, v) => i with { GapSeconds = v })
        .Number("seconds_per_byte", "s/B", 0, 1e-3, "G: the wire's time per byte of a message between nodes",
            i => i.SecondsPerByte, (i, v) => i with { SecondsPerByte = v })
        .Number("shared_memory_latency_seconds", "s", 0, 1e-2, "latency of a message between ranks of one node (MPI's shared memory), beyond o",
            i => i.SharedMemoryLatencySeconds, (i, v) => i with { SharedMemoryLatencySeconds = v })
        .Number("shared_memory_seconds_per_byte", "s/B", 0, 1e-3, "shared memory's time per byte of a message between ranks of one node",
            i => i.SharedMemorySecondsPerByte, (i, v) => i with { SharedMemorySecondsPerByte = v })
        .Choice("delivery", "how a message reaches the receiving rank: polled (no interrupt, no kernel) or interrupt (the kernel's network stack)",
            [("polled", Delivery.Polled), ("interrupt", Delivery.Interrupt)], i => i.Delivery, (i, v) => i with { Delivery = v })
        .Integer("messages_per_interrupt", "1", 1, 1024, "interrupt coalescing: messages delivered per interrupt",
            i => i.MessagesPerInterrupt, (i, v) => i with { MessagesPerInterrupt = (int)v })
        .Build();

    public ParameterSet Parameters => Catalogue;

    public bool Interrupts => Delivery == Delivery.Interrupt;

    /// <summary>A message's time on the wire between nodes or through shared memory within one: latency plus bytes × time per byte.</summary>
    public double WireSeconds(bool betweenNodes, long bytes) => betweenNodes
        ? LatencySeconds + SecondsPerByte * bytes
        : SharedMemoryLatencySeconds + SharedMemorySecondsPerByte * bytes;

    /// <summary>Throws <see cref="ParameterException"/> for a value outside its range.</summary>
    public void Validate() => Catalogue.Check(this);
}

/// <summary>The built-in interconnects, each value with its source. To add one: declare its preset and register it in <see cref="Registries.ModelCatalogue.BuiltIn"/>.</summary>
public static class Interconnects
{
    private static readonly Source LogGopSim = Source.Cited("LogGOPSim's documented defaults (spcl/LogGOPSim simulator.ggo: L = 2500, o = 1500, g = 1000 ns, G = 6 ns/B; Hoefler, Schneider, Lumsdaine, HPDC'10)");
    private static readonly Source ShmLatency = Source.Assume("MPI's shared-memory path on a Cortex-A53: ~1 µs one way (sub-µs on x86 servers); swept 0.2–5 µs", 0.2e-6, 5e-6);
    private static readonly Source MpiPolls = Source.Cited("MPI on HPC interconnects polls completion queues in user space");
    private static readonly Source UnusedWhenPolled = Source.Cited("unused when polled");
    private static readonly Source ShmPerByte = Source.Assume("a copy in and a copy out at ≈ 3.4 B/cycle (Hafnium's mailbox_copy_cycles_per_kib) on a 1.15 GHz Cortex-A53: 0.5 ns/B; swept 0.25–1 ns/B (a copy at 7 down to 1.7 B/cycle)", 0.25e-9, 1e-9);

    /// <summary>NodeSim's model before issue 28, kept so that its results stay reproducible: o = 0, every message the same 10 µs.</summary>
    public static readonly Preset<Interconnect> PolledPreset = new("polled",
        "NodeSim's model before issue 28: an HPC fabric polled by MPI in user space, o = 0 (no CPU time per message), every message 10 µs, no interrupt",
        new Interconnect("polled", 10e-6, 0, 0, 0, 10e-6, 0, Delivery.Polled, 1),
        new Dictionary<string, Source>
        {
            ["latency_seconds"] = Source.Assume("a collective stage's latency before issue 28, 2α with α = 5 µs (a small-cluster Ethernet/RDMA latency): an allreduce's stages keep their numbers; a barrier's (α before) now cost the same, as LogGP gives both one message per stage; swept 2–20 µs, an RDMA fabric's to a slow Ethernet's", 2e-6, 20e-6),
            ["overhead_seconds"] = Source.Cited("o = 0: the message costs its sender and receiver no CPU time, so a detour shorter than a stage's slack is absorbed (the choice issue 28 questions)"),
            ["gap_seconds"] = Source.Cited("no gap: one message per rank per stage"),
            ["seconds_per_byte"] = Source.Cited("the collectives' messages are a few bytes; the latency holds the whole message (NodeSim's model before issue 18)"),
            ["shared_memory_latency_seconds"] = Source.Cited("before issue 28 a stage within a node cost what one between nodes did"),
            ["shared_memory_seconds_per_byte"] = Source.Cited("as seconds_per_byte"),
            ["delivery"] = MpiPolls,
            ["messages_per_interrupt"] = UnusedWhenPolled,
        });

    /// <summary>The default: an HPC fabric with LogGOPSim's documented LogGP parameters, polled by MPI.</summary>
    public static readonly Preset<Interconnect> HpcPreset = new("hpc",
        "an HPC fabric with LogGOPSim's documented LogGP defaults (L 2.5 µs, o 1.5 µs, g 1 µs, G 6 ns/B), polled by MPI in user space",
        new Interconnect("hpc", 2.5e-6, 1.5e-6, 1e-6, 6e-9, 1e-6, 0.5e-9, Delivery.Polled, 1),
        new Dictionary<string, Source>
        {
            ["latency_seconds"] = LogGopSim,
            ["overhead_seconds"] = LogGopSim,
            ["gap_seconds"] = LogGopSim,
            ["seconds_per_byte"] = LogGopSim,
            ["shared_memory_latency_seconds"] = ShmLatency,
            ["shared_memory_seconds_per_byte"] = ShmPerByte,
            ["delivery"] = MpiPolls,
            ["messages_per_interrupt"] = UnusedWhenPolled,
        });

    /// <summary>A measured QDR InfiniBand fabric: Netgauge's LogGP fit on ANL's Tukey cluster (MVAPICH).</summary>
    public static readonly Preset<Interconnect> IbQdrPreset = new("ib-qdr",
        "QDR InfiniBand as measured by Netgauge on ANL's Tukey cluster under MVAPICH (L 4.6 µs, o 1.1 µs, g 1.1 µs, G 0.5 ns/B), polled",
        new Interconnect("ib-qdr", 4.6e-6, 1.1e-6, 1.1e-6, 0.5e-9, 1e-6, 0.5e-9, Delivery.Polled, 1),
        new Dictionary<string, Source>
        {
            ["latency_seconds"] = Source.Cited("codes-org/codes tests/conf/ng-mpi-tukey.dat (Netgauge, MVAPICH over InfiniBand on Tukey, ANL): L = PRTT(1,0,1)/2 = 6.78 µs holds both overheads; 6.78 − 1.1 − 1.1 ≈ 4.6 µs"),
            ["overhead_seconds"] = Source.Cited("ng-mpi-tukey.dat: o_s 1.10–1.15 µs, o_r 1.06–1.14 µs for 1 B–1 KiB"),
            ["gap_seconds"] = Source.Cited("ng-mpi-tukey.dat: g ≈ 1.08 µs for 2 B–1 KiB"),
            ["seconds_per_byte"] = Source.Cited("ng-mpi-tukey.dat: G ≈ 0.000498 µs/B for messages ≥ 256 KiB (≈ 2 GB/s)"),
            ["shared_memory_latency_seconds"] = ShmLatency,
            ["shared_memory_seconds_per_byte"] = ShmPerByte,
            ["delivery"] = MpiPolls,
            ["messages_per_interrupt"] = UnusedWhenPolled,
        });

    /// <summary>The Pine A64's 1 GbE MAC under kernel TCP: the cluster the paper's boards would form.</summary>
    public static readonly Preset<Interconnect> GigeTcpPreset = new("gige-tcp",
        "the Pine A64's 1 GbE under kernel TCP: L 10 µs, G 8 ns/B, an interrupt per message, each kernel's network stack on every message",
        new Interconnect("gige-tcp", 10e-6, 0, 0, 8e-9, 1e-6, 0.5e-9, Delivery.Interrupt, 1),
        new Dictionary<string, Source>
        {
            ["latency_seconds"] = Source.Assume("wire, switch and both MACs: 0.7 µs for a minimal frame at 1 Gb/s, a store-and-forward switch and DMA of a few µs each; 10 µs, the stage latency before issue 28; swept 5–50 µs. With the kernels' stacks (net_tx/net_rx_cycles) a one-way latency of ~45 µs results; NetPIPE on an Odroid-C2 cluster saw ~500 µs flat to 8 KiB (nektar.info, \"Nektar++ on Clowder\"), which looks like interrupt coalescing (messages_per_interrupt)", 5e-6, 50e-6),
            ["overhead_seconds"] = Source.Cited("the CPU time per message is the kernels' (their net_tx_cycles and net_rx_cycles, and under Hafnium its I/O path); MPI's own part is taken as 0"),
            ["gap_seconds"] = Source.Cited("the NIC's gap is its per-byte time at these sizes"),
            ["seconds_per_byte"] = Source.Cited("1 Gb/s = 125 MB/s: 8 ns per byte on the wire (TCP goodput ≈ 940 Mb/s, 8.5 ns/B)"),
            ["shared_memory_latency_seconds"] = ShmLatency,
            ["shared_memory_seconds_per_byte"] = ShmPerByte,
            ["delivery"] = Source.Cited("the Pine A64 has no RDMA NIC: MPI runs over kernel TCP, each message raises an interrupt"),
            ["messages_per_interrupt"] = Source.Assume("no coalescing (ethtool rx-usecs 0), as latency-bound MPI runs tune it; swept 1–16 messages per interrupt", 1, 16),
        });

    public static Interconnect Polled => PolledPreset.Model;
    public static Interconnect Hpc => HpcPreset.Model;
    public static Interconnect GigeTcp => GigeTcpPreset.Model;
}
