using NodeSim.Models.Parameters;

namespace NodeSim.Models.NodeKernels;

/// <summary>
/// The built-in node kernels, each value with its source. To add a kernel: declare its preset (a
/// file of its own, as <see cref="Linux"/> here) and add it to <see cref="Registry"/>.
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
            PreemptProbability: 0.02,
            PreemptMedianSeconds: 50e-6,
            PreemptLogSigma: 1.0,
            IrqHandlerCycles: 5_000,
            Pages: PagePolicy.SmallPages),
        new Dictionary<string, Source>
        {
            ["tick_hz"] = Source.Cited("design guide §3.2: CONFIG_HZ=250 on the paper-era boards, tick kept while busy"),
            ["tick_handler_cycles"] = Source.Cited("design guide: a tick handler of a few µs (3,500 cycles ≈ 3 µs at 1.152 GHz)"),
            ["pollution_cycles"] = Source.Cited("design guide: about as much again in cache/TLB pollution; with the handler, 0.6% at 1000 Hz (Tsafrir et al. 2007: 0.5–1.5%)"),
            ["daemon_rate_per_second"] = Source.Assume("5 activations per second per core (kworkers, RCU, softirqs)"),
            ["daemon_median_seconds"] = Source.Cited("design guide: tens of µs median"),
            ["daemon_log_sigma"] = Source.Cited("design guide: a tail to ~1 ms (σ = 1 puts the 99.9th percentile at ≈ 0.7 ms)"),
            ["preempt_probability"] = Source.Assume("the vCPU loop is a CFS thread; 2% of re-entries find another thread runnable (design guide: it can be delayed)"),
            ["preempt_median_seconds"] = Source.Assume("a typical kworker/softirq slice, 50 µs"),
            ["preempt_log_sigma"] = Source.Assume("as the daemons' σ"),
            ["irq_handler_cycles"] = Source.Assume("generic IRQ layer and a driver, ~4 µs"),
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
            PreemptProbability: 0,
            PreemptMedianSeconds: 50e-6,
            PreemptLogSigma: 1.0,
            IrqHandlerCycles: 2_000,
            Pages: PagePolicy.HugePages),
        new Dictionary<string, Source>
        {
            ["tick_hz"] = Source.Cited("design guide §3.2: 1 Hz"),
            ["tick_handler_cycles"] = Source.Cited("design guide: ~1–2 µs handler"),
            ["pollution_cycles"] = Source.Assume("as Linux: about the handler's cost again"),
            ["daemon_rate_per_second"] = Source.Cited("design guide: essentially no other noise"),
            ["daemon_median_seconds"] = Source.Assume("unused while the rate is 0; as Linux"),
            ["daemon_log_sigma"] = Source.Assume("unused while the rate is 0; as Linux"),
            ["preempt_probability"] = Source.Cited("design guide: Kitten's vCPU thread re-enters at once unless a reschedule is pending"),
            ["preempt_median_seconds"] = Source.Assume("unused while the probability is 0; as Linux"),
            ["preempt_log_sigma"] = Source.Assume("unused while the probability is 0; as Linux"),
            ["irq_handler_cycles"] = Source.Assume("a minimal IRQ path, ~1.7 µs"),
            ["pages"] = Source.Cited("design guide: application memory physically contiguous in 2 MB pages, allocated up front"),
        });

    /// <summary>Every node kernel a stack can name.</summary>
    public static Registry<Preset<NodeKernel>> Registry { get; } = new Registry<Preset<NodeKernel>>("node kernel", p => p.Name)
        .Add(LinuxPreset)
        .Add(KittenPreset);

    public static NodeKernel Linux => LinuxPreset.Model;
    public static NodeKernel Kitten => KittenPreset.Model;
}
