using NodeSim.Models.Parameters;

namespace NodeSim.Models.NodeKernels;

/// <summary>
/// The built-in node kernels, each value with its source. To add a kernel: declare its preset (a
/// file of its own, as <see cref="Linux"/> here) and register it in <see cref="Registries.ModelCatalogue.BuiltIn"/>.
/// </summary>
public static class NodeKernelPresets
{
    /// <summary>Linux (a full-weight kernel), as on the paper-era ARM boards.</summary>
    public static readonly Preset<NodeKernel> LinuxPreset = new("linux", "Linux, a full-weight kernel (FWK), as on the paper-era ARM boards",
        new NodeKernel(
            Name: "linux",
            TickHz: 250,
            TickHandlerCycles: 3_500,
            PollutionCycles: 3_500,
            DaemonRatePerSecond: 5,
            DaemonMedianSeconds: 30e-6,
            DaemonLogSigma: 1.0,
            IrqHandlerCycles: 5_000,
            HousekeepingCores: 0,
            NetTxCycles: 15_000,
            NetRxCycles: 20_000,
            Pages: PagePolicy.SmallPages),
        new Dictionary<string, Source>
        {
            ["tick_hz"] = Source.Cited("design guide §3.2: CONFIG_HZ=250 on the paper-era boards, tick kept while busy"),
            ["tick_handler_cycles"] = Source.Cited("design guide: a tick handler of a few µs (3,500 cycles ≈ 3 µs at 1.152 GHz)"),
            ["pollution_cycles"] = Source.Cited("design guide: about as much again in cache/TLB pollution; with the handler, 0.6% at 1000 Hz (Tsafrir et al. 2007: 0.5–1.5%)"),
            ["daemon_rate_per_second"] = Source.Assume("5 activations per second per core (kworkers, RCU, softirqs); no per-core figure for the paper-era boards was found; swept 1–50/s", 1, 50),
            ["daemon_median_seconds"] = Source.Cited("design guide: tens of µs median; swept 10–100 µs", 10e-6, 100e-6),
            ["daemon_log_sigma"] = Source.Cited("design guide: a tail to ~1 ms (σ = 1 puts the 99.9th percentile at ≈ 0.7 ms); the osnoise figures it quotes (de Oliveira, Casini, Cucinotta, IEEE TC 2023) saw at most 36 µs on a normal x86 CPU, which σ ≈ 0.3 fits; swept 0.3–1.5", 0.3, 1.5),
            ["irq_handler_cycles"] = Source.Assume("generic IRQ layer and a driver, ~4 µs; swept 2,000–10,000", 2_000, 10_000),
            ["housekeeping_cores"] = Source.Cited("a default install: no isolcpus/nohz_full, every core runs the kernel's threads and takes interrupts"),
            ["net_tx_cycles"] = Source.Assume("TCP/IP send of a small message through the socket layer and the driver, ~13 µs on a 1.15 GHz Cortex-A53; swept 5,000–40,000", 5_000, 40_000),
            ["net_rx_cycles"] = Source.Assume("TCP/IP receive up to waking the rank, ~17 µs: with send and a few µs on the wire a one-way latency of tens of µs, as kernel TCP on 1 GbE gives; swept 5,000–40,000", 5_000, 40_000),
            ["pages"] = Source.Cited("design guide: 4 KB pages by default (THP an option)"),
        });

    /// <summary>Kitten (a lightweight kernel).</summary>
    public static readonly Preset<NodeKernel> KittenPreset = new("kitten", "Kitten, a lightweight kernel (LWK)",
        new NodeKernel(
            Name: "kitten",
            TickHz: 1,
            TickHandlerCycles: 1_700,
            PollutionCycles: 1_700,
            DaemonRatePerSecond: 0,
            DaemonMedianSeconds: 30e-6,
            DaemonLogSigma: 1.0,
            IrqHandlerCycles: 2_000,
            HousekeepingCores: 0,
            NetTxCycles: 15_000,
            NetRxCycles: 20_000,
            Pages: PagePolicy.HugePages),
        new Dictionary<string, Source>
        {
            ["tick_hz"] = Source.Cited("design guide §3.2: 1 Hz"),
            ["tick_handler_cycles"] = Source.Cited("design guide: ~1–2 µs handler"),
            ["pollution_cycles"] = Source.Assume("as Linux: about the handler's cost again; swept 0–5,000", 0, 5_000),
            ["daemon_rate_per_second"] = Source.Cited("design guide: essentially no other noise"),
            ["daemon_median_seconds"] = Source.Assume("unused while the rate is 0; as Linux, and swept as Linux's, 10–100 µs", 10e-6, 100e-6),
            ["daemon_log_sigma"] = Source.Assume("unused while the rate is 0; as Linux, and swept as Linux's, 0.3–1.5", 0.3, 1.5),
            ["irq_handler_cycles"] = Source.Assume("a minimal IRQ path, ~1.7 µs; swept 1,000–5,000", 1_000, 5_000),
            ["housekeeping_cores"] = Source.Cited("design guide: Kitten has essentially no other noise to move off the application cores"),
            ["net_tx_cycles"] = Source.Assume("as Linux's: Kitten's stack is lwIP (HobbesOSR/kitten net/: a tcpip_thread hand-off per socket call, default opt.h), with no measured cost and no driver for the Pine A64's Ethernet, so no advantage is assumed; swept 1,000–40,000 (a third of Linux's, NodeSim's value before issue 28, at the low end)", 1_000, 40_000),
            ["net_rx_cycles"] = Source.Assume("as Linux's, for the same reason as net_tx_cycles; swept 1,000–40,000", 1_000, 40_000),
            ["pages"] = Source.Cited("design guide: application memory physically contiguous in 2 MB pages, allocated up front"),
        });

    /// <summary>
    /// Linux tuned for HPC as a reviewer would ask: nohz_full on the application cores (the tick
    /// stopped down to a residual 1 Hz while one task runs), its threads and device interrupts moved
    /// to a housekeeping core that runs no rank, transparent huge pages for application memory.
    /// </summary>
    public static readonly Preset<NodeKernel> LinuxTunedPreset = new("linux-tuned",
        "Linux tuned for HPC: nohz_full application cores, threads and interrupts on one housekeeping core per node, THP",
        LinuxPreset.Model with
        {
            Name = "linux-tuned",
            TickHz = 1,
            HousekeepingCores = 1,
            Pages = new PagePolicy(0.95),
        },
        new Dictionary<string, Source>(LinuxPreset.Values().Select(v => KeyValuePair.Create(v.Path, v.Source)))
        {
            ["tick_hz"] = Source.Cited("kernel docs, timers/no_hz.rst: with nohz_full and one runnable task the tick is reduced to once per second (for scheduler statistics)"),
            ["housekeeping_cores"] = Source.Cited("kernel docs, admin-guide/kernel-per-CPU-kthreads.rst: bind kthreads and IRQs to a \"housekeeping\" CPU; one per node (the Pine A64 has four cores)"),
            ["pages.huge_page_fraction"] = Source.Assume("THP (enabled=always) backs most of a large anonymous heap with 2 MB pages; 95 %, the rest where alignment or fragmentation prevents it; swept 80–100 %", 0.8, 1.0),
        });

    public static NodeKernel Linux => LinuxPreset.Model;
    public static NodeKernel Kitten => KittenPreset.Model;
    public static NodeKernel LinuxTuned => LinuxTunedPreset.Model;
}
